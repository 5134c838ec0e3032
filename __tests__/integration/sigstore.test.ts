/**
 * `signed-by` and `provenance` (issue 21) against the real registry: images of two platforms
 * whose platform manifests carry Sigstore bundles as OCI referrers (found through the referrers
 * tag schema, as distribution 2.8 has no referrers API), signed for real by @sigstore/sign
 * against a local Sigstore (@sigstore/mock's Fulcio, Rekor and TSA over HTTP), and verified by
 * the built action against that instance's trusted_root.json.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ActionRun, CLI_ENTRY, runAction, spawnNode } from './harness/action.js'
import { type BuiltArtifact, pushArtifact, pushReferrersTagIndex } from './harness/artifacts.js'
import { type FaultFront, startFaultFront } from './harness/fault-front.js'
import { type ReferrersFront, startReferrersFront } from './harness/referrers-front.js'
import {
  EMPTY_DESCRIPTOR,
  EMPTY_JSON,
  type PushedImage,
  type RunningRegistry,
  pushBlob,
  pushImage,
  pushIndex,
  pushManifest,
  startRegistry
} from './harness/registry.js'
import {
  type Claims,
  type LegacySignature,
  type LocalSigstore,
  type TlogEntryJSON,
  keyPairSigner,
  rekorAnnotationOf,
  startLocalSigstore,
  statementAbout
} from '../helpers/local-sigstore.js'
import { publicBundle } from '../helpers/public-sigstore.js'

const AMD64 = { os: 'linux', architecture: 'amd64' }
const ARM64 = { os: 'linux', architecture: 'arm64' }
const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const SLSA = 'https://slsa.dev/provenance/v1'
const ISSUER = 'https://token.actions.githubusercontent.com'
const RELEASE = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0.0'
const CI = 'https://github.com/acme/app/.github/workflows/ci.yml@refs/heads/main'
const GOOD: Claims = { sub: RELEASE, iss: ISSUER, repository: 'acme/app' }
const IDENTITY = 'https://github.com/acme/*/.github/workflows/release.yml@refs/tags/*'
const EXPECTED_SIGNER = `signed by ${IDENTITY} (issuer ${ISSUER})`

let reg: RunningRegistry
let referrersFront: ReferrersFront
let front: FaultFront
let local: LocalSigstore
let stranger: LocalSigstore
let dir: string
let rootPath: string
let policyPath: string
/** Each case's platform digests, by tag. */
const images: Record<string, { amd: string; arm: string; index: string }> = {}
const bundleBlobs: string[] = []
/** What `signed-by` reads of the `referred` image beyond `attestations`: its 2 bundles. */
const referredReads: string[] = []
/** The policy's key pair (cosign.pub), and another. */
const ours = keyPairSigner()
const theirs = keyPairSigner()
const bundleArtifacts: string[] = []

async function twoPlatforms(tag: string): Promise<{
  amd: PushedImage
  arm: PushedImage
  index: Pick<PushedImage, 'digest' | 'mediaType' | 'size'>
}> {
  const base = { layerSizes: [100], seed: `signed-${tag}`, format: 'oci' as const }
  const amd = await pushImage(reg, 'acme/signed', undefined, { ...base, platform: AMD64 })
  const arm = await pushImage(reg, 'acme/signed', undefined, { ...base, platform: ARM64 })
  const index = await pushIndex(reg, 'acme/signed', tag, [amd, arm], { format: 'oci' })
  images[tag] = { amd: amd.digest, arm: arm.digest, index: index.digest }
  return { amd, arm, index }
}

/** Pushes a bundle as a referrer of `image`, as cosign 3 and GitHub do, and lists it by tag. */
async function attachBundle(
  image: Pick<PushedImage, 'digest' | 'mediaType' | 'size'>,
  bundle: object
): Promise<void> {
  const subject = { mediaType: image.mediaType, digest: image.digest, size: image.size }
  const artifact: BuiltArtifact = await pushArtifact(referrersFront, 'acme/signed', {
    subject,
    artifactType: BUNDLE,
    layer: { mediaType: BUNDLE, content: JSON.stringify(bundle) },
    annotations: {
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': SLSA
    }
  })
  bundleArtifacts.push(artifact.digest)
  bundleBlobs.push(`sha256:${createHash('sha256').update(artifact.layerBlob).digest('hex')}`)
  await pushReferrersTagIndex(reg, 'acme/signed', image.digest, [artifact])
}

