/**
 * The job summary (summary.ts) of a run resolved in-process against the real registry the
 * integration suites use: the headline's verdict and counts, each image's platform table with
 * its digests, layers and sizes, a missing platform, an error, and the forms that fit the limit.
 * Then, on hand-built records: the verdict (verdictOf) and its mark, every part of the summary
 * (heading, tables, notes, charts, the baseline, run facts) and its forms within the limit.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ImageRecord } from '../../src/model/record.js'
import {
  SUMMARY_LIMIT,
  renderSummary,
  renderSummaryWithinLimit,
  runLines,
  summaryHeadline,
  verdictOf
} from '../../src/render/summary.js'
import { parseBaseline } from '../../src/report/baseline.js'
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
import { D, bareRecord as record, sampleImage as image } from '../helpers/records.js'
import {
  failed,
  fromDocker,
  nginx,
  pinnedByDigest,
  reportedPlatform as platform
} from '../helpers/report-records.js'

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

describe('renderSummary', () => {
  const summary = renderSummary([nginx(), pinnedByDigest(), failed(), fromDocker()], false)
  const lines = summary.split('\n')

  test('a heading with the verdict and the counts', () => {
    expect(lines[0]).toBe('## digest-gate ❌')
    expect(summary).toContain('4 images: 3 resolved, 1 failed, 1 required platform missing.')
    expect(renderSummary([pinnedByDigest()], true).split('\n')[0]).toBe('## digest-gate ✅')
    expect(renderSummary([pinnedByDigest()], true)).toContain(
      '1 image: 1 resolved, 0 failed, 0 required platforms missing.'
    )
  })

  test('one section per image, marked by outcome', () => {
    expect(lines.filter(l => l.startsWith('### '))).toEqual([
      '### ⚠️ <code>nginx:1.27</code>',
      `### ✅ <code>ghcr.io/o/app@${D('2')}</code>`,
      '### ❌ <code>ghcr.io/nope/missing:1</code>',
      '### ✅ <code>alpine:3.20</code>'
    ])
  })

  test('a table row per platform: short digest, layer count, human size; then totals', () => {
    const start = lines.indexOf('| Platform | Digest | Layers | Size |')
    expect(start).toBeGreaterThan(0)
    expect(lines.slice(start, start + 5)).toEqual([
      '| Platform | Digest | Layers | Size |',
      '| --- | --- | ---: | ---: |',
      '| <code>linux/amd64</code> | <code>sha256:aaaaaaaaaaaa</code> | 7 | 65.0 MiB |',
      '| <code>linux/arm64</code> | <code>sha256:bbbbbbbbbbbb</code> | 7 | 61.0 MiB |',
      '| **Total: 2 platforms** | | 14 | 126.0 MiB |'
    ])
    expect(summary).toContain(
      '| <code>linux/amd64</code> | <code>sha256:222222222222</code> | 3 | 1.50 KiB |'
    )
    expect(summary).toContain('| **Total: 1 platform** | | 3 | 1.50 KiB |')
  })

  test('the pinned name and media type of each resolved image', () => {
    expect(summary).toContain(`<code>docker.io/library/nginx:1.27@${D('1')}</code>`)
    // Escaped like any registry-supplied text; \+ renders as +.
    expect(summary).toContain('application/vnd.oci.image.index.v1\\+json')
  })

  test('a Missing line and the attestation count', () => {
    expect(summary).toContain('**Missing:** <code>linux/s390x</code>')
    expect(summary).toContain('Attestations: 2')
    // Only images with attestations or gaps get those lines.
    expect(summary.match(/\*\*Missing:\*\*/g)).toHaveLength(1)
    expect(summary.match(/Attestations:/g)).toHaveLength(1)
  })

  test('the error of a failed image, and no table for it', () => {
    const section = summary.slice(summary.indexOf('### ❌'), summary.indexOf('### ✅ <code>alpine'))
    expect(section).toContain(
      '**Error:** registry ghcr.io answered 404 MANIFEST\\_UNKNOWN for ghcr.io/nope/missing:1'
    )
    expect(section).not.toContain('| Platform |')
  })

  test('figures a source cannot give are n/a, and the summary says why', () => {
    const section = summary.slice(summary.indexOf('### ✅ <code>alpine'))
    expect(section).toContain('| <code>linux/amd64</code> | <code>n/a</code> | n/a | n/a |')
    expect(section).toContain('| **Total: 2 platforms** | | n/a | n/a |')
    expect(section).toMatch(/^> The Docker Engine API gives no per-platform digests/m)
  })

  test('notes and rate limits', () => {
    const r = { ...nginx(), notes: ['skipped <b>1</b> entry of type [x](y)'] }
    const out = renderSummary([r], false, {
      rateLimitRemaining: { 'registry-1.docker.io': '97;w=21600' }
    })
    expect(out).toContain('<details><summary>Notes</summary>')
    expect(out).toContain('- skipped &lt;b&gt;1&lt;/b&gt; entry of type \\[x\\]\\(y\\)')
    expect(out).toContain('Rate limit remaining: <code>registry-1.docker.io</code>: 97;w=21600')
  })

  test.each([
    ['a failed image', (image: string): ImageRecord => failed(image)],
    ['a resolved image', (image: string): ImageRecord => ({ ...nginx(), image })]
  ])('escapes a hostile image name (%s)', (_what, make) => {
    const hostile = 'evil<script>alert(1)</script>|[x](https://e.vil)`**b**_i_\n# h'
    const out = renderSummary([make(hostile)], false)
    expect(out).not.toContain('<script>')
    expect(out).not.toContain('</script>')
    expect(out).not.toContain('[x](https://e.vil)')
    expect(out).not.toContain('](')
    // The size chart's own fence lines aside, no backtick is left unescaped.
    expect(out.replace(/^```(mermaid)?$/gm, '')).not.toMatch(/(^|[^\\])`/m)
    expect(out).not.toContain('**b**')
    const heading = out.split('\n').find(l => l.startsWith('### '))
    expect(heading).toBeDefined()
    expect(heading).toContain('&lt;script&gt;')
    // No bare pipe that could open a table cell, no line break that could start a block.
    expect(heading).not.toMatch(/(^|[^\\])\|/)
    expect(out).not.toMatch(/^# h/m)
  })

  test('a hostile platform key or media type from a registry is escaped too', () => {
    const r = nginx()
    r.mediaType = 'application/x+json<img src=x>'
    r.platforms = [platform('linux/amd64|[x](y)', D('a'), 1, 1)]
    const out = renderSummary([r], false)
    expect(out).not.toContain('<img')
    expect(out).not.toContain('[x](y)')
    const row = out.split('\n').find(l => l.includes('linux/amd64'))
    // Four cells: the key's pipe does not add one.
    expect(row?.split(/(?<!\\)\|/).length).toBe(6)
  })
})

