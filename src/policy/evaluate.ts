import { ATTESTATION_REQUIREMENTS, attestationKindsSatisfied } from '../attestations/classify.js'
import type { ImageDelta } from '../report/baseline.js'
import { isIndexType } from '../model/manifest.js'
import {
  type Platform,
  formatPlatform,
  normalizePlatform,
  parsePlatform,
  platformCovers
} from '../model/platform.js'
import type { AttachedRecord, ImageRecord, PlatformRecord, Violation } from '../model/record.js'
import { humanSize, shortDigest, visibleText } from '../model/text.js'
import type { EffectiveRule } from './rule.js'
import { type SignatureFinding, checkProvenance, checkSignedBy } from './signer-checks.js'
import { formatBudget, formatPercent, formatSize } from './sizes.js'

/**
 * An image's record against the rule that judges it → its violations (README, "Policy
 * file"). Pure: what had to be read from the registry (configs, attachments) arrives as
 * findings. A rule that cannot be checked for a platform (its size is unknown, its config
 * could not be read) is a violation saying why: a gate fails closed rather than pass what it
 * never saw. Missing required platforms stay in `missing` (platforms.ts), never here too.
 */

/** What the consistency read found for one platform manifest. */
export type ConfigFinding = { platform: Platform | null; config: string } | { error: string }

/** What the attestation read found for one platform manifest (its own and the index's). */
export type AttachedFinding = { attached: AttachedRecord[] } | { error: string }

/** What was read for one image beyond its record, each only when its rule needs it. */
export interface Findings {
  /** By platform manifest digest. */
  configs?: Map<string, ConfigFinding>
  /** By platform manifest digest. */
  attached?: Map<string, AttachedFinding>
  /** By platform manifest digest: the Sigstore bundles verified, for `signed-by`/`provenance`. */
  signatures?: Map<string, SignatureFinding>
  /** The size change against the baseline, when one was given and an image in it matched. */
  delta?: ImageDelta
}

function platformOf(p: PlatformRecord): Platform | null {
  if (p.declared) return p.declared
  try {
    return parsePlatform(p.platform)
  } catch {
    return null
  }
}

function layers(n: number): string {
  return `${n} layer${n === 1 ? '' : 's'}`
}

/** Why a figure the rule needs is not in the record. */
function unknownBecause(record: ImageRecord, p: PlatformRecord, what: string): string {
  if (record.source === 'docker') return `unknown: the docker source states no ${what}`
  if (p.layers === null) return `unknown: the ${what} were not read`
  return `unknown: no ${what} known`
}

/** What one check finds against one platform: the rule, what it expected, what was found. */
type Finding = Omit<Violation, 'image' | 'platform'>

/** One platform of a record, as each check sees it. */
interface Checked {
  record: ImageRecord
  p: PlatformRecord
  /** Its platform, as declared or parsed from its key; null when neither gives one. */
  found: Platform | null
  rule: EffectiveRule
  findings: Findings
}

/** `signed-by` and `provenance` (signer-checks.ts), against the bundles verified for `p`. */
function checkSigners({ p, rule, findings }: Checked): Finding[] {
  const signer = rule['signed-by']
  const found = p.digest ? findings.signatures?.get(p.digest) : undefined
  return [
    ...(signer ? checkSignedBy(signer, found) : []),
    ...(rule.provenance ? checkProvenance(rule.provenance, signer, found) : [])
  ]
}

/** The checks, in the order their violations are listed (README's order of the rule's keys). */
const CHECKS: ((c: Checked) => Finding[])[] = [
  checkForbid,
  checkMaxSize,
  checkMaxLayers,
  checkMaxGrowth,
  checkAttestations,
  checkSigners,
  checkConsistent
]

/** The violations of one resolved image; an image that failed to resolve has none. */
export function evaluateRule(
  record: ImageRecord,
  rule: EffectiveRule,
  findings: Findings = {}
): Violation[] {
  if (record.error) return []
  return record.platforms.flatMap(p => {
    const checked: Checked = { record, p, found: platformOf(p), rule, findings }
    return CHECKS.flatMap(check => check(checked)).map(v => ({
      image: record.image,
      platform: p.platform,
      ...v
    }))
  })
}

function checkForbid({ p, found, rule }: Checked): Finding[] {
  return (rule.forbid ?? [])
    .filter(f => found && platformCovers(f, found))
    .map(f => ({ rule: 'forbid', expected: `no ${formatPlatform(f)} image`, found: p.platform }))
}

