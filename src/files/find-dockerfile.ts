import {
  type Instruction,
  type Word,
  readInstructions,
  sourceOffset,
  sourceSpan,
  splitWords
} from './dockerfile-lines.js'
import { BUILDER_ARGS, type Expansion, expandWord, hasVariables } from './dockerfile-vars.js'
import type { LineIndex } from './positions.js'
import type { FoundReference, SkippedEntry } from '../model/files.js'

/**
 * Image references in a Dockerfile or Containerfile: the image of each `FROM` (docs:
 * Dockerfile reference, "FROM", "Understand how ARG and FROM interact") and of each
 * `COPY --from=` that names an image rather than a stage. FROM sees only the ARGs declared
 * before the first FROM, with their defaults: `--build-arg` values are not known from the file.
 * Pure; never throws.
 */

interface ArgDefinition {
  value: string | undefined
  /** The default as written, quotes included. */
  raw?: string
  line: number
  /** The default's span, when it is plain literal text that a pin may rewrite. */
  literal?: { start: number; end: number; text: string }
}

interface Context {
  file: string
  source: string
  lines: LineIndex
  escape: string
  args: Map<string, ArgDefinition>
  /**
   * The same ARGs' values, kept up to date as each ARG is read: substitution reads this one
   * map rather than a fresh copy per ARG and per FROM, which made a file of many ARGs
   * quadratic (100,000 ARGs ran for minutes).
   */
  values: Map<string, string | undefined>
  /** Stage names (lower-cased, as BuildKit compares them) → the line that named them. */
  stages: Map<string, number>
  stage: number
  references: FoundReference[]
  /** The references made for ARG defaults, by `start:end`, so each FROM finds its own at once. */
  argReferences: Map<string, FoundReference>
  skipped: SkippedEntry[]
}

/** What one Dockerfile yields; anything unreadable is a skipped entry, never a thrown error. */
export interface DockerfileFindings {
  references: FoundReference[]
  skipped: SkippedEntry[]
}

/** Finds the image references of one Dockerfile's text. */
export function findDockerfileReferences(
  file: string,
  text: string,
  lines: LineIndex
): DockerfileFindings {
  const { escape, instructions } = readInstructions(text)
  const ctx: Context = {
    file,
    source: text,
    lines,
    escape,
    args: new Map(),
    values: new Map(),
    stages: new Map(),
    stage: 0,
    references: [],
    argReferences: new Map(),
    skipped: []
  }
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') readFrom(ctx, ins)
    else if (ins.keyword === 'ARG' && ctx.stage === 0) readGlobalArg(ctx, ins)
    else if (ins.keyword === 'COPY' && ctx.stage > 0) readCopyFrom(ctx, ins)
  }
  return { references: ctx.references, skipped: ctx.skipped }
}

function defineArg(ctx: Context, name: string, def: ArgDefinition): void {
  ctx.args.set(name, def)
  ctx.values.set(name, def.value)
}

