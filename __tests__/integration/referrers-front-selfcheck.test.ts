// Guards the referrers front and the artifact helpers: suites that test digest-gate's referrers
// support against them are only meaningful if the front answers as an OCI 1.1 registry does
// (distribution-spec spec.md "Pushing Manifests with Subject", "Listing Referrers") and the
// tag-schema fallback really is readable from the plain distribution 2.8 registry.
import { parseReferrers, referrersTag } from '../../src/sources/registry/referrers.js'
import { classifyReferrer } from '../../src/attestations/classify.js'
import { startReferrersFront, type ReferrersFront } from './harness/referrers-front.js'
import {
  ArtifactPresets,
  MediaTypes,
  basicAuth,
  getManifest,
  pushArtifact,
  pushImage,
  pushReferrersTagIndex,
  request,
  sha256,
  startRegistry,
  type HttpResponse,
  type PushedArtifact,
  type PushedImage,
  type RunningRegistry
} from './harness/registry.js'

const REPO = 'rf/app'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name]
  return Array.isArray(v) ? v[0] : v
}

function indexOf(res: HttpResponse): {
  schemaVersion: number
  mediaType: string
  manifests: unknown[]
} {
  return JSON.parse(res.body.toString('utf8')) as {
    schemaVersion: number
    mediaType: string
    manifests: unknown[]
  }
}

const subjectOf = (img: PushedImage): { mediaType: string; digest: string; size: number } => ({
  mediaType: img.mediaType,
  digest: img.digest,
  size: img.size
})

/** The listing entry a 1.1 registry must give for an artifact (artifactType, annotations). */
function listed(a: PushedArtifact): Record<string, unknown> {
  const d: Record<string, unknown> = {
    mediaType: a.mediaType,
    digest: a.digest,
    size: a.size,
    artifactType: a.artifactType ?? a.configMediaType
  }
  if (a.annotations) d.annotations = a.annotations
  return d
}

