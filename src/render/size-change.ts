import type { SizeDelta } from '../report/baseline.js'
import { humanSize } from '../model/text.js'

/**
 * A platform's size change against the baseline as one table cell (src/baseline.ts computes
 * it). Pure. `new` when the baseline has no figure for the platform, `n/a` when this run has
 * none, else a signed size and, when the baseline's size is not 0, the percentage.
 */
export function formatSizeChange(
  d: Pick<SizeDelta, 'before' | 'after' | 'delta' | 'ratio'>
): string {
  if (d.after === null) return 'n/a'
  if (d.before === null || d.delta === null) return 'new'
  if (d.delta === 0) return '±0'
  const sign = d.delta > 0 ? '+' : '-'
  const size = `${sign}${humanSize(Math.abs(d.delta))}`
  return d.ratio === null ? size : `${size} (${sign}${Math.abs(d.ratio * 100).toFixed(1)}%)`
}

/** The change of the image's total, when every platform's is known; else undefined. */
export function totalChange(
  deltas: readonly SizeDelta[]
): Pick<SizeDelta, 'before' | 'after' | 'delta' | 'ratio'> | undefined {
  if (deltas.length === 0 || deltas.some(d => d.delta === null)) return undefined
  const before = deltas.reduce((n, d) => n + (d.before ?? 0), 0)
  const after = deltas.reduce((n, d) => n + (d.after ?? 0), 0)
  const delta = after - before
  return { before, after, delta, ratio: before ? delta / before : null }
}
