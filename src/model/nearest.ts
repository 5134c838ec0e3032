/**
 * The known word a typo most likely meant, for "did you mean …?" hints. Pure.
 *
 * Distance is optimal string alignment (Levenshtein plus adjacent transpositions), so
 * `amd46` is one edit from `amd64`. A tie names none: `v5` is as near to `v1` as to `v4`, and
 * guessing one of them would mislead.
 */
export function nearest(
  word: string,
  candidates: readonly string[],
  maxDistance = 2
): string | undefined {
  let best: string | undefined
  let bestDistance = maxDistance + 1
  let tied = false
  for (const candidate of candidates) {
    const d = editDistance(word, candidate)
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
      tied = false
    } else if (d === bestDistance && candidate !== best) tied = true
  }
  return tied ? undefined : best
}

function editDistance(a: string, b: string): number {
  // Three rows: the transposition looks two rows back.
  let before: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2] + 1)
      row.push(d)
    }
    before = previous
    previous = row
  }
  return previous[b.length]
}
