/**
 * The policy file against the real registry (distribution 2.8, which has no referrers API, so
 * its tag-schema fallback is what answers there) and against a small front that gives the same
 * registry the referrers API. Images: an index whose arm64 entry is an amd64 image, an index
 * with a provenance attestation for one of its two platforms and OCI referrers (an SBOM on the
 * other platform, a signature on the index), images over and under budget, and a baseline from
 * an earlier real run. Request counts come from the fronts' logs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ActionRun, CLI_ENTRY, runAction, spawnNode } from './harness/action.js'
import {
  ArtifactPresets,
  type BuiltArtifact,
  type Subject,
  pushArtifact,
  pushReferrersTagIndex
} from './harness/artifacts.js'
import { type Fault, type FaultFront, startFaultFront } from './harness/fault-front.js'
import { type ReferrersFront, startReferrersFront } from './harness/referrers-front.js'
import {
  MediaTypes,
  type PushedImage,
  type RunningRegistry,
  buildAttestation,
  pushBlob,
  pushImage,
  pushIndex,
  pushManifest,
  startRegistry
} from './harness/registry.js'

const AMD64 = { os: 'linux', architecture: 'amd64' }
const ARM64 = { os: 'linux', architecture: 'arm64' }
const COSIGN_SIG = 'application/vnd.dev.cosign.artifact.sig.v1+json'
const SPDX = 'application/spdx+json'
const NOTATION = 'application/vnd.cncf.notary.signature'
const IN_TOTO = 'application/vnd.in-toto+json'

let reg: RunningRegistry
let front: FaultFront
let referrersFront: ReferrersFront
let dir: string
const pushed: Record<string, string> = {}
/** The referrers of the arm64 image, as the referrers front lists them. */
let armReferrers: BuiltArtifact[] = []

/**
 * OCI 1.1 artifacts with `subject` pushed through the referrers front (which indexes them, as
 * a 1.1 registry does, and stores them in the real registry), and, as clients do for a
 * registry without the referrers API, the tag-schema index `sha256-<hex>` listing them, pushed
 * straight to the registry.
 */
async function attach(
  repo: string,
  subject: Subject,
  presets: Parameters<typeof pushArtifact>[2][]
) {
  const artifacts: BuiltArtifact[] = []
  for (const preset of presets) artifacts.push(await pushArtifact(referrersFront, repo, preset))
  await pushReferrersTagIndex(reg, repo, subject.digest, artifacts)
  return artifacts
}

function descriptorOf(image: PushedImage): Subject {
  return { mediaType: image.mediaType, digest: image.digest, size: image.size }
}

