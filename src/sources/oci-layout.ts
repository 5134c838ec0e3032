import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DigestGateError } from '../model/errors.js'
import { parseDescriptor, type Descriptor } from '../model/manifest.js'
import { MANIFEST_CAP } from '../model/limits.js'
import { type BlobLocation, FULL_ABILITIES, type FetchedManifest, type Source } from './source.js'

/**
 * A local OCI image layout (image-spec image-layout.md): `oci-layout`, `index.json`, and
 * `blobs/<alg>/<hex>`. Tags are the `org.opencontainers.image.ref.name` annotations of
 * index.json's entries, as buildx and skopeo write them. Files are read synchronously: they are
 * small and local, and a run over a layout is done before an event loop hop would pay off.
 */
const REF_NAME = 'org.opencontainers.image.ref.name'

export class OciLayoutSource implements Source {
  readonly label: string
  readonly kind = 'oci-layout'
  readonly abilities = FULL_ABILITIES
  private readonly root: string
  private index?: Descriptor[]

  constructor(path: string) {
    this.root = resolve(path)
    this.label = `oci-layout://${path}`
  }

  fetchManifest(_repository: string, reference: string): Promise<FetchedManifest> {
    return settle(() => this.manifest(reference))
  }

  private manifest(reference: string): FetchedManifest {
    const entries = this.entries()
    let descriptor: Descriptor | undefined
    if (reference.includes(':') && /^sha(256|512):/.test(reference)) {
      descriptor = { mediaType: '', digest: reference, size: -1 }
    } else {
      descriptor = entries.find(e => e.annotations?.[REF_NAME] === reference)
      if (!descriptor && reference === 'latest' && entries.length === 1) descriptor = entries[0]
      if (!descriptor) {
        const tags = entries.map(e => e.annotations?.[REF_NAME]).filter(Boolean)
        throw new DigestGateError(
          'not-found',
          `${this.label} has no tag '${reference}' in index.json (tags: ${tags.length ? tags.join(', ') : 'none'})`,
          { code: 'MANIFEST_UNKNOWN' }
        )
      }
    }
    const body = this.readBlob(descriptor.digest, MANIFEST_CAP)
    return {
      kind: 'manifest',
      body,
      contentType: descriptor.mediaType,
      claimedDigest: descriptor.digest
    }
  }

  fetchBlob(_repository: string, digest: string, maxBytes: number): Promise<Uint8Array> {
    return settle(() => this.readBlob(digest, maxBytes))
  }

  locateBlob(_repository: string, digest: string): Promise<BlobLocation> {
    return settle(() => {
      try {
        return { size: statSync(this.blobPath(digest)).size, servedBy: 'local' }
      } catch {
        throw this.missing(digest)
      }
    })
  }

  private blobPath(digest: string): string {
    const [algorithm, hex] = digest.split(':')
    return join(this.root, 'blobs', algorithm, hex)
  }

  private missing(digest: string): DigestGateError {
    return new DigestGateError('not-found', `${this.label} has no blob ${digest}`, {
      code: 'BLOB_UNKNOWN'
    })
  }

  private readBlob(digest: string, maxBytes: number): Uint8Array {
    let fd: number
    try {
      fd = openSync(this.blobPath(digest), 'r')
    } catch {
      throw this.missing(digest)
    }
    try {
      const { size } = fstatSync(fd)
      if (size > maxBytes) {
        throw new DigestGateError(
          'invalid-manifest',
          `${this.label}: blob ${digest} is ${size} bytes, over the ${maxBytes}-byte cap`
        )
      }
      const buf = Buffer.alloc(size)
      readSync(fd, buf, 0, size, 0)
      return buf
    } finally {
      closeSync(fd)
    }
  }

  private entries(): Descriptor[] {
    this.index ??= this.loadIndex()
    return this.index
  }

  private loadIndex(): Descriptor[] {
    let layout: unknown
    try {
      layout = JSON.parse(readFileSync(join(this.root, 'oci-layout'), 'utf8'))
    } catch {
      throw new DigestGateError(
        'invalid-input',
        `${this.label} is not an OCI image layout: no readable 'oci-layout' file in ${this.root}`
      )
    }
    if (typeof layout !== 'object' || layout === null || !('imageLayoutVersion' in layout)) {
      throw new DigestGateError(
        'invalid-input',
        `${this.label}: 'oci-layout' has no imageLayoutVersion`
      )
    }
    let index: { manifests?: unknown }
    try {
      index = JSON.parse(readFileSync(join(this.root, 'index.json'), 'utf8')) as {
        manifests?: unknown
      }
    } catch {
      throw new DigestGateError(
        'invalid-input',
        `${this.label}: index.json is missing or not valid JSON`
      )
    }
    if (!Array.isArray(index.manifests)) {
      throw new DigestGateError('invalid-input', `${this.label}: index.json has no manifests array`)
    }
    return index.manifests.map((m, i) => parseDescriptor(m, `index.json manifests[${i}]`))
  }
}

/** A synchronous read as the promise the Source interface answers with. */
function settle<T>(read: () => T): Promise<T> {
  try {
    return Promise.resolve(read())
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)))
  }
}
