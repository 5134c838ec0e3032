import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { DigestGateError } from '../../errors.js'
import {
  DOCKER_HUB,
  DOCKER_HUB_ALIASES,
  DOCKER_HUB_CONFIG_KEY,
  serverAddress
} from '../../docker-hub.js'

/**
 * Where credentials come from for one registry, in Docker's order: the action's own
 * `registry`/`username`/`password`, then `DOCKER_AUTH_CONFIG`, then config.json's
 * `credHelpers` for that host, its `credsStore`, and its `auths` (docker/cli
 * cli/config/configfile/file.go). `GITHUB_TOKEN` is the last resort for ghcr.io.
 */
export interface Credential {
  username?: string
  password?: string
  /** OAuth2 refresh token (config.json `identitytoken`, a helper's `<token>` user, ACR). */
  identityToken?: string
  /** Bearer token used as is (config.json `registrytoken`). */
  registryToken?: string
  /** Where it came from, for messages; never the secret. */
  origin?: string
}

export interface ExplicitCredential {
  /** Canonical registry name (`docker.io` for Docker Hub). */
  registry: string
  username: string
  password: string
}

/** config.json keys that may hold Docker Hub's entry, the one Docker writes first. */
const DOCKER_HUB_KEYS = [DOCKER_HUB_CONFIG_KEY, ...DOCKER_HUB_ALIASES]
/** ACR's convention: this username means the password is a refresh token (ACR docs, "az acr login --expose-token"). */
export const ACR_TOKEN_USER = '00000000-0000-0000-0000-000000000000'
const HELPER_OUTPUT_CAP = 64 * 1024

export interface ConfigAuth {
  auth?: string
  username?: string
  password?: string
  identitytoken?: string
  registrytoken?: string
}

export interface DockerConfig {
  auths?: Record<string, ConfigAuth>
  credHelpers?: Record<string, string>
  credsStore?: string
}

function hostOfKey(key: string): string {
  const trimmed = key.replace(/^[a-z]+:\/\//i, '')
  return trimmed.split('/')[0].toLowerCase()
}

/** A username/password pair, read the way Docker does (`<token>` and ACR's zero GUID mean a refresh token). */
function fromUserSecret(username: string, secret: string, origin: string): Credential {
  if (username === '<token>') return { identityToken: secret, origin }
  if (username === ACR_TOKEN_USER) return { identityToken: secret, username, origin }
  return { username, password: secret, origin }
}

/** Reads one `auths` entry: `auth` is base64 of `user:pass`, split at the first ':'. */
export function credentialFromAuth(
  entry: ConfigAuth,
  origin = 'config.json'
): Credential | undefined {
  let c: Credential = {}
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon > 0) c = fromUserSecret(decoded.slice(0, colon), decoded.slice(colon + 1), origin)
  } else if (entry.username && entry.password !== undefined) {
    c = fromUserSecret(entry.username, entry.password, origin)
  }
  if (entry.identitytoken) c.identityToken = entry.identitytoken
  if (entry.registrytoken) c.registryToken = entry.registrytoken
  if (!c.username && !c.password && !c.identityToken && !c.registryToken) return undefined
  return { ...c, origin }
}

/** Config keys that may name a registry: the exact key first, then any key whose host matches. */
export function findKey<T>(map: Record<string, T> | undefined, registry: string): T | undefined {
  if (!map) return undefined
  const candidates =
    registry === DOCKER_HUB
      ? DOCKER_HUB_KEYS
      : [registry, `https://${registry}`, `http://${registry}`]
  for (const key of candidates) if (map[key] !== undefined) return map[key]
  const hosts =
    registry === DOCKER_HUB ? new Set(DOCKER_HUB_KEYS.map(hostOfKey)) : new Set([registry])
  for (const [key, value] of Object.entries(map)) if (hosts.has(hostOfKey(key))) return value
  return undefined
}

