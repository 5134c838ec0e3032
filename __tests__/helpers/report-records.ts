/**
 * Four resolved images as the report, outputs and summary tests read them: nginx (an OCI index
 * with two platforms, two attestations and a gap), one given by digest alone, one that failed,
 * and one from a Docker Engine without digests or sizes.
 */
import type { ImageRecord, PlatformRecord } from '../../src/model/record.js'
import { D, OCI_INDEX, OCI_MANIFEST } from './records.js'

export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json'

/** A platform as a report holds it: its manifest's digest (null from a Docker Engine), layers, size. */
export function reportedPlatform(
  key: string,
  digest: string | null,
  layers: number | null,
  size: number | null
): PlatformRecord {
  return { platform: key, digest, mediaType: digest ? OCI_MANIFEST : null, layers, size }
}

/** An OCI index with two platforms, two attestations and a gap. */
export function nginx(): ImageRecord {
  return {
    image: 'nginx:1.27',
    ref: 'docker.io/library/nginx:1.27',
    digest: D('1'),
    mediaType: OCI_INDEX,
    platforms: [
      reportedPlatform('linux/amd64', D('a'), 7, 68123456),
      reportedPlatform('linux/arm64', D('b'), 7, 64000000)
    ],
    attestations: 2,
    missing: ['linux/s390x'],
    error: null,
    notes: []
  }
}

/** A single Docker v2 manifest given by digest only. */
export function pinnedByDigest(): ImageRecord {
  return {
    image: `ghcr.io/o/app@${D('2')}`,
    ref: 'ghcr.io/o/app',
    digest: D('2'),
    mediaType: DOCKER_MANIFEST,
    platforms: [reportedPlatform('linux/amd64', D('2'), 3, 1536)],
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  }
}

export function failed(image = 'ghcr.io/nope/missing:1'): ImageRecord {
  const message = `registry ghcr.io answered 404 MANIFEST_UNKNOWN for ${image}`
  return {
    image,
    ref: null,
    digest: null,
    mediaType: null,
    platforms: [],
    attestations: 0,
    missing: [],
    error: `${image}: ${message}`,
    errorDetail: { kind: 'not-found', message, registry: 'ghcr.io', code: 'MANIFEST_UNKNOWN' },
    notes: []
  }
}

/** From a Docker Engine: platforms without digests, layers or sizes. */
export function fromDocker(): ImageRecord {
  return {
    image: 'alpine:3.20',
    ref: 'docker.io/library/alpine:3.20',
    digest: D('3'),
    mediaType: OCI_INDEX,
    platforms: [
      reportedPlatform('linux/amd64', null, null, null),
      reportedPlatform('linux/arm64', null, null, null)
    ],
    attestations: 0,
    missing: [],
    error: null,
    notes: [],
    source: 'docker'
  }
}
