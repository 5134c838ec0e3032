import { readdirSync } from 'node:fs'
import {
  EMPTY_LAYER_DIGEST,
  MANIFEST_ACCEPT,
  type Manifest,
  MediaTypes,
  REFERENCE_DIGEST_ANNOTATION,
  isAttestation,
  parseManifest,
  platformFromConfig,
  stripParameters
} from '../../src/model/manifest.js'
import {
  formatPlatform,
  normalizePlatform,
  parsePlatform,
  platformMatches
} from '../../src/model/platform.js'
import { HEX, json, thrown } from '../helpers/crafted.js'
import {
  BK_ATTESTATION,
  BK_INDEX,
  BUSYBOX,
  CORPUS,
  HELLO_WINDOWS,
  NOTATION,
  SCHEMA1,
  SIGSTORE,
  corpus,
  readmeDigests,
  seed
} from '../helpers/corpus.js'

/*
 * Real manifests, byte for byte, from __tests__/fixtures/corpus and seeds (helpers/corpus.ts).
 * Their digests (manifestDigest, schema1Payload) are tested in digest.test.ts.
 */

function keys(m: Manifest): string[] {
  if (m.kind !== 'index') throw new Error(`expected an index, got ${m.kind}`)
  return m.manifests
    .filter(d => d.platform)
    .map(d => formatPlatform(normalizePlatform(d.platform!)))
}

describe('the corpus fixtures', () => {
  test('the README lists every manifest in the directory, and nothing else', () => {
    const files = readdirSync(CORPUS)
      .filter(f => f.endsWith('.json'))
      .sort()
    expect([...readmeDigests.keys()].sort()).toEqual(files)
    expect(files).toEqual(
      [BUSYBOX, HELLO_WINDOWS, SCHEMA1, BK_INDEX, BK_ATTESTATION, SIGSTORE, NOTATION].sort()
    )
  })
})

describe('classification by Content-Type, body mediaType and shape', () => {
  test.each<[string, string, Manifest['kind'], string]>([
    // file, the Content-Type a registry serves it with, kind, mediaType
    [BUSYBOX, MediaTypes.dockerList, 'index', MediaTypes.dockerList],
    [HELLO_WINDOWS, MediaTypes.dockerList, 'index', MediaTypes.dockerList],
    [SCHEMA1, MediaTypes.schema1Signed, 'schema1', MediaTypes.schema1Signed],
    [BK_INDEX, MediaTypes.ociIndex, 'index', MediaTypes.ociIndex],
    [BK_ATTESTATION, MediaTypes.ociManifest, 'image', MediaTypes.ociManifest],
    [SIGSTORE, MediaTypes.ociManifest, 'image', MediaTypes.ociManifest],
    [NOTATION, MediaTypes.ociManifest, 'image', MediaTypes.ociManifest]
  ])('%s', (name, served, kind, mediaType) => {
    const body = corpus(name)
    for (const contentType of [
      served,
      `${served}; charset=utf-8`,
      served.toUpperCase(),
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/octet-stream',
      '',
      null,
      undefined
    ]) {
      const m = parseManifest(body, contentType)
      expect({ contentType, kind: m.kind, mediaType: m.mediaType }).toEqual({
        contentType,
        kind,
        mediaType
      })
    }
  })

  test.each<[string, string, string]>([
    // A body without a mediaType field, classified by shape when the header says nothing.
    ['index shape', JSON.stringify({ schemaVersion: 2, manifests: [] }), MediaTypes.ociIndex],
    [
      'image shape',
      JSON.stringify({
        schemaVersion: 2,
        config: { mediaType: MediaTypes.ociConfig, digest: `sha256:${HEX('a')}`, size: 2 },
        layers: []
      }),
      MediaTypes.ociManifest
    ],
    [
      'unsigned schema 1',
      JSON.stringify({ schemaVersion: 1, architecture: 'amd64', fsLayers: [], history: [] }),
      MediaTypes.schema1
    ]
  ])('%s without a mediaType', (_what, text, mediaType) => {
    expect(parseManifest(Buffer.from(text)).mediaType).toBe(mediaType)
    expect(parseManifest(Buffer.from(text), 'application/json').mediaType).toBe(mediaType)
  })

  test('schema 1 served as v1+json keeps the served type', () => {
    const m = parseManifest(corpus(SCHEMA1), MediaTypes.schema1)
    expect(m).toMatchObject({ kind: 'schema1', mediaType: MediaTypes.schema1, signed: true })
  })

  test('an index without a mediaType field served as a Docker list is that list', () => {
    const body = json({ schemaVersion: 2, manifests: [] })
    expect(parseManifest(body, MediaTypes.dockerList).mediaType).toBe(MediaTypes.dockerList)
  })
})

