/**
 * Records and references for the plan tests (pin-plan, verify-plan, resolve-plan), made by
 * hand as resolve.ts and find-references.ts make them.
 */
import { findReferences } from '../../src/files/find-references.js'
import type { FoundReference } from '../../src/model/files.js'
import type { ImageRecord } from '../../src/model/record.js'
import { digest } from './helpers.js'

export const INDEX = 'application/vnd.oci.image.index.v1+json'
export const MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
export const OLD = digest('0')
export const NEW = digest('1')
export const AMD64 = digest('a')
export const ARM64 = digest('b')

/** A record as resolve.ts makes it, by hand: platforms as [key, digest]. */
export function rec(
  image: string,
  d: string | null,
  platforms: [string, string][] = [],
  mediaType = INDEX
): ImageRecord {
  return {
    image,
    ref: image,
    digest: d,
    mediaType: d ? mediaType : null,
    platforms: platforms.map(([platform, pd]) => ({
      platform,
      digest: pd,
      mediaType: MANIFEST,
      layers: 2,
      size: 100
    })),
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  }
}

export function failed(
  image: string,
  kind: 'not-found' | 'unauthorized',
  message: string
): ImageRecord {
  return {
    ...rec(image, null),
    error: `${image}: ${message}`,
    errorDetail: { kind, message }
  }
}

export const BOTH: [string, string][] = [
  ['linux/amd64', AMD64],
  ['linux/arm64', ARM64]
]

/** One compose file per test, one service per image, in order. */
export function refs(...images: string[]): FoundReference[] {
  const text = `services:\n${images.map((image, i) => `  s${i}: {image: "${image}"}\n`).join('')}`
  return findReferences('compose.yaml', text).references
}
