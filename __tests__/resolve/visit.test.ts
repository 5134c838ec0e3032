/**
 * visit: the walk down from one manifest, called directly with a parsed manifest over an
 * in-memory source (real JSON and blobs under their real sha256), and on the corpus's real
 * GHCR BuildKit index and Docker Hub schema 1 manifest.
 */
import { readFileSync } from 'node:fs'
import { computeDigest } from '../../src/model/digest.js'
import { DigestGateError } from '../../src/model/errors.js'
import { type Manifest, MediaTypes, parseManifest } from '../../src/model/manifest.js'
import { visit } from '../../src/resolve/visit.js'
import type { Found, Walk } from '../../src/resolve/walk.js'
import { type Descriptor, MemoryStore, explanation } from '../helpers/memory-source.js'
import { startWalk } from '../helpers/walk.js'

const LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip'
const SUBJECT = 'team/app:1.0'
const amd64 = { os: 'linux', architecture: 'amd64' }
const armv7 = { os: 'linux', architecture: 'arm', variant: 'v7' }

const corpus = (name: string): Buffer =>
  readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url))

let store: MemoryStore
beforeEach(() => {
  store = new MemoryStore()
})

/** An image manifest with a real config (its platform) and layers of the given sizes. */
function putImage(
  platform: Record<string, string> | null,
  sizes = [100, 20],
  config: { body?: unknown; mediaType?: string } = {}
): Descriptor & { layers: Descriptor[] } {
  const seed = JSON.stringify(platform) + sizes.join()
  const cfg = store.putBlob(
    config.body ?? { ...platform, seed },
    config.mediaType ?? MediaTypes.ociConfig
  )
  const layers = sizes.map((n, i) => store.putBlob(Buffer.alloc(n, `${seed}${i}`), LAYER))
  const d = store.putManifest({
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    config: cfg,
    layers
  })
  return { ...d, layers }
}

const entry = (d: Descriptor, platform?: Record<string, string>, extra = {}) => ({
  mediaType: d.mediaType,
  digest: d.digest,
  size: d.size,
  ...(platform ? { platform } : {}),
  ...extra
})

function putIndex(manifests: unknown[]): Descriptor {
  return store.putManifest({ schemaVersion: 2, mediaType: MediaTypes.ociIndex, manifests })
}

const parsed = (d: Descriptor): Manifest =>
  parseManifest(store.manifests.get(d.digest)!.body, d.mediaType)

function walkTop(d: Descriptor, walk: Walk = startWalk(store.source())): Promise<Found> {
  return visit(walk, parsed(d), d.digest, undefined, 0, new Set([d.digest]))
}

async function failure(p: Promise<unknown>): Promise<DigestGateError> {
  try {
    await p
  } catch (e) {
    if (e instanceof DigestGateError) return e
    throw e
  }
  throw new Error('expected a DigestGateError')
}

