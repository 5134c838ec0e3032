import { realpathSync, statSync } from 'node:fs'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { DigestGateError } from '../model/errors.js'
import { parseDescriptor, type Descriptor } from '../model/manifest.js'
import { MANIFEST_CAP } from '../model/limits.js'
import { NotRegularFileError, readRegularSync } from '../fs/regular-file.js'
import { type BlobLocation, FULL_ABILITIES, type FetchedManifest, type Source } from './source.js'

/**
 * A local OCI image layout (image-spec image-layout.md): `oci-layout`, `index.json`, and
 * `blobs/<alg>/<hex>`. Tags are the `org.opencontainers.image.ref.name` annotations of
 * index.json's entries, as buildx and skopeo write them. Files are read synchronously: they are
 * small and local, and a run over a layout is done before an event loop hop would pay off.
 * So nothing here may block or grow without bound: only regular files are opened, without
 * blocking (regular-file.ts: a FIFO in blobs/ would stop the run for good); index.json is
 * held to the cap of a manifest index; a blob that is a symlink is followed only while it
 * stays inside the layout.
 */
const REF_NAME = 'org.opencontainers.image.ref.name'

/** index.json is an image index (image-spec image-layout.md), so an index's cap bounds it. */
export const INDEX_JSON_CAP = MANIFEST_CAP
/** Far above the `{"imageLayoutVersion": "1.0.0"}` it holds. */
const OCI_LAYOUT_CAP = 64 * 1024
/** Tags a missing tag's error names; the rest are counted. */
export const TAGS_LISTED = 20

/** `tags: a, b, … and N more`, or `tags: none`. */
export function listTags(tags: readonly string[]): string {
  if (!tags.length) return 'tags: none'
  const shown = tags.slice(0, TAGS_LISTED).join(', ')
  const rest = tags.length - TAGS_LISTED
  return `tags: ${shown}${rest > 0 ? ` and ${rest} more` : ''}`
}

export class OciLayoutSource implements Source {
  readonly label: string
  readonly kind = 'oci-layout'
  readonly abilities = FULL_ABILITIES
  private readonly root: string
  private realRoot?: string
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
        const tags = entries.map(e => e.annotations?.[REF_NAME]).filter((t): t is string => !!t)
        throw new DigestGateError(
          'not-found',
          `${this.label} has no tag '${reference}' in index.json (${listTags(tags)})`,
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
      const path = this.blobPath(digest)
      let size: number
      try {
        const stats = statSync(path)
        if (!stats.isFile()) throw new Error('not a file')
        size = stats.size
      } catch {
        throw this.missing(digest)
      }
      this.inside(path, digest)
      return { size, servedBy: 'local' }
    })
  }

  private blobPath(digest: string): string {
    const [algorithm, hex] = digest.split(':')
    return join(this.root, 'blobs', algorithm, hex)
  }

  private missing(digest: string, why = ''): DigestGateError {
    return new DigestGateError('not-found', `${this.label} has no blob ${digest}${why}`, {
      code: 'BLOB_UNKNOWN'
    })
  }

  /**
   * The blob's path with every symlink resolved, when that is still inside the layout: a
   * symlinked blob (as some tools dedupe them) is followed, but never out of the layout.
   */
  private inside(path: string, digest: string): string {
    let real: string
    try {
      this.realRoot ??= realpathSync(this.root)
      real = realpathSync(path)
    } catch {
      throw this.missing(digest)
    }
    const rel = relative(this.realRoot, real)
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new DigestGateError(
        'invalid-input',
        `${this.label}: blob ${digest} is a symlink that leads out of the layout; not read`
      )
    }
    return real
  }

  private readBlob(digest: string, maxBytes: number): Uint8Array {
    const real = this.inside(this.blobPath(digest), digest)
    try {
      return readRegularSync(real, maxBytes, size => this.tooBig(`blob ${digest}`, size, maxBytes))
    } catch (e) {
      if (e instanceof DigestGateError) throw e
      if (e instanceof NotRegularFileError) throw this.missing(digest, ` (blobs/ holds ${e.kind})`)
      throw this.missing(digest)
    }
  }

  private tooBig(what: string, size: number, cap: number): DigestGateError {
    return new DigestGateError(
      'invalid-manifest',
      `${this.label}: ${what} is ${size} bytes, over the ${cap}-byte cap`
    )
  }

  /** A file of the layout itself (index.json, oci-layout), as text, within `cap`. */
  private readLayoutFile(name: string, cap: number): string {
    const path = join(this.root, name)
    return readRegularSync(path, cap, size => this.tooBig(name, size, cap)).toString('utf8')
  }

  private entries(): Descriptor[] {
    this.index ??= this.loadIndex()
    return this.index
  }

  private loadIndex(): Descriptor[] {
    let layout: unknown
    try {
      layout = JSON.parse(this.readLayoutFile('oci-layout', OCI_LAYOUT_CAP))
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
      index = JSON.parse(this.readLayoutFile('index.json', INDEX_JSON_CAP)) as {
        manifests?: unknown
      }
    } catch (e) {
      if (e instanceof DigestGateError) throw e
      if (e instanceof NotRegularFileError)
        throw new DigestGateError(
          'invalid-input',
          `${this.label}: index.json is ${e.kind}, not a file`
        )
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
