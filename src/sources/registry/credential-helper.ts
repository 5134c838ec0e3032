import { spawn } from 'node:child_process'
import { DigestGateError } from '../../model/errors.js'
import { type Credential, fromUserSecret } from './credential.js'

/**
 * Docker credential helpers (docker-credential-helpers' protocol): the `get` call, bounded in
 * time and output. Loaded only when config.json names a helper for a registry of the run.
 */

const HELPER_OUTPUT_CAP = 64 * 1024

/**
 * The executable for a credential helper: `docker-credential-<name>` (docker/cli
 * cli/config/credentials/native_store.go), `docker-credential-<name>.exe` on Windows, which is
 * what Go's exec.LookPath finds there for Docker and how `wincred` and Docker Desktop's `desktop`
 * ship. Naming the `.exe` keeps an extensionless file of that name on PATH (a script meant for
 * WSL or Git Bash) from being picked, and puts the exact file name in messages.
 */
export function credentialHelperProgram(
  helper: string,
  platform: NodeJS.Platform = process.platform
): string {
  return `docker-credential-${helper}${platform === 'win32' ? '.exe' : ''}`
}

/**
 * Runs `docker-credential-<helper> get` as Docker does (docker-credential-helpers client.go):
 * the server URL on stdin without a newline, JSON on stdout. "credentials not found" is not an
 * error; a helper that is missing, fails or hangs is, with a message that names it.
 */
export function runCredentialHelper(
  helper: string,
  serverUrl: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number
): Promise<Credential | undefined> {
  const program = credentialHelperProgram(helper)
  return new Promise((resolve, reject) => {
    let child
    try {
      child = spawn(program, ['get'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    } catch (e) {
      reject(
        new DigestGateError(
          'unauthorized',
          `credential helper ${program} could not start: ${(e as Error).message}`
        )
      )
      return
    }
    let stdout = ''
    let stderr = ''
    let settled = false
    const finish = (fn: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      fn()
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      // A helper that is a wrapper script leaves its own children holding these pipes after the
      // kill; waiting for their end of file would keep the whole run alive until they exit.
      child.stdin.destroy()
      child.stdout.destroy()
      child.stderr.destroy()
      finish(() =>
        reject(
          new DigestGateError(
            'timeout',
            `credential helper ${program} did not answer within ${timeoutMs / 1000} s for ${serverUrl}`
          )
        )
      )
    }, timeoutMs)
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < HELPER_OUTPUT_CAP) stdout += d.toString('utf8')
    })
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < HELPER_OUTPUT_CAP) stderr += d.toString('utf8')
    })
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish(() =>
        reject(
          new DigestGateError(
            'unauthorized',
            e.code === 'ENOENT'
              ? `credential helper ${program} is configured for ${serverUrl} but is not on PATH`
              : `credential helper ${program} failed to start: ${e.message}`
          )
        )
      )
    })
    child.on('close', code => {
      finish(() => {
        try {
          resolve(helperAnswer(program, serverUrl, code, stdout, stderr))
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)))
        }
      })
    })
    child.stdin.on('error', () => undefined)
    child.stdin.end(serverUrl)
  })
}

/**
 * What a helper's exit and output mean: a credential, none ("credentials not found", or no
 * secret), or an error that quotes the helper's words, never its stdout on success, which holds
 * the secret.
 */
function helperAnswer(
  program: string,
  serverUrl: string,
  code: number | null,
  stdout: string,
  stderr: string
): Credential | undefined {
  const said = (stdout.trim() || stderr.trim()).split('\n')[0].slice(0, 200)
  if (code !== 0) {
    if (/credentials not found/i.test(said)) return undefined
    throw new DigestGateError(
      'unauthorized',
      `credential helper ${program} failed for ${serverUrl} (exit ${code}): ${said}`
    )
  }
  let parsed: { Username?: unknown; Secret?: unknown }
  try {
    parsed = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown }
  } catch {
    throw new DigestGateError(
      'unauthorized',
      `credential helper ${program} answered something that is not JSON for ${serverUrl}`
    )
  }
  if (typeof parsed.Secret !== 'string' || !parsed.Secret) return undefined
  return fromUserSecret(
    typeof parsed.Username === 'string' ? parsed.Username : '',
    parsed.Secret,
    `credential helper ${program}`
  )
}
