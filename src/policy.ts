import { type Platform, formatPlatform, parsePlatform, platformMatches } from './platform.js'
import type { ImageRecord } from './record.js'

/**
 * Required platforms → what each image lacks. Exact matching only (platform.ts): a gate that
 * let linux/arm/v6 stand in for linux/arm/v7 would pass images that fail on the device. Pure.
 */
export interface MissingPlatform {
  image: string
  platform: string
}

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

/** Fills each record's `missing` and returns the flat list the `missing` output carries. */
export function evaluatePolicy(records: ImageRecord[], required: Platform[]): MissingPlatform[] {
  const out: MissingPlatform[] = []
  for (const record of records) {
    record.missing = missingPlatforms(record, required)
    for (const platform of record.missing) out.push({ image: record.image, platform })
  }
  return out
}

/** `ok` as the contract defines it: everything resolved and nothing required is missing. */
export function isOk(records: ImageRecord[]): boolean {
  return records.every(r => !r.error && r.missing.length === 0)
}
