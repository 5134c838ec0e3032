import type { Descriptor } from '../model/manifest.js'

/**
 * Where manifests come from. A Source fetches bytes or descriptions; it knows nothing of
 * platforms, policies or summaries, and it does not verify digests: resolve.ts does that once
 * for every source, and fills with `null` (and a note saying why) whatever a source cannot
 * supply (contract.md, "The report file").
 */

/** A manifest as bytes. */
export interface FetchedManifest {
  kind: 'manifest'
  body: Uint8Array
  /** Content-Type as served, parameters included; may be empty. */
  contentType: string
  /** The digest the source claims (Docker-Content-Digest, or the layout's descriptor). */
  claimedDigest?: string
}

/**
 * What a source that serves no manifest bytes says a reference names: the top descriptor and
 * the platform objects of its entries, as a Docker Engine's `/distribution` answers.
 */
export interface DescribedManifest {
  kind: 'described'
  digest: string
  mediaType: string | null
  /** Platform objects as the source gave them (JSON), attestation entries included. */
  platforms: unknown[]
}

export interface BlobLocation {
  /** Content-Length as the final store stated it. */
  size: number
  /** Host that finally served the blob (a CDN, after redirects). */
  servedBy: string
}

/**
 * The referrers of a manifest (distribution-spec spec.md, "Listing Referrers"), as listed
 * (the policy classifies them): from the referrers API (every page) or, where the registry has none,
 * from the tag-schema fallback (`sha256-<hex>`).
 */
export interface ReferrersAnswer {
  referrers: Descriptor[]
  /** Entries skipped and answers taken as empty, each saying which and why. */
  notes: string[]
  via: 'referrers' | 'referrers-tag'
}

/** The figures a source can supply; what it cannot is `null` in the record, with a reason. */
export interface SourceAbilities {
  /** Manifest bodies are the bytes the registry stores, so their digests can be checked. */
  exactBytes: boolean
  /** Manifests can be read by digest (an index's children, for layers and sizes). */
  manifestsByDigest: boolean
  /** Small blobs (image configs) can be read. */
  blobs: boolean
  /** Blob sizes can be looked up (schema 1 sizes, verify-blobs). */
  blobSizes: boolean
}

/** What a source lacks, for the note that explains a `null`. */
export type SourceLimit = 'digest' | 'children' | 'config' | 'blob-sizes' | 'platforms'

export const FULL_ABILITIES: SourceAbilities = Object.freeze({
  exactBytes: true,
  manifestsByDigest: true,
  blobs: true,
  blobSizes: true
})

export interface Source {
  /** Short name of where this source reads from, for messages (`ghcr.io`, `oci-layout:./x`). */
  readonly label: string
  /** The record's `source`: `registry`, `oci-layout`, `docker`, `aliyun`. */
  readonly kind: string
  readonly abilities: SourceAbilities
  /** Worth knowing about every image this source answers for (a region that differs, say). */
  readonly notes?: readonly string[]
  /**
   * Why a figure is missing, as a note naming `subject` (the image or manifest). Sources with
   * every ability need not say.
   */
  explain?(limit: SourceLimit, subject: string): string
  /**
   * What a tag names, without reading the manifest (HEAD): the digest the source states, which
   * cannot be verified without the body. Absent where the source has no cheaper way.
   */
  headManifest?(
    repository: string,
    reference: string
  ): Promise<{ digest?: string; contentType: string }>
  /** The manifest a tag or digest names, by `repository` within this source. */
  fetchManifest(repository: string, reference: string): Promise<FetchedManifest | DescribedManifest>
  /** A small blob (an image config), read whole up to `maxBytes`. Needs `abilities.blobs`. */
  fetchBlob?(repository: string, digest: string, maxBytes: number): Promise<Uint8Array>
  /** Where a blob is and how large it says it is. Needs `abilities.blobSizes`. */
  locateBlob?(repository: string, digest: string): Promise<BlobLocation>
  /**
   * What refers to the manifest `digest` (OCI 1.1 `subject`); null when nothing does. Absent
   * where the source cannot list referrers.
   */
  fetchReferrers?(repository: string, digest: string): Promise<ReferrersAnswer | null>
}
