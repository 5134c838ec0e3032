/**
 * resolveImage over an in-memory Source: the walk itself (index → platforms → layers), the
 * digest checks it makes for every source, and what it does when a source lacks an ability.
 * Bodies are real JSON under their real sha256 digests (helpers/memory-source.ts).
 */
import { readFileSync } from 'node:fs'
import { computeDigest } from '../../src/model/digest.js'
import type { ErrorKind } from '../../src/model/errors.js'
import {
  EMPTY_LAYER_DIGEST,
  MediaTypes,
  REFERENCE_DIGEST_ANNOTATION,
  REFERENCE_TYPE_ANNOTATION
} from '../../src/model/manifest.js'
import type { ImageRecord } from '../../src/model/record.js'
import { parseReference } from '../../src/model/reference.js'
import { type ResolveOptions, resolveImage } from '../../src/resolve/resolve.js'
import type { Source } from '../../src/sources/source.js'
import {
  type Descriptor,
  type MemorySourceOptions,
  MemoryStore,
  explanation
} from '../helpers/memory-source.js'

const REPO = 'team/app'
const IMAGE = `registry.example/${REPO}:1.0`
const SUBJECT = `${REPO}:1.0`
const LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip'
const DOCKER_LAYER = 'application/vnd.docker.image.rootfs.diff.tar.gzip'

type PlatformJson = Record<string, string>
const amd64: PlatformJson = { os: 'linux', architecture: 'amd64' }
const arm64v8: PlatformJson = { os: 'linux', architecture: 'arm64', variant: 'v8' }
const armv7: PlatformJson = { os: 'linux', architecture: 'arm', variant: 'v7' }

interface Image extends Descriptor {
  config: Descriptor
  layers: Descriptor[]
}

interface ImageOptions {
  docker?: boolean
  layerSizes?: number[]
  annotations?: Record<string, string>
  /** Config JSON; default `{architecture, os, ...platform, rootfs}`. */
  config?: unknown
  configMediaType?: string
  /** Distinguishes otherwise identical images. */
  seed?: string
}

/** An image manifest with real config and layer blobs in `store`. */
function putImage(
  store: MemoryStore,
  platform: PlatformJson | null,
  opts: ImageOptions = {}
): Image {
  const docker = opts.docker ?? false
  const seed = opts.seed ?? JSON.stringify(platform)
  const configBody = opts.config ?? {
    ...(platform ?? {}),
    rootfs: { type: 'layers', diff_ids: [] },
    seed
  }
  const config = store.putBlob(
    configBody,
    opts.configMediaType ?? (docker ? MediaTypes.dockerConfig : MediaTypes.ociConfig)
  )
  const layers = (opts.layerSizes ?? [100, 20]).map((size, i) =>
    store.putBlob(Buffer.alloc(size, `${seed}-${i}`), docker ? DOCKER_LAYER : LAYER)
  )
  const manifest: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType: docker ? MediaTypes.dockerManifest : MediaTypes.ociManifest,
    config,
    layers
  }
  if (opts.annotations) manifest.annotations = opts.annotations
  return { ...store.putManifest(manifest), config, layers }
}

/** An index entry for `d`, with `platform` and any extra fields. */
function entry(
  d: Descriptor,
  platform?: PlatformJson | null,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  const e: Record<string, unknown> = { mediaType: d.mediaType, digest: d.digest, size: d.size }
  if (platform) e.platform = platform
  return { ...e, ...extra }
}

function putIndex(
  store: MemoryStore,
  manifests: unknown[],
  opts: { docker?: boolean; annotations?: Record<string, string> } = {}
): Descriptor {
  const index: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType: opts.docker ? MediaTypes.dockerList : MediaTypes.ociIndex,
    manifests
  }
  if (opts.annotations) index.annotations = opts.annotations
  return store.putManifest(index)
}

function resolve(
  source: Source,
  image: string = IMAGE,
  options: ResolveOptions = {}
): Promise<ImageRecord> {
  return resolveImage(parseReference(image), source, options)
}

/** An expected failure: a record with the error, its kind and no platforms; never a throw. */
function expectFailure(record: ImageRecord, kind: ErrorKind, message: RegExp): void {
  expect(record.error).toEqual(expect.stringMatching(message))
  expect(record.error?.startsWith(`${record.image}: `)).toBe(true)
  expect(record.errorDetail?.kind).toBe(kind)
  expect(record.platforms).toEqual([])
}

let store: MemoryStore
beforeEach(() => {
  store = new MemoryStore()
})

describe('an index or list becomes one record per platform', () => {
  test.each([
    ['OCI index of OCI manifests', false],
    ['Docker list of Docker manifests', true]
  ])('%s', async (_name, docker) => {
    const a = putImage(store, amd64, { docker, layerSizes: [1000, 200] })
    const b = putImage(store, arm64v8, {
      docker,
      layerSizes: [300],
      annotations: { 'org.opencontainers.image.title': 'arm' }
    })
    const index = putIndex(store, [entry(a, amd64), entry(b, arm64v8)], {
      docker,
      annotations: { 'org.opencontainers.image.version': '1.0' }
    })
    store.tag('1.0', index.digest)

    const record = await resolve(store.source())

    expect(record).toMatchObject({
      image: IMAGE,
      ref: IMAGE,
      digest: index.digest,
      mediaType: docker ? MediaTypes.dockerList : MediaTypes.ociIndex,
      attestations: 0,
      error: null,
      source: 'memory',
      annotations: { 'org.opencontainers.image.version': '1.0' }
    })
    expect(record.platforms).toEqual([
      {
        platform: 'linux/amd64',
        digest: a.digest,
        mediaType: a.mediaType,
        layers: 2,
        size: 1200,
        config: a.config.digest,
        layerList: a.layers.map(l => ({ digest: l.digest, size: l.size, mediaType: l.mediaType })),
        declared: amd64
      },
      {
        // arm64/v8 is linux/arm64 once normalised; the record keeps what the index declared.
        platform: 'linux/arm64',
        digest: b.digest,
        mediaType: b.mediaType,
        layers: 1,
        size: 300,
        config: b.config.digest,
        layerList: b.layers.map(l => ({ digest: l.digest, size: l.size, mediaType: l.mediaType })),
        annotations: { 'org.opencontainers.image.title': 'arm' },
        declared: { os: 'linux', architecture: 'arm64', variant: 'v8' }
      }
    ])
    expect(record.notes).toEqual([])
    // The index states the platforms, so no config is read.
    expect(store.count('blob')).toBe(0)
    expect(store.count('manifest')).toBe(3)
  })
})

