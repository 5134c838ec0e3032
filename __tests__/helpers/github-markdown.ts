/**
 * A small model of how GitHub reads the Markdown the action writes, for tests: which text is
 * outside code (where GitHub links URLs and email addresses, notifies `@mentions` and links
 * `#123`), and what a reader sees and copies. It follows CommonMark's code spans (6.1) and
 * backslash escapes (2.4), treats `<code>…</code>`, HTML comments and tags as GitHub does
 * (code is never linked; comments and tags split the text, and GFM autolinks match within one
 * run of text), and resolves the few entities the action writes.
 */

export interface ReadMarkdown {
  /** Runs of text outside code, comments and tags, escapes resolved. */
  live: string[]
  /** What a reader sees (and copies): code and text alike, comments and tags dropped. */
  visible: string
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' }
const PUNCTUATION = /[!-/:-@[-`{-~]/

function backtickRun(md: string, at: number): number {
  let n = 0
  while (md[at + n] === '`') n++
  return n
}

/** Where the code span opened by `n` backticks at `from` closes, or -1. */
function closingRun(md: string, from: number, n: number): number {
  for (let i = from; i < md.length;) {
    if (md[i] !== '`') {
      i++
      continue
    }
    const run = backtickRun(md, i)
    if (run === n) return i
    i += run
  }
  return -1
}

/** Reads Markdown as GitHub would render it, as far as links, mentions and copying go. */
export function readMarkdown(md: string): ReadMarkdown {
  const live: string[] = ['']
  let visible = ''
  const emit = (text: string, isLive: boolean): void => {
    visible += text
    if (isLive) live[live.length - 1] += text
  }
  const split = (): void => void live.push('')
  let i = 0
  while (i < md.length) {
    const c = md[i]
    if (c === '\\' && PUNCTUATION.test(md[i + 1] ?? '')) {
      emit(md[i + 1], true)
      i += 2
    } else if (c === '`') {
      const n = backtickRun(md, i)
      const close = closingRun(md, i + n, n)
      if (close < 0) {
        emit(md.slice(i, i + n), true)
        i += n
        continue
      }
      let inside = md.slice(i + n, close).replace(/\n/g, ' ')
      if (/^ .*[^ ].* $/s.test(inside) || /^ [^ ] $/.test(inside)) inside = inside.slice(1, -1)
      split()
      emit(inside, false)
      split()
      i = close + n
    } else if (md.startsWith('<code>', i)) {
      const end = md.indexOf('</code>', i)
      // Inside a <code> element Markdown is still parsed, but nothing is linked or notified.
      const inner = readMarkdown(md.slice(i + 6, end < 0 ? md.length : end))
      split()
      emit(inner.visible, false)
      split()
      i = end < 0 ? md.length : end + 7
    } else if (md.startsWith('<!--', i)) {
      const end = md.indexOf('-->', i + 4)
      split()
      i = end < 0 ? md.length : end + 3
    } else if (c === '<' && /[A-Za-z/]/.test(md[i + 1] ?? '')) {
      const end = md.indexOf('>', i)
      split()
      i = end < 0 ? md.length : end + 1
    } else if (c === '&') {
      const m = /^&(#\d+|#x[0-9a-f]+|[a-z]+);/i.exec(md.slice(i))
      const name = m?.[1]
      const decoded = !name
        ? undefined
        : name.startsWith('#x') || name.startsWith('#X')
          ? String.fromCodePoint(parseInt(name.slice(2), 16))
          : name.startsWith('#')
            ? String.fromCodePoint(Number(name.slice(1)))
            : ENTITIES[name]
      if (m && decoded !== undefined) {
        emit(decoded, true)
        i += m[0].length
      } else {
        emit(c, true)
        i++
      }
    } else {
      emit(c, true)
      i++
    }
  }
  return { live: live.filter(Boolean), visible }
}

/**
 * What GitHub would make live in these runs: a mention (`@` not after a word character, at
 * the start of a run too), an issue reference, an autolinked URL or email address.
 */
export function liveThings(runs: readonly string[]): string[] {
  const found: string[] = []
  const patterns = [
    /(?:^|[^A-Za-z0-9_])@[A-Za-z0-9][\w/-]*/,
    /#\d+/,
    /\bgh-\d+/i,
    /(?:https?|ftp):\/\/\S*/i,
    /www\.\S*/i,
    /[A-Za-z0-9._+-]+@[A-Za-z0-9_-]+\.[A-Za-z0-9]\S*/
  ]
  for (const run of runs)
    for (const p of patterns) {
      const m = p.exec(run)
      if (m) found.push(m[0])
    }
  return found
}
