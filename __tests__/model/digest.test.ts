/**
 * Manifest digests as the real registry the integration suites use computes them: over the
 * bytes of a schema 2 or OCI manifest, over the JWS payload of a signed schema 1 manifest
 * (which distribution re-signs on every GET), and a mismatch named with both digests.
 */
import { DigestGateError } from '../../src/model/errors.js'
import {
  computeDigest,
  digestedContent,
  manifestDigest,
  schema1Payload,
  verifyManifestDigest
} from '../../src/model/digest.js'
import {
  type PushedImage,
  type RunningRegistry,
  type Schema1Image,
  getManifest,
  pushImage,
  pushSchema1,
  startRegistry
} from '../integration/harness/registry.js'

let reg: RunningRegistry
let oci: PushedImage
let legacy: Schema1Image

beforeAll(async () => {
  reg = await startRegistry()
  oci = await pushImage(reg, 'app', '1', {
    platform: { os: 'linux', architecture: 'amd64' },
    layerSizes: [12],
    format: 'oci'
  })
  legacy = await pushSchema1(reg, 'legacy', 'old', {
    signed: true,
    layerSizes: [5],
    architecture: 'amd64'
  })
})

afterAll(async () => {
  await reg?.stop()
})

test('an OCI manifest: the digest of its bytes, as the registry states it', () => {
  expect(computeDigest(oci.body)).toBe(oci.digest)
  expect(manifestDigest(oci.body)).toBe(oci.digest)
  expect(digestedContent(oci.body)).toBe(oci.body)
  expect(verifyManifestDigest(oci.body, oci.digest)).toBe(oci.body)
  expect(manifestDigest(oci.body, 'sha512:x')).toBe(computeDigest(oci.body, 'sha512'))
})

test('signed schema 1: the payload is digested, however the registry signed this copy', async () => {
  const served = await getManifest(reg, 'legacy', 'old', {
    accept: ['application/vnd.docker.distribution.manifest.v1+prettyjws']
  })
  expect(Buffer.from(schema1Payload(served.body))).toEqual(legacy.payload)
  expect(manifestDigest(served.body)).toBe(legacy.digest)
  expect(computeDigest(served.body)).not.toBe(legacy.digest)
  expect(Buffer.from(verifyManifestDigest(served.body, legacy.digest))).toEqual(legacy.payload)
})

test('bytes that are not the digest are an integrity error naming both', () => {
  const tampered = Buffer.concat([oci.body, Buffer.from(' ')])
  let e: unknown
  try {
    verifyManifestDigest(tampered, oci.digest)
  } catch (err) {
    e = err
  }
  expect(e).toBeInstanceOf(DigestGateError)
  expect((e as DigestGateError).kind).toBe('integrity')
  expect((e as DigestGateError).message).toContain(oci.digest)
  expect((e as DigestGateError).message).toContain(computeDigest(tampered))
})
