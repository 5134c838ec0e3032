/**
 * Where manifests come from. A Source fetches bytes; it knows nothing of platforms, policies
 * or summaries, and it does not verify digests: resolve.ts does that once for every source.
 */
export interface FetchedManifest {
  body: Uint8Array
  /** Content-Type as served, parameters included; may be empty. */
  contentType: string
  /** The digest the source claims (Docker-Content-Digest, or the layout's descriptor). */
  claimedDigest?: string
}

export interface BlobLocation {
  /** Content-Length as the final store stated it. */
  size: number
  /** Host that finally served the blob (a CDN, after redirects). */
  servedBy: string
}

export interface Source {
  /** Short name of where this source reads from, for messages (`ghcr.io`, `oci-layout:./x`). */
  readonly label: string
  /**
   * What a tag names, without reading the manifest (HEAD): the digest the source states, which
   * cannot be verified without the body. Absent where the source has no cheaper way.
   */
  headManifest?(
    repository: string,
    reference: string
  ): Promise<{ digest?: string; contentType: string }>
  /** The manifest a tag or digest names, by `repository` within this source. */
  fetchManifest(repository: string, reference: string): Promise<FetchedManifest>
  /** A small blob (an image config), read whole up to `maxBytes`. */
  fetchBlob(repository: string, digest: string, maxBytes: number): Promise<Uint8Array>
  /** Where a blob is and how large it says it is, without downloading it. */
  locateBlob(repository: string, digest: string): Promise<BlobLocation>
}
