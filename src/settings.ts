import { DigestGateError } from './errors.js'
import { type Platform, formatPlatform, parsePlatform, splitList } from './platform.js'
import { DOCKER_HUB } from './docker-hub.js'
import { type RawInputs, invalid, oneOf, parseBoolean, parseNumber } from './input-values.js'
import { type AliyunSettings, parseAliyun } from './sources/aliyun/settings.js'
import { canonicalRegistry } from './reference.js'
import { FAIL_ON, type FailOn } from './policy/rule.js'

/**
 * The action's inputs as one typed, frozen object, from raw strings (the action's `INPUT_*`
 * or the CLI's flags). Pure: bad values become `invalid-input` errors naming the input.
 */
export type SourceKind = 'registry' | 'docker' | 'aliyun'
export const SOURCES: readonly SourceKind[] = ['registry', 'docker', 'aliyun']

/**
 * How much to read per image: `layers` walks to every platform's manifest for layer counts and
 * sizes; `platforms` reads the index only (per-platform digests, one manifest GET per image);
 * `digest` sends one HEAD for what the tag names, which Docker Hub does not count as a pull.
 */
export type Detail = 'layers' | 'platforms' | 'digest'
export const DETAILS: readonly Detail[] = ['layers', 'platforms', 'digest']

export interface Settings {
  /** Image references as given, blank lines and comments dropped. */
  readonly images: readonly string[]
  /** Required platforms, normalised. */
  readonly platforms: readonly Platform[]
  /** Fail the step when a required platform is missing. */
  readonly failOnMissing: boolean
  /**
   * When the step fails: `missing` (a required platform is missing), `violation` (that, or any
   * policy violation), `never`. Default: `missing` with `fail-on-missing`, else `never`.
   */
  readonly failOn: FailOn
  /** The policy: a path to a YAML file, or inline YAML (read and checked by runGate). */
  readonly policy?: string
  /** The one explicit credential, for one registry (canonical name). */
  readonly credential?: { registry: string; username: string; password: string }
  /** Registries reached over plain http, `host[:port]` lowercased. */
  readonly insecureRegistries: readonly string[]
  readonly source: SourceKind
  /** Seconds one request may take. */
  readonly timeoutSeconds: number
  /** Write the job summary. */
  readonly summary: boolean
  /** Requests in flight per registry at most. */
  readonly concurrency: number
  /** HEAD every layer and report unreachable or mis-sized ones. */
  readonly verifyBlobs: boolean
  /** Token for ghcr.io when nothing else names it. */
  readonly githubToken?: string
  /** How much to read per image. */
  readonly detail: Detail
  /** A previous report file to compare sizes with (path as given). */
  readonly baseline?: string
  /** Only with `source: aliyun`. */
  readonly aliyun?: AliyunSettings
}

export const DEFAULT_CONCURRENCY = 32

function normaliseHost(value: string): string {
  return value
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase()
}

/**
 * Parses and validates every input. Collects all problems before throwing, so a user fixes
 * their workflow in one go.
 */
export function parseSettings(raw: RawInputs): Settings {
  const problems: string[] = []
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn()
    } catch (e) {
      problems.push((e as Error).message)
      return fallback
    }
  }

  const images = splitList(raw.images ?? '')
  if (images.length === 0)
    problems.push(
      "Input 'images' is required: give one or more image references, one per line or comma-separated."
    )

  // Each platform on its own, so that every bad one is reported, not only the first.
  const parsedPlatforms = splitList(raw.platforms ?? '').flatMap(p =>
    attempt((): Platform[] => {
      try {
        return [parsePlatform(p)]
      } catch (e) {
        throw new DigestGateError('invalid-input', `Input 'platforms': ${(e as Error).message}`)
      }
    }, [])
  )
  // `linux/arm64, aarch64` name one platform; it is required, and missing, once.
  const platforms = [...new Map(parsedPlatforms.map(p => [formatPlatform(p), p])).values()]

  const source = ((raw.source ?? '').trim() || 'registry') as SourceKind
  if (!SOURCES.includes(source)) {
    problems.push(invalid('source', source, oneOf(SOURCES)).message)
  }
  const detail = ((raw.detail ?? '').trim() || 'layers') as Detail
  if (!DETAILS.includes(detail)) {
    problems.push(invalid('detail', detail, oneOf(DETAILS)).message)
  }
  if (detail === 'digest' && platforms.length) {
    problems.push(
      "Input 'detail: digest' reads no platforms, so it cannot check 'platforms'; use 'detail: platforms' (one request per image) instead."
    )
  }
  const aliyun = source === 'aliyun' ? parseAliyun(raw, problems) : undefined

  const username = (raw.username ?? '').trim()
  const password = raw.password ?? ''
  let credential: Settings['credential']
  if (username || password) {
    if (!username || !password) {
      problems.push("Inputs 'username' and 'password' go together: set both, or neither.")
    } else {
      const registry = (raw.registry ?? '').trim()
      credential = {
        registry: registry ? canonicalRegistry(normaliseHost(registry)) : DOCKER_HUB,
        username,
        password
      }
    }
  }

  const failOnMissing = attempt(
    () => parseBoolean('fail-on-missing', raw['fail-on-missing'], false),
    false
  )
  const failOnText = (raw['fail-on'] ?? '').trim()
  let failOn: FailOn = failOnMissing ? 'missing' : 'never'
  if (failOnText) {
    if (!FAIL_ON.includes(failOnText as FailOn)) {
      problems.push(invalid('fail-on', failOnText, oneOf(FAIL_ON)).message)
    } else if (failOnMissing && failOnText === 'never') {
      problems.push(
        "Inputs 'fail-on: never' and 'fail-on-missing: true' contradict each other: 'fail-on-missing: true' means 'fail-on: missing'. Set one of them."
      )
    } else {
      failOn = failOnText as FailOn
    }
  }

  const settings: Settings = {
    images,
    platforms,
    failOnMissing,
    failOn,
    policy: (raw.policy ?? '').trim() || undefined,
    credential,
    insecureRegistries: splitList(raw['insecure-registries'] ?? '').map(normaliseHost),
    source: SOURCES.includes(source) ? source : 'registry',
    detail: DETAILS.includes(detail) ? detail : 'layers',
    aliyun,
    timeoutSeconds: attempt(() => parseNumber('timeout', raw.timeout, 30, 1, 3600), 30),
    summary: attempt(() => parseBoolean('summary', raw.summary, true), true),
    concurrency: attempt(
      () => parseNumber('concurrency', raw.concurrency, DEFAULT_CONCURRENCY, 1, 64),
      DEFAULT_CONCURRENCY
    ),
    verifyBlobs: attempt(() => parseBoolean('verify-blobs', raw['verify-blobs'], false), false),
    githubToken: (raw['github-token'] ?? '').trim() || undefined,
    baseline: (raw.baseline ?? '').trim() || undefined
  }
  if (settings.concurrency !== Math.floor(settings.concurrency)) {
    problems.push(
      invalid('concurrency', String(settings.concurrency), 'a whole number from 1 to 64').message
    )
  }
  if (problems.length) throw new DigestGateError('invalid-input', problems.join('\n'))
  return Object.freeze(settings)
}
