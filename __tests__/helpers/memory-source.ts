/**
 * An in-memory Source for unit tests of resolve.ts: manifests and blobs stored by digest, tags
 * naming digests, and a log of every call so tests can count fetches. Bodies are real JSON with
 * real sha256 digests (src/digest.ts); `putManifestAt` and `putBlobAt` store bytes under a
 * digest they do not hash to, for the integrity tests.
 */
import { computeDigest } from '../../src/model/digest.js'
import { DigestGateError } from '../../src/model/errors.js'
import { MediaTypes } from '../../src/model/manifest.js'
import {
  type BlobLocation,
  type DescribedManifest,
  FULL_ABILITIES,
  type FetchedManifest,
  type Source,
  type SourceAbilities,
  type SourceLimit
} from '../../src/sources/source.js'

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
}

export interface LoggedCall {
  op: 'head' | 'manifest' | 'blob' | 'locate'
  repository: string
  reference: string
}

interface StoredManifest {
  body: Uint8Array
  contentType: string
}

/** How `headManifest` answers; absent means the source has no `headManifest` at all. */
export type HeadBehaviour = 'answers' | 'no-digest' | 'refused-405' | 'not-found'

export interface MemorySourceOptions {
  kind?: string
  label?: string
  abilities?: Partial<SourceAbilities>
  notes?: string[]
  /** Give the source an `explain`; default true. Its text names the limit and the subject. */
  explain?: boolean
  head?: HeadBehaviour
  /** Answer every manifest request with the `described` answer stored for its reference. */
  described?: boolean
}

function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))
}

/** What `explain` says: fixed text tests can match. */
export function explanation(limit: SourceLimit, subject: string): string {
  return `memory cannot supply ${limit} for ${subject}`
}

export class MemoryStore {
  readonly manifests = new Map<string, StoredManifest>()
  readonly blobs = new Map<string, Uint8Array>()
  readonly tags = new Map<string, string>()
  /** Digest → what the tag answer's Docker-Content-Digest claims instead of the digest itself. */
  readonly claims = new Map<string, string>()
  /** Sizes and hosts that `locateBlob` reports, where they differ from the stored blob's. */
  readonly locations = new Map<string, BlobLocation>()
  readonly described = new Map<string, DescribedManifest>()
  readonly log: LoggedCall[] = []

  /** Stores a manifest (JSON value or bytes) under its own sha256; returns its descriptor. */
  putManifest(value: unknown, contentType?: string): Descriptor {
    const body = bytesOf(value)
    const digest = computeDigest(body)
    const mediaType =
      contentType ??
      (typeof value === 'object' && value !== null && 'mediaType' in value
        ? String(value.mediaType)
        : '')
    this.manifests.set(digest, { body, contentType: mediaType })
    return { mediaType, digest, size: body.length }
  }

  /** Stores bytes under a digest of the caller's choosing (they need not hash to it). */
  putManifestAt(digest: string, value: unknown, contentType: string): void {
    this.manifests.set(digest, { body: bytesOf(value), contentType })
  }

  putBlob(value: unknown, mediaType: string = MediaTypes.ociConfig): Descriptor {
    const body = bytesOf(value)
    const digest = computeDigest(body)
    this.blobs.set(digest, body)
    return { mediaType, digest, size: body.length }
  }

  putBlobAt(digest: string, value: unknown): void {
    this.blobs.set(digest, bytesOf(value))
  }

  tag(name: string, digest: string): void {
    this.tags.set(name, digest)
  }

  describe(reference: string, answer: Omit<DescribedManifest, 'kind'>): void {
    this.described.set(reference, { kind: 'described', ...answer })
  }

  /** Calls of one kind, optionally for one reference or digest. */
  count(op: LoggedCall['op'], reference?: string): number {
    return this.log.filter(
      c => c.op === op && (reference === undefined || c.reference === reference)
    ).length
  }

  private digestFor(reference: string): string {
    if (/^sha(256|512):/.test(reference)) return reference
    const digest = this.tags.get(reference)
    if (!digest) {
      throw new DigestGateError('not-found', `memory has no tag '${reference}'`, {
        code: 'MANIFEST_UNKNOWN',
        status: 404
      })
    }
    return digest
  }

  private manifest(reference: string): StoredManifest & { digest: string } {
    const digest = this.digestFor(reference)
    const stored = this.manifests.get(digest)
    if (!stored) {
      throw new DigestGateError('not-found', `memory has no manifest ${digest}`, {
        code: 'MANIFEST_UNKNOWN',
        status: 404
      })
    }
    return { ...stored, digest }
  }

  private missingBlob(digest: string): DigestGateError {
    return new DigestGateError('not-found', `memory has no blob ${digest}`, {
      code: 'BLOB_UNKNOWN',
      status: 404
    })
  }

  /** A Source over this store, with only the methods and abilities asked for. */
  source(options: MemorySourceOptions = {}): Source {
    const abilities: SourceAbilities = { ...FULL_ABILITIES, ...options.abilities }
    const source: Source = {
      kind: options.kind ?? 'memory',
      label: options.label ?? 'memory.example',
      abilities,
      fetchManifest: (repository, reference) => {
        this.log.push({ op: 'manifest', repository, reference })
        return Promise.resolve().then((): FetchedManifest | DescribedManifest => {
          if (options.described) {
            const answer = this.described.get(reference)
            if (!answer) throw new DigestGateError('not-found', `memory describes no ${reference}`)
            return answer
          }
          const found = this.manifest(reference)
          return {
            kind: 'manifest',
            body: found.body,
            contentType: found.contentType,
            claimedDigest: this.claims.get(found.digest) ?? found.digest
          }
        })
      }
    }
    if (options.notes) Object.assign(source, { notes: options.notes })
    if (options.explain !== false) source.explain = explanation
    if (abilities.blobs) {
      source.fetchBlob = (repository, digest, maxBytes) => {
        this.log.push({ op: 'blob', repository, reference: digest })
        return Promise.resolve().then(() => {
          const blob = this.blobs.get(digest)
          if (!blob) throw this.missingBlob(digest)
          if (blob.length > maxBytes) throw new DigestGateError('invalid-manifest', 'too large')
          return blob
        })
      }
    }
    if (abilities.blobSizes) {
      source.locateBlob = (repository, digest) => {
        this.log.push({ op: 'locate', repository, reference: digest })
        return Promise.resolve().then(() => {
          const where = this.locations.get(digest)
          if (where) return where
          const blob = this.blobs.get(digest)
          if (!blob) throw this.missingBlob(digest)
          return { size: blob.length, servedBy: 'memory.example' }
        })
      }
    }
    const head = options.head
    if (head) {
      source.headManifest = (repository, reference) => {
        this.log.push({ op: 'head', repository, reference })
        return Promise.resolve().then(() => {
          if (head === 'refused-405') {
            throw new DigestGateError('unsupported', 'HEAD is not allowed', { status: 405 })
          }
          if (head === 'not-found') {
            throw new DigestGateError('not-found', `memory has no ${reference}`, { status: 404 })
          }
          const found = this.manifest(reference)
          return head === 'no-digest'
            ? { contentType: found.contentType }
            : { digest: found.digest, contentType: found.contentType }
        })
      }
    }
    return source
  }
}
