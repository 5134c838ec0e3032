import {
  type LocalSigstore,
  keyPairSigner,
  startLocalSigstore,
  statementAbout
} from '../helpers/local-sigstore.js'
import {
  bundleIssuerOrganization,
  issuerOrganization,
  keyTrust,
  parseTrustedRoot,
  parseTrustedRoots,
  verifyBundle
} from '../../src/attestations/sigstore.js'

const PLATFORM = `sha256:${'a'.repeat(64)}`
const OTHER = `sha256:${'b'.repeat(64)}`
const RELEASE = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1'
const ISSUER = 'https://token.actions.githubusercontent.com'

let local: LocalSigstore
let stranger: LocalSigstore
beforeAll(async () => {
  local = await startLocalSigstore()
  stranger = await startLocalSigstore()
})
afterAll(async () => {
  await local.close()
  await stranger.close()
})

const root = () => parseTrustedRoot(local.trustedRoot, 'trusted-root root.json')

test('a keyless DSSE bundle with a log entry verifies, and says who signed it', async () => {
  const bundle = await local.signKeyless(statementAbout([PLATFORM]), {
    sub: RELEASE,
    iss: ISSUER,
    repository: 'acme/app'
  })
  const verified = verifyBundle(bundle, [PLATFORM], root())
  expect(verified).toMatchObject({
    root: 'trusted-root root.json',
    identity: RELEASE,
    issuer: ISSUER,
    sourceRepository: 'https://github.com/acme/app',
    predicateType: 'https://slsa.dev/provenance/v1',
    builder: 'https://github.com/actions/runner/github-hosted'
  })
  expect(verified.logIndex).toMatch(/^\d+$/)
})

test('a timestamp authority proves the time as well as a log does', async () => {
  const bundle = await local.signKeyless(
    statementAbout([PLATFORM]),
    { sub: RELEASE, iss: ISSUER },
    'tsa'
  )
  const verified = verifyBundle(bundle, [PLATFORM], root())
  expect(verified.logIndex).toBeUndefined()
  expect(verified.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/)
})

test('no log entry and no timestamp: the certificate cannot be shown valid then', async () => {
  const bundle = await local.signKeyless(
    statementAbout([PLATFORM]),
    { sub: RELEASE, iss: ISSUER },
    'none'
  )
  expect(() => verifyBundle(bundle, [PLATFORM], root())).toThrow(
    /does not verify against trusted-root root\.json/
  )
})

test('a statement about another digest does not cover the platform', async () => {
  const bundle = await local.signKeyless(statementAbout([OTHER]), { sub: RELEASE, iss: ISSUER })
  expect(() => verifyBundle(bundle, [PLATFORM], root())).toThrow(
    `its statement is about ${OTHER}, not ${PLATFORM}`
  )
})

test('a tampered signature fails', async () => {
  const bundle = (await local.signKeyless(statementAbout([PLATFORM]), {
    sub: RELEASE,
    iss: ISSUER
  })) as {
    dsseEnvelope: { signatures: { sig: string }[] }
  }
  const sig = Buffer.from(bundle.dsseEnvelope.signatures[0].sig, 'base64')
  sig[sig.length - 1] ^= 1
  bundle.dsseEnvelope.signatures[0].sig = sig.toString('base64')
  expect(() => verifyBundle(bundle, [PLATFORM], root())).toThrow(/does not verify/)
})

test('a tampered payload fails', async () => {
  const bundle = (await local.signKeyless(statementAbout([OTHER]), {
    sub: RELEASE,
    iss: ISSUER
  })) as {
    dsseEnvelope: { payload: string }
  }
  bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statementAbout([PLATFORM]))).toString(
    'base64'
  )
  expect(() => verifyBundle(bundle, [PLATFORM], root())).toThrow(/does not verify/)
})

test('a certificate from a CA the root does not trust fails', async () => {
  const bundle = await stranger.signKeyless(statementAbout([PLATFORM]), {
    sub: RELEASE,
    iss: ISSUER
  })
  expect(() => verifyBundle(bundle, [PLATFORM], root())).toThrow(/does not verify against/)
})

test('a key pair verifies with its key and not with another', async () => {
  const signer = keyPairSigner()
  const bundle = await signer.signKeyed(statementAbout([PLATFORM]))
  const verified = verifyBundle(bundle, [PLATFORM], keyTrust(signer.publicPem, 'key cosign.pub'))
  expect(verified).toMatchObject({
    root: 'key cosign.pub',
    predicateType: 'https://slsa.dev/provenance/v1'
  })
  expect(verified.identity).toBeUndefined()
  const other = keyPairSigner()
  expect(() =>
    verifyBundle(bundle, [PLATFORM], keyTrust(other.publicPem, 'key other.pub'))
  ).toThrow(/does not verify against key other\.pub/)
})

test('what is not a bundle, or not a trusted root, says so', () => {
  expect(() => verifyBundle({ mediaType: 'x' }, [PLATFORM], root())).toThrow(
    /not a Sigstore bundle v0\.1 to v0\.3/
  )
  expect(() => parseTrustedRoot('{}', 'trusted-root r.json')).toThrow(
    'trusted-root r.json names no certificate authority and no transparency log'
  )
  expect(() => parseTrustedRoot('nope', 'trusted-root r.json')).toThrow(
    /is not a Sigstore trusted_root\.json/
  )
})

test("a signing certificate's issuer organization says whose Fulcio signed", async () => {
  const keyless = await local.signKeyless(statementAbout([PLATFORM]), { sub: RELEASE, iss: ISSUER })
  // @sigstore/mock's Fulcio issues as `CN=sigstore,O=sigstore.mock`.
  expect(bundleIssuerOrganization(keyless)).toBe('sigstore.mock')
  const keyed = await keyPairSigner().signKeyed(statementAbout([PLATFORM]))
  expect(bundleIssuerOrganization(keyed)).toBeUndefined()
  expect(bundleIssuerOrganization({ mediaType: 'x' })).toBeUndefined()
  expect(issuerOrganization('not a certificate')).toBeUndefined()
})

test('a trusted_root.json, or JSON Lines of them, is each root in order', () => {
  const compact = JSON.stringify(JSON.parse(local.trustedRoot))
  const other = JSON.stringify(JSON.parse(stranger.trustedRoot))
  expect(parseTrustedRoots(local.trustedRoot, 'r.json').map(r => r.label)).toEqual(['r.json'])
  expect(parseTrustedRoots(`${compact}\n`, 'r.json').map(r => r.label)).toEqual(['r.json'])
  expect(parseTrustedRoots(`${compact}\n\n${other}\n`, 'r.jsonl').map(r => r.label)).toEqual([
    'r.jsonl (line 1)',
    'r.jsonl (line 2)'
  ])
  // A file that is neither is named as one file, not as lines.
  expect(() => parseTrustedRoots(`${compact}\n{`, 'r.json')).toThrow(
    /^r\.json is not a Sigstore trusted_root\.json/
  )
})
