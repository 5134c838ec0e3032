/**
 * `readSignatures` in-process (issue 21), against the real registry the integration suites use
 * (distribution 2.8: referrers by the tag schema) and a local Sigstore (@sigstore/mock's Fulcio,
 * Rekor and TSA over HTTP, signed against by @sigstore/sign): each platform's Sigstore bundle
 * referrers and cosign legacy `.sig` tags, verified against that instance's trusted root.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jest } from '@jest/globals'
import { parseTrustedRoot } from '../../src/attestations/sigstore.js'
import { readAttached } from '../../src/policy/attestations.js'
import { builtInRoots } from '../../src/policy/signature-trust.js'
import type { ProvenanceRequirement } from '../../src/policy/rule.js'
import { type RootsFor, readSignatures } from '../../src/policy/signatures.js'
import { type Subject, newReadMemo } from '../../src/policy/subject.js'
import {
  type Claims,
  type LocalSigstore,
  startLocalSigstore,
  statementAbout
} from '../helpers/local-sigstore.js'
import { startLocalTuf } from '../helpers/local-tuf.js'
import { AMD64, ARM64, REPO, disposeClients, resolved } from '../helpers/policy-registry.js'
import {
  EMPTY_DESCRIPTOR,
  EMPTY_JSON,
  type PushedImage,
  type RunningRegistry,
  pushArtifact,
  pushBlob,
  pushImage,
  pushIndex,
  pushManifest,
  pushReferrersTagIndex,
  startRegistry
} from '../integration/harness/registry.js'

const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const SLSA = 'https://slsa.dev/provenance/v1'
const ISSUER = 'https://token.actions.githubusercontent.com'
const RELEASE = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0.0'
const GOOD: Claims = { sub: RELEASE, iss: ISSUER, repository: 'acme/app' }
const SIGNER = { issuer: ISSUER, identity: RELEASE }
const ROOT_LABEL = 'trusted-root root.json'

let reg: RunningRegistry
let local: LocalSigstore
const images: Record<string, { amd: string; arm: string; index: string }> = {}
/** The bundle referrers' manifest digests, by `tag/platform`. */
const referrers: Record<string, string> = {}
/** The log index of each signature's entry, by `tag/platform`, as its signer was told it. */
const logIndexes: Record<string, string> = {}
/** The local Sigstore's one clock (its CA, log and TSA all say this instant). */
const CLOCK = new Date('2026-03-04T05:06:07Z')
/** The log's integrated time is whole seconds. */
const LOGGED_AT = '2026-03-04T05:06:07.000Z'

async function twoPlatforms(tag: string): Promise<{ amd: PushedImage; arm: PushedImage }> {
  const base = { layerSizes: [100], seed: `signatures-${tag}`, format: 'oci' as const }
  const amd = await pushImage(reg, REPO, undefined, { ...base, platform: AMD64 })
  const arm = await pushImage(reg, REPO, undefined, { ...base, platform: ARM64 })
  const index = await pushIndex(reg, REPO, tag, [amd, arm], { format: 'oci' })
  images[tag] = { amd: amd.digest, arm: arm.digest, index: index.digest }
  return { amd, arm }
}

/** A bundle as a referrer of `image`, as cosign 3 and GitHub push it, listed by the tag schema. */
async function attachBundle(image: PushedImage, bundle: object, key: string): Promise<void> {
  const material = (bundle as { verificationMaterial: { tlogEntries: { logIndex: string }[] } })
    .verificationMaterial
  logIndexes[key] = material.tlogEntries[0].logIndex
  const artifact = await pushArtifact(reg, REPO, {
    subject: { mediaType: image.mediaType, digest: image.digest, size: image.size },
    artifactType: BUNDLE,
    layer: { mediaType: BUNDLE, content: JSON.stringify(bundle) },
    annotations: {
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': SLSA
    }
  })
  await pushReferrersTagIndex(reg, REPO, image.digest, [artifact])
  referrers[key] = artifact.digest
}

/** cosign's legacy signature of `image`: a simple-signing layer at its `sha256-<hex>.sig` tag. */
async function pushLegacySignature(image: PushedImage, claims: Claims, key: string) {
  const { payload, annotations } = await local.signLegacy(image.digest, claims)
  const logged = JSON.parse(annotations['dev.sigstore.cosign/bundle']) as {
    Payload: { logIndex: number }
  }
  logIndexes[key] = String(logged.Payload.logIndex)
  await pushBlob(reg, REPO, EMPTY_JSON)
  await pushBlob(reg, REPO, payload)
  const body = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: EMPTY_DESCRIPTOR,
      layers: [
        {
          mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
          digest: `sha256:${createHash('sha256').update(payload).digest('hex')}`,
          size: payload.length,
          annotations
        }
      ]
    })
  )
  const tag = `${image.digest.replace(':', '-')}.sig`
  await pushManifest(reg, REPO, tag, body, 'application/vnd.oci.image.manifest.v1+json')
}

const signed = (digest: string, claims: Claims = GOOD): Promise<object> =>
  local.signKeyless(statementAbout([digest]), claims)

