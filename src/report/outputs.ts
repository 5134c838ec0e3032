import type { MissingPlatform } from '../model/record.js'
import type { ImageRecord, Violation } from '../model/record.js'

/**
 * Records → the contract's outputs (contract.md, "Outputs"); the report file is
 * src/report/report-file.ts. Pure: nothing here writes anywhere.
 */

export const OUTPUTS = {
  digests: 'digests',
  missing: 'missing',
  pinned: 'pinned',
  ok: 'ok',
  reportFile: 'report-file',
  violations: 'violations',
  /** `mode: pin`: the files rewritten, one path per line, relative to the workspace. */
  changedFiles: 'changed-files'
} as const

export interface DigestEntry {
  ref?: string
  digest?: string | null
  mediaType?: string
  platforms?: Record<string, string | null>
  error?: string
}

/** The `digests` output: keyed by each image exactly as given. */
export function digestsOutput(records: ImageRecord[]): Record<string, DigestEntry> {
  const out: Record<string, DigestEntry> = {}
  for (const r of records) {
    if (r.error) {
      out[r.image] = { error: r.error }
      continue
    }
    const platforms: Record<string, string | null> = {}
    for (const p of r.platforms) if (!(p.platform in platforms)) platforms[p.platform] = p.digest
    out[r.image] = {
      ref: r.ref ?? undefined,
      digest: r.digest,
      mediaType: r.mediaType ?? undefined,
      platforms
    }
  }
  return out
}

/** The `pinned` output: `name[:tag]@digest`, one line per resolved image. */
export function pinnedOutput(records: ImageRecord[]): string {
  return pinnedLines(records).join('\n')
}

function pinnedLines(records: ImageRecord[]): string[] {
  return records.filter(r => !r.error && r.digest && r.ref).map(r => `${r.ref}@${r.digest}`)
}

/**
 * GitHub keeps at most 1 MB per output (and per job's outputs together, counted in UTF-16:
 * docs "Defining outputs for jobs"); a value past it breaks the step or the job. Outputs past
 * this many bytes of UTF-8 are trimmed into valid values that say so.
 */
export const OUTPUT_LIMIT = 1_000_000

/**
 * The key of the marker in a trimmed `digests` object. No image can have it: `images` reads a
 * `#` at the start of an entry as a comment.
 */
export const TRUNCATED_KEY = '#truncated'

/** What a trimmed output says about itself (the `digests` marker, the first `missing` entry). */
export interface TruncationMarker {
  truncated: true
  /** Entries in the full value (images for `digests`, gaps for `missing`). */
  total: number
  /** Entries kept: the first ones, in order. */
  included: number
  /** Where every entry is. */
  'report-file': string
}

export interface Outputs {
  digests: string
  missing: string
  pinned: string
  ok: string
  /** Names of the outputs trimmed to fit OUTPUT_LIMIT. */
  truncated: string[]
  violations: string
}

/** The `violations` output: `[{image, platform, rule, expected, found}]`, `[]` without any. */
function violationsOutput(violations: Violation[]): string {
  return JSON.stringify(
    violations.map(({ image, platform, rule, expected, found }) => ({
      image,
      platform,
      rule,
      expected,
      found
    }))
  )
}

const bytes = (s: string): number => Buffer.byteLength(s)

/** `{"#truncated": marker, ...as many entries as fit}`, or the whole object when it fits. */
export function fitObject(
  entries: Record<string, unknown>,
  reportFile: string,
  limit = OUTPUT_LIMIT
): { text: string; truncated: boolean } {
  const full = JSON.stringify(entries)
  if (bytes(full) <= limit) return { text: full, truncated: false }
  const keys = Object.keys(entries)
  const head = (included: number): string =>
    `${JSON.stringify(TRUNCATED_KEY)}:${JSON.stringify(marker(keys.length, included, reportFile))}`
  // Room for the marker at its longest (`included` as long as `total`) and the braces.
  let size = bytes(head(keys.length)) + 2
  const parts: string[] = []
  for (const key of keys) {
    const part = `${JSON.stringify(key)}:${JSON.stringify(entries[key])}`
    if (size + bytes(part) + 1 > limit) break
    parts.push(part)
    size += bytes(part) + 1
  }
  return { text: `{${[head(parts.length), ...parts].join(',')}}`, truncated: true }
}

/** `[marker, ...as many entries as fit]`, or the whole array when it fits. */
export function fitArray(
  entries: unknown[],
  reportFile: string,
  limit = OUTPUT_LIMIT
): { text: string; truncated: boolean } {
  const full = JSON.stringify(entries)
  if (bytes(full) <= limit) return { text: full, truncated: false }
  const head = (included: number): string =>
    JSON.stringify(marker(entries.length, included, reportFile))
  let size = bytes(head(entries.length)) + 2
  const parts: string[] = []
  for (const entry of entries) {
    const part = JSON.stringify(entry)
    if (size + bytes(part) + 1 > limit) break
    parts.push(part)
    size += bytes(part) + 1
  }
  return { text: `[${[head(parts.length), ...parts].join(',')}]`, truncated: true }
}

/** Lines, the first of them a `#` comment saying how many of how many follow. */
export function fitLines(
  lines: string[],
  reportFile: string,
  limit = OUTPUT_LIMIT
): { text: string; truncated: boolean } {
  const full = lines.join('\n')
  if (bytes(full) <= limit) return { text: full, truncated: false }
  const head = (included: number): string =>
    `# truncated: the first ${included} of ${lines.length} lines; every one is in the report file ${reportFile}`
  let size = bytes(head(lines.length))
  const kept: string[] = []
  for (const line of lines) {
    if (size + bytes(line) + 1 > limit) break
    kept.push(line)
    size += bytes(line) + 1
  }
  return { text: [head(kept.length), ...kept].join('\n'), truncated: true }
}

function marker(total: number, included: number, reportFile: string): TruncationMarker {
  return { truncated: true, total, included, 'report-file': reportFile }
}

/**
 * The outputs, each within `limit`: a value that would pass it keeps its first entries and
 * says that it was trimmed and where the rest is (README, "Outputs"), never a broken value.
 */
export function buildOutputs(
  records: ImageRecord[],
  missing: MissingPlatform[],
  ok: boolean,
  reportFile = '',
  violations: Violation[] = [],
  limit = OUTPUT_LIMIT
): Outputs {
  const digests = fitObject(digestsOutput(records), reportFile, limit)
  const gaps = fitArray(missing, reportFile, limit)
  const pinned = fitLines(pinnedLines(records), reportFile, limit)
  const broken = fitArray(JSON.parse(violationsOutput(violations)) as unknown[], reportFile, limit)
  const truncated = (
    [
      [OUTPUTS.digests, digests],
      [OUTPUTS.missing, gaps],
      [OUTPUTS.pinned, pinned],
      [OUTPUTS.violations, broken]
    ] as const
  )
    .filter(([, v]) => v.truncated)
    .map(([name]) => name)
  return {
    digests: digests.text,
    missing: gaps.text,
    pinned: pinned.text,
    ok: String(ok),
    violations: broken.text,
    truncated
  }
}
