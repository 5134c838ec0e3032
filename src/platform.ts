import { DigestGateError } from './errors.js'
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

/** containerd's Normalize, keeping os.version and features untouched. */
export function normalizePlatform(p: Platform): Platform {
  const [architecture, variant] = normalizeArch(p.architecture, p.variant ?? '')
  const out: Platform = { os: normalizeOs(p.os), architecture }
  if (variant) out.variant = variant
  if (p.osVersion) out.osVersion = p.osVersion
  if (p.osFeatures?.length) out.osFeatures = [...p.osFeatures]
  if (p.features?.length) out.features = [...p.features]
  return out
}

/** `os(os.version)/arch[/variant]`, the key used in outputs and the report. */
export function formatPlatform(p: Platform): string {
  const os = p.osVersion ? `${p.os}(${p.osVersion})` : p.os
  return [os, p.architecture, p.variant].filter(Boolean).join('/')
}

const KNOWN_OS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'illumos',
  'ios',
  'js',
  'linux',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows'
])
const PART = /^[A-Za-z0-9_.-]+$/
/** Architectures (and their aliases) that are never an os, for the `arch/variant` shorthand. */
const KNOWN_ARCH = new Set([
  '386',
  'i386',
  'amd64',
  'x86_64',
  'x86-64',
  'arm',
  'armhf',
  'armel',
  'arm64',
  'aarch64',
  'ppc64',
  'ppc64le',
  's390x',
  'riscv64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'loong64',
  'wasm'
])

function isArchitectureName(name: string): boolean {
  const lower = name.toLowerCase()
  return KNOWN_ARCH.has(lower) && !KNOWN_OS.has(lower)
}

function badPlatform(text: string, why: string): DigestGateError {
  return new DigestGateError('invalid-input', `Invalid platform '${text}': ${why}`)
}

/**
 * Parses containerd's specifier syntax: `os/arch[/variant]`, `os(os.version)/arch[/variant]`,
 * or a bare architecture or alias (`arm64`, `x86_64`, `armhf`), which means linux as in
 * containerd's Parse. Returns the normalised platform; throws `invalid-input`.
 */
export function parsePlatform(text: string): Platform {
  const spec = text.trim()
  if (!spec) throw badPlatform(text, 'it is empty')
  let osVersion: string | undefined
  let body = spec
  const open = spec.indexOf('(')
  if (open >= 0) {
    const close = spec.indexOf(')', open)
    const slash = spec.indexOf('/')
    // The parentheses follow a non-empty os and end it: at the first '/' or the end of the text.
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
    osVersion = spec.slice(open + 1, close)
    body = spec.slice(0, open) + spec.slice(close + 1)
    if (!osVersion || !/^[A-Za-z0-9_.-]+$/.test(osVersion))
      throw badPlatform(text, `os.version '${osVersion}' is not valid`)
  }
  const parts = body.split('/')
  if (parts.length > 3 || parts.some(p => !PART.test(p))) {
    throw badPlatform(text, "expected os/arch[/variant], e.g. 'linux/arm64' or 'linux/arm/v7'")
  }
  let platform: Platform
  if (parts.length === 1) {
    const only = parts[0].toLowerCase()
    if (KNOWN_OS.has(normalizeOs(only)) || osVersion) {
      throw badPlatform(
        text,
        `'${parts[0]}' is an os; an architecture is needed too, e.g. '${only}/amd64'`
      )
    }
    platform = { os: 'linux', architecture: only }
  } else if (parts.length === 2 && !osVersion && isArchitectureName(parts[0])) {
    // `arm64/v8` is an architecture and its variant, as indexes write them, on linux.
    platform = { os: 'linux', architecture: parts[0], variant: parts[1] }
  } else {
    platform = { os: parts[0], architecture: parts[1], variant: parts[2] }
  }
  if (osVersion) platform.osVersion = osVersion
  return normalizePlatform(platform)
}

/**
 * Exact matching after normalisation (containerd's OnlyStrict, not Only): no "compatible"
 * fallbacks. A field the requirement leaves out matches anything, and a required os.version
 * matches found versions that equal it or extend it at a '.' boundary, so `10.0.20348` takes
 * `10.0.20348.1607`.
 */
export function platformMatches(required: Platform, found: Platform): boolean {
  const r = normalizePlatform(required)
  const f = normalizePlatform(found)
  if (r.os !== f.os || r.architecture !== f.architecture) return false
  if (r.variant && r.variant !== f.variant) return false
  if (r.osVersion) {
    const v = f.osVersion ?? ''
    if (v !== r.osVersion && !v.startsWith(`${r.osVersion}.`)) return false
  }
  return true
}

function stringField(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every(s => typeof s === 'string') ? v : undefined
}

/**
 * Why a platform stated by a registry cannot be a key, or null when it can: each field must
 * match containerd's specifier grammar (platforms.go `specifierRe`), so no markup, spaces,
 * slashes or control characters reach outputs, the log or the summary.
 */
export function platformProblem(p: Platform): string | null {
  const fields: [string, string | undefined][] = [
    ['os', p.os],
    ['architecture', p.architecture],
    ['variant', p.variant],
    ['os.version', p.osVersion]
  ]
  const bad = fields
    .filter(([, value]) => value !== undefined && !PART.test(value))
    .map(([name, value]) => `${name} ${quoteVisible(value ?? '')}`)
  return bad.length
    ? `platform ${bad.join(' and ')} ${bad.length === 1 ? 'is' : 'are'} not valid (expected letters, digits, '_', '.' and '-')`
    : null
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
