/**
 * Registry-supplied text made safe for where it is shown: Markdown and HTML in the job summary,
 * one plain line in a terminal or the log, and figures in human units. Pure.
 */

/** Binary units as registries and docker report them (KiB = 1024 B). */
export function humanSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return 'n/a'
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`
}

export function shortDigest(digest: string | null | undefined): string {
  if (!digest) return 'n/a'
  const [algo, hex] = digest.split(':')
  return `${algo}:${hex.slice(0, 12)}`
}

/**
 * Escapes a registry-supplied string for Markdown and HTML in the job summary and the pull
 * request comment: a hostile tag or annotation must not inject links, tables or tags, notify
 * anyone or reference an issue. Nothing visible is inserted: what a reader copies is what the
 * registry sent (controls and line breaks aside).
 * - A word GitHub would turn into a mention, an issue reference or a mail link (NOTIFYING)
 *   becomes a code span, where GitHub neither links nor notifies.
 * - Everything else is escaped character by character, and a URL's `://` or a `www.` gets an
 *   empty HTML comment inside (GFM autolinks match within one run of text; GitHub drops the
 *   comment from the page, so the URL reads and copies whole).
 */
export function escapeMarkdown(text: string): string {
  const line = cleanLine(text)
  let out = ''
  let from = 0
  // The text between notifying words is escaped in one go: per word, a long line of short
  // words would cost seconds.
  for (const word of line.matchAll(WORD)) {
    if (!NOTIFYING.test(word[0])) continue
    out += unlinked(escapeChars(line.slice(from, word.index))) + codeSpan(word[0])
    from = word.index + word[0].length
  }
  return out + unlinked(escapeChars(line.slice(from)))
}

/** One line of visible text: invisible controls shown, line breaks a space, controls gone. */
function cleanLine(text: string): string {
  return visibleText(text).replace(LINE_BREAKS, ' ').replace(CONTROLS, '')
}

/**
 * A word GitHub would make live outside code: an `@user` or `@org/team` mention (an `@` not
 * after a word character, GitHub's rule), an issue reference (`#12`, `org/repo#12`, `GH-12`),
 * or an email address (GFM's extended email autolink).
 */
const NOTIFYING =
  /(?<![A-Za-z0-9_])@[A-Za-z0-9]|#\d|\bgh-\d|[A-Za-z0-9._+-]@[A-Za-z0-9_-]+\.[A-Za-z0-9]/i

/**
 * A run of text between the characters a mention or a link cannot reach past unescaped:
 * whitespace, table pipes, brackets, parentheses and angle brackets. So a code span made of
 * one never holds a `|` (which would end a table cell) and never touches another backtick.
 */
const WORD = /[^\s|()[\]<>]+/g

/** GFM's extended autolinks (`http://`, `https://`, `ftp://`, `www.`) broken by a comment. */
function unlinked(escaped: string): string {
  return escaped.replace(/(https?|ftp):\/\//gi, '$1:<!-- -->//').replace(/(www)\./gi, '$1<!-- -->.')
}

function escapeChars(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
}

/**
 * A Markdown code span holding `text` literally (CommonMark 6.1): fenced by one more backtick
 * than the longest run inside, and padded with a space when it starts or ends with a backtick
 * (one space each side is stripped again). For one line with no `|`.
 */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = /^`|`$/.test(text) ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

/**
 * Unicode controls that change how text reads without showing themselves: bidi embeddings,
 * overrides and isolates, directional marks, zero-width characters and the BOM (Unicode
 * UAX #9; CVE-2021-42574 "Trojan Source"). A registry-supplied string must not reorder what a
 * reviewer reads in the log or the summary.
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g

/** Makes invisible controls visible as `<U+202E>`, leaving every other character as it is. */
export function visibleText(text: string): string {
  return text.replace(
    INVISIBLE,
    c => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`
  )
}

/** A JSON-quoted string with invisible controls made visible, for messages about bad values. */
export function quoteVisible(text: string): string {
  return visibleText(JSON.stringify(text))
}

/** Every line break Markdown honours, a lone CR included. */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g

/** A registry-supplied string for a terminal: one line, no control characters. */
export function plainText(text: string): string {
  return visibleText(text).replace(LINE_BREAKS, ' ').replace(CONTROLS, '?')
}

/**
 * A message for the step log or an annotation: each line as plainText makes it (escape
 * sequences, BEL, NUL and every other control shown as `?`, invisible controls made visible),
 * its own line breaks kept. The one rule for registry- and file-supplied text in the log.
 */
export function logText(text: string): string {
  return text.split(/\r?\n/).map(plainText).join('\n')
}

export function code(text: string): string {
  // An HTML <code> element is not a Markdown code span: Markdown (links, emphasis, table pipes)
  // is still parsed inside it, so its text needs the same escaping as any other.
  return `<code>${escapeMarkdown(text)}</code>`
}
