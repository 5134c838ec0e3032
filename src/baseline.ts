import type { ImageRecord } from './record.js'

/**
 * A previous run's report file (contract.md, "The report file"), kept from the base branch
 * with actions/cache or an artifact, and the size change of each platform against it. Pure:
 * the caller reads the file; this checks its shape and compares.
 */

/** What a baseline keeps of each image: enough to match it and compare sizes. */
export interface BaselineImage {
  image: string
  ref: string | null
  digest: string | null
  platforms: { platform: string; size: number | null; layers: number | null }[]
}

export interface Baseline {
  /** Where it came from, for messages. */
  source: string
  images: BaselineImage[]
}

/** One platform's size now and in the baseline. */
export interface SizeDelta {
  platform: string
  before: number | null
  after: number | null
  /** after − before in bytes; null when either is unknown. */
  delta: number | null
  /** delta ÷ before; null when either is unknown or before is 0. */
  ratio: number | null
}

export interface ImageDelta {
  /** The image as given in this run. */
  image: string
  /** The baseline image it was compared with, and how it was matched. */
  against: string
  matchedBy: 'image' | 'repository'
  platforms: SizeDelta[]
}

type Json = Record<string, unknown>

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function bad(source: string, why: string): Error {
  return new Error(`baseline ${source} is not a digest-gate report file: ${why}`)
}

function sizeField(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null
}

/** Parses a report file's text; throws an Error whose message names the file and the problem. */
export function parseBaseline(text: string, source: string): Baseline {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw bad(source, `not valid JSON (${(e as Error).message})`)
  }
  if (!isObject(json) || !Array.isArray(json.images)) throw bad(source, "no 'images' array")
  const images = json.images.map((raw, i): BaselineImage => {
    if (!isObject(raw) || typeof raw.image !== 'string')
      throw bad(source, `images[${i}] has no 'image'`)
    const platforms = Array.isArray(raw.platforms) ? raw.platforms : []
    return {
      image: raw.image,
      ref: typeof raw.ref === 'string' ? raw.ref : null,
      digest: typeof raw.digest === 'string' ? raw.digest : null,
      platforms: platforms
        .filter(isObject)
        .flatMap(p =>
          typeof p.platform === 'string'
            ? [{ platform: p.platform, size: sizeField(p.size), layers: sizeField(p.layers) }]
            : []
        )
    }
  })
  return { source, images }
}

/** `registry/repository` of a `ref` (`name[:tag]`), the part that stays across branches. */
export function repositoryOf(ref: string | null): string | null {
  if (!ref) return null
  const at = ref.indexOf('@')
  const name = at >= 0 ? ref.slice(0, at) : ref
  const colon = name.lastIndexOf(':')
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name
}

/**
 * The baseline image to compare a record with: the same image as given, else the only
 * baseline image of the same repository (a pull request's `:pr-12` against the base branch's
 * `:main`). Two candidates of one repository are ambiguous, and none is chosen.
 */
export function matchBaseline(
  record: Pick<ImageRecord, 'image' | 'ref'>,
  baseline: Baseline
): { image: BaselineImage; matchedBy: 'image' | 'repository' } | undefined {
  const exact = baseline.images.find(b => b.image === record.image)
  if (exact) return { image: exact, matchedBy: 'image' }
  const repository = repositoryOf(record.ref)
  if (!repository) return undefined
  const same = baseline.images.filter(b => repositoryOf(b.ref) === repository)
  return same.length === 1 ? { image: same[0], matchedBy: 'repository' } : undefined
}

/** Per platform of a record, its size against the matched baseline image's, in record order. */
export function sizeDeltas(record: ImageRecord, baseline: Baseline): ImageDelta | undefined {
  if (record.error) return undefined
  const match = matchBaseline(record, baseline)
  if (!match) return undefined
  const platforms = record.platforms.map((p): SizeDelta => {
    const before = match.image.platforms.find(b => b.platform === p.platform)?.size ?? null
    const after = p.size
    const delta = before !== null && after !== null ? after - before : null
    const ratio = delta !== null && before ? delta / before : null
    return { platform: p.platform, before, after, delta, ratio }
  })
  return { image: record.image, against: match.image.image, matchedBy: match.matchedBy, platforms }
}

/**
 * The platforms the matched baseline image has and the record does not, in baseline order: a
 * platform dropped by the change under review. None for a failed record or one whose platforms
 * were not read (`detail: digest`).
 */
export function droppedPlatforms(record: ImageRecord, baseline: Baseline): string[] {
  if (record.error || record.platforms.length === 0) return []
  const match = matchBaseline(record, baseline)
  if (!match) return []
  const now = new Set(record.platforms.map(p => p.platform))
  return match.image.platforms.map(p => p.platform).filter(p => !now.has(p))
}
