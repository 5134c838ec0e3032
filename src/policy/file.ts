import { compileGlob } from '../model/glob.js'
import { LineCounter, type Node, isMap, isScalar, isSeq, parseDocument } from 'yaml'
import {
  ATTESTATION_REQUIREMENTS,
  type AttestationRequirement,
  isAttestationRequirement
} from '../attestations/classify.js'
import { LocatedError } from '../model/located-error.js'
import {
  type Platform,
  formatPlatform,
  parsePlatform,
  parsePlatformSpec
} from '../model/platform.js'
import { quoteVisible, visibleText } from '../model/text.js'
import {
  FAIL_ON,
  type FailOn,
  type Policy,
  RULE_KEYS,
  type Rule,
  type RuleKey,
  type WrittenRule
} from './rule.js'
import { type ReaderKit, readProvenance, readSignedBy, unsignedProvenance } from './signers-file.js'
import { SIZE_EXPECTED, misspelledUnit, parsePercent, parseSize } from './sizes.js'
import {
  type Context,
  addProblem,
  describe,
  pairsOf,
  report,
  resolveNode,
  siteOf,
  stringItems,
  unknownKey
} from './yaml-reader.js'

/**
 * The policy file (README, "Policy file"): YAML 1.2 read with the `yaml` package's Document
 * API, which keeps every node's source range, so each problem names the file, line, column
 * and key, and says what was expected. Every problem is collected before one `invalid-input`
 * error is thrown; an unknown key is a problem, never ignored. Loaded only by runs that have
 * a policy.
 */

const TOP_KEYS = ['default', 'images'] as const

/** Globs match image names, whose separator is always '/', whatever the runner's OS. */
export { GLOB_OPTIONS } from '../model/glob.js'

function platformList(ctx: Context, key: string, node: Node | null): Platform[] | undefined {
  const items = stringItems(
    ctx,
    key,
    node,
    "a platform such as 'linux/arm64'",
    'a list of platforms such as [linux/amd64, linux/arm64]'
  )
  if (!items) return undefined
  const out = new Map<string, Platform>()
  let ok = true
  for (const { text, node: at } of items) {
    try {
      parsePlatform(text)
    } catch (e) {
      report(
        ctx,
        at,
        `key '${key}': expected a platform such as 'linux/arm64'; ${(e as Error).message}`
      )
      ok = false
      continue
    }
    // Well formed: now the names, which say the nearest known one.
    try {
      const p = parsePlatformSpec(text)
      out.set(formatPlatform(p), p)
    } catch (e) {
      report(ctx, at, `key '${key}': ${(e as Error).message}`)
      ok = false
    }
  }
  return ok ? [...out.values()] : undefined
}

function integerValue(node: Node | null): number | undefined {
  if (!isScalar(node)) return undefined
  const v = node.value
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined
}

function kitOf(ctx: Context): ReaderKit {
  return {
    report: (node, what) => report(ctx, node, what),
    describe,
    pairs: node => pairsOf(ctx, node),
    unknownKey: (keyNode, key, allowed) => unknownKey(ctx, keyNode, key, allowed)
  }
}

/** Each key's reader: the parsed value, or undefined after reporting why not. */
const READERS: { [K in RuleKey]: (ctx: Context, node: Node | null) => Rule[K] | undefined } = {
  platforms: (ctx, node) => platformList(ctx, 'platforms', node),
  forbid: (ctx, node) => platformList(ctx, 'forbid', node),
  'max-size': (ctx, node) => {
    const bytes = integerValue(node)
    if (bytes !== undefined && bytes > 0) return { bytes, unit: 'B' }
    const text = isScalar(node) && typeof node.value === 'string' ? node.value : undefined
    const size = text === undefined ? null : parseSize(text)
    if (size) return size
    const meant = text === undefined ? undefined : misspelledUnit(text)
    report(
      ctx,
      node,
      `key 'max-size': expected ${SIZE_EXPECTED}, found ${describe(node)}${meant ? ` (did you mean '${meant}'?)` : ''}`
    )
    return undefined
  },
  'max-layers': (ctx, node) => {
    const n = integerValue(node)
    if (n !== undefined && n >= 1) return n
    report(
      ctx,
      node,
      `key 'max-layers': expected a whole number of at least 1, found ${describe(node)}`
    )
    return undefined
  },
  'max-growth': (ctx, node) => {
    const text = isScalar(node) && typeof node.value === 'string' ? node.value : undefined
    const ratio = text === undefined ? null : parsePercent(text)
    if (ratio !== null) return ratio
    report(
      ctx,
      node,
      `key 'max-growth': expected a percentage such as '10%' or '0.5%', found ${describe(node)}`
    )
    return undefined
  },
  attestations: (ctx, node) => {
    const items = stringItems(
      ctx,
      'attestations',
      node,
      `one of ${ATTESTATION_REQUIREMENTS.join(', ')}`,
      `a list of ${ATTESTATION_REQUIREMENTS.join(', ')}`
    )
    if (!items) return undefined
    let ok = true
    for (const { text, node: at } of items) {
      if (!isAttestationRequirement(text)) {
        report(
          ctx,
          at,
          `key 'attestations': expected one of ${ATTESTATION_REQUIREMENTS.join(', ')}, found ${quoteVisible(text)}`
        )
        ok = false
      }
    }
    return ok ? [...new Set(items.map(i => i.text as AttestationRequirement))] : undefined
  },
  'signed-by': (ctx, node) => readSignedBy(kitOf(ctx), node),
  provenance: (ctx, node) => readProvenance(kitOf(ctx), node),
  consistent: (ctx, node) => {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value
    report(ctx, node, `key 'consistent': expected true or false, found ${describe(node)}`)
    return undefined
  },
  'fail-on': (ctx, node) => {
    const text = isScalar(node) && typeof node.value === 'string' ? node.value : undefined
    if (text !== undefined && FAIL_ON.includes(text as FailOn)) return text as FailOn
    report(
      ctx,
      node,
      `key 'fail-on': expected one of ${FAIL_ON.join(', ')}, found ${describe(node)}`
    )
    return undefined
  }
}