export async function readDockerConfig(env: NodeJS.ProcessEnv): Promise<DockerConfig | undefined> {
  const dir = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker')
  const file = join(dir, 'config.json')
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  try {
    return JSON.parse(text) as DockerConfig
  } catch {
    throw new DigestGateError('invalid-input', `Docker config ${file} is not valid JSON`)
  }
}

/** `DOCKER_AUTH_CONFIG`: config.json's shape in an environment variable (docker/cli 28). */
function envConfig(env: NodeJS.ProcessEnv): DockerConfig | undefined {
  if (!env.DOCKER_AUTH_CONFIG) return undefined
  try {
    return JSON.parse(env.DOCKER_AUTH_CONFIG) as DockerConfig
  } catch {
    throw new DigestGateError('invalid-input', 'DOCKER_AUTH_CONFIG is set but is not valid JSON')
  }
}

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
        const said = (stdout.trim() || stderr.trim()).split('\n')[0].slice(0, 200)
        if (code !== 0) {
          if (/credentials not found/i.test(said)) resolve(undefined)
          // The helper's words, never its stdout on success, which holds the secret.
          else
            reject(
              new DigestGateError(
                'unauthorized',
                `credential helper ${program} failed for ${serverUrl} (exit ${code}): ${said}`
              )
            )
          return
        }
        let parsed: { Username?: unknown; Secret?: unknown }
        try {
          parsed = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown }
        } catch {
          reject(
            new DigestGateError(
              'unauthorized',
              `credential helper ${program} answered something that is not JSON for ${serverUrl}`
            )
          )
          return
        }
        if (typeof parsed.Secret !== 'string' || !parsed.Secret) {
          resolve(undefined)
          return
        }
        resolve(
          fromUserSecret(
            typeof parsed.Username === 'string' ? parsed.Username : '',
            parsed.Secret,
            `credential helper ${program}`
          )
        )
      })
    })
    child.stdin.on('error', () => undefined)
    child.stdin.end(serverUrl)
  })
}

export interface LookupOptions {
  explicit?: ExplicitCredential
  env: NodeJS.ProcessEnv
  ghcrToken?: string
  onSecret?: (secret: string) => void
  /** For credential helpers. */
  timeoutMs?: number
}

/**
 * A lookup from registry to credential, cached per registry so a helper runs once per run.
 * Every secret found is passed to `onSecret` before it is returned.
 */
export function createCredentialLookup(
  options: LookupOptions
): (registry: string) => Promise<Credential | undefined> {
  let config: Promise<DockerConfig | undefined> | undefined
  const cache = new Map<string, Promise<Credential | undefined>>()
  const find = async (registry: string): Promise<Credential | undefined> => {
    const { explicit, env } = options
    if (explicit && explicit.registry === registry) {
      return fromUserSecret(
        explicit.username,
        explicit.password,
        "the 'username'/'password' inputs"
      )
    }
    const fromEnv = findKey(envConfig(env)?.auths, registry)
    const envCredential = fromEnv && credentialFromAuth(fromEnv, 'DOCKER_AUTH_CONFIG')
    if (envCredential) return envCredential

    config ??= readDockerConfig(env)
    const file = await config
    const serverUrl = serverAddress(registry)
    const helper = findKey(file?.credHelpers, registry) ?? file?.credsStore
    if (helper) {
      const found = await runCredentialHelper(helper, serverUrl, env, options.timeoutMs ?? 30_000)
      if (found) return found
    }
    const entry = findKey(file?.auths, registry)
    const fromFile = entry && credentialFromAuth(entry)
    if (fromFile) return fromFile
    if (registry === 'ghcr.io' && options.ghcrToken) {
      return { username: 'github-actions', password: options.ghcrToken, origin: 'GITHUB_TOKEN' }
    }
    return undefined
  }
  return registry => {
    let found = cache.get(registry)
    if (!found) {
      found = find(registry).then(c => {
        for (const s of [c?.password, c?.identityToken, c?.registryToken])
          if (s) options.onSecret?.(s)
        return c
      })
      cache.set(registry, found)
    }
    return found
  }
}
