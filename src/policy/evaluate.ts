import { ATTESTATION_REQUIREMENTS, attestationKindsSatisfied } from '../attestations/classify.js'
import type { ImageDelta } from '../baseline.js'
import { isIndexType } from '../manifest.js'
import {
  type Platform,
  formatPlatform,
  normalizePlatform,
  parsePlatform,
  platformMatches
} from '../platform.js'
import type { AttachedRecord, ImageRecord, PlatformRecord, Violation } from '../record.js'
import { humanSize, shortDigest, visibleText } from '../text.js'
import type { EffectiveRule } from './rule.js'
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

/** The violations of one resolved image; an image that failed to resolve has none. */
export function evaluateRule(
  record: ImageRecord,
  rule: EffectiveRule,
  findings: Findings = {}
): Violation[] {
  if (record.error) return []
  const out: Violation[] = []
  const add = (p: PlatformRecord, v: Omit<Violation, 'image' | 'platform'>): void => {
    out.push({ image: record.image, platform: p.platform, ...v })
  }

  for (const p of record.platforms) {
    const found = platformOf(p)
    for (const f of rule.forbid ?? []) {
      if (found && platformMatches(f, found))
        add(p, { rule: 'forbid', expected: `no ${formatPlatform(f)} image`, found: p.platform })
    }

    const budget = rule['max-size']
    if (budget) {
      if (p.size === null)
        add(p, {
          rule: 'max-size',
          expected: `≤ ${formatBudget(budget)}`,
          found: unknownBecause(record, p, 'sizes')
        })
      else if (p.size > budget.bytes)
        add(p, {
          rule: 'max-size',
          expected: `≤ ${formatBudget(budget)}`,
          found: formatSize(p.size, budget.unit, budget.bytes)
        })
    }

    const maxLayers = rule['max-layers']
    if (maxLayers !== undefined) {
      if (p.layers === null)
        add(p, {
          rule: 'max-layers',
          expected: `≤ ${layers(maxLayers)}`,
          found: unknownBecause(record, p, 'layers')
        })
      else if (p.layers > maxLayers)
        add(p, {
          rule: 'max-layers',
          expected: `≤ ${layers(maxLayers)}`,
          found: layers(p.layers)
        })
    }

    const maxGrowth = rule['max-growth']
    const change = findings.delta?.platforms.find(d => d.platform === p.platform)
    if (maxGrowth !== undefined && change && change.before !== null) {
      const expected = `growth ≤ ${formatPercent(maxGrowth)} against the baseline (${humanSize(change.before)})`
      if (change.after === null)
        add(p, { rule: 'max-growth', expected, found: unknownBecause(record, p, 'sizes') })
      // A ratio compared in whole bytes, so 10% of 1000 B allows 1100 B and not 1100.0001.
      else if (change.after - change.before > Math.floor(change.before * maxGrowth))
        add(p, {
          rule: 'max-growth',
          expected,
          found: `+${formatPercent(change.ratio ?? 0)} (${humanSize(change.before)} → ${humanSize(change.after)})`
        })
    }

    const required = rule.attestations ?? []
    if (required.length) {
      const finding = p.digest ? findings.attached?.get(p.digest) : undefined
      const expected = required.join(', ')
      if (!p.digest)
        add(p, {
          rule: 'attestations',
          expected,
          found: 'unknown: this source gives no per-platform digest to look up'
        })
      else if (!finding) add(p, { rule: 'attestations', expected, found: 'unknown: not read' })
      else if ('error' in finding)
        add(p, { rule: 'attestations', expected, found: `unknown: ${visibleText(finding.error)}` })
      else {
        const lacking = attestationKindsSatisfied(required, finding.attached)
        const kinds = new Set<string>(finding.attached.map(a => a.kind))
        if (lacking.length)
          add(p, {
            rule: 'attestations',
            expected,
            found: `${ATTESTATION_REQUIREMENTS.filter(k => kinds.has(k)).join(', ') || 'none'} (no ${lacking.join(', ')})`
          })
      }
    }

    // A single manifest's platform comes from its config already; only index entries can lie.
    if (rule.consistent && isIndexType(record.mediaType ?? '')) {
      const expected = `${p.platform} (as the index says)`
      const finding = p.digest ? findings.configs?.get(p.digest) : undefined
      if (!p.digest)
        add(p, {
          rule: 'consistent',
          expected,
          found: 'unknown: this source gives no per-platform digest to read a config by'
        })
      else if (!finding) add(p, { rule: 'consistent', expected, found: 'unknown: not read' })
      else if ('error' in finding)
        add(p, { rule: 'consistent', expected, found: `unknown: ${visibleText(finding.error)}` })
      else if (!finding.platform)
        add(p, {
          rule: 'consistent',
          expected,
          found: `config ${shortDigest(finding.config)} names no os and architecture`
        })
      else if (!samePlatform(found, finding.platform))
        add(p, {
          rule: 'consistent',
          expected,
          found: `${visibleText(formatPlatform(normalizePlatform(finding.platform)))} (as config ${shortDigest(finding.config)} says)`
        })
    }
  }
  return out
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