function readGlobalArg(ctx: Context, ins: Instruction): void {
  for (const word of splitWords(ins, ctx.escape)) {
    const eq = word.raw.indexOf('=')
    const name = eq < 0 ? word.raw : word.raw.slice(0, eq)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue
    if (eq < 0) {
      defineArg(ctx, name, { value: undefined, line: ins.line })
      continue
    }
    const from = word.from + eq + 1
    const raw = word.raw.slice(eq + 1)
    const quote = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") ? raw[0] : ''
    const quoted = quote && raw.endsWith(quote) && !raw.slice(1, -1).includes(quote)
    const inner = quoted ? raw.slice(1, -1) : raw
    const innerFrom = quoted ? from + 1 : from
    const plain =
      !/["']/.test(inner) && (quote === "'" || !hasVariables(inner, ctx.escape)) && !!inner
    const span = plain ? sourceSpan(ins, innerFrom, innerFrom + inner.length) : null
    const value = quote === "'" && quoted ? inner : expandWord(inner, ctx.escape, ctx.values).value
    const def: ArgDefinition = { value, raw, line: ins.line }
    if (span) def.literal = { ...span, text: inner }
    defineArg(ctx, name, def)
  }
}

function readFrom(ctx: Context, ins: Instruction): void {
  ctx.stage++
  const words = splitWords(ins, ctx.escape)
  let i = 0
  let platform: string | undefined
  for (; i < words.length && words[i].raw.startsWith('--'); i++) {
    const m = /^--platform=(.*)$/.exec(words[i].raw)
    if (m && m[1] && !hasVariables(m[1], ctx.escape)) platform = m[1]
  }
  const image = words[i]
  const stageName =
    words[i + 1]?.raw.toLowerCase() === 'as' && words[i + 2] ? words[i + 2].raw : undefined
  const where = `FROM (stage ${ctx.stage}${stageName ? `: ${stageName}` : ''})`
  if (image) readImageWord(ctx, ins, image, where, platform)
  if (stageName) ctx.stages.set(stageName.toLowerCase(), ins.line)
}

function readCopyFrom(ctx: Context, ins: Instruction): void {
  for (const word of splitWords(ins, ctx.escape)) {
    if (!word.raw.startsWith('--')) break
    const m = /^--from=(.+)$/i.exec(word.raw)
    if (!m) continue
    const value = m[1]
    // A stage by name or index is the build's own, not an image to pin.
    if (/^\d+$/.test(value) || ctx.stages.has(value.toLowerCase())) return
    const where = `COPY --from (stage ${ctx.stage})`
    const from = word.from + '--from='.length
    if (hasVariables(value, ctx.escape)) {
      skip(ctx, ins, from, where, value, 'COPY --from with variables is not followed')
      return
    }
    const span = sourceSpan(ins, from, word.to)
    if (value.toLowerCase() === 'scratch') return
    addReference(ctx, ins, from, span, value, value, where, undefined, splitReason(span))
    return
  }
}

function splitReason(span: unknown): string | undefined {
  return span ? undefined : 'the reference is split over lines by a line continuation'
}

/**
 * One image word (of FROM, or COPY --from). Exactly one ARG (`${BASE}`) makes that ARG's
 * default the span to edit; ARGs mixed with literal text are reported but not pinnable.
 */
function readImageWord(
  ctx: Context,
  ins: Instruction,
  word: Word,
  where: string,
  platform: string | undefined
): void {
  const raw = word.raw
  if (!hasVariables(raw, ctx.escape)) {
    if (isStageOrScratch(ctx, ins, word.from, where, raw, raw)) return
    const span = sourceSpan(ins, word.from, word.to)
    addReference(ctx, ins, word.from, span, raw, raw, where, platform, splitReason(span))
    return
  }
  const expansion = expandWord(raw, ctx.escape, ctx.values)
  const unknown = whyUnknown(ctx, expansion)
  if (unknown) {
    skip(ctx, ins, word.from, where, raw, unknown)
    return
  }
  const image = expansion.value
  if (!image) {
    skip(ctx, ins, word.from, where, raw, `the image is empty once ARGs are substituted`)
    return
  }
  if (isStageOrScratch(ctx, ins, word.from, where, raw, image)) return
  const single = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)(.*))?\})$/.exec(
    raw
  )
  const name = single?.[1] ?? single?.[2]
  const def = name ? ctx.args.get(name) : undefined
  const wordSpan = sourceSpan(ins, word.from, word.to)
  if (name && def?.value !== undefined && (def.value !== '' || single?.[3] !== ':-')) {
    if (def.literal) {
      const usedBy = `ARG ${name} (line ${def.line}), used by ${where} on line ${ins.line}`
      addArgReference(ctx, def.literal, image, usedBy, platform)
      return
    }
    const reason = `the default of ARG ${name} (line ${def.line}) is built from other ARGs (${def.raw ?? ''}); pin the ARGs it is made of by hand`
    addReference(ctx, ins, word.from, wordSpan, raw, image, where, platform, reason)
    return
  }
  const fallback = single?.[4]
  if (name && fallback !== undefined && !hasVariables(fallback, ctx.escape)) {
    // The ARG has no value, so the `:-` default inside the FROM is what the build uses.
    const from = word.to - 1 - fallback.length
    const span = sourceSpan(ins, from, word.to - 1)
    addReference(ctx, ins, from, span, fallback, image, where, platform, splitReason(span))
    return
  }
  const reason = `the image is assembled from ARG values and literal text (${raw}); a pin would have to replace the expression, so pin it by hand or make the whole image one ARG`
  addReference(ctx, ins, word.from, wordSpan, raw, image, where, platform, reason)
}

