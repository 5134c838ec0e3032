import { readFileSync } from 'node:fs'
import { type Manifest, parseManifest } from '../../src/model/manifest.js'
import { emptyRecord } from '../../src/model/record.js'
import { collect, imageRecord, keyOf, platformRecord } from '../../src/resolve/platform-records.js'
import { emptyFound } from '../../src/resolve/walk.js'

const corpus = (name: string): Uint8Array =>
  readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url))

// The BuildKit attestation manifest from GHCR: an image manifest with in-toto layers.
const ATTESTATION_MANIFEST = 'ghcr-buildkit-attestation-manifest.json'

describe('keyOf', () => {
  test('the normalised platform as key, the declared one kept as written', () => {
    const declared = { os: 'linux', architecture: 'aarch64', variant: 'v8' }
    expect(keyOf(declared)).toEqual({ platform: 'linux/arm64', declared })
  })

  test('nothing declared: unknown, and no declared field', () => {
    expect(keyOf(undefined)).toEqual({ platform: 'unknown' })
    expect('declared' in keyOf(undefined)).toBe(false)
  })
})

describe('platformRecord', () => {
  const layers = [
    { digest: 'sha256:' + 'a'.repeat(64), size: 100, mediaType: 'l' },
    { digest: 'sha256:' + 'b'.repeat(64), size: 23, mediaType: 'l' }
  ]

  test('layers counted and summed; config, layers and annotations kept', () => {
    expect(
      platformRecord({
        declared: { os: 'linux', architecture: 'amd64' },
        digest: 'sha256:' + 'c'.repeat(64),
        mediaType: 'm',
        config: 'sha256:' + 'd'.repeat(64),
        layerList: layers,
        annotations: { k: 'v' }
      })
    ).toEqual({
      platform: 'linux/amd64',
      digest: 'sha256:' + 'c'.repeat(64),
      mediaType: 'm',
      layers: 2,
      size: 123,
      config: 'sha256:' + 'd'.repeat(64),
      layerList: layers,
      annotations: { k: 'v' },
      declared: { os: 'linux', architecture: 'amd64' }
    })
  })

  test('not read: layers and size null, no config or layer list fields', () => {
    const r = platformRecord({ digest: null, mediaType: 'm', config: undefined, layerList: null })
    expect(r).toEqual({
      platform: 'unknown',
      digest: null,
      mediaType: 'm',
      layers: null,
      size: null
    })
    expect(Object.keys(r).sort()).toEqual(['digest', 'layers', 'mediaType', 'platform', 'size'])
  })

  test('schema 1: a null config is kept as null; no layers is 0 and 0', () => {
    const r = platformRecord({ digest: null, mediaType: 'm', config: null, layerList: [] })
    expect(r.config).toBeNull()
    expect([r.layers, r.size]).toEqual([0, 0])
  })
})

describe('imageRecord, on a real manifest', () => {
  test("the GHCR BuildKit attestation manifest's config, layers and sizes", () => {
    const body = corpus(ATTESTATION_MANIFEST)
    const manifest = parseManifest(body) as Extract<Manifest, { kind: 'image' }>
    const json = JSON.parse(Buffer.from(body).toString()) as {
      config: { digest: string }
      layers: { digest: string; size: number; mediaType: string }[]
    }
    const digest = 'sha256:0b99212f395833227bbb3fdf0e821efd8ce8af3cca65ce9e00fc96c683af7076'
    const r = imageRecord(manifest, digest, { os: 'linux', architecture: 'amd64' })
    expect(r.platform).toBe('linux/amd64')
    expect(r.digest).toBe(digest)
    expect(r.mediaType).toBe(manifest.mediaType)
    expect(r.config).toBe(json.config.digest)
    expect(r.layers).toBe(json.layers.length)
    expect(r.size).toBe(json.layers.reduce((s, l) => s + l.size, 0))
    expect(r.layerList).toEqual(
      json.layers.map(l => ({ digest: l.digest, size: l.size, mediaType: l.mediaType }))
    )
    expect(imageRecord(manifest, null, undefined).platform).toBe('unknown')
  })
})

describe('collect', () => {
  const d = (c: string): string => 'sha256:' + c.repeat(64)
  const rec = (platform: string, digest: string) => ({
    platform,
    digest,
    mediaType: 'm',
    layers: 1,
    size: 1
  })

  test('the same platform and digest counts once; a second digest for a key is kept and noted', () => {
    const record = emptyRecord('img')
    collect(record, { ...emptyFound(), platforms: [rec('linux/amd64', d('a'))] })
    collect(record, {
      ...emptyFound(),
      platforms: [
        rec('linux/amd64', d('a')),
        rec('linux/amd64', d('b')),
        rec('linux/arm64', d('c'))
      ]
    })
    expect(record.platforms.map(p => [p.platform, p.digest])).toEqual([
      ['linux/amd64', d('a')],
      ['linux/amd64', d('b')],
      ['linux/arm64', d('c')]
    ])
    expect(record.notes).toEqual([
      `platform linux/amd64 appears more than once; ${d('b')} also claims it`
    ])
  })

  test('attestations counted and attached to the platform they name; notes appended', () => {
    const record = emptyRecord('img')
    record.notes.push('earlier')
    collect(record, {
      platforms: [rec('linux/amd64', d('a')), rec('linux/arm64', d('b'))],
      attestations: [
        { digest: d('1'), target: d('a') },
        { digest: d('2'), target: d('a') },
        { digest: d('3'), target: d('f') },
        { digest: d('4') }
      ],
      notes: ['from the walk']
    })
    expect(record.attestations).toBe(4)
    expect(record.platforms[0].attestations).toEqual([d('1'), d('2')])
    expect(record.platforms[1].attestations).toBeUndefined()
    expect(record.notes).toEqual(['earlier', 'from the walk'])
  })
})
