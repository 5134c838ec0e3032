/**
 * In-toto statements (statement.ts) as the real registry the integration suites use serves
 * them: the layer of a BuildKit attestation manifest read back as a blob, bare or wrapped in a
 * DSSE envelope, its digest checked. Then crafted cases: every envelope, every malformed
 * statement, the size cap and the digest check.
 */
import { HttpClient } from '../../src/http/client.js'
import { computeDigest } from '../../src/model/digest.js'
import { type Classification, readAttestationManifest } from '../../src/attestations/classify.js'
import { AttachedMediaTypes } from '../../src/attestations/artifact-types.js'
import {
  STATEMENT_CAP,
  classifyStatementBlob,
  parseInTotoStatement
} from '../../src/attestations/statement.js'
import { DigestGateError } from '../../src/model/errors.js'
import { Authenticator } from '../../src/sources/registry/auth.js'
import { RegistrySource } from '../../src/sources/registry/registry-source.js'
import {
  type BuiltImage,
  type PushedImage,
  type RunningRegistry,
  buildAttestation,
  pushBlob,
  pushImage,
  sha256,
  startRegistry
} from '../integration/harness/registry.js'
import { artifact, brief } from '../helpers/attestation-fixtures.js'
import { HEX, digestOf, json, thrown } from '../helpers/crafted.js'

let reg: RunningRegistry
let http: HttpClient
let source: RegistrySource
let image: PushedImage
let attestation: BuiltImage
let bare: Uint8Array
let dsse: Buffer

beforeAll(async () => {
  reg = await startRegistry()
  image = await pushImage(reg, 'app', '1', {
    platform: { os: 'linux', architecture: 'amd64' },
    layerSizes: [8],
    format: 'oci'
  })
  attestation = buildAttestation('app', image)
  dsse = Buffer.from(
    JSON.stringify({
      payloadType: 'application/vnd.in-toto+json',
      payload: attestation.layerBlobs[0].toString('base64'),
      signatures: [{ keyid: '', sig: 'MEUCIQ' }]
    })
  )
  await Promise.all([pushBlob(reg, 'app', attestation.layerBlobs[0]), pushBlob(reg, 'app', dsse)])
  http = new HttpClient({ timeoutMs: 10_000, concurrency: 4, attempts: 1 })
  const auth = new Authenticator(http, () => Promise.resolve(undefined), {
    allowsPlainHttp: () => true
  })
  source = new RegistrySource(reg.host, http, auth, true)
  bare = await source.fetchBlob('app', attestation.layers[0].digest, STATEMENT_CAP)
})

afterAll(async () => {
  http?.dispose()
  await reg?.stop()
})

test('a BuildKit provenance layer: its type, predicate and the platform manifest it is about', () => {
  expect(
    parseInTotoStatement(bare, { where: 'layer', digest: attestation.layers[0].digest })
  ).toEqual({
    type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://slsa.dev/provenance/v0.2',
    subjectDigests: [image.digest],
    envelope: 'none'
  })
})

test('the same statement in a DSSE envelope is read through it, and counts as signed', async () => {
  const body = await source.fetchBlob('app', sha256(dsse), STATEMENT_CAP)
  expect(parseInTotoStatement(body, { where: 'layer' })).toMatchObject({
    predicateType: 'https://slsa.dev/provenance/v0.2',
    subjectDigests: [image.digest],
    envelope: 'dsse'
  })
  const pending: Classification = {
    kind: 'attestation',
    format: 'in-toto',
    mediaType: 'application/vnd.in-toto+json',
    name: 'in-toto attestation',
    signed: false,
    needs: 'blob',
    layer: { mediaType: 'application/vnd.in-toto+json', digest: sha256(dsse), size: dsse.length }
  }
  const done = classifyStatementBlob(body, pending, { where: 'layer' })
  expect(done).toMatchObject({
    kind: 'provenance',
    predicateType: 'https://slsa.dev/provenance/v0.2',
    signed: true
  })
  expect(done.needs).toBeUndefined()
  expect(done.layer).toBeUndefined()
})

test('bytes that are not the layer they were asked as are refused, naming it', () => {
  let e: unknown
  try {
    parseInTotoStatement(bare, { where: 'attestation layer X', digest: sha256(dsse) })
  } catch (err) {
    e = err
  }
  expect(e).toBeInstanceOf(DigestGateError)
  expect((e as DigestGateError).message).toMatch(/^attestation layer X: /)
})