describe('an index', () => {
  test('one record per child, in index order, layers read from each manifest', async () => {
    const a = putImage(amd64, [100, 20])
    const b = putImage(armv7, [7])
    const found = await walkTop(putIndex([entry(a, amd64), entry(b, armv7)]))
    expect(found.platforms.map(p => [p.platform, p.digest, p.layers, p.size])).toEqual([
      ['linux/amd64', a.digest, 2, 120],
      ['linux/arm/v7', b.digest, 1, 7]
    ])
    expect(found.notes).toEqual([])
  })

  test("GHCR's BuildKit index, detail platforms: the attestation entry is counted, never fetched", async () => {
    const digest = 'sha256:138fc25e9aaf93251609d23a8a50e91d50462f5dccb53cffde8db7a46385cfec'
    const body = corpus('ghcr-buildkit-attestation-index.json')
    expect(computeDigest(body)).toBe(digest)
    const walk = startWalk(store.source(), undefined, { detail: 'platforms' })
    const found = await visit(
      walk,
      parseManifest(body, MediaTypes.ociIndex),
      digest,
      undefined,
      0,
      new Set()
    )
    const image = 'sha256:0e026e48c72f503a89f1299d8d6a768f1e516740017b8dd29d290c234ec889b4'
    expect(found.platforms).toEqual([
      {
        platform: 'linux/amd64',
        digest: image,
        mediaType: MediaTypes.ociManifest,
        layers: null,
        size: null,
        declared: amd64
      }
    ])
    expect(found.attestations).toEqual([
      {
        digest: 'sha256:0b99212f395833227bbb3fdf0e821efd8ce8af3cca65ce9e00fc96c683af7076',
        target: image
      }
    ])
    expect(store.log).toEqual([])
  })

  test('an empty index says so', async () => {
    const top = putIndex([])
    const found = await walkTop(top)
    expect(found).toEqual({
      platforms: [],
      attestations: [],
      notes: [`index ${top.digest} lists no manifests`]
    })
  })

  test('a child listed twice is fetched once and recorded once', async () => {
    const a = putImage(amd64)
    const found = await walkTop(putIndex([entry(a, amd64), entry(a, amd64)]))
    expect(found.platforms).toHaveLength(1)
    expect(store.count('manifest', a.digest)).toBe(1)
  })

  test('entries that are not images for a platform are skipped, each with why', async () => {
    const a = putImage(amd64)
    const art = putImage(null, [3], { mediaType: 'application/vnd.example+json', body: { x: 1 } })
    const found = await walkTop(
      putIndex([
        entry(a, amd64),
        entry(art, amd64, { artifactType: 'application/vnd.example' }),
        {
          mediaType: 'application/octet-stream',
          digest: computeDigest(Buffer.from('blob')),
          size: 4,
          platform: amd64
        },
        entry(
          a,
          { os: 'unknown', architecture: 'unknown' },
          { digest: computeDigest(Buffer.from('u')) }
        )
      ])
    )
    expect(found.platforms.map(p => p.platform)).toEqual(['linux/amd64'])
    expect(found.notes).toEqual([
      `skipped ${art.digest}: artifact application/vnd.example`,
      `skipped ${computeDigest(Buffer.from('blob'))}: media type application/octet-stream is not an image manifest`,
      `skipped ${computeDigest(Buffer.from('u'))}: platform unknown/unknown is not an image for a platform`
    ])
  })

  test('more than 1,000 entries is refused before any child is fetched', async () => {
    const a = putImage(amd64)
    const many = Array.from({ length: 1001 }, (_, i) =>
      entry(a, amd64, { annotations: { i: String(i) } })
    )
    const top = putIndex(many)
    const e = await failure(walkTop(top))
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message).toBe(
      `index ${top.digest} brings the entries walked past 1000; refusing to go on`
    )
    expect(store.count('manifest')).toBe(0)
  })

  test('a child whose manifest has another media type than its entry says', async () => {
    const a = putImage(amd64)
    const e = await failure(
      walkTop(putIndex([entry(a, amd64, { mediaType: MediaTypes.dockerManifest })]))
    )
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message).toBe(
      `index entry ${a.digest} says ${MediaTypes.dockerManifest} but the manifest is ${MediaTypes.ociManifest}`
    )
  })
})

describe('nested indexes', () => {
  test('walked to the depth allowed, refused one deeper', async () => {
    const a = putImage(amd64)
    const inner = putIndex([entry(a, amd64)])
    const outer = putIndex([entry(inner)])
    const found = await walkTop(outer, startWalk(store.source(), undefined, { maxDepth: 1 }))
    expect(found.platforms.map(p => p.digest)).toEqual([a.digest])

    const top = putIndex([entry(outer)])
    const e = await failure(walkTop(top, startWalk(store.source(), undefined, { maxDepth: 1 })))
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message).toBe(`indexes nested deeper than 1 levels at ${inner.digest}`)
  })

  test('an index that lists an ancestor is a cycle', async () => {
    // A source that does not check digests can serve a loop; store one under chosen digests.
    const outer = computeDigest(Buffer.from('outer'))
    const inner = computeDigest(Buffer.from('inner'))
    const list = (child: string) => ({
      schemaVersion: 2,
      mediaType: MediaTypes.ociIndex,
      manifests: [{ mediaType: MediaTypes.ociIndex, digest: child, size: 1 }]
    })
    store.putManifestAt(outer, list(inner), MediaTypes.ociIndex)
    store.putManifestAt(inner, list(outer), MediaTypes.ociIndex)
    const walk = startWalk(store.source({ abilities: { exactBytes: false } }))
    const m = parseManifest(store.manifests.get(outer)!.body, MediaTypes.ociIndex)
    const e = await failure(visit(walk, m, outer, undefined, 0, new Set([outer])))
    expect(e.message).toBe(`index ${inner} refers back to ${outer} (a cycle)`)
  })

  test('a source that cannot read by digest: nested indexes skipped, entries taken as stated', async () => {
    const a = putImage(amd64)
    const inner = putIndex([entry(a, amd64)])
    const walk = startWalk(store.source({ abilities: { manifestsByDigest: false } }))
    const found = await walkTop(
      putIndex([entry(a, amd64), entry(inner), entry(putImage(armv7))]),
      walk
    )
    expect(found.platforms).toEqual([
      {
        platform: 'linux/amd64',
        digest: a.digest,
        mediaType: MediaTypes.ociManifest,
        layers: null,
        size: null,
        declared: amd64
      }
    ])
    expect(found.notes.sort()).toEqual(
      [
        `skipped ${inner.digest}: a nested index, which this source cannot read by digest`,
        expect.stringMatching(/^skipped sha256:[0-9a-f]{64}: the index entry names no platform$/)
      ].sort()
    )
    expect(walk.record.notes).toEqual([explanation('children', SUBJECT)])
    expect(store.count('manifest')).toBe(0)
  })
})

