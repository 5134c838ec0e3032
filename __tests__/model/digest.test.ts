/**
 * Manifest digests as the real registry the integration suites use computes them: over the
 * bytes of a schema 2 or OCI manifest, over the JWS payload of a signed schema 1 manifest
 * (which distribution re-signs on every GET), and a mismatch named with both digests. Then the
 * manifests of __tests__/fixtures/corpus against the digests their README lists, and crafted
 * schema 1 signatures.
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
import { MediaTypes, parseManifest } from '../../src/model/manifest.js'
import { HEX, json, thrown } from '../helpers/crafted.js'
import { BK_ATTESTATION, BUSYBOX, SCHEMA1, corpus, readmeDigests, seed } from '../helpers/corpus.js'

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

describe('manifestDigest over the corpus', () => {
  test.each([...readmeDigests.entries()])('%s → %s', (name, digest) => {
    const body = corpus(name)
    expect(manifestDigest(body)).toBe(digest)
    expect(() => verifyManifestDigest(body, digest)).not.toThrow()
  })

  test.each([...readmeDigests.entries()].filter(([name]) => name !== SCHEMA1))(
    '%s: the digest is sha256 of the bytes',
    (name, digest) => {
      expect(computeDigest(corpus(name))).toBe(digest)
    }
  )

  test('signed schema 1: the digest covers the canonical payload, not the body', () => {
    const body = corpus(SCHEMA1)
    const digest = readmeDigests.get(SCHEMA1)!
    // Plain sha256 of the file is something else: the canonical payload rule matters.
    expect(computeDigest(body)).not.toBe(digest)
    expect(computeDigest(body)).toBe(
      'sha256:b2adb1fb02d8bfac5617625965c475e1035f08dc84b7719f5902528dc1363845'
    )
    const payload = schema1Payload(body)
    expect(computeDigest(payload)).toBe(digest)
    // formatLength 3197 + formatTail "\n}": the manifest without its signatures.
    expect(payload.length).toBe(3197 + 2)
    expect(Buffer.from(payload).toString('utf8').endsWith(']\n}')).toBe(true)
    const parsed = JSON.parse(Buffer.from(payload).toString('utf8')) as Record<string, unknown>
    expect(parsed.signatures).toBeUndefined()
    expect(parsed.name).toBe('library/hello-world')
  })

  test('signed schema 1: bytes outside the payload (the signature) do not change the digest', () => {
    const body = Buffer.from(corpus(SCHEMA1))
    const at = body.indexOf('"signature": "Y') + '"signature": "'.length
    body[at] = 'Z'.charCodeAt(0)
    expect(manifestDigest(body)).toBe(readmeDigests.get(SCHEMA1))
  })

  test('sha512 when the expected digest is sha512', () => {
    const body = corpus(BUSYBOX)
    const d512 = computeDigest(body, 'sha512')
    expect(d512).toMatch(/^sha512:[a-f0-9]{128}$/)
    expect(manifestDigest(body, d512)).toBe(d512)
    expect(() => verifyManifestDigest(body, d512)).not.toThrow()
  })
})

describe('verifyManifestDigest', () => {
  /** Changes one hex digit inside the first digest string of the body: still valid JSON. */
  function oneByteChanged(body: Buffer): Buffer {
    const copy = Buffer.from(body)
    const at = copy.indexOf('sha256:') + 'sha256:'.length + 5
    copy[at] = copy[at] === 0x30 ? 0x31 : 0x30
    expect(copy.equals(body)).toBe(false)
    return copy
  }

  test.each([...readmeDigests.entries()])(
    '%s: one changed byte is an integrity error',
    (name, digest) => {
      const changed = oneByteChanged(corpus(name))
      expect(() => parseManifest(changed)).not.toThrow()
      const e = thrown(() => verifyManifestDigest(changed, digest))
      expect(e.kind).toBe('integrity')
      expect(e.message).toContain(`expected ${digest}`)
      expect(e.message).toContain(`got ${manifestDigest(changed)}`)
    }
  )

  test('a digest of another algorithm is no match', () => {
    const body = corpus(BK_ATTESTATION)
    expect(thrown(() => verifyManifestDigest(body, `sha512:${'0'.repeat(128)}`)).kind).toBe(
      'integrity'
    )
  })
})

