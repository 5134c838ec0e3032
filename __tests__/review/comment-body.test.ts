import { parseBaseline } from '../../src/report/baseline.js'
import type { ImageRecord, PlatformRecord } from '../../src/model/record.js'
import {
  COMMENT_LIMIT,
  type CommentContent,
  commentMarker,
  contentHashOf,
  isNoteworthy,
  markerValue,
  renderCommentBody,
  violationsOf
} from '../../src/review/comment-body.js'

const D = (c: string): string => `sha256:${c.repeat(64)}`
const MiB = 1024 * 1024
const place = {
  workflow: 'Images',
  job: 'platforms',
  runUrl: 'https://github.example/o/r/actions/runs/7'
}

function platform(key: string, size: number | null, digest = D('a')): PlatformRecord {
  return {
    platform: key,
    digest,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    layers: 3,
    size
  }
}

function image(name: string, platforms: PlatformRecord[], missing: string[] = []): ImageRecord {
  return {
    image: name,
    ref: name.includes(':') ? `ghcr.io/o/${name}` : `ghcr.io/o/${name}:latest`,
    digest: D('1'),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms,
    attestations: 0,
    missing,
    error: null,
    notes: []
  }
}

function failed(name: string, message: string): ImageRecord {
  return {
    ...image(name, []),
    ref: null,
    digest: null,
    mediaType: null,
    error: `${name}: ${message}`,
    errorDetail: { kind: 'not-found', message }
  }
}

function content(records: ImageRecord[], extra: Partial<CommentContent> = {}): CommentContent {
  const missing = records.flatMap(r => r.missing.map(platform => ({ image: r.image, platform })))
  const ok = !records.some(r => r.error) && missing.length === 0
  return { records, missing, ok, problems: [], ...extra }
}

const app = (): ImageRecord =>
  image('app:pr-12', [platform('linux/amd64', 30 * MiB), platform('linux/arm64', 28 * MiB)])

describe('the marker', () => {
  test('as the brief names it, for plain names', () => {
    expect(commentMarker('Images', 'platforms')).toBe(
      '<!-- digest-gate:comment workflow=Images job=platforms -->'
    )
  })

  test.each([
    ['CI', 'CI'],
    ['Build and push', 'Build%20and%20push'],
    ['a --> b', 'a%20--%3E%20b'],
    ['x --!> y', 'x%20--%21%3E%20y'],
    ['<!-- nested', '%3C%21--%20nested'],
    ['.github/workflows/ci.yml', '.github%2Fworkflows%2Fci.yml'],
    ['Café ✓', 'Caf%C3%A9%20%E2%9C%93'],
    ['tab\tnew\nline', 'tab%09new%0Aline']
  ])('%j is written as %j', (value, written) => {
    expect(markerValue(value)).toBe(written)
  })

  test('no workflow or job name can close the comment or add an attribute', () => {
    for (const name of ['-->', '--!>', 'a job=other', '"quoted"', '\u202e', '<script>']) {
      const marker = commentMarker(name, name)
      expect(marker.indexOf('>')).toBe(marker.length - 1)
      expect(marker.match(/ /g)).toHaveLength(4)
      expect(marker).toMatch(
        /^<!-- digest-gate:comment workflow=[A-Za-z0-9._~%-]+ job=[A-Za-z0-9._~%-]+ -->$/
      )
    }
  })

  test('different workflows or jobs get different markers', () => {
    expect(commentMarker('CI', 'a')).not.toBe(commentMarker('CI', 'b'))
    expect(commentMarker('CI a', 'b')).not.toBe(commentMarker('CI', 'a b'))
  })
})

