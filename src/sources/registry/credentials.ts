import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { DigestGateError } from '../../model/errors.js'
import {
  DOCKER_HUB,
  DOCKER_HUB_ALIASES,
  DOCKER_HUB_CONFIG_KEY,
  serverAddress
} from '../../model/docker-hub.js'
import { type Credential, fromUserSecret } from './credential.js'

export interface ExplicitCredential {
  /** Canonical registry name (`docker.io` for Docker Hub). */
  registry: string
  username: string
  password: string
}

/** config.json keys that may hold Docker Hub's entry, the one Docker writes first. */
const DOCKER_HUB_KEYS = [DOCKER_HUB_CONFIG_KEY, ...DOCKER_HUB_ALIASES]
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
  if (entry.auth && (c.username || c.identityToken)) c.authField = entry.auth
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

async function readDockerConfig(env: NodeJS.ProcessEnv): Promise<DockerConfig | undefined> {
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
      // Only runs whose config names a helper load the code that spawns one.
      const { runCredentialHelper } = await import('./credential-helper.js')
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
        for (const s of secretsOf(c)) options.onSecret?.(s)
        return c
      })
      cache.set(registry, found)
    }
    return found
  }
}

/**
 * Every form a credential's secret can take in text: the password and tokens, config.json's
 * `auth` field as written, and the base64 `user:password` a Basic header carries.
 */
export function secretsOf(c: Credential | undefined): string[] {
  if (!c) return []
  const out = [c.password, c.identityToken, c.registryToken, c.authField]
  if (c.username !== undefined && c.password !== undefined)
    out.push(Buffer.from(`${c.username}:${c.password}`).toString('base64'))
  return [...new Set(out.filter((s): s is string => !!s))]
}
