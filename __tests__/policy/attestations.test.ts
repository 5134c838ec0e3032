/**
 * The `attestations` rule's reads in-process, against the real registry the integration
 * suites use (distribution 2.8: referrers by the tag schema): BuildKit attestation manifests in
 * the index, OCI referrers of each platform and of the index, each read once per run.
 */
import { readAttached } from '../../src/policy/attestations.js'
import type { AttachedFinding } from '../../src/policy/evaluate.js'
import { newReadMemo } from '../../src/policy/subject.js'
import {
  type PolicyImages,
  REPO,
  disposeClients,
  pushPolicyImages,
  resolved
} from '../helpers/policy-registry.js'
import { startFaultFront } from '../integration/harness/fault-front.js'
import { type RunningRegistry, startRegistry } from '../integration/harness/registry.js'

let reg: RunningRegistry
let images: PolicyImages

beforeAll(async () => {
  reg = await startRegistry()
  images = await pushPolicyImages(reg)
})

afterAll(async () => {
  disposeClients()
  await reg?.stop()
})

const sig = (digest: string) => ({
  kind: 'signature',
  format: 'cosign',
  name: 'cosign signature',
  mediaType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
  signed: true,
  digest,
  via: 'referrers-tag',
  subject: 'index'
})

function attachedOf(found: Map<string, AttachedFinding>, digest: string) {
  const finding = found.get(digest)
  if (!finding || !('attached' in finding)) throw new Error(`no attached for ${digest}`)
  return finding.attached
}

test("each platform: the index's signature, its BuildKit attestation, its own referrers", async () => {
  const { record, source, requestsSince } = await resolved(reg, 'attested')
  const { amd, arm, attestation, armReferrers, indexReferrers } = images.attested
  const found = await readAttached({ record, source, repository: REPO, memo: newReadMemo() })
  expect(attachedOf(found, amd.digest)).toEqual([
    sig(indexReferrers[0].digest),
    {
      kind: 'provenance',
      format: 'buildkit',
      name: 'SLSA provenance v0.2 (BuildKit)',
      mediaType: 'application/vnd.in-toto+json',
      signed: false,
      digest: attestation,
      via: 'index',
      subject: 'platform',
      predicateType: 'https://slsa.dev/provenance/v0.2'
    }
  ])
  expect(attachedOf(found, arm.digest)).toEqual([
    sig(indexReferrers[0].digest),
    expect.objectContaining({
      kind: 'sbom',
      format: 'spdx',
      digest: armReferrers[0].digest,
      subject: 'platform'
    }),
    expect.objectContaining({
      kind: 'signature',
      format: 'notation',
      digest: armReferrers[1].digest,
      subject: 'platform'
    })
  ])
  // The same list lands on the record's platforms.
  expect(record.platforms.map(p => p.attached?.length)).toEqual([2, 3])
  expect(record.notes).toEqual([])
  // One referrers API probe (distribution 2.8 answers 404), then three tag-schema listings
  // (index, amd64, arm64) and the one attestation manifest.
  expect(requestsSince()).toBe(5)
})

test('a source that cannot list referrers: only attestation manifests, and a note saying so', async () => {
  const { record, source } = await resolved(reg, 'attested')
  const noReferrers = Object.assign(Object.create(source) as typeof source, {
    fetchReferrers: undefined
  })
  const found = await readAttached({
    record,
    source: noReferrers,
    repository: REPO,
    memo: newReadMemo()
  })
  expect(attachedOf(found, images.attested.amd.digest).map(a => a.kind)).toEqual(['provenance'])
  expect(attachedOf(found, images.attested.arm.digest)).toEqual([])
  expect(record.notes).toEqual([
    'the registry source cannot list OCI referrers; only attestation manifests in the index were looked for'
  ])
})

test("a listing that fails is that platform's error; the other platform keeps its findings", async () => {
  const armTag = `sha256-${images.attested.arm.digest.slice('sha256:'.length)}`
  const front = await startFaultFront(reg.url, [
    {
      path: new RegExp(`/manifests/${armTag}$`),
      fault: { kind: 'status', status: 403, times: Infinity }
    }
  ])
  try {
    const { record, source } = await resolved(front, 'attested')
    const found = await readAttached({ record, source, repository: REPO, memo: newReadMemo() })
    expect(attachedOf(found, images.attested.amd.digest)).toHaveLength(2)
    expect(found.get(images.attested.arm.digest)).toEqual({
      error: expect.stringContaining(
        `${front.host} answered HTTP 403 for manifest ${REPO}:${armTag}`
      ) as string
    })
  } finally {
    await front.stop()
  }
})
