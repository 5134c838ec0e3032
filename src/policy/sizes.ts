import type { SizeBudget } from './rule.js'

/**
 * Sizes and percentages as a policy file writes them, and sizes written back in the unit a
 * budget used, so `≤ 80 MB` is never compared by eye with a figure in MiB. Units are SI
 * (`kB`, `MB`, `GB`: powers of 1000) and IEC (`KiB`, `MiB`, `GiB`: powers of 1024), spelled
 * as those standards spell them (IEC 80000-13), since `mb` or `Mb` could mean either. Pure.
 */

/** Bytes per unit, by the unit's exact spelling. */
const SIZE_UNITS: Readonly<Record<string, number>> = Object.freeze({
  B: 1,
  kB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3
})

/** What a size must look like, for messages. */
export const SIZE_EXPECTED =
  "a size such as '80MiB' or '200 MB' (units B, kB, MB, GB, KiB, MiB, GiB, spelled exactly so), or a whole number of bytes"

/** `80MiB`, `1.5 GB`, `512 B`; null when the text is no such size. */
export function parseSize(text: string): SizeBudget | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$/.exec(text)
  if (!m || !(m[2] in SIZE_UNITS)) return null
  const bytes = Math.floor(Number(m[1]) * SIZE_UNITS[m[2]])
  return Number.isSafeInteger(bytes) && bytes > 0 ? { bytes, unit: m[2] } : null
}

/** A unit spelled in another case (`mib`, `Mb`), for a message that says which was meant. */
export function misspelledUnit(text: string): string | undefined {
  const unit = /^\s*\d+(?:\.\d+)?\s*([A-Za-z]+)\s*$/.exec(text)?.[1]
  if (!unit || unit in SIZE_UNITS) return undefined
  return Object.keys(SIZE_UNITS).find(u => u.toLowerCase() === unit.toLowerCase())
}

/** `10%` or `0.5%` → 0.1 or 0.005; null when the text is no such percentage. */
export function parsePercent(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text)
  return m ? Number(m[1]) / 100 : null
}

function inUnit(bytes: number, unit: string, decimals: number): string {
  if (unit === 'B') return `${bytes} B`
  const value = bytes / SIZE_UNITS[unit]
  return `${Number(value.toFixed(decimals))} ${unit}`
}

/**
 * `bytes` in `unit` (one decimal, fewer when whole), with as many more decimals as it takes
 * to differ from `unlike` when both would read the same (`80 MiB` against `80 MiB` + 1 B),
 * and in bytes when no decimals do.
 */
export function formatSize(bytes: number, unit: string, unlike?: number): string {
  const shown = inUnit(bytes, unit, 1)
  if (unlike === undefined || unlike === bytes || shown !== inUnit(unlike, unit, 1)) return shown
  for (let decimals = 2; decimals <= 3; decimals++) {
    const more = inUnit(bytes, unit, decimals)
    if (more !== inUnit(unlike, unit, decimals)) return more
  }
  return `${bytes} B`
}

/** A budget as written back: `80 MiB`. */
export function formatBudget(budget: SizeBudget): string {
  return inUnit(budget.bytes, budget.unit, 3)
}

/** `0.1` → `10%`, `0.1534` → `15.3%`, `-0.02` → `-2%`. */
export function formatPercent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(1))}%`
}