describe("Alibaba Cloud's API shape: v1Compatibility as an object (seed 001)", () => {
  const response = JSON.parse(seed('aliyun-repo-tag-manifest-response.json').toString('utf8')) as {
    data: { manifest: Record<string, unknown> }
  }
  const manifest = response.data.manifest

  test('its placeholder signature has no usable protected header', () => {
    const fixed = json({ ...manifest, fsLayers: [{ blobSum: `sha256:${HEX('c')}` }] })
    const e = thrown(() => schema1Payload(fixed))
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message).toMatch(/protected header/)
  })
})

describe('schema1Payload', () => {
  test('an unsigned body is its own payload', () => {
    const body = json({ schemaVersion: 1, architecture: 'amd64', fsLayers: [] })
    expect(schema1Payload(body)).toBe(body)
    expect(manifestDigest(body)).toBe(computeDigest(body))
  })

  test('empty signatures count as unsigned', () => {
    const body = json({ schemaVersion: 1, fsLayers: [], signatures: [] })
    expect(schema1Payload(body)).toBe(body)
  })

  const protectedHeader = (h: unknown): string =>
    Buffer.from(JSON.stringify(h)).toString('base64url')

  test.each<[string, unknown, RegExp]>([
    ['no protected header', [{ signature: 'x' }], /has no protected header/],
    ['protected header not base64url JSON', [{ protected: 'f' }], /not valid base64url JSON/],
    [
      'formatLength past the end',
      [{ protected: protectedHeader({ formatLength: 1_000_000, formatTail: 'fQ' }) }],
      /no valid formatLength\/formatTail/
    ],
    [
      'formatTail missing',
      [{ protected: protectedHeader({ formatLength: 5 }) }],
      /no valid formatLength\/formatTail/
    ],
    [
      'negative formatLength',
      [{ protected: protectedHeader({ formatLength: -1, formatTail: 'fQ' }) }],
      /no valid formatLength\/formatTail/
    ]
  ])('%s', (_what, signatures, why) => {
    const body = json({ schemaVersion: 1, fsLayers: [], signatures })
    const e = thrown(() => schema1Payload(body))
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message).toMatch(why)
  })

  test('a hand-signed body: payload = first formatLength bytes + formatTail', () => {
    const payload = '{\n   "schemaVersion": 1,\n   "fsLayers": []\n}'
    const cut = payload.lastIndexOf('\n}')
    const header = protectedHeader({
      formatLength: cut,
      formatTail: Buffer.from('\n}').toString('base64url')
    })
    const body = Buffer.from(
      `${payload.slice(0, cut)},\n   "signatures": [{"protected": "${header}", "signature": "x"}]\n}`
    )
    expect(Buffer.from(schema1Payload(body)).toString('utf8')).toBe(payload)
    expect(manifestDigest(body)).toBe(computeDigest(Buffer.from(payload)))
    expect(manifestDigest(body)).not.toBe(computeDigest(body))
  })
})

describe('only the bytes the digest covers are trusted', () => {
  const b64url = (x: string): string => Buffer.from(x).toString('base64url')
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaTypes.ociIndex,
      manifests: [
        {
          mediaType: MediaTypes.ociManifest,
          digest: `sha256:${'a'.repeat(64)}`,
          size: 10,
          platform: { os: 'linux', architecture: 'amd64' }
        }
      ]
    })
  )
  const real = computeDigest(index)

  test('a fake signature block cannot make an index hash to its old digest with new content', () => {
    // The attack: keep the genuine bytes as a "signed payload" and append a second manifests key.
    const extra = `,"x":{"schemaVersion":1},"signatures":[{"protected":"${b64url(
      JSON.stringify({ formatLength: index.length - 1, formatTail: b64url('}') })
    )}"}],"manifests":[{"mediaType":"${MediaTypes.ociManifest}","digest":"sha256:${'b'.repeat(64)}","size":10,"platform":{"os":"linux","architecture":"arm64"}}]}`
    const forged = Buffer.concat([index.subarray(0, index.length - 1), Buffer.from(extra)])
    expect(digestedContent(forged)).toBe(forged)
    expect(manifestDigest(forged)).not.toBe(real)
    expect(() => verifyManifestDigest(forged, real)).toThrow(DigestGateError)
  })

  test('a signed schema 1 manifest: the payload is what is hashed and what is parsed', () => {
    const body = corpus(SCHEMA1)
    const payload = digestedContent(body)
    expect(payload).not.toBe(body)
    expect(Buffer.from(payload).toString('utf8')).not.toContain('"signatures"')
    expect(computeDigest(payload)).toBe(readmeDigests.get(SCHEMA1))
  })
})
