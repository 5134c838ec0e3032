import { type Platform, formatPlatform, parsePlatform, platformMatches } from '../model/platform.js'
import type { FailOn } from './rule.js'
import type { ImageRecord, MissingPlatform } from '../model/record.js'

/**
 * Required platforms → what each image lacks. Exact matching only (model/platform.ts): a gate
 * that let linux/arm/v6 stand in for linux/arm/v7 would pass images that fail on the device. Pure.
 */

/** The platforms a record lacks; an image that failed to resolve is an error, not a gap. */
export function missingPlatforms(record: ImageRecord, required: Platform[]): string[] {
  if (record.error) return []
  const found = record.platforms
    .map(p => p.declared ?? safeParse(p.platform))
    .filter((p): p is Platform => !!p)
  return required.filter(r => !found.some(f => platformMatches(r, f))).map(formatPlatform)
}

function safeParse(key: string): Platform | null {
  try {
    return parsePlatform(key)
  } catch {
    return null
  }
}

/**
 * Fills each record's `missing` and returns the flat list the `missing` output carries. The
 * required platforms are the same for every record, or each record's own (its policy rule).
 */
export function evaluatePolicy(
  records: ImageRecord[],
  required: Platform[] | ((record: ImageRecord, index: number) => Platform[])
): MissingPlatform[] {
  const out: MissingPlatform[] = []
  for (const [i, record] of records.entries()) {
    record.missing = missingPlatforms(
      record,
      Array.isArray(required) ? required : required(record, i)
    )
    for (const platform of record.missing) out.push({ image: record.image, platform })
  }
  return out
}

/**
 * `ok` as the contract defines it: everything resolved and nothing required is missing; with a
 * policy, no violation either.
 */
export function isOk(records: ImageRecord[]): boolean {
  return records.every(r => !r.error && r.missing.length === 0 && !r.violations?.length)
}

/** Whether `fail-on` makes this record's gaps fail the step: missing platforms, violations. */
export function failsOn(failOn: FailOn): { missing: boolean; violations: boolean } {
  return { missing: failOn !== 'never', violations: failOn === 'violation' }
}

/**
 * Why the step fails for missing platforms or violations, each record judged by its own
 * `fail-on`; undefined when neither fails it. Unresolved images fail it whatever `fail-on`
 * says, and are the caller's to report first.
 */
export function gateFailure(records: ImageRecord[], failOn: readonly FailOn[]): string | undefined {
  let missing = 0
  let violations = 0
  records.forEach((r, i) => {
    const fails = failsOn(failOn[i] ?? 'never')
    if (fails.missing) missing += r.missing.length
    if (fails.violations) violations += r.violations?.length ?? 0
  })
  const parts: string[] = []
  if (missing) parts.push(`${missing} required platform${missing === 1 ? ' is' : 's are'} missing`)
  if (violations) parts.push(`${violations} policy violation${violations === 1 ? '' : 's'}`)
  return parts.length ? parts.join('; ') : undefined
}
