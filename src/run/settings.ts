import { MODES, type Mode } from '../model/mode.js'
import { DigestGateError } from '../model/errors.js'
import { type Platform, formatPlatform, parsePlatformSpec, splitList } from '../model/platform.js'
import { DOCKER_HUB } from '../model/docker-hub.js'
import { type RawInputs, invalid, oneOf, parseBoolean, parseNumber } from '../model/input-values.js'
import { type AliyunSettings, parseAliyun } from '../sources/aliyun/settings.js'
import { canonicalRegistry, formatName, parseReference } from '../model/reference.js'
import { FAIL_ON, type FailOn } from '../policy/rule.js'
import { type Shard, parseShard } from './shard.js'

/**
 * The action's inputs as one typed, frozen object, from raw strings (the action's `INPUT_*`
 * or the CLI's flags). Pure: bad values become `invalid-input` errors naming the input.
 */
export type SourceKind = 'registry' | 'docker' | 'aliyun'
const SOURCES: readonly SourceKind[] = ['registry', 'docker', 'aliyun']

/**
 * How much to read per image: `layers` walks to every platform's manifest for layer counts and
 * sizes; `platforms` reads the index only (per-platform digests, one manifest GET per image);
 * `digest` sends one HEAD for what the tag names, which Docker Hub does not count as a pull.
 */
export type Detail = 'layers' | 'platforms' | 'digest'
const DETAILS: readonly Detail[] = ['layers', 'platforms', 'digest']

/**
 * The pull request comment: `false` posts none; `true` posts or updates it on every run;
 * `on-change` writes only when its content differs from the comment already there, and posts
 * a first one only when there is something to say (README, "On the pull request").
 */
export type CommentMode = 'false' | 'true' | 'on-change'
const COMMENT_MODES: readonly CommentMode[] = ['false', 'true', 'on-change']

/** The longest `wait`: a GitHub-hosted job's own limit, 6 hours. */
const MAX_WAIT_SECONDS = 6 * 60 * 60

export interface Settings {
  /** What the run does. */
  readonly mode: Mode
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
  /**
   * How much to read per image. Unless given: `layers`; with `mode: pin`, `digest` (a pin needs
   * only what the tag points at), or `platforms` when platforms are required; with `mode:
   * verify`, `platforms` (its checks read the index, never the layers).
   */
  readonly detail: Detail
  /** Glob patterns (one per line, `!` to exclude) of files to read references from; may be empty. */
  readonly files: readonly string[]
  /** Verify: an unpinned reference is an error. */
  readonly requirePins: boolean
  /** A previous report file to compare sizes with (path as given). */
  readonly baseline?: string
  /** A trusted_root.json for `signed-by` (path as given): when given, the only root trusted. */
  readonly trustedRoot?: string
  /** Only with `source: aliyun`. */
  readonly aliyun?: AliyunSettings
  /** The sticky pull request comment. */
  readonly comment: CommentMode
  /** Seconds to wait for images that are not there yet or lack a required platform; 0: none. */
  readonly waitSeconds: number
  /** This job's slice of `images`, when the images are split across a matrix. */
  readonly shard?: Shard
  /** With `mode: merge`: report files or globs, one per line, as given. */
  readonly reports: readonly string[]
  /** A directory of manifests and configs kept between runs (actions/cache), verified on read. */
  readonly cache?: string
}

export const DEFAULT_CONCURRENCY = 32

/** One entry per line (paths may hold commas); blank lines and `#` comment lines dropped. */
function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'))
}

function normaliseHost(value: string): string {
  return value
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase()
}

/** `detail` when the input is empty: the least each mode needs (see Settings.detail). */
function defaultDetail(mode: string, platformsRequired: boolean): Detail {
  if (mode === 'pin') return platformsRequired ? 'platforms' : 'digest'
  if (mode === 'verify') return 'platforms'
  return 'layers'
}

/** Collects a problem instead of throwing it, so every input is checked; gives `fallback`. */
type Attempt = <T>(fn: () => T, fallback: T) => T

/**
 * Parses and validates every input. Collects all problems before throwing, so a user fixes
 * their workflow in one go.
 */
