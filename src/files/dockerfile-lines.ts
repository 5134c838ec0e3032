/**
 * Dockerfile text → instructions, as BuildKit's parser reads it (moby/buildkit
 * frontend/dockerfile/parser): parser directives at the top (`# escape=`), comments, blank
 * lines, line continuations with the escape character, comment and blank lines inside a
 * continuation dropped, and heredoc bodies (`RUN <<EOF`) stepped over so their lines are never
 * taken for instructions. Each instruction keeps the source offset of every character, so a
 * word can be mapped back to the exact bytes it came from. Pure.
 */

export interface Instruction {
  /** The instruction word, upper-cased (`FROM`, `ARG`). */
  keyword: string
  /** The logical line: continuations joined, escape characters and line breaks removed. */
  text: string
  /**
   * Where `text` lies in the source: one run per physical line it was joined from, `at` the
   * run's first index in `text` and `start` its offset in the source (see sourceOffset). Runs,
   * not an offset per character: a 3.7 MB file of ARGs made millions of numbers to collect.
   */
  runs: { at: number; start: number }[]
  /** 1-based line the instruction starts on. */
  line: number
}

export interface DockerfileText {
  /** The escape character: `\` unless a `# escape=` directive says `` ` ``. */
  escape: string
  instructions: Instruction[]
}

/** A word of an instruction: its raw text and its indices into the logical line. */
export interface Word {
  raw: string
  from: number
  to: number
}

interface PhysicalLine {
  start: number
  content: string
}

/** `# name=`; the value is cut out by hand (see parseDirective). */
const DIRECTIVE_NAME = /^#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=/
const HEREDOC = /(?<!<)<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD'])

function splitPhysicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = []
  const breaks = /\r\n|\n|\r/g
  let start = 0
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    lines.push({ start, content: text.slice(start, m.index) })
    start = m.index + m[0].length
  }
  if (start < text.length) lines.push({ start, content: text.slice(start) })
  return lines
}

const isBlank = (s: string): boolean => /^[ \t]*$/.test(s)
const isComment = (s: string): boolean => /^[ \t]*#/.test(s)

const isBlankChar = (c: string): boolean => c === ' ' || c === '\t'

/**
 * `# name=value`, the value without the blanks around it; null when the line is no directive.
 * Written by hand because the regex it replaces, `=[ \t]*(.+?)[ \t]*$`, re-scanned the
 * trailing blanks at every lazy step: a line of 200,000 spaces took almost a minute.
 * Matches exactly what that regex matched (a value of blanks only is its last blank).
 */
export function parseDirective(line: string): { name: string; value: string } | null {
  const head = DIRECTIVE_NAME.exec(line)
  if (!head) return null
  const rest = line.slice(head[0].length)
  // `.` stops at these, so the old regex never matched a line holding one.
  if (!rest || /[\u2028\u2029]/.test(rest)) return null
  let from = 0
  let to = rest.length
  while (to > 0 && isBlankChar(rest[to - 1])) to--
  while (from < to && isBlankChar(rest[from])) from++
  const value = from < to ? rest.slice(from, to) : rest[rest.length - 1]
  return { name: head[1], value }
}

/** Reads the instructions of a Dockerfile or Containerfile. Never throws. */
export function readInstructions(source: string): DockerfileText {
  const lines = splitPhysicalLines(source)
  if (lines.length && lines[0].content.startsWith('\uFEFF')) {
    lines[0] = { start: 1, content: lines[0].content.slice(1) }
  }
  let escape = '\\'
  let i = 0
  // Directives count only before the first comment, blank line or instruction.
  for (; i < lines.length; i++) {
    const directive = parseDirective(lines[i].content)
    if (!directive) break
    if (
      directive.name.toLowerCase() === 'escape' &&
      (directive.value === '`' || directive.value === '\\')
    )
      escape = directive.value
  }
  const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`)
  const instructions: Instruction[] = []
  while (i < lines.length) {
    const first = lines[i]
    if (isBlank(first.content) || isComment(first.content)) {
      i++
      continue
    }
    let text = ''
    const runs: Instruction['runs'] = []
    const line = i + 1
    for (;;) {
      const { start, content } = lines[i]
      const m = continuation.exec(content)
      const kept = m ? content.slice(0, m.index) : content
      text += kept
      if (kept.length) runs.push({ at: text.length - kept.length, start })
      i++
      if (!m) break
      while (i < lines.length && (isBlank(lines[i].content) || isComment(lines[i].content))) i++
      if (i >= lines.length) break
    }
    const keyword = /^[ \t]*(\S+)/.exec(text)?.[1].toUpperCase() ?? ''
    instructions.push({ keyword, text, runs, line })
    if (HEREDOC_INSTRUCTIONS.has(keyword)) i = skipHeredocs(text, lines, i)
  }
  return { escape, instructions }
}

/** Steps over the bodies of the heredocs an instruction opens, in order; returns the next line. */
function skipHeredocs(text: string, lines: PhysicalLine[], next: number): number {
  let i = next
  for (const m of text.matchAll(HEREDOC)) {
    const stripTabs = m[1] === '-'
    const word = m[3]
    while (i < lines.length) {
      const content = stripTabs ? lines[i].content.replace(/^\t+/, '') : lines[i].content
      i++
      if (content === word) break
    }
  }
  return i
}

/**
 * Splits an instruction's arguments (everything after the keyword) into words at unquoted
 * blanks. Quotes and escapes stay in `raw`; callers decide what they mean.
 */
export function splitWords(ins: Instruction, escape: string): Word[] {
  const { text } = ins
  const words: Word[] = []
  let i = /^[ \t]*\S+/.exec(text)?.[0].length ?? text.length
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++
    if (i >= text.length) break
    const from = i
    let quote = ''
    while (i < text.length) {
      const c = text[i]
      if (quote) {
        if (c === quote) quote = ''
        else if (c === escape && quote === '"') i++
      } else if (c === ' ' || c === '\t') break
      else if (c === '"' || c === "'") quote = c
      else if (c === escape) i++
      i++
    }
    const to = Math.min(i, text.length)
    words.push({ raw: text.slice(from, to), from, to })
  }
  return words
}

/**
 * The source span of `text[from, to)` of an instruction, or null when those characters are
 * not one unbroken run of the source (a word split by a line continuation).
 */
export function sourceSpan(
  ins: Instruction,
  from: number,
  to: number
): { start: number; end: number } | null {
  if (to <= from) return null
  const start = sourceOffset(ins, from)
  const end = sourceOffset(ins, to - 1) + 1
  return end - start === to - from ? { start, end } : null
}

/** The offset in the source of `text[i]` (undefined past the end), found among the runs. */
export function sourceOffset(ins: Instruction, i: number): number {
  const { runs } = ins
  let lo = 0
  let hi = runs.length - 1
  if (hi < 0 || i < 0 || i >= ins.text.length) return NaN
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (runs[mid].at <= i) lo = mid
    else hi = mid - 1
  }
  return runs[lo].start + (i - runs[lo].at)
}