/** A cosign legacy signature of `image`: the manifest at its `sha256-<hex>.sig` tag. */
async function pushLegacySignature(image: PushedImage, claims: Claims): Promise<void> {
  await pushLegacyLayer(image, await local.signLegacy(image.digest, claims))
}

/** A legacy `.sig` layer, keyless or key-pair, pushed as the manifest at `image`'s `.sig` tag. */
async function pushLegacyLayer(image: PushedImage, layer: LegacySignature): Promise<void> {
  const { payload, annotations } = layer
  await pushBlob(reg, 'acme/signed', EMPTY_JSON)
  await pushBlob(reg, 'acme/signed', payload)
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
  await pushManifest(reg, 'acme/signed', tag, body, 'application/vnd.oci.image.manifest.v1+json')
}

/** A keyless DSSE bundle as cosign's legacy `.att` tag holds it: envelope layer, annotations. */
async function pushLegacyAttestation(image: PushedImage, about: string): Promise<void> {
  const bundle = (await signed(about)) as {
    dsseEnvelope: object
    verificationMaterial: {
      certificate?: { rawBytes: string }
      x509CertificateChain?: { certificates: { rawBytes: string }[] }
      tlogEntries: TlogEntryJSON[]
    }
  }
  const material = bundle.verificationMaterial
  const cert =
    material.certificate?.rawBytes ?? material.x509CertificateChain?.certificates[0].rawBytes
  const entry = material.tlogEntries[0]
  const payload = Buffer.from(JSON.stringify(bundle.dsseEnvelope))
  await pushBlob(reg, 'acme/signed', EMPTY_JSON)
  await pushBlob(reg, 'acme/signed', payload)
  const body = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: EMPTY_DESCRIPTOR,
      layers: [
        {
          mediaType: 'application/vnd.dsse.envelope.v1+json',
          digest: `sha256:${createHash('sha256').update(payload).digest('hex')}`,
          size: payload.length,
          annotations: {
            predicateType: SLSA,
            'dev.sigstore.cosign/certificate': `-----BEGIN CERTIFICATE-----\n${cert}\n-----END CERTIFICATE-----\n`,
            'dev.sigstore.cosign/bundle': JSON.stringify(rekorAnnotationOf(entry))
          }
        }
      ]
    })
  )
  const tag = `${image.digest.replace(':', '-')}.att`
  await pushManifest(reg, 'acme/signed', tag, body, 'application/vnd.oci.image.manifest.v1+json')
}

/** A keyless DSSE bundle of an SLSA statement about `digest`. */
const signed = (digest: string, claims: Claims = GOOD, by = local): Promise<object> =>
  by.signKeyless(statementAbout([digest]), claims)