describe('Docker Hub busybox list: 10 platforms', () => {
  const m = parseManifest(corpus(BUSYBOX), MediaTypes.dockerList)

  test('normalised platform keys, in index order', () => {
    expect(keys(m)).toEqual([
      'linux/amd64',
      'linux/arm/v5',
      'linux/arm/v6',
      'linux/arm/v7',
      'linux/arm64',
      'linux/386',
      'linux/mips64le',
      'linux/ppc64le',
      'linux/riscv64',
      'linux/s390x'
    ])
  })

  test('descriptors keep the platform as stated, digest, size and media type', () => {
    if (m.kind !== 'index') throw new Error('not an index')
    expect(m.manifests).toHaveLength(10)
    expect(m.manifests[4]).toEqual({
      mediaType: MediaTypes.dockerManifest,
      digest: 'sha256:2a64d8b2861154867e526a189eddfc7afaf12c13c9b67a56b7adcd56895818ae',
      size: 527,
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }
    })
    expect(m.manifests.map(d => d.size)).toEqual([527, 527, 527, 527, 527, 527, 527, 528, 527, 528])
    expect(m.manifests.every(d => !isAttestation(d))).toBe(true)
  })

  test.each<[string, boolean]>([
    ['linux/arm64', true],
    ['linux/arm64/v8', true],
    ['aarch64', true],
    ['linux/arm/v7', true],
    ['armhf', true],
    ['armel', true],
    ['linux/arm/v5', true],
    ['i386', true],
    ['linux/amd64', true],
    ['linux/amd64/v3', false],
    ['linux/arm64/v9', false],
    ['windows/amd64', false]
  ])('required %s is found: %s', (required, found) => {
    if (m.kind !== 'index') throw new Error('not an index')
    const r = parsePlatform(required)
    expect(m.manifests.some(d => d.platform && platformMatches(r, d.platform))).toBe(found)
  })
})

describe('Docker Hub hello-world list with Windows builds', () => {
  const m = parseManifest(corpus(HELLO_WINDOWS))

  test('11 entries; the Windows ones carry os.version', () => {
    expect(m).toMatchObject({ kind: 'index', mediaType: MediaTypes.dockerList })
    const all = keys(m)
    expect(all).toHaveLength(11)
    expect(all.filter(k => k.startsWith('windows'))).toEqual([
      'windows(10.0.20348.469)/amd64',
      'windows(10.0.17763.2452)/amd64'
    ])
    if (m.kind !== 'index') return
    expect(m.manifests[9].platform).toEqual({
      os: 'windows',
      architecture: 'amd64',
      osVersion: '10.0.20348.469'
    })
    expect(m.manifests[9].size).toBe(1125)
  })

  test.each<[string, number]>([
    ['windows/amd64', 2],
    ['windows(10.0.20348)/amd64', 1],
    ['windows(10.0.17763)/amd64', 1],
    ['windows(10.0.17763.2452)/amd64', 1],
    ['windows(10.0.14393)/amd64', 0],
    ['windows/arm64', 0],
    ['linux/amd64', 1]
  ])('required %s matches %i entries', (required, count) => {
    if (m.kind !== 'index') throw new Error('not an index')
    const r = parsePlatform(required)
    expect(m.manifests.filter(d => d.platform && platformMatches(r, d.platform))).toHaveLength(
      count
    )
  })
})

