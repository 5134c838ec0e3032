import { type Document, type Pair, isMap, isScalar, parse } from 'yaml'
import { DigestGateError } from '../model/errors.js'
import { digestProblem } from '../model/reference.js'
import type { Splice } from './rewrite.js'
import type { FoundReference, SplitReference, ValueSpan } from '../model/files.js'
import { deref, type YamlScan } from './yaml-scan.js'

/**
 * References written over several values of one YAML map: a Helm values image map
 * (`{registry, repository, tag, digest}`, the Bitnami layout) or a Kustomize `images:` entry
 * (`{name, newName, newTag, digest}`). Reading one keeps each value's exact span; writing one
 * (a pin: the digest; a promotion: the tag and the digest) splices each value in place and adds
 * a missing key on a line of its own, at the indentation of its neighbours, so every other byte
 * of the file is kept. Pure.
 */

/** A scalar's own characters, when they are its value exactly; else why they are not. */
export function scalarSpan(scan: YamlScan, node: unknown, asWritten = false): ValueSpan | string {
  if (!isScalar(node) || !node.range) return 'the value is not a string'
  const [from, to] = node.range
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
    return 'the value is a block scalar; rewriting it in place is not safe'
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'
  const start = quoted ? from + 1 : from
  const end = quoted ? to - 1 : to
  const text = scan.text.slice(start, end)
  if (quoted && text !== String(node.value)) return 'the value is written with escapes'
  if (!quoted && node.value === null) {
    // `digest:` with nothing after it: a value written there needs a space after the colon.
    return { start, end, text: '', plain: true, lead: scan.text[start - 1] === ':' ? ' ' : '' }
  }
  // Helm reads values untyped (`tag: 1.10` is the number 1.1); Kustomize reads strings as written.
  if (!asWritten && !quoted && typeof node.value !== 'string' && String(node.value) !== text)
    return `YAML reads '${text}' as ${String(node.value)}, so the chart sees that; quote the value`
  return { start, end, text, plain: !quoted }
}

/** A pair of a map by its key (no merge keys: a map written in place is what is rewritten). */
export function pairOf(map: unknown, key: string, doc: Document): Pair | undefined {
  const node = deref(map, doc)
  if (!isMap(node)) return undefined
  return node.items.find(p => isScalar(p.key) && p.key.value === key)
}

/**
 * Where keys missing from `map` are added: after `anchor` (the pair whose line they follow).
 * In a block map, at the end of the anchor's last line (after any comment on it), on new lines
 * indented as the anchor's key; in a flow map, right after the anchor's value.
 */
export function insertionPoint(
  scan: YamlScan,
  map: unknown,
  anchor: Pair,
  doc: Document
): SplitReference['insert'] | undefined {
  const node = deref(map, doc)
  const keyRange = isScalar(anchor.key) ? anchor.key.range : undefined
  const valueEnd = (anchor.value as { range?: [number, number, number] } | null)?.range?.[1]
  if (!isMap(node) || !keyRange || valueEnd === undefined) return undefined
  if (node.flow) return { at: valueEnd, before: ', ', after: '' }
  const text = scan.text
  const lineStart =
    Math.max(text.lastIndexOf('\n', keyRange[0] - 1), text.lastIndexOf('\r', keyRange[0] - 1)) + 1
  const indent = ' '.repeat([...text.slice(lineStart, keyRange[0])].length)
  let at = valueEnd
  while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++
  const eol = text.startsWith('\r\n', at) ? '\r\n' : text[at] === '\r' ? '\r' : '\n'
  return { at, before: eol + indent, after: '' }
}

/** How a new value is written where it goes: quoted when YAML would not read it as a string. */
function yamlValue(value: string, span?: ValueSpan): string {
  if (span && !span.plain) return value
  let plainReadsAs: unknown
  try {
    plainReadsAs = parse(value)
  } catch {
    plainReadsAs = undefined
  }
  return plainReadsAs === value ? value : JSON.stringify(value)
}

/**
 * The splices that write `digest` (and, for a promotion, `tag`) into a split reference. A value
 * already equal is left alone; missing keys are added together in one insertion, tag first.
 */
export function splitSplices(
  ref: FoundReference,
  split: SplitReference,
  values: { digest: string; tag?: string }
): Splice[] {
  const problem = digestProblem(values.digest)
  if (problem) throw new DigestGateError('invalid-input', `Cannot pin '${ref.image}': ${problem}`)
  const out: Splice[] = []
  const added: string[] = []
  const write = (key: string, span: ValueSpan | undefined, value: string | undefined): void => {
    if (value === undefined) return
    if (!span) added.push(`${split.insert.before}${key}: ${yamlValue(value)}${split.insert.after}`)
    else if (span.text !== value)
      out.push({
        start: span.start,
        end: span.end,
        replacement: (span.lead ?? '') + yamlValue(value, span),
        expect: span.text
      })
  }
  write(split.tagKey, split.tag, values.tag)
  write(split.digestKey, split.digest, values.digest)
  if (added.length) {
    const { at } = split.insert
    out.push({ start: at, end: at, replacement: added.join(''), expect: '' })
  }
  return out
}

/** `name:tag@digest` as a person reads a split reference, for messages and the summary. */
export function splitDisplay(name: string, tag?: string, digest?: string): string {
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`
}
