import {
  legacyIssuerOrganization,
  legacySignatureTag,
  verifyLegacySignature
} from '../../src/attestations/cosign-legacy.js'
import { keyTrust, parseTrustedRoot } from '../../src/attestations/sigstore.js'
import { type LocalSigstore, keyPairSigner, startLocalSigstore } from '../helpers/local-sigstore.js'

const PLATFORM = `sha256:${'a'.repeat(64)}`
const OTHER = `sha256:${'b'.repeat(64)}`
const RELEASE = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1'
const ISSUER = 'https://token.actions.githubusercontent.com'

let local: LocalSigstore
beforeAll(async () => {
  local = await startLocalSigstore()
})
afterAll(() => local.close())

const root = () => parseTrustedRoot(local.trustedRoot, 'trusted-root root.json')

test("cosign's tag for a manifest's signatures", () => {
  expect(legacySignatureTag(PLATFORM)).toBe(`sha256-${'a'.repeat(64)}.sig`)
})

test('a legacy .sig layer verifies: its certificate, its Rekor entry, its payload digest', async () => {
  const { payload, annotations } = await local.signLegacy(PLATFORM, { sub: RELEASE, iss: ISSUER })
  expect(verifyLegacySignature(annotations, payload, [PLATFORM], root())).toMatchObject({
    root: 'trusted-root root.json',
    identity: RELEASE,
    issuer: ISSUER,
    predicateType: 'cosign simple signing'
  })
})

test('a legacy signature of another digest, or a changed payload, fails', async () => {
  const { payload, annotations } = await local.signLegacy(OTHER, { sub: RELEASE, iss: ISSUER })
  expect(() => verifyLegacySignature(annotations, payload, [PLATFORM], root())).toThrow(
    `its payload signs ${OTHER}, not ${PLATFORM}`
  )
  const changed = Buffer.from(payload.toString('utf8').replace(OTHER, PLATFORM))
  expect(() => verifyLegacySignature(annotations, changed, [PLATFORM], root())).toThrow(
    /does not verify against trusted-root root\.json/
  )
  expect(() => verifyLegacySignature({}, payload, [PLATFORM], root())).toThrow(
    /has no dev\.cosignproject\.cosign\/signature annotation/
  )
})

test("a legacy layer's certificate names its issuer; a key pair's layer has none", async () => {
  const { annotations } = await local.signLegacy(PLATFORM, { sub: RELEASE, iss: ISSUER })
  expect(legacyIssuerOrganization(annotations)).toBe('sigstore.mock')
  const keyed = { ...annotations }
  delete keyed['dev.sigstore.cosign/certificate']
  expect(legacyIssuerOrganization(keyed)).toBeUndefined()
})

describe("cosign sign --key: a key pair's legacy .sig layer, no certificate", () => {
  const ours = keyPairSigner()
  const theirs = keyPairSigner()
  const keyOf = (pem: string) => keyTrust(pem, 'key ./cosign.pub')

  test('with --tlog-upload=false: verifies with its key, says no log index or time', async () => {
    const { payload, annotations } = await ours.signLegacy(PLATFORM)
    expect(Object.keys(annotations)).toEqual(['dev.cosignproject.cosign/signature'])
    const verified = verifyLegacySignature(annotations, payload, [PLATFORM], keyOf(ours.publicPem))
    expect(verified).toEqual({ root: 'key ./cosign.pub', predicateType: 'cosign simple signing' })
  })

  test('another key, a changed payload or another digest fails, saying why', async () => {
    const { payload, annotations } = await ours.signLegacy(PLATFORM)
    expect(() =>
      verifyLegacySignature(annotations, payload, [PLATFORM], keyOf(theirs.publicPem))
    ).toThrow(/^does not verify against key \.\/cosign\.pub: /)
    const changed = Buffer.from(payload.toString('utf8').replace(PLATFORM, OTHER))
    expect(() =>
      verifyLegacySignature(annotations, changed, [OTHER], keyOf(ours.publicPem))
    ).toThrow(/^does not verify against key \.\/cosign\.pub: /)
    expect(() =>
      verifyLegacySignature(annotations, payload, [OTHER], keyOf(ours.publicPem))
    ).toThrow(`its payload signs ${PLATFORM}, not ${OTHER}`)
  })

  test("logged in Rekor (cosign's default): verifies with its key; the entry, unchecked, is not reported", async () => {
    const { payload, annotations } = await ours.signLegacy(PLATFORM, local.rekorURL)
    expect(annotations['dev.sigstore.cosign/bundle']).toBeDefined()
    // A key's trust holds no log to check the entry against: no log index or time is claimed.
    expect(verifyLegacySignature(annotations, payload, [PLATFORM], keyOf(ours.publicPem))).toEqual({
      root: 'key ./cosign.pub',
      predicateType: 'cosign simple signing'
    })
    expect(() =>
      verifyLegacySignature(annotations, payload, [PLATFORM], keyOf(theirs.publicPem))
    ).toThrow(/^does not verify against key \.\/cosign\.pub: /)
  })
})
