import type { VerifiedSignature } from '../../src/model/record.js'
import { checkProvenance, checkSignedBy, identityMatches } from '../../src/policy/signer-checks.js'

const ISSUER = 'https://token.actions.githubusercontent.com'
const RELEASE = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.0'
const CI = 'https://github.com/acme/app/.github/workflows/ci.yml@refs/heads/main'
const SLSA = 'https://slsa.dev/provenance/v1'
const BUILDER = 'https://github.com/actions/runner/github-hosted'

const signature = (over: Partial<VerifiedSignature> = {}): VerifiedSignature => ({
  digest: `sha256:${'c'.repeat(64)}`,
  subject: 'platform',
  root: 'trusted-root root.json',
  identity: RELEASE,
  issuer: ISSUER,
  sourceRepository: 'https://github.com/acme/app',
  logIndex: '7',
  predicateType: SLSA,
  builder: BUILDER,
  ...over
})

const signer = {
  issuer: ISSUER,
  identity: 'https://github.com/acme/*/.github/workflows/release.yml@refs/tags/*'
}

test('identity: exact, a glob whose * stops at /, or a regex matched whole', () => {
  expect(identityMatches(RELEASE, RELEASE)).toBe(true)
  expect(identityMatches(RELEASE, `${RELEASE}x`)).toBe(false)
  expect(identityMatches(signer.identity, RELEASE)).toBe(true)
  expect(identityMatches(signer.identity, CI)).toBe(false)
  // `*` does not cross `/`: another org's path under acme/ does not match.
  expect(identityMatches('https://github.com/acme/*/x', 'https://github.com/acme/a/b/x')).toBe(
    false
  )
  // Regex metacharacters in a glob are literal.
  expect(identityMatches('a.b*', 'axb-c')).toBe(false)
  expect(identityMatches('/https://github\\.com/acme/.+/', RELEASE)).toBe(true)
  expect(identityMatches('/acme/', RELEASE)).toBe(false)
  expect(identityMatches(RELEASE, undefined)).toBe(false)
})

test('signed-by: the right signer passes; another is named against what was asked', () => {
  expect(checkSignedBy(signer, { verified: [signature()], failed: [] })).toEqual([])
  expect(checkSignedBy(signer, { verified: [signature({ identity: CI })], failed: [] })).toEqual([
    {
      rule: 'signed-by',
      expected: `signed by ${signer.identity} (issuer ${ISSUER})`,
      found: `signed by ${CI} (issuer ${ISSUER})`
    }
  ])
  expect(
    checkSignedBy(signer, {
      verified: [signature({ issuer: 'https://accounts.google.com' })],
      failed: []
    })[0].found
  ).toBe(`signed by ${RELEASE} (issuer https://accounts.google.com)`)
})

test('signed-by fails closed: nothing verified, or nothing could be read, says why', () => {
  expect(checkSignedBy(signer, { verified: [], failed: [] })[0].found).toBe(
    'no Sigstore signature or attestation'
  )
  expect(checkSignedBy(signer, { verified: [], failed: ['a: bad', 'b: worse'] })[0].found).toBe(
    'no signature verifies: a: bad (and 1 more)'
  )
  expect(checkSignedBy(signer, { error: 'the registry answered 500' })[0].found).toBe(
    'unknown: the registry answered 500'
  )
  expect(checkSignedBy(signer, undefined)[0].found).toBe('unknown: its signatures were not read')
})

test('signed-by with a key: only signatures verified with that key count', () => {
  const key = { key: 'cosign.pub' }
  expect(
    checkSignedBy(key, {
      verified: [signature({ root: 'key cosign.pub', identity: undefined, issuer: undefined })],
      failed: []
    })
  ).toEqual([])
  expect(checkSignedBy(key, { verified: [signature()], failed: [] })[0]).toMatchObject({
    expected: 'signed with the key cosign.pub',
    found: `signed by ${RELEASE} (issuer ${ISSUER})`
  })
})

test('provenance: predicate, signer, builder and source repository', () => {
  const asked = {
    predicate: SLSA,
    builder: BUILDER,
    'source-repository': 'https://github.com/acme/app'
  }
  expect(checkProvenance(asked, signer, { verified: [signature()], failed: [] })).toEqual([])
  const [v] = checkProvenance(asked, signer, {
    verified: [signature({ builder: 'https://evil.example/builder' })],
    failed: []
  })
  expect(v).toEqual({
    rule: 'provenance',
    expected: `a ${SLSA} statement, signed by ${signer.identity} (issuer ${ISSUER}), built by ${BUILDER}, from https://github.com/acme/app`,
    found: 'built by https://evil.example/builder'
  })
  expect(
    checkProvenance(asked, signer, {
      verified: [signature({ sourceRepository: 'https://github.com/evil/app' })],
      failed: []
    })[0].found
  ).toBe('from https://github.com/evil/app')
  expect(
    checkProvenance(asked, signer, {
      verified: [signature({ predicateType: 'https://sigstore.dev/cosign/sign/v1' })],
      failed: []
    })[0].found
  ).toBe('verified statements of https://sigstore.dev/cosign/sign/v1 only')
  expect(
    checkProvenance(asked, signer, { verified: [signature({ identity: CI })], failed: [] })[0].found
  ).toBe(`signed by ${CI} (issuer ${ISSUER})`)
})
