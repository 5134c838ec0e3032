/**
 * Reading referrers listings (referrers.ts) as real servers answer them: the referrers API of
 * the integration suites' referrers front (a 1.1 registry before the real distribution 2.8),
 * and distribution 2.8 itself, which has no API and answers 404. Then crafted listings, tags,
 * paths and headers, with every malformed answer.
 */
import { classifyReferrer } from '../../../src/attestations/classify.js'
import { HEX, digestOf, json, thrown } from '../../helpers/crafted.js'
import {
  lacksReferrersApi,
  parseFiltersApplied,
  parseNextLink,
  parseReferrers,
  referrersPath,
  referrersTag
} from '../../../src/sources/registry/referrers.js'
import {
  type ReferrersFront,
  startReferrersFront
} from '../../integration/harness/referrers-front.js'
import {
  ArtifactPresets,
  MediaTypes,
  type PushedImage,
  type RunningRegistry,
  pushArtifact,
  pushImage,
  referrersTagOf,
  request,
  startRegistry
} from '../../integration/harness/registry.js'

let reg: RunningRegistry
let front: ReferrersFront
let image: PushedImage
let sbom: string
let signature: string

beforeAll(async () => {
  reg = await startRegistry()
  front = await startReferrersFront(reg.url)
  image = await pushImage(reg, 'app', '1', {
    platform: { os: 'linux', architecture: 'amd64' },
    layerSizes: [8],
    format: 'oci'
  })
  const subject = { mediaType: image.mediaType, digest: image.digest, size: image.size }
  sbom = (await pushArtifact(front, 'app', ArtifactPresets.spdxSbom(subject))).digest
  signature = (await pushArtifact(front, 'app', ArtifactPresets.cosignSignature(subject))).digest
})

afterAll(async () => {
  await Promise.all([front?.stop(), reg?.stop()])
})

test('the path and tag a subject is asked by, as the spec and the harness spell them', () => {
  const hex = image.digest.slice('sha256:'.length)
  expect(referrersPath('app', image.digest)).toBe(`/v2/app/referrers/${image.digest}`)
  expect(referrersPath('app', image.digest, 'application/spdx+json')).toBe(
    `/v2/app/referrers/${image.digest}?artifactType=application%2Fspdx%2Bjson`
  )
  expect(referrersTag(image.digest)).toBe(`sha256-${hex}`)
  expect(referrersTag(image.digest)).toBe(referrersTagOf(image.digest))
  expect(() => referrersTag('sha256:short')).toThrow(/^referrers tag: /)
})

test("the referrers front's answer lists what was pushed with the subject", async () => {
  const res = await request(`${front.url}${referrersPath('app', image.digest)}`, {
    headers: { Accept: MediaTypes.ociIndex }
  })
  expect(res.status).toBe(200)
  const list = parseReferrers(res.body, {
    where: 'referrers of app',
    contentType: String(res.headers['content-type'])
  })
  expect(list.referrers.map(r => [r.digest, r.artifactType])).toEqual([
    [sbom, 'application/spdx+json'],
    [signature, 'application/vnd.dev.cosign.artifact.sig.v1+json']
  ])
  expect(list.notes).toEqual([])
})

test('a filtered answer says which filter the registry applied', async () => {
  const res = await request(
    `${front.url}${referrersPath('app', image.digest, 'application/spdx+json')}`,
    { headers: { Accept: MediaTypes.ociIndex } }
  )
  const applied = res.headers['oci-filters-applied']
  expect(parseFiltersApplied(typeof applied === 'string' ? applied : undefined)).toEqual([
    'artifactType'
  ])
  const list = parseReferrers(res.body, {
    where: 'referrers of app',
    contentType: String(res.headers['content-type']),
    filtersApplied: typeof applied === 'string' ? applied : undefined
  })
  expect(list.referrers.map(r => r.digest)).toEqual([sbom])
})

test('distribution 2.8 has no referrers API: its 404 says so', async () => {
  const res = await request(`${reg.url}${referrersPath('app', image.digest)}`)
  expect(lacksReferrersApi(res.status)).toBe(true)
  expect(lacksReferrersApi(200)).toBe(false)
  expect(lacksReferrersApi(401)).toBe(false)
})