beforeAll(async () => {
  reg = await startRegistry()
  // Only Date is faked, and only while the local Sigstore reads its clock, so what the log
  // says of when each signature was made is known exactly.
  jest.useFakeTimers({
    now: CLOCK,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout'
    ]
  })
  try {
    local = await startLocalSigstore()
  } finally {
    jest.useRealTimers()
  }
  // amd64 signed about itself; arm64's statement is about amd64's digest.
  const good = await twoPlatforms('bundles')
  await attachBundle(good.amd, await signed(good.amd.digest), 'bundles/amd')
  await attachBundle(good.arm, await signed(good.amd.digest), 'bundles/arm')
  // Nothing attached, no legacy tag.
  await twoPlatforms('unsigned')
  // cosign's legacy .sig tag on amd64 only.
  const legacy = await twoPlatforms('legacy')
  await pushLegacySignature(legacy.amd, GOOD, 'legacy/amd')
  // amd64: a bundle referrer and a legacy .sig tag; arm64: the legacy .sig tag only.
  const both = await twoPlatforms('both')
  await attachBundle(both.amd, await signed(both.amd.digest), 'both/amd')
  await pushLegacySignature(both.amd, GOOD, 'both/amd-legacy')
  await pushLegacySignature(both.arm, GOOD, 'both/arm')
}, 60_000)

afterAll(async () => {
  disposeClients()
  await reg?.stop()
  await local?.close()
})

/**
 * What a run does: resolve, read what is attached, then the signatures. `reads` are the
 * references the signature read fetched manifests by (observed, not changed).
 */
async function signaturesOf(
  tag: string,
  rootsFor: RootsFor | null = () =>
    Promise.resolve([parseTrustedRoot(local.trustedRoot, ROOT_LABEL)]),
  provenance?: ProvenanceRequirement
) {
  const { record, source } = await resolved(reg, tag)
  const subject: Subject = { record, source, repository: REPO, memo: newReadMemo() }
  const attached = await readAttached(subject)
  const trust = { ...(rootsFor ? { rootsFor } : {}), keys: new Map() }
  const reads: string[] = []
  const fetchManifest = source.fetchManifest.bind(source)
  source.fetchManifest = (repository, reference) => {
    reads.push(reference)
    return fetchManifest(repository, reference)
  }
  const found = await readSignatures(subject, attached, SIGNER, trust, provenance)
  return { found, record, reads }
}

/** cosign's legacy tags of `digest`. */
const legacyTags = (digest: string) => [
  `${digest.replace(':', '-')}.sig`,
  `${digest.replace(':', '-')}.att`
]

/** What verifying a keyless bundle by GOOD says. */
const verifiedBy = (key: string) => ({
  digest: referrers[key],
  subject: 'platform',
  root: ROOT_LABEL,
  identity: RELEASE,
  issuer: ISSUER,
  sourceRepository: 'https://github.com/acme/app',
  logIndex: logIndexes[key],
  timestamp: LOGGED_AT,
  predicateType: SLSA,
  builder: 'https://github.com/actions/runner/github-hosted'
})

test('a verifying bundle names its signer; a bundle about another digest says why it fails', async () => {
  const { amd, arm } = images.bundles
  const { found, record } = await signaturesOf('bundles')
  expect([...found.keys()]).toEqual(expect.arrayContaining([amd, arm]))
  expect(found.size).toBe(2)
  expect(found.get(amd)).toEqual({ verified: [verifiedBy('bundles/amd')], failed: [] })
  expect(found.get(arm)).toEqual({
    verified: [],
    failed: [
      `SLSA provenance v1 (sigstore bundle) ${referrers['bundles/arm']}: its statement is about ${amd}, not ${arm}`
    ]
  })
  // The same verified list lands on the record's platforms.
  expect(record.platforms.map(p => p.verified?.length)).toEqual([1, 0])
})

test('no signatures at all: nothing verified, nothing failed', async () => {
  const { amd, arm } = images.unsigned
  const { found } = await signaturesOf('unsigned')
  expect(found.get(amd)).toEqual({ verified: [], failed: [] })
  expect(found.get(arm)).toEqual({ verified: [], failed: [] })
})

test("cosign's legacy .sig tag verifies for its platform only", async () => {
  const { amd, arm } = images.legacy
  const { found } = await signaturesOf('legacy')
  expect(found.get(amd)).toEqual({
    verified: [
      {
        digest: amd,
        subject: 'platform',
        root: ROOT_LABEL,
        identity: RELEASE,
        issuer: ISSUER,
        sourceRepository: 'https://github.com/acme/app',
        logIndex: logIndexes['legacy/amd'],
        timestamp: LOGGED_AT,
        predicateType: 'cosign simple signing'
      }
    ],
    failed: []
  })
  expect(found.get(arm)).toEqual({ verified: [], failed: [] })
})

test('without a trust root each bundle fails, saying which input to give', async () => {
  const { amd } = images.bundles
  const { found } = await signaturesOf('bundles', null)
  expect(found.get(amd)).toEqual({
    verified: [],
    failed: [
      `SLSA provenance v1 (sigstore bundle) ${referrers['bundles/amd']}: no trust root to verify it with: give the 'trusted-root' input (--trusted-root), the path of a trusted_root.json`
    ]
  })
})