describe('renderCommentBody', () => {
  test('marker, content hash, headline; the footer points to the run', () => {
    const { body, hash, form } = renderCommentBody(content([app()]), place)
    const lines = body.split('\n')
    expect(form).toBe('full')
    expect(lines[0]).toBe(commentMarker('Images', 'platforms'))
    expect(lines[1]).toBe(`<!-- digest-gate:content sha256=${hash} -->`)
    expect(contentHashOf(body)).toBe(hash)
    expect(lines[2]).toBe('## digest-gate ✅')
    expect(lines.at(-1)).toBe(
      '<sub>Full report: [the job summary](https://github.example/o/r/actions/runs/7). Written by digest-gate and updated in place on each run.</sub>'
    )
    expect(body).toContain(
      '| <code>linux/amd64</code> | <code>sha256:aaaaaaaaaaaa</code> | 3 | 30.0 MiB |'
    )
    expect(body).toContain('  bar [30, 28]')
  })

  test('the hash covers the content, not the run link', () => {
    const a = renderCommentBody(content([app()]), place)
    const b = renderCommentBody(content([app()]), {
      ...place,
      runUrl: 'https://github.example/o/r/actions/runs/8'
    })
    expect(b.body).not.toBe(a.body)
    expect(b.hash).toBe(a.hash)
    const changed = app()
    changed.platforms[1].size = 29 * MiB
    expect(renderCommentBody(content([changed]), place).hash).not.toBe(a.hash)
    expect(contentHashOf('no marker here')).toBeUndefined()
  })

  test('what needs attention comes first: problems, missing platforms, violations, failures', () => {
    const gap = image('web:pr-12', [platform('linux/amd64', MiB)], ['linux/arm64'])
    Object.assign(gap, {
      violations: [
        {
          image: 'web:pr-12',
          platform: 'linux/amd64',
          rule: 'max-size',
          expected: '≤ 500 KiB',
          found: '1.00 MiB'
        },
        { image: 'web:pr-12', rule: 'signed', expected: true, found: false },
        { nonsense: true }
      ]
    })
    const body = renderCommentBody(
      content([app(), gap, failed('gone:1', 'registry ghcr.io answered 404 MANIFEST_UNKNOWN')], {
        problems: ["Input 'baseline': cannot read 'base.json' (ENOENT)"]
      }),
      place
    ).body
    const at = (text: string): number => {
      const i = body.indexOf(text)
      expect(i).toBeGreaterThan(0)
      return i
    }
    expect(at('## digest-gate ❌')).toBeLessThan(at('**Problems of the run**'))
    expect(at('**Problems of the run**')).toBeLessThan(at('**Missing platforms**'))
    expect(at('**Missing platforms**')).toBeLessThan(at('**Policy violations**'))
    expect(at('**Policy violations**')).toBeLessThan(at('**Could not resolve**'))
    expect(at('**Could not resolve**')).toBeLessThan(at('### ✅ <code>app:pr-12</code>'))
    expect(body).toContain(
      '| <code>web:pr-12</code> | <code>linux/arm64</code> | <code>linux/amd64</code> |'
    )
    expect(body).toContain(
      '| <code>web:pr-12</code> | <code>linux/amd64</code> | <code>max-size</code> | ≤ 500 KiB | 1.00 MiB |'
    )
    expect(body).toContain('| <code>web:pr-12</code> |  | <code>signed</code> | true | false |')
    expect(body).toContain(
      '- <code>gone:1</code>: registry ghcr.io answered 404 MANIFEST\\_UNKNOWN'
    )
    expect(body).toContain('### ⚠️ <code>web:pr-12</code>')
    // A failed image has no section of its own beyond its line.
    expect(body).not.toContain('### ❌')
  })

  test('violations are read defensively: only well-formed entries of an array', () => {
    const r = app()
    expect(violationsOf(r)).toEqual([])
    Object.assign(r, { violations: 'not a list' })
    expect(violationsOf(r)).toEqual([])
    Object.assign(r, {
      violations: [
        null,
        1,
        { image: 'x' },
        { image: 'x', rule: 'r', platform: 3 },
        { image: 'x', rule: 'r' }
      ]
    })
    expect(violationsOf(r)).toEqual([{ image: 'x', rule: 'r' }])
  })

  test('with a baseline: a Change column, the total change and the base sizes in the chart', () => {
    const baseline = parseBaseline(
      JSON.stringify({
        images: [
          {
            image: 'app:main',
            ref: 'ghcr.io/o/app:main',
            digest: D('9'),
            platforms: [
              { platform: 'linux/amd64', size: 25 * MiB, layers: 3 },
              { platform: 'linux/arm64', size: 28 * MiB, layers: 3 }
            ]
          }
        ]
      }),
      'base.json'
    )
    const body = renderCommentBody(content([app()], { baseline }), place).body
    expect(body).toContain('| Platform | Digest | Layers | Size | Change |')
    expect(body).toContain('| 3 | 30.0 MiB | +5.00 MiB (+20.0%) |')
    expect(body).toContain('| 3 | 28.0 MiB | ±0 |')
    expect(body).toContain('| **Total: 2 platforms** | | 6 | 58.0 MiB | +5.00 MiB (+9.4%) |')
    expect(body).toContain('Compared with <code>app:main</code> in the baseline.')
    expect(body).toContain('  bar [30, 28]\n  line [25, 28]')
  })

  test('a platform the baseline has and this run does not is named', () => {
    const baseline = parseBaseline(
      JSON.stringify({
        images: [
          {
            image: 'app:pr-12',
            platforms: [
              { platform: 'linux/amd64', size: 30 * MiB },
              { platform: 'linux/arm64', size: 28 * MiB },
              { platform: 'linux/s390x', size: 28 * MiB }
            ]
          }
        ]
      }),
      'base.json'
    )
    const c = content([app()], { baseline })
    expect(renderCommentBody(c, place).body).toContain(
      'In the baseline but not here: <code>linux/s390x</code>.'
    )
    expect(isNoteworthy(c)).toBe(true)
  })

  test('an image the baseline does not have says so, without a Change column', () => {
    const baseline = parseBaseline(JSON.stringify({ images: [] }), 'base.json')
    const body = renderCommentBody(content([app()], { baseline }), place).body
    expect(body).toContain('No image in the baseline matches this one; no size change is shown.')
    expect(body).toContain('| Platform | Digest | Layers | Size |\n')
  })

  test('registry-supplied text is escaped and cannot mention anyone', () => {
    const hostile = failed(
      'evil<script>x</script>|[x](https://e.vil)',
      'denied: ask @octo-org/admins or @mona\n## not a heading'
    )
    const r = app()
    r.platforms[0].platform = 'linux/amd64|@mona'
    const body = renderCommentBody(content([hostile, r]), place).body
    expect(body).not.toContain('<script>')
    expect(body).not.toContain('](https://e.vil)')
    expect(body).not.toMatch(/^## not a heading/m)
    expect(body).not.toMatch(/(^|[^A-Za-z0-9_`])@[A-Za-z0-9_-]/m)
    // Mentions are code spans: shown as sent, notifying nobody (no invisible character added).
    expect(body).toContain('`@octo-org/admins`')
    expect(body).toContain('`@mona`')
    // The digest form of a reference is not a mention and stays readable.
    expect(body).toContain(`ghcr.io/o/app:pr-12@${D('1')}`)
  })
})

describe('within the comment limit', () => {
  const many = (n: number): ImageRecord[] =>
    Array.from({ length: n }, (_, i) =>
      image(`registry.example/team/service-${i}:pr-12`, [
        platform('linux/amd64', (30 + i) * MiB),
        platform('linux/arm64', (28 + i) * MiB),
        platform('linux/arm/v7', (20 + i) * MiB)
      ])
    )

  test('GitHub’s limit', () => {
    expect(COMMENT_LIMIT).toBe(65536)
  })

  test('charts go first, then the per-image details, then lines; each form says so and fits', () => {
    const records = many(40)
    records[3].missing = ['linux/s390x']
    const c = content(records)
    const full = renderCommentBody(c, place, 1_000_000)
    expect(full.form).toBe('full')
    const noCharts = renderCommentBody(c, place, full.body.length - 1)
    expect(noCharts.form).toBe('no-charts')
    expect(noCharts.body).not.toContain('```mermaid')
    expect(noCharts.body).toContain('| <code>linux/arm/v7</code>')
    const brief = renderCommentBody(c, place, noCharts.body.length - 1)
    expect(brief.form).toBe('brief')
    expect(brief.body).not.toContain('| Platform |')
    expect(brief.body).toContain(
      '| ⚠️ | <code>registry.example/team/service-3:pr-12</code> | 3 | 87.0 MiB |'
    )
    expect(brief.body).toContain(
      '| ✅ | <code>registry.example/team/service-39:pr-12</code> | 3 | 195.0 MiB |'
    )
    const cut = renderCommentBody(c, place, 2000)
    expect(cut.form).toBe('cut')
    expect(cut.body).toMatch(/…and \d+ more lines, in the job summary\./)
    // Attention first: the missing platform survives the cut.
    expect(cut.body).toContain('<code>linux/s390x</code>')
    for (const [form, out, limit] of [
      ['no-charts', noCharts, full.body.length - 1],
      ['brief', brief, noCharts.body.length - 1],
      ['cut', cut, 2000]
    ] as const) {
      expect(out.body.length).toBeLessThanOrEqual(limit)
      expect(out.body).toContain(
        "Shortened to fit GitHub's comment size limit: every figure is in [the job summary](https://github.example/o/r/actions/runs/7)"
      )
      expect(contentHashOf(out.body)).toBe(out.hash)
      expect(form).toBe(out.form)
    }
    expect(full.body).not.toContain('Shortened')
  })

  test('thousands of images fit the real limit', () => {
    const out = renderCommentBody(content(many(3000)), place)
    expect(out.body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(out.form).toBe('cut')
    expect(out.body.split('\n')[0]).toBe(commentMarker('Images', 'platforms'))
  })

  test('without a run link, the footer still names the job summary', () => {
    const out = renderCommentBody(content(many(3000)), { workflow: 'w', job: 'j' })
    expect(out.body).toContain("every figure is in the run's job summary")
  })
})

describe('isNoteworthy (whether on-change posts a first comment)', () => {
  const baselineOf = (amd64: number): ReturnType<typeof parseBaseline> =>
    parseBaseline(
      JSON.stringify({
        images: [
          {
            image: 'app:pr-12',
            platforms: [
              { platform: 'linux/amd64', size: amd64 },
              { platform: 'linux/arm64', size: 28 * MiB }
            ]
          }
        ]
      }),
      'b'
    )
  test.each<[string, CommentContent, boolean]>([
    ['a clean run', content([app()]), false],
    [
      'a clean run, sizes as in the baseline',
      content([app()], { baseline: baselineOf(30 * MiB) }),
      false
    ],
    ['a size change', content([app()], { baseline: baselineOf(29 * MiB) }), true],
    [
      'a missing platform',
      content([image('x', [platform('linux/amd64', 1)], ['linux/arm64'])]),
      true
    ],
    ['a failed image', content([failed('x', 'nope')]), true],
    ['a run problem', content([app()], { problems: ['bad baseline'] }), true],
    [
      'a violation',
      content([Object.assign(app(), { violations: [{ image: 'app:pr-12', rule: 'r' }] })]),
      true
    ]
  ])('%s: %s', (_what, c, noteworthy) => {
    expect(isNoteworthy(c)).toBe(noteworthy)
  })
})
