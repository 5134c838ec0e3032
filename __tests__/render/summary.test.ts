/**
 * The job summary (summary.ts) of a run resolved in-process against the real registry the
 * integration suites use: the headline's verdict and counts, each image's platform table with
 * its digests, layers and sizes, a missing platform, an error, and the forms that fit the limit.
 * Then the verdict (verdictOf) and its mark on hand-built records.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ImageRecord } from '../../src/model/record.js'
import {
  SUMMARY_LIMIT,
  renderSummary,
  renderSummaryWithinLimit,
  summaryHeadline,
  verdictOf
} from '../../src/render/summary.js'
import { failureOf, runGate } from '../../src/run/run.js'
import { parseSettings } from '../../src/run/settings.js'
import {
  type PushedImage,
  type PushedIndex,
  type RunningRegistry,
  pushImage,
  pushIndex,
  startRegistry
} from '../integration/harness/registry.js'
import { sampleImage as image } from '../helpers/records.js'

let reg: RunningRegistry
let dir: string
let children: PushedImage[]
let index: PushedIndex
let records: ImageRecord[]
let failure: string | undefined

beforeAll(async () => {
  reg = await startRegistry()
  dir = await mkdtemp(join(tmpdir(), 'dg-summary-'))
  children = await Promise.all(
    [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' }
    ].map(platform => pushImage(reg, 'app', undefined, { platform, layerSizes: [1024, 1024] }))
  )
  index = await pushIndex(reg, 'app', '1', children)
  const result = await runGate(
    parseSettings({
      images: `${reg.host}/app:1\n${reg.host}/app:nope`,
      platforms: 'linux/amd64,linux/s390x'
    }),
    { env: { HOME: dir, DOCKER_CONFIG: dir } }
  )
  records = result.records
  failure = failureOf(result)
})

afterAll(async () => {
  await reg?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const short = (digest: string) => digest.slice(0, 'sha256:'.length + 12)

test('the headline counts images, failures and gaps, under the verdict', () => {
  const verdict = verdictOf(failure, { records })
  expect(verdict).toBe('failed')
  const lines = renderSummary(records, verdict).split('\n')
  expect(lines.slice(0, 3)).toEqual([
    '## digest-gate ❌',
    '',
    '2 images: 1 resolved, 1 failed, 1 required platform missing.'
  ])
})

test("each resolved image: its digest, a row per platform with the registry's figures, then totals", () => {
  const text = renderSummary(records, 'findings', undefined, { charts: false })
  // Two layers of 1 KiB each per platform, as pushed.
  expect(children.map(c => c.totalLayerSize)).toEqual([2048, 2048])
  expect(text).toContain(`### ⚠️ <code>${reg.host}/app:1</code>`)
  expect(text).toContain(`<code>${reg.host}/app:1@${index.digest}</code>`)
  expect(text).toContain(
    `| <code>linux/amd64</code> | <code>${short(children[0].digest)}</code> | 2 | 2.00 KiB |`
  )
  expect(text).toContain(
    `| <code>linux/arm64</code> | <code>${short(children[1].digest)}</code> | 2 | 2.00 KiB |`
  )
  expect(text).toContain('| **Total: 2 platforms** | | 4 | 4.00 KiB |')
  expect(text).toContain('**Missing:** <code>linux/s390x</code>')
  expect(text).toContain(`### ❌ <code>${reg.host}/app:nope</code>`)
  expect(text).toMatch(/\*\*Error:\*\* .*answered HTTP 404 for manifest app:nope/)
})

test('too many images for the limit: one row per image, the rest in the report file', () => {
  const many = Array.from({ length: 4000 }, (_, i) => ({
    ...records[0],
    image: `${reg.host}/app${i}:1`,
    notes: ['x'.repeat(200)]
  }))
  const text = renderSummaryWithinLimit(many, 'passed')
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT)
  expect(text).toContain('Too many images for a detailed summary')
  expect(text).toContain(
    `| ⚠️ | <code>${reg.host}/app0:1</code> | <code>${short(index.digest)}</code> | 2 platforms; missing <code>linux/s390x</code> |`
  )
  // Small enough: the full form, charts included.
  expect(renderSummaryWithinLimit(records.slice(0, 1), 'passed')).toBe(
    renderSummary(records.slice(0, 1), 'passed')
  )
})

test('verdicts: passed when nothing is worth a look, findings when something is', () => {
  const clean = { ...records[0], missing: [] }
  expect(verdictOf(undefined, { records: [clean] })).toBe('passed')
  expect(verdictOf(undefined, { records: [clean], warnings: ['waited'] })).toBe('findings')
  expect(verdictOf(undefined, { records })).toBe('findings')
})

describe('verdictOf: what the headline says', () => {
  test.each<[string, string | undefined, Partial<ImageRecord>, string[], string]>([
    ['nothing wrong', undefined, {}, [], 'passed'],
    [
      'a missing platform that does not fail',
      undefined,
      { missing: ['linux/s390x'] },
      [],
      'findings'
    ],
    [
      'a violation that does not fail',
      undefined,
      {
        violations: [
          { image: 'x', platform: 'linux/amd64', rule: 'max-size', expected: '1', found: '2' }
        ]
      },
      [],
      'findings'
    ],
    ['a warning of the run', undefined, {}, ['wait ran out'], 'findings'],
    [
      'the step fails',
      '1 required platform is missing',
      { missing: ['linux/s390x'] },
      [],
      'failed'
    ],
    ['the step fails for a reason of its own', 'bad baseline', {}, [], 'failed']
  ])('%s', (_what, failure, extra, warnings, verdict) => {
    expect(verdictOf(failure, { records: [image(extra)], warnings })).toBe(verdict)
  })

  test.each([
    ['passed', '✅'],
    ['findings', '⚠️'],
    ['failed', '❌']
  ] as const)('%s is headed %s', (verdict, mark) => {
    expect(summaryHeadline([image()], verdict)[0]).toBe(`## digest-gate ${mark}`)
  })
})
