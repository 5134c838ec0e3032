/**
 * Reading referrers listings (referrers.ts) as real servers answer them: the referrers API of
 * the integration suites' referrers front (a 1.1 registry before the real distribution 2.8),
 * and distribution 2.8 itself, which has no API and answers 404. Unit cases on crafted
 * listings are in __tests__/attestations/classify.test.ts.
 */
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
