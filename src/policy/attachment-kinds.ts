import type { AttestationKind } from './rule.js'

/**
 * What an attached manifest is, for the `attestations` rule: a predicate type (in-toto
 * Statement `predicateType`, as BuildKit annotates each attestation layer with
 * `in-toto.io/predicate-type`) or a referrer's `artifactType` (image-spec manifest.md) →
 * `provenance`, `sbom`, `signature`, or `other`. Pure.
 *
 * Written here because the shared classifier (src/attestations/classify.ts) had not landed
 * when this rule was; it is the minimum the rule needs, meant to give way to that module.
 */
export type AttachmentKind = AttestationKind | 'other'

/** The annotation BuildKit (and cosign's referrers) put on an in-toto layer or descriptor. */
export const PREDICATE_ANNOTATION = 'in-toto.io/predicate-type'
/** Sigstore bundles (cosign `--new-bundle-format`) name the predicate of what they carry. */
export const BUNDLE_PREDICATE_ANNOTATION = 'dev.sigstore.bundle.predicateType'

/** SLSA provenance v0.1, v0.2 and v1; SPDX and CycloneDX documents (in-toto attestation types). */
export function kindOfPredicate(predicateType: string): AttachmentKind {
  if (/^https:\/\/slsa\.dev\/provenance\/v(0\.[12]|1)$/.test(predicateType)) return 'provenance'
  if (/^https:\/\/spdx\.dev\/Document(\/v[\d.]+)?$/.test(predicateType)) return 'sbom'
  if (/^https:\/\/cyclonedx\.org\/(bom|schema)(\/.*)?$/.test(predicateType)) return 'sbom'
  return 'other'
}

const SIGNATURES = new Set([
  // cosign's signature manifests (its OCI 1.1 referrers mode)
  'application/vnd.dev.cosign.artifact.sig.v1+json',
  // Notary Project (notation) signatures
  'application/vnd.cncf.notary.signature'
])
const BUNDLES = new Set([
  'application/vnd.dev.sigstore.bundle.v0.3+json',
  'application/vnd.dev.sigstore.bundle+json;version=0.3'
])
const SBOMS = new Set([
  'application/spdx+json',
  'text/spdx',
  'application/vnd.cyclonedx+json',
  'application/vnd.cyclonedx+xml',
  'application/vnd.cyclonedx',
  'application/vnd.syft+json'
])
const IN_TOTO = new Set(['application/vnd.in-toto+json', 'application/vnd.dsse.envelope.v1+json'])

/**
 * A referrer by its descriptor: its `artifactType` (which registries fill from the config's
 * media type where the manifest has none) and annotations. Returns the kind and the type it
 * was told by: the predicate type where one is named, else the artifact type.
 */
export function kindOfReferrer(
  artifactType: string,
  annotations: Record<string, string> = {}
): { kind: AttachmentKind; type: string } {
  const predicate = annotations[PREDICATE_ANNOTATION] ?? annotations[BUNDLE_PREDICATE_ANNOTATION]
  if (BUNDLES.has(artifactType))
    return predicate
      ? { kind: kindOfPredicate(predicate), type: predicate }
      : { kind: 'signature', type: artifactType }
  if (SIGNATURES.has(artifactType)) return { kind: 'signature', type: artifactType }
  if (SBOMS.has(artifactType)) return { kind: 'sbom', type: artifactType }
  if (IN_TOTO.has(artifactType) && predicate)
    return { kind: kindOfPredicate(predicate), type: predicate }
  return { kind: 'other', type: artifactType }
}