function readRule(ctx: Context, node: Node | null, where: 'default' | 'images'): WrittenRule {
  const written: WrittenRule = { rule: {}, sites: {} }
  const allowed: readonly string[] = where === 'images' ? ['match', ...RULE_KEYS] : RULE_KEYS
  for (const { key, keyNode, value } of pairsOf(ctx, node as Node)) {
    if (key === 'match') {
      if (where === 'default') {
        report(
          ctx,
          keyNode,
          "key 'match': expected no 'match' in 'default', which applies to every image"
        )
        continue
      }
      written.site = siteOf(ctx, keyNode)
      const glob = isScalar(value) && typeof value.value === 'string' ? value.value.trim() : ''
      if (!glob) {
        report(
          ctx,
          value ?? keyNode,
          `key 'match': expected a glob such as 'ghcr.io/acme/*', found ${describe(value)}`
        )
        continue
      }
      try {
        compileGlob(glob)
        written.match = glob
      } catch (e) {
        report(
          ctx,
          value,
          `key 'match': expected a glob such as 'ghcr.io/acme/*'; ${(e as Error).message}`
        )
      }
      continue
    }
    if (!(RULE_KEYS as readonly string[]).includes(key)) {
      unknownKey(ctx, keyNode, key, allowed)
      continue
    }
    const k = key as RuleKey
    const parsed = READERS[k](ctx, value)
    if (parsed === undefined) continue
    ;(written.rule as Record<RuleKey, unknown>)[k] = parsed
    written.sites[k] = siteOf(ctx, keyNode)
  }
  return written
}

/** Source names a policy: the file's path, or the inline input. */
export interface PolicySource {
  /** `path/to/policy.yml`, or `input 'policy'`. */
  label: string
  file?: string
}

/**
 * Parses a policy's text. Throws one `invalid-input` DigestGateError listing every problem as
 * `<label>:<line>:<col>: key 'x': expected …`.
 */
export function parsePolicy(text: string, source: PolicySource): Policy {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const ctx: Context = { ...source, lines, doc, problems: [], located: [] }
  const fail = (): never => {
    throw new LocatedError(
      `The policy ${source.label} has ${ctx.problems.length} problem${ctx.problems.length === 1 ? '' : 's'}:\n${ctx.problems.join('\n')}`,
      ctx.located
    )
  }
  for (const e of doc.errors) {
    const { line, col } = lines.linePos(e.pos[0])
    const message =
      e.code === 'DUPLICATE_KEY'
        ? `key '${visibleText(/^["']?([^"':\n]*)/.exec(text.slice(e.pos[0]))?.[1].trim() ?? '')}': given more than once; expected each key once`
        : `expected valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`
    addProblem(ctx, { line, col }, message)
  }
  if (ctx.problems.length) fail()

  const top = resolveNode(ctx, doc.contents)
  if (!isMap(top)) {
    report(
      ctx,
      top,
      `expected a mapping with the keys 'default' and/or 'images', found ${describe(top)}`
    )
    fail()
  }
  const policy: Policy = {
    label: source.label,
    default: { rule: {}, sites: {} },
    images: []
  }
  if (source.file !== undefined) policy.file = source.file
  for (const { key, keyNode, value } of pairsOf(ctx, top as Node)) {
    if (key === 'default') {
      if (value && !(isScalar(value) && value.value === null) && !isMap(value)) {
        report(
          ctx,
          value,
          `key 'default': expected a mapping of rule keys, found ${describe(value)}`
        )
        continue
      }
      policy.default = readRule(ctx, value, 'default')
      policy.default.site = siteOf(ctx, keyNode)
    } else if (key === 'images') {
      readImages(ctx, value, policy)
    } else {
      unknownKey(ctx, keyNode, key, TOP_KEYS)
    }
  }
  for (const p of unsignedProvenance(policy)) addProblem(ctx, p.site, p.what)
  if (ctx.problems.length) fail()
  return policy
}

/** The `images` list: each entry a rule with a `match` glob, added to the policy in order. */
function readImages(ctx: Context, value: Node | null, policy: Policy): void {
  if (!value || (isScalar(value) && value.value === null)) return
  if (!isSeq(value)) {
    report(
      ctx,
      value,
      `key 'images': expected a list of rules, each with a 'match' glob, found ${describe(value)}`
    )
    return
  }
  value.items.forEach((raw, i) => {
    const item = resolveNode(ctx, raw)
    if (!isMap(item)) {
      report(
        ctx,
        item ?? value,
        `key 'images': expected each entry to be a mapping with a 'match' glob, found ${describe(item)}`
      )
      return
    }
    const rule = readRule(ctx, item, 'images')
    if (rule.match) policy.images.push(rule)
    else if (!rule.site)
      report(
        ctx,
        item,
        `key 'images': expected entry ${i + 1} to have a 'match' key with a glob such as 'ghcr.io/acme/*'`
      )
  })
}