beforeAll(async () => {
  reg = await startRegistry()
  referrersFront = await startReferrersFront(reg.url)
  local = await startLocalSigstore()
  stranger = await startLocalSigstore()
  dir = await mkdtemp(join(tmpdir(), 'dg-sigstore-it-'))
  rootPath = join(dir, 'trusted_root.json')
  await writeFile(rootPath, local.trustedRoot)
  policyPath = join(dir, 'policy.yml')
  await writeFile(
    policyPath,
    [
      'default:',
      '  signed-by:',
      `    issuer: ${ISSUER}`,
      `    identity: '${IDENTITY}'`,
      '  provenance:',
      '    source-repository: https://github.com/acme/app',
      ''
    ].join('\n')
  )

  // amd64 signed by the release workflow; arm64 not signed at all.
  const good = await twoPlatforms('good')
  await attachBundle(good.amd, await signed(good.amd.digest))
  // amd64 signed by the CI workflow; arm64 by the release workflow of another repository.
  const wrong = await twoPlatforms('wrong')
  await attachBundle(wrong.amd, await signed(wrong.amd.digest, { ...GOOD, sub: CI }))
  await attachBundle(
    wrong.arm,
    await signed(wrong.arm.digest, {
      ...GOOD,
      sub: 'https://github.com/evil/app/.github/workflows/release.yml@refs/tags/v1',
      repository: 'evil/app'
    })
  )
  // amd64 signed by another issuer; arm64's statement is about amd64's digest.
  const issuer = await twoPlatforms('issuer')
  await attachBundle(
    issuer.amd,
    await signed(issuer.amd.digest, { ...GOOD, iss: 'https://accounts.example.com' })
  )
  await attachBundle(issuer.arm, await signed(issuer.amd.digest))
  // amd64's signature tampered with; arm64 signed by a CA the root does not trust.
  const broken = await twoPlatforms('broken')
  const tampered = (await signed(broken.amd.digest)) as {
    dsseEnvelope: { signatures: { sig: string }[] }
  }
  const sig = Buffer.from(tampered.dsseEnvelope.signatures[0].sig, 'base64')
  sig[sig.length - 1] ^= 1
  tampered.dsseEnvelope.signatures[0].sig = sig.toString('base64')
  await attachBundle(broken.amd, tampered)
  await attachBundle(broken.arm, await signed(broken.arm.digest, GOOD, stranger))

  // One attestation of the index, about the index's digest: it covers both platforms.
  const indexed = await twoPlatforms('indexed')
  await attachBundle(indexed.index, await signed(indexed.index.digest))

  // cosign's legacy .sig tag: amd64 signed by the release workflow, arm64 by the CI workflow.
  const legacy = await twoPlatforms('legacy')
  await pushLegacySignature(legacy.amd, GOOD)
  await pushLegacySignature(legacy.arm, { ...GOOD, sub: CI })

  // cosign's legacy .att tag: amd64's provenance is about amd64, arm64's about amd64 too.
  const legacyAtt = await twoPlatforms('legacy-att')
  await pushLegacyAttestation(legacyAtt.amd, legacyAtt.amd.digest)
  await pushLegacyAttestation(legacyAtt.arm, legacyAtt.amd.digest)

  // Key pairs: amd64 signed with the policy's key, arm64 with another.
  const keyed = await twoPlatforms('keyed')
  await writeFile(join(dir, 'cosign.pub'), ours.publicPem)
  await attachBundle(keyed.amd, await ours.signKeyed(statementAbout([keyed.amd.digest])))
  await attachBundle(keyed.arm, await theirs.signKeyed(statementAbout([keyed.arm.digest])))

  // Both platforms signed by referrer bundles, and by legacy .sig tags that need not be read.
  const referred = await twoPlatforms('referred')
  await attachBundle(referred.amd, await signed(referred.amd.digest))
  await attachBundle(referred.arm, await signed(referred.arm.digest))
  referredReads.push(
    ...bundleArtifacts.slice(-2).map(d => `GET /v2/acme/signed/manifests/${d}`),
    ...bundleBlobs.slice(-2).map(d => `GET /v2/acme/signed/blobs/${d}`)
  )
  await pushLegacySignature(referred.amd, GOOD)
  await pushLegacySignature(referred.arm, GOOD)

  // cosign sign --key's legacy .sig tags: amd64 with the policy's key (--tlog-upload=false),
  // arm64 with another key; then both with the policy's key, logged in Rekor (the default).
  const keyedLegacy = await twoPlatforms('keyed-legacy')
  await pushLegacyLayer(keyedLegacy.amd, await ours.signLegacy(keyedLegacy.amd.digest))
  await pushLegacyLayer(keyedLegacy.arm, await theirs.signLegacy(keyedLegacy.arm.digest))
  const keyedLogged = await twoPlatforms('keyed-logged')
  for (const p of [keyedLogged.amd, keyedLogged.arm])
    await pushLegacyLayer(p, await ours.signLegacy(p.digest, local.rekorURL))

  // Real bundles (kept from public test data): amd64 carries one signed by GitHub's own
  // Sigstore, arm64 one signed by the public-good instance; neither is about these digests.
  const real = await twoPlatforms('real')
  await attachBundle(
    real.amd,
    publicBundle('cli-github_provenance_demo-0.0.12-py3-none-any-bundle.jsonl')
  )
  await attachBundle(real.arm, publicBundle('cli-reusable-workflow-attestation.sigstore.json'))

  front = await startFaultFront(reg.url)
}, 60_000)

