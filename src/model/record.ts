import { type ErrorKind, errorMessage, isDigestGateError } from './errors.js'
import type { Platform } from './platform.js'

/** What an attached artifact is. `attestation`: in-toto, predicate not known yet (see `needs`). */
export type AttachedKind = 'signature' | 'provenance' | 'sbom' | 'vex' | 'attestation' | 'other'

export type AttachedFormat =
  | 'buildkit'
  | 'cosign'
  | 'sigstore-bundle'
  | 'notation'
  | 'in-toto'
  | 'dsse'
  | 'spdx'
  | 'cyclonedx'
  | 'syft'
  | 'harbor'
  | 'openvex'
  | 'unknown'

/**
 * The one record shape every source's answer becomes, and what every later stage (policy,
 * outputs, summary, pins) reads. Plain data: the report file is these records as JSON.
 */

export interface LayerRecord {
  digest: string
  size: number
  mediaType: string
  /** Set by verify-blobs: the host that served it, and what it said its size was. */
  servedBy?: string
  storedSize?: number
  problem?: string
}

export interface PlatformRecord {
  /** Normalised key: `os(os.version)/arch[/variant]`. */
  platform: string
  digest: string | null
  mediaType: string | null
  layers: number | null
  size: number | null
  /** Config blob digest (schema 1 has none). */
  config?: string | null
  layerList?: LayerRecord[]
  annotations?: Record<string, string>
  /** Digests of attestation manifests that name this platform's manifest. */
  attestations?: string[]
  /** The platform as the index or config stated it, before normalisation. */
  declared?: Platform
  /** What is attached to this platform, when a policy's `attestations` rule read it. */
  attached?: AttachedRecord[]
  /** Signatures verified for this platform, when a `signed-by` rule read them (issue 21). */
  verified?: VerifiedSignature[]
}

/** A Sigstore bundle that verified for a platform: who signed, how it was proved, what it says. */
export interface VerifiedSignature {
  /** The referrer's manifest digest; for a cosign `.sig`/`.att` tag, the digest it signs. */
  digest: string
  /** Whose referrer it is: this platform's manifest, or the index. */
  subject: 'platform' | 'index'
  /** The trust root that verified it (`trusted-root ./root.json`), or `key cosign.pub`. */
  root: string
  /** The certificate's SAN; absent for a key pair. */
  identity?: string
  issuer?: string
  sourceRepository?: string
  logIndex?: string
  /** When the signature was proved (a timestamp authority's time, else the log's). */
  timestamp?: string
  predicateType: string
  builder?: string
}

/**
 * Something attached to a platform's manifest: a BuildKit attestation manifest in the index
 * (`vnd.docker.reference.digest` names the platform), or an OCI 1.1 referrer of the platform's
 * manifest or of the index (image-spec manifest.md `subject`; distribution-spec
 * "Listing Referrers"), as src/attestations/classify.ts classifies it.
 */
export interface AttachedRecord {
  /** `provenance`, `sbom`, `signature`, `vex`; `attestation` (predicate unknown) or `other`. */
  kind: AttachedKind
  format: AttachedFormat
  /** For people: `SLSA provenance v0.2 (BuildKit)`, `notation signature`. */
  name: string
  /** The media type that decided (artifactType, config or layer media type). */
  mediaType: string
  /** The in-toto predicate type, when one is known. */
  predicateType?: string
  /** Wrapped in a signature envelope; says nothing about whether the signature verifies. */
  signed: boolean
  /** The attached manifest's digest. */
  digest: string
  /** `index`: a BuildKit attestation entry; `referrers`/`referrers-tag`: the API or its tag. */
  via: 'index' | 'referrers' | 'referrers-tag'
  /** Whose referrer it is: this platform's manifest, or the index (counting for every platform). */
  subject: 'platform' | 'index'
}

/** A broken policy rule (README, "Policy file"): the `violations` output's entries. */
export interface Violation {
  image: string
  platform: string
  rule:
    | 'forbid'
    | 'max-size'
    | 'max-layers'
    | 'max-growth'
    | 'attestations'
    | 'signed-by'
    | 'provenance'
    | 'consistent'
  /** What the rule asks, for a human (`≤ 80 MiB`). */
  expected: string
  /** What was found (`83.2 MiB`). */
  found: string
}

export interface ImageError {
  kind: ErrorKind
  message: string
  registry?: string
  code?: string
  /** The wait a rate-limited registry asked for (Retry-After), in ms. */
  retryAfterMs?: number
}

export interface ImageRecord {
  /** The image exactly as given, trimmed. */
  image: string
  ref: string | null
  digest: string | null
  mediaType: string | null
  platforms: PlatformRecord[]
  attestations: number
  missing: string[]
  error: string | null
  errorDetail?: ImageError
  /** Things skipped or worth knowing that are not errors. */
  notes: string[]
  annotations?: Record<string, string>
  /** Which source answered (`registry`, `oci-layout`, `docker`), and why figures are null if so. */
  source?: string
  /** Hosts that served layer blobs (verify-blobs, schema 1). */
  blobHosts?: string[]
  /** Set when a policy judged this image: its violations, none being `[]`. */
  violations?: Violation[]
}

export function emptyRecord(image: string): ImageRecord {
  return {
    image,
    ref: null,
    digest: null,
    mediaType: null,
    platforms: [],
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  }
}

export function failRecord(record: ImageRecord, e: unknown, image: string): ImageRecord {
  // A plain Error (a socket closed, say) is told by its message: "Error:" means nothing to the
  // reader of a failed image. A TypeError or the like is a bug, and keeps its name.
  const plain = e instanceof Error && !isDigestGateError(e) && e.name === 'Error'
  const message = plain ? e.message : errorMessage(e)
  const detail: ImageError = isDigestGateError(e)
    ? { kind: e.kind, message, registry: e.registry, code: e.code }
    : { kind: 'registry-error', message }
  if (isDigestGateError(e) && e.retryAfterMs !== undefined) detail.retryAfterMs = e.retryAfterMs
  return { ...record, platforms: [], error: `${image}: ${message}`, errorDetail: detail }
}

/** A required platform an image lacks: the `missing` output's entries. */
export interface MissingPlatform {
  image: string
  platform: string
}