test('the next page of a listing, from its Link header', () => {
  expect(parseNextLink('</v2/app/referrers/x?n=2&last=y>; rel="next"')).toBe(
    '/v2/app/referrers/x?n=2&last=y'
  )
  expect(parseNextLink('<https://a/b>; rel=prev, <https://a/c>; rel=next')).toBe('https://a/c')
  expect(parseNextLink(undefined)).toBeNull()
})

test('a Link header is read in one pass, whatever the registry writes', () => {
  // A regex retried from each `<` took 4.7 s on 80,000 of them; a megabyte here would take hours.
  expect(parseNextLink('<'.repeat(1_000_000))).toBeNull()
  expect(parseNextLink(`${'<a>; rel=prev, '.repeat(70_000)}<b>; rel=next`)).toBe('b')
  expect(parseNextLink(`<a>${'; x=y'.repeat(200_000)}; rel="next"`)).toBe('a')
})

describe('parseReferrers', () => {
  const where = 'referrers of r/app@sha256:aaa'
  const entry = (c: string, artifactType?: string, extra: Record<string, unknown> = {}) => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: digestOf(c),
    size: 500,
    ...(artifactType ? { artifactType } : {}),
    ...extra
  })
  const index = (manifests: unknown[]): Buffer =>
    json({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests })
  const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

  test('the answer shape of spec.md "Listing Referrers" is read and classified', () => {
    const body = index([
      entry('1', 'application/spdx+json', { annotations: { 'org.example.sbom.format': 'json' } }),
      entry('2', 'application/vnd.cncf.notary.signature'),
      entry('3', 'application/vnd.example.signature.v1'),
      { mediaType: 'application/vnd.oci.image.index.v1+json', digest: digestOf('4'), size: 9 }
    ])
    const list = parseReferrers(body, { where, contentType: OCI_INDEX })
    expect(list.notes).toEqual([])
    expect(list.referrers.map(d => [d.digest, classifyReferrer(d).kind])).toEqual([
      [digestOf('1'), 'sbom'],
      [digestOf('2'), 'signature'],
      [digestOf('3'), 'other'],
      [digestOf('4'), 'other']
    ])
    expect(list.referrers[0].annotations).toEqual({ 'org.example.sbom.format': 'json' })
  })

  test('an empty list is no referrers, not an error', () => {
    expect(parseReferrers(index([]), { where, contentType: OCI_INDEX })).toEqual({
      referrers: [],
      notes: []
    })
  })

  test('one malformed entry is skipped with a note; the others stay; duplicates count once', () => {
    const body = index([
      entry('1', 'application/spdx+json'),
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:short', size: 1 },
      entry('1', 'application/spdx+json'),
      'not a descriptor',
      entry('2', 'application/vnd.dev.cosign.artifact.sig.v1+json')
    ])
    const list = parseReferrers(body, { where, contentType: `${OCI_INDEX}; charset=utf-8` })
    expect(list.referrers.map(d => classifyReferrer(d).kind)).toEqual(['sbom', 'signature'])
    expect(list.notes).toEqual([
      `${where}: skipped manifests[1].digest is invalid: digest 'sha256:short' must have 64 lowercase hex digits after 'sha256:'`,
      `${where}: ${digestOf('1')} is listed more than once; counted once`,
      `${where}: skipped manifests[3] is not an object`
    ])
  })

  test('a filter the registry did not apply is applied here, with a note', () => {
    const body = index([entry('1', 'application/spdx+json'), entry('2', 'application/vnd.x')])
    const unfiltered = parseReferrers(body, {
      where,
      contentType: OCI_INDEX,
      artifactType: 'application/spdx+json'
    })
    expect(unfiltered.referrers.map(d => d.digest)).toEqual([digestOf('1')])
    expect(unfiltered.notes).toEqual([
      `${where}: the registry did not apply the artifactType filter; applied here`
    ])
    // With OCI-Filters-Applied the registry's answer is taken as it is.
    const applied = parseReferrers(body, {
      where,
      contentType: OCI_INDEX,
      artifactType: 'application/spdx+json',
      filtersApplied: 'artifactType'
    })
    expect(applied.referrers).toHaveLength(2)
    expect(applied.notes).toEqual([])
  })

  test.each<[string, Buffer, string | null, RegExp]>([
    [
      'served as an image manifest',
      index([]),
      'application/vnd.oci.image.manifest.v1+json',
      /served as 'application\/vnd.oci.image.manifest.v1\+json', expected an image index/
    ],
    [
      'a Docker manifest list body',
      json({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
        manifests: []
      }),
      null,
      /mediaType is "application\/vnd.docker.distribution.manifest.list.v2\+json"/
    ],
    ['plain text 404 page', Buffer.from('404 page not found\n'), 'text/plain', /not valid JSON/],
    ['a JSON array', json([]), 'application/json', /answer is not a JSON object/],
    ['no schemaVersion', json({ manifests: [] }), OCI_INDEX, /schemaVersion must be 2, got null/],
    ['no manifests', json({ schemaVersion: 2 }), OCI_INDEX, /has no manifests array/]
  ])('%s is an invalid-manifest error naming the answer', (_, body, contentType, message) => {
    const e = thrown(() => parseReferrers(body, { where, contentType }))
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message.startsWith(`${where}: `)).toBe(true)
    expect(e.message).toMatch(message)
  })
})