describe('GHCR BuildKit index with an attestation manifest', () => {
  const m = parseManifest(corpus(BK_INDEX), MediaTypes.ociIndex)

  test('one platform and one attestation', () => {
    if (m.kind !== 'index') throw new Error('not an index')
    expect(m.manifests).toHaveLength(2)
    const attestations = m.manifests.filter(isAttestation)
    const images = m.manifests.filter(d => !isAttestation(d))
    expect(attestations).toHaveLength(1)
    expect(images).toHaveLength(1)
    expect(images.map(d => formatPlatform(normalizePlatform(d.platform!)))).toEqual(['linux/amd64'])
    expect(attestations[0].platform).toEqual({ os: 'unknown', architecture: 'unknown' })
    // The attestation names the image it attests, and is the attestation manifest in the corpus.
    expect(attestations[0].annotations?.[REFERENCE_DIGEST_ANNOTATION]).toBe(images[0].digest)
    expect(attestations[0].digest).toBe(readmeDigests.get(BK_ATTESTATION))
    expect(attestations[0].size).toBe(corpus(BK_ATTESTATION).length)
  })

  test('the attestation manifest holds an in-toto layer', () => {
    const a = parseManifest(corpus(BK_ATTESTATION), MediaTypes.ociManifest)
    if (a.kind !== 'image') throw new Error('not an image manifest')
    expect(a.config.mediaType).toBe(MediaTypes.ociConfig)
    expect(a.layers.map(l => l.mediaType)).toEqual(['application/vnd.in-toto+json'])
    expect(a.layers[0].annotations).toEqual({
      'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2'
    })
  })

  test.each<[unknown, boolean]>([
    [{ 'vnd.docker.reference.type': 'attestation-manifest' }, true],
    [{ 'vnd.docker.reference.type': 'something-else' }, false],
    [{ 'org.opencontainers.image.title': 'x' }, false],
    [undefined, false]
  ])('isAttestation(%j) → %s', (annotations, expected) => {
    const d = {
      mediaType: MediaTypes.ociManifest,
      digest: `sha256:${HEX('a')}`,
      size: 1,
      annotations: annotations as Record<string, string> | undefined
    }
    expect(isAttestation(d)).toBe(expected)
  })
})

describe('OCI 1.1 referrers (artifactType, subject)', () => {
  test.each<[string, string, string, string]>([
    [
      SIGSTORE,
      'application/vnd.dev.sigstore.bundle.v0.3+json',
      'application/vnd.oci.empty.v1+json',
      MediaTypes.dockerManifest
    ],
    [NOTATION, '', 'application/vnd.cncf.notary.signature', MediaTypes.ociIndex]
  ])('%s', (name, artifactType, configType, subjectType) => {
    const m = parseManifest(corpus(name), MediaTypes.ociManifest)
    if (m.kind !== 'image') throw new Error('not an image manifest')
    expect(m.artifactType ?? '').toBe(artifactType)
    expect(m.config.mediaType).toBe(configType)
    expect(m.subject?.mediaType).toBe(subjectType)
    expect(m.layers).toHaveLength(1)
    expect(m.annotations?.['org.opencontainers.image.created']).toBeDefined()
  })

  test('the notation signature refers to the BuildKit index by its digest and size', () => {
    const m = parseManifest(corpus(NOTATION))
    if (m.kind !== 'image') throw new Error('not an image manifest')
    expect(m.subject).toEqual({
      mediaType: MediaTypes.ociIndex,
      digest: readmeDigests.get(BK_INDEX),
      size: corpus(BK_INDEX).length
    })
  })
})

describe('signed schema 1 (Docker Hub hello-world, 2015)', () => {
  const m = parseManifest(corpus(SCHEMA1))

  test('platform, name, tag, signed', () => {
    expect(m).toMatchObject({
      kind: 'schema1',
      mediaType: MediaTypes.schema1Signed,
      platform: { os: 'linux', architecture: 'amd64' },
      name: 'library/hello-world',
      tag: 'latest',
      signed: true
    })
  })

  test('layers without the empty throwaway layer', () => {
    if (m.kind !== 'schema1') throw new Error('not schema 1')
    expect(m.layers).toEqual([
      'sha256:03f4658f8b782e12230c1783426bd3bacce651ce582a4ffb6fbbfa2079428ecb'
    ])
    expect(m.layers).not.toContain(EMPTY_LAYER_DIGEST)
  })

  test('is parsed the same under every schema 1 Content-Type', () => {
    for (const ct of [MediaTypes.schema1Signed, MediaTypes.schema1, 'application/json', null]) {
      const again = parseManifest(corpus(SCHEMA1), ct)
      expect(again.kind).toBe('schema1')
      if (again.kind === 'schema1' && m.kind === 'schema1') {
        expect(again.layers).toEqual(m.layers)
        expect(again.platform).toEqual(m.platform)
      }
    }
  })
})

