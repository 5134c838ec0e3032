/**
 * The reads a run shares: one memo per run, so the same manifest's configs and attachments are
 * read once however many images (or spellings of one) ask, against the real registry the
 * integration suites use.
 */
import { readAttached } from '../../src/policy/attestations.js'
import { readConfigs } from '../../src/policy/consistency.js'
import { newReadMemo } from '../../src/policy/subject.js'
import {
  type PolicyImages,
  REPO,
  disposeClients,
  pushPolicyImages,
  resolved
} from '../helpers/policy-registry.js'
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

test('a new memo is empty and its own', () => {
  const a = newReadMemo()
  const b = newReadMemo()
  expect(a.configs.size + a.attached.size).toBe(0)
  expect(a.configs).not.toBe(b.configs)
  expect(a.attached).not.toBe(b.attached)
})

test('two images sharing a memo read each config and each listing once', async () => {
  const { record, source, requestsSince } = await resolved(reg, 'attested')
  const memo = newReadMemo()
  const twin = structuredClone(record)
  const first = { record, source, repository: REPO, memo }
  const second = { record: twin, source, repository: REPO, memo }
  const [configs, again] = await Promise.all([readConfigs(first), readConfigs(second)])
  expect(again).toEqual(configs)
  expect(requestsSince()).toBe(2)
  expect(memo.configs.size).toBe(2)
  await Promise.all([readAttached(first), readAttached(second)])
  // One referrers probe, three listings, one attestation manifest: none of them twice.
  expect(requestsSince()).toBe(2 + 5)
  expect(twin.platforms.map(p => p.attached?.length)).toEqual([2, 3])
  // A fresh memo reads again (the source now knows it has no referrers API: no probe).
  await readConfigs({ record, source, repository: REPO, memo: newReadMemo() })
  expect(requestsSince()).toBe(2 + 5 + 2)
  expect(images.attested.amd.digest).toBe(record.platforms[0].digest)
})