describe('referrersTag and referrersPath', () => {
  test.each<[string, string]>([
    [`sha256:${HEX('a')}`, `sha256-${HEX('a')}`],
    [
      'sha256:0e026e48c72f503a89f1299d8d6a768f1e516740017b8dd29d290c234ec889b4',
      'sha256-0e026e48c72f503a89f1299d8d6a768f1e516740017b8dd29d290c234ec889b4'
    ],
    // spec.md "Referrers Tag Schema": the encoded part is truncated to 64 characters.
    [`sha512:${HEX('b', 64)}${HEX('c', 64)}`, `sha512-${HEX('b', 64)}`]
  ])('%s → %s', (digest, tag) => {
    expect(referrersTag(digest)).toBe(tag)
    expect(tag).toMatch(/^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/)
  })

  test.each<[string, RegExp]>([
    [`sha256:${HEX('A')}`, /must use lowercase hex/],
    ['sha256:abc', /must have 64 lowercase hex digits/],
    [`sha512:${HEX('a')}`, /must have 128 lowercase hex digits/],
    [`md5:${HEX('a', 32)}`, /algorithm 'md5' is not supported/],
    ['latest', /must be algorithm:hex/],
    ['', /must be algorithm:hex/]
  ])('%s is refused: %s', (digest, message) => {
    const e = thrown(() => referrersTag(digest))
    expect(e.kind).toBe('invalid-input')
    expect(e.message).toMatch(/^referrers tag: /)
    expect(e.message).toMatch(message)
    expect(thrown(() => referrersPath('r/app', digest)).kind).toBe('invalid-input')
  })

  test('paths, with the artifactType filter encoded', () => {
    expect(referrersPath('r/app', digestOf('a'))).toBe(`/v2/r/app/referrers/${digestOf('a')}`)
    expect(referrersPath('r/app', digestOf('a'), 'application/vnd.cyclonedx+json')).toBe(
      `/v2/r/app/referrers/${digestOf('a')}?artifactType=application%2Fvnd.cyclonedx%2Bjson`
    )
  })
})

describe('headers', () => {
  test.each<[string | undefined, string | null]>([
    [undefined, null],
    ['', null],
    ['</v2/r/referrers/sha256:a?n=2&last=x>; rel="next"', '/v2/r/referrers/sha256:a?n=2&last=x'],
    ['<https://r.example/v2/x?page=2>; rel=next', 'https://r.example/v2/x?page=2'],
    ['<a>; rel="prev", <b>; rel="next"', 'b'],
    ['<a>; title="x"; REL="Next"', 'a'],
    ['<a>; rel="prev"', null],
    ['<a>; rel="next-page"', null]
  ])('Link %j → %j', (header, next) => {
    expect(parseNextLink(header)).toBe(next)
  })

  test.each<[string | null | undefined, string[]]>([
    [undefined, []],
    [null, []],
    ['artifactType', ['artifactType']],
    [' artifactType , annotation ', ['artifactType', 'annotation']]
  ])('OCI-Filters-Applied %j → %j', (header, names) => {
    expect(parseFiltersApplied(header)).toEqual(names)
  })

  test.each<[number, boolean]>([
    [404, true],
    [200, false],
    [400, false],
    [401, false],
    [403, false],
    [500, false]
  ])('referrers status %d means no API: %s', (status, missing) => {
    expect(lacksReferrersApi(status)).toBe(missing)
  })
})
