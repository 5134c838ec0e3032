/**
 * In-toto statements (statement.ts) as the real registry the integration suites use serves
 * them: the layer of a BuildKit attestation manifest read back as a blob, bare or wrapped in a
 * DSSE envelope, its digest checked. Crafted cases are in classify.test.ts.
 */
import { HttpClient } from '../../src/http/client.js'
import type { Classification } from '../../src/attestations/classify.js'
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