describe('referrers front over distribution 2.8', () => {
  let reg: RunningRegistry
  let front: ReferrersFront
  let img: PushedImage
  let sbom: PushedArtifact
  let signature: PushedArtifact

  beforeAll(async () => {
    reg = await startRegistry()
    front = await startReferrersFront(reg.url)
    img = await pushImage(front, REPO, 'v1', {
      platform: { os: 'linux', architecture: 'amd64' },
      layerSizes: [200],
      format: 'oci'
    })
    sbom = await pushArtifact(front, REPO, ArtifactPresets.spdxSbom(subjectOf(img)))
    signature = await pushArtifact(front, REPO, ArtifactPresets.cosignSignature(subjectOf(img)))
  })

  afterAll(async () => {
    await front?.stop()
    await reg?.stop()
  })

  it('answers a PUT with a subject with OCI-Subject, and a PUT without one without it', async () => {
    expect(sbom.ociSubject).toBe(img.digest)
    expect(signature.ociSubject).toBe(img.digest)
    const plain = front.requests.find(r => r.method === 'PUT' && r.path.endsWith('/manifests/v1'))
    expect(plain).toMatchObject({ status: 201, served: false })
    // The registry itself stored the artifacts byte for byte.
    const stored = await getManifest(reg, REPO, sbom.digest, { accept: MediaTypes.ociManifest })
    expect(stored.status).toBe(200)
    expect(stored.body.equals(sbom.body)).toBe(true)
  })

  it('lists the referrers as an OCI index with artifactType and annotations', async () => {
    const res = await request(`${front.url}/v2/${REPO}/referrers/${img.digest}`)
    expect(res.status).toBe(200)
    expect(header(res, 'content-type')).toBe(OCI_INDEX)
    expect(header(res, 'oci-filters-applied')).toBeUndefined()
    expect(indexOf(res)).toEqual({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [listed(sbom), listed(signature)]
    })
    // The cosign signature has no artifactType: the config media type stands in for it.
    expect(signature.artifactType).toBeUndefined()
    expect(listed(signature).artifactType).toBe('application/vnd.dev.cosign.artifact.sig.v1+json')

    const parsed = parseReferrers(res.body, {
      where: 'front',
      contentType: header(res, 'content-type')
    })
    expect(parsed.notes).toEqual([])
    expect(
      parsed.referrers.map(d => [classifyReferrer(d).kind, classifyReferrer(d).format])
    ).toEqual([
      ['sbom', 'spdx'],
      ['signature', 'cosign']
    ])
  })

  it('applies the artifactType filter and says so', async () => {
    const path = `/v2/${REPO}/referrers/${img.digest}?artifactType=${encodeURIComponent('application/spdx+json')}`
    const res = await request(`${front.url}${path}`)
    expect(res.status).toBe(200)
    expect(header(res, 'oci-filters-applied')).toBe('artifactType')
    expect(indexOf(res).manifests).toEqual([listed(sbom)])

    const none = await request(`${front.url}/v2/${REPO}/referrers/${img.digest}?artifactType=x%2Fy`)
    expect(none.status).toBe(200)
    expect(header(none, 'oci-filters-applied')).toBe('artifactType')
    expect(indexOf(none).manifests).toEqual([])
  })

  it('answers an empty list for a digest nothing refers to, 400 for a malformed one', async () => {
    const empty = await request(`${front.url}/v2/${REPO}/referrers/${sbom.digest}`)
    expect(empty.status).toBe(200)
    expect(indexOf(empty)).toEqual({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] })

    const bad = await request(`${front.url}/v2/${REPO}/referrers/sha256:abc`)
    expect(bad.status).toBe(400)
    expect(bad.body.toString()).toContain('DIGEST_INVALID')
  })

  it("relays the registry's own answer for a repository it does not have", async () => {
    const res = await request(`${front.url}/v2/rf/nothing/referrers/${img.digest}`)
    expect(res.status).toBe(404)
    expect(res.body.toString()).toContain('NAME_UNKNOWN')
  })

  it('refuses a subject that is not a descriptor, as a 1.1 registry must', async () => {
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaTypes.ociManifest,
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256('{}'), size: 2 },
      layers: [],
      subject: { mediaType: MediaTypes.ociManifest, digest: 'sha256:nothex', size: 1 }
    })
    const res = await request(`${front.url}/v2/${REPO}/manifests/${sha256(body)}`, {
      method: 'PUT',
      headers: { 'Content-Type': MediaTypes.ociManifest },
      body
    })
    expect(res.status).toBe(400)
    expect(res.body.toString()).toContain('MANIFEST_INVALID')
    const stored = await getManifest(reg, REPO, sha256(body), { accept: MediaTypes.ociManifest })
    expect(stored.status).toBe(404)
  })

  it('drops a referrer deleted through it', async () => {
    const extra = await pushArtifact(front, REPO, ArtifactPresets.notationSignature(subjectOf(img)))
    expect(front.referrers(REPO, img.digest).map(d => d.digest)).toContain(extra.digest)
    const del = await request(`${front.url}/v2/${REPO}/manifests/${extra.digest}`, {
      method: 'DELETE'
    })
    expect(del.status).toBe(202)
    expect(front.referrers(REPO, img.digest).map(d => d.digest)).toEqual([
      sbom.digest,
      signature.digest
    ])
  })

  it('with filtering off it ignores artifactType and sends no OCI-Filters-Applied', async () => {
    const lax = await startReferrersFront(reg.url, { filtering: false })
    try {
      const a = await pushArtifact(lax, REPO, ArtifactPresets.spdxSbom(subjectOf(img)))
      // Same bytes as before: one entry, recorded by this front too.
      expect(a.digest).toBe(sbom.digest)
      await pushArtifact(lax, REPO, ArtifactPresets.sigstoreProvenance(subjectOf(img)))
      const res = await request(
        `${lax.url}/v2/${REPO}/referrers/${img.digest}?artifactType=application%2Fspdx%2Bjson`
      )
      expect(header(res, 'oci-filters-applied')).toBeUndefined()
      expect(indexOf(res).manifests).toHaveLength(2)
      // What digest-gate does about it: filter on its own side.
      const parsed = parseReferrers(res.body, {
        where: 'lax',
        contentType: header(res, 'content-type'),
        artifactType: 'application/spdx+json',
        filtersApplied: header(res, 'oci-filters-applied')
      })
      expect(parsed.referrers.map(d => d.digest)).toEqual([sbom.digest])
    } finally {
      await lax.stop()
    }
  })
})

