import type { BlobStore } from '../cache/blob-store.js'
import { computeDigest, manifestDigest, verifyManifestDigest } from '../model/digest.js'
import { isDigestGateError } from '../model/errors.js'
import { CONFIG_CAP, MANIFEST_CAP } from '../model/limits.js'
import { isObject, stripParameters } from '../model/manifest.js'
import { digestProblem } from '../model/reference.js'
import type { DescribedManifest, FetchedManifest, Source } from './source.js'

/**
 * Any Source that serves exact bytes, with a content-addressed cache in front (the `cache`
 * input). By tag: one HEAD for the digest the tag names now, then that digest's bytes from
 * the cache when it holds them; by digest (an index's children, configs): the cache first.
 * Whatever the registry sends is stored once it matches its digest. Nothing read from the
 * cache is trusted: it is checked against its digest here and checked again in resolve.ts, so a
 * tampered cache file is refetched, and can never change a result.
 */
export class CachedSource implements Source {
  readonly label: string
  readonly kind: string
  readonly abilities: Source['abilities']
  readonly notes?: readonly string[]
  readonly headManifest?: Source['headManifest']
  readonly locateBlob?: Source['locateBlob']
  readonly explain?: Source['explain']
  readonly fetchReferrers?: Source['fetchReferrers']

  constructor(
    private readonly inner: Source,
    private readonly store: BlobStore
  ) {
    if (!inner.abilities.exactBytes)
      throw new Error(`${inner.label} serves no exact bytes to cache`)
    this.label = inner.label
    this.kind = inner.kind
    this.abilities = inner.abilities
    this.notes = inner.notes
    // detail: digest and verify-blobs want the registry's word now, not a stored one.
    if (inner.headManifest) this.headManifest = inner.headManifest.bind(inner)
    if (inner.locateBlob) this.locateBlob = inner.locateBlob.bind(inner)
    if (inner.explain) this.explain = inner.explain.bind(inner)
    // Referrers change whenever something is attached, so they are always listed anew; the
    // manifests and blobs they name are content-addressed and go through the cache below.
    if (inner.fetchReferrers) this.fetchReferrers = inner.fetchReferrers.bind(inner)
  }

  async fetchManifest(
    repository: string,
    reference: string
  ): Promise<FetchedManifest | DescribedManifest> {
    const byDigest = !digestProblem(reference)
    let digest: string | undefined = byDigest ? reference : undefined
    if (!byDigest && this.inner.headManifest) {
      const head = await this.inner.headManifest(repository, reference).catch((e: unknown) => {
        // A registry that refuses HEAD as such is asked with GET, as without the cache.
        if (isDigestGateError(e) && e.status === 405) return undefined
        throw e
      })
      if (head?.digest && !digestProblem(head.digest)) digest = head.digest
    }
    if (digest) {
      const cached = await this.readManifest(digest)
      if (cached) return cached
    }
    this.store.stats.misses++
    const answer = await this.inner.fetchManifest(repository, reference)
    if (answer.kind === 'manifest')
      await this.storeManifest(answer, byDigest ? reference : undefined)
    return answer
  }

  async fetchBlob(repository: string, digest: string, maxBytes: number): Promise<Uint8Array> {
    if (!this.inner.fetchBlob) throw new Error(`${this.label} cannot read blobs`)
    const cached = await this.store.read(digest, Math.min(maxBytes, CONFIG_CAP))
    if (cached) {
      if (computeDigest(cached.bytes, algorithmOf(digest)) === digest) {
        this.store.stats.hits++
        return cached.bytes
      }
      await this.store.discard(digest)
    }
    this.store.stats.misses++
    const bytes = await this.inner.fetchBlob(repository, digest, maxBytes)
    if (computeDigest(bytes, algorithmOf(digest)) === digest) await this.store.write(digest, bytes)
    return bytes
  }

  /** A stored manifest that still hashes to its digest and agrees with its stored type. */
  private async readManifest(digest: string): Promise<FetchedManifest | undefined> {
    const cached = await this.store.read(digest, MANIFEST_CAP)
    if (!cached) return undefined
    if (!matches(cached.bytes, digest) || !typeAgrees(cached.bytes, cached.mediaType)) {
      await this.store.discard(digest)
      return undefined
    }
    this.store.stats.hits++
    // resolve.ts hashes the bytes again and compares them with this claim.
    return {
      kind: 'manifest',
      body: cached.bytes,
      contentType: cached.mediaType,
      claimedDigest: digest
    }
  }

  /**
   * Stores what the registry sent, under the digest it was asked by, or by tag under the
   * digest of its content when the registry's Docker-Content-Digest (if any) says the same.
   */
  private async storeManifest(answer: FetchedManifest, asked: string | undefined): Promise<void> {
    const claimed = asked ?? answer.claimedDigest
    let digest: string
    try {
      digest = claimed && !digestProblem(claimed) ? claimed : manifestDigest(answer.body)
      if (!matches(answer.body, digest)) return
    } catch {
      return
    }
    await this.store.write(digest, answer.body, stripParameters(answer.contentType))
  }
}

function algorithmOf(digest: string): 'sha256' | 'sha512' {
  return digest.startsWith('sha512:') ? 'sha512' : 'sha256'
}

function matches(body: Uint8Array, digest: string): boolean {
  try {
    verifyManifestDigest(body, digest)
    return true
  } catch {
    return false
  }
}

/**
 * The stored media type is not covered by the digest, so it must not contradict the body:
 * when the body names its own `mediaType` (Docker types always do), the two must agree.
 */
function typeAgrees(body: Uint8Array, stored: string): boolean {
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'))
  } catch {
    return false
  }
  if (!isObject(json)) return false
  const own = json.mediaType
  return typeof own !== 'string' || stored === '' || stripParameters(own) === stored
}
