/**
 * The step's outputs (outputs.ts): digests, pinned, missing and the rest as the contract names
 * them, each within GitHub's limit per output. The summary and table built from the same
 * records are tested in render/summary.test.ts and render/table.test.ts.
 */
import type { MissingPlatform } from '../../src/model/record.js'
import {
  OUTPUTS,
  OUTPUT_LIMIT,
  TRUNCATED_KEY,
  buildOutputs,
  digestsOutput,
  fitArray,
  fitLines,
  fitObject,
  pinnedOutput
} from '../../src/report/outputs.js'
import type { ImageRecord } from '../../src/model/record.js'
import { D, OCI_INDEX } from '../helpers/records.js'
import {
  DOCKER_MANIFEST,
  failed,
  fromDocker,
  nginx,
  pinnedByDigest,
  reportedPlatform as platform
} from '../helpers/report-records.js'

describe('digestsOutput', () => {
  test('keyed by each image as given; failed images carry only their error', () => {
    expect(digestsOutput([nginx(), pinnedByDigest(), failed()])).toEqual({
      'nginx:1.27': {
        ref: 'docker.io/library/nginx:1.27',
        digest: D('1'),
        mediaType: OCI_INDEX,
        platforms: { 'linux/amd64': D('a'), 'linux/arm64': D('b') }
      },
      [`ghcr.io/o/app@${D('2')}`]: {
        ref: 'ghcr.io/o/app',
        digest: D('2'),
        mediaType: DOCKER_MANIFEST,
        platforms: { 'linux/amd64': D('2') }
      },
      'ghcr.io/nope/missing:1': {
        error:
          'ghcr.io/nope/missing:1: registry ghcr.io answered 404 MANIFEST_UNKNOWN for ghcr.io/nope/missing:1'
      }
    })
  })

  test('the contract shape exactly: ref, digest, mediaType, platforms; or error', () => {
    const out = JSON.parse(JSON.stringify(digestsOutput([nginx(), failed()]))) as Record<
      string,
      Record<string, unknown>
    >
    expect(Object.keys(out['nginx:1.27']).sort()).toEqual([
      'digest',
      'mediaType',
      'platforms',
      'ref'
    ])
    expect(Object.keys(out['ghcr.io/nope/missing:1'])).toEqual(['error'])
  })

  test('the image key is the input as given, not the normalised name', () => {
    const r = { ...nginx(), image: 'nginx', ref: 'docker.io/library/nginx:latest' }
    expect(Object.keys(digestsOutput([r]))).toEqual(['nginx'])
  })

  test('a Docker Engine source gives null per-platform digests, never guessed ones', () => {
    expect(digestsOutput([fromDocker()])['alpine:3.20'].platforms).toEqual({
      'linux/amd64': null,
      'linux/arm64': null
    })
  })

  test('a platform listed twice keeps its first digest', () => {
    const r = nginx()
    r.platforms.push(platform('linux/amd64', D('c'), 1, 1))
    expect(digestsOutput([r])['nginx:1.27'].platforms).toEqual({
      'linux/amd64': D('a'),
      'linux/arm64': D('b')
    })
  })
})

describe('pinnedOutput', () => {
  test.each<[string, ImageRecord[], string]>([
    ['nothing', [], ''],
    ['a tag', [nginx()], `docker.io/library/nginx:1.27@${D('1')}`],
    ['a digest-only reference', [pinnedByDigest()], `ghcr.io/o/app@${D('2')}`],
    [
      'one line per resolved image, failed ones left out',
      [nginx(), failed(), pinnedByDigest()],
      `docker.io/library/nginx:1.27@${D('1')}\nghcr.io/o/app@${D('2')}`
    ],
    ['only failures', [failed(), failed('x')], '']
  ])('%s', (_what, records, pinned) => {
    expect(pinnedOutput(records)).toBe(pinned)
  })
})

describe('buildOutputs', () => {
  test('the outputs as strings, as the contract names them', () => {
    const records = [nginx(), failed()]
    const missing: MissingPlatform[] = [{ image: 'nginx:1.27', platform: 'linux/s390x' }]
    const out = buildOutputs(records, missing, false)
    expect(Object.keys(out).sort()).toEqual([
      'digests',
      'missing',
      'ok',
      'pinned',
      'truncated',
      'violations'
    ])
    expect(out.truncated).toEqual([])
    expect(JSON.parse(out.digests)).toEqual({
      'nginx:1.27': {
        ref: 'docker.io/library/nginx:1.27',
        digest: D('1'),
        mediaType: OCI_INDEX,
        platforms: { 'linux/amd64': D('a'), 'linux/arm64': D('b') }
      },
      'ghcr.io/nope/missing:1': { error: failed().error }
    })
    expect(out.missing).toBe('[{"image":"nginx:1.27","platform":"linux/s390x"}]')
    expect(out.pinned).toBe(`docker.io/library/nginx:1.27@${D('1')}`)
    expect(out.ok).toBe('false')
    expect(out.violations).toBe('[]')
  })

  test('ok true, nothing missing', () => {
    const out = buildOutputs([pinnedByDigest()], [], true)
    expect(out.ok).toBe('true')
    expect(out.missing).toBe('[]')
  })

  test('violations: the five fields of each, in order', () => {
    const v = {
      image: 'nginx:1.27',
      platform: 'linux/amd64',
      rule: 'max-size' as const,
      expected: '≤ 80 MiB',
      found: '83.2 MiB'
    }
    const out = buildOutputs([nginx()], [], false, '', [v])
    expect(JSON.parse(out.violations)).toEqual([v])
  })

  test('output names', () => {
    expect(OUTPUTS).toEqual({
      digests: 'digests',
      missing: 'missing',
      pinned: 'pinned',
      ok: 'ok',
      reportFile: 'report-file',
      violations: 'violations',
      changedFiles: 'changed-files'
    })
  })
})