afterAll(async () => {
  await front?.stop()
  await referrersFront?.stop()
  await reg?.stop()
  await local?.close()
  await stranger?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

interface ViolationOut {
  image: string
  platform: string
  rule: string
  expected: string
  found: string
}

async function run(tag: string): Promise<{ r: ActionRun; violations: ViolationOut[] }> {
  front.reset()
  const r = await runAction({
    images: `${front.host}/acme/signed:${tag}`,
    policy: policyPath,
    'trusted-root': rootPath,
    'fail-on': 'violation'
  })
  if (r.report) expect(r.report.run?.requests).toBe(front.requests.length)
  const violations = JSON.parse(r.outputs.violations ?? '[]') as ViolationOut[]
  return { r, violations }
}

const brief = (vs: ViolationOut[]) => vs.map(v => [v.platform, v.rule, v.found])

test('the right signer passes; the unsigned platform alone is a violation, named', async () => {
  const { r, violations } = await run('good')
  expect(brief(violations)).toEqual([
    ['linux/arm64', 'signed-by', 'no Sigstore signature or attestation'],
    ['linux/arm64', 'provenance', 'no Sigstore signature or attestation']
  ])
  expect(violations[0].expected).toBe(EXPECTED_SIGNER)
  expect(r.code).toBe(1)
  // The report says what verified amd64, and by which root.
  const amd = (r.report?.images[0].platforms ?? []).find(p => p.platform === 'linux/amd64') as
    { verified?: Record<string, unknown>[] } | undefined
  expect(amd?.verified).toEqual([
    expect.objectContaining({
      identity: RELEASE,
      issuer: ISSUER,
      sourceRepository: 'https://github.com/acme/app',
      predicateType: SLSA,
      root: `trusted-root ${rootPath}`,
      subject: 'platform'
    })
  ])
  // GitHub's Markdown would link the URLs: the summary breaks them with an empty comment.
  const unlinked = (url: string) => url.replace('https://', 'https:<!-- -->//')
  expect(r.summary).toContain(
    `| <code>linux/amd64</code> | ${unlinked(SLSA)} by ${unlinked(RELEASE)} (issuer ${unlinked(ISSUER)}), log index `
  )
  // Beyond what `attestations` reads: per bundle, its artifact manifest and its blob, 1 GET each.
  const signedRequests = front.requests.map(q => `${q.method} ${q.path}`)
  const attestationsOnly = join(dir, 'attestations-only.yml')
  await writeFile(attestationsOnly, 'default:\n  attestations: [provenance]\n')
  front.reset()
  await runAction({ images: `${front.host}/acme/signed:good`, policy: attestationsOnly })
  const before = front.requests.map(q => `${q.method} ${q.path}`)
  // And cosign's legacy .sig and .att tags, 1 GET each (404 here: none), only where the
  // referrers fall short: arm64's, and the index's for arm64. amd64's bundle was enough.
  const extra = signedRequests.filter(q => !before.includes(q))
  const sigTag = (digest: string) => `GET /v2/acme/signed/manifests/${digest.replace(':', '-')}.sig`
  expect(extra.sort()).toEqual(
    [
      `GET /v2/acme/signed/blobs/${bundleBlobs[0]}`,
      `GET /v2/acme/signed/manifests/${bundleArtifacts[0]}`,
      ...[images.good.arm, images.good.index].flatMap(d => [
        sigTag(d),
        sigTag(d).replace(/\.sig$/, '.att')
      ])
    ].sort()
  )
  expect(signedRequests.length).toBe(before.length + 6)
  // The figures docs/policy.md and docs/performance.md give (15 before the tags were skipped).
  expect([before.length, signedRequests.length]).toEqual([7, 13])
})

/** Whether a request named a cosign legacy tag. */
const legacyTagRequest = (q: { path: string }) =>
  /\/manifests\/sha256-[0-9a-f]{64}\.(sig|att)$/.test(q.path)

test('every platform met by its referrer bundles: no legacy tag is read, though they exist', async () => {
  const { r, violations } = await run('referred')
  expect(violations).toEqual([])
  expect(r.code).toBe(0)
  const signedRequests = front.requests.map(q => `${q.method} ${q.path}`)
  expect(front.requests.filter(legacyTagRequest)).toEqual([])
  // Only the bundles' reads on top of `attestations`: 2 artifact manifests, 2 blobs.
  const attestationsOnly = join(dir, 'attestations-only.yml')
  await writeFile(attestationsOnly, 'default:\n  attestations: [provenance]\n')
  front.reset()
  await runAction({
    images: `${front.host}/acme/signed:referred`,
    policy: attestationsOnly
  })
  const before = front.requests.map(q => `${q.method} ${q.path}`)
  expect(signedRequests.filter(q => !before.includes(q)).sort()).toEqual(referredReads.sort())
  expect(signedRequests.length).toBe(before.length + 4)
  // What verified each platform is its referrer bundle, not the .sig tag.
  for (const p of r.report?.images[0].platforms ?? [])
    expect((p as { verified?: unknown[] }).verified).toEqual([
      expect.objectContaining({ predicateType: SLSA, identity: RELEASE })
    ])
})

test('a wrong workflow and a wrong repository fail, each named', async () => {
  const { violations } = await run('wrong')
  expect(brief(violations)).toEqual([
    ['linux/amd64', 'signed-by', `signed by ${CI} (issuer ${ISSUER})`],
    ['linux/amd64', 'provenance', `signed by ${CI} (issuer ${ISSUER})`],
    [
      'linux/arm64',
      'signed-by',
      `signed by https://github.com/evil/app/.github/workflows/release.yml@refs/tags/v1 (issuer ${ISSUER})`
    ],
    [
      'linux/arm64',
      'provenance',
      `signed by https://github.com/evil/app/.github/workflows/release.yml@refs/tags/v1 (issuer ${ISSUER})`
    ]
  ])
})

test('a wrong issuer fails, and so does a statement about another digest', async () => {
  const { violations } = await run('issuer')
  const [amd, arm] = [images.issuer.amd, images.issuer.arm]
  expect(brief(violations)).toEqual([
    ['linux/amd64', 'signed-by', `signed by ${RELEASE} (issuer https://accounts.example.com)`],
    ['linux/amd64', 'provenance', `signed by ${RELEASE} (issuer https://accounts.example.com)`],
    [
      'linux/arm64',
      'signed-by',
      expect.stringContaining(`its statement is about ${amd}, not ${arm}`)
    ],
    [
      'linux/arm64',
      'provenance',
      expect.stringContaining(`its statement is about ${amd}, not ${arm}`)
    ]
  ])
})

test('a tampered signature and an untrusted CA fail closed, saying why', async () => {
  const { violations } = await run('broken')
  expect(violations.map(v => [v.platform, v.rule])).toEqual([
    ['linux/amd64', 'signed-by'],
    ['linux/amd64', 'provenance'],
    ['linux/arm64', 'signed-by'],
    ['linux/arm64', 'provenance']
  ])
  // The tampered signature no longer matches what the log recorded; the stranger's certificate
  // does not chain to the trusted CA.
  expect(violations[0].found).toMatch(/signature/)
  expect(violations[2].found).toMatch(/certificate chain/)
  for (const v of violations)
    expect(v.found).toMatch(
      /^no signature verifies: SLSA provenance v1 \(sigstore bundle\) sha256:[0-9a-f]{64}: does not verify against trusted-root /
    )
})

test('without a trusted root, the public-good root is the only one: a local CA does not verify', async () => {
  front.reset()
  const cache = join(dir, 'cache')
  const r = await runAction({
    images: `${front.host}/acme/signed:good`,
    policy: policyPath,
    cache,
    'fail-on': 'violation'
  })
  const violations = JSON.parse(r.outputs.violations ?? '[]') as ViolationOut[]
  // The TUF metadata is kept in the cache directory, for the next run's refresh.
  expect(await readdir(join(cache, 'sigstore-tuf', 'tuf-repo-cdn.sigstore.dev'))).toContain(
    'root.json'
  )
  // Offline here: @sigstore/tuf's embedded seed, kept in the cache; online, the refreshed root.
  expect(
    violations.find(v => v.platform === 'linux/amd64' && v.rule === 'signed-by')?.found
  ).toMatch(
    /: does not verify against public-good \(tuf-repo-cdn\.sigstore\.dev TUF (cache, offline: .+|refreshed)\): /
  )
  expect(r.code).toBe(1)
})

test("without a trusted root, each real bundle is checked against its own Fulcio's root", async () => {
  front.reset()
  const cache = join(dir, 'cache-real')
  const r = await runAction({
    images: `${front.host}/acme/signed:real`,
    policy: policyPath,
    cache,
    'fail-on': 'violation'
  })
  const violations = JSON.parse(r.outputs.violations ?? '[]') as ViolationOut[]
  const found = (platform: string) =>
    violations.find(v => v.platform === platform && v.rule === 'signed-by')?.found
  const { amd, arm } = images.real
  // GitHub's Fulcio: GitHub's root, from tuf-repo.github.com. Offline (as here) there is none
  // and the verdict says so; online the real signature verifies, and only its subject is wrong.
  expect(found('linux/amd64')).toMatch(
    new RegExp(
      `: (the GitHub trust root cannot be refreshed from https://tuf-repo\\.github\\.com \\(.+\\), and no earlier refresh is kept in .+|its statement is about sha256:ae57936d[0-9a-f]{56}, not ${amd})$`
    )
  )
  expect(await readdir(join(cache, 'sigstore-tuf'))).toContain('tuf-repo.github.com')
  // Sigstore's Fulcio: the public-good root (its embedded seed offline). The certificate, log
  // entry and signature verify; only the statement is about another artifact.
  expect(found('linux/arm64')).toMatch(
    new RegExp(`: its statement is about sha256:49a3aa[0-9a-f]{58}, not ${arm}$`)
  )
  expect(r.code).toBe(1)
})

test('a trusted root that cannot be read is named before any request', async () => {
  front.reset()
  const r = await runAction({
    images: `${front.host}/acme/signed:good`,
    policy: policyPath,
    'trusted-root': join(dir, 'missing.json')
  })
  expect(r.code).toBe(1)
  expect(r.stdout + r.stderr).toContain(
    `Input 'trusted-root': cannot read '${join(dir, 'missing.json')}' (ENOENT)`
  )
  expect(front.requests).toEqual([])
})

test('a key pair: the right key passes, another key is a violation', async () => {
  const keyPolicy = join(dir, 'key-policy.yml')
  const key = join(dir, 'cosign.pub')
  await writeFile(keyPolicy, `default:\n  signed-by: {key: '${key}'}\n  provenance: true\n`)
  front.reset()
  const r = await runAction({
    images: `${front.host}/acme/signed:keyed`,
    policy: keyPolicy,
    'fail-on': 'violation'
  })
  const violations = JSON.parse(r.outputs.violations ?? '[]') as ViolationOut[]
  expect(violations.map(v => [v.platform, v.rule, v.expected])).toEqual([
    ['linux/arm64', 'signed-by', `signed with the key ${key}`],
    ['linux/arm64', 'provenance', `a ${SLSA} statement, signed with the key ${key}`]
  ])
  expect(violations[0].found).toMatch(/^no signature verifies: .*does not verify against key /)
  const amd = (r.report?.images[0].platforms ?? []).find(p => p.platform === 'linux/amd64') as
    { verified?: Record<string, unknown>[] } | undefined
  expect(amd?.verified).toEqual([
    expect.objectContaining({ root: `key ${key}`, predicateType: SLSA })
  ])
})

test("an attestation of the index, about the index's digest, covers every platform", async () => {
  const { r, violations } = await run('indexed')
  expect(violations).toEqual([])
  expect(r.code).toBe(0)
  expect(front.requests.filter(legacyTagRequest)).toEqual([])
  for (const p of r.report?.images[0].platforms ?? [])
    expect((p as { verified?: unknown[] }).verified).toEqual([
      expect.objectContaining({ subject: 'index', identity: RELEASE })
    ])
})

test('the CLI runs the same rules with --trusted-root', async () => {
  const image = `${front.host}/acme/signed:good`
  const env = { PATH: process.env.PATH ?? '', HOME: dir }
  const args = [CLI_ENTRY, '--policy', policyPath, '--fail-on', 'violation']
  const r = await spawnNode([...args, '--trusted-root', rootPath, '--json', image], env)
  expect(r.code).toBe(1)
  const report = JSON.parse(r.stdout) as {
    images: {
      violations: { platform: string; rule: string }[]
      platforms: { verified?: unknown[] }[]
    }[]
  }
  expect(report.images[0].violations.map(v => [v.platform, v.rule])).toEqual([
    ['linux/arm64', 'signed-by'],
    ['linux/arm64', 'provenance']
  ])
  expect(report.images[0].platforms.map(p => p.verified?.length ?? 0)).toEqual([1, 0])
  const missing = join(dir, 'missing.json')
  const bad = await spawnNode([...args, '--trusted-root', missing, image], env)
  expect(bad.code).toBe(2)
  expect(bad.stderr).toContain(`--trusted-root: cannot read '${missing}' (ENOENT)`)
})

test("cosign's legacy .sig tags: the right signer passes, another is named", async () => {
  const signedByOnly = join(dir, 'signed-by-only.yml')
  await writeFile(
    signedByOnly,
    `default:\n  signed-by:\n    issuer: ${ISSUER}\n    identity: '${IDENTITY}'\n`
  )
  front.reset()
  const r = await runAction({
    images: `${front.host}/acme/signed:legacy`,
    policy: signedByOnly,
    'trusted-root': rootPath
  })
  const violations = JSON.parse(r.outputs.violations ?? '[]') as ViolationOut[]
  expect(brief(violations)).toEqual([
    ['linux/arm64', 'signed-by', `signed by ${CI} (issuer ${ISSUER})`]
  ])
  const amd = (r.report?.images[0].platforms ?? []).find(p => p.platform === 'linux/amd64') as
    { verified?: Record<string, unknown>[] } | undefined
  expect(amd?.verified).toEqual([
    expect.objectContaining({ identity: RELEASE, predicateType: 'cosign simple signing' })
  ])
})

test("cosign's legacy .att tags: provenance about the platform passes, about another fails", async () => {
  const { r, violations } = await run('legacy-att')
  const [amd, arm] = [images['legacy-att'].amd, images['legacy-att'].arm]
  expect(brief(violations)).toEqual([
    [
      'linux/arm64',
      'signed-by',
      expect.stringContaining(`its statement is about ${amd}, not ${arm}`)
    ],
    [
      'linux/arm64',
      'provenance',
      expect.stringContaining(`its statement is about ${amd}, not ${arm}`)
    ]
  ])
  expect(violations[0].found).toContain(`cosign tag ${arm.replace(':', '-')}.att: `)
  const verified = (r.report?.images[0].platforms ?? []).map(
    p => (p as { verified?: { predicateType: string }[] }).verified
  )
  expect(verified[0]).toEqual([expect.objectContaining({ identity: RELEASE, predicateType: SLSA })])
})

describe("cosign sign --key's legacy .sig tags (no certificate)", () => {
  async function runKeyed(tag: string) {
    const keyPolicy = join(dir, 'key-sig-policy.yml')
    const key = join(dir, 'cosign.pub')
    await writeFile(keyPolicy, `default:\n  signed-by: {key: '${key}'}\n`)
    front.reset()
    const r = await runAction({
      images: `${front.host}/acme/signed:${tag}`,
      policy: keyPolicy,
      'fail-on': 'violation'
    })
    const violations = JSON.parse(r.outputs.violations ?? '[]') as ViolationOut[]
    const verified = (r.report?.images[0].platforms ?? []).map(
      p => (p as { verified?: Record<string, unknown>[] }).verified
    )
    return { r, violations, verified, key }
  }

  test('with no log entry: the right key passes, another key is a named violation', async () => {
    const { r, violations, verified, key } = await runKeyed('keyed-legacy')
    const arm = images['keyed-legacy'].arm
    expect(violations.map(v => [v.platform, v.rule, v.expected])).toEqual([
      ['linux/arm64', 'signed-by', `signed with the key ${key}`]
    ])
    expect(violations[0].found).toMatch(
      new RegExp(
        `^no signature verifies: cosign tag ${arm.replace(':', '-')}\\.sig: does not verify against key ${key}: `
      )
    )
    expect(r.code).toBe(1)
    // Signed with a key: no identity, and no log index or time, since none was proved.
    expect(verified[0]).toEqual([
      {
        digest: images['keyed-legacy'].amd,
        subject: 'platform',
        root: `key ${key}`,
        predicateType: 'cosign simple signing'
      }
    ])
  })

  test("logged in Rekor (cosign's default): the key alone decides; the entry is not reported", async () => {
    const { r, violations, verified, key } = await runKeyed('keyed-logged')
    expect(violations).toEqual([])
    expect(r.code).toBe(0)
    for (const v of verified) {
      expect(v).toHaveLength(1)
      expect(v?.[0]).not.toHaveProperty('logIndex')
      expect(v?.[0]).not.toHaveProperty('timestamp')
    }
    expect(verified.map(v => v?.[0]?.root)).toEqual([`key ${key}`, `key ${key}`])
  })
})
