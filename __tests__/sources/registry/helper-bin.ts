/**
 * Credential helpers as real executables in a temporary PATH directory, and a Docker config
 * folder beside them, shared by credentials.test.ts and credential-helper.test.ts.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface HelperBin {
  dir: string
  bin: string
  configDir: string
}

/** Whether a process of this id exists (signal 0 only asks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The environment a run gets: the helpers first on PATH, the config folder, no real HOME. */
export function helperEnv(h: HelperBin, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: `${h.bin}:${process.env.PATH ?? ''}`,
    HOME: h.dir,
    DOCKER_CONFIG: h.configDir,
    ...extra
  }
}

/** A helper script: answers `answer` for `server`, "not found" otherwise; records its stdin. */
async function helper(bin: string, name: string, body: string): Promise<void> {
  const file = join(bin, `docker-credential-${name}`)
  await writeFile(file, `#!/bin/sh\n[ "$1" = get ] || exit 3\n${body}\n`)
  await chmod(file, 0o755)
}

/** Writes the helpers: good, token, broken, hang (a wrapper whose child outlives it), garbage. */
export async function makeHelperBin(): Promise<HelperBin> {
  const dir = await mkdtemp(join(tmpdir(), 'dg-cred-'))
  const h = { dir, bin: join(dir, 'bin'), configDir: join(dir, 'docker') }
  await Promise.all([mkdir(h.bin), mkdir(h.configDir)])
  // Reads stdin byte for byte (a trailing newline would survive the `x` trick).
  await helper(
    h.bin,
    'good',
    `url=$(cat; echo x); url=\${url%x}
if [ "$url" = "registry.example:5000" ] || [ "$url" = "https://index.docker.io/v1/" ]; then
  printf '{"ServerURL":"%s","Username":"alice","Secret":"helper-secret"}' "$url"
else
  echo "credentials not found in native keychain"; exit 1
fi`
  )
  await helper(
    h.bin,
    'token',
    `cat >/dev/null; printf '{"ServerURL":"x","Username":"<token>","Secret":"refresh-123"}'`
  )
  await helper(
    h.bin,
    'broken',
    `cat >/dev/null; echo "error getting credentials - err: exit status 1, out: keychain locked" >&2; exit 1`
  )
  // A wrapper script, as many helpers are: its child inherits the pipes and outlives the kill.
  await helper(
    h.bin,
    'hang',
    `echo $$ >> "${join(dir, 'hang.shells')}"; sleep 30 & echo $! >> "${join(dir, 'hang.pids')}"; wait`
  )
  await helper(h.bin, 'garbage', `cat >/dev/null; echo 'not json'`)
  return h
}

/** Kills the hanging helper's orphaned children and removes the folder. */
export async function removeHelperBin(h: HelperBin): Promise<void> {
  const { dir } = h
  // The hanging helper's orphaned children; the helper itself was killed by the code under test.
  const orphans = await readFile(join(dir, 'hang.pids'), 'utf8').catch(() => '')
  for (const pid of orphans.split('\n').filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL')
    } catch {
      // already gone
    }
  }
  await rm(dir, { recursive: true, force: true })
}
