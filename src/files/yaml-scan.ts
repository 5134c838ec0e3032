import {
  type Document,
  type Node,
  type Scalar,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments
} from 'yaml'
import type { LineIndex } from './positions.js'
import type { FileKind, FileProblem, FoundReference, SkippedEntry } from '../model/files.js'

/**
 * YAML through the `yaml` package's Document API, keeping every node's source range (YAML 1.2
 * §9 streams: several documents, directives, comments), plus what the YAML finders share:
 * looking keys up through aliases and merge keys (`<<: *base`, as Compose files use them)
 * and turning a scalar into a reference whose span is exactly the characters of its value.
 * Pure; never throws.
 */

/** One YAML file being scanned: its text, and what the finders have collected so far. */
export interface YamlScan {
  file: string
  text: string
  lines: LineIndex
  kind: FileKind
  references: FoundReference[]
  skipped: SkippedEntry[]
  problems: FileProblem[]
}

/**
 * The documents of a stream that parsed cleanly. Each syntax error becomes a problem naming
 * the file, line and column; its document is left out, the others are kept.
 */
export function parseYamlDocuments(scan: YamlScan): Document.Parsed[] {
  const docs = parseAllDocuments(scan.text, { prettyErrors: false })
  const good: Document.Parsed[] = []
  const report = (errors: { message: string; pos: [number, number] }[]): void => {
    for (const e of errors) {
      const position = scan.lines.positionAt(e.pos[0])
      scan.problems.push({
        file: scan.file,
        ...position,
        message: `${scan.file}:${position.line}:${position.column}: not valid YAML: ${e.message}`
      })
    }
  }
  if (!Array.isArray(docs)) return good
  if ('empty' in docs) report(docs.errors)
  for (const doc of docs) {
    if (doc.errors.length) report(doc.errors)
    else good.push(doc)
  }
  return good
}

/** Follows an alias to the node it names (once per hop, refusing cycles). */
export function deref(node: unknown, doc: Document): Node | undefined {
  let current = node
  for (let hops = 0; isAlias(current); hops++) {
    if (hops > 32) return undefined
    current = current.resolve(doc)
  }
  return isScalar(current) || isMap(current) || isSeq(current) ? current : undefined
}

/**
 * The value under `key` in a mapping as written (an alias stays an alias), looking through
 * merge keys when it is not there.
 */
export function mapGetRaw(node: unknown, key: string, doc: Document, depth = 0): unknown {
  const map = deref(node, doc)
  if (!isMap(map) || depth > 32) return undefined
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key) return pair.value ?? undefined
  }
  for (const pair of map.items) {
    if (!isScalar(pair.key) || pair.key.value !== '<<') continue
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value]
    for (const source of sources) {
      const found = mapGetRaw(source, key, doc, depth + 1)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** The value under `key` in a mapping, aliases followed. */
export function mapGet(node: unknown, key: string, doc: Document): Node | undefined {
  return deref(mapGetRaw(node, key, doc), doc)
}

/** The string-keyed entries of a mapping, in order. */
export function mapEntries(node: unknown, doc: Document): [string, unknown][] {
  const map = deref(node, doc)
  if (!isMap(map)) return []
  return map.items
    .filter(pair => isScalar(pair.key) && typeof pair.key.value === 'string')
    .map(pair => [(pair.key as Scalar).value as string, pair.value])
}

/** The items of a sequence (aliases followed). */
export function seqItems(node: unknown, doc: Document): unknown[] {
  const seq = deref(node, doc)
  return isSeq(seq) ? seq.items : []
}

/** A mapping's string value under `key`, or undefined. */
export function mapString(node: unknown, key: string, doc: Document): string | undefined {
  const value = mapGet(node, key, doc)
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined
}

/** How a finder wants one image value read. */
export interface ImageOptions {
  /** Why this value cannot be followed (a template, a variable), or undefined. */
  skipReason?: (value: string) => string | undefined
  /** Characters of the value before the image (`docker://`). */
  prefix?: string
}

/**
 * Records the image a scalar holds at `where`. The span is the value's own characters
 * (inside the quotes, for a quoted scalar); a value whose source differs from its value
 * (escapes, folding, block scalars) is reported but not pinnable.
 */
export function readImageNode(
  scan: YamlScan,
  doc: Document,
  raw: unknown,
  where: string,
  options: ImageOptions = {}
): void {
  const node = deref(raw, doc)
  const at = node?.range?.[0] ?? (raw as Node | undefined)?.range?.[0] ?? 0
  const skip = (text: string, reason: string): void => {
    scan.skipped.push({
      file: scan.file,
      ...scan.lines.positionAt(at),
      kind: scan.kind,
      where,
      text,
      reason
    })
  }
  if (!isScalar(node) || !node.range) {
    skip('', 'the value is not a string')
    return
  }
  if (node.value === null || node.value === '') {
    skip('', 'the value is empty')
    return
  }
  if (typeof node.value !== 'string') {
    skip(scan.text.slice(node.range[0], node.range[1]), 'the value is not a string')
    return
  }
  const value = node.value
  const prefix = options.prefix ?? ''
  const image = value.slice(prefix.length)
  const reason = options.skipReason?.(image)
  if (reason) {
    skip(value, reason)
    return
  }
  const [from, to] = node.range
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'
  const innerFrom = quoted ? from + 1 : from
  const innerTo = quoted ? to - 1 : to
  const written = scan.text.slice(innerFrom, innerTo)
  const exact = written === value && node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED'
  const start = exact ? innerFrom + prefix.length : from
  const end = exact ? innerTo : to
  const ref: FoundReference = {
    file: scan.file,
    ...scan.lines.positionAt(start),
    start,
    end,
    text: exact ? image : scan.text.slice(from, to),
    image,
    kind: scan.kind,
    where: isAlias(raw) ? `${where} (through alias *${raw.source})` : where,
    pinnable: exact
  }
  if (!exact) {
    ref.reason =
      'the value is written with escapes, line folding or as a block scalar; rewriting it in place is not safe'
  }
  scan.references.push(ref)
}