describe('schema 1 layers and history', () => {
  const L = [1, 2, 3].map(n => `sha256:${HEX(String(n))}`)
  const v1 = (o: Record<string, unknown>): { v1Compatibility: string } => ({
    v1Compatibility: JSON.stringify(o)
  })

  test('fsLayers are top-first; layers come out bottom-first, throwaway entries left out', () => {
    const body = json({
      schemaVersion: 1,
      name: 'team/app',
      tag: 'v1',
      architecture: 'arm64',
      fsLayers: [
        { blobSum: EMPTY_LAYER_DIGEST },
        { blobSum: L[2] },
        { blobSum: EMPTY_LAYER_DIGEST },
        { blobSum: L[1] },
        { blobSum: L[0] }
      ],
      history: [
        v1({ id: 'e', os: 'linux', architecture: 'arm64', throwaway: true }),
        v1({ id: 'd' }),
        v1({ id: 'c', throwaway: true }),
        v1({ id: 'b' }),
        v1({ id: 'a' })
      ]
    })
    const m = parseManifest(body, MediaTypes.schema1)
    expect(m).toEqual({
      kind: 'schema1',
      mediaType: MediaTypes.schema1,
      name: 'team/app',
      tag: 'v1',
      platform: { os: 'linux', architecture: 'arm64' },
      layers: [L[0], L[1], L[2]],
      signed: false
    })
  })

  test('a throwaway entry is left out whatever its blobSum', () => {
    const body = json({
      schemaVersion: 1,
      architecture: 'amd64',
      fsLayers: [{ blobSum: L[1] }, { blobSum: L[0] }],
      history: [v1({ throwaway: true, os: 'linux', architecture: 'amd64' }), v1({})]
    })
    const m = parseManifest(body)
    expect(m.kind === 'schema1' && m.layers).toEqual([L[0]])
  })

  test('the platform falls back to the top-level architecture and linux', () => {
    const body = json({ schemaVersion: 1, architecture: 's390x', fsLayers: [{ blobSum: L[0] }] })
    const m = parseManifest(body)
    expect(m).toMatchObject({ kind: 'schema1', platform: { os: 'linux', architecture: 's390x' } })
  })

  test('the platform comes from the top history entry before the top-level field', () => {
    const body = json({
      schemaVersion: 1,
      architecture: 'amd64',
      fsLayers: [{ blobSum: L[0] }],
      history: [v1({ os: 'windows', architecture: 'arm64' })]
    })
    expect(parseManifest(body)).toMatchObject({
      platform: { os: 'windows', architecture: 'arm64' }
    })
  })

  test('no architecture anywhere gives a null platform', () => {
    const body = json({ schemaVersion: 1, fsLayers: [] })
    expect(parseManifest(body)).toMatchObject({ kind: 'schema1', platform: null })
  })

  test.each<[string, unknown, RegExp]>([
    ['no fsLayers', { schemaVersion: 1 }, /schema 1 manifest has no fsLayers array/],
    ['blobSum missing', { schemaVersion: 1, fsLayers: [{}] }, /fsLayers\[0\]\.blobSum is missing/],
    [
      'blobSum invalid',
      { schemaVersion: 1, fsLayers: [{ blobSum: L[0] }, { blobSum: 'sha256:a' }] },
      /fsLayers\[1\]\.blobSum is invalid: digest 'sha256:a' must have 64/
    ],
    [
      'v1Compatibility not JSON',
      { schemaVersion: 1, fsLayers: [{ blobSum: L[0] }], history: [{ v1Compatibility: '{' }] },
      /history\[0\]\.v1Compatibility is not valid JSON/
    ]
  ])('%s', (_what, value, why) => {
    const e = thrown(() => parseManifest(json(value)))
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message).toMatch(why)
  })
})