describe('renderSummary: size charts and the baseline', () => {
  test('a chart per image with sizes, after its table', () => {
    const out = renderSummary([nginx()], false)
    expect(out).toContain(
      [
        '| **Total: 2 platforms** | | 14 | 126.0 MiB |',
        '',
        'Size per platform (MiB).',
        '',
        '```mermaid',
        'xychart-beta',
        '  x-axis ["linux/amd64", "linux/arm64"]',
        '  y-axis "Size (MiB)" 0 --> 100',
        '  bar [64.97, 61.04]',
        '```'
      ].join('\n')
    )
    expect(renderSummary([nginx()], false, undefined, { charts: false })).not.toContain('```')
  })

  test('no chart without sizes or for a lone platform', () => {
    expect(renderSummary([pinnedByDigest(), fromDocker(), failed()], false)).not.toContain('```')
  })

  test('with a baseline: the change per platform and in total, and the base sizes charted', () => {
    const baseline = parseBaseline(
      JSON.stringify({
        images: [
          {
            image: 'nginx:1.27',
            ref: 'docker.io/library/nginx:1.27',
            platforms: [
              { platform: 'linux/amd64', size: 68123456 - 1024 * 1024 },
              { platform: 'linux/arm64', size: 64000000 }
            ]
          }
        ]
      }),
      'base.json'
    )
    const out = renderSummary([nginx(), pinnedByDigest()], false, undefined, { baseline })
    expect(out).toContain('| Platform | Digest | Layers | Size | Change |')
    expect(out).toContain(
      '| <code>linux/amd64</code> | <code>sha256:aaaaaaaaaaaa</code> | 7 | 65.0 MiB | +1.00 MiB (+1.6%) |'
    )
    expect(out).toContain(
      '| <code>linux/arm64</code> | <code>sha256:bbbbbbbbbbbb</code> | 7 | 61.0 MiB | ±0 |'
    )
    expect(out).toContain('| **Total: 2 platforms** | | 14 | 126.0 MiB | +1.00 MiB (+0.8%) |')
    expect(out).toContain('  bar [64.97, 61.04]\n  line [63.97, 61.04]')
    // The other image is not in the baseline: no Change column, and a line saying why.
    expect(out).toContain('No image in the baseline matches this one; no size change is shown.')
    expect(out).toContain(
      '| <code>linux/amd64</code> | <code>sha256:222222222222</code> | 3 | 1.50 KiB |\n'
    )
  })
})

