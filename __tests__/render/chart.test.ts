import { type ChartPoint, chartLabel, renderSizeChart } from '../../src/render/chart.js'

const MiB = 1024 * 1024
const GiB = 1024 * MiB

/** The lines between the fences. */
function body(chart: string | undefined): string[] {
  expect(chart).toBeDefined()
  const lines = (chart ?? '').split('\n')
  const start = lines.indexOf('```mermaid')
  const end = lines.lastIndexOf('```')
  expect(start).toBeGreaterThanOrEqual(0)
  expect(end).toBeGreaterThan(start)
  return lines.slice(start + 1, end)
}

/**
 * Every line is one of the statements the chart writes, in xychart's grammar (Mermaid's
 * xychart.jison): quoted labels without quotes inside, numbers without exponents.
 */
const LABEL = '"[A-Za-z0-9_./()-]+"'
const NUMBER = '\\d+(\\.\\d{1,2})?'
const GRAMMAR = [
  /^xychart-beta$/,
  new RegExp(`^ {2}x-axis \\[${LABEL}(, ${LABEL})*\\]$`),
  new RegExp(`^ {2}y-axis "Size \\((B|KiB|MiB|GiB|TiB)\\)" 0 --> ${NUMBER}$`),
  new RegExp(`^ {2}(bar|line) \\[${NUMBER}(, ${NUMBER})*\\]$`)
]
function expectGrammar(lines: string[]): void {
  for (const line of lines) expect(GRAMMAR.some(g => g.test(line))).toBe(true)
}