export function parseSettings(raw: RawInputs): Settings {
  const problems: string[] = []
  const attempt: Attempt = (fn, fallback) => {
    try {
      return fn()
    } catch (e) {
      problems.push((e as Error).message)
      return fallback
    }
  }

  const mode = ((raw.mode ?? '').trim() || 'report') as Mode
  if (!MODES.includes(mode)) problems.push(invalid('mode', mode, oneOf(MODES)).message)
  const { images, files, reports, shard, requirePins } = readTargets(raw, mode, problems, attempt)
  const platforms = readPlatforms(raw, attempt)
  const source = ((raw.source ?? '').trim() || 'registry') as SourceKind
  if (!SOURCES.includes(source)) {
    problems.push(invalid('source', source, oneOf(SOURCES)).message)
  }
  const detail = readDetail(raw, mode, platforms, problems)
  const comment = attempt(() => parseCommentMode(raw.comment), 'false')
  const aliyun = source === 'aliyun' ? parseAliyun(raw, problems) : undefined
  const credential = readCredential(raw, problems)
  const { failOnMissing, failOn } = readFailOn(raw, problems, attempt)

  const settings: Settings = {
    mode: MODES.includes(mode) ? mode : 'report',
    images,
    platforms,
    failOnMissing,
    failOn,
    policy: (raw.policy ?? '').trim() || undefined,
    credential,
    insecureRegistries: splitList(raw['insecure-registries'] ?? '').map(normaliseHost),
    source: SOURCES.includes(source) ? source : 'registry',
    detail: DETAILS.includes(detail) ? detail : 'layers',
    files,
    requirePins,
    aliyun,
    timeoutSeconds: attempt(() => parseNumber('timeout', raw.timeout, 30, 1, 3600), 30),
    summary: attempt(() => parseBoolean('summary', raw.summary, true), true),
    concurrency: attempt(
      () => parseNumber('concurrency', raw.concurrency, DEFAULT_CONCURRENCY, 1, 64),
      DEFAULT_CONCURRENCY
    ),
    verifyBlobs: attempt(() => parseBoolean('verify-blobs', raw['verify-blobs'], false), false),
    githubToken: (raw['github-token'] ?? '').trim() || undefined,
    baseline: (raw.baseline ?? '').trim() || undefined,
    trustedRoot: (raw['trusted-root'] ?? '').trim() || undefined,
    comment,
    waitSeconds: attempt(() => parseNumber('wait', raw.wait, 0, 0, MAX_WAIT_SECONDS), 0),
    shard,
    reports,
    cache: (raw.cache ?? '').trim() || undefined
  }
  if (files.length && settings.waitSeconds > 0)
    problems.push(
      "Input 'wait' waits for images being pushed, and 'files' names images already in use; run a separate step for each."
    )
  if (settings.concurrency !== Math.floor(settings.concurrency)) {
    problems.push(
      invalid('concurrency', String(settings.concurrency), 'a whole number from 1 to 64').message
    )
  }
  if (problems.length) throw new DigestGateError('invalid-input', problems.join('\n'))
  return Object.freeze(settings)
}

/**
 * What the run reads images from (`images`, `files`, or `reports` to merge) and its slice of
 * them, each refused where the mode does not read it.
 */
function readTargets(raw: RawInputs, mode: Mode, problems: string[], attempt: Attempt) {
  const merging = mode === 'merge'
  const images = splitList(raw.images ?? '')
  const files = splitLines(raw.files ?? '')
  const filesMode = mode === 'pin' || mode === 'verify'
  const reports = splitLines(raw.reports ?? '')
  const shard = attempt(() => parseShard(raw.shard), undefined)
  if (merging) {
    if (reports.length === 0)
      problems.push(
        "Input 'reports' is required with 'mode: merge': give the shard runs' report files (paths or globs, one per line)."
      )
    if (images.length)
      problems.push(
        "Input 'images' is not read with 'mode: merge': the images come from the report files in 'reports'; remove it."
      )
    if (files.length)
      problems.push(
        "Input 'files' is not read with 'mode: merge': the images come from the report files in 'reports'; remove it."
      )
    if (shard)
      problems.push("Input 'shard' has no meaning with 'mode: merge', which joins every shard.")
  } else {
    if (images.length === 0 && files.length === 0)
      problems.push(
        "Input 'images' is required when 'files' is not set: give one or more image references, one per line or comma-separated, or name the files to read them from in 'files'."
      )
    if (reports.length)
      problems.push(
        "Input 'reports' is only read with 'mode: merge'; set 'mode: merge' or remove it."
      )
  }
  if (filesMode && files.length === 0)
    problems.push(
      `Input 'mode: ${mode}' works on the files named in 'files', and 'files' is empty: give glob patterns (one per line) such as '**/Dockerfile'.`
    )
  if (filesMode && files.length) problems.push(...promotionConflicts(mode, images))
  if (files.length && shard)
    problems.push(
      "Input 'shard' splits the images given across a matrix, and 'files' is read whole by every job; use one or the other."
    )
  const requirePins = attempt(() => parseBoolean('require-pins', raw['require-pins'], false), false)
  if (requirePins && mode !== 'verify')
    problems.push(
      `Input 'require-pins' applies to 'mode: verify' only (mode is '${mode}'); set 'mode: verify' or remove it.`
    )

  return { images, files, reports, shard, requirePins }
}

