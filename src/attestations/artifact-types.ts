import type { AttachedFormat, AttachedKind } from '../model/record.js'
import { MediaTypes, stripParameters } from '../model/manifest.js'

// The media types of what is attached to an image (signatures, SBOMs, VEX, in-toto and sigstore
// bundles) and what each says about its content before any predicate is read.

export const AttachedMediaTypes = {
  /** image-spec manifest.md "Guidance for an Empty Descriptor": the blob `{}`. */
  empty: 'application/vnd.oci.empty.v1+json',
  inToto: 'application/vnd.in-toto+json',
  dsse: 'application/vnd.dsse.envelope.v1+json',
  /** BuildKit with `oci-artifact=true`: the attestation manifest's artifactType. */
  buildkitAttestation: 'application/vnd.docker.attestation.manifest.v1+json',
  sigstoreBundleV03: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  /** Older spelling with a `version` parameter (0.1, 0.2, 0.3). */
  sigstoreBundle: 'application/vnd.dev.sigstore.bundle+json',
  cosignSignature: 'application/vnd.dev.cosign.artifact.sig.v1+json',
  cosignSimpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
  cosignSbom: 'application/vnd.dev.cosign.artifact.sbom.v1+json',
  notation: 'application/vnd.cncf.notary.signature'
} as const

/** The digest of `{}`, the empty descriptor's blob (image-spec manifest.md). */
export const EMPTY_JSON_DIGEST =
  'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'

/** What an artifact or layer media type says, before any predicate is known. */
export interface TypeRule {
  kind: AttachedKind
  format: AttachedFormat
  name: string
  signed: boolean
}

// Keyed by media type without parameters, lowercased. The in-toto, DSSE, BuildKit and sigstore
// bundle types are handled in code: their kind depends on the predicate.
const ARTIFACT_TYPES: Readonly<Record<string, TypeRule>> = {
  // cosign OCI 1.1 mode: internal/pkg/oci/remote ArtifactType("sig") as config.mediaType; layers
  // are simple signing payloads (pkg/types/media.go).
  [AttachedMediaTypes.cosignSignature]: {
    kind: 'signature',
    format: 'cosign',
    name: 'cosign signature',
    signed: true
  },
  [AttachedMediaTypes.cosignSimpleSigning]: {
    kind: 'signature',
    format: 'cosign',
    name: 'cosign signature',
    signed: true
  },
  // notaryproject signature-specification.md: artifactType, or config.mediaType before OCI 1.1.
  [AttachedMediaTypes.notation]: {
    kind: 'signature',
    format: 'notation',
    name: 'notation signature',
    signed: true
  },
  // cosign `attach sbom` in OCI 1.1 mode (cmd/cosign/cli/attach/sbom.go).
  [AttachedMediaTypes.cosignSbom]: {
    kind: 'sbom',
    format: 'cosign',
    name: 'SBOM (cosign attach)',
    signed: false
  },
  // IANA: application/spdx+json, text/spdx; cosign also writes text/spdx+json (pkg/types/media.go).
  'application/spdx+json': { kind: 'sbom', format: 'spdx', name: 'SPDX SBOM', signed: false },
  'text/spdx': { kind: 'sbom', format: 'spdx', name: 'SPDX SBOM (tag-value)', signed: false },
  'text/spdx+json': { kind: 'sbom', format: 'spdx', name: 'SPDX SBOM', signed: false },
  // IANA: application/vnd.cyclonedx+json and +xml.
  'application/vnd.cyclonedx+json': {
    kind: 'sbom',
    format: 'cyclonedx',
    name: 'CycloneDX SBOM',
    signed: false
  },
  'application/vnd.cyclonedx+xml': {
    kind: 'sbom',
    format: 'cyclonedx',
    name: 'CycloneDX SBOM',
    signed: false
  },
  'application/vnd.syft+json': { kind: 'sbom', format: 'syft', name: 'Syft SBOM', signed: false },
  // Harbor's generated SBOM accessory (goharbor/harbor, artifactType of the SBOM manifest).
  'application/vnd.goharbor.harbor.sbom.v1': {
    kind: 'sbom',
    format: 'harbor',
    name: 'Harbor SBOM',
    signed: false
  },
  // Not registered with IANA; what `oras attach` users and Harbor use for OpenVEX documents.
  'application/vnd.openvex+json': { kind: 'vex', format: 'openvex', name: 'OpenVEX', signed: false }
}

/** Config media types that say nothing about what an artifact is. */
export const GENERIC_CONFIG_TYPES = new Set<string>([
  AttachedMediaTypes.empty,
  MediaTypes.ociConfig,
  MediaTypes.dockerConfig
])

export const IN_TOTO_LAYER_TYPES = new Set<string>([
  AttachedMediaTypes.inToto,
  AttachedMediaTypes.dsse
])

export function isSigstoreBundleType(base: string): boolean {
  return (
    base === AttachedMediaTypes.sigstoreBundle ||
    /^application\/vnd\.dev\.sigstore\.bundle\.v\d+\.\d+\+json$/.test(base)
  )
}

/** What the type says before any predicate is known; undefined for a type this module lacks. */
export function ruleFor(mediaType: string): TypeRule | undefined {
  const base = stripParameters(mediaType)
  const rule = ARTIFACT_TYPES[base]
  if (rule) return rule
  if (isSigstoreBundleType(base)) {
    return { kind: 'attestation', format: 'sigstore-bundle', name: 'sigstore bundle', signed: true }
  }
  if (base === AttachedMediaTypes.inToto) {
    return { kind: 'attestation', format: 'in-toto', name: 'in-toto attestation', signed: false }
  }
  if (base === AttachedMediaTypes.dsse) {
    return { kind: 'attestation', format: 'dsse', name: 'DSSE attestation', signed: true }
  }
  if (base === AttachedMediaTypes.buildkitAttestation) {
    return {
      kind: 'attestation',
      format: 'buildkit',
      name: 'BuildKit attestation manifest',
      signed: false
    }
  }
  return undefined
}
