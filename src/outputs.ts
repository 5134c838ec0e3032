import type { MissingPlatform } from './policy.js'
import type { ImageRecord, Violation } from './record.js'

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
  violations: 'violations'
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
}

export interface RunFacts {
  requests?: number
  tokenRequests?: number
  rateLimitRemaining?: Record<string, string>
  durationMs?: number
}

export function buildReport(records: ImageRecord[], ok: boolean, run?: RunFacts): Report {
  const images = records.map(r => ({ ...r, error: r.error }))
  return run ? { ok, images, run } : { ok, images }
}

export interface Outputs {
  digests: string
  missing: string
  pinned: string
  ok: string
  violations: string
}

/** The `violations` output: `[{image, platform, rule, expected, found}]`, `[]` without any. */
export function violationsOutput(violations: Violation[]): string {
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

export function buildOutputs(
  records: ImageRecord[],
  missing: MissingPlatform[],
  ok: boolean,
  violations: Violation[] = []
): Outputs {
  return {
    digests: JSON.stringify(digestsOutput(records)),
    missing: JSON.stringify(missing),
    pinned: pinnedOutput(records),
    ok: String(ok),
    violations: violationsOutput(violations)
  }
}
