import type { FileScan, FoundReference, SkippedEntry } from '../../src/model/files.js'

/** The fields a table row states about a reference; the rest are checked separately. */
export interface RefRow {
  line: number
  column: number
  text: string
  image?: string
  where?: string
  platform?: string
  pinnable?: boolean
  reason?: string | RegExp
  error?: string | RegExp
}

export function rowOf(ref: FoundReference, want: RefRow): RefRow {
  const row: RefRow = { line: ref.line, column: ref.column, text: ref.text }
  if ('image' in want) row.image = ref.image
  if ('where' in want) row.where = ref.where
  if ('platform' in want) row.platform = ref.platform
  if ('pinnable' in want) row.pinnable = ref.pinnable
  if ('reason' in want) row.reason = ref.reason
  if ('error' in want) row.error = ref.error
  return row
}

/** Compares references to rows, letting RegExp rows match reasons and errors. */
export function expectReferences(scan: FileScan, rows: RefRow[]): void {
  expect(scan.references).toHaveLength(rows.length)
  scan.references.forEach((ref, i) => {
    const want = rows[i]
    const got = rowOf(ref, want)
    for (const key of ['reason', 'error'] as const) {
      const pattern = want[key]
      if (pattern instanceof RegExp) {
        expect(got[key]).toMatch(pattern)
        delete got[key]
      }
    }
    const plain = { ...want }
    for (const key of ['reason', 'error'] as const)
      if (plain[key] instanceof RegExp) delete plain[key]
    expect(got).toEqual(plain)
  })
}

/** Every reference's span holds exactly its text: the invariant a rewrite relies on. */
export function expectSpansHoldText(scan: FileScan, text: string): void {
  for (const ref of scan.references) expect(text.slice(ref.start, ref.end)).toBe(ref.text)
}

export interface SkipRow {
  line: number
  column: number
  text: string
  reason: string | RegExp
}

export function expectSkipped(skipped: SkippedEntry[], rows: SkipRow[]): void {
  expect(skipped).toHaveLength(rows.length)
  skipped.forEach((s, i) => {
    const want = rows[i]
    expect({ line: s.line, column: s.column, text: s.text }).toEqual({
      line: want.line,
      column: want.column,
      text: want.text
    })
    if (want.reason instanceof RegExp) expect(s.reason).toMatch(want.reason)
    else expect(s.reason).toBe(want.reason)
  })
}

/** `sha256:` and 64 hex digits made from one character, for hand-built records. */
export const digest = (c: string): string => `sha256:${c.repeat(64)}`

/** An asymmetric matcher standing in for a string in a row. */
export function matching(pattern: RegExp): string {
  const matcher: unknown = expect.stringMatching(pattern)
  return matcher as string
}
