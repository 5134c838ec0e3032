import { type Document, type LineCounter, type Node, isAlias, isMap, isScalar, isSeq } from 'yaml'
import { nearest } from '../model/nearest.js'
import { splitList } from '../model/platform.js'
import { quoteVisible, visibleText } from '../model/text.js'
import type { Site } from './rule.js'

// Reading the policy's YAML node by node: each problem is collected at its file, line and
// column, so one error can list them all.

/** The document being read and the problems found in it so far. */
export interface Context {
  label: string
  file?: string
  lines: LineCounter
  doc: Document.Parsed
  problems: string[]
  /** The problems again, each at its line. */
  located: (Site & { message: string })[]
}

/** Where a node starts: the file (if any), line and column. */
export function siteOf(ctx: Context, node: Node | null | undefined): Site {
  const offset = node?.range?.[0] ?? 0
  const { line, col } = ctx.lines.linePos(offset)
  return ctx.file === undefined ? { line, col } : { file: ctx.file, line, col }
}

/** Records a problem at a node's place. */
export function report(ctx: Context, node: Node | null | undefined, what: string): void {
  addProblem(ctx, siteOf(ctx, node), what)
}

/** Records a problem at a place, in the message and among the located problems. */
export function addProblem(ctx: Context, { line, col }: Site, what: string): void {
  ctx.problems.push(`${ctx.label}:${line}:${col}: ${what}`)
  ctx.located.push({ file: ctx.file, line, col, message: what })
}

/** What a node holds, for "found …" in a message. */
export function describe(node: Node | null | undefined): string {
  if (!node || (isScalar(node) && node.value === null)) return 'nothing'
  if (isScalar(node)) {
    const v = node.value
    return typeof v === 'string' ? quoteVisible(v) : `${typeof v} ${String(v)}`
  }
  if (isSeq(node)) return 'a list'
  if (isMap(node)) return 'a mapping'
  return 'something else'
}

/** The node itself, an alias followed to what it names. */
export function resolveNode(ctx: Context, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(ctx.doc) as Node | undefined) ?? null
  return (node as Node | null) ?? null
}

/** Records an unknown key, naming the keys allowed there and the nearest of them. */
export function unknownKey(
  ctx: Context,
  keyNode: Node,
  key: string,
  allowed: readonly string[]
): void {
  const guess = nearest(key, allowed)
  report(
    ctx,
    keyNode,
    `key '${visibleText(key)}': unknown key; expected one of ${allowed.join(', ')}${guess ? ` (did you mean '${guess}'?)` : ''}`
  )
}

/** The pairs of a mapping with string keys; a key of another kind is a problem. */
export function pairsOf(
  ctx: Context,
  node: Node
): { key: string; keyNode: Node; value: Node | null }[] {
  if (!isMap(node)) return []
  const out: { key: string; keyNode: Node; value: Node | null }[] = []
  for (const pair of node.items) {
    const keyNode = resolveNode(ctx, pair.key)
    if (!isScalar(keyNode) || typeof keyNode.value !== 'string') {
      report(ctx, keyNode ?? node, `expected a key name, found ${describe(keyNode)}`)
      continue
    }
    out.push({ key: keyNode.value, keyNode, value: resolveNode(ctx, pair.value) })
  }
  return out
}

/** A string, or a list of strings, each with the node it came from. */
export function stringItems(
  ctx: Context,
  key: string,
  node: Node | null,
  expected: string,
  expectedList: string
): { text: string; node: Node }[] | undefined {
  if (isScalar(node) && typeof node.value === 'string') {
    return splitList(node.value).map(text => ({ text, node }))
  }
  if (isSeq(node)) {
    const out: { text: string; node: Node }[] = []
    let ok = true
    for (const raw of node.items) {
      const item = resolveNode(ctx, raw)
      if (isScalar(item) && typeof item.value === 'string')
        out.push({ text: item.value, node: item })
      else {
        report(ctx, item ?? node, `key '${key}': expected ${expected}, found ${describe(item)}`)
        ok = false
      }
    }
    return ok ? out : undefined
  }
  report(ctx, node, `key '${key}': expected ${expectedList}, found ${describe(node)}`)
  return undefined
}
