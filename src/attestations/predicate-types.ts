// What an in-toto predicate type URI says its statement is: provenance, an SBOM, VEX, a
// signature, or something else (in-toto/attestation spec/predicates).

/** What an in-toto predicate type says its statement is. */
export type PredicateKind = 'provenance' | 'sbom' | 'vex' | 'signature' | 'other'

export interface PredicateClass {
  kind: PredicateKind
  /** For people: `SLSA provenance v1`, `SPDX SBOM v2.3`, or the type URI itself. */
  name: string
}

interface PredicateRule {
  pattern: RegExp
  kind: PredicateKind
  /** `$1` is the version the pattern captured, when any. */
  name: string
}

// Versions are matched as a family rather than listed, because new minor versions of SPDX and
// CycloneDX keep appearing and are the same kind of document.
const PREDICATE_RULES: readonly PredicateRule[] = [
  // in-toto spec/predicates/provenance.md; in-toto-golang also used `v1?draft` before v1 was final.
  {
    pattern: /^https:\/\/slsa\.dev\/provenance\/v(\d+(?:\.\d+)?)(?:\?draft)?$/,
    kind: 'provenance',
    name: 'SLSA provenance v$1'
  },
  // The deprecated name of the same predicate (provenance.md "Deprecated Type URI").
  {
    pattern: /^https:\/\/in-toto\.io\/Provenance\/v(0\.1)$/,
    kind: 'provenance',
    name: 'in-toto provenance v$1'
  },
  // spdx2.md (`Document`, `Document/v2.3`), spdx3.md (`Document/v3`); BuildKit writes `Document`.
  { pattern: /^https:\/\/spdx\.dev\/Document$/, kind: 'sbom', name: 'SPDX SBOM' },
  {
    pattern: /^https:\/\/spdx\.dev\/Document\/v(\d+(?:\.\d+)*)$/,
    kind: 'sbom',
    name: 'SPDX SBOM v$1'
  },
  // cyclonedx.md: `https://cyclonedx.org/bom`, examples carry `/v1.4`.
  { pattern: /^https:\/\/cyclonedx\.org\/bom$/, kind: 'sbom', name: 'CycloneDX SBOM' },
  {
    pattern: /^https:\/\/cyclonedx\.org\/bom\/v(\d+(?:\.\d+)*)$/,
    kind: 'sbom',
    name: 'CycloneDX SBOM v$1'
  },
  // openvex ATTESTING.md and cosign's OpenVexNamespace; documents carry versioned namespaces.
  { pattern: /^https:\/\/openvex\.dev\/ns\/?$/, kind: 'vex', name: 'OpenVEX' },
  { pattern: /^https:\/\/openvex\.dev\/ns\/v(\d+\.\d+\.\d+)$/, kind: 'vex', name: 'OpenVEX v$1' },
  // cosign v3 `sign` wraps the signature in a DSSE statement with this predicate (pkg/types).
  {
    pattern: /^https:\/\/sigstore\.dev\/cosign\/sign\/v(\d+)$/,
    kind: 'signature',
    name: 'cosign signature v$1'
  },
  // Named so reports read well; none of these is provenance, an SBOM or VEX.
  {
    pattern: /^https:\/\/slsa\.dev\/verification_summary\/v(\d+)$/,
    kind: 'other',
    name: 'SLSA verification summary v$1'
  },
  {
    pattern: /^https:\/\/in-toto\.io\/attestation\/vulns\/v(\d+\.\d+)$/,
    kind: 'other',
    name: 'vulnerability scan v$1'
  },
  {
    pattern: /^https:\/\/cosign\.sigstore\.dev\/attestation\/vuln\/v(\d+)$/,
    kind: 'other',
    name: 'cosign vulnerability scan v$1'
  },
  {
    pattern: /^https:\/\/in-toto\.io\/attestation\/link\/v(\d+\.\d+)$/,
    kind: 'other',
    name: 'in-toto link v$1'
  },
  { pattern: /^https:\/\/in-toto\.io\/Link\/v(1)$/, kind: 'other', name: 'in-toto link v$1' },
  {
    pattern: /^https:\/\/cosign\.sigstore\.dev\/attestation\/v(1)$/,
    kind: 'other',
    name: 'cosign custom predicate v$1'
  }
]

/**
 * Classifies an in-toto predicate type URI (in-toto/attestation spec/v1/statement.md
 * `predicateType`). Exact families only: a look-alike URI on another host is `other`, never
 * provenance, so a policy cannot be satisfied by a lookalike name.
 */
export function classifyPredicateType(predicateType: string): PredicateClass {
  const type = predicateType.trim()
  for (const rule of PREDICATE_RULES) {
    const m = rule.pattern.exec(type)
    if (m) return { kind: rule.kind, name: rule.name.replace('$1', m[1] ?? '') }
  }
  return { kind: 'other', name: type || '(empty predicate type)' }
}
