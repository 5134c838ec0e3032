/**
 * Real public-good bundles (issue 21), verified offline against @sigstore/tuf's seed. Every
 * expected value below was read from the fixture itself, not from the code under test: the
 * signer's SAN, issuer and source-repository extensions with `openssl x509 -text`, the log
 * entry's index and integrated time (`date -u -d @…`) from its JSON, the statement with a
 * base64 decode. __tests__/fixtures/sigstore-public/README.md records them.
 */
import { bundleFromJSON } from '@sigstore/bundle'
import { GITHUB_ISSUER_ORG } from '../../src/attestations/github-trust.js'
import {
  bundleIssuerOrganization,
  parseTrustedRoot,
  verifyBundle,
  verifySigned
} from '../../src/attestations/sigstore.js'
import { checkProvenance, checkSignedBy } from '../../src/policy/signer-checks.js'
import { publicBundle, publicGoodSeed, statementOf } from '../helpers/public-sigstore.js'
import { startLocalSigstore, statementAbout } from '../helpers/local-sigstore.js'

const GHA = 'https://token.actions.githubusercontent.com'
const GITHUB_LOGIN = 'https://github.com/login/oauth'
const SIGSTORE_JS_RELEASE =
  'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main'
/** A reusable workflow's SAN, as `openssl x509 -text` shows it in the reusable-workflow fixture. */
const REUSABLE_SAN =
  'https://github.com/github/artifact-attestations-workflows/.github/workflows/attest.yml@09b495c3f12c7881b3cc17209a327792065c1a1d'
const SLSA_V1 = 'https://slsa.dev/provenance/v1'
const GITHUB_HOSTED = 'https://github.com/actions/runner/github-hosted'
const NOT_ITS_SUBJECT = `sha256:${'0'.repeat(64)}`

const root = publicGoodSeed()

/** Each public-good fixture, its bundle version, and what its certificate and log entry say. */
const SIGNED = [
  {
    file: 'cli-sigstore-js-2.1.0-bundle-v0.1.json',
    version: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
    identity: SIGSTORE_JS_RELEASE,
    issuer: GHA,
    sourceRepository: 'https://github.com/sigstore/sigstore-js',
    logIndex: '33351527',
    timestamp: '2023-08-29T15:40:23.000Z'
  },
  {
    file: 'cli-sigstore-js-2.1.0-bundle.json',
    version: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    identity: SIGSTORE_JS_RELEASE,
    issuer: GHA,
    sourceRepository: 'https://github.com/sigstore/sigstore-js',
    logIndex: '33351527',
    timestamp: '2023-08-29T15:40:23.000Z'
  },
  {
    file: 'sigstore-js-bundleV02-dsse.sigstore',
    version: 'application/vnd.dev.sigstore.bundle+json;version=0.2',
    identity: 'brian@dehamer.com',
    issuer: GITHUB_LOGIN,
    logIndex: '27246114',
    timestamp: '2023-07-12T15:50:43.000Z'
  },
  {
    file: 'sigstore-js-bundleV01-full-cert-chain.sigstore',
    version: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
    identity: 'brian@dehamer.com',
    issuer: GITHUB_LOGIN,
    logIndex: '27244980',
    timestamp: '2023-07-12T15:34:38.000Z'
  },
  {
    file: 'sigstore-go-bundle-provenance.json',
    version: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
    identity: SIGSTORE_JS_RELEASE,
    issuer: GHA,
    sourceRepository: 'https://github.com/sigstore/sigstore-js',
    logIndex: '18300934',
    timestamp: '2023-04-18T17:45:12.000Z'
  },
  {
    file: 'cli-reusable-workflow-attestation.sigstore.json',
    version: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    identity: REUSABLE_SAN,
    issuer: GHA,
    sourceRepository: 'https://github.com/malancas/attest-demo',
    logIndex: '96764485',
    timestamp: '2024-05-24T19:14:24.000Z'
  },
  {
    file: 'cli-custom-issuer.sigstore.json',
    version: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    identity:
      'https://github.com/too-legit/attest/.github/workflows/integration.yml@refs/heads/main',
    issuer: 'https://token.actions.githubusercontent.com/hammer-time',
    sourceRepository: 'https://github.com/too-legit/attest',
    logIndex: '129601213',
    timestamp: '2024-09-11T19:19:03.000Z'
  },
  {
    file: 'cosign-oci-attestation.sigstore.json',
    version: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    identity: 'cody@soyland.com',
    issuer: GITHUB_LOGIN,
    logIndex: '175508996',
    timestamp: '2025-02-28T19:18:11.000Z'
  }
]

test.each(SIGNED)(
  '$file verifies against the public-good seed, signed by $identity',
  ({ file, version, ...expected }) => {
    const json = publicBundle(file)
    expect(json.mediaType).toBe(version)
    const verified = verifySigned(bundleFromJSON(json), root)
    // Whole-object equality: no source-repository where the certificate has none.
    expect(verified).toEqual({ root: 'public-good (seed)', ...expected })
  }
)

