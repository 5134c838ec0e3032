import { type Node, isMap, isScalar } from 'yaml'
import type { Policy, ProvenanceRequirement, SignerRequirement, Site } from './rule.js'

/**
 * The policy file's `signed-by` and `provenance` keys (issue 21), read from their YAML nodes.
 * file.ts owns the document and its problem list; it hands these readers the few helpers they
 * need, so each problem is named at its file:line:col like every other key's.
 */

/** What file.ts lends a reader: report a problem at a node, describe a node, a map's pairs. */
export interface ReaderKit {
  report: (node: Node | null | undefined, what: string) => void
  describe: (node: Node | null | undefined) => string
  pairs: (node: Node) => { key: string; keyNode: Node; value: Node | null }[]
  unknownKey: (keyNode: Node, key: string, allowed: readonly string[]) => void
}

/** The predicate type `provenance` asks for when it names none: SLSA provenance v1. */
export const DEFAULT_PROVENANCE_PREDICATE = 'https://slsa.dev/provenance/v1'

const SIGNER_KEYS = ['issuer', 'identity', 'key'] as const
const PROVENANCE_KEYS = ['predicate', 'builder', 'source-repository'] as const

/** A non-empty string value, or undefined after reporting what was expected. */
function text(
  kit: ReaderKit,
  key: string,
  node: Node | null,
  expected: string
): string | undefined {
  if (isScalar(node) && typeof node.value === 'string' && node.value.trim())
    return node.value.trim()
  kit.report(node, `key '${key}': expected ${expected}, found ${kit.describe(node)}`)
  return undefined
}

/**
 * `identity` as written: `/…/` is a regular expression matched whole; otherwise a glob where
 * `*` is any characters but `/`, or an exact string when it has no `*`. Returns a problem.
 */
export function identityProblem(identity: string): string | undefined {
  if (!(identity.length > 2 && identity.startsWith('/') && identity.endsWith('/'))) return undefined
  try {
    new RegExp(identity.slice(1, -1), 'u')
    return undefined
  } catch (e) {
    return `not a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, '')})`
  }
}

/** `signed-by: {issuer, identity}` (keyless) or `signed-by: {key: path.pem}` (a key pair). */
export function readSignedBy(kit: ReaderKit, node: Node | null): SignerRequirement | undefined {
  const expected = "a mapping with 'issuer' and 'identity', or with 'key'"
  if (!isMap(node)) {
    kit.report(node, `key 'signed-by': expected ${expected}, found ${kit.describe(node)}`)
    return undefined
  }
  const found: Partial<Record<(typeof SIGNER_KEYS)[number], string>> = {}
  let ok = true
  for (const { key, keyNode, value } of kit.pairs(node)) {
    if (!(SIGNER_KEYS as readonly string[]).includes(key)) {
      kit.unknownKey(keyNode, key, SIGNER_KEYS)
      ok = false
      continue
    }
    const k = key as (typeof SIGNER_KEYS)[number]
    const what =
      k === 'issuer'
        ? "an OIDC issuer URL such as 'https://token.actions.githubusercontent.com'"
        : k === 'identity'
          ? "a signer identity: exact, a glob such as 'https://github.com/acme/*/.github/workflows/release.yml@refs/tags/*', or /regex/"
          : "the path of a PEM public key file such as 'cosign.pub'"
    const value_ = text(kit, `signed-by.${k}`, value, what)
    if (value_ === undefined) {
      ok = false
      continue
    }
    if (k === 'identity') {
      const problem = identityProblem(value_)
      if (problem) {
        kit.report(value, `key 'signed-by.identity': ${problem}`)
        ok = false
        continue
      }
    }
    found[k] = value_
  }
  if (!ok) return undefined
  if (found.key !== undefined) {
    if (found.issuer === undefined && found.identity === undefined) return { key: found.key }
    kit.report(node, `key 'signed-by': expected either 'key' or 'issuer' and 'identity', not both`)
    return undefined
  }
  if (found.issuer !== undefined && found.identity !== undefined)
    return { issuer: found.issuer, identity: found.identity }
  const lacking = found.issuer === undefined ? 'issuer' : 'identity'
  kit.report(node, `key 'signed-by': expected '${lacking}' too (${expected})`)
  return undefined
}

/** `provenance: {predicate?, builder?, source-repository?}`; `provenance: true` takes defaults. */
export function readProvenance(
  kit: ReaderKit,
  node: Node | null
): ProvenanceRequirement | undefined {
  if (isScalar(node) && node.value === true) return { predicate: DEFAULT_PROVENANCE_PREDICATE }
  if (!isMap(node)) {
    kit.report(
      node,
      `key 'provenance': expected a mapping with 'predicate', 'builder' or 'source-repository' (or true), found ${kit.describe(node)}`
    )
    return undefined
  }
  const out: ProvenanceRequirement = { predicate: DEFAULT_PROVENANCE_PREDICATE }
  let ok = true
  for (const { key, keyNode, value } of kit.pairs(node)) {
    if (!(PROVENANCE_KEYS as readonly string[]).includes(key)) {
      kit.unknownKey(keyNode, key, PROVENANCE_KEYS)
      ok = false
      continue
    }
    const what =
      key === 'predicate'
        ? `a predicate type URI such as '${DEFAULT_PROVENANCE_PREDICATE}'`
        : key === 'builder'
          ? "a builder id such as 'https://github.com/actions/runner/github-hosted'"
          : "a repository URL such as 'https://github.com/acme/app'"
    const v = text(kit, `provenance.${key}`, value, what)
    if (v === undefined) ok = false
    else out[key as (typeof PROVENANCE_KEYS)[number]] = v
  }
  return ok ? out : undefined
}

/** `provenance` is signed by the rule's `signed-by` signer: each one with none, here or in default. */
export function unsignedProvenance(policy: Policy): { site: Site; what: string }[] {
  return [policy.default, ...policy.images]
    .filter(w => w.rule.provenance && !w.rule['signed-by'] && !policy.default.rule['signed-by'])
    .flatMap(w => (w.sites.provenance ? [w.sites.provenance] : []))
    .map(site => ({
      site,
      what: "key 'provenance': expected 'signed-by' in this rule or in 'default', naming who must sign the provenance"
    }))
}