test("keyless roots are chosen by the certificate's issuer and fetched once, through TUF", async () => {
  const { amd } = images.bundles
  const { amd: legacyAmd } = images.legacy
  const tuf = await startLocalTuf({ 'trusted_root.json': local.trustedRoot })
  const cache = await mkdtemp(join(tmpdir(), 'dg-sig-tuf-'))
  try {
    // The local Fulcio's certificates are issued by `sigstore.mock`: its root comes from the
    // local TUF repository, as GitHub's Fulcio's come from GitHub's.
    const instance = { name: 'Mock', mirrorURL: tuf.mirrorURL, seedRoot: tuf.root }
    const rootsFor = builtInRoots(cache, {
      byOrg: new Map([['sigstore.mock', instance]]),
      otherwise: { name: 'unused', mirrorURL: 'http://127.0.0.1:9' }
    })
    const label = `Mock (${new URL(tuf.mirrorURL).host} TUF, refreshed)`
    const bundles = await signaturesOf('bundles', rootsFor)
    const legacy = await signaturesOf('legacy', rootsFor)
    expect(bundles.found.get(amd)).toEqual({
      verified: [{ ...verifiedBy('bundles/amd'), root: label }],
      failed: []
    })
    expect(legacy.found.get(legacyAmd)).toMatchObject({ verified: [{ root: label }], failed: [] })
    expect(tuf.requests.filter(r => r === '/timestamp.json')).toHaveLength(1)
  } finally {
    await tuf.close()
    await rm(cache, { recursive: true, force: true })
  }
})

test('with several roots (a trusted_root.jsonl), the one that verifies is named', async () => {
  const { amd } = images.bundles
  const stranger = await startLocalSigstore()
  const roots = [
    parseTrustedRoot(stranger.trustedRoot, 'roots.jsonl (line 1)'),
    parseTrustedRoot(local.trustedRoot, 'roots.jsonl (line 2)')
  ]
  await stranger.close()
  const { found } = await signaturesOf('bundles', () => Promise.resolve(roots))
  expect(found.get(amd)).toEqual({
    verified: [{ ...verifiedBy('bundles/amd'), root: 'roots.jsonl (line 2)' }],
    failed: []
  })
  // Neither root: each says why, once.
  const { found: none } = await signaturesOf('bundles', () => Promise.resolve(roots.slice(0, 1)))
  expect(none.get(amd)).toEqual({
    verified: [],
    failed: [
      expect.stringMatching(
        /^SLSA provenance v1 \(sigstore bundle\) sha256:[0-9a-f]{64}: does not verify against roots\.jsonl \(line 1\): /
      )
    ]
  })
})

describe("cosign's legacy tags are read only when the referrers do not meet the rule", () => {
  test('a platform whose bundle referrer meets signed-by: its tags are not read', async () => {
    const { amd, arm, index } = images.both
    const { found, reads } = await signaturesOf('both')
    // amd64's referrer is enough: neither its tags nor the index's are read for it.
    expect(found.get(amd)).toEqual({ verified: [verifiedBy('both/amd')], failed: [] })
    // arm64 has no referrer: its tags and the index's are read, once each, and its .sig verifies.
    expect(found.get(arm)).toEqual({
      verified: [expect.objectContaining({ digest: arm, predicateType: 'cosign simple signing' })],
      failed: []
    })
    expect(reads.filter(r => /\.(sig|att)$/.test(r)).sort()).toEqual(
      [...legacyTags(arm), ...legacyTags(index)].sort()
    )
  })

  test('a referrer that meets signed-by but not provenance: the tags are read too', async () => {
    const { amd, index } = images.both
    const builder = 'https://builder.example.com'
    const { found, reads } = await signaturesOf('both', undefined, { predicate: SLSA, builder })
    expect(reads).toEqual(expect.arrayContaining([...legacyTags(amd), ...legacyTags(index)]))
    expect(found.get(amd)).toEqual({
      verified: [
        verifiedBy('both/amd'),
        expect.objectContaining({ digest: amd, predicateType: 'cosign simple signing' })
      ],
      failed: []
    })
  })

  test('a referrer that meets signed-by and provenance: no tag is read', async () => {
    const { amd } = images.both
    const { reads } = await signaturesOf('both', undefined, {
      predicate: SLSA,
      builder: 'https://github.com/actions/runner/github-hosted',
      'source-repository': 'https://github.com/acme/app'
    })
    expect(reads.filter(r => r.startsWith(amd.replace(':', '-')))).toEqual([])
  })

  test('a referrer that does not verify: the tags are still read, and its failure kept', async () => {
    const { amd, arm } = images.bundles
    const { found, reads } = await signaturesOf('bundles')
    expect(reads).toEqual(expect.arrayContaining(legacyTags(arm)))
    expect(reads.filter(r => r.startsWith(amd.replace(':', '-')))).toEqual([])
    expect((found.get(arm) as { failed: string[] }).failed).toHaveLength(1)
  })
})
