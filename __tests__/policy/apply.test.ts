/**
 * A run's policy after resolution, in-process against the real registry the integration
 * suites use: each image's rule, only the reads it needs, then its violations, set on the
 * records and returned in record order.
 */
import type { ImageRecord } from '../../src/model/record.js'
import { type SourceOf, judgeRecords } from '../../src/policy/apply.js'
import type { EffectiveRule } from '../../src/policy/rule.js'
import {
  type PolicyImages,
  REPO,
  type Resolved,
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

function rule(keys: Partial<EffectiveRule> = {}): EffectiveRule {
  return { 'fail-on': 'never', sites: {}, matched: 'default', ...keys }
}

const sourceOf =
  (...all: Resolved[]): SourceOf =>
  i =>
    Promise.resolve({ source: all[i].source, repository: REPO })

test('consistent and attestations: each image judged by its rule, violations in record order', async () => {
  const mislabelled = await resolved(reg, 'mislabelled')
  const attested = await resolved(reg, 'attested')
  const records = [mislabelled.record, attested.record]
  const violations = await judgeRecords(
    records,
    [rule({ consistent: true }), rule({ attestations: ['provenance'] })],
    sourceOf(mislabelled, attested)
  )
  expect(violations).toEqual([
    {
      image: mislabelled.record.image,
      platform: 'linux/arm64',
      rule: 'consistent',
      expected: 'linux/arm64 (as the index says)',
      found: `linux/amd64 (as config ${images.mislabelled.arm.configDigest.slice(0, 19)} says)`
    },
    {
      image: attested.record.image,
      platform: 'linux/arm64',
      rule: 'attestations',
      expected: 'provenance',
      found: 'sbom, signature (no provenance)'
    }
  ])
  expect(mislabelled.record.violations).toEqual([violations[0]])
  expect(attested.record.violations).toEqual([violations[1]])
  // Only the reads each rule needs: two configs; the attachments of the other image.
  expect(mislabelled.requestsSince()).toBe(2)
  expect(attested.requestsSince()).toBe(5)
})

test('a rule that needs no reads sends nothing, and a failed image is not judged', async () => {
  const attested = await resolved(reg, 'attested')
  const failed: ImageRecord = {
    ...structuredClone(attested.record),
    image: 'failed.example/app:1',
    error: 'gone'
  }
  const asked: number[] = []
  const violations = await judgeRecords(
    [attested.record, failed],
    [rule({ 'max-layers': 1 }), rule({ consistent: true, 'max-layers': 1 })],
    i => {
      asked.push(i)
      return Promise.resolve({ source: attested.source, repository: REPO })
    }
  )
  expect(violations.map(v => [v.platform, v.rule, v.expected, v.found])).toEqual([
    ['linux/amd64', 'max-layers', '≤ 1 layer', '2 layers'],
    ['linux/arm64', 'max-layers', '≤ 1 layer', '2 layers']
  ])
  expect(violations.every(v => v.image === attested.record.image)).toBe(true)
  expect(asked).toEqual([])
  expect(attested.requestsSince()).toBe(0)
})

test('max-growth compares with the baseline; an image whose source is gone is judged unread', async () => {
  const attested = await resolved(reg, 'attested')
  const { record } = attested
  const baseline = {
    source: 'baseline.json',
    images: [
      {
        image: record.image,
        ref: record.ref,
        digest: null,
        platforms: record.platforms.map(p => ({
          platform: p.platform,
          size: (p.size ?? 0) - 100,
          layers: p.layers
        }))
      }
    ]
  }
  const violations = await judgeRecords(
    [record],
    [rule({ 'max-growth': 0.0001, consistent: true })],
    () => Promise.resolve(undefined),
    baseline
  )
  // Growth from 400 B to 500 B per platform; the configs were never read, so the gate fails
  // closed rather than pass what it never saw.
  expect(violations.map(v => [v.platform, v.rule, v.expected, v.found])).toEqual([
    [
      'linux/amd64',
      'max-growth',
      'growth ≤ 0% against the baseline (400 B)',
      '+25% (400 B → 500 B)'
    ],
    ['linux/amd64', 'consistent', 'linux/amd64 (as the index says)', 'unknown: not read'],
    [
      'linux/arm64',
      'max-growth',
      'growth ≤ 0% against the baseline (400 B)',
      '+25% (400 B → 500 B)'
    ],
    ['linux/arm64', 'consistent', 'linux/arm64 (as the index says)', 'unknown: not read']
  ])
  expect(attested.requestsSince()).toBe(0)
})