function whyUnknown(ctx: Context, expansion: Expansion): string | undefined {
  if (expansion.problem) return expansion.problem
  const builder = expansion.unset.find(n => BUILDER_ARGS.has(n))
  if (builder) return `it depends on ${builder}, which the builder sets for each platform it builds`
  const name = expansion.unset[0]
  if (name === undefined) return undefined
  const def = ctx.args.get(name)
  if (def) {
    return `ARG ${name} (line ${def.line}) has no default value; it comes from --build-arg, which the file does not tell`
  }
  return `${name} is not declared by an ARG before the first FROM (only those are visible to FROM)`
}

function isStageOrScratch(
  ctx: Context,
  ins: Instruction,
  from: number,
  where: string,
  raw: string,
  image: string
): boolean {
  const stageLine = ctx.stages.get(image.toLowerCase())
  if (stageLine !== undefined) {
    skip(ctx, ins, from, where, raw, `refers to build stage '${image}' (line ${stageLine})`)
    return true
  }
  if (image.toLowerCase() === 'scratch') {
    skip(ctx, ins, from, where, raw, 'scratch is the empty image; there is nothing to pin')
    return true
  }
  return false
}

function skip(
  ctx: Context,
  ins: Instruction,
  from: number,
  where: string,
  text: string,
  reason: string
): void {
  const position = ctx.lines.positionAt(sourceOffset(ins, from) || 0)
  ctx.skipped.push({ file: ctx.file, ...position, kind: 'dockerfile', where, text, reason })
}

function addReference(
  ctx: Context,
  ins: Instruction,
  from: number,
  span: { start: number; end: number } | null,
  text: string,
  image: string,
  where: string,
  platform: string | undefined,
  reason: string | undefined
): void {
  // A word broken by a continuation is recorded over all the source it covers, as written.
  const start = span?.start ?? sourceOffset(ins, from)
  const end = span?.end ?? sourceOffset(ins, from + text.length - 1) + 1
  const ref: FoundReference = {
    file: ctx.file,
    ...ctx.lines.positionAt(start),
    start,
    end,
    text: span ? text : ctx.source.slice(start, end),
    image,
    kind: 'dockerfile',
    where,
    pinnable: !reason
  }
  if (platform) ref.platform = platform
  if (reason) ref.reason = reason
  ctx.references.push(ref)
}

/** A reference whose span is an ARG default: several FROMs using one ARG share one reference. */
function addArgReference(
  ctx: Context,
  literal: { start: number; end: number; text: string },
  image: string,
  usedBy: string,
  platform: string | undefined
): void {
  const key = `${literal.start}:${literal.end}`
  const same = ctx.argReferences.get(key)
  if (same) {
    same.where += `; ${usedBy.slice(usedBy.indexOf('used by'))}`
    if (same.platform !== platform) delete same.platform
    return
  }
  const ref: FoundReference = {
    file: ctx.file,
    ...ctx.lines.positionAt(literal.start),
    start: literal.start,
    end: literal.end,
    text: literal.text,
    image,
    kind: 'dockerfile',
    where: usedBy,
    pinnable: true
  }
  if (platform) ref.platform = platform
  ctx.references.push(ref)
  ctx.argReferences.set(key, ref)
}
