/**
 * The cache's own contract, over real files in a temporary directory and a Source kept in
 * memory (the suite in integration/cache.test.ts runs it against the real registry).
 */
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { BlobStore } from '../../src/cache/blob-store.js'
import { computeDigest } from '../../src/model/digest.js'
import { DigestGateError } from '../../src/model/errors.js'
import { CachedSource } from '../../src/sources/cached-source.js'
import { FULL_ABILITIES, type FetchedManifest, type Source } from '../../src/sources/source.js'

const INDEX = 'application/vnd.oci.image.index.v1+json'
const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: [] }))
const digest = computeDigest(body)
const config = Buffer.from('{"architecture":"amd64","os":"linux"}')
const configDigest = computeDigest(config)

/** A registry in memory that counts what it is asked. */
class MemorySource implements Source {
  readonly label = 'memory.example'
  readonly kind = 'registry'
  readonly abilities = FULL_ABILITIES
  calls: string[] = []
  headDigest: string | undefined = digest
  headStatus = 200
  headManifest(
    _repository: string,
    reference: string
  ): Promise<{ digest?: string; contentType: string }> {
    this.calls.push(`HEAD ${reference}`)
    if (this.headStatus !== 200)
      return Promise.reject(
        new DigestGateError('registry-error', 'refused', { status: this.headStatus })
      )
    return Promise.resolve({ digest: this.headDigest, contentType: INDEX })
  }
  fetchManifest(_repository: string, reference: string): Promise<FetchedManifest> {
    this.calls.push(`GET ${reference}`)
    return Promise.resolve({ kind: 'manifest', body, contentType: INDEX, claimedDigest: digest })
  }
  fetchBlob(_repository: string, d: string): Promise<Uint8Array> {
    this.calls.push(`GET blob ${d.slice(0, 12)}`)
    return Promise.resolve(config)
  }
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dg-cache-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

function setup(): { inner: MemorySource; store: BlobStore; source: CachedSource } {
  const inner = new MemorySource()
  const store = new BlobStore(dir)
  return { inner, store, source: new CachedSource(inner, store) }
}

test('cold: HEAD, then GET, stored by digest with its media type; warm: HEAD only', async () => {
  const { inner, store, source } = setup()
  await source.fetchManifest('app', 'v1')
  expect(inner.calls).toEqual(['HEAD v1', 'GET v1'])
  const hex = digest.slice('sha256:'.length)
  expect(await readFile(join(dir, 'blobs', 'sha256', hex))).toEqual(body)
  expect(await readFile(join(dir, 'types', 'sha256', hex), 'utf8')).toBe(INDEX)
  // Nothing half-written is left under another name.
  expect(await readdir(join(dir, 'blobs', 'sha256'))).toEqual([hex])

  const warm = new CachedSource(inner, new BlobStore(dir))
  inner.calls = []
  const answer = await warm.fetchManifest('app', 'v1')
  expect(inner.calls).toEqual(['HEAD v1'])
  expect(answer).toEqual({ kind: 'manifest', body, contentType: INDEX, claimedDigest: digest })
  expect(store.stats).toMatchObject({ hits: 0, misses: 1, stored: 1 })
})

test('by digest (children) and configs: the cache first, the registry once', async () => {
  const { inner, store, source } = setup()
  await source.fetchManifest('app', digest)
  await source.fetchManifest('app', digest)
  await source.fetchBlob('app', configDigest, 1024)
  expect(Buffer.from(await source.fetchBlob('app', configDigest, 1024))).toEqual(config)
  expect(inner.calls).toEqual([`GET ${digest}`, `GET blob ${configDigest.slice(0, 12)}`])
  expect(store.stats).toEqual({ hits: 2, misses: 2, stored: 2, corrupt: 0, writeErrors: 0 })
})

test('a tampered file is ignored, counted, refetched and replaced', async () => {
  const { inner, store, source } = setup()
  await source.fetchManifest('app', 'v1')
  const file = join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length))
  await writeFile(file, body.toString().replace('"manifests":[]', '"manifests":[{}]'))
  inner.calls = []
  const answer = await source.fetchManifest('app', 'v1')
  expect(inner.calls).toEqual(['HEAD v1', 'GET v1'])
  expect(Buffer.from((answer as FetchedManifest).body)).toEqual(body)
  expect(store.stats.corrupt).toBe(1)
  expect(await readFile(file)).toEqual(body)
})

test('a stored media type that contradicts the body is not used', async () => {
  const { inner, store, source } = setup()
  await source.fetchManifest('app', digest)
  await writeFile(
    join(dir, 'types', 'sha256', digest.slice('sha256:'.length)),
    'application/vnd.oci.image.manifest.v1+json'
  )
  inner.calls = []
  await source.fetchManifest('app', digest)
  expect(inner.calls).toEqual([`GET ${digest}`])
  expect(store.stats.corrupt).toBe(1)
})