beforeAll(async () => {
  reg = await startRegistry()
  referrersFront = await startReferrersFront(reg.url)
  dir = await mkdtemp(join(tmpdir(), 'dg-policy-it-'))

  // An index whose second entry says linux/arm64 but is an amd64 image.
  const m1 = await pushImage(reg, 'acme/app', undefined, {
    platform: AMD64,
    layerSizes: [100],
    seed: 'mislabelled-1',
    format: 'oci'
  })
  const m2 = await pushImage(reg, 'acme/app', undefined, {
    platform: AMD64,
    layerSizes: [100],
    seed: 'mislabelled-2',
    format: 'oci'
  })
  pushed.mislabelledArm = m2.digest
  await pushIndex(reg, 'acme/app', 'mislabelled', [m1, { ...m2, platform: ARM64 }], {
    format: 'oci'
  })

  // An index of two platforms with a BuildKit provenance attestation for amd64 only.
  const amd = await pushImage(reg, 'acme/app', undefined, {
    platform: AMD64,
    layerSizes: [200, 300],
    seed: 'attested',
    format: 'oci'
  })
  const arm = await pushImage(reg, 'acme/app', undefined, {
    platform: ARM64,
    layerSizes: [200, 300],
    seed: 'attested',
    format: 'oci'
  })
  pushed.amd = amd.digest
  pushed.arm = arm.digest
  const attestation = buildAttestation('acme/app', amd)
  await Promise.all([
    pushBlob(reg, 'acme/app', attestation.config),
    ...attestation.layerBlobs.map(b => pushBlob(reg, 'acme/app', b))
  ])
  await pushManifest(reg, 'acme/app', attestation.digest, attestation.body, attestation.mediaType)
  pushed.attestation = attestation.digest
  const index = await pushIndex(reg, 'acme/app', 'attested', [amd, arm], {
    format: 'oci',
    extra: [
      {
        mediaType: attestation.mediaType,
        digest: attestation.digest,
        size: attestation.size,
        annotations: {
          'vnd.docker.reference.digest': amd.digest,
          'vnd.docker.reference.type': 'attestation-manifest'
        },
        platform: { architecture: 'unknown', os: 'unknown' }
      }
    ]
  })
  pushed.index = index.digest
  // OCI referrers: an SBOM and a notation signature of the arm64 image, a cosign signature of
  // the index.
  armReferrers = await attach('acme/app', descriptorOf(arm), [
    ArtifactPresets.spdxSbom(descriptorOf(arm)),
    ArtifactPresets.notationSignature(descriptorOf(arm))
  ])
  const indexSubject = { mediaType: index.mediaType, digest: index.digest, size: index.size }
  await attach('acme/app', indexSubject, [ArtifactPresets.cosignSignature(indexSubject)])

  // A single manifest whose only referrer is an in-toto artifact that names no predicate type
  // anywhere but inside its statement: only reading the artifact manifest and its blob can tell.
  const single = await pushImage(reg, 'acme/intoto', 'v1', {
    platform: AMD64,
    layerSizes: [10],
    seed: 'intoto',
    format: 'oci'
  })
  pushed.intoto = single.digest
  const statement = JSON.stringify({
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'image', digest: { sha256: single.digest.slice('sha256:'.length) } }],
    predicateType: 'https://cyclonedx.org/bom',
    predicate: { bomFormat: 'CycloneDX', specVersion: '1.5' }
  })
  const [intoto] = await attach('acme/intoto', descriptorOf(single), [
    {
      subject: descriptorOf(single),
      artifactType: IN_TOTO,
      layer: { mediaType: IN_TOTO, content: statement }
    }
  ])
  pushed.intotoArtifact = intoto.digest

  // Budgets: acme/base grows from 5000 B (main) to 6000 B (pr); acme/tiny stays at 1000 B.
  const base = { platform: AMD64, seed: 'base', format: 'oci' as const }
  await pushImage(reg, 'acme/base', 'main', { ...base, layerSizes: [2500, 2500] })
  await pushImage(reg, 'acme/base', 'pr', { ...base, layerSizes: [3000, 3000] })
  await pushImage(reg, 'acme/tiny', 'main', { ...base, seed: 'tiny', layerSizes: [1000] })
  await pushImage(reg, 'acme/tiny', 'pr', { ...base, seed: 'tiny', layerSizes: [1000] })

  front = await startFaultFront(reg.url)
})

