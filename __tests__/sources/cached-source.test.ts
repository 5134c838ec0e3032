/**
 * The content-addressed cache in front of a source, in-process against the real registry the
 * integration suites use and a real cache folder: what a second run reads from the cache, what
 * it still asks the registry, and that a tampered cache file is refetched, never believed.
 * Then the same contract in front of a Source kept in memory that counts what it is asked:
 * HEAD fallbacks, media types, digests that do not match, an unwritable cache.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BlobStore } from '../../src/cache/blob-store.js'
import { HttpClient } from '../../src/http/client.js'
import { computeDigest } from '../../src/model/digest.js'
import { DigestGateError } from '../../src/model/errors.js'
import { FULL_ABILITIES, type FetchedManifest, type Source } from '../../src/sources/source.js'
import { CachedSource } from '../../src/sources/cached-source.js'
import { OciLayoutSource } from '../../src/sources/oci-layout.js'
import { Authenticator } from '../../src/sources/registry/auth.js'
import { RegistrySource } from '../../src/sources/registry/registry-source.js'
import {
  MediaTypes,
  type PushedImage,
  type PushedIndex,
  type RunningRegistry,
  pushImage,
  pushIndex,
  startRegistry
} from '../integration/harness/registry.js'

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

let reg: RunningRegistry
let dir: string
let child: PushedImage
let index: PushedIndex
const clients: HttpClient[] = []

beforeAll(async () => {
  reg = await startRegistry()
  dir = await mkdtemp(join(tmpdir(), 'dg-cached-source-'))
  child = await pushImage(reg, 'app', undefined, {
    platform: { os: 'linux', architecture: 'amd64' },
    layerSizes: [10]
  })
  index = await pushIndex(reg, 'app', '1', [child])
})

afterAll(async () => {
  for (const c of clients) c.dispose()
  await reg?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** A run's view: a fresh registry source (and client) over the cache folder `cache`. */
function run(cache: string): { source: CachedSource; http: HttpClient; store: BlobStore } {
  const http = new HttpClient({ timeoutMs: 10_000, concurrency: 4, attempts: 1 })
  clients.push(http)
  const auth = new Authenticator(http, () => Promise.resolve(undefined), {
    allowsPlainHttp: () => true
  })
  const store = new BlobStore(cache)
  return {
    source: new CachedSource(new RegistrySource(reg.host, http, auth, true), store),
    http,
    store
  }
}

test('a second run reads by tag with one HEAD, and the rest from the cache', async () => {
  const cache = join(dir, 'cache1')
  const first = run(cache)
  const fetched = await first.source.fetchManifest('app', '1')
  if (fetched.kind !== 'manifest') throw new Error('expected bytes')
  expect(sha256(fetched.body)).toBe(index.digest)
  const config = await first.source.fetchBlob('app', child.configDigest, 1 << 20)
  expect(sha256(config)).toBe(child.configDigest)
  expect(first.store.stats).toMatchObject({ hits: 0, misses: 2, stored: 2 })
  // HEAD for the tag's digest, GET of the index, GET of the config.
  expect(first.http.totalRequests).toBe(3)

  const second = run(cache)
  const again = await second.source.fetchManifest('app', '1')
  if (again.kind !== 'manifest') throw new Error('expected bytes')
  expect(Buffer.from(again.body)).toEqual(Buffer.from(fetched.body))
  expect(again.claimedDigest).toBe(index.digest)
  expect(again.contentType).toBe(MediaTypes.dockerList)
  expect(sha256(await second.source.fetchBlob('app', child.configDigest, 1 << 20))).toBe(
    child.configDigest
  )
  expect(second.store.stats).toMatchObject({ hits: 2, misses: 0 })
  expect(second.http.totalRequests).toBe(1)
})

test('a tampered cache file is refetched from the registry and stored again', async () => {
  const cache = join(dir, 'cache2')
  await run(cache).source.fetchBlob('app', child.configDigest, 1 << 20)
  const file = join(cache, 'blobs', 'sha256', child.configDigest.slice('sha256:'.length))
  await writeFile(file, '{"architecture":"evil"}')
  const next = run(cache)
  const bytes = await next.source.fetchBlob('app', child.configDigest, 1 << 20)
  expect(sha256(bytes)).toBe(child.configDigest)
  expect(next.store.stats).toMatchObject({ hits: 0, misses: 1 })
  expect(next.http.totalRequests).toBe(1)
  const third = run(cache)
  await third.source.fetchBlob('app', child.configDigest, 1 << 20)
  expect(third.store.stats.hits).toBe(1)
  expect(third.http.totalRequests).toBe(0)
})

test('a source that serves no exact bytes cannot be cached', () => {
  const layout = new OciLayoutSource(join(dir, 'layout'))
  const described = Object.assign(Object.create(layout) as OciLayoutSource, {
    label: 'docker engine',
    abilities: { ...layout.abilities, exactBytes: false }
  })
  expect(() => new CachedSource(described, new BlobStore(join(dir, 'cache3')))).toThrow(
    'docker engine serves no exact bytes to cache'
  )
})

describe('in front of a source kept in memory', () => {
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
})