test('HEAD without a digest, or refused with 405, falls back to the GET', async () => {
  const { inner, source } = setup()
  inner.headDigest = undefined
  await source.fetchManifest('app', 'v1')
  inner.headDigest = digest
  inner.headStatus = 405
  await source.fetchManifest('app', 'v1')
  expect(inner.calls).toEqual(['HEAD v1', 'GET v1', 'HEAD v1', 'GET v1'])
  inner.headStatus = 404
  await expect(source.fetchManifest('app', 'v1')).rejects.toThrow('refused')
})

test('an answer that does not match its digest is never stored', async () => {
  const { inner, store, source } = setup()
  inner.fetchManifest = () =>
    Promise.resolve({
      kind: 'manifest',
      body,
      contentType: INDEX,
      claimedDigest: computeDigest(Buffer.from('x'))
    })
  await source.fetchManifest('app', 'v1')
  expect(store.stats.stored).toBe(0)
  await expect(readdir(join(dir, 'blobs'))).rejects.toThrow()
})

test('an unwritable cache costs nothing but the writes', async () => {
  await writeFile(join(dir, 'blobs'), 'a file where a directory should be')
  const { inner, store, source } = setup()
  await source.fetchManifest('app', digest)
  expect(store.stats).toMatchObject({ stored: 0, writeErrors: 1 })
  expect(inner.calls).toEqual([`GET ${digest}`])
})

test('a source without exact bytes cannot be cached', () => {
  const inner = new MemorySource()
  Object.defineProperty(inner, 'abilities', { value: { ...FULL_ABILITIES, exactBytes: false } })
  expect(() => new CachedSource(inner, new BlobStore(dir))).toThrow('serves no exact bytes')
})

test('a leading ~ is the home directory, as actions/cache reads it', () => {
  expect(new BlobStore('~/.cache/digest-gate').root).toBe(join(homedir(), '.cache', 'digest-gate'))
  expect(new BlobStore('./~x').root).toBe(join(process.cwd(), '~x'))
})

describe('what else the cache directory may hold', () => {
  /**
   * What the cache directory may hold besides the files it wrote: FIFOs (tar restores them),
   * directories, symlinks to either. Each is a miss, read without blocking. The old store
   * opened a FIFO and waited for a writer forever; these tests would time out.
   */

  const bytes = Buffer.from('{"schemaVersion":2}')
  const digest = computeDigest(bytes)
  const hex = digest.slice('sha256:'.length)
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dg-blob-store-'))
    await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true })
    await mkdir(join(dir, 'types', 'sha256'), { recursive: true })
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  const mkfifo = (path: string): void => void execFileSync('mkfifo', [path])

  describe('a cache entry that is not a regular file is a miss', () => {
    test('a FIFO at blobs/sha256/<hex>', async () => {
      const store = new BlobStore(dir)
      mkfifo(join(dir, 'blobs', 'sha256', hex))
      expect(await store.read(digest, 1024)).toBeUndefined()
      expect(store.stats.corrupt).toBe(1)
      // Writing the blob puts a file in the FIFO's place; then it is a hit.
      await store.write(digest, bytes, 'application/json')
      expect(await store.read(digest, 1024)).toEqual({ bytes, mediaType: 'application/json' })
    })

    test('a FIFO at types/sha256/<hex> beside a good blob', async () => {
      const store = new BlobStore(dir)
      await writeFile(join(dir, 'blobs', 'sha256', hex), bytes)
      mkfifo(join(dir, 'types', 'sha256', hex))
      expect(await store.read(digest, 1024)).toBeUndefined()
      expect(store.stats.corrupt).toBe(1)
    })

    test('a symlink to a FIFO, and a directory, at the blob’s name', async () => {
      const store = new BlobStore(dir)
      const fifo = join(dir, 'elsewhere')
      mkfifo(fifo)
      await symlink(fifo, join(dir, 'blobs', 'sha256', hex))
      expect(await store.read(digest, 1024)).toBeUndefined()
      const other = computeDigest(Buffer.from('other'))
      await mkdir(join(dir, 'blobs', 'sha256', other.slice('sha256:'.length)))
      expect(await store.read(other, 1024)).toBeUndefined()
      expect(store.stats.corrupt).toBe(2)
    })

    test('no types file is still a blob without a type, as before', async () => {
      const store = new BlobStore(dir)
      await writeFile(join(dir, 'blobs', 'sha256', hex), bytes)
      expect(await store.read(digest, 1024)).toEqual({ bytes, mediaType: '' })
      expect(store.stats.corrupt).toBe(0)
    })
  })
})