afterAll(async () => {
  await front?.stop()
  await referrersFront?.stop()
  await reg?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function policyFile(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

/** The front's requests of one run, in `METHOD /path` form, digests shortened to their hex's start. */
function paths(): string[] {
  return front.requests
    .filter(r => r.server === 'front')
    .map(r => `${r.method} ${r.path}`)
    .sort()
}

async function run(inputs: Record<string, string>): Promise<ActionRun> {
  front.reset()
  const result = await runAction(inputs)
  // The action's own count and the front's log agree: nothing goes around the HTTP layer. A run
  // stopped by a bad policy writes no report (and sends nothing, which its test checks).
  if (result.report) expect(result.report.run?.requests).toBe(front.requests.length)
  return result
}

function violationsOf(
  r: ActionRun
): { image: string; platform: string; rule: string; expected: string; found: string }[] {
  return JSON.parse(r.outputs.violations ?? 'null') as ReturnType<typeof violationsOf>
}

describe('consistent: each index entry against its config', () => {
  test('the mislabelled entry is a violation naming both platforms; one config GET per platform', async () => {
    const image = `${front.host}/acme/app:mislabelled`
    const policy = await policyFile(
      'consistent.yml',
      `images:\n  - match: "**/acme/app:*"\n    consistent: true\n`
    )
    const r = await run({ images: image, policy, 'fail-on': 'violation' })
    expect(r.code).toBe(1)
    expect(violationsOf(r)).toEqual([
      {
        image,
        platform: 'linux/arm64',
        rule: 'consistent',
        expected: 'linux/arm64 (as the index says)',
        found: expect.stringMatching(
          /^linux\/amd64 \(as config sha256:[0-9a-f]{12} says\)$/
        ) as string
      }
    ])
    expect(r.outputs.ok).toBe('false')
    expect(r.report?.images[0]).toMatchObject({ violations: violationsOf(r) })
    // 1 index + 2 manifests + 2 configs.
    const got = paths()
    expect(got).toHaveLength(5)
    expect(got.filter(p => p.startsWith('GET /v2/acme/app/blobs/'))).toHaveLength(2)
    // The annotation is an error (fail-on: violation) at the rule's line in the policy file.
    expect(r.stdout).toMatch(
      new RegExp(
        `::error title=digest-gate%3A consistent \\(linux/arm64\\),file=${policy.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')},line=3::`
      )
    )
    expect(r.summary).toContain('**Policy:** 1 violation of rule <code>\\*\\*/acme/app:\\*</code>')
    expect(r.summary).toMatch(
      /\| <code>linux\/arm64<\/code> \| <code>consistent<\/code> \| linux\/arm64 \\\(as the index says\\\) \| linux\/amd64 \\\(as config sha256:[0-9a-f]{12} says\\\) \|/
    )
  })

  test('without consistent, no config is read and nothing is reported', async () => {
    const r = await run({ images: `${front.host}/acme/app:mislabelled` })
    expect(r.code).toBe(0)
    expect(violationsOf(r)).toEqual([])
    expect(paths()).toHaveLength(3)
  })
})

describe('attestations: BuildKit attestation manifests and OCI referrers', () => {
  const attested = () => `${front.host}/acme/app:attested`

  test('provenance for one of two platforms: the other is a violation; referrers come from the tag schema on distribution 2.8', async () => {
    const policy = await policyFile('attest.yml', `default:\n  attestations: [provenance]\n`)
    const r = await run({ images: attested(), policy })
    // fail-on defaults to never: the violation is a warning and the step passes.
    expect(r.code).toBe(0)
    expect(r.outputs.ok).toBe('false')
    expect(violationsOf(r)).toEqual([
      {
        image: attested(),
        platform: 'linux/arm64',
        rule: 'attestations',
        expected: 'provenance',
        found: 'sbom, signature (no provenance)'
      }
    ])
    expect(r.stdout).toMatch(
      /::warning title=digest-gate%3A attestations \(linux\/arm64\),file=.*attest\.yml,line=2::/
    )
    const [amd, arm] = r.report?.images[0].platforms as unknown as {
      platform: string
      attached: {
        kind: string
        name: string
        mediaType: string
        predicateType?: string
        via: string
        subject: string
      }[]
    }[]
    expect(amd.attached).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'provenance',
          name: 'SLSA provenance v0.2 (BuildKit)',
          predicateType: 'https://slsa.dev/provenance/v0.2',
          via: 'index',
          subject: 'platform'
        }),
        expect.objectContaining({
          kind: 'signature',
          mediaType: COSIGN_SIG,
          via: 'referrers-tag',
          subject: 'index'
        })
      ])
    )
    expect(amd.attached).toHaveLength(2)
    expect(arm.attached).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'sbom',
          mediaType: SPDX,
          via: 'referrers-tag',
          subject: 'platform'
        }),
        expect.objectContaining({
          kind: 'signature',
          mediaType: NOTATION,
          via: 'referrers-tag',
          subject: 'platform'
        }),
        expect.objectContaining({
          kind: 'signature',
          mediaType: COSIGN_SIG,
          via: 'referrers-tag',
          subject: 'index'
        })
      ])
    )
    expect(arm.attached).toHaveLength(3)
    // 1 index + 2 manifests; 1 attestation manifest; 1 referrers API call (404: none on 2.8),
    // then the tag-schema tag of the index and of each platform.
    const hex = (d: string) => d.replace(':', '-')
    expect(paths()).toEqual(
      [
        'GET /v2/acme/app/manifests/attested',
        `GET /v2/acme/app/manifests/${pushed.amd}`,
        `GET /v2/acme/app/manifests/${pushed.arm}`,
        `GET /v2/acme/app/manifests/${pushed.attestation}`,
        `GET /v2/acme/app/referrers/${pushed.index}`,
        `GET /v2/acme/app/manifests/${hex(pushed.index)}`,
        `GET /v2/acme/app/manifests/${hex(pushed.amd)}`,
        `GET /v2/acme/app/manifests/${hex(pushed.arm)}`
      ].sort()
    )
    const statuses = Object.fromEntries(front.requests.map(q => [q.path, q.status]))
    expect(statuses[`/v2/acme/app/referrers/${pushed.index}`]).toBe(404)
    expect(statuses[`/v2/acme/app/manifests/${hex(pushed.amd)}`]).toBe(404)
    expect(r.summary).toContain(
      '| <code>linux/arm64</code> | <code>attestations</code> | provenance | sbom, signature \\(no provenance\\) |'
    )
  })

  test('through the referrers API: the same findings, one listing per digest and no tag lookups', async () => {
    const policy = await policyFile(
      'attest-api.yml',
      `default:\n  attestations: [provenance, signature]\n`
    )
    const image = `${referrersFront.host}/acme/app:attested`
    referrersFront.requests.length = 0
    const r = await runAction({ images: image, policy })
    expect(r.code).toBe(0)
    expect(violationsOf(r)).toEqual([
      {
        image,
        platform: 'linux/arm64',
        rule: 'attestations',
        expected: 'provenance, signature',
        found: 'sbom, signature (no provenance)'
      }
    ])
    const arm = r.report?.images[0].platforms[1] as unknown as { attached: { via: string }[] }
    expect(arm.attached.map(a => a.via)).toEqual(['referrers', 'referrers', 'referrers'])
    const got = referrersFront.requests.map(q => `${q.method} ${q.path}`).sort()
    expect(got).toEqual(
      [
        'GET /v2/acme/app/manifests/attested',
        `GET /v2/acme/app/manifests/${pushed.amd}`,
        `GET /v2/acme/app/manifests/${pushed.arm}`,
        `GET /v2/acme/app/manifests/${pushed.attestation}`,
        `GET /v2/acme/app/referrers/${pushed.index}`,
        `GET /v2/acme/app/referrers/${pushed.amd}`,
        `GET /v2/acme/app/referrers/${pushed.arm}`
      ].sort()
    )
    expect(r.report?.run?.requests).toBe(7)
  })

  test('a paginated referrers answer is read to its last page (Link rel="next")', async () => {
    // distribution 2.8 has no referrers API to paginate: the fault front answers the arm64
    // listing in two pages, with the real referrers' descriptors, and the other listings with
    // an empty page (a 404 would send the run to the tag schema).
    const page = (manifests: BuiltArtifact[], next?: string): Fault => {
      const headers: Record<string, string> = {}
      if (next) headers.link = `<${next}>; rel="next"`
      const body = JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaTypes.ociIndex,
        manifests: manifests.map(a => ({
          mediaType: a.mediaType,
          digest: a.digest,
          size: a.size,
          artifactType: a.artifactType ?? a.configMediaType
        }))
      })
      return { kind: 'body', contentType: MediaTypes.ociIndex, headers, body }
    }
    const armPath = `/v2/acme/app/referrers/${pushed.arm}`
    // The fault front matches paths without their query, so page 2 has a path of its own: a
    // Link target is whatever URL the registry gives (RFC 8288), and is followed as given.
    front.setRules([
      { path: new RegExp(`^${armPath}$`), fault: page([armReferrers[0]], `${armPath}/page-2`) },
      { path: new RegExp(`^${armPath}/page-2$`), fault: page([armReferrers[1]]) },
      { path: /\/referrers\//, fault: page([]) }
    ])
    try {
      const policy = await policyFile('attest-pages.yml', `default:\n  attestations: [sbom]\n`)
      const r = await run({ images: attested(), policy })
      expect(r.code).toBe(0)
      const arm = r.report?.images[0].platforms[1] as unknown as {
        attached: { mediaType: string; via: string }[]
      }
      expect(arm.attached.map(a => [a.mediaType, a.via])).toEqual([
        [SPDX, 'referrers'],
        [NOTATION, 'referrers']
      ])
      expect(paths()).toContain(`GET ${armPath}/page-2`)
      // 3 to resolve, 1 attestation manifest, 3 listings and the arm64 listing's second page.
      expect(front.requests).toHaveLength(8)
    } finally {
      front.setRules([])
    }
  })

  test('a registry answering the referrers path with something else than an index: the tag schema', async () => {
    front.setRules([
      {
        path: /\/referrers\//,
        fault: {
          kind: 'body',
          body: '<html>not here</html>',
          contentType: 'text/html',
          status: 200
        }
      }
    ])
    try {
      const policy = await policyFile('attest-html.yml', `default:\n  attestations: [sbom]\n`)
      const r = await run({ images: attested(), policy })
      expect(violationsOf(r)).toEqual([
        expect.objectContaining({
          platform: 'linux/amd64',
          found: 'provenance, signature (no sbom)'
        })
      ])
      expect(paths().filter(p => p.includes('/referrers/'))).toHaveLength(1)
      expect(paths().filter(p => /manifests\/sha256-/.test(p))).toHaveLength(3)
    } finally {
      front.setRules([])
    }
  })

  test('a referrers listing that fails: the rule fails closed, naming the answer', async () => {
    front.setRules([
      { path: /\/referrers\//, fault: { kind: 'status', status: 403, times: Infinity } }
    ])
    try {
      const policy = await policyFile('attest-403.yml', `default:\n  attestations: [provenance]\n`)
      const r = await run({ images: attested(), policy, 'fail-on': 'violation' })
      expect(r.code).toBe(1)
      expect(violationsOf(r).map(v => [v.platform, v.found])).toEqual([
        [
          'linux/amd64',
          expect.stringMatching(
            /^unknown: 127\.0\.0\.1:\d+ answered HTTP 403 for referrers of acme\/app@sha256:/
          )
        ],
        ['linux/arm64', expect.stringMatching(/^unknown: .* answered HTTP 403/)]
      ])
      // No tag-schema lookups: a 403 is an answer, not the absence of the API.
      expect(paths().filter(p => /manifests\/sha256-/.test(p))).toHaveLength(0)
    } finally {
      front.setRules([])
    }
  })

  test('a referrer whose descriptor cannot tell: its manifest, then its statement blob, are read', async () => {
    const policy = await policyFile('attest-intoto.yml', `default:\n  attestations: [sbom]\n`)
    const image = `${front.host}/acme/intoto:v1`
    const r = await run({ images: image, policy, 'fail-on': 'violation' })
    expect(r.code).toBe(0)
    expect(violationsOf(r)).toEqual([])
    const [p] = r.report?.images[0].platforms as unknown as {
      attached: { kind: string; name: string; predicateType: string; via: string }[]
    }[]
    expect(p.attached).toEqual([
      expect.objectContaining({
        kind: 'sbom',
        name: 'CycloneDX SBOM',
        predicateType: 'https://cyclonedx.org/bom',
        via: 'referrers-tag'
      })
    ])
    // 1 manifest and 1 config (a single manifest); the referrers probe (404) and the tag; then
    // the artifact manifest and its one blob.
    const got = paths()
    expect(got.filter(p => !p.includes('/blobs/'))).toEqual(
      [
        'GET /v2/acme/intoto/manifests/v1',
        `GET /v2/acme/intoto/referrers/${pushed.intoto}`,
        `GET /v2/acme/intoto/manifests/${pushed.intoto.replace(':', '-')}`,
        `GET /v2/acme/intoto/manifests/${pushed.intotoArtifact}`
      ].sort()
    )
    expect(got.filter(p => p.includes('/blobs/'))).toHaveLength(2)
  })

  test('every kind attached to every platform: no violation', async () => {
    const policy = await policyFile('attest-sig.yml', `default:\n  attestations: [signature]\n`)
    const r = await run({ images: attested(), policy, 'fail-on': 'violation' })
    expect(r.code).toBe(0)
    expect(violationsOf(r)).toEqual([])
    expect(r.outputs.ok).toBe('true')
    expect(r.summary).toContain('**Policy:** no violations of the default rule')
  })

  test('exact counts for an index of 2 platforms and 1 attestation: no policy 3, consistent 5, attestations 8, both 10, a size rule 3', async () => {
    const counts: Record<string, number> = {}
    for (const [name, rule] of [
      ['none', ''],
      ['consistent', 'consistent: true'],
      ['attestations', 'attestations: [sbom]'],
      ['both', 'consistent: true\n  attestations: [sbom]'],
      ['sizes', 'max-size: 1GB\n  max-layers: 100']
    ]) {
      const inputs: Record<string, string> = { images: attested() }
      if (rule) inputs.policy = await policyFile(`count-${name}.yml`, `default:\n  ${rule}\n`)
      const r = await run(inputs)
      expect(r.code).toBe(0)
      counts[name] = front.requests.length
    }
    expect(counts).toEqual({ none: 3, consistent: 5, attestations: 8, both: 10, sizes: 3 })
  })

  test('detail: platforms reads the index only; consistent then reads each manifest and config', async () => {
    const plain = await run({ images: attested(), detail: 'platforms' })
    expect(front.requests).toHaveLength(1)
    expect(plain.code).toBe(0)
    const policy = await policyFile('count-detail.yml', 'default:\n  consistent: true\n')
    const r = await run({
      images: `${front.host}/acme/app:mislabelled`,
      detail: 'platforms',
      policy
    })
    expect(violationsOf(r).map(v => v.platform)).toEqual(['linux/arm64'])
    // 1 index, then per platform 1 manifest and 1 config.
    expect(front.requests).toHaveLength(5)
  })

  test('a rule only for other images reads nothing more for this one', async () => {
    const policy = await policyFile(
      'other.yml',
      `images:\n  - match: "ghcr.io/**"\n    consistent: true\n    attestations: [provenance]\n`
    )
    const r = await run({ images: attested(), policy })
    expect(r.code).toBe(0)
    expect(front.requests).toHaveLength(3)
    expect(r.summary).toContain('**Policy:** no violations of the default rule')
  })
})

