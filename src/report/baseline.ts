import { readFile } from 'node:fs/promises'
import { DigestGateError, errorMessage } from '../model/errors.js'
import type { ImageRecord } from '../model/record.js'
import { type ImageSizes, readReportSizes } from './report-file.js'

/**
 * A previous run's report file (contract.md, "The report file"), kept from the base branch
 * with actions/cache or an artifact, and the size change of each platform against it. Only
 * readBaseline touches the disk; the rest is pure.
 */

/** What a baseline keeps of each image: enough to match it and compare sizes. */
export type BaselineImage = ImageSizes

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

/** Parses a report file's text; throws an `invalid-input` error naming the file and the problem. */
export function parseBaseline(text: string, source: string): Baseline {
  return { source, images: readReportSizes(text, `baseline ${source}`) }
}

/** The `baseline` report when one is given; an unreadable one is a run problem, not a throw. */
export async function readBaseline(settings: {
  baseline?: string
}): Promise<{ baseline?: Baseline; problems: string[] }> {
  if (!settings.baseline) return { problems: [] }
  try {
    return { baseline: await loadBaseline(settings.baseline), problems: [] }
  } catch (e) {
    return { problems: [errorMessage(e)] }
  }
}

/** The `baseline` input's report file; a message naming the input and the file if unusable. */
async function loadBaseline(path: string): Promise<Baseline> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    throw new DigestGateError(
      'invalid-input',
      `Input 'baseline': cannot read '${path}' (${(e as NodeJS.ErrnoException).code ?? errorMessage(e)}); expected the path of a report file from an earlier run`
    )
  }
  return parseBaseline(text, `'${path}' (input 'baseline')`)
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
