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
import type { ImageRecord, PlatformRecord } from '../../src/model/record.js'
import { parseBaseline } from '../../src/report/baseline.js'
import {
  SUMMARY_LIMIT,
  renderSummary,
  renderSummaryWithinLimit,
  runLines
} from '../../src/render/summary.js'
import { renderTable } from '../../src/render/table.js'
import { escapeMarkdown, humanSize, shortDigest } from '../../src/model/text.js'

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json'
const D = (c: string): string => `sha256:${c.repeat(64)}`

function platform(
  key: string,
  digest: string | null,
  layers: number | null,
  size: number | null
): PlatformRecord {
  return { platform: key, digest, mediaType: digest ? OCI_MANIFEST : null, layers, size }
}

/** An OCI index with two platforms, two attestations and a gap. */
function nginx(): ImageRecord {
  return {
    image: 'nginx:1.27',
    ref: 'docker.io/library/nginx:1.27',
    digest: D('1'),
    mediaType: OCI_INDEX,
    platforms: [
      platform('linux/amd64', D('a'), 7, 68123456),
      platform('linux/arm64', D('b'), 7, 64000000)
    ],
    attestations: 2,
    missing: ['linux/s390x'],
    error: null,
    notes: []
  }
}

/** A single Docker v2 manifest given by digest only. */
function pinnedByDigest(): ImageRecord {
  return {
    image: `ghcr.io/o/app@${D('2')}`,
    ref: 'ghcr.io/o/app',
    digest: D('2'),
    mediaType: DOCKER_MANIFEST,
    platforms: [platform('linux/amd64', D('2'), 3, 1536)],
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  }
}

function failed(image = 'ghcr.io/nope/missing:1'): ImageRecord {
  const message = `registry ghcr.io answered 404 MANIFEST_UNKNOWN for ${image}`
  return {
    image,
    ref: null,
    digest: null,
    mediaType: null,
    platforms: [],
    attestations: 0,
    missing: [],
    error: `${image}: ${message}`,
    errorDetail: { kind: 'not-found', message, registry: 'ghcr.io', code: 'MANIFEST_UNKNOWN' },
    notes: []
  }
}

/** From a Docker Engine: platforms without digests, layers or sizes. */
function fromDocker(): ImageRecord {
  return {
    image: 'alpine:3.20',
    ref: 'docker.io/library/alpine:3.20',
    digest: D('3'),
    mediaType: OCI_INDEX,
    platforms: [
      platform('linux/amd64', null, null, null),
      platform('linux/arm64', null, null, null)
    ],
    attestations: 0,
    missing: [],
    error: null,
    notes: [],
    source: 'docker'
  }
}

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

describe('humanSize', () => {
  test.each<[number | null | undefined, string]>([
    [null, 'n/a'],
    [undefined, 'n/a'],
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [10 * 1024, '10.0 KiB'],
    [1024 * 1024, '1.00 MiB'],
    [68123456, '65.0 MiB'],
    [5 * 1024 ** 3, '5.00 GiB'],
    [2 * 1024 ** 4, '2.00 TiB'],
    [2048 * 1024 ** 4, '2048.0 TiB']
  ])('%p → %s', (bytes, text) => {
    expect(humanSize(bytes)).toBe(text)
  })
})

describe('shortDigest', () => {
  test.each<[string | null | undefined, string]>([
    [D('a'), 'sha256:aaaaaaaaaaaa'],
    [`sha512:${'b'.repeat(128)}`, 'sha512:bbbbbbbbbbbb'],
    [null, 'n/a'],
    [undefined, 'n/a'],
    ['', 'n/a']
  ])('%p → %s', (digest, short) => {
    expect(shortDigest(digest)).toBe(short)
  })
})

describe('escapeMarkdown', () => {
  test.each<[string, string]>([
    ['plain-text.v1:tag', 'plain-text.v1:tag'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert\\(1\\)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['a|b', 'a\\|b'],
    ['| x | y |', '\\| x \\| y \\|'],
    ['[x](y)', '\\[x\\]\\(y\\)'],
    // An empty HTML comment keeps GitHub from autolinking what a registry sent; GitHub drops
    // it from the page, so nothing is inserted into what a reader sees and copies.
    ['![img](https://e.vil/x.png)', '\\!\\[img\\]\\(https:<!-- -->//e.vil/x.png\\)'],
    ['see https://evil.example/phish', 'see https:<!-- -->//evil.example/phish'],
    ['www.evil.example', 'www<!-- -->.evil.example'],
    ['`code`', '\\`code\\`'],
    ['```', '\\`\\`\\`'],
    ['**bold** _it_ ~~s~~', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~'],
    ['# heading', '\\# heading'],
    ['a & b "q"', 'a &amp; b &quot;q&quot;'],
    ['&lt;', '&amp;lt;'],
    ['back\\slash', 'back\\\\slash'],
    ['line1\nline2\r\nline3', 'line1 line2 line3'],
    ['a\rb\u2028c\u2029d', 'a b c d'],
    ['bell\u0007esc\u001b[31m', 'bellesc\\[31m']
  ])('%j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped)
  })

  test.each(['<script>alert(1)</script>', 'a|b|c', '[x](y)', '`x`', 'a\n| --- |'])(
    '%j leaves nothing active',
    text => {
      const out = escapeMarkdown(text)
      expect(out).not.toMatch(/[<>\n]/)
      // Every markdown metacharacter is preceded by a backslash.
      expect(out).not.toMatch(/(^|[^\\])[|[\]()`]/)
    }
  )
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

describe('renderTable', () => {
  test('a terminal table with totals, gaps and errors', () => {
    const out = renderTable([nginx(), failed(), fromDocker()], false)
    expect(out).toContain('! nginx:1.27')
    expect(out).toContain(`  docker.io/library/nginx:1.27@${D('1')}`)
    expect(out).toMatch(/linux\/amd64\s+sha256:aaaaaaaaaaaa\s+7\s+65\.0 MiB/)
    expect(out).toMatch(/total \(2\)\s+14\s+126\.0 MiB/)
    expect(out).toContain('  missing: linux/s390x')
    expect(out).toContain('  attestations: 2')
    expect(out).toContain('✗ ghcr.io/nope/missing:1')
    expect(out).toMatch(/total \(2\)\s+n\/a\s+n\/a/)
    expect(out.split('\n').at(-1)).toBe('not ok')
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