describe('sizes: budgets per platform and growth against a baseline', () => {
  let baseline: string
  beforeAll(async () => {
    // The baseline is the report of a real earlier run (the base branch's tags).
    const earlier = await runAction({
      images: `${front.host}/acme/base:main\n${front.host}/acme/tiny:main`
    })
    expect(earlier.code).toBe(0)
    baseline = join(dir, 'baseline.json')
    await writeFile(baseline, JSON.stringify(earlier.report))
  })

  const POLICY = `default:
  platforms: [linux/amd64]
images:
  - match: "*/acme/base:*"
    max-size: 5kB
    max-layers: 1
    max-growth: 10%
  - match: "*/acme/tiny:*"
    max-size: 1KiB
    max-growth: 0%
`

  test('over budget and grown: one violation per rule; the image within budget has none', async () => {
    const policy = await policyFile('sizes.yml', POLICY)
    const big = `${front.host}/acme/base:pr`
    const tiny = `${front.host}/acme/tiny:pr`
    const r = await run({ images: `${big}\n${tiny}`, policy, baseline, 'fail-on': 'violation' })
    expect(r.code).toBe(1)
    expect(violationsOf(r)).toEqual([
      { image: big, platform: 'linux/amd64', rule: 'max-size', expected: '≤ 5 kB', found: '6 kB' },
      {
        image: big,
        platform: 'linux/amd64',
        rule: 'max-layers',
        expected: '≤ 1 layer',
        found: '2 layers'
      },
      {
        image: big,
        platform: 'linux/amd64',
        rule: 'max-growth',
        expected: 'growth ≤ 10% against the baseline (4.88 KiB)',
        found: '+20% (4.88 KiB → 5.86 KiB)'
      }
    ])
    expect(r.report?.images[1]).toMatchObject({ violations: [] })
    // Sizes need no request beyond the resolution: 1 manifest + 1 config per single manifest.
    expect(front.requests).toHaveLength(4)
    expect(r.stderr + r.stdout).toContain('3 policy violations')
    // The summary: violations first, then the size change per platform.
    const section = r.summary.slice(r.summary.indexOf('acme/base:pr'))
    expect(r.summary).toContain(
      '| <code>linux/amd64</code> | <code>max-size</code> | ≤ 5 kB | 6 kB |'
    )
    // The change per platform is the platform table's Change column.
    expect(r.summary).toContain('| Platform | Digest | Layers | Size | Change |')
    expect(r.summary).toMatch(
      /\| <code>linux\/amd64<\/code> \| <code>sha256:[0-9a-f]{12}<\/code> \| 2 \| 5\.86 KiB \| \+1000 B \(\+20\.0%\) \|/
    )
    expect(r.summary).toMatch(
      /\| <code>linux\/amd64<\/code> \| <code>sha256:[0-9a-f]{12}<\/code> \| \d+ \| 1000 B \| ±0 \|/
    )
    expect(section.indexOf('**Policy:**')).toBeLessThan(section.indexOf('| Platform | Digest |'))
    for (const [rule, line] of [
      ['max-size', 5],
      ['max-layers', 6],
      ['max-growth', 7]
    ] as const)
      expect(r.stdout).toMatch(
        new RegExp(
          `::error title=digest-gate%3A ${rule} \\(linux/amd64\\),file=[^,]*sizes\\.yml,line=${line}::`
        )
      )
  })

  test('fail-on never (the default): the same violations, as warnings, and the step passes', async () => {
    const policy = await policyFile('sizes.yml', POLICY)
    const r = await run({ images: `${front.host}/acme/base:pr`, policy, baseline })
    expect(r.code).toBe(0)
    expect(violationsOf(r)).toHaveLength(3)
    expect(r.stdout).not.toContain('::error')
    expect(r.stdout).toContain('::warning title=digest-gate%3A max-size (linux/amd64)')
  })

  test('a rule fail-on overrides the input for the images it matches', async () => {
    const policy = await policyFile(
      'sizes-fail.yml',
      `${POLICY.replace('    max-growth: 10%\n', '    fail-on: violation\n')}`
    )
    const r = await run({ images: `${front.host}/acme/base:pr`, policy, baseline })
    expect(r.code).toBe(1)
  })
})