describe("Alibaba Cloud's API shape: v1Compatibility as an object (seed 001)", () => {
  const response = JSON.parse(seed('aliyun-repo-tag-manifest-response.json').toString('utf8')) as {
    data: { manifest: Record<string, unknown> }
  }
  const manifest = response.data.manifest

  test('the documented sample is refused only for its placeholder digest sha256:a', () => {
    const e = thrown(() => parseManifest(json(manifest)))
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message).toMatch(/fsLayers\[0\]\.blobSum is invalid/)
  })

  test('with a real digest, the object v1Compatibility is accepted', () => {
    const layer = `sha256:${HEX('c')}`
    const fixed = { ...manifest, fsLayers: [{ blobSum: layer }] }
    expect(typeof (manifest.history as { v1Compatibility: unknown }[])[0].v1Compatibility).toBe(
      'object'
    )
    for (const ct of [undefined, 'application/json', MediaTypes.schema1Signed]) {
      expect(parseManifest(json(fixed), ct)).toEqual({
        kind: 'schema1',
        mediaType: MediaTypes.schema1Signed,
        name: 'testNamespace/testRepo',
        tag: 'tag1',
        platform: { os: 'linux', architecture: 'amd64' },
        layers: [layer],
        signed: true
      })
    }
  })
})

describe('MCR manifest list (seed 003, dotnet/core/runtime:3.0)', () => {
  // The seed lost the registry's formatting, so the digest of these bytes is not MCR's: none is
  // asserted.
  const m = parseManifest(
    seed('mcr-dotnet-core-runtime-3.0-list.json'),
    'application/vnd.docker.distribution.manifest.list.v2+json'
  )

  test('a Docker list of 7 images, 4 of them Windows builds', () => {
    expect(m).toMatchObject({ kind: 'index', mediaType: MediaTypes.dockerList })
    expect(keys(m)).toEqual([
      'linux/amd64',
      'linux/arm/v7',
      'linux/arm64',
      'windows(10.0.16299.1029)/amd64',
      'windows(10.0.17134.648)/amd64',
      'windows(10.0.17763.379)/amd64',
      // containerd's normalisation gives every bare arm v7, Windows included.
      'windows(10.0.17763.379)/arm/v7'
    ])
    if (m.kind !== 'index') return
    expect(m.manifests.map(d => d.platform?.osVersion).filter(Boolean)).toEqual([
      '10.0.16299.1029',
      '10.0.17134.648',
      '10.0.17763.379',
      '10.0.17763.379'
    ])
    expect(m.manifests[0]).toEqual({
      mediaType: MediaTypes.dockerManifest,
      digest: 'sha256:9455ca49f5a77ada94eea95dc3cbe86d608ced5efbaa9dcbb9778fcfa6cd0b90',
      size: 1164,
      platform: { os: 'linux', architecture: 'amd64' }
    })
  })

  test.each<[string, number]>([
    ['windows/amd64', 3],
    ['windows(10.0.17763)/amd64', 1],
    ['windows(10.0.17763.379)/amd64', 1],
    ['windows(10.0.20348)/amd64', 0],
    ['windows/arm', 1]
  ])('required %s matches %i entries', (required, count) => {
    if (m.kind !== 'index') throw new Error('not an index')
    const r = parsePlatform(required)
    expect(m.manifests.filter(d => d.platform && platformMatches(r, d.platform))).toHaveLength(
      count
    )
  })
})