describe("outputs within GitHub's 1 MB limit per output", () => {
  const REPORT = '/runner/_temp/digest-gate-report-1.json'
  const many = (n: number): ImageRecord[] =>
    Array.from({ length: n }, (_, i) => ({ ...nginx(), image: `registry.example/team/app-${i}:1` }))

  test('a value exactly at the limit is kept whole; one byte past it is trimmed', () => {
    const entries = Object.fromEntries(many(40).map(r => [r.image, { digest: r.digest }]))
    const whole = JSON.stringify(entries)
    const size = Buffer.byteLength(whole)
    expect(fitObject(entries, REPORT, size)).toEqual({ text: whole, truncated: false })
    const cut = fitObject(entries, REPORT, size - 1)
    expect(cut.truncated).toBe(true)
    expect(Buffer.byteLength(cut.text)).toBeLessThanOrEqual(size - 1)
    const parsed = JSON.parse(cut.text) as Record<string, unknown>
    const kept = Object.keys(parsed).filter(k => k !== TRUNCATED_KEY)
    expect(parsed[TRUNCATED_KEY]).toEqual({
      truncated: true,
      total: 40,
      included: kept.length,
      'report-file': REPORT
    })
    // The first images, in order, each whole.
    expect(kept).toEqual(Object.keys(entries).slice(0, kept.length))
    for (const k of kept) expect(parsed[k]).toEqual(entries[k])
    expect(kept.length).toBeGreaterThan(30)
  })

  test('the marker key cannot be an image: a # starts a comment in images', () => {
    expect(TRUNCATED_KEY.startsWith('#')).toBe(true)
  })

  test('every limit from tiny to whole gives valid JSON within the limit', () => {
    const entries = Object.fromEntries(many(12).map(r => [r.image, { digest: r.digest }]))
    const whole = Buffer.byteLength(JSON.stringify(entries))
    for (let limit = 150; limit <= whole + 2; limit += 37) {
      const { text } = fitObject(entries, REPORT, limit)
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(limit)
      expect(() => JSON.parse(text) as unknown).not.toThrow()
    }
  })

  test('missing: the marker first, then the first gaps; pinned: a # line first', () => {
    const gaps = Array.from({ length: 50 }, (_, i) => ({
      image: `app-${i}`,
      platform: 'linux/s390x'
    }))
    const whole = Buffer.byteLength(JSON.stringify(gaps))
    expect(fitArray(gaps, REPORT, whole).truncated).toBe(false)
    const cut = fitArray(gaps, REPORT, whole - 1)
    const parsed = JSON.parse(cut.text) as Record<string, unknown>[]
    expect(Buffer.byteLength(cut.text)).toBeLessThanOrEqual(whole - 1)
    expect(parsed[0]).toEqual({
      truncated: true,
      total: 50,
      included: parsed.length - 1,
      'report-file': REPORT
    })
    expect(parsed.slice(1)).toEqual(gaps.slice(0, parsed.length - 1))

    const lines = many(30).map(r => `${r.ref}@${r.digest}`)
    const all = lines.join('\n')
    expect(fitLines(lines, REPORT, Buffer.byteLength(all)).text).toBe(all)
    const trimmed = fitLines(lines, REPORT, Buffer.byteLength(all) - 1).text.split('\n')
    expect(trimmed[0]).toBe(
      `# truncated: the first ${trimmed.length - 1} of 30 lines; every one is in the report file ${REPORT}`
    )
    expect(trimmed.slice(1)).toEqual(lines.slice(0, trimmed.length - 1))
  })

  test('buildOutputs trims what passes the limit and says which outputs it trimmed', () => {
    const records = many(5000)
    const missing = records.map(r => ({ image: r.image, platform: 'linux/s390x' }))
    const out = buildOutputs(records, missing, false, REPORT)
    expect(out.truncated).toEqual(['digests'])
    expect(Buffer.byteLength(out.digests)).toBeLessThanOrEqual(OUTPUT_LIMIT)
    const marker = (JSON.parse(out.digests) as Record<string, { total: number; included: number }>)[
      TRUNCATED_KEY
    ]
    expect(marker.total).toBe(5000)
    expect(marker.included).toBeGreaterThan(2000)
    expect(marker.included).toBeLessThan(5000)
    expect(JSON.parse(out.missing)).toHaveLength(5000)
    expect(buildOutputs(many(3), [], true, REPORT).truncated).toEqual([])
  })
})
