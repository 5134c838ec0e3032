import { DigestGateError } from './errors.js'
import {
  ANY_VARIANT,
  ARCH_ALIASES,
  KNOWN_ARCH,
  KNOWN_OS,
  OS_ALIASES,
  platformNameProblem
} from './platform-names.js'
import { quoteVisible } from './text.js'

/**
 * Platforms as the OCI image index describes them (image-spec image-index.md#platform-variants),
 * normalised by containerd's rules (containerd/platforms database.go). Pure.
 */
export interface Platform {
  os: string
  architecture: string
  variant?: string
  osVersion?: string
  osFeatures?: string[]
  features?: string[]
}

/** The platform object as it appears in JSON (index entries, configs, the Docker Engine API). */
export interface PlatformJson {
  os?: unknown
  architecture?: unknown
  variant?: unknown
  'os.version'?: unknown
  'os.features'?: unknown
  features?: unknown
}

function normalizeOs(os: string): string {
  const lower = os.toLowerCase()
  return lower === 'macos' ? 'darwin' : lower
}

/** containerd's normalizeArch: returns the canonical [architecture, variant]. */
function normalizeArch(arch: string, variant: string): [string, string] {
  const a = arch.toLowerCase()
  const v = variant.toLowerCase()
  switch (a) {
    case 'i386':
      return ['386', '']
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return ['amd64', v === 'v1' ? '' : v]
    case 'aarch64':
    case 'arm64':
      if (v === '8' || v === 'v8' || v === 'v8.0') return ['arm64', '']
      if (v === '9' || v === '9.0' || v === 'v9.0') return ['arm64', 'v9']
      return ['arm64', v]
    case 'armhf':
      return ['arm', 'v7']
    case 'armel':
      return ['arm', 'v6']
    case 'arm':
      if (v === '' || v === '7') return ['arm', 'v7']
      if (v === '5' || v === '6' || v === '8') return ['arm', `v${v}`]
      return ['arm', v]
    default:
      return [a, v]
  }
}

/** containerd's Normalize: os.features sorted and without repeats, the rest as given. */
export function normalizePlatform(p: Platform): Platform {
  const [architecture, variant] = normalizeArch(p.architecture, p.variant ?? '')
  const out: Platform = { os: normalizeOs(p.os), architecture }
  if (variant) out.variant = variant
  if (p.osVersion) out.osVersion = p.osVersion
  if (p.osFeatures?.length) out.osFeatures = [...new Set(p.osFeatures)].sort()
  if (p.features?.length) out.features = [...p.features]
  return out
}

/**
 * containerd's FormatAll: `os[(os.version[+feature…])]/arch[/variant]`, the key used in
 * outputs and the report. The os options are percent-encoded where they would read as syntax
 * (`+` → `%2B`), and the features are sorted, so that one platform has one key.
 */
export function formatPlatform(p: Platform): string {
  const features = [...new Set(p.osFeatures ?? [])].filter(Boolean).sort().map(encodeOption)
  const options = [encodeOption(p.osVersion ?? ''), ...features].join('+')
  const os = options && options !== '+' ? `${p.os}(${options})` : p.os
  return [os, p.architecture, p.variant].filter(Boolean).join('/')
}

