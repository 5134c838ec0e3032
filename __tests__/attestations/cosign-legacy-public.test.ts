/**
 * cosign's legacy `.att` layers (issue 21) made of real public-good signatures, verified
 * offline against @sigstore/tuf's seed. The public projects keep no legacy layer as a data file
 * (see __tests__/fixtures/sigstore-public/README.md), so each layer is laid out here the way
 * cosign writes one (pkg/oci/static, SIGNATURE_SPEC.md): the DSSE envelope as the layer, the
 * PEM certificate and chain, and the Rekor entry as cosign's `bundle` annotation
 * ({SignedEntryTimestamp, Payload: {body, integratedTime, logIndex, logID (hex)}}), every
 * byte taken from a real bundle. Rekor's signed entry timestamp covers body, time, index and
 * log ID, so the layer verifies only if cosign-legacy.ts carries each across exactly.
 */
import { X509Certificate } from 'node:crypto'
import { bundleFromJSON } from '@sigstore/bundle'
import { legacyAttestationBundle } from '../../src/attestations/cosign-legacy.js'
import { verifyBundle, verifySigned } from '../../src/attestations/sigstore.js'
import {
  type RekorAnnotation,
  type TlogEntryJSON,
  rekorAnnotationOf
} from '../helpers/local-sigstore.js'
import { publicBundle, publicGoodSeed, statementOf } from '../helpers/public-sigstore.js'

const root = publicGoodSeed()

const pemOf = (rawBytes: string) => new X509Certificate(Buffer.from(rawBytes, 'base64')).toString()

/** A real DSSE bundle as the `.att` layer cosign would have pushed: annotations and payload. */
function legacyLayerOf(
  json: Record<string, unknown>,
  edit: (rekor: RekorAnnotation) => void = () => {}
): { annotations: Record<string, string>; payload: Buffer } {
  const material = json.verificationMaterial as {
    certificate?: { rawBytes: string }
    x509CertificateChain?: { certificates: { rawBytes: string }[] }
    tlogEntries: TlogEntryJSON[]
  }
  const [leaf, ...chain] = material.certificate
    ? [material.certificate]
    : material.x509CertificateChain!.certificates
  const entry = material.tlogEntries[0]
  const rekor = rekorAnnotationOf(entry)
  edit(rekor)
  const annotations: Record<string, string> = {
    'dev.cosignproject.cosign/signature': '',
    'dev.sigstore.cosign/certificate': pemOf(leaf.rawBytes),
    'dev.sigstore.cosign/bundle': JSON.stringify(rekor)
  }
  if (chain.length)
    annotations['dev.sigstore.cosign/chain'] = chain.map(c => pemOf(c.rawBytes)).join('')
  return { annotations, payload: Buffer.from(JSON.stringify(json.dsseEnvelope)) }
}

test("cosign's own public-good attestation, as a legacy .att layer, verifies for its subject", () => {
  const json = publicBundle('cosign-oci-attestation.sigstore.json')
  const subject = `sha256:${statementOf(json).subject[0].digest.sha256}`
  const { annotations, payload } = legacyLayerOf(json)
  expect(annotations['dev.sigstore.cosign/chain']).toBeUndefined()
  // Values from `openssl x509 -text` and the entry's JSON (the fixtures' README).
  expect(verifyBundle(legacyAttestationBundle(annotations, payload), [subject], root)).toEqual({
    root: 'public-good (seed)',
    identity: 'cody@soyland.com',
    issuer: 'https://github.com/login/oauth',
    logIndex: '175508996',
    timestamp: '2025-02-28T19:18:11.000Z',
    predicateType: 'https://cosign.sigstore.dev/attestation/v1'
  })
})

test('a legacy layer with its full chain (leaf, intermediate, root) and a SET only verifies', () => {
  const { annotations, payload } = legacyLayerOf(
    publicBundle('sigstore-js-bundleV01-full-cert-chain.sigstore')
  )
  const chain = annotations['dev.sigstore.cosign/chain']
  expect(chain.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2)
  const bundle = bundleFromJSON(legacyAttestationBundle(annotations, payload))
  expect(verifySigned(bundle, root)).toEqual({
    root: 'public-good (seed)',
    identity: 'brian@dehamer.com',
    issuer: 'https://github.com/login/oauth',
    logIndex: '27244980',
    timestamp: '2023-07-12T15:34:38.000Z'
  })
})

test.each([
  ['integrated time', (r: RekorAnnotation) => void (r.Payload.integratedTime += 1)],
  ['log index', (r: RekorAnnotation) => void (r.Payload.logIndex += 1)]
])('a Rekor annotation whose %s is changed by one fails its SET', (_, edit) => {
  const json = publicBundle('cosign-oci-attestation.sigstore.json')
  const subject = `sha256:${statementOf(json).subject[0].digest.sha256}`
  const { annotations, payload } = legacyLayerOf(json, edit)
  expect(() =>
    verifyBundle(legacyAttestationBundle(annotations, payload), [subject], root)
  ).toThrow(/^does not verify against public-good \(seed\): /)
})
