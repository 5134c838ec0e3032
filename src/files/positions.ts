import type { Position } from '../model/files.js'

/**
 * Offsets → 1-based line and column. Line breaks are LF, CRLF and a lone CR, as YAML 1.2
 * (§5.4) counts them; columns count characters (code points) and skip a leading BOM, so they
 * match what an editor shows.
 */
export interface LineIndex {
  /** Offset of the first character of each line. */
  starts: number[]
  positionAt(offset: number): Position
}

/** Builds the index once per file; each lookup is a binary search. */
export function indexLines(text: string): LineIndex {
  const starts = [0]
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) starts.push(i + 1)
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1)
  }
  return {
    starts,
    positionAt(offset: number): Position {
      let lo = 0
      let hi = starts.length - 1
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if (starts[mid] <= offset) lo = mid
        else hi = mid - 1
      }
      let from = starts[lo]
      if (lo === 0 && text.charCodeAt(0) === 0xfeff) from = Math.min(1, offset)
      return { line: lo + 1, column: [...text.slice(from, offset)].length + 1 }
    }
  }
}
