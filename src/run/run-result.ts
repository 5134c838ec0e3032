import type { Baseline } from '../report/baseline.js'
import type { FilesOutcome } from '../model/files.js'
import type { Judgement } from '../policy/judge.js'
import { gateFailure, isOk } from '../policy/platforms.js'
import type { MissingPlatform } from '../model/record.js'
import type { EffectiveRule, FailOn, Policy } from '../policy/rule.js'
import type { ImageRecord, Violation } from '../model/record.js'
import type { RunFacts } from '../report/report-file.js'

/**
 * What a run answers, whichever mode produced it (a run, a run with `files`, a merge), and why
 * the step fails. The shell turns it into outputs, the report file and the summary.
 */

export interface RunResult {
  records: ImageRecord[]
  missing: MissingPlatform[]
  ok: boolean
  facts: RunFacts
  /** The `baseline` report, when one was given and could be read. */
  baseline?: Baseline
  /**
   * Problems of the run rather than of one image (an unreadable baseline). Each fails the
   * step, after every image's result has been written.
   */
  problems: string[]
  /**
   * Worth saying about the run as a whole that fails nothing by itself (a `wait` that ran out:
   * the images it names fail or warn on their own).
   */
  warnings: string[]
  /** Every policy violation, in record order (the `violations` output); `[]` without a policy. */
  violations: Violation[]
  /** Each record's `fail-on`, in record order: its policy rule's, else the input's. */
  failOn: FailOn[]
  /** The policy and each record's rule, in record order, when a policy was given. */
  policy?: { policy: Policy; rules: EffectiveRule[] }
  /**
   * With `files`: the records of `images` alone (`records` holds those and the references'),
   * which the image-level rules (an image that cannot be resolved fails the step) apply to.
   */
  imageRecords?: ImageRecord[]
  /** With `files`: what was found in them, and done (src/files/run-files.ts). */
  files?: FilesOutcome
}

/** What every mode hands over to make its result. */
export interface RunParts {
  records: ImageRecord[]
  judgement: Judgement
  facts: RunFacts
  baseline?: Baseline
  problems: string[]
  warnings?: string[]
  imageRecords?: ImageRecord[]
  files?: FilesOutcome
}

/**
 * The result, with `ok` as the contract defines it: every image resolved (with `files`, every
 * image given; a reference's image fails through the files' own verdicts), nothing required
 * missing, no violation, no run problem, and nothing the files part says fails.
 */
export function runResult(parts: RunParts): RunResult {
  const { records, judgement, imageRecords, files } = parts
  const ok =
    isOk(imageRecords ?? records) &&
    judgement.missing.length === 0 &&
    judgement.violations.length === 0 &&
    parts.problems.length === 0 &&
    !files?.failures.length
  const result: RunResult = {
    records,
    missing: judgement.missing,
    ok,
    baseline: parts.baseline,
    problems: parts.problems,
    warnings: parts.warnings ?? [],
    violations: judgement.violations,
    failOn: judgement.failOn,
    facts: parts.facts
  }
  if (judgement.policy) result.policy = judgement.policy
  if (imageRecords) result.imageRecords = imageRecords
  if (files) result.files = files
  return result
}

/**
 * Why the step fails, or undefined when it passes (contract.md, "Failing"): a run problem; an
 * image that cannot be resolved; with `files`, whatever the files part says fails it; missing
 * platforms and violations, each record judged by its own `fail-on`. One message for the
 * action's `setFailed` and the CLI's exit status.
 */
export function failureOf(result: RunResult): string | undefined {
  if (result.problems.length) return result.problems.join('\n')
  const images = result.imageRecords ?? result.records
  const failed = images.filter(r => r.error).length
  const reasons: string[] = []
  if (failed)
    reasons.push(
      `${failed} of ${images.length} image${images.length === 1 ? '' : 's'} could not be resolved`
    )
  reasons.push(...(result.files?.failures ?? []))
  const gate = failed ? undefined : gateFailure(result.records, result.failOn)
  if (gate) reasons.push(gate)
  return reasons.length ? reasons.join('\n') : undefined
}
