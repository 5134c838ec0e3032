import type { MissingPlatform } from '../src/policy.js'
import { OUTPUTS, buildOutputs, buildReport, digestsOutput, pinnedOutput } from '../src/outputs.js'
import type { ImageRecord, PlatformRecord } from '../src/record.js'
import { SUMMARY_LIMIT, renderSummary, renderSummaryWithinLimit } from '../src/summary.js'
import { renderTable } from '../src/table.js'
import { escapeMarkdown, humanSize, shortDigest } from '../src/text.js'

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
    expect(Object.keys(out).sort()).toEqual(['digests', 'missing', 'ok', 'pinned', 'violations'])
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
    const out = buildOutputs([nginx()], [], false, [v])
    expect(JSON.parse(out.violations)).toEqual([v])
  })

  test('output names', () => {
    expect(OUTPUTS).toEqual({
      digests: 'digests',
      missing: 'missing',
      pinned: 'pinned',
      ok: 'ok',
      reportFile: 'report-file',
      violations: 'violations'
    })
  })
})

describe('buildReport', () => {
  test('the report file shape: ok, and per image the contract fields with error null', () => {
    const report = JSON.parse(JSON.stringify(buildReport([nginx(), failed()], false))) as {
      ok: boolean
      images: Record<string, unknown>[]
      run?: unknown
    }
    expect(report.ok).toBe(false)
    expect(report.run).toBeUndefined()
    expect(report.images[0]).toMatchObject({
      image: 'nginx:1.27',
      ref: 'docker.io/library/nginx:1.27',
      digest: D('1'),
      mediaType: OCI_INDEX,
      platforms: [
        {
          platform: 'linux/amd64',
          digest: D('a'),
          mediaType: OCI_MANIFEST,
          layers: 7,
          size: 68123456
        },
        {
          platform: 'linux/arm64',
          digest: D('b'),
          mediaType: OCI_MANIFEST,
          layers: 7,
          size: 64000000
        }
      ],
      attestations: 2,
      missing: ['linux/s390x'],
      error: null
    })
    expect(report.images[1]).toMatchObject({
      image: 'ghcr.io/nope/missing:1',
      error: failed().error
    })
  })

  test('run facts go beside the contract fields', () => {
    const report = buildReport([nginx()], true, { requests: 4 })
    expect(report).toMatchObject({ ok: true, run: { requests: 4 } })
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
    // A zero-width space after the scheme keeps GitHub from autolinking what a registry sent.
    ['![img](https://e.vil/x.png)', '\\!\\[img\\]\\(https:\u200b//e.vil/x.png\\)'],
    ['see https://evil.example/phish', 'see https:\u200b//evil.example/phish'],
    ['www.evil.example', 'www\u200b.evil.example'],
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
    expect(out).not.toMatch(/(^|[^\\])`/m)
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
