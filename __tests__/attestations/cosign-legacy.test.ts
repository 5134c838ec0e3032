import {
  legacyIssuerOrganization,
  legacySignatureTag,
  verifyLegacySignature
} from '../../src/attestations/cosign-legacy.js'
import { parseTrustedRoot } from '../../src/attestations/sigstore.js'
import { type LocalSigstore, startLocalSigstore } from '../helpers/local-sigstore.js'

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