describe('parseManifest errors', () => {
  const entry = {
    mediaType: MediaTypes.ociManifest,
    digest: `sha256:${HEX('a')}`,
    size: 10,
    platform: { os: 'linux', architecture: 'amd64' }
  }
  const index = (manifests: unknown[]): unknown => ({
    schemaVersion: 2,
    mediaType: MediaTypes.ociIndex,
    manifests
  })
  const image = (patch: Record<string, unknown>): unknown => ({
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    config: { mediaType: MediaTypes.ociConfig, digest: `sha256:${HEX('b')}`, size: 2 },
    layers: [
      {
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: `sha256:${HEX('c')}`,
        size: 3
      }
    ],
    ...patch
  })

  test.each<[string, string | Buffer, string | null, RegExp]>([
    ['invalid JSON', '{"schemaVersion": 2,', null, /manifest is not valid JSON/],
    ['empty body', '', null, /manifest is not valid JSON/],
    ['an array', '[]', null, /manifest is not a JSON object/],
    ['a string', '"manifest"', null, /manifest is not a JSON object/],
    ['null', 'null', null, /manifest is not a JSON object/],
    ['a number', '2', null, /manifest is not a JSON object/],
    [
      'no recognisable shape',
      '{"schemaVersion": 2}',
      null,
      /neither manifests, layers nor schemaVersion 1/
    ],
    [
      'Content-Type contradicts the body (list served as OCI index)',
      corpus(BUSYBOX),
      MediaTypes.ociIndex,
      /manifest says mediaType 'application\/vnd\.docker\.distribution\.manifest\.list\.v2\+json' but was served as 'application\/vnd\.oci\.image\.index\.v1\+json'/
    ],
    [
      'Content-Type contradicts the body (OCI manifest served as Docker v2)',
      corpus(BK_ATTESTATION),
      MediaTypes.dockerManifest,
      /says mediaType 'application\/vnd\.oci\.image\.manifest\.v1\+json' but was served as 'application\/vnd\.docker\.distribution\.manifest\.v2\+json'/
    ],
    [
      'Content-Type says image, body is an index',
      corpus(BK_INDEX),
      MediaTypes.ociManifest,
      /says mediaType 'application\/vnd\.oci\.image\.index\.v1\+json' but was served as/
    ],
    [
      'manifest type served with index shape',
      JSON.stringify({ schemaVersion: 2, manifests: [entry] }),
      MediaTypes.dockerManifest,
      /manifest of type 'application\/vnd\.docker\.distribution\.manifest\.v2\+json' has the shape of an index/
    ],
    [
      'index type declared in the body, image shape',
      JSON.stringify({ ...(image({}) as object), mediaType: MediaTypes.ociIndex }),
      'application/json',
      /manifest of type 'application\/vnd\.oci\.image\.index\.v1\+json' has the shape of an image manifest/
    ],
    [
      'index type served with schema 1 shape',
      JSON.stringify({ schemaVersion: 1, fsLayers: [] }),
      MediaTypes.dockerList,
      /has the shape of a schema 1 manifest/
    ],
    [
      'index with a bad digest',
      JSON.stringify(index([entry, { ...entry, digest: 'sha256:xyz' }])),
      null,
      /manifests\[1\]\.digest is invalid: digest 'sha256:xyz'/
    ],
    [
      'index with an uppercase digest',
      JSON.stringify(index([{ ...entry, digest: `sha256:${HEX('A')}` }])),
      null,
      /manifests\[0\]\.digest is invalid: .*lowercase hex/
    ],
    [
      'index with a missing digest',
      JSON.stringify(index([{ ...entry, digest: undefined }])),
      null,
      /manifests\[0\]\.digest is missing/
    ],
    [
      'index with a negative size',
      JSON.stringify(index([{ ...entry, size: -1 }])),
      null,
      /manifests\[0\]\.size must be a non-negative integer, got -1/
    ],
    [
      'index with a fractional size',
      JSON.stringify(index([{ ...entry, size: 1.5 }])),
      null,
      /manifests\[0\]\.size must be a non-negative integer, got 1\.5/
    ],
    [
      'index with a size as a string',
      JSON.stringify(index([{ ...entry, size: '10' }])),
      null,
      /manifests\[0\]\.size must be a non-negative integer, got "10"/
    ],
    [
      'index with a missing size',
      JSON.stringify(index([{ ...entry, size: undefined }])),
      null,
      /manifests\[0\]\.size must be a non-negative integer, got undefined/
    ],
    [
      'index with a missing mediaType',
      JSON.stringify(index([{ ...entry, mediaType: undefined }])),
      null,
      /manifests\[0\]\.mediaType is missing/
    ],
    [
      'index entry not an object',
      JSON.stringify(index([entry, 'sha256:abc'])),
      null,
      /manifests\[1\] is not an object/
    ],
    [
      'index entry platform without an architecture',
      JSON.stringify(index([{ ...entry, platform: { os: 'linux' } }])),
      null,
      /manifests\[0\]\.platform needs os and architecture/
    ],
    [
      'index entry with non-string annotations',
      JSON.stringify(index([{ ...entry, annotations: { a: 1 } }])),
      null,
      /manifests\[0\]\.annotations must be an object of strings/
    ],
    [
      'index schemaVersion other than 2',
      JSON.stringify({ ...(index([]) as object), schemaVersion: 3 }),
      null,
      /index schemaVersion must be 2, got 3/
    ],
    [
      'image with a bad layer size',
      JSON.stringify(image({ layers: [{ ...entry, size: -5 }] })),
      null,
      /layers\[0\]\.size must be a non-negative integer, got -5/
    ],
    [
      'image without a config',
      JSON.stringify(image({ config: undefined })),
      null,
      /config is not an object/
    ],
    [
      'image with a bad subject',
      JSON.stringify(image({ subject: { ...entry, digest: 'md5:00' } })),
      null,
      /subject\.digest is invalid: digest algorithm 'md5' is not supported/
    ],
    [
      'image with non-string annotations',
      JSON.stringify(image({ annotations: { 'org.example': ['x'] } })),
      null,
      /annotations must be an object of strings/
    ]
  ])('%s', (_what, body, contentType, why) => {
    const e = thrown(() =>
      parseManifest(typeof body === 'string' ? Buffer.from(body) : body, contentType)
    )
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message).toMatch(why)
  })

  test.each<[string, string, string | null]>([
    // An unknown media type is unsupported, not invalid.
    [
      'OCI artifact manifest (withdrawn from the spec)',
      JSON.stringify(image({ mediaType: undefined })),
      'application/vnd.oci.artifact.manifest.v1+json'
    ],
    [
      'helm chart content type',
      JSON.stringify(image({ mediaType: undefined })),
      'application/vnd.cncf.helm.chart.content.v1.tar+gzip'
    ],
    [
      'header and body agree on an unknown type',
      JSON.stringify(image({ mediaType: 'application/vnd.example.thing+json' })),
      'application/vnd.example.thing+json'
    ],
    [
      'unknown mediaType in the body',
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.example.thing+json',
        layers: []
      }),
      null
    ],
    [
      'unknown mediaType in the body, generic Content-Type',
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.example.thing+json',
        manifests: []
      }),
      'application/json'
    ]
  ])('%s → unsupported', (_what, body, contentType) => {
    const e = thrown(() => parseManifest(Buffer.from(body), contentType))
    expect(e.kind).toBe('unsupported')
    expect(e.message).toMatch(/manifest media type '.+' is not one digest-gate reads/)
  })

  test('unknown media types inside an index are not errors', () => {
    const body = json(
      index([
        entry,
        { ...entry, mediaType: 'application/vnd.example.unknown+json', platform: undefined }
      ])
    )
    const m = parseManifest(body)
    expect(m.kind === 'index' && m.manifests.map(d => d.mediaType)).toEqual([
      MediaTypes.ociManifest,
      'application/vnd.example.unknown+json'
    ])
  })
})