describe('the policy input', () => {
  test('a bad policy fails the step before any request, naming file, line and key', async () => {
    const policy = await policyFile('bad.yml', 'default:\n  max-size: 80mb\n  colour: blue\n')
    const r = await run({ images: `${front.host}/acme/app:attested`, policy })
    expect(r.code).toBe(1)
    expect(front.requests).toHaveLength(0)
    expect(r.stdout).toContain(`${policy}:2:13: key 'max-size': expected a size such as '80MiB'`)
    expect(r.stdout).toContain("(did you mean 'MB'?)")
    expect(r.stdout).toContain(`${policy}:3:3: key 'colour': unknown key`)
    expect(r.stdout).not.toMatch(/\n\s+at /)
  })

  test('inline YAML works, and its problems name the input', async () => {
    const good = await run({
      images: `${front.host}/acme/app:mislabelled`,
      policy: 'default:\n  consistent: true\n',
      'fail-on': 'violation'
    })
    expect(good.code).toBe(1)
    expect(violationsOf(good)).toHaveLength(1)
    // An inline policy has no file to point an annotation at.
    expect(good.stdout).toMatch(/::error title=digest-gate%3A consistent \(linux\/arm64\)::/)
    const bad = await run({
      images: `${front.host}/acme/app:attested`,
      policy: 'default: {consistent: maybe}'
    })
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain(
      `input 'policy':1:23: key 'consistent': expected true or false, found "maybe"`
    )
    expect(front.requests).toHaveLength(0)
  })

  test('platforms from the inputs are the default beneath the policy', async () => {
    const policy = await policyFile(
      'platforms.yml',
      `images:\n  - match: "**/acme/tiny:*"\n    platforms: [linux/amd64]\n`
    )
    const r = await run({
      images: `${front.host}/acme/tiny:pr\n${front.host}/acme/base:pr`,
      platforms: 'linux/amd64, linux/s390x',
      'fail-on-missing': 'true',
      policy
    })
    expect(r.code).toBe(1)
    expect(JSON.parse(r.outputs.missing)).toEqual([
      { image: `${front.host}/acme/base:pr`, platform: 'linux/s390x' }
    ])
  })

  test('the CLI takes --policy and --fail-on', async () => {
    const policy = await policyFile('cli.yml', 'default:\n  consistent: true\n')
    const image = `${front.host}/acme/app:mislabelled`
    const env = { PATH: process.env.PATH ?? '', HOME: dir }
    const warn = await spawnNode([CLI_ENTRY, '--policy', policy, image], env)
    expect(warn.code).toBe(0)
    expect(warn.stdout).toContain(
      'violation: consistent (linux/arm64): expected linux/arm64 (as the index says), found linux/amd64'
    )
    const fail = await spawnNode(
      [CLI_ENTRY, '--policy', policy, '--fail-on', 'violation', image],
      env
    )
    expect(fail.code).toBe(1)
    const bad = await spawnNode([CLI_ENTRY, '--policy', join(dir, 'none.yml'), image], env)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(`--policy: cannot read '${join(dir, 'none.yml')}' (ENOENT)`)
  })
})
