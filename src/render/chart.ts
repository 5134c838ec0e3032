/**
 * A size chart per image as a Mermaid XY chart (https://mermaid.js.org/syntax/xyChart.html),
 * which GitHub renders from a ```mermaid block in Markdown: job summaries and comments alike.
 * Pure. The platform table stays the source of truth; the chart only draws its sizes.
 */

/** One platform's size in this run and, when a baseline was given, in the baseline. */
export interface ChartPoint {
  platform: string
  size: number | null
  /** The baseline's size: undefined without a baseline, null when it has no figure. */
  before?: number | null
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const

/** Characters that are inert in a quoted xychart label; anything else becomes `_`. */
const LABEL_UNSAFE = /[^A-Za-z0-9_./()-]/g
const LABEL_MAX = 48

/**
 * A platform name as an xychart category: only `[A-Za-z0-9_./()-]` survive, so a hostile
 * platform key cannot end the quoted label, start a statement or close the code fence.
 */
export function chartLabel(platform: string): string {
  const safe = platform.replace(LABEL_UNSAFE, '_').slice(0, LABEL_MAX)
  return safe || '_'
}

/** The largest binary unit the biggest figure reaches, so the axis reads in whole units. */
function unitFor(max: number): number {
  let unit = 0
  while (unit < UNITS.length - 1 && max >= 1024 ** (unit + 1)) unit++
  return unit
}

/**
 * A figure for the chart's number grammar (`[+-]?(\d+(\.\d+)?|\.\d+)`, no exponent): two
 * decimals at most, and never scientific notation, which toFixed avoids below 1e21.
 */
function chartNumber(value: number): string {
  const fixed = value.toFixed(2)
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed
}

/** A round top for the y axis: 1, 2, 2.5 or 5 times a power of ten, at least `max`. */
function axisTop(max: number): number {
  if (max <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(max))
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power
  return 10 * power
}

/**
 * A bar chart of size per platform, with the baseline's sizes as a line over the bars when
 * every charted platform has one. Mermaid draws several `bar` series at the same x position
 * (on top of each other, or stacked in newer releases) rather than side by side, so a second
 * bar series would hide or add up; a line reads the same in every release. The y axis starts
 * at 0 (Mermaid's automatic range starts at the smallest value, which would make the smallest
 * bar empty) in one unit per image (B, KiB, MiB, GiB). Platforms with no known size are left
 * out. No chart (undefined) when no size is known, or for a lone bar with nothing to compare
 * it with, which says nothing the table does not.
 */
export function renderSizeChart(points: readonly ChartPoint[]): string | undefined {
  const known = points.filter(
    (p): p is ChartPoint & { size: number } =>
      typeof p.size === 'number' && Number.isFinite(p.size) && p.size >= 0
  )
  if (known.length === 0) return undefined
  const withBase = known.every(
    p => typeof p.before === 'number' && Number.isFinite(p.before) && p.before >= 0
  )
  if (known.length < 2 && !withBase) return undefined
  const figures = known.flatMap(p => (withBase ? [p.size, p.before as number] : [p.size]))
  const unit = unitFor(Math.max(...figures))
  const scale = (bytes: number): string => chartNumber(bytes / 1024 ** unit)
  const top = axisTop(Math.max(...figures) / 1024 ** unit)
  const left = points.length - known.length
  const caption = [
    `Size per platform (${UNITS[unit]})`,
    withBase ? ': bars this run, line the baseline' : '',
    left ? `; ${left} platform${left === 1 ? '' : 's'} without a known size left out` : '',
    '.'
  ].join('')
  return [
    caption,
    '',
    '```mermaid',
    'xychart-beta',
    `  x-axis [${known.map(p => `"${chartLabel(p.platform)}"`).join(', ')}]`,
    `  y-axis "Size (${UNITS[unit]})" 0 --> ${chartNumber(top)}`,
    `  bar [${known.map(p => scale(p.size)).join(', ')}]`,
    ...(withBase ? [`  line [${known.map(p => scale(p.before as number)).join(', ')}]`] : []),
    '```'
  ].join('\n')
}
