// Guards the fixtures themselves: if these fail, failures elsewhere in integration/ are not about
// digest-gate.
import { existsSync } from 'node:fs'
import {
  EMPTY_LAYER_DIGEST,
  MediaTypes,
  basicAuth,
  getManifest,
  headBlob,
  pushImage,
  pushIndex,
  pushSchema1,
  schema1PayloadOf,
  sha256,
  startRegistry,
  type PushedImage,
  type PushedIndex,
  type RunningRegistry,
  type Schema1Image
} from './harness/registry.js'

describe('integration harness', () => {
  let reg: RunningRegistry
  let amd64: PushedImage
  let arm64: PushedImage
  let list: PushedIndex
  let s1: Schema1Image

  beforeAll(async () => {
    reg = await startRegistry()
    amd64 = await pushImage(reg, 'multi', undefined, {
      platform: { os: 'linux', architecture: 'amd64' },
      layerSizes: [100, 2500]
    })
    arm64 = await pushImage(reg, 'multi', undefined, {
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      layerSizes: [300]
    })
    list = await pushIndex(reg, 'multi', 'v1', [amd64, arm64], { attestations: true })
    s1 = await pushSchema1(reg, 'legacy', 'old', {
      signed: true,
      layerSizes: [100, 2500],
      architecture: 'amd64'
    })
  })

  afterAll(async () => {
    await reg?.stop()
  })

  it('serves the docker manifest list under its computed digest', async () => {
    const res = await getManifest(reg, 'multi', 'v1', { accept: MediaTypes.dockerList })
    expect(res.status).toBe(200)
    expect(res.contentType).toBe(MediaTypes.dockerList)
    expect(res.digest).toBe(list.digest)
    expect(sha256(res.body)).toBe(list.digest)
    expect(res.body.equals(list.body)).toBe(true)

    const doc = JSON.parse(res.body.toString()) as {
      manifests: { digest: string; platform: { architecture: string }; annotations?: object }[]
    }
    expect(doc.manifests.map(m => m.digest)).toEqual([
      amd64.digest,
      arm64.digest,
      ...list.attestationDigests
    ])
    expect(doc.manifests[2]).toMatchObject({
      platform: { architecture: 'unknown', os: 'unknown' },
      annotations: {
        'vnd.docker.reference.type': 'attestation-manifest',
        'vnd.docker.reference.digest': amd64.digest
      }
    })
  })

  it('serves every child under its digest with exact sizes', async () => {
    for (const child of [amd64, arm64]) {
      const res = await getManifest(reg, 'multi', child.digest, {
        accept: MediaTypes.dockerManifest
      })
      expect(res.digest).toBe(child.digest)
      expect(res.body.length).toBe(child.size)
      for (const layer of child.layers) {
        expect(await headBlob(reg, 'multi', layer.digest)).toEqual({
          status: 200,
          size: layer.size
        })
      }
    }
    expect(amd64.totalLayerSize).toBe(2600)
    for (const att of list.attestationDigests) {
      const res = await getManifest(reg, 'multi', att, { accept: MediaTypes.ociManifest })
      expect(res.digest).toBe(att)
      const doc = JSON.parse(res.body.toString()) as { layers: { mediaType: string }[] }
      expect(doc.layers[0].mediaType).toBe(MediaTypes.inToto)
    }
  })

  it('is deterministic', async () => {
    const again = await pushImage(reg, 'other', 'x', {
      platform: { os: 'linux', architecture: 'amd64' },
      layerSizes: [100, 2500]
    })
    expect(again.digest).toBe(amd64.digest)
  })

  // The fixture-facing negotiation quirks of distribution 2.8 that integration suites depend on.
  it('down-converts a list for clients that do not accept lists', async () => {
    const v2Only = await getManifest(reg, 'multi', 'v1', { accept: MediaTypes.dockerManifest })
    expect(v2Only.digest).toBe(amd64.digest)
    const none = await getManifest(reg, 'multi', 'v1')
    expect(none.contentType).toBe(MediaTypes.schema1Signed)
    expect(none.digest).not.toBe(list.digest)
    expect(none.digest).not.toBe(amd64.digest)
  })

  it('stores a signed schema1 manifest; the digest covers the JWS payload only', async () => {
    const a = await getManifest(reg, 'legacy', 'old', { accept: MediaTypes.schema1Signed })
    expect(a.status).toBe(200)
    expect(a.contentType).toBe(MediaTypes.schema1Signed)
    expect(a.digest).toBe(s1.digest)
    expect(s1.digest).toBe(s1.payloadDigest)
    expect(sha256(schema1PayloadOf(a.body))).toBe(s1.digest)

    const byDigest = await getManifest(reg, 'legacy', s1.digest)
    expect(byDigest.digest).toBe(s1.digest)

    const doc = JSON.parse(s1.payload.toString()) as { fsLayers: { blobSum: string }[] }
    expect(doc.fsLayers[0].blobSum).toBe(EMPTY_LAYER_DIGEST)
    expect(s1.layers.map(l => l.size)).toEqual([100, 2500])
    expect(s1.totalLayerSize).toBe(2600)
  })

  it('documents that unsigned schema1 is rejected by distribution 2.8', async () => {
    await expect(
      pushSchema1(reg, 'legacy', 'unsigned', {
        signed: false,
        layerSizes: [100],
        architecture: 'amd64'
      })
    ).rejects.toMatchObject({ name: 'RegistryError', status: 400 })
  })

  // skopeo is installed by .ci/run; without it this fails rather than hiding as a skip.
  it('pushes schema1 through skopeo conversion', async () => {
    const img = await pushSchema1(reg, 'legacy-skopeo', 'old', {
      signed: true,
      layerSizes: [100, 2500],
      architecture: 'arm64',
      via: 'skopeo'
    })
    const res = await getManifest(reg, 'legacy-skopeo', 'old', {
      accept: MediaTypes.schema1Signed
    })
    expect(res.digest).toBe(img.digest)
    expect(img.layers).toHaveLength(2)
    expect(img.fsLayers).toHaveLength(3)
  })

  it('supports htpasswd registries and cleans up on stop', async () => {
    const r = await startRegistry({ htpasswd: { alice: 's3cret' } })
    const auth = basicAuth('alice', 's3cret')
    const img = await pushImage(r, 'private', 'v1', {
      platform: { os: 'linux', architecture: 'amd64' },
      layerSizes: [10],
      auth
    })
    expect((await getManifest(r, 'private', 'v1', { accept: img.mediaType })).status).toBe(401)
    const ok = await getManifest(r, 'private', 'v1', { accept: img.mediaType, auth })
    expect(ok.digest).toBe(img.digest)
    await r.stop()
    expect(existsSync(r.dir)).toBe(false)
    expect(() => process.kill(r.pid, 0)).toThrow()
  })
})
