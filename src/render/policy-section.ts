import type { Baseline } from '../report/baseline.js'
import type { AttachedRecord, ImageRecord, Violation } from '../model/record.js'
import { code, escapeMarkdown, plainText } from '../model/text.js'
import { failsOn } from '../policy/platforms.js'
import { verifiedLines } from './verified-section.js'
import type { EffectiveRule, FailOn, Policy, Site } from '../policy/rule.js'

/**
 * A policy's verdicts for the job summary and the log: per image, its violations first (a
 * table of platform, rule, expected, found) and what is attached to each platform (the size
 * change against the baseline is the platform table's Change column, src/summary.ts); and one annotation per violation, at the policy file's line
 * of the rule key that it breaks. Every registry-supplied string is escaped. Pure.
 */

/** What rendering needs of a run (a RunResult is one). */
export interface Judged {
  records: ImageRecord[]
  failOn: FailOn[]
  baseline?: Baseline
  policy?: { policy: Policy; rules: EffectiveRule[] }
}

const VIA: Record<AttachedRecord['via'], string> = {
  index: 'attestation manifest in the index',
  referrers: 'referrer',
  'referrers-tag': 'referrer, by tag schema'
}

function where(site: Site | undefined, label: string): string {
  return site ? ` (${escapeMarkdown(`${site.file ?? label}:${site.line}`)})` : ''
}

/** The Markdown lines that open image `index`'s section of the summary. */
export function renderPolicySection(judged: Judged, index: number): string[] {
  const record = judged.records[index]
  if (record.error) return []
  const lines: string[] = []
  const rule = judged.policy?.rules[index]
  if (judged.policy && rule) {
    const violations = record.violations ?? []
    const label = judged.policy.policy.label
    const which =
      rule.matched === 'default'
        ? `the default rule${where(rule.matchedAt, label)}`
        : `rule ${code(rule.matched)}${where(rule.matchedAt, label)}`
    const failing = failsOn(judged.failOn[index]).violations
    lines.push(
      violations.length
        ? `**Policy:** ${violations.length} violation${violations.length === 1 ? '' : 's'} of ${which}${failing ? '' : " (not failing the step: 'fail-on' is " + code(judged.failOn[index]) + ')'}`
        : `**Policy:** no violations of ${which}`,
      ''
    )
    if (violations.length) {
      lines.push('| Platform | Rule | Expected | Found |', '| --- | --- | --- | --- |')
      for (const v of violations)
        lines.push(
          `| ${code(v.platform)} | ${code(v.rule)} | ${escapeMarkdown(v.expected)} | ${escapeMarkdown(v.found)} |`
        )
      lines.push('')
    }
    const read = record.platforms.filter(p => p.attached)
    if (read.length) {
      lines.push('| Platform | Attached |', '| --- | --- |')
      for (const p of read) {
        const what = (p.attached ?? []).map(
          a =>
            `${escapeMarkdown(a.kind)}: ${escapeMarkdown(a.name)} (${VIA[a.via]}${a.subject === 'index' ? ' of the index' : ''})`
        )
        lines.push(`| ${code(p.platform)} | ${what.join('<br>') || 'nothing'} |`)
      }
      lines.push('')
    }
    lines.push(...verifiedLines(record.platforms))
  }
  return lines
}

/** One annotation for a violation: what the toolkit's `error`/`warning` take. */
export interface ViolationAnnotation {
  level: 'error' | 'warning'
  message: string
  title: string
  /** The policy file and line of the rule key broken; absent for inline policies. */
  file?: string
  startLine?: number
}

/** Error when the record's `fail-on` fails the step on violations, else warning. */
export function violationAnnotations(judged: Judged): ViolationAnnotation[] {
  const out: ViolationAnnotation[] = []
  judged.records.forEach((record, i) => {
    const rule = judged.policy?.rules[i]
    const level = failsOn(judged.failOn[i]).violations ? 'error' : 'warning'
    for (const v of record.violations ?? []) {
      const site = rule?.sites[v.rule]
      const annotation: ViolationAnnotation = {
        level,
        message: violationLine(v),
        title: `digest-gate: ${v.rule} (${plainText(v.platform)})`
      }
      if (site?.file) {
        annotation.file = site.file
        annotation.startLine = site.line
      }
      out.push(annotation)
    }
  })
  return out
}

/** `image (platform): rule: expected …, found …`, one plain line. */
function violationLine(v: Violation): string {
  return plainText(
    `${v.image} (${v.platform}): ${v.rule}: expected ${v.expected}, found ${v.found}`
  )
}
