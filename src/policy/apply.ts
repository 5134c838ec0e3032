import { type Baseline, sizeDeltas } from '../report/baseline.js'
import type { ImageRecord, Violation } from '../model/record.js'
import type { Source } from '../sources/source.js'
import { readAttached } from './attestations.js'
import { readConfigs } from './consistency.js'
import { type Findings, evaluateRule } from './evaluate.js'
import type { EffectiveRule } from './rule.js'
import type { SignatureTrust } from './signatures.js'
import { type Subject, newReadMemo } from './subject.js'

/**
 * A run's policy, after resolution (README, "Policy file"): each image's rule, then only the
 * reads its rule needs (configs for `consistent`, attestation manifests and referrers for
 * `attestations`), concurrently and once per manifest, then its violations. Nothing here
 * sends a request of its own: every read goes through the image's Source.
 */

/** Where an image was resolved from, for the reads its rule needs; undefined if it was not. */
export type SourceOf = (
  index: number
) => Promise<{ source: Source; repository: string } | undefined>

/**
 * Reads what each rule needs and judges each record: sets `violations` (and, for
 * `attestations`, each platform's `attached`) on the records, and returns every violation in
 * record order.
 */
export async function judgeRecords(
  records: ImageRecord[],
  rules: EffectiveRule[],
  sourceOf: SourceOf,
  baseline?: Baseline,
  trust: SignatureTrust = { keys: new Map() }
): Promise<Violation[]> {
  const memo = newReadMemo()
  const judged = await Promise.all(
    records.map(async (record, i) => {
      const rule = rules[i]
      if (record.error) return []
      const findings: Findings = {}
      if (baseline && rule['max-growth'] !== undefined)
        findings.delta = sizeDeltas(record, baseline)
      const needsConfigs = rule.consistent === true
      const signer = rule['signed-by']
      const needsSignatures = !!signer || !!rule.provenance
      const needsAttached = (rule.attestations?.length ?? 0) > 0 || needsSignatures
      if (needsConfigs || needsAttached) {
        const where = await sourceOf(i)
        if (where) {
          const subject: Subject = { record, ...where, memo }
          const [configs, attached] = await Promise.all([
            needsConfigs ? readConfigs(subject) : undefined,
            needsAttached ? readAttached(subject) : undefined
          ])
          if (configs) findings.configs = configs
          if (attached) findings.attached = attached
          // The Sigstore libraries load only for a run whose rules ask who signed.
          if (attached && signer)
            findings.signatures = await (
              await import('./signatures.js')
            ).readSignatures(subject, attached, signer, trust, rule.provenance)
        }
      }
      record.violations = evaluateRule(record, rule, findings)
      return record.violations
    })
  )
  return judged.flat()
}