describe('a single manifest takes its platform from its config', () => {
  test.each([
    ['OCI', false],
    ['Docker', true]
  ])('%s manifest', async (_name, docker) => {
    const platform = { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1607' }
    const img = putImage(store, platform, { docker, layerSizes: [5, 7, 11] })
    store.tag('1.0', img.digest)

    const record = await resolve(store.source())

    expect(record.digest).toBe(img.digest)
    expect(record.mediaType).toBe(img.mediaType)
    expect(record.platforms).toEqual([
      expect.objectContaining({
        platform: 'windows(10.0.20348.1607)/amd64',
        digest: img.digest,
        layers: 3,
        size: 23,
        config: img.config.digest,
        declared: { os: 'windows', architecture: 'amd64', osVersion: '10.0.20348.1607' }
      })
    ])
    expect(store.count('blob', img.config.digest)).toBe(1)
  })

  test('a config whose bytes do not hash to its digest is an integrity error', async () => {
    const img = putImage(store, amd64)
    store.putBlobAt(img.config.digest, { os: 'linux', architecture: 'arm64' })
    store.tag('1.0', img.digest)

    const record = await resolve(store.source())

    expectFailure(
      record,
      'integrity',
      new RegExp(`config blob ${img.config.digest} hashes to sha256:[a-f0-9]{64}`)
    )
  })

  test.each([
    ['an artifact config', { note: 'signed' }, 'application/vnd.example.signature.config+json'],
    ['an image config without os and architecture', { rootfs: {} }, MediaTypes.ociConfig]
  ])('%s: skipped with a note, no platform', async (_name, config, configMediaType) => {
    const img = putImage(store, null, { config, configMediaType })
    store.tag('1.0', img.digest)

    const record = await resolve(store.source())

    expect(record.error).toBeNull()
    expect(record.digest).toBe(img.digest)
    expect(record.platforms).toEqual([])
    expect(record.notes).toEqual([
      `skipped ${img.digest}: not an image for a platform (config ${configMediaType})`
    ])
  })
})

describe('nested indexes', () => {
  /** top → index → … → image, `levels` indexes below the top; returns the top's digest. */
  function nest(levels: number): { top: Descriptor; image: Image } {
    const image = putImage(store, amd64)
    let below: Descriptor = image
    let platform: PlatformJson | undefined = amd64
    for (let i = 0; i < levels; i++) {
      below = putIndex(store, [entry(below, platform)], {
        annotations: { level: String(levels - i) }
      })
      platform = undefined
    }
    const top = putIndex(store, [entry(below, platform)])
    store.tag('1.0', top.digest)
    return { top, image }
  }

  test.each([
    [1, undefined],
    [4, undefined],
    [2, 2],
    [0, 0]
  ])('%i nested levels with maxDepth %s: walked to the image', async (levels, maxDepth) => {
    const { top, image } = nest(levels)
    const record = await resolve(store.source(), IMAGE, { maxDepth })
    expect(record.error).toBeNull()
    expect(record.digest).toBe(top.digest)
    expect(record.platforms.map(p => [p.platform, p.digest])).toEqual([
      ['linux/amd64', image.digest]
    ])
  })

  test.each([
    [5, undefined, 4],
    [3, 2, 2],
    [1, 0, 0]
  ])('%i nested levels with maxDepth %s: an error', async (levels, maxDepth, limit) => {
    nest(levels)
    const record = await resolve(store.source(), IMAGE, { maxDepth })
    expectFailure(
      record,
      'invalid-manifest',
      new RegExp(`indexes nested deeper than ${limit} levels at sha256:`)
    )
  })

  // A sha256 cycle cannot be built honestly; a source whose bytes are not verified (exactBytes
  // false) but which reads manifests by digest can still serve one, and the walk must end.
  const unverified: MemorySourceOptions = { abilities: { exactBytes: false } }
  const fake = (name: string): string => computeDigest(Buffer.from(name))

  test('an index listing itself is a cycle, not a hang', async () => {
    const self = fake('self')
    store.putManifestAt(
      self,
      {
        schemaVersion: 2,
        mediaType: MediaTypes.ociIndex,
        manifests: [entry({ mediaType: MediaTypes.ociIndex, digest: self, size: 1 })]
      },
      MediaTypes.ociIndex
    )
    store.tag('1.0', self)
    const record = await resolve(store.source(unverified))
    expectFailure(record, 'invalid-manifest', new RegExp(`refers back to ${self} \\(a cycle\\)`))
  })

  test('an index listing itself, pinned by digest, is a cycle', async () => {
    const self = fake('pinned-self')
    store.putManifestAt(
      self,
      {
        schemaVersion: 2,
        mediaType: MediaTypes.ociIndex,
        manifests: [entry({ mediaType: MediaTypes.ociIndex, digest: self, size: 1 })]
      },
      MediaTypes.ociIndex
    )
    const record = await resolve(store.source(unverified), `registry.example/${REPO}@${self}`)
    expectFailure(record, 'invalid-manifest', new RegExp(`refers back to ${self} \\(a cycle\\)`))
  })

  test('an index listing an ancestor is a cycle', async () => {
    const [a, b] = [fake('a'), fake('b')]
    const indexOf = (child: string): unknown => ({
      schemaVersion: 2,
      mediaType: MediaTypes.ociIndex,
      manifests: [entry({ mediaType: MediaTypes.ociIndex, digest: child, size: 1 })]
    })
    store.putManifestAt(a, indexOf(b), MediaTypes.ociIndex)
    store.putManifestAt(b, indexOf(a), MediaTypes.ociIndex)
    const top = putIndex(store, [entry({ mediaType: MediaTypes.ociIndex, digest: a, size: 1 })])
    store.tag('1.0', top.digest)
    const record = await resolve(store.source(unverified))
    expectFailure(record, 'invalid-manifest', new RegExp(`refers back to ${a} \\(a cycle\\)`))
  })

  test('two sibling indexes listing each other end with a cycle error, not a hang', async () => {
    const [a, b] = [fake('sibling-a'), fake('sibling-b')]
    const img = putImage(store, amd64)
    const indexOf = (child: string): unknown => ({
      schemaVersion: 2,
      mediaType: MediaTypes.ociIndex,
      manifests: [
        entry(img, amd64),
        entry({ mediaType: MediaTypes.ociIndex, digest: child, size: 1 })
      ]
    })
    store.putManifestAt(a, indexOf(b), MediaTypes.ociIndex)
    store.putManifestAt(b, indexOf(a), MediaTypes.ociIndex)
    const top = putIndex(store, [
      entry({ mediaType: MediaTypes.ociIndex, digest: a, size: 1 }),
      entry({ mediaType: MediaTypes.ociIndex, digest: b, size: 1 })
    ])
    store.tag('1.0', top.digest)
    const record = await resolve(store.source(unverified))
    expectFailure(
      record,
      'invalid-manifest',
      new RegExp(`index (${a}|${b}) refers back to (${a}|${b}) \\(a cycle\\)`)
    )
  })
})

describe('entries, duplicates and attestations', () => {
  const attestationEntry = (i: number, target?: string): Record<string, unknown> =>
    entry(
      {
        mediaType: MediaTypes.ociManifest,
        digest: computeDigest(Buffer.from(`att-${i}`)),
        size: 10
      },
      { os: 'unknown', architecture: 'unknown' },
      {
        annotations: {
          [REFERENCE_TYPE_ANNOTATION]: 'attestation-manifest',
          ...(target ? { [REFERENCE_DIGEST_ANNOTATION]: target } : {})
        }
      }
    )

  test('1,000 entries are walked; one more is refused before any child is fetched', async () => {
    const ok = putIndex(
      store,
      Array.from({ length: 1000 }, (_, i) => attestationEntry(i))
    )
    store.tag('1.0', ok.digest)
    expect((await resolve(store.source())).attestations).toBe(1000)

    const over = putIndex(
      store,
      Array.from({ length: 1001 }, (_, i) => attestationEntry(i))
    )
    store.tag('1.0', over.digest)
    const before = store.log.length
    const record = await resolve(store.source())
    expectFailure(record, 'invalid-manifest', /past 1000; refusing to go on/)
    expect(store.log.length - before).toBe(1)
  })

  test('the cap counts the entries of nested indexes too', async () => {
    const halves = [0, 1].map(h =>
      putIndex(
        store,
        Array.from({ length: 500 }, (_, i) => attestationEntry(h * 500 + i))
      )
    )
    const top = putIndex(
      store,
      halves.map(h => entry(h))
    )
    store.tag('1.0', top.digest)
    const record = await resolve(store.source())
    expectFailure(record, 'invalid-manifest', /past 1000/)
  })

  test('a child listed twice, even by two indexes, is fetched and reported once', async () => {
    const a = putImage(store, amd64)
    const b = putImage(store, arm64v8)
    const inner1 = putIndex(store, [entry(a, amd64), entry(b, arm64v8)], {
      annotations: { n: '1' }
    })
    const inner2 = putIndex(store, [entry(a, amd64)], { annotations: { n: '2' } })
    const top = putIndex(store, [entry(a, amd64), entry(inner1), entry(inner2), entry(a, amd64)])
    store.tag('1.0', top.digest)

    const record = await resolve(store.source())

    expect(record.error).toBeNull()
    expect(record.platforms.map(p => [p.platform, p.digest])).toEqual([
      ['linux/amd64', a.digest],
      ['linux/arm64', b.digest]
    ])
    expect(store.count('manifest', a.digest)).toBe(1)
    expect(store.count('manifest', b.digest)).toBe(1)
    expect(record.notes).toEqual([])
  })

  test('the same platform claimed by two digests: both kept, and a note', async () => {
    const a = putImage(store, amd64, { seed: 'first' })
    const b = putImage(store, { os: 'linux', architecture: 'x86_64' }, { seed: 'second' })
    const top = putIndex(store, [
      entry(a, amd64),
      entry(b, { os: 'linux', architecture: 'x86_64' })
    ])
    store.tag('1.0', top.digest)

    const record = await resolve(store.source())

    expect(record.platforms.map(p => [p.platform, p.digest])).toEqual([
      ['linux/amd64', a.digest],
      ['linux/amd64', b.digest]
    ])
    expect(record.notes).toEqual([
      `platform linux/amd64 appears more than once; ${b.digest} also claims it`
    ])
  })

  test('attestation manifests are counted and attached to their platform, never fetched', async () => {
    const a = putImage(store, amd64)
    const b = putImage(store, armv7)
    const att = [attestationEntry(1, a.digest), attestationEntry(2, b.digest), attestationEntry(3)]
    const top = putIndex(store, [entry(a, amd64), entry(b, armv7), ...att])
    store.tag('1.0', top.digest)

    const record = await resolve(store.source())

    expect(record.attestations).toBe(3)
    expect(record.platforms.map(p => [p.platform, p.attestations])).toEqual([
      ['linux/amd64', [att[0].digest]],
      ['linux/arm/v7', [att[1].digest]]
    ])
    for (const e of att) expect(store.count('manifest', e.digest as string)).toBe(0)
    expect(record.notes).toEqual([])
  })

  test('artifacts, unknown media types and bare unknown/unknown entries are skipped with notes', async () => {
    const a = putImage(store, amd64)
    const artifact = putImage(store, null, { seed: 'artifact' })
    const odd = {
      mediaType: 'application/vnd.example.thing+json',
      digest: computeDigest(Buffer.from('odd')),
      size: 3
    }
    const unknown = putImage(store, null, { seed: 'unknown' })
    const top = putIndex(store, [
      entry(a, amd64),
      entry(artifact, amd64, { artifactType: 'application/vnd.example.sbom' }),
      entry(odd, amd64),
      entry(unknown, { os: 'unknown', architecture: 'unknown' })
    ])
    store.tag('1.0', top.digest)

    const record = await resolve(store.source())

    expect(record.error).toBeNull()
    expect(record.platforms.map(p => p.digest)).toEqual([a.digest])
    expect(record.notes).toEqual([
      `skipped ${artifact.digest}: artifact application/vnd.example.sbom`,
      `skipped ${odd.digest}: media type application/vnd.example.thing+json is not an image manifest`,
      `skipped ${unknown.digest}: platform unknown/unknown is not an image for a platform`
    ])
    for (const d of [artifact, odd, unknown]) expect(store.count('manifest', d.digest)).toBe(0)
  })

  test('an entry without a platform: its config says what it is', async () => {
    const a = putImage(store, armv7)
    const top = putIndex(store, [entry(a)])
    store.tag('1.0', top.digest)

    const record = await resolve(store.source())

    expect(record.platforms).toEqual([
      expect.objectContaining({ platform: 'linux/arm/v7', digest: a.digest, declared: armv7 })
    ])
    expect(store.count('blob', a.config.digest)).toBe(1)
  })
})

describe('detail', () => {
  function twoPlatforms(): { top: Descriptor; a: Image; b: Image } {
    const a = putImage(store, amd64)
    const b = putImage(store, arm64v8)
    const top = putIndex(store, [entry(a, amd64), entry(b, arm64v8)])
    store.tag('1.0', top.digest)
    return { top, a, b }
  }

  test('platforms: the index only, layers unknown, a note', async () => {
    const { top, a, b } = twoPlatforms()
    const record = await resolve(store.source(), IMAGE, { detail: 'platforms' })
    expect(record.digest).toBe(top.digest)
    expect(record.platforms).toEqual([
      {
        platform: 'linux/amd64',
        digest: a.digest,
        mediaType: a.mediaType,
        layers: null,
        size: null,
        declared: amd64
      },
      {
        platform: 'linux/arm64',
        digest: b.digest,
        mediaType: b.mediaType,
        layers: null,
        size: null,
        declared: arm64v8
      }
    ])
    expect(store.log.map(c => c.op)).toEqual(['manifest'])
    expect(record.notes).toEqual(['detail: platforms: layer counts and sizes were not read'])
  })

  test('digest: one HEAD and nothing else', async () => {
    const { top } = twoPlatforms()
    const record = await resolve(store.source({ head: 'answers' }), IMAGE, { detail: 'digest' })
    expect(record).toMatchObject({
      digest: top.digest,
      mediaType: MediaTypes.ociIndex,
      platforms: [],
      error: null
    })
    expect(store.log).toEqual([{ op: 'head', repository: REPO, reference: '1.0' }])
    expect(record.notes).toEqual([expect.stringMatching(/^detail: digest: .*HEAD/)])
  })

  test.each([
    ['a HEAD refused with 405', { head: 'refused-405' }, ['head', 'manifest']],
    ['a HEAD without Docker-Content-Digest', { head: 'no-digest' }, ['head', 'manifest']],
    ['a source without headManifest', {}, ['manifest']]
  ] as [string, MemorySourceOptions, string[]][])(
    'digest: %s falls back to one GET',
    async (_name, options, ops) => {
      const { top, a, b } = twoPlatforms()
      const record = await resolve(store.source(options), IMAGE, { detail: 'digest' })
      expect(record.error).toBeNull()
      expect(record.digest).toBe(top.digest)
      expect(store.log.map(c => c.op)).toEqual(ops)
      // The GET read the index, so its platforms are known; their manifests were not read.
      expect(record.platforms.map(p => [p.platform, p.digest, p.layers])).toEqual([
        ['linux/amd64', a.digest, null],
        ['linux/arm64', b.digest, null]
      ])
    }
  )

  test('digest: a HEAD that fails otherwise is the image error', async () => {
    twoPlatforms()
    const record = await resolve(store.source({ head: 'not-found' }), IMAGE, { detail: 'digest' })
    expectFailure(record, 'not-found', /memory has no 1\.0/)
    expect(store.count('manifest')).toBe(0)
  })
})

/**
 * A schema 1 manifest (manifest-v2-1.md), signed the way libtrust signs: the body is the payload
 * up to `formatLength`, then `signatures`, then `formatTail`; the digest covers the payload.
 */
function schema1(
  layers: { digest: string; throwaway?: boolean }[],
  opts: { signed: boolean; architecture?: string }
): { body: Buffer; digest: string; mediaType: string } {
  const architecture = opts.architecture ?? 'arm64'
  const payload = `${JSON.stringify(
    {
      schemaVersion: 1,
      name: REPO,
      tag: '1.0',
      architecture,
      // Top layer first.
      fsLayers: layers.map(l => ({ blobSum: l.digest })),
      history: layers.map((l, i) => ({
        v1Compatibility: JSON.stringify({
          id: String(i).repeat(64),
          os: 'linux',
          architecture,
          ...(l.throwaway ? { throwaway: true } : {})
        })
      }))
    },
    null,
    3
  )}`
  const digest = computeDigest(Buffer.from(payload))
  if (!opts.signed) return { body: Buffer.from(payload), digest, mediaType: MediaTypes.schema1 }
  const b64 = (s: string): string => Buffer.from(s).toString('base64url')
  const tail = '\n}'
  const formatLength = payload.length - tail.length
  const header = b64(
    JSON.stringify({ formatLength, formatTail: b64(tail), time: '2015-09-11T04:13:48Z' })
  )
  const signatures = `,\n   "signatures": [\n      {\n         "header": {"alg": "ES256"},\n         "signature": "${b64('not checked here')}",\n         "protected": "${header}"\n      }\n   ]`
  const body = Buffer.from(payload.slice(0, formatLength) + signatures + tail)
  return { body, digest, mediaType: MediaTypes.schema1Signed }
}

describe('schema 1', () => {
  function layers(): { digest: string; throwaway?: boolean }[] {
    const bottom = store.putBlob(Buffer.alloc(700, 'bottom'), DOCKER_LAYER)
    const top = store.putBlob(Buffer.alloc(50, 'top'), DOCKER_LAYER)
    const throwaway = store.putBlob(Buffer.alloc(9, 'meta'), DOCKER_LAYER)
    return [
      { digest: EMPTY_LAYER_DIGEST },
      { digest: throwaway.digest, throwaway: true },
      { digest: top.digest },
      { digest: bottom.digest }
    ]
  }

  test.each([
    ['signed', true],
    ['unsigned', false]
  ])(
    '%s: digest of what it covers, sizes from the blobs, throwaways skipped',
    async (_n, signed) => {
      const l = layers()
      const m = schema1(l, { signed })
      store.putManifestAt(m.digest, m.body, m.mediaType)
      store.tag('1.0', m.digest)
      store.locations.set(l[2].digest, { size: 50, servedBy: 'cdn.example' })

      const record = await resolve(store.source())

      expect(record.error).toBeNull()
      expect(record.digest).toBe(m.digest)
      if (signed) expect(record.digest).not.toBe(computeDigest(m.body))
      expect(record.mediaType).toBe(m.mediaType)
      expect(record.platforms).toEqual([
        {
          platform: 'linux/arm64',
          digest: m.digest,
          mediaType: m.mediaType,
          layers: 2,
          size: 750,
          config: null,
          // Bottom first, as schema 2 lists them.
          layerList: [
            { digest: l[3].digest, size: 700, mediaType: DOCKER_LAYER, servedBy: 'memory.example' },
            { digest: l[2].digest, size: 50, mediaType: DOCKER_LAYER, servedBy: 'cdn.example' }
          ],
          declared: { os: 'linux', architecture: 'arm64' }
        }
      ])
      expect(record.blobHosts?.sort()).toEqual(['cdn.example', 'memory.example'])
      expect(store.count('locate')).toBe(2)
      expect(record.notes).toEqual([
        `${m.digest} is a legacy schema 1 manifest; sizes come from blob Content-Length`
      ])
    }
  )

  test('signed, pinned by digest: the digest is checked against the payload', async () => {
    const m = schema1(layers(), { signed: true })
    store.putManifestAt(m.digest, m.body, m.mediaType)
    const record = await resolve(store.source(), `registry.example/${REPO}@${m.digest}`)
    expect(record.error).toBeNull()
    expect(record.platforms.map(p => [p.platform, p.layers])).toEqual([['linux/arm64', 2]])
  })

  test('the 2015 Docker Hub hello-world, signed, byte for byte', async () => {
    const body = readFileSync(
      new URL('../fixtures/corpus/dockerhub-hello-world-schema1-signed-2015.json', import.meta.url)
    )
    const digest = 'sha256:02fee8c3220ba806531f606525eceb83f4feb654f62b207191b1c9209188dedd'
    const layer = 'sha256:03f4658f8b782e12230c1783426bd3bacce651ce582a4ffb6fbbfa2079428ecb'
    store.putManifestAt(digest, body, MediaTypes.schema1Signed)
    store.locations.set(layer, { size: 974, servedBy: 'production.cloudflare.docker.com' })

    const record = await resolve(store.source(), `docker.io/library/hello-world@${digest}`)

    expect(record.error).toBeNull()
    expect(record.digest).toBe(digest)
    expect(record.platforms).toEqual([
      expect.objectContaining({ platform: 'linux/amd64', layers: 1, size: 974 })
    ])
    // The empty throwaway layer is never located.
    expect(store.log.filter(c => c.op === 'locate').map(c => c.reference)).toEqual([layer])
  })

  test('a source without blob sizes: layers counted, size null, and why', async () => {
    const m = schema1(layers(), { signed: false })
    store.putManifestAt(m.digest, m.body, m.mediaType)
    store.tag('1.0', m.digest)

    const record = await resolve(store.source({ abilities: { blobSizes: false } }))

    expect(record.platforms).toEqual([
      {
        platform: 'linux/arm64',
        digest: m.digest,
        mediaType: m.mediaType,
        layers: 2,
        size: null,
        declared: { os: 'linux', architecture: 'arm64' }
      }
    ])
    expect(record.notes).toEqual([explanation('blob-sizes', SUBJECT)])
    expect(store.count('locate')).toBe(0)
  })

  test('a signed body altered inside its payload no longer matches its digest', async () => {
    const m = schema1(layers(), { signed: true })
    const tampered = Buffer.from(m.body.toString().replace('"arm64"', '"amd64"'))
    store.putManifestAt(m.digest, tampered, m.mediaType)
    const record = await resolve(store.source(), `registry.example/${REPO}@${m.digest}`)
    expectFailure(record, 'integrity', /does not match its digest/)
  })
})

describe('integrity', () => {
  test('by digest: a body that does not hash to the digest', async () => {
    const a = putImage(store, amd64)
    const pinned = computeDigest(Buffer.from('something else'))
    store.putManifestAt(pinned, store.manifests.get(a.digest)!.body, a.mediaType)
    const record = await resolve(store.source(), `registry.example/${REPO}@${pinned}`)
    expectFailure(record, 'integrity', new RegExp(`expected ${pinned}, got ${a.digest}`))
  })

  test('by tag: a claimed digest that disagrees with the hash, both named', async () => {
    const a = putImage(store, amd64)
    store.tag('1.0', a.digest)
    const claimed = computeDigest(Buffer.from('claimed'))
    store.claims.set(a.digest, claimed)
    const record = await resolve(store.source())
    expectFailure(
      record,
      'integrity',
      new RegExp(
        `said the manifest for '1\\.0' is ${claimed}, but its content hashes to ${a.digest}`
      )
    )
    expect(record.errorDetail?.registry).toBe('memory.example')
  })

  test("a child that hashes to another digest than its index entry's", async () => {
    const a = putImage(store, amd64)
    const liar = computeDigest(Buffer.from('liar'))
    store.putManifestAt(liar, store.manifests.get(a.digest)!.body, a.mediaType)
    const top = putIndex(store, [entry({ ...a, digest: liar }, amd64)])
    store.tag('1.0', top.digest)
    const record = await resolve(store.source())
    expectFailure(record, 'integrity', new RegExp(`expected ${liar}`))
  })

  test("an index entry's media type that differs from the manifest's", async () => {
    const a = putImage(store, amd64)
    const top = putIndex(store, [entry({ ...a, mediaType: MediaTypes.dockerManifest }, amd64)])
    store.tag('1.0', top.digest)
    const record = await resolve(store.source())
    expectFailure(
      record,
      'invalid-manifest',
      new RegExp(
        `index entry ${a.digest} says ${MediaTypes.dockerManifest.replace(/[.+]/g, '\\$&')} but the manifest is ${MediaTypes.ociManifest.replace(/[.+]/g, '\\$&')}`
      )
    )
  })

  test('a manifest whose Content-Type contradicts its mediaType', async () => {
    const a = putImage(store, amd64)
    store.putManifestAt(a.digest, store.manifests.get(a.digest)!.body, MediaTypes.dockerManifest)
    store.tag('1.0', a.digest)
    const record = await resolve(store.source())
    expectFailure(
      record,
      'invalid-manifest',
      /^.*memory\.example sha256:[a-f0-9]{64}: manifest says mediaType 'application\/vnd\.oci\.image\.manifest\.v1\+json' but was served as 'application\/vnd\.docker\.distribution\.manifest\.v2\+json'/
    )
  })

  test('anything a source throws that is not ours is still a record', async () => {
    const source = store.source()
    source.fetchManifest = () => Promise.reject(new TypeError('boom'))
    const record = await resolve(source)
    expectFailure(record, 'registry-error', /TypeError: boom/)
  })
})

describe('what a source cannot supply is null, with its reason', () => {
  function twoPlatforms(): { top: Descriptor; a: Image; b: Image } {
    const a = putImage(store, amd64)
    const b = putImage(store, arm64v8)
    const top = putIndex(store, [entry(a, amd64), entry(b, arm64v8)])
    store.tag('1.0', top.digest)
    return { top, a, b }
  }

  test('without exact bytes: digest null, explained once however many manifests are read', async () => {
    const { a, b } = twoPlatforms()
    // A claimed digest cannot be checked either; it must not become the record's digest.
    store.claims.set(store.tags.get('1.0')!, computeDigest(Buffer.from('unchecked')))
    const record = await resolve(store.source({ abilities: { exactBytes: false } }))
    expect(record.error).toBeNull()
    expect(record.digest).toBeNull()
    // Child digests are what the index states.
    expect(record.platforms.map(p => [p.platform, p.digest, p.layers])).toEqual([
      ['linux/amd64', a.digest, 2],
      ['linux/arm64', b.digest, 2]
    ])
    expect(record.notes).toEqual([explanation('digest', SUBJECT)])
  })

  test('without manifests by digest: children as the index states them', async () => {
    const { top, a, b } = twoPlatforms()
    const record = await resolve(store.source({ abilities: { manifestsByDigest: false } }))
    expect(record.digest).toBe(top.digest)
    expect(record.platforms).toEqual([
      {
        platform: 'linux/amd64',
        digest: a.digest,
        mediaType: a.mediaType,
        layers: null,
        size: null,
        declared: amd64
      },
      {
        platform: 'linux/arm64',
        digest: b.digest,
        mediaType: b.mediaType,
        layers: null,
        size: null,
        declared: arm64v8
      }
    ])
    expect(store.count('manifest')).toBe(1)
    expect(record.notes).toEqual([explanation('children', SUBJECT)])
  })

  test('without manifests by digest: platformless entries and nested indexes are skipped', async () => {
    const a = putImage(store, amd64)
    const inner = putIndex(store, [entry(a, amd64)])
    const top = putIndex(store, [entry(a), entry(inner)])
    store.tag('1.0', top.digest)
    const record = await resolve(store.source({ abilities: { manifestsByDigest: false } }))
    expect(record.error).toBeNull()
    expect(record.platforms).toEqual([])
    expect(record.notes).toEqual([
      explanation('children', SUBJECT),
      `skipped ${a.digest}: the index entry names no platform`,
      `skipped ${inner.digest}: a nested index, which this source cannot read by digest`
    ])
  })

  test("without blobs: a single manifest's platform is unknown, and why", async () => {
    const a = putImage(store, amd64, { layerSizes: [10, 20] })
    store.tag('1.0', a.digest)
    const record = await resolve(store.source({ abilities: { blobs: false } }))
    expect(record.platforms).toEqual([
      expect.objectContaining({
        platform: 'unknown',
        digest: a.digest,
        layers: 2,
        size: 30,
        config: a.config.digest
      })
    ])
    expect(record.platforms[0].declared).toBeUndefined()
    expect(record.notes).toEqual([explanation('config', SUBJECT)])
  })

  test("the source's notes go into every record, failed ones included", async () => {
    const { top } = twoPlatforms()
    const source = store.source({ notes: ['region differs'] })
    const ok = await resolve(source)
    const failed = await resolve(source, `registry.example/${REPO}:missing`)
    expect(ok.digest).toBe(top.digest)
    expect(ok.notes).toEqual(['region differs'])
    expectFailure(failed, 'not-found', /no tag 'missing'/)
    expect(failed.notes).toEqual(['region differs'])
  })
})

describe('described answers (a Docker Engine)', () => {
  const digest = computeDigest(Buffer.from('index'))
  const described = (platforms: unknown[], reference = '1.0'): Source => {
    store.describe(reference, { digest, mediaType: MediaTypes.ociIndex, platforms })
    return store.source({
      described: true,
      kind: 'docker',
      abilities: { exactBytes: false, manifestsByDigest: false, blobs: false, blobSizes: false }
    })
  }

  test('platforms from the list; attestation platforms counted; duplicates once', async () => {
    const record = await resolve(
      described([
        { architecture: 'amd64', os: 'linux' },
        { architecture: 'arm64', os: 'linux', variant: 'v8' },
        { architecture: 'unknown', os: 'unknown' },
        { architecture: 'unknown', os: 'unknown' },
        { architecture: 'x86_64', os: 'linux' }
      ])
    )
    expect(record).toMatchObject({
      digest,
      mediaType: MediaTypes.ociIndex,
      attestations: 2,
      error: null,
      source: 'docker'
    })
    expect(record.platforms).toEqual([
      {
        platform: 'linux/amd64',
        digest: null,
        mediaType: null,
        layers: null,
        size: null,
        declared: { os: 'linux', architecture: 'amd64' }
      },
      {
        platform: 'linux/arm64',
        digest: null,
        mediaType: null,
        layers: null,
        size: null,
        declared: { os: 'linux', architecture: 'arm64', variant: 'v8' }
      }
    ])
    expect(record.notes).toEqual([explanation('children', SUBJECT)])
  })

  test("an empty list: the source's 'platforms' explanation", async () => {
    const record = await resolve(described([]))
    expect(record.digest).toBe(digest)
    expect(record.platforms).toEqual([])
    expect(record.notes).toEqual([
      explanation('platforms', SUBJECT),
      explanation('children', SUBJECT)
    ])
  })

  test('a pinned digest the answer contradicts is an integrity error', async () => {
    const pinned = computeDigest(Buffer.from('pinned'))
    const record = await resolve(
      described([{ architecture: 'amd64', os: 'linux' }], pinned),
      `registry.example/${REPO}@${pinned}`
    )
    expectFailure(
      record,
      'integrity',
      new RegExp(`answered ${digest} for .*which asked for ${pinned}`)
    )
  })

  test('a pinned digest the answer agrees with', async () => {
    const record = await resolve(
      described([{ architecture: 'amd64', os: 'linux' }], digest),
      `registry.example/${REPO}@${digest}`
    )
    expect(record.error).toBeNull()
    expect(record.platforms.map(p => p.platform)).toEqual(['linux/amd64'])
  })
})

describe("platforms that break containerd's grammar are skipped, never keys", () => {
  const hostile = { os: 'linux', architecture: 'amd64<img src=x>|x', variant: 'v1\u202Eevil' }
  const bidi = { os: 'linux', architecture: 'amd64', variant: 'v1\u202Eevil' }
  // Every bad field is named, each shown visibly.
  const archNote =
    /platform architecture "amd64<img src=x>\|x" and variant "v1<U\+202E>evil" are not valid \(expected letters, digits, '_', '\.' and '-'\)/
  const bidiNote = /platform variant "v1<U\+202E>evil" is not valid/

  function expectClean(record: ImageRecord, good: string[]): void {
    expect(record.error).toBeNull()
    expect(record.platforms.map(p => p.platform)).toEqual(good)
    // The raw control character reaches nothing: not a key, not a note, not a declared field.
    expect(JSON.stringify(record)).not.toContain('\u202e')
  }

  test.each([
    ['markup and a bidi override', hostile, archNote],
    ['a bidi override', bidi, bidiNote]
  ])('in an index entry: %s', async (_name, platform, note) => {
    const a = putImage(store, amd64)
    const bad = putImage(store, null, { seed: 'bad' })
    const top = putIndex(store, [entry(a, amd64), entry(bad, platform)])
    store.tag('1.0', top.digest)
    const record = await resolve(store.source())
    expectClean(record, ['linux/amd64'])
    expect(record.notes).toEqual([
      expect.stringMatching(new RegExp(`^skipped ${bad.digest}: ${note.source}`))
    ])
    expect(store.count('manifest', bad.digest)).toBe(0)
  })

  test.each([
    ['markup and a bidi override', hostile, archNote],
    ['a bidi override', bidi, bidiNote]
  ])("in a single manifest's config: %s", async (_name, platform, note) => {
    const a = putImage(store, platform)
    store.tag('1.0', a.digest)
    const record = await resolve(store.source())
    expectClean(record, [])
    expect(record.notes).toEqual([
      expect.stringMatching(new RegExp(`^skipped ${a.digest}: its config's ${note.source}`))
    ])
  })

  test.each([
    ['markup and a bidi override', hostile, archNote],
    ['a bidi override', bidi, bidiNote]
  ])('in a described answer: %s', async (_name, platform, note) => {
    store.describe('1.0', {
      digest: computeDigest(Buffer.from('x')),
      mediaType: MediaTypes.ociIndex,
      platforms: [{ os: 'linux', architecture: 'arm64' }, platform]
    })
    const record = await resolve(
      store.source({ described: true, abilities: { exactBytes: false, manifestsByDigest: false } })
    )
    expectClean(record, ['linux/arm64'])
    expect(record.notes[0]).toMatch(new RegExp(`^skipped a platform entry: ${note.source}`))
  })
})

describe('verifyBlobs', () => {
  test('sizes checked; a mismatch or a missing blob is a problem on the layer and a note', async () => {
    const a = putImage(store, amd64, { layerSizes: [100, 20, 30] })
    const b = putImage(store, armv7, { layerSizes: [40] })
    const top = putIndex(store, [entry(a, amd64), entry(b, armv7)])
    store.tag('1.0', top.digest)
    store.locations.set(a.layers[0].digest, { size: 100, servedBy: 'cdn.example' })
    store.locations.set(a.layers[1].digest, { size: 21, servedBy: 'cdn.example' })
    store.blobs.delete(a.layers[2].digest)

    const record = await resolve(store.source(), IMAGE, { verifyBlobs: true })

    expect(record.error).toBeNull()
    const [la, lb] = [record.platforms[0].layerList!, record.platforms[1].layerList!]
    expect(la[0]).toEqual({ ...a.layers[0], servedBy: 'cdn.example', storedSize: 100 })
    expect(la[1]).toEqual({
      ...a.layers[1],
      servedBy: 'cdn.example',
      storedSize: 21,
      problem: 'store says 21 bytes, manifest says 20'
    })
    expect(la[2]).toEqual({ ...a.layers[2], problem: `memory has no blob ${a.layers[2].digest}` })
    expect(lb[0]).toEqual({ ...b.layers[0], servedBy: 'memory.example', storedSize: 40 })
    expect(record.blobHosts?.sort()).toEqual(['cdn.example', 'memory.example'])
    expect(record.notes).toEqual([
      `layer ${a.layers[1].digest} of linux/amd64: store says 21 bytes, manifest says 20`,
      `layer ${a.layers[2].digest} of linux/amd64: memory has no blob ${a.layers[2].digest}`
    ])
    expect(store.count('locate')).toBe(4)
  })

  test('a source that cannot locate blobs says so instead', async () => {
    const a = putImage(store, amd64)
    store.tag('1.0', a.digest)
    const record = await resolve(store.source({ abilities: { blobSizes: false } }), IMAGE, {
      verifyBlobs: true
    })
    expect(record.error).toBeNull()
    expect(record.platforms[0].layerList?.every(l => l.servedBy === undefined)).toBe(true)
    expect(record.notes).toEqual([explanation('blob-sizes', SUBJECT)])
  })
})

describe('the shared cache', () => {
  test('two images naming the same manifests fetch each once', async () => {
    const a = putImage(store, amd64)
    const b = putImage(store, arm64v8)
    const first = putIndex(store, [entry(a, amd64), entry(b, arm64v8)], { annotations: { n: '1' } })
    const second = putIndex(store, [entry(a, amd64), entry(b, arm64v8)], {
      annotations: { n: '2' }
    })
    store.tag('1.0', first.digest)
    store.tag('2.0', second.digest)
    const source = store.source()
    const cache: ResolveOptions['cache'] = new Map()

    const records = await Promise.all([
      resolve(source, IMAGE, { cache }),
      resolve(source, `registry.example/${REPO}:2.0`, { cache }),
      resolve(source, IMAGE, { cache })
    ])

    expect(records.map(r => r.digest)).toEqual([first.digest, second.digest, first.digest])
    expect(records.every(r => r.platforms.length === 2)).toBe(true)
    expect(store.count('manifest', '1.0')).toBe(1)
    expect(store.count('manifest', '2.0')).toBe(1)
    expect(store.count('manifest', a.digest)).toBe(1)
    expect(store.count('manifest', b.digest)).toBe(1)
  })

  test('without it, each image fetches its own', async () => {
    const a = putImage(store, amd64)
    const top = putIndex(store, [entry(a, amd64)])
    store.tag('1.0', top.digest)
    const source = store.source()
    await Promise.all([resolve(source), resolve(source)])
    expect(store.count('manifest', a.digest)).toBe(2)
  })
})

test('a JSON body that is not a manifest is an invalid-manifest record', async () => {
  const d = store.putManifest({ hello: 'world' }, 'application/json')
  store.tag('1.0', d.digest)
  const record = await resolve(store.source())
  expectFailure(record, 'invalid-manifest', /neither manifests, layers nor schemaVersion 1/)
})
