/**
 * Where credentials come from, as Docker finds them. Credential helpers are real executables
 * written to a temporary PATH directory, run exactly as Docker runs them.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DigestGateError } from '../../../src/model/errors.js'
import {
  credentialHelperProgram,
  runCredentialHelper
} from '../../../src/sources/registry/credential-helper.js'
import { ACR_TOKEN_USER } from '../../../src/sources/registry/credential.js'
import {
  createCredentialLookup,
  credentialFromAuth,
  findKey
} from '../../../src/sources/registry/credentials.js'

const b64 = (s: string): string => Buffer.from(s).toString('base64')

/** Whether a process of this id exists (signal 0 only asks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

let dir: string
let bin: string
let configDir: string

/** A helper script: answers `answer` for `server`, "not found" otherwise; records its stdin. */
async function helper(name: string, body: string): Promise<void> {
  const file = join(bin, `docker-credential-${name}`)
  await writeFile(file, `#!/bin/sh\n[ "$1" = get ] || exit 3\n${body}\n`)
  await chmod(file, 0o755)
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: dir, DOCKER_CONFIG: configDir, ...extra }
}

async function writeConfig(config: unknown): Promise<void> {
  await writeFile(join(configDir, 'config.json'), JSON.stringify(config))
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dg-cred-'))
  bin = join(dir, 'bin')
  configDir = join(dir, 'docker')
  await import('node:fs/promises').then(fs => Promise.all([fs.mkdir(bin), fs.mkdir(configDir)]))
  // Reads stdin byte for byte (a trailing newline would survive the `x` trick).
  await helper(
    'good',
    `url=$(cat; echo x); url=\${url%x}
if [ "$url" = "registry.example:5000" ] || [ "$url" = "https://index.docker.io/v1/" ]; then
  printf '{"ServerURL":"%s","Username":"alice","Secret":"helper-secret"}' "$url"
else
  echo "credentials not found in native keychain"; exit 1
fi`
  )
  await helper(
    'token',
    `cat >/dev/null; printf '{"ServerURL":"x","Username":"<token>","Secret":"refresh-123"}'`
  )
  await helper(
    'broken',
    `cat >/dev/null; echo "error getting credentials - err: exit status 1, out: keychain locked" >&2; exit 1`
  )
  // A wrapper script, as many helpers are: its child inherits the pipes and outlives the kill.
  await helper(
    'hang',
    `echo $$ >> "${join(dir, 'hang.shells')}"; sleep 30 & echo $! >> "${join(dir, 'hang.pids')}"; wait`
  )
  await helper('garbage', `cat >/dev/null; echo 'not json'`)
})

afterAll(async () => {
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
})

afterEach(async () => {
  await rm(join(configDir, 'config.json'), { force: true })
})

describe('config.json auths entries', () => {
  test.each([
    [
      'auth splits at the first colon',
      { auth: b64('bob:pa:ss') },
      { username: 'bob', password: 'pa:ss' }
    ],
    [
      'username and password fields',
      { username: 'bob', password: 'pw' },
      { username: 'bob', password: 'pw' }
    ],
    ['identitytoken', { auth: b64(':'), identitytoken: 'idt' }, { identityToken: 'idt' }],
    ['registrytoken', { registrytoken: 'rt' }, { registryToken: 'rt' }],
    ['<token> user means a refresh token', { auth: b64('<token>:rft') }, { identityToken: 'rft' }],
    [
      'ACR zero GUID means a refresh token',
      { auth: b64(`${ACR_TOKEN_USER}:acr-rt`) },
      { identityToken: 'acr-rt', username: ACR_TOKEN_USER }
    ]
  ])('%s', (_name, entry, expected) => {
    expect(credentialFromAuth(entry)).toMatchObject(expected)
  })

  test('an empty entry (credsStore keeps the secret) is no credential', () => {
    expect(credentialFromAuth({})).toBeUndefined()
  })

  test.each([
    ['docker.io', { 'https://index.docker.io/v1/': 1 }, 1],
    ['docker.io', { 'index.docker.io': 2 }, 2],
    ['docker.io', { 'https://registry-1.docker.io/v2/': 3 }, 3],
    ['ghcr.io', { 'https://ghcr.io': 4 }, 4],
    ['ghcr.io', { 'ghcr.io': 5, 'https://ghcr.io': 6 }, 5],
    ['localhost:5000', { 'http://localhost:5000/v2/': 7 }, 7],
    ['localhost:5000', { 'localhost:5001': 8 }, undefined],
    ['ghcr.io', { 'https://index.docker.io/v1/': 9 }, undefined]
  ])('finds the entry for %s in %j', (registry, map, expected) => {
    expect(findKey(map as Record<string, number>, registry)).toBe(expected)
  })
})