describe('helpers', () => {
  test.each<[string | null | undefined, string]>([
    [MediaTypes.dockerList, MediaTypes.dockerList],
    [`${MediaTypes.ociIndex}; charset=utf-8`, MediaTypes.ociIndex],
    ['Application/JSON ; charset=UTF-8', 'application/json'],
    ['  text/plain  ', 'text/plain'],
    ['', ''],
    [null, ''],
    [undefined, '']
  ])('stripParameters(%j) → %j', (input, output) => {
    expect(stripParameters(input)).toBe(output)
  })

  test('the Accept header lists every manifest type, the Docker list included', () => {
    const accepted = MANIFEST_ACCEPT.split(',').map(s => s.trim())
    expect(accepted).toEqual(
      expect.arrayContaining([
        MediaTypes.ociIndex,
        MediaTypes.dockerList,
        MediaTypes.ociManifest,
        MediaTypes.dockerManifest,
        MediaTypes.schema1Signed,
        MediaTypes.schema1
      ])
    )
  })

  test.each<[unknown, unknown]>([
    [
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' }
    ],
    [
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1607', rootfs: {} },
      { os: 'windows', architecture: 'amd64', osVersion: '10.0.20348.1607' }
    ],
    [{ rootfs: {} }, null]
  ])('platformFromConfig(%j)', (config, platform) => {
    expect(platformFromConfig(json(config))).toEqual(platform)
  })

  test('platformFromConfig on a body that is not JSON', () => {
    const e = thrown(() => platformFromConfig(Buffer.from('not json')))
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message).toMatch(/image config is not valid JSON/)
  })
})
