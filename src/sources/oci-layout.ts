import { open, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { DigestGateError } from '../errors.js'
import { parseDescriptor, type Descriptor } from '../manifest.js'
import { MANIFEST_CAP } from '../http/rules.js'
import { type BlobLocation, FULL_ABILITIES, type FetchedManifest, type Source } from './source.js'

/**
 * A local OCI image layout (image-spec image-layout.md): `oci-layout`, `index.json`, and
 * `blobs/<alg>/<hex>`. Tags are the `org.opencontainers.image.ref.name` annotations of
 * index.json's entries, as buildx and skopeo write them.
 */
const REF_NAME = 'org.opencontainers.image.ref.name'

export class OciLayoutSource implements Source {
  readonly label: string
  readonly kind = 'oci-layout'
  readonly abilities = FULL_ABILITIES
  private readonly root: string
  private index?: Promise<Descriptor[]>

  constructor(path: string) {
    this.root = resolve(path)
    this.label = `oci-layout://${path}`
  }

  async fetchManifest(_repository: string, reference: string): Promise<FetchedManifest> {
    const entries = await this.entries()
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
    const body = await this.readBlob(descriptor.digest, MANIFEST_CAP)
    return {
      kind: 'manifest',
      body,
      contentType: descriptor.mediaType,
      claimedDigest: descriptor.digest
    }
  }

  fetchBlob(_repository: string, digest: string, maxBytes: number): Promise<Uint8Array> {
    return this.readBlob(digest, maxBytes)
  }

  async locateBlob(_repository: string, digest: string): Promise<BlobLocation> {
    try {
      const s = await stat(this.blobPath(digest))
      return { size: s.size, servedBy: 'local' }
    } catch {
      throw this.missing(digest)
    }
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

  private async readBlob(digest: string, maxBytes: number): Promise<Uint8Array> {
    let handle
    try {
      handle = await open(this.blobPath(digest), 'r')
    } catch {
      throw this.missing(digest)
    }
    try {
      const { size } = await handle.stat()
      if (size > maxBytes) {
        throw new DigestGateError(
          'invalid-manifest',
          `${this.label}: blob ${digest} is ${size} bytes, over the ${maxBytes}-byte cap`
        )
      }
      const buf = Buffer.alloc(size)
      await handle.read(buf, 0, size, 0)
      return buf
    } finally {
      await handle.close()
    }
  }

  private entries(): Promise<Descriptor[]> {
    this.index ??= this.loadIndex()
    return this.index
  }

  private async loadIndex(): Promise<Descriptor[]> {
    let layout: unknown
    try {
      layout = JSON.parse(await readFile(join(this.root, 'oci-layout'), 'utf8'))
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
      index = JSON.parse(await readFile(join(this.root, 'index.json'), 'utf8')) as {
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
