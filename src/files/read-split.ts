import type { Document } from 'yaml'
import { insertionPoint, pairOf, scalarSpan, splitDisplay } from './split-reference.js'
import type { FoundReference, SplitReference, ValueSpan } from '../model/files.js'
import { deref, type YamlScan } from './yaml-scan.js'

/**
 * Reads one reference written over several keys of a YAML map (split-reference.ts) into the
 * scan: a reference with each value's span, or an entry not followed, with why. Shared by the
 * Helm values and Kustomize finders. Pure.
 */

export interface SplitSpec {
  /** Where in the file's structure, for messages. */
  where: string
  /** The keys whose values, joined by `/`, name the repository (`registry`, `repository`). */
  nameKeys: string[]
  tagKey: string
  digestKey: string
  /** Why a value cannot be followed (a template), or undefined. */
  skipReason?: (value: string) => string | undefined
  /** Why a reference with neither tag nor digest is not followed. */
  noTagReason: string
  /** The tool reads values into strings as written (`1.10` stays `1.10`), as Kustomize does. */
  asWritten?: boolean
}

/** Adds the reference `map` holds under `spec` to the scan, or the entry it skips. */
export function readSplitReference(
  scan: YamlScan,
  doc: Document,
  map: unknown,
  spec: SplitSpec
): void {
  const named = spec.nameKeys
    .map(key => pairOf(map, key, doc))
    .filter(pair => pair && !isEmpty(deref(pair.value, doc)))
  const first = named[0]?.value as { range?: number[] } | undefined
  const at = first?.range?.[0] ?? 0
  const skip = (text: string, reason: string): void => {
    scan.skipped.push({
      file: scan.file,
      ...scan.lines.positionAt(at),
      kind: scan.kind,
      where: spec.where,
      text,
      reason
    })
  }
  const spans: ValueSpan[] = []
  for (const pair of named) {
    const span = scalarSpan(scan, deref(pair?.value, doc), spec.asWritten)
    if (typeof span === 'string') return skip('', `${spec.where}: ${span}`)
    spans.push(span)
  }
  if (!spans.length) return skip('', 'the map names no repository')
  const name = spans.map(s => s.text).join('/')
  const tagPair = pairOf(map, spec.tagKey, doc)
  const digestPair = pairOf(map, spec.digestKey, doc)
  const tag = tagPair ? scalarSpan(scan, deref(tagPair.value, doc), spec.asWritten) : undefined
  const digest = digestPair
    ? scalarSpan(scan, deref(digestPair.value, doc), spec.asWritten)
    : undefined
  const values = [
    name,
    typeof tag === 'object' ? tag.text : '',
    typeof digest === 'object' ? digest.text : ''
  ]
  for (const value of values) {
    const reason = spec.skipReason?.(value)
    if (reason) return skip(value, reason)
  }
  const [, tagText, digestText] = values
  const display = splitDisplay(name, tagText, digestText)
  if (typeof tag === 'string') return skip(display, `${spec.tagKey}: ${tag}`)
  if (typeof digest === 'string') return skip(display, `${spec.digestKey}: ${digest}`)
  if (!tagText && !digestText) return skip(name, spec.noTagReason)
  const anchor = tagPair ?? named[named.length - 1]
  const insert = anchor ? insertionPoint(scan, map, anchor, doc) : undefined
  if (!insert) return skip(display, 'the map is not written in a way a key can be added to')
  const split: SplitReference = { tagKey: spec.tagKey, digestKey: spec.digestKey, insert }
  const ref: FoundReference = {
    file: scan.file,
    ...scan.lines.positionAt(spans[0].start),
    start: spans[0].start,
    end: spans[0].end,
    text: display,
    image: display,
    kind: scan.kind,
    where: spec.where,
    pinnable: true,
    split
  }
  // An empty `digest: ""` is a value to write in place, as a written tag is one to replace.
  if (tag) split.tag = tag
  if (digest) split.digest = digest
  scan.references.push(ref)
}

function isEmpty(node: unknown): boolean {
  const value = (node as { value?: unknown } | undefined)?.value
  return node === undefined || value === null || value === ''
}