test('the fixtures cover bundles v0.1, v0.2 and v0.3', () => {
  expect(new Set(SIGNED.map(s => s.version)).size).toBe(3)
})

/** The DSSE fixtures whose statement names a sha256 subject, as an image's would. */
const STATEMENTS = [
  {
    file: 'cli-reusable-workflow-attestation.sigstore.json',
    subject: 'sha256:49a3aa6075e0f49f82843e74b5baa614ad2a588e6675612bf108a0a008c5ac25',
    predicateType: SLSA_V1,
    builder: GITHUB_HOSTED
  },
  {
    file: 'cli-custom-issuer.sigstore.json',
    subject: 'sha256:afa27b44d43b02a9fea41d13cedc2e4016cfcf87c5dbf990e593669aa8ce286d',
    predicateType: SLSA_V1,
    builder: 'https://github.com/too-legit/attest/.github/workflows/integration.yml@refs/heads/main'
  },
  {
    file: 'cosign-oci-attestation.sigstore.json',
    subject: 'sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4',
    predicateType: 'https://cosign.sigstore.dev/attestation/v1'
  }
]

test.each(STATEMENTS)(
  '$file covers its own subject: $predicateType',
  ({ file, subject, predicateType, builder }) => {
    const json = publicBundle(file)
    const statement = statementOf(json)
    expect(statement.subject.map(s => `sha256:${s.digest.sha256}`)).toEqual([subject])
    expect(statement.predicateType).toBe(predicateType)
    const signer = SIGNED.find(s => s.file === file)!
    const verified = verifyBundle(json, [subject], root)
    expect(verified).toMatchObject({
      root: 'public-good (seed)',
      identity: signer.identity,
      issuer: signer.issuer,
      logIndex: signer.logIndex,
      predicateType
    })
    expect(verified.builder).toBe(builder)
  }
)

test("the log index reported is the entry's, as Rekor's search finds it, not the shard's in its proof", () => {
  const json = publicBundle('cli-reusable-workflow-attestation.sigstore.json')
  const material = json.verificationMaterial as {
    tlogEntries: { logIndex: string; inclusionProof: { logIndex: string } }[]
  }
  const [entry] = material.tlogEntries
  // Rekor is sharded: the proof's index counts within the current shard's tree, the entry's
  // across the log (a local mock's two never differ).
  expect(entry.inclusionProof.logIndex).not.toBe(entry.logIndex)
  expect(verifySigned(bundleFromJSON(json), root).logIndex).toBe(entry.logIndex)
})

test('a real bundle checked against a digest not its subject fails, naming both', () => {
  const { file, subject } = STATEMENTS[0]
  expect(() => verifyBundle(publicBundle(file), [NOT_ITS_SUBJECT], root)).toThrow(
    `its statement is about ${subject}, not ${NOT_ITS_SUBJECT}`
  )
})

test('an npm statement (a sha512 subject only) covers no image digest', () => {
  const json = publicBundle('cli-sigstore-js-2.1.0-bundle.json')
  expect(Object.keys(statementOf(json).subject[0].digest)).toEqual(['sha512'])
  expect(() => verifyBundle(json, [NOT_ITS_SUBJECT], root)).toThrow(
    `its statement is about no sha256 digest, not ${NOT_ITS_SUBJECT}`
  )
})

test("gh's invalid-signature bundle does not verify", () => {
  const json = publicBundle('cli-sigstoreBundle-invalid-signature.json')
  expect(() => verifySigned(bundleFromJSON(json), root)).toThrow(
    /^does not verify against public-good \(seed\): /
  )
  expect(() => verifyBundle(json, [NOT_ITS_SUBJECT], root)).toThrow(/^does not verify against/)
})

/** A copy of a real DSSE bundle whose signature has its last byte changed. */
function withSignatureByteChanged(json: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(json)
  const signature = (copy.dsseEnvelope as { signatures: { sig: string }[] }).signatures[0]
  const bytes = Buffer.from(signature.sig, 'base64')
  bytes[bytes.length - 1] ^= 1
  signature.sig = bytes.toString('base64')
  return copy
}

/**
 * A copy of a real DSSE bundle whose statement names `to` instead of `from`: one byte of the
 * payload changed, the attack a subject check alone would let through.
 */
function withSubjectByteChanged(json: Record<string, unknown>, from: string, to: string) {
  const copy = structuredClone(json)
  const envelope = copy.dsseEnvelope as { payload: string }
  const text = Buffer.from(envelope.payload, 'base64').toString('utf8')
  expect(text.split(from.slice(7)).length).toBe(2)
  envelope.payload = Buffer.from(text.replace(from.slice(7), to.slice(7))).toString('base64')
  return copy
}

