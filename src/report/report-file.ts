import type { CacheStats } from '../cache/blob-store.js'
import { DigestGateError } from '../model/errors.js'
import type { FileReport, FilesOutcome } from '../model/files.js'
import { type Json, isObject, isStringOrNull } from '../model/json-shape.js'
import type { ImageRecord } from '../model/record.js'

/**
 * The report file (contract.md, "The report file"): its types, its one writer, and its one
 * validating reader, which a merge (every record, checked field by field) and a baseline (only
 * what sizes are compared by) both read through. Pure: the callers read and write the file.
 */

export interface Report {
  ok: boolean
  images: ImageRecord[]
  /** Extra figures from the run (requests sent, rate limits seen), beside the contract. */
  run?: RunFacts
  /** With `files`: per file, each reference with its place, image, status and message. */
  references?: FileReport[]
  /** With `mode: pin`: the files rewritten (the `changed-files` output). */
  changedFiles?: string[]
}

export interface RunFacts {
  requests?: number
  tokenRequests?: number
  rateLimitRemaining?: Record<string, string>
  durationMs?: number
  /** This job's slice of the images (`shard`). */
  shard?: ShardFacts
  /** What `wait` did: rounds, time slept, and what never arrived. */
  wait?: WaitOutcome
  /** The `cache` directory's reads and writes in this run. */
  cache?: CacheFacts
  /** With `mode: merge`: what was joined. */
  merged?: MergeFacts
}

export interface ShardFacts {
  /** `shard: index/count`. */
  index: number
  count: number
  /** Images in this shard, and in the whole list. */
  images: number
  total: number
  /** Where each of this shard's images stands in the whole list, so a merge keeps the order. */
  positions: number[]
}

export interface CacheFacts extends CacheStats {
  /** The `cache` input as given. */
  dir: string
}

export interface MergeFacts {
  /** The report files joined, as found. */
  reports: string[]
  /** The shards they cover, when they are shard reports. */
  shards?: { count: number; indexes: number[] }
  /** Images in the merged report. */
  images: number
}

/** Why an image was not complete yet when `wait` looked (src/wait.ts). */
export type GapReason = 'not-found' | 'missing' | 'rate-limited'

export interface Gap {
  /** The image as given (its first spelling). */
  image: string
  reason: GapReason
  /** Required platforms it lacks (reason `missing`). */
  platforms: string[]
  /** What a rate-limiting registry asked for (reason `rate-limited`). */
  retryAfterMs?: number
}

/** What `wait` did (`run.wait` in the report file). */
export interface WaitOutcome {
  /** The `wait` input, seconds. */
  seconds: number
  /** Rounds of re-reading after the first resolution. */
  rounds: number
  /** Milliseconds slept in all. */
  waitedMs: number
  /** True when images were still incomplete when the budget ran out. */
  timedOut: boolean
  /** What was still incomplete at the end: empty unless timedOut. */
  pending: Gap[]
}

/** The report file's content: every record, `ok`, and what the run adds beside the contract. */
export function buildReport(
  records: ImageRecord[],
  ok: boolean,
  run?: RunFacts,
  files?: FilesOutcome
): Report {
  const images = records.map(r => ({ ...r, error: r.error }))
  const report: Report = run ? { ok, images, run } : { ok, images }
  if (files) {
    report.references = files.files
    if (files.mode === 'pin') report.changedFiles = files.changedFiles
  }
  return report
}

/** A report file read whole, for a merge: `ok`, every record, and the run's facts. */
export interface ReadReport {
  ok: boolean
  images: ImageRecord[]
  run?: RunFacts
}

/** What a baseline keeps of each image: enough to match it and compare sizes. */
export interface ImageSizes {
  image: string
  ref: string | null
  digest: string | null
  platforms: { platform: string; size: number | null; layers: number | null }[]
}

/** The error for a file that is not ours; `where` names it (`Input 'reports': 'r.json'`). */
function notAReport(where: string, why: string): DigestGateError {
  return new DigestGateError('invalid-input', `${where} is not a digest-gate report file: ${why}`)
}

/** The JSON, the object and the `images` array of objects with an `image` every reader needs. */
function readImages(text: string, where: string): { json: Json; images: Json[] } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw notAReport(where, `not valid JSON (${(e as Error).message})`)
  }
  if (!isObject(json) || !Array.isArray(json.images)) throw notAReport(where, "no 'images' array")
  return { json, images: json.images as unknown[] as Json[] }
}

function imageAt(raw: unknown, i: number, where: string): Json & { image: string } {
  if (!isObject(raw) || typeof raw.image !== 'string')
    throw notAReport(where, `images[${i}] has no 'image'`)
  return raw as Json & { image: string }
}

/**
 * Every record of a report file, each field a merge relies on checked; throws an
 * `invalid-input` error naming the file (`where`) and the first field that is wrong.
 */
export function readReportRecords(text: string, where: string): ReadReport {
  const { json, images } = readImages(text, where)
  if (typeof json.ok !== 'boolean') throw notAReport(where, "no 'ok'")
  const records = images.map((item: unknown, i): ImageRecord => {
    const raw = imageAt(item, i, where)
    const at = `images[${i}] ('${raw.image}')`
    if (
      !Array.isArray(raw.platforms) ||
      !raw.platforms.every(p => isObject(p) && typeof p.platform === 'string')
    )
      throw notAReport(where, `${at} has no valid 'platforms'`)
    for (const field of ['ref', 'digest', 'mediaType', 'error'] as const)
      if (raw[field] !== undefined && !isStringOrNull(raw[field]))
        throw notAReport(where, `${at} has a '${field}' that is neither text nor null`)
    const missing = Array.isArray(raw.missing) ? raw.missing : []
    if (!missing.every(m => typeof m === 'string'))
      throw notAReport(where, `${at} has a 'missing' that is not a list of platforms`)
    return {
      ...(raw as unknown as ImageRecord),
      ref: (raw.ref as string | null | undefined) ?? null,
      digest: (raw.digest as string | null | undefined) ?? null,
      mediaType: (raw.mediaType as string | null | undefined) ?? null,
      error: (raw.error as string | null | undefined) ?? null,
      attestations: typeof raw.attestations === 'number' ? raw.attestations : 0,
      missing,
      notes: Array.isArray(raw.notes) ? (raw.notes as string[]) : []
    }
  })
  const run = isObject(json.run) ? (json.run as RunFacts) : undefined
  return { ok: json.ok, images: records, run }
}

function sizeField(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null
}

/**
 * What a baseline compares of each image: its names and per platform its size and layers.
 * Lenient past the shape every reader needs: a figure that is not a whole non-negative number
 * is unknown, not guessed, and a platform without a name is skipped.
 */
export function readReportSizes(text: string, where: string): ImageSizes[] {
  return readImages(text, where).images.map((item: unknown, i): ImageSizes => {
    const raw = imageAt(item, i, where)
    const platforms = Array.isArray(raw.platforms) ? (raw.platforms as unknown[]) : []
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
}