describe('an image manifest', () => {
  test('without an entry: its platform from its config, its layers as listed', async () => {
    const a = putImage(armv7, [5, 6, 7])
    const found = await walkTop(a)
    expect(found.platforms).toEqual([
      expect.objectContaining({
        platform: 'linux/arm/v7',
        digest: a.digest,
        layers: 3,
        size: 18,
        declared: armv7
      })
    ])
    expect(store.count('blob')).toBe(1)
  })

  test('a config that does not hash to its digest is an integrity error', async () => {
    const a = putImage(amd64)
    const m = parsed(a)
    if (m.kind !== 'image') throw new Error('expected an image')
    store.putBlobAt(m.config.digest, { os: 'linux', architecture: 's390x' })
    const e = await failure(walkTop(a))
    expect(e.kind).toBe('integrity')
    expect(e.message).toMatch(new RegExp(`^config blob ${m.config.digest} hashes to sha256:`))
  })

  test('a config of another type is not an image for a platform', async () => {
    const a = putImage(null, [1], { mediaType: 'application/vnd.example.config+json', body: amd64 })
    const found = await walkTop(a)
    expect(found).toEqual({
      platforms: [],
      attestations: [],
      notes: [
        `skipped ${a.digest}: not an image for a platform (config application/vnd.example.config+json)`
      ]
    })
  })

  test('a config whose platform is invalid is skipped with its problem', async () => {
    const a = putImage({ os: 'linux', architecture: 'a|b' }, [1])
    const found = await walkTop(a)
    expect(found.platforms).toEqual([])
    expect(found.notes).toEqual([
      expect.stringMatching(new RegExp(`^skipped ${a.digest}: its config's platform architecture`))
    ])
  })

  test('a source without blobs: platform unknown, and why', async () => {
    const a = putImage(amd64)
    const walk = startWalk(store.source({ abilities: { blobs: false } }))
    const found = await walkTop(a, walk)
    expect(found.platforms.map(p => [p.platform, p.layers])).toEqual([['unknown', 2]])
    expect(walk.record.notes).toEqual([explanation('config', SUBJECT)])
  })
})

describe('schema 1: the 2015 Docker Hub hello-world, byte for byte', () => {
  const digest = 'sha256:02fee8c3220ba806531f606525eceb83f4feb654f62b207191b1c9209188dedd'
  const layer = 'sha256:03f4658f8b782e12230c1783426bd3bacce651ce582a4ffb6fbbfa2079428ecb'
  const manifest = (): Manifest =>
    parseManifest(
      corpus('dockerhub-hello-world-schema1-signed-2015.json'),
      MediaTypes.schema1Signed
    )

  test('sizes from the store, its host recorded, a note saying so', async () => {
    store.locations.set(layer, { size: 974, servedBy: 'production.cloudflare.docker.com' })
    const walk = startWalk(store.source())
    const found = await visit(walk, manifest(), digest, undefined, 0, new Set())
    expect(found.platforms).toEqual([
      {
        platform: 'linux/amd64',
        digest,
        mediaType: MediaTypes.schema1Signed,
        layers: 1,
        size: 974,
        config: null,
        layerList: [
          {
            digest: layer,
            size: 974,
            mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
            servedBy: 'production.cloudflare.docker.com'
          }
        ],
        declared: amd64
      }
    ])
    expect(walk.record.blobHosts).toEqual(['production.cloudflare.docker.com'])
    expect(found.notes).toEqual([
      `${digest} is a legacy schema 1 manifest; sizes come from blob Content-Length`
    ])
  })

  test('a source that cannot measure blobs: layers counted, size unknown, and why', async () => {
    const walk = startWalk(store.source({ abilities: { blobSizes: false } }))
    const found = await visit(walk, manifest(), digest, undefined, 0, new Set())
    expect(found.platforms.map(p => [p.platform, p.layers, p.size])).toEqual([
      ['linux/amd64', 1, null]
    ])
    expect(walk.record.notes).toEqual([explanation('blob-sizes', SUBJECT)])
    expect(store.count('locate')).toBe(0)
  })
})

describe('a child a source only describes', () => {
  test('is refused as unsupported', async () => {
    const a = putImage(amd64)
    const top = putIndex([entry(a, amd64)])
    store.describe(a.digest, { digest: a.digest, mediaType: a.mediaType, platforms: [] })
    const walk = startWalk(store.source({ described: true }))
    const e = await failure(walkTop(top, walk))
    expect(e.kind).toBe('unsupported')
    expect(e.message).toBe(`memory.example described ${a.digest} instead of serving it`)
  })
})