test('one byte of a real bundle’s signature changed fails', () => {
  const { file, subject } = STATEMENTS[0]
  expect(() => verifyBundle(withSignatureByteChanged(publicBundle(file)), [subject], root)).toThrow(
    /^does not verify against public-good \(seed\): /
  )
})

test('one byte of a real bundle’s payload changed fails, though it names the digest asked', () => {
  const { file, subject } = STATEMENTS[0]
  // The last hex digit of the subject, 5 → 6: a statement about another digest.
  const other = `${subject.slice(0, -1)}6`
  expect(subject.endsWith('5')).toBe(true)
  const json = withSubjectByteChanged(publicBundle(file), subject, other)
  expect(statementOf(json).subject[0].digest.sha256).toBe(other.slice(7))
  expect(() => verifyBundle(json, [other], root)).toThrow(
    /^does not verify against public-good \(seed\): /
  )
})

test('public-good and a local Sigstore do not trust each other’s bundles', async () => {
  const local = await startLocalSigstore()
  try {
    const localRoot = parseTrustedRoot(local.trustedRoot, 'trusted-root local.json')
    const { file, subject } = STATEMENTS[0]
    expect(() => verifyBundle(publicBundle(file), [subject], localRoot)).toThrow(
      /^does not verify against trusted-root local\.json: /
    )
    const digest = `sha256:${'a'.repeat(64)}`
    const mine = await local.signKeyless(statementAbout([digest]), {
      sub: SIGSTORE_JS_RELEASE,
      iss: GHA
    })
    expect(verifyBundle(mine, [digest], localRoot).identity).toBe(SIGSTORE_JS_RELEASE)
    expect(() => verifyBundle(mine, [digest], root)).toThrow(
      /^does not verify against public-good \(seed\): /
    )
  } finally {
    await local.close()
  }
})

test("a GitHub-signed bundle (GitHub's Fulcio, GitHub's TSA, no log) is not public-good's", () => {
  const json = publicBundle('cli-github_provenance_demo-0.0.12-py3-none-any-bundle.jsonl')
  const { subject } = statementOf(json)
  expect(() => verifyBundle(json, [`sha256:${subject[0].digest.sha256}`], root)).toThrow(
    /^does not verify against public-good \(seed\): /
  )
})

test('real certificates name whose Fulcio issued them, which chooses the root to fetch', () => {
  const github = publicBundle('cli-github_provenance_demo-0.0.12-py3-none-any-bundle.jsonl')
  expect(bundleIssuerOrganization(github)).toBe(GITHUB_ISSUER_ORG)
  for (const file of [
    'cli-sigstore-js-2.1.0-bundle.json',
    'cli-sigstore-js-2.1.0-bundle-v0.1.json',
    'sigstore-js-bundleV01-full-cert-chain.sigstore'
  ])
    expect(bundleIssuerOrganization(publicBundle(file))).toBe('sigstore.dev')
})

/** A real DSSE fixture verified for its own subject, as a platform's finding. */
function findingOf(file: string) {
  const { subject } = STATEMENTS.find(s => s.file === file)!
  const verified = verifyBundle(publicBundle(file), [subject], root)
  return { verified: [{ ...verified, digest: subject, subject: 'platform' as const }], failed: [] }
}

test('a reusable workflow signs as itself: the caller is its source repository', () => {
  const finding = findingOf('cli-reusable-workflow-attestation.sigstore.json')
  const workflow = {
    issuer: GHA,
    identity:
      'https://github.com/github/artifact-attestations-workflows/.github/workflows/attest.yml@*'
  }
  expect(checkSignedBy(workflow, finding)).toEqual([])
  const provenance = {
    predicate: SLSA_V1,
    builder: GITHUB_HOSTED,
    'source-repository': 'https://github.com/malancas/attest-demo'
  }
  expect(checkProvenance(provenance, workflow, finding)).toEqual([])
  const caller = { issuer: GHA, identity: 'https://github.com/malancas/*/.github/workflows/*' }
  expect(checkSignedBy(caller, finding)).toEqual([
    {
      rule: 'signed-by',
      expected: `signed by ${caller.identity} (issuer ${GHA})`,
      found: `signed by ${REUSABLE_SAN} (issuer ${GHA})`
    }
  ])
})

test('an issuer is matched exactly: a custom GitHub Actions issuer is not the public one', () => {
  const finding = findingOf('cli-custom-issuer.sigstore.json')
  const identity =
    'https://github.com/too-legit/attest/.github/workflows/integration.yml@refs/heads/main'
  expect(checkSignedBy({ issuer: GHA, identity }, finding)).toEqual([
    {
      rule: 'signed-by',
      expected: `signed by ${identity} (issuer ${GHA})`,
      found: `signed by ${identity} (issuer ${GHA}/hammer-time)`
    }
  ])
  expect(checkSignedBy({ issuer: `${GHA}/hammer-time`, identity }, finding)).toEqual([])
})
