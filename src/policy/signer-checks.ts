import type { VerifiedSignature, Violation } from '../model/record.js'
import type { ProvenanceRequirement, SignerRequirement } from './rule.js'

/**
 * The `signed-by` and `provenance` judgements of one platform (issue 21). Pure: the bundles
 * were read and verified before (signatures.ts); here only who signed and what they stated
 * are matched against the rule. A platform whose signatures could not be read or verified is
 * a violation saying why: the gate fails closed.
 */

/** What the signature read found for one platform manifest. */
export type SignatureFinding =
  { verified: VerifiedSignature[]; failed: string[] } | { error: string }

type Finding = Omit<Violation, 'image' | 'platform'>

/**
 * Whether `value` is what `pattern` asks: `/…/` is a regular expression matched whole; a
 * pattern with `*` is a glob whose `*` is any characters but `/`; anything else is exact.
 */
export function identityMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false
  if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/'))
    return new RegExp(`^(?:${pattern.slice(1, -1)})$`, 'u').test(value)
  if (!pattern.includes('*')) return pattern === value
  const body = pattern
    .split('*')
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*')
  return new RegExp(`^${body}$`, 'u').test(value)
}

/** The signer as a violation names it. */
export function describeSigner(s: SignerRequirement): string {
  return 'key' in s
    ? `signed with the key ${s.key}`
    : `signed by ${s.identity} (issuer ${s.issuer})`
}

function describeVerified(v: VerifiedSignature): string {
  if (v.identity === undefined) return `signed with ${v.root}`
  return `signed by ${v.identity} (issuer ${v.issuer ?? 'none'})`
}

/** Whether a verified signature is by the rule's signer. */
export function bySigner(s: SignerRequirement, v: VerifiedSignature): boolean {
  if ('key' in s) return v.identity === undefined && v.root === `key ${s.key}`
  return v.issuer === s.issuer && identityMatches(s.identity, v.identity)
}

/** Why nothing by the signer was found: who did sign, else why nothing verified. */
function foundInstead(f: { verified: VerifiedSignature[]; failed: string[] }): string {
  const others = [...new Set(f.verified.map(describeVerified))]
  if (others.length) return others.join('; ')
  if (f.failed.length)
    return `no signature verifies: ${f.failed[0]}${f.failed.length > 1 ? ` (and ${f.failed.length - 1} more)` : ''}`
  return 'no Sigstore signature or attestation'
}

/** `signed-by`: at least one verified signature by the signer covers the platform. */
export function checkSignedBy(s: SignerRequirement, f: SignatureFinding | undefined): Finding[] {
  const expected = describeSigner(s)
  if (!f) return [{ rule: 'signed-by', expected, found: 'unknown: its signatures were not read' }]
  if ('error' in f) return [{ rule: 'signed-by', expected, found: `unknown: ${f.error}` }]
  if (f.verified.some(v => bySigner(s, v))) return []
  return [{ rule: 'signed-by', expected, found: foundInstead(f) }]
}

function provenanceMismatch(p: ProvenanceRequirement, v: VerifiedSignature): string | undefined {
  if (p.builder !== undefined && !identityMatches(p.builder, v.builder))
    return `built by ${v.builder ?? 'no builder named'}`
  const repo = p['source-repository']
  if (repo !== undefined && !identityMatches(repo, v.sourceRepository))
    return `from ${v.sourceRepository ?? 'no source repository named'}`
  return undefined
}

/**
 * `provenance`: a verified statement of the predicate type, by the rule's signer, whose builder
 * and source repository are the ones asked for, when asked.
 */
export function checkProvenance(
  p: ProvenanceRequirement,
  s: SignerRequirement | undefined,
  f: SignatureFinding | undefined
): Finding[] {
  const asks = [
    `a ${p.predicate} statement`,
    s ? describeSigner(s) : undefined,
    p.builder ? `built by ${p.builder}` : undefined,
    p['source-repository'] ? `from ${p['source-repository']}` : undefined
  ]
  const expected = asks.filter(Boolean).join(', ')
  if (!s) return [{ rule: 'provenance', expected, found: "unknown: the rule has no 'signed-by'" }]
  if (!f) return [{ rule: 'provenance', expected, found: 'unknown: its signatures were not read' }]
  if ('error' in f) return [{ rule: 'provenance', expected, found: `unknown: ${f.error}` }]
  const statements = f.verified.filter(v => v.predicateType === p.predicate)
  const mine = statements.filter(v => bySigner(s, v))
  if (mine.some(v => provenanceMismatch(p, v) === undefined)) return []
  let found: string
  if (mine.length) found = provenanceMismatch(p, mine[0]) ?? ''
  else if (statements.length) found = statements.map(describeVerified).join('; ')
  else {
    const types = [...new Set(f.verified.map(v => v.predicateType))]
    found = types.length
      ? `verified statements of ${types.join(', ')} only`
      : foundInstead({ verified: [], failed: f.failed })
  }
  return [{ rule: 'provenance', expected, found }]
}
