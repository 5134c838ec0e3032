/**
 * The content-addressed cache in front of a source, in-process against the real registry the
 * integration suites use and a real cache folder: what a second run reads from the cache, what
 * it still asks the registry, and that a tampered cache file is refetched, never believed.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BlobStore } from '../../src/cache/blob-store.js'
import { HttpClient } from '../../src/http/client.js'
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
