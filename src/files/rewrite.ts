import { DigestGateError } from '../model/errors.js'
import { digestProblem } from '../model/reference.js'

/**
 * Rewrites file text by splicing replacements into exact spans, leaving every other byte as it
 * was: line endings, comments, quoting, a BOM. Pure.
 */

/** Replace `text.slice(start, end)` (UTF-16 offsets) with `replacement`. */
export interface Splice {
  start: number
  end: number
  replacement: string
  /** What the span must hold now; a mismatch means the file changed since it was scanned. */
  expect?: string
}

/**
 * Applies splices in one pass. Identical splices (one ARG default used by two FROMs) count
 * once; overlapping different ones, spans outside the text, or an `expect` that does not
 * match throw an `invalid-input` DigestGateError naming `file`.
 */
export function applySplices(text: string, splices: readonly Splice[], file = 'the file'): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end)
  let out = ''
  let at = 0
  let last: Splice | undefined
  for (const s of sorted) {
    if (last && s.start === last.start && s.end === last.end) {
      if (s.replacement === last.replacement) continue
      throw new DigestGateError(
        'invalid-input',
        `${file}: two different rewrites of offsets ${s.start}-${s.end} ('${last.replacement}' and '${s.replacement}')`
      )
    }
    if (s.start < at || s.end < s.start || s.end > text.length) {
      throw new DigestGateError(
        'invalid-input',
        `${file}: rewrite of offsets ${s.start}-${s.end} overlaps another or lies outside the text`
      )
    }
    const current = text.slice(s.start, s.end)
    if (s.expect !== undefined && current !== s.expect) {
      throw new DigestGateError(
        'invalid-input',
        `${file}: expected '${s.expect}' at offset ${s.start} but found '${current}'; the file changed since it was read`
      )
    }
    out += text.slice(at, s.start) + s.replacement
    at = s.end
    last = s
  }
  return out + text.slice(at)
}

/**
 * The pinned form of a reference as written: the name and tag kept, the digest added or
 * replaced (`nginx:1.27` → `nginx:1.27@sha256:…`, `nginx:1.27@sha256:old` and `nginx@sha256:old`
 * → the new digest). A reference with neither tag nor digest gets `:latest` written out, so the
 * pin keeps saying which tag it follows and a later pin run can update it. Throws
 * `invalid-input` for a malformed digest (OCI image-spec descriptor.md#digests).
 */
export function pinnedText(text: string, digest: string): string {
  const problem = digestProblem(digest)
  if (problem) throw new DigestGateError('invalid-input', `Cannot pin '${text}': ${problem}`)
  const at = text.indexOf('@')
  const name = at < 0 ? text : text.slice(0, at)
  const hasTag = name.lastIndexOf(':') > name.lastIndexOf('/')
  return hasTag || at >= 0 ? `${name}@${digest}` : `${name}:latest@${digest}`
}

/** Text decoded for scanning; `problem` says why it must not be rewritten, if it must not. */
export interface DecodedText {
  text: string
  problem?: string
}

/**
 * Decodes file bytes as UTF-8, keeping a BOM as U+FEFF so offsets and rewrites see every
 * character. Invalid bytes decode to U+FFFD for scanning, and `problem` is set: such a file
 * can be reported on but not rewritten.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
  const bad = firstInvalidUtf8(bytes)
  if (bad < 0) return { text }
  let line = 1
  for (let i = 0; i < bad; i++) if (bytes[i] === 10) line++
  return {
    text,
    problem: `${file} is not valid UTF-8 (byte ${bad}, line ${line}); refusing to rewrite it, as writing the text back would change bytes it does not understand`
  }
}

/**
 * Decodes, applies the splices and encodes back. Throws an `invalid-input` DigestGateError
 * for a file that is not valid UTF-8, or for splices `applySplices` refuses.
 */
export function rewriteBytes(
  bytes: Uint8Array,
  file: string,
  splices: readonly Splice[]
): Uint8Array {
  const decoded = decodeText(bytes, file)
  if (decoded.problem) throw new DigestGateError('invalid-input', decoded.problem)
  return new TextEncoder().encode(applySplices(decoded.text, splices, file))
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629 §4: no overlongs or surrogates), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let min: number
    let max = 0xbf
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80]
    else if (b === 0xe0) [need, min] = [2, 0xa0]
    else if (b === 0xed) [need, min, max] = [2, 0x80, 0x9f]
    else if (b >= 0xe1 && b <= 0xef) [need, min] = [2, 0x80]
    else if (b === 0xf0) [need, min] = [3, 0x90]
    else if (b === 0xf4) [need, min, max] = [3, 0x80, 0x8f]
    else if (b >= 0xf1 && b <= 0xf3) [need, min] = [3, 0x80]
    else return i
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf]
      if (c === undefined || c < lo || c > hi) return i
    }
    i += need + 1
  }
  return -1
}
