/**
 * Crafted attestation inputs shared by the unit tests of attestations/classify.ts and
 * attestations/statement.ts: OCI artifact manifests as the image spec shows them, and the parts
 * of a classification the tables compare.
 */
import { type ImageManifest, parseManifest } from '../../src/model/manifest.js'
import type { Classification } from '../../src/attestations/classify.js'
import { AttachedMediaTypes, EMPTY_JSON_DIGEST } from '../../src/attestations/artifact-types.js'
import { digestOf, json } from './crafted.js'

export const EMPTY = { mediaType: AttachedMediaTypes.empty, digest: EMPTY_JSON_DIGEST, size: 2 }
export const SUBJECT = {
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: digestOf('a'),
  size: 100
}

/** An OCI artifact manifest as image-spec manifest.md "Guidelines for Artifact Usage" shows. */
export function artifact(opts: {
  artifactType?: string
  configType?: string
  layers: { mediaType: string; annotations?: Record<string, string> }[]
  annotations?: Record<string, string>
}): ImageManifest {
  const body: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: opts.configType ? { ...EMPTY, mediaType: opts.configType } : EMPTY,
    layers: opts.layers.map((l, i) => ({ ...l, digest: digestOf(String(i + 1)), size: 10 + i })),
    subject: SUBJECT
  }
  if (opts.artifactType) body.artifactType = opts.artifactType
  if (opts.annotations) body.annotations = opts.annotations
  const m = parseManifest(json(body))
  if (m.kind !== 'image') throw new Error('not an image manifest')
  return m
}

/** The parts of a classification the tables compare. */
export function brief(c: Classification): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: c.kind, format: c.format }
  if (c.predicateType) out.predicateType = c.predicateType
  if (c.needs) out.needs = c.needs
  return out
}