/** containerd's osOptionReplacer: '%' first, so nothing is encoded twice. */
function encodeOption(value: string): string {
  return value.replace(/[%+()/]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

const PART = /^[A-Za-z0-9_.-]+$/
/** An os option as written: containerd's osRe, percent-encoding allowed. */
const OPTION = /^[A-Za-z0-9_.%-]+$/
/** An os option once decoded: what can be encoded back; no spaces, markup or controls. */
const OPTION_DECODED = /^[A-Za-z0-9_.%+()/-]+$/

function isArchitectureName(name: string): boolean {
  const lower = name.toLowerCase()
  return (KNOWN_ARCH.includes(lower) || Object.hasOwn(ARCH_ALIASES, lower)) && !isOsName(lower)
}

function isOsName(name: string): boolean {
  const lower = name.toLowerCase()
  return KNOWN_OS.includes(lower) || OS_ALIASES.includes(lower)
}

function badPlatform(text: string, why: string): DigestGateError {
  return new DigestGateError('invalid-input', `Invalid platform '${text}': ${why}`)
}

/** One os option (the version or a feature), percent-decoded as containerd's url.PathUnescape. */
function decodeOption(text: string, what: string, encoded: string): string {
  let decoded: string | undefined
  try {
    if (OPTION.test(encoded)) decoded = decodeURIComponent(encoded)
  } catch {
    // A '%' not followed by two hex digits: said below.
  }
  if (decoded === undefined || !OPTION_DECODED.test(decoded))
    throw badPlatform(text, `${what} '${encoded}' is not valid`)
  return decoded
}

/**
 * The os and its options: `os`, `os(version)`, `os(+feature)`, `os(version+feature+…)`, as
 * containerd's osRe reads them. The parentheses follow a non-empty os and end it.
 */
function parseOs(
  text: string,
  spec: string
): { body: string; osVersion?: string; osFeatures?: string[] } {
  const open = spec.indexOf('(')
  if (open < 0) return { body: spec }
  const close = spec.indexOf(')', open)
  const slash = spec.indexOf('/')
  if (
    close < 0 ||
    open === 0 ||
    (slash >= 0 && slash < close) ||
    (close + 1 < spec.length && spec[close + 1] !== '/')
  ) {
    throw badPlatform(
      text,
      "os.version goes in parentheses right after the os, e.g. 'windows(10.0.20348)/amd64'"
    )
  }
  const [version, ...features] = spec.slice(open + 1, close).split('+')
  const out: { body: string; osVersion?: string; osFeatures?: string[] } = {
    body: spec.slice(0, open) + spec.slice(close + 1)
  }
  if (version || !features.length) out.osVersion = decodeOption(text, 'os.version', version)
  if (features.length) out.osFeatures = features.map(f => decodeOption(text, 'os feature', f))
  return out
}

/**
 * Parses containerd's specifier syntax: `os/arch[/variant]`, with the os's options in
 * parentheses (`windows(10.0.20348)/amd64`, `linux(+gpu)/amd64`, percent-encoded as
 * containerd writes them), or a bare architecture or alias (`arm64`, `x86_64`, `armhf`),
 * which means linux as in containerd's Parse. A variant of `*` is kept for
 * `parsePlatformSpec`. Returns the normalised platform; throws `invalid-input`. Checks the
 * syntax only, so that it reads any key a registry's platform was formatted to.
 */
export function parsePlatform(text: string): Platform {
  return normalizePlatform(parseWritten(text))
}

function parseWritten(text: string): Platform {
  const spec = text.trim()
  if (!spec) throw badPlatform(text, 'it is empty')
  const { body, osVersion, osFeatures } = parseOs(text, spec)
  const parts = body.split('/')
  // `*` may stand for the variant only: the third part, or the second after an architecture.
  const variantAt = parts.length === 2 && isArchitectureName(parts[0]) ? 1 : 2
  const isAny = (p: string, i: number): boolean => i === variantAt && p === ANY_VARIANT
  if (parts.length > 3 || parts.some((p, i) => !PART.test(p) && !isAny(p, i))) {
    throw badPlatform(text, "expected os/arch[/variant], e.g. 'linux/arm64' or 'linux/arm/v7'")
  }
  let platform: Platform
  const options = osVersion !== undefined || osFeatures !== undefined
  if (parts.length === 1) {
    const only = parts[0].toLowerCase()
    if (isOsName(only) || options) {
      throw badPlatform(
        text,
        `'${parts[0]}' is an os; an architecture is needed too, e.g. '${only}/amd64'`
      )
    }
    platform = { os: 'linux', architecture: only }
  } else if (parts.length === 2 && !options && isArchitectureName(parts[0])) {
    // `arm64/v8` is an architecture and its variant, as indexes write them, on linux.
    platform = { os: 'linux', architecture: parts[0], variant: parts[1] }
  } else {
    platform = { os: parts[0], architecture: parts[1], variant: parts[2] }
  }
  if (osVersion) platform.osVersion = osVersion
  if (osFeatures) platform.osFeatures = osFeatures
  return platform
}

/**
 * A platform a user requires or forbids (the `platforms` input, a policy's `platforms` and
 * `forbid`, the CLI's `-p`): parsePlatform, and then the os, architecture and variant must be
 * ones Go and containerd know, so that a typo is an input error rather than a platform that no
 * image ever has. The message starts with the text as written: `'linux/amd46': unknown
 * architecture 'amd46' (did you mean 'amd64'?)`.
 */
export function parsePlatformSpec(text: string): Platform {
  const written = parseWritten(text)
  const problem = platformNameProblem(written)
  if (problem) throw new DigestGateError('invalid-input', `'${text.trim()}': ${problem}`)
  return normalizePlatform(written)
}

/** os.features: the found platform's must all be in the required one's (containerd's matcher). */
function featuresAllowed(required: Platform, found: Platform): boolean {
  // containerd ignores win32k on Windows, which older images state and hosts do not require.
  const needed = (found.osFeatures ?? []).filter(f => !(found.os === 'windows' && f === 'win32k'))
  return needed.every(f => required.osFeatures?.includes(f))
}

function osVersionMatches(required: Platform, found: Platform): boolean {
  if (!required.osVersion) return true
  const v = found.osVersion ?? ''
  return v === required.osVersion || v.startsWith(`${required.osVersion}.`)
}

/**
 * Whether a found platform satisfies a required one, as containerd's strict matcher decides
 * (OnlyStrict, not Only): equal os, architecture and variant after normalisation, so an
 * empty variant is the architecture's baseline (amd64 v1, arm64 v8, arm v7) and
 * `linux/amd64` is not satisfied by `amd64/v3`, which the baseline CPU cannot run. A variant
 * of `*` takes any. A required os.version matches found versions that equal it or extend it
 * at a '.' boundary (`10.0.20348` takes `10.0.20348.1607`); left out, it matches any build.
 */
export function platformMatches(required: Platform, found: Platform): boolean {
  const r = normalizePlatform(required)
  const f = normalizePlatform(found)
  if (r.os !== f.os || r.architecture !== f.architecture) return false
  if (r.variant !== ANY_VARIANT && (r.variant ?? '') !== (f.variant ?? '')) return false
  return osVersionMatches(r, f) && featuresAllowed(r, f)
}

/**
 * Whether a `forbid` rule names a found platform: broad, every field the rule leaves out
 * matches anything (`linux/amd64` forbids every amd64 variant), and its os.features must all
 * be among the found platform's.
 */
export function platformCovers(rule: Platform, found: Platform): boolean {
  const r = normalizePlatform(rule)
  const f = normalizePlatform(found)
  if (r.os !== f.os || r.architecture !== f.architecture) return false
  if (r.variant && r.variant !== ANY_VARIANT && r.variant !== f.variant) return false
  return osVersionMatches(r, f) && (r.osFeatures ?? []).every(x => f.osFeatures?.includes(x))
}

function stringField(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every(s => typeof s === 'string') ? v : undefined
}

function validField(name: string, value: string): boolean {
  return name === 'os.version' || name === 'os feature'
    ? OPTION_DECODED.test(value)
    : PART.test(value)
}

/**
 * Why a platform stated by a registry cannot be a key, or null when it can: each field must
 * match containerd's specifier grammar (platforms.go `specifierRe`; the os options also what
 * formatPlatform percent-encodes), so no markup, spaces or control characters reach outputs,
 * the log or the summary.
 */
export function platformProblem(p: Platform): string | null {
  const fields: [string, string | undefined][] = [
    ['os', p.os],
    ['architecture', p.architecture],
    ['variant', p.variant],
    ['os.version', p.osVersion]
  ]
  for (const feature of p.osFeatures ?? []) fields.push(['os feature', feature])
  const bad = fields.filter(([name, value]) => value !== undefined && !validField(name, value))
  if (!bad.length) return null
  const option = bad.some(([name]) => name.startsWith('os.') || name === 'os feature')
  return `platform ${bad.map(([name, value]) => `${name} ${quoteVisible(value ?? '')}`).join(' and ')} ${bad.length === 1 ? 'is' : 'are'} not valid (expected letters, digits, '_', '.' and '-'${option ? "; in os.version and os.features also '+', '%', '(', ')' and '/'" : ''})`
}

/** Reads a platform object from JSON; null when it lacks an os or architecture. */
export function platformFromJson(json: PlatformJson | undefined | null): Platform | null {
  if (!json || typeof json !== 'object') return null
  const os = stringField(json.os)
  const architecture = stringField(json.architecture)
  if (!os || !architecture) return null
  const p: Platform = { os, architecture }
  const variant = stringField(json.variant)
  if (variant) p.variant = variant
  const osVersion = stringField(json['os.version'])
  if (osVersion) p.osVersion = osVersion
  const osFeatures = stringList(json['os.features'])
  if (osFeatures?.length) p.osFeatures = osFeatures
  const features = stringList(json.features)
  if (features?.length) p.features = features
  return p
}

/** Splits a comma- or newline-separated list, dropping blanks and `#` comments. */
export function splitList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(line => line.replace(/(^|\s)#.*$/, ''))
    .flatMap(line => line.split(','))
    .map(s => s.trim())
    .filter(Boolean)
}