function checkMaxSize({ record, p, rule }: Checked): Finding[] {
  const budget = rule['max-size']
  if (!budget) return []
  const expected = `≤ ${formatBudget(budget)}`
  if (p.size === null)
    return [{ rule: 'max-size', expected, found: unknownBecause(record, p, 'sizes') }]
  if (p.size > budget.bytes)
    return [{ rule: 'max-size', expected, found: formatSize(p.size, budget.unit, budget.bytes) }]
  return []
}

function checkMaxLayers({ record, p, rule }: Checked): Finding[] {
  const maxLayers = rule['max-layers']
  if (maxLayers === undefined) return []
  const expected = `≤ ${layers(maxLayers)}`
  if (p.layers === null)
    return [{ rule: 'max-layers', expected, found: unknownBecause(record, p, 'layers') }]
  if (p.layers > maxLayers) return [{ rule: 'max-layers', expected, found: layers(p.layers) }]
  return []
}

function checkMaxGrowth({ record, p, rule, findings }: Checked): Finding[] {
  const maxGrowth = rule['max-growth']
  const change = findings.delta?.platforms.find(d => d.platform === p.platform)
  if (maxGrowth === undefined || !change || change.before === null) return []
  const expected = `growth ≤ ${formatPercent(maxGrowth)} against the baseline (${humanSize(change.before)})`
  if (change.after === null)
    return [{ rule: 'max-growth', expected, found: unknownBecause(record, p, 'sizes') }]
  // A ratio compared in whole bytes, so 10% of 1000 B allows 1100 B and not 1100.0001.
  if (change.after - change.before > Math.floor(change.before * maxGrowth))
    return [
      {
        rule: 'max-growth',
        expected,
        found: `+${formatPercent(change.ratio ?? 0)} (${humanSize(change.before)} → ${humanSize(change.after)})`
      }
    ]
  return []
}

function checkAttestations({ p, rule, findings }: Checked): Finding[] {
  const required = rule.attestations ?? []
  if (!required.length) return []
  const expected = required.join(', ')
  const unknown = (why: string): Finding[] => [{ rule: 'attestations', expected, found: why }]
  if (!p.digest) return unknown('unknown: this source gives no per-platform digest to look up')
  const finding = findings.attached?.get(p.digest)
  if (!finding) return unknown('unknown: not read')
  if ('error' in finding) return unknown(`unknown: ${visibleText(finding.error)}`)
  const lacking = attestationKindsSatisfied(required, finding.attached)
  if (!lacking.length) return []
  const kinds = new Set<string>(finding.attached.map(a => a.kind))
  const have = ATTESTATION_REQUIREMENTS.filter(k => kinds.has(k)).join(', ') || 'none'
  return [{ rule: 'attestations', expected, found: `${have} (no ${lacking.join(', ')})` }]
}

/** A single manifest's platform comes from its config already; only index entries can lie. */
function checkConsistent({ record, p, found, rule, findings }: Checked): Finding[] {
  if (!rule.consistent || !isIndexType(record.mediaType ?? '')) return []
  const expected = `${p.platform} (as the index says)`
  const says = (what: string): Finding[] => [{ rule: 'consistent', expected, found: what }]
  if (!p.digest)
    return says('unknown: this source gives no per-platform digest to read a config by')
  const finding = findings.configs?.get(p.digest)
  if (!finding) return says('unknown: not read')
  if ('error' in finding) return says(`unknown: ${visibleText(finding.error)}`)
  if (!finding.platform)
    return says(`config ${shortDigest(finding.config)} names no os and architecture`)
  if (!samePlatform(found, finding.platform))
    return says(
      `${visibleText(formatPlatform(normalizePlatform(finding.platform)))} (as config ${shortDigest(finding.config)} says)`
    )
  return []
}

/** Equal after containerd's normalisation, field by field: os, architecture, variant, os.version. */
function samePlatform(index: Platform | null, config: Platform): boolean {
  if (!index) return false
  const a = normalizePlatform(index)
  const b = normalizePlatform(config)
  return (
    a.os === b.os &&
    a.architecture === b.architecture &&
    (a.variant ?? '') === (b.variant ?? '') &&
    (a.osVersion ?? '') === (b.osVersion ?? '')
  )
}