/** `platforms`, normalised, each named once however it is spelt. */
function readPlatforms(raw: RawInputs, attempt: Attempt): Platform[] {
  // Each platform on its own, so that every bad one is reported, not only the first.
  const parsedPlatforms = splitList(raw.platforms ?? '').flatMap(p =>
    attempt((): Platform[] => {
      try {
        return [parsePlatformSpec(p)]
      } catch (e) {
        throw new DigestGateError('invalid-input', `Input 'platforms': ${(e as Error).message}`)
      }
    }, [])
  )
  // `linux/arm64, aarch64` name one platform; it is required, and missing, once.
  const platforms = [...new Map(parsedPlatforms.map(p => [formatPlatform(p), p])).values()]
  return platforms
}

/** `detail`, or the least the mode needs; refused where it cannot check what was asked. */
function readDetail(
  raw: RawInputs,
  mode: Mode,
  platforms: readonly Platform[],
  problems: string[]
): Detail {
  const givenDetail = (raw.detail ?? '').trim()
  const detail = (givenDetail || defaultDetail(mode, platforms.length > 0)) as Detail
  if (!DETAILS.includes(detail)) {
    problems.push(invalid('detail', detail, oneOf(DETAILS)).message)
  }
  if (detail === 'digest' && mode === 'verify') {
    problems.push(
      "Input 'detail: digest' reads no platforms, and 'mode: verify' checks them (single-platform pins, required platforms); use 'detail: platforms', or leave 'detail' empty."
    )
  } else if (detail === 'digest' && platforms.length) {
    problems.push(
      "Input 'detail: digest' reads no platforms, so it cannot check 'platforms'; use 'detail: platforms' (one request per image) instead."
    )
  }
  return detail
}

/** The one explicit credential: `username` and `password` together, for `registry`. */
function readCredential(raw: RawInputs, problems: string[]): Settings['credential'] {
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
  return credential
}

/** `fail-on`, or what `fail-on-missing` implies; the two must not contradict. */
function readFailOn(
  raw: RawInputs,
  problems: string[],
  attempt: Attempt
): { failOnMissing: boolean; failOn: FailOn } {
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
  return { failOnMissing, failOn }
}

/** `comment`: `on-change`, or a boolean in core.getBooleanInput's spellings. */
function parseCommentMode(raw: string | undefined): CommentMode {
  const v = (raw ?? '').trim()
  if (v === 'on-change') return 'on-change'
  try {
    return parseBoolean('comment', v, false) ? 'true' : 'false'
  } catch {
    throw invalid('comment', v, oneOf(COMMENT_MODES))
  }
}

/**
 * With `files` in `mode: pin` or `verify`, each image of `images` with a tag is the release of
 * its repository (src/files/promote-plan.ts): two tags of one repository would ask for both.
 */
function promotionConflicts(mode: Mode, images: readonly string[]): string[] {
  const tags = new Map<string, string>()
  const out: string[] = []
  for (const image of images) {
    let name: string
    let tag: string | undefined
    try {
      const parsed = parseReference(image)
      if (parsed.kind !== 'registry') continue
      ;[name, tag] = [formatName(parsed, false), parsed.tag]
    } catch {
      continue // reported as an invalid image on its own
    }
    const seen = tags.get(name)
    if (tag && seen && seen !== tag)
      out.push(
        `Input 'images' names ${name} at two tags (${seen} and ${tag}); with 'files' and 'mode: ${mode}' each image is the release its repository's references are ${mode === 'pin' ? 'moved' : 'held'} to, so give one.`
      )
    if (tag && !seen) tags.set(name, tag)
  }
  return out
}