describe('renderSizeChart', () => {
  test('a bar per platform, in one unit, the axis from 0 to a round top', () => {
    const chart = renderSizeChart([
      { platform: 'linux/amd64', size: 68123456 },
      { platform: 'linux/arm64', size: 64000000 },
      { platform: 'linux/arm/v7', size: 30 * MiB }
    ])
    expect(chart).toBe(
      [
        'Size per platform (MiB).',
        '',
        '```mermaid',
        'xychart-beta',
        '  x-axis ["linux/amd64", "linux/arm64", "linux/arm/v7"]',
        '  y-axis "Size (MiB)" 0 --> 100',
        '  bar [64.97, 61.04, 30]',
        '```'
      ].join('\n')
    )
    expectGrammar(body(chart))
  })

  test.each<[number[], string, string]>([
    [[100, 900], 'B', '1000'],
    [[2048, 1536], 'KiB', '2'],
    [[1023, 1024], 'KiB', '1'],
    [[3 * GiB, 512 * MiB], 'GiB', '5'],
    [[5 * 1024 * GiB, 1], 'TiB', '5'],
    [[0, 0], 'B', '1'],
    [[2.4 * MiB, 2.6 * MiB], 'MiB', '5']
  ])('sizes %j read in %s up to %s', (sizes, unit, top) => {
    const lines = body(renderSizeChart(sizes.map((size, i) => ({ platform: `p${i}`, size }))))
    expect(lines[2]).toBe(`  y-axis "Size (${unit})" 0 --> ${top}`)
    expectGrammar(lines)
  })

  test('tiny figures beside big ones are 0, never in exponent notation', () => {
    const lines = body(
      renderSizeChart([
        { platform: 'a', size: 1 },
        { platform: 'b', size: 900 * GiB }
      ])
    )
    expect(lines[3]).toBe('  bar [0, 900]')
    expectGrammar(lines)
  })

  test('with a baseline for every platform, its sizes are a line over the bars', () => {
    const chart = renderSizeChart([
      { platform: 'linux/amd64', size: 3 * MiB, before: 2 * MiB },
      { platform: 'linux/arm64', size: 2 * MiB, before: 2.5 * MiB }
    ])
    expect(chart?.split('\n')[0]).toBe('Size per platform (MiB): bars this run, line the baseline.')
    expect(body(chart).slice(2)).toEqual([
      '  y-axis "Size (MiB)" 0 --> 5',
      '  bar [3, 2]',
      '  line [2, 2.5]'
    ])
  })

  test('no line when a platform has no baseline figure (a new platform)', () => {
    const chart = renderSizeChart([
      { platform: 'linux/amd64', size: 3 * MiB, before: 2 * MiB },
      { platform: 'linux/riscv64', size: 2 * MiB, before: null }
    ])
    expect(chart?.split('\n')[0]).toBe('Size per platform (MiB).')
    expect(body(chart).some(l => l.includes('line'))).toBe(false)
  })

  test('the unit covers the baseline too', () => {
    const lines = body(
      renderSizeChart([
        { platform: 'a', size: 900 * 1024, before: 2 * MiB },
        { platform: 'b', size: 1000, before: 1000 }
      ])
    )
    expect(lines.slice(2)).toEqual([
      '  y-axis "Size (MiB)" 0 --> 2',
      '  bar [0.88, 0]',
      '  line [2, 0]'
    ])
  })

  test('platforms without a known size are left out, and the caption says so', () => {
    const chart = renderSizeChart([
      { platform: 'linux/amd64', size: 2048 },
      { platform: 'linux/arm64', size: null },
      { platform: 'linux/s390x', size: 1024 }
    ])
    expect(chart?.split('\n')[0]).toBe(
      'Size per platform (KiB); 1 platform without a known size left out.'
    )
    expect(body(chart)[1]).toBe('  x-axis ["linux/amd64", "linux/s390x"]')
  })

  test.each<[string, ChartPoint[]]>([
    ['no platforms', []],
    [
      'no known size',
      [
        { platform: 'a', size: null },
        { platform: 'b', size: null }
      ]
    ],
    ['a lone bar', [{ platform: 'linux/amd64', size: 1536 }]],
    [
      'a lone known bar',
      [
        { platform: 'a', size: 1536 },
        { platform: 'b', size: null }
      ]
    ],
    [
      'a negative or non-finite size',
      [
        { platform: 'a', size: -1 },
        { platform: 'b', size: NaN }
      ]
    ]
  ])('no chart for %s', (_what, points) => {
    expect(renderSizeChart(points)).toBeUndefined()
  })

  test('a lone bar with a baseline to compare with is charted', () => {
    expect(body(renderSizeChart([{ platform: 'linux/amd64', size: 2048, before: 1024 }]))).toEqual([
      'xychart-beta',
      '  x-axis ["linux/amd64"]',
      '  y-axis "Size (KiB)" 0 --> 2',
      '  bar [2]',
      '  line [1]'
    ])
  })
})

describe('chart labels', () => {
  test.each([
    ['linux/amd64', 'linux/amd64'],
    ['linux/arm/v7', 'linux/arm/v7'],
    ['windows(10.0.20348.2113)/amd64', 'windows(10.0.20348.2113)/amd64'],
    ['linux/amd64"] \n  bar [1', 'linux/amd64______bar__1'],
    ['a```b', 'a___b'],
    ['%%{init: {}}%%', '___init_______'],
    ['ünïcode\u202e', '_n_code_'],
    ['', '_'],
    ['x'.repeat(80), 'x'.repeat(48)]
  ])('%j → %j', (platform, label) => {
    expect(chartLabel(platform)).toBe(label)
  })

  test('a hostile platform key cannot add a statement, end the label or close the fence', () => {
    const hostile = [
      'linux/amd64"]\n  line [1]\n```\n<script>x</script>',
      '"; click x call alert(1)',
      '%%{init: {"theme": "dark"}}%%'
    ]
    const chart = renderSizeChart(
      hostile.map((platform, i) => ({ platform, size: 1000 * (i + 1) }))
    )
    const lines = body(chart)
    expect(lines).toHaveLength(4)
    expectGrammar(lines)
    expect(chart?.match(/```/g)).toHaveLength(2)
    expect(chart).not.toContain('<')
    expect(chart).not.toContain('%%')
  })
})
