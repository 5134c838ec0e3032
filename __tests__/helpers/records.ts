/**
 * Hand-built records of resolved images, as the policy and rendering tests judge them: a
 * platform by its key with its layers and size, and an image holding such platforms.
 */
import { parsePlatform } from '../../src/model/platform.js'
import type { ImageRecord, PlatformRecord } from '../../src/model/record.js'

/** `sha256:` and 64 copies of one hex digit. */
export const D = (c: string): string => `sha256:${c.repeat(64)}`
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

/** A platform record as the walk writes it, declared as its key says. */
export function platform(
  key: string,
  digest: string,
  layers: number | null,
  size: number | null
): PlatformRecord {
  return {
    platform: key,
    digest,
    mediaType: OCI_MANIFEST,
    layers,
    size,
    declared: parsePlatform(key)
  }
}

/** A resolved image record holding `platforms`, with no error and nothing missing. */
/** A resolved image record holding `platforms`: no error, nothing missing. */
export function image(
  name: string,
  platforms: PlatformRecord[],
  mediaType = OCI_INDEX
): ImageRecord {
  return {
    image: name,
    ref: name.includes('/') ? name : `docker.io/library/${name}`,
    digest: D('f'),
    mediaType,
    platforms,
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  }
}

/** A platform record with one layer and `size` bytes (null: the registry did not say). */
export function sizedPlatform(key: string, size: number | null): PlatformRecord {
  return { platform: key, digest: D('b'), mediaType: null, layers: 1, size }
}

/** nginx:1.27 resolved, its amd64 and arm64 platforms 40 and 28.1 MiB; `extra` overrides. */
export function sampleImage(extra: Partial<ImageRecord> = {}): ImageRecord {
  const MiB = 1024 * 1024
  return {
    image: 'nginx:1.27',
    ref: 'docker.io/library/nginx:1.27',
    digest: D('1'),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms: [sizedPlatform('linux/amd64', 40 * MiB), sizedPlatform('linux/arm64', 28.1 * MiB)],
    attestations: 0,
    missing: [],
    error: null,
    notes: [],
    ...extra
  }
}

/** A record with no platforms: resolved to a digest, or failed with `error`. */
export function bareRecord(image: string, error: string | null = null): ImageRecord {
  return {
    image,
    ref: image,
    digest: error ? null : `sha256:${'a'.repeat(64)}`,
    mediaType: null,
    platforms: [],
    attestations: 0,
    missing: [],
    error,
    notes: []
  }
}
