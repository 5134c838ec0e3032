import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { DOCKER_HUB } from '../../reference.js'

/**
 * Where credentials come from, in Docker's order of precedence for one registry: the
 * action's own `registry`/`username`/`password`, then Docker's config.json `auths`.
 */
export interface Credential {
  username?: string
  password?: string
  /** OAuth2 refresh token (config.json `identitytoken`). */
  identityToken?: string
  /** Bearer token used as is (config.json `registrytoken`). */
  registryToken?: string
}

export interface ExplicitCredential {
  /** Canonical registry name (`docker.io` for Docker Hub). */
  registry: string
  username: string
  password: string
}

/** Config keys that mean Docker Hub, the legacy URL first as Docker writes it. */
const DOCKER_HUB_KEYS = [
  'https://index.docker.io/v1/',
  'index.docker.io',
  'docker.io',
  'registry-1.docker.io'
]

interface ConfigAuth {
  auth?: string
  username?: string
  password?: string
  identitytoken?: string
  registrytoken?: string
}

interface DockerConfig {
  auths?: Record<string, ConfigAuth>
}

function hostOfKey(key: string): string {
  const trimmed = key.replace(/^[a-z]+:\/\//i, '')
  return trimmed.split('/')[0].toLowerCase()
}

/** Reads one `auths` entry: `auth` is base64 of `user:pass`, split at the first ':'. */
export function credentialFromAuth(entry: ConfigAuth): Credential | undefined {
  const c: Credential = {}
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon > 0) {
      c.username = decoded.slice(0, colon)
      c.password = decoded.slice(colon + 1)
    }
  } else if (entry.username && entry.password !== undefined) {
    c.username = entry.username
    c.password = entry.password
  }
  if (entry.identitytoken) c.identityToken = entry.identitytoken
  if (entry.registrytoken) c.registryToken = entry.registrytoken
  return Object.keys(c).length ? c : undefined
}

/** The `auths` entry for a registry: the exact key first, then any key whose host matches. */
export function findAuth(
  auths: Record<string, ConfigAuth> | undefined,
  registry: string
): ConfigAuth | undefined {
  if (!auths) return undefined
  const candidates =
    registry === DOCKER_HUB
      ? DOCKER_HUB_KEYS
      : [registry, `https://${registry}`, `http://${registry}`]
  for (const key of candidates) if (auths[key]) return auths[key]
  const hosts =
    registry === DOCKER_HUB ? new Set(DOCKER_HUB_KEYS.map(hostOfKey)) : new Set([registry])
  for (const [key, value] of Object.entries(auths)) if (hosts.has(hostOfKey(key))) return value
  return undefined
}

export async function readDockerConfig(env: NodeJS.ProcessEnv): Promise<DockerConfig | undefined> {
  const dir = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker')
  try {
    return JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as DockerConfig
  } catch {
    return undefined
  }
}

/**
 * A lookup from registry to credential. Explicit inputs win, then config.json; `ghcrToken`
 * is used for ghcr.io when nothing else names it.
 */
export function createCredentialLookup(options: {
  explicit?: ExplicitCredential
  env: NodeJS.ProcessEnv
  ghcrToken?: string
  onSecret?: (secret: string) => void
}): (registry: string) => Promise<Credential | undefined> {
  let config: Promise<DockerConfig | undefined> | undefined
  return async registry => {
    const { explicit } = options
    if (explicit && explicit.registry === registry) {
      return { username: explicit.username, password: explicit.password }
    }
    config ??= readDockerConfig(options.env)
    const entry = findAuth((await config)?.auths, registry)
    const found = entry && credentialFromAuth(entry)
    if (found) {
      for (const s of [found.password, found.identityToken, found.registryToken])
        if (s) options.onSecret?.(s)
      return found
    }
    if (registry === 'ghcr.io' && options.ghcrToken)
      return { username: 'github-actions', password: options.ghcrToken }
    return undefined
  }
}