describe('parseInTotoStatement', () => {
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'pkg:docker/x', digest: { sha256: HEX('A') } }],
    predicateType: 'https://spdx.dev/Document',
    predicate: { spdxVersion: 'SPDX-2.3' }
  }
  const where = 'attestation layer L of img'
  const dsse = (
    s: unknown,
    payloadType = 'application/vnd.in-toto+json'
  ): Record<string, unknown> => ({
    payloadType,
    payload: json(s).toString('base64'),
    signatures: [{ keyid: '', sig: 'c2ln' }]
  })

  test.each<[string, Buffer, string]>([
    ['a bare statement', json(statement), 'none'],
    ['a DSSE envelope', json(dsse(statement)), 'dsse'],
    [
      'a sigstore bundle with a DSSE envelope',
      json({
        mediaType: AttachedMediaTypes.sigstoreBundleV03,
        verificationMaterial: {},
        dsseEnvelope: dsse(statement)
      }),
      'sigstore-bundle'
    ],
    [
      'an in-toto v0.1 statement',
      json({ ...statement, _type: 'https://in-toto.io/Statement/v0.1' }),
      'none'
    ]
  ])('%s', (_, body, envelope) => {
    const s = parseInTotoStatement(body, { where })
    expect(s.predicateType).toBe('https://spdx.dev/Document')
    expect(s.subjectDigests).toEqual([`sha256:${HEX('a')}`])
    expect(s.envelope).toBe(envelope)
  })

  test.each<[string, Buffer, RegExp]>([
    ['not JSON', Buffer.from('{"_type":'), /attestation is not valid JSON/],
    ['a JSON array', json([statement]), /attestation is not a JSON object/],
    [
      'no _type',
      json({ ...statement, _type: undefined }),
      /_type is null, expected https:\/\/in-toto/
    ],
    [
      'another _type',
      json({ ...statement, _type: 'https://example.com/Statement/v1' }),
      /not an in-toto statement/
    ],
    ['no predicateType', json({ ...statement, predicateType: '' }), /has no predicateType/],
    ['no subject', json({ ...statement, subject: {} }), /has no subject array/],
    [
      'a DSSE envelope of another payload type',
      json(dsse(statement, 'application/vnd.example')),
      /payloadType is "application\/vnd.example", expected 'application\/vnd.in-toto\+json'/
    ],
    [
      'a DSSE payload that is not base64',
      json({ payloadType: 'application/vnd.in-toto+json', payload: '%%%' }),
      /DSSE payload is not a base64 string/
    ],
    [
      'a DSSE payload that is not JSON',
      json({ payloadType: 'application/vnd.in-toto+json', payload: 'bm90IGpzb24=' }),
      /DSSE payload is not valid JSON/
    ],
    [
      'a bundle holding a message signature',
      json({ mediaType: AttachedMediaTypes.sigstoreBundleV03, messageSignature: {} }),
      /message signature, not an in-toto statement/
    ]
  ])('%s is a clear invalid-manifest error naming the blob', (_, body, message) => {
    const e = thrown(() => parseInTotoStatement(body, { where }))
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message.startsWith(`${where}: `)).toBe(true)
    expect(e.message).toMatch(message)
  })

  test('the size cap is checked before parsing', () => {
    const body = json(statement)
    const e = thrown(() => parseInTotoStatement(body, { where, cap: body.length - 1 }))
    expect(e.kind).toBe('unsupported')
    expect(e.message).toBe(
      `${where}: ${body.length} bytes is more than the ${body.length - 1} digest-gate reads for a predicate type`
    )
    expect(() => parseInTotoStatement(body, { where, cap: body.length })).not.toThrow()
    // Without a cap, STATEMENT_CAP applies; the bytes are never parsed.
    const huge = Buffer.alloc(STATEMENT_CAP + 1, 0x20)
    expect(thrown(() => parseInTotoStatement(huge, { where })).kind).toBe('unsupported')
  })

  test('the content must match the layer digest when one is given', () => {
    const body = json(statement)
    expect(() => parseInTotoStatement(body, { where, digest: computeDigest(body) })).not.toThrow()
    const e = thrown(() => parseInTotoStatement(body, { where, digest: digestOf('0') }))
    expect(e.kind).toBe('integrity')
    expect(e.message).toContain(`expected ${digestOf('0')}, got ${computeDigest(body)}`)
  })
})

describe('classifyStatementBlob', () => {
  const where = 'blob'
  const pendingFor = (mediaType: string, body: Buffer): Classification => {
    const m = artifact({
      configType: 'application/vnd.oci.image.config.v1+json',
      layers: [{ mediaType }]
    })
    const reading = readAttestationManifest(m)
    const pending = reading.unlabelled[0]
    return {
      ...pending,
      layer: { ...pending.layer!, digest: computeDigest(body), size: body.length }
    }
  }

  test('an unlabelled BuildKit layer becomes what its statement says', () => {
    const body = json({
      _type: 'https://in-toto.io/Statement/v0.1',
      subject: [],
      predicateType: 'https://cyclonedx.org/bom'
    })
    const done = classifyStatementBlob(body, pendingFor(AttachedMediaTypes.inToto, body), { where })
    expect(done).toEqual({
      kind: 'sbom',
      format: 'buildkit',
      mediaType: AttachedMediaTypes.inToto,
      predicateType: 'https://cyclonedx.org/bom',
      name: 'CycloneDX SBOM (BuildKit)',
      signed: false
    })
  })

  test('a sigstore bundle with a message signature is a signature', () => {
    const body = json({ mediaType: AttachedMediaTypes.sigstoreBundleV03, messageSignature: {} })
    const pending = pendingFor(AttachedMediaTypes.sigstoreBundleV03, body)
    expect(brief(classifyStatementBlob(body, pending, { where }))).toEqual({
      kind: 'signature',
      format: 'buildkit'
    })
  })

  test("the pending layer's digest is checked", () => {
    const body = json({ _type: 'https://in-toto.io/Statement/v1', subject: [], predicateType: 'x' })
    const pending = pendingFor(AttachedMediaTypes.inToto, Buffer.from('other bytes'))
    expect(thrown(() => classifyStatementBlob(body, pending, { where })).kind).toBe('integrity')
  })
})