describe('credential helpers, run as Docker runs them', () => {
  test.each([
    ['linux', 'pass', 'docker-credential-pass'],
    ['darwin', 'osxkeychain', 'docker-credential-osxkeychain'],
    ['win32', 'wincred', 'docker-credential-wincred.exe'],
    ['win32', 'desktop', 'docker-credential-desktop.exe']
  ] as const)('on %s, helper %s is the program %s', (platform, helper, program) => {
    expect(credentialHelperProgram(helper, platform)).toBe(program)
  })

  test('sends the server URL on stdin without a newline and reads the JSON answer', async () => {
    await expect(
      runCredentialHelper('good', 'registry.example:5000', env(), 5000)
    ).resolves.toMatchObject({
      username: 'alice',
      password: 'helper-secret'
    })
  })

  test('"credentials not found" is no credential, not an error', async () => {
    await expect(runCredentialHelper('good', 'other.example', env(), 5000)).resolves.toBeUndefined()
  })

  test('username <token> means the secret is an identity token', async () => {
    await expect(runCredentialHelper('token', 'x', env(), 5000)).resolves.toMatchObject({
      identityToken: 'refresh-123'
    })
  })

  test.each([
    [
      'broken',
      /credential helper docker-credential-broken failed for r\.example \(exit 1\): error getting credentials .*keychain locked/
    ],
    ['missing', /docker-credential-missing is configured for r\.example but is not on PATH/],
    ['garbage', /docker-credential-garbage answered something that is not JSON/]
  ])('a %s helper gets a clear error naming it', async (name, message) => {
    const e = await runCredentialHelper(name, 'r.example', env(), 5000).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(DigestGateError)
    expect((e as Error).message).toMatch(message)
  })

  test('a hanging helper is killed at the timeout', async () => {
    const e = await runCredentialHelper('hang', 'r.example', env(), 300).catch((x: unknown) => x)
    expect((e as DigestGateError).kind).toBe('timeout')
    expect((e as Error).message).toMatch(/did not answer within 0\.3 s/)
    // Killed, not waited for: the helper goes while the child it started, which would keep its
    // pipes for 30 s, lives on.
    const last = async (file: string) =>
      Number((await readFile(join(dir, file), 'utf8')).trim().split('\n').pop())
    const [shell, orphan] = [await last('hang.shells'), await last('hang.pids')]
    while (alive(shell)) await new Promise(resolve => setTimeout(resolve, 10))
    expect(alive(orphan)).toBe(true)
  })

  test('a timed-out helper leaves no pipe open, even while its own child lives on', async () => {
    const pipes = (): number =>
      process.getActiveResourcesInfo().filter(r => r === 'PipeWrap').length
    const before = pipes()
    await runCredentialHelper('hang', 'r.example', env(), 300).catch(() => undefined)
    // Closes finish a few event-loop turns later; a pipe held by the orphan would stay for 30 s.
    for (let i = 0; i < 100 && pipes() > before; i++) await new Promise(r => setTimeout(r, 20))
    expect(pipes()).toBe(before)
  })
})

describe('the lookup order', () => {
  test('explicit inputs beat everything for their registry only', async () => {
    await writeConfig({ auths: { 'registry.example:5000': { auth: b64('file:pw') } } })
    const lookup = createCredentialLookup({
      explicit: { registry: 'registry.example:5000', username: 'input', password: 'pw' },
      env: env()
    })
    await expect(lookup('registry.example:5000')).resolves.toMatchObject({ username: 'input' })
    await expect(lookup('docker.io')).resolves.toBeUndefined()
  })

  test('DOCKER_AUTH_CONFIG beats config.json', async () => {
    await writeConfig({ auths: { 'registry.example:5000': { auth: b64('file:pw') } } })
    const lookup = createCredentialLookup({
      env: env({
        DOCKER_AUTH_CONFIG: JSON.stringify({
          auths: { 'registry.example:5000': { auth: b64('envuser:pw') } }
        })
      })
    })
    await expect(lookup('registry.example:5000')).resolves.toMatchObject({
      username: 'envuser',
      origin: 'DOCKER_AUTH_CONFIG'
    })
  })

  test('credHelpers beats credsStore, which beats auths', async () => {
    await writeConfig({
      credHelpers: { 'registry.example:5000': 'good' },
      credsStore: 'broken',
      auths: {
        'registry.example:5000': { auth: b64('file:pw') },
        'plain.example': { auth: b64('file:pw') }
      }
    })
    const lookup = createCredentialLookup({ env: env() })
    await expect(lookup('registry.example:5000')).resolves.toMatchObject({ username: 'alice' })
    // plain.example has no helper of its own, so the store runs, and it fails.
    await expect(lookup('plain.example')).rejects.toThrow(/docker-credential-broken failed/)
  })

  test('Docker Hub is asked for under its legacy URL', async () => {
    await writeConfig({ credsStore: 'good' })
    const lookup = createCredentialLookup({ env: env() })
    await expect(lookup('docker.io')).resolves.toMatchObject({ username: 'alice' })
  })

  test('GITHUB_TOKEN serves ghcr.io only when nothing else names it', async () => {
    const lookup = createCredentialLookup({ env: env(), ghcrToken: 'ghs_abc' })
    await expect(lookup('ghcr.io')).resolves.toMatchObject({ password: 'ghs_abc' })
    await expect(lookup('docker.io')).resolves.toBeUndefined()
    await writeConfig({ auths: { 'ghcr.io': { auth: b64('me:pat') } } })
    const again = createCredentialLookup({ env: env(), ghcrToken: 'ghs_abc' })
    await expect(again('ghcr.io')).resolves.toMatchObject({ username: 'me', password: 'pat' })
  })

  test('every secret found is handed to onSecret before it is returned', async () => {
    await writeConfig({
      auths: {
        'a.example': { auth: b64('u:p1'), identitytoken: 'i1' },
        'b.example': { registrytoken: 'r1' }
      }
    })
    const seen: string[] = []
    const lookup = createCredentialLookup({ env: env(), onSecret: s => seen.push(s) })
    await lookup('a.example')
    await lookup('b.example')
    // The base64 `user:password` (config.json's `auth`, and the Basic header's value) too.
    expect(seen.sort()).toEqual([b64('u:p1'), 'i1', 'p1', 'r1'].sort())
  })

  test('a config.json that is not JSON is a clear error', async () => {
    await writeFile(join(configDir, 'config.json'), '{nope')
    const lookup = createCredentialLookup({ env: env() })
    await expect(lookup('a.example')).rejects.toThrow(/config\.json is not valid JSON/)
  })
})
