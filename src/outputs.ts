import type { MissingPlatform } from './policy.js'
import type { ImageRecord } from './record.js'
import type { FileReport, FilesOutcome } from './files/types.js'

/**
 * Records → the contract's outputs and the report file (contract.md, "Outputs" and "The report
 * file"). Pure: nothing here writes anywhere.
 */

export const OUTPUTS = {
  digests: 'digests',
  missing: 'missing',
  pinned: 'pinned',
  ok: 'ok',
  reportFile: 'report-file',
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
  return records
    .filter(r => !r.error && r.digest && r.ref)
    .map(r => `${r.ref}@${r.digest}`)
    .join('\n')
}

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
}

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

export interface Outputs {
  digests: string
  missing: string
  pinned: string
  ok: string
}

export function buildOutputs(
  records: ImageRecord[],
  missing: MissingPlatform[],
  ok: boolean
): Outputs {
  return {
    digests: JSON.stringify(digestsOutput(records)),
    missing: JSON.stringify(missing),
    pinned: pinnedOutput(records),
    ok: String(ok)
  }
}
