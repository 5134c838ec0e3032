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
 * Escapes a registry-supplied string for Markdown and HTML in the job summary: a hostile tag
 * or annotation must not inject links, tables or tags.
 */
export function escapeMarkdown(text: string): string {
  return (
    visibleText(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
      .replace(LINE_BREAKS, ' ')
      .replace(CONTROLS, '')
      // A zero-width space keeps GitHub from turning a registry-supplied URL into a live link.
      .replace(/:\/\//g, ':\u200b//')
      .replace(/\bwww\./gi, m => `${m.slice(0, 3)}\u200b.`)
  )
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

export function code(text: string): string {
  // An HTML <code> element is not a Markdown code span: Markdown (links, emphasis, table pipes)
  // is still parsed inside it, so its text needs the same escaping as any other.
  return `<code>${escapeMarkdown(text)}</code>`
}