describe("the summary within GitHub's 1 MiB limit", () => {
  const many = (n: number): ImageRecord[] =>
    Array.from({ length: n }, (_, i) => ({
      ...nginx(),
      image: `registry.example/team/app-${i}:1.27`
    }))

  test('a few images get the full form', () => {
    const records = many(3)
    expect(renderSummaryWithinLimit(records, false)).toBe(renderSummary(records, false))
  })

  test('charts are dropped first, keeping every table', () => {
    const one = (charts: boolean): number =>
      Buffer.byteLength(renderSummary(many(1), false, undefined, { charts }))
    const n = Math.floor(SUMMARY_LIMIT / one(false)) - 5
    const records = many(n)
    // Only meaningful while the charts tip the summary over the limit and their absence does not.
    expect(Buffer.byteLength(renderSummary(records, false))).toBeGreaterThan(SUMMARY_LIMIT)
    const noCharts = renderSummary(records, false, undefined, { charts: false })
    expect(Buffer.byteLength(noCharts)).toBeLessThanOrEqual(SUMMARY_LIMIT)
    expect(renderSummaryWithinLimit(records, false)).toBe(noCharts)
    expect(one(true)).toBeGreaterThan(one(false))
  })

  test('thousands of images get one row each, under the limit', () => {
    const records = many(3000)
    expect(Buffer.byteLength(renderSummary(records, false))).toBeGreaterThan(SUMMARY_LIMIT)
    const out = renderSummaryWithinLimit(records, false)
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(SUMMARY_LIMIT)
    expect(out).toContain('every figure is in the report file')
    expect(out).toContain('registry.example/team/app-2999:1.27')
  })

  test('more rows than fit: as many as fit, and how many were left out', () => {
    const records = many(20000)
    const out = renderSummaryWithinLimit(records, false)
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(SUMMARY_LIMIT)
    expect(out).toMatch(/…and \d+ more images, in the report file\./)
  })
})

describe('run facts in the summary', () => {
  test('shard, merge, wait and cache each get a line; nothing when none was used', () => {
    expect(runLines({ requests: 3 })).toEqual([])
    const lines = runLines({
      shard: { index: 2, count: 4, images: 503, total: 2000, positions: [] },
      merged: { reports: ['a', 'b'], shards: { count: 4, indexes: [1, 2] }, images: 1000 },
      wait: {
        seconds: 60,
        rounds: 3,
        waitedMs: 60000,
        timedOut: true,
        pending: [
          { image: 'app:1', reason: 'missing', platforms: ['linux/arm64'] },
          { image: 'gone|x', reason: 'not-found', platforms: [] }
        ]
      },
      cache: { dir: 'c', hits: 500, misses: 1, stored: 1, corrupt: 0, writeErrors: 2 }
    }).filter(Boolean)
    expect(lines).toEqual([
      'shard 2/4: 503 of 2000 images.',
      'Merged from 2 report files (shards 1, 2 of 4): 1000 images.',
      'Waited 60 s (3 rounds of re-reading); still incomplete when wait ran out: <code>app:1</code> (<code>linux/arm64</code>), <code>gone\\|x</code> (not-found).',
      'Cache: 500 hits, 1 miss, 1 stored, 0 corrupt, 2 write errors.'
    ])
    const summary = renderSummary([nginx()], false, {
      cache: { dir: 'c', hits: 7, misses: 0, stored: 0, corrupt: 0, writeErrors: 0 }
    })
    expect(summary).toContain('Cache: 7 hits, 0 misses, 0 stored, 0 corrupt.')
  })
})

describe('the summary with files', () => {
  test('the files section follows the headline, before the images', () => {
    const md = renderSummary([record('a')], true, undefined, { files: '### Files (verify)' })
    expect(md.indexOf('### Files (verify)')).toBeGreaterThan(md.indexOf('## digest-gate'))
    expect(md.indexOf('### Files (verify)')).toBeLessThan(md.indexOf('<code>a</code>'))
  })
})
