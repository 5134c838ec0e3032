import { nearest } from './nearest.js'

/**
 * The platform names a user may write, so that a typo in a required or forbidden platform is an
 * input error instead of a platform that no image ever has. Pure data and checks.
 *
 * Operating systems and architectures are Go's first-class ports (`go tool dist list`), plus
 * containerd's aliases (database.go normalizeOS/normalizeArch). Variants are the ones
 * containerd knows per architecture (database.go normalizeArch, compare.go's arm64 table).
 * Only user input is checked here: what a registry states is reported as it is, never refused.
 */

/** GOOS values of `go tool dist list`, the common first. */
export const KNOWN_OS: readonly string[] = [
  'linux',
  'windows',
  'darwin',
  'freebsd',
  'netbsd',
  'openbsd',
  'dragonfly',
  'illumos',
  'solaris',
  'aix',
  'android',
  'ios',
  'js',
  'plan9',
  'wasip1'
]

/** GOARCH values of `go tool dist list`, the common first. */
export const KNOWN_ARCH: readonly string[] = [
  'amd64',
  'arm64',
  'arm',
  '386',
  'ppc64le',
  's390x',
  'riscv64',
  'ppc64',
  'loong64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'wasm'
]

/** containerd's aliases: `macos` is darwin. */
export const OS_ALIASES: readonly string[] = ['macos']

/** containerd's aliases, and what they normalise to. */
export const ARCH_ALIASES: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  i386: '386',
  armhf: 'arm/v7',
  armel: 'arm/v6'
}

/** The variant that accepts any variant of its architecture: `linux/amd64/*`. */
export const ANY_VARIANT = '*'

function range(prefix: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`)
}

/**
 * Each architecture's variants as a user may write them. The bare numbers are the spellings
 * containerd's normalizeArch accepts (`arm64/8`, `arm/7`).
 */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  amd64: range('v', 1, 4),
  arm64: ['v8', ...range('v8.', 0, 9), 'v9', ...range('v9.', 0, 7), '8', '9', '9.0'],
  arm: [...range('v', 5, 8), ...range('', 5, 8)]
}

/** How the variants read in a message: the canonical spellings only. */
const VARIANTS_SAID: Readonly<Record<string, string>> = {
  amd64: 'v1, v2, v3, v4',
  arm64: 'v8, v8.0 to v8.9, v9, v9.0 to v9.7',
  arm: 'v5, v6, v7, v8'
}

function didYouMean(word: string, candidates: readonly string[]): string {
  const guess = nearest(word, candidates, Math.max(2, Math.floor(word.length / 3)))
  return guess ? ` (did you mean '${guess}'?)` : ''
}

function osProblem(os: string): string | null {
  const lower = os.toLowerCase()
  if (KNOWN_OS.includes(lower) || OS_ALIASES.includes(lower)) return null
  const hint = didYouMean(lower, [...KNOWN_OS, ...OS_ALIASES])
  return `unknown operating system '${os}'${hint || '; expected a Go GOOS such as linux, windows or darwin'}`
}

function alias(arch: string): string | undefined {
  return Object.hasOwn(ARCH_ALIASES, arch) ? ARCH_ALIASES[arch] : undefined
}

function archProblem(arch: string): string | null {
  const lower = arch.toLowerCase()
  if (KNOWN_ARCH.includes(lower) || alias(lower)) return null
  const hint = didYouMean(lower, [...KNOWN_ARCH, ...Object.keys(ARCH_ALIASES)])
  return `unknown architecture '${arch}'${hint || '; expected a Go GOARCH such as amd64, arm64, arm, 386, ppc64le, s390x or riscv64'}`
}

function variantProblem(arch: string, variant: string): string | null {
  const v = variant.toLowerCase()
  const [canonical, fixed] = (alias(arch.toLowerCase()) ?? arch.toLowerCase()).split('/')
  if (fixed) {
    return `'${arch}' means ${canonical}/${fixed} and takes no variant; write '${canonical}/${v}' instead`
  }
  const known = Object.hasOwn(VARIANTS, canonical) ? VARIANTS[canonical] : undefined
  if (!known) {
    return `architecture '${canonical}' has no variants (found '${variant}'); leave the variant out`
  }
  if (v === ANY_VARIANT || known.includes(v)) return null
  const said = VARIANTS_SAID[canonical]
  const spelled = known.filter(k => k.startsWith('v'))
  return `unknown ${canonical} variant '${variant}'${didYouMean(v, spelled)}; expected ${said}, or '*' for any`
}

/**
 * Why a platform as written is not one a user can mean, or null when it is. Takes the fields
 * before normalisation, so that an alias with a variant (`armhf/v6`) is caught.
 */
export function platformNameProblem(p: {
  os: string
  architecture: string
  variant?: string
}): string | null {
  return (
    osProblem(p.os) ??
    archProblem(p.architecture) ??
    (p.variant ? variantProblem(p.architecture, p.variant) : null)
  )
}
