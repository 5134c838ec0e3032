import { type Manifest } from '../model/manifest.js'
import { type Platform, formatPlatform, normalizePlatform } from '../model/platform.js'
import type { ImageRecord, LayerRecord, PlatformRecord } from '../model/record.js'
import type { Found } from './walk.js'

// How what the walk found becomes the image record's platforms.

/** The record's platform key and declared platform; `unknown` when nothing states one. */
export function keyOf(
  declared: Platform | undefined
): Pick<PlatformRecord, 'platform' | 'declared'> {
  const out: Pick<PlatformRecord, 'platform' | 'declared'> = {
    platform: declared ? formatPlatform(normalizePlatform(declared)) : 'unknown'
  }
  if (declared) out.declared = declared
  return out
}

/** One platform's record from what was read of its manifest. */
export function platformRecord(p: {
  declared?: Platform
  digest: string | null
  mediaType: string
  /** Undefined: not read (detail: platforms); null: the manifest has none (schema 1). */
  config: string | null | undefined
  /** Null when the manifest was not read, so layer count and size are unknown. */
  layerList: LayerRecord[] | null
  annotations?: Record<string, string>
}): PlatformRecord {
  const { platform, declared } = keyOf(p.declared)
  const out: PlatformRecord = {
    platform,
    digest: p.digest,
    mediaType: p.mediaType,
    layers: p.layerList ? p.layerList.length : null,
    size: p.layerList ? p.layerList.reduce((sum, l) => sum + l.size, 0) : null
  }
  if (p.config !== undefined) out.config = p.config
  if (p.layerList) out.layerList = p.layerList
  if (p.annotations) out.annotations = p.annotations
  if (declared) out.declared = declared
  return out
}

/** The record of an image manifest, its layers as the manifest lists them. */
export function imageRecord(
  manifest: Extract<Manifest, { kind: 'image' }>,
  digest: string | null,
  declared: Platform | undefined
): PlatformRecord {
  return platformRecord({
    declared,
    digest,
    mediaType: manifest.mediaType,
    config: manifest.config.digest,
    layerList: manifest.layers.map(l => ({
      digest: l.digest,
      size: l.size,
      mediaType: l.mediaType
    })),
    annotations: manifest.annotations
  })
}

/** Same manifest reached twice (nested indexes) counts once; a key claimed twice is noted. */
export function collect(record: ImageRecord, found: Found): void {
  for (const p of found.platforms) {
    if (record.platforms.some(e => e.platform === p.platform && e.digest === p.digest)) continue
    if (record.platforms.some(e => e.platform === p.platform)) {
      record.notes.push(`platform ${p.platform} appears more than once; ${p.digest} also claims it`)
    }
    record.platforms.push(p)
  }
  record.attestations += found.attestations.length
  for (const a of found.attestations) {
    const target = record.platforms.find(p => p.digest === a.target)
    if (target) (target.attestations ??= []).push(a.digest)
  }
  record.notes.push(...found.notes)
}