describe('the plain registry and the referrers tag schema', () => {
  let reg: RunningRegistry
  let img: PushedImage

  beforeAll(async () => {
    reg = await startRegistry()
    img = await pushImage(reg, REPO, 'v1', {
      platform: { os: 'linux', architecture: 'arm64' },
      layerSizes: [300],
      format: 'oci'
    })
  })

  afterAll(async () => {
    await reg?.stop()
  })

  it('distribution 2.8 has no referrers API: a plain-text 404 from its router', async () => {
    for (const path of [
      `/v2/${REPO}/referrers/${img.digest}`,
      `/v2/${REPO}/referrers/${img.digest}?artifactType=application%2Fspdx%2Bjson`,
      `/v2/rf/nothing/referrers/${img.digest}`,
      `/v2/${REPO}/referrers/not-a-digest`
    ]) {
      const res = await request(`${reg.url}${path}`)
      expect({ path, status: res.status }).toEqual({ path, status: 404 })
      expect(header(res, 'content-type')).toBe('text/plain; charset=utf-8')
      expect(res.body.toString()).toBe('404 page not found\n')
    }
  })

  it('stores artifacts with a subject but does not say so (no OCI-Subject)', async () => {
    const a = await pushArtifact(reg, REPO, ArtifactPresets.sigstoreProvenance(subjectOf(img)))
    expect(a.ociSubject).toBeUndefined()
    const stored = await getManifest(reg, REPO, a.digest, { accept: MediaTypes.ociManifest })
    expect(stored.body.equals(a.body)).toBe(true)
  })

  it('serves the tag-schema index a client maintains, updated without duplicates', async () => {
    const provenance = await pushArtifact(
      reg,
      REPO,
      ArtifactPresets.sigstoreProvenance(subjectOf(img))
    )
    const notation = await pushArtifact(
      reg,
      REPO,
      ArtifactPresets.notationSignature(subjectOf(img))
    )

    const firstPush = await pushReferrersTagIndex(reg, REPO, img.digest, [provenance])
    expect(firstPush.foundStatus).toBe(404)
    expect(firstPush.tag).toBe(referrersTag(img.digest))
    const second = await pushReferrersTagIndex(reg, REPO, img.digest, [provenance, notation])
    expect(second.foundStatus).toBe(200)

    const res = await getManifest(reg, REPO, referrersTag(img.digest), { accept: OCI_INDEX })
    expect(res.status).toBe(200)
    expect(res.contentType).toBe(OCI_INDEX)
    expect(res.digest).toBe(second.digest)
    expect(indexOf(res).manifests).toEqual([listed(provenance), listed(notation)])

    const parsed = parseReferrers(res.body, { where: 'tag schema', contentType: res.contentType })
    expect(
      parsed.referrers.map(d => [classifyReferrer(d).kind, classifyReferrer(d).format])
    ).toEqual([
      ['provenance', 'sigstore-bundle'],
      ['signature', 'notation']
    ])
  })

  it('has no tag for a digest nothing refers to', async () => {
    const other = `sha256:${'0'.repeat(64)}`
    const res = await getManifest(reg, REPO, referrersTag(other), { accept: OCI_INDEX })
    expect(res.status).toBe(404)
    expect(res.body.toString()).toContain('MANIFEST_UNKNOWN')
  })
})

describe('referrers front over an htpasswd registry', () => {
  const user = 'reader'
  const password = 's3cret-pass'
  let reg: RunningRegistry
  let front: ReferrersFront
  let img: PushedImage

  beforeAll(async () => {
    reg = await startRegistry({ htpasswd: { [user]: password } })
    front = await startReferrersFront(reg.url)
    const auth = basicAuth(user, password)
    img = await pushImage(front, REPO, 'v1', {
      platform: { os: 'linux', architecture: 'amd64' },
      layerSizes: [50],
      format: 'oci',
      auth
    })
    await pushArtifact(front, REPO, { ...ArtifactPresets.spdxSbom(subjectOf(img)), auth })
  })

  afterAll(async () => {
    await front?.stop()
    await reg?.stop()
  })

  it("answers the registry's challenge to an anonymous client, and the list to a signed-in one", async () => {
    const path = `${front.url}/v2/${REPO}/referrers/${img.digest}`
    const anonymous = await request(path)
    expect(anonymous.status).toBe(401)
    expect(header(anonymous, 'www-authenticate')).toMatch(/^Basic realm=/)
    const signedIn = await request(path, { headers: { Authorization: basicAuth(user, password) } })
    expect(signedIn.status).toBe(200)
    expect(indexOf(signedIn).manifests).toHaveLength(1)
  })
})
