import type { Baseline } from '../report/baseline.js'
import type { Platform } from '../model/platform.js'
import type { ImageRecord, Violation } from '../model/record.js'
import type { Source } from '../sources/source.js'
import type { PolicyNeeds } from './load.js'
import { evaluatePolicy } from './platforms.js'
import type { MissingPlatform } from '../model/record.js'
import type { EffectiveRule, FailOn, Policy } from './rule.js'
import type { SignatureTrust } from './signatures.js'

/**
 * The one entry to every policy judgement (README, "Policy file"): which platforms an image
 * must have, which rule judges it, and, after resolution, what each record lacks, its
 * violations and its `fail-on`. The run, `files`, `wait` and a merge all ask it. The policy
 * file's parser, globs and rule checks load only when a `policy` is given.
 */

/** The inputs a judgement depends on; a merge gives only `platforms` and `fail-on`. */
export interface PolicyInputs {
  readonly platforms: readonly Platform[]
  readonly failOn: FailOn
  /** The `policy` input (a path or inline YAML); without it, the two inputs above judge alone. */
  readonly policy?: string
  /** The `baseline` input, whose presence a `max-growth` rule needs. */
  readonly baseline?: string
  /** The `detail` input, which rules that read sizes or platforms need enough of. */
  readonly detail?: PolicyNeeds['detail']
  /** The `trusted-root` input: a trusted_root.json, the only root `signed-by` trusts then. */
  readonly trustedRoot?: string
  /** The `cache` directory, where the public-good root's TUF metadata is kept. */
  readonly cache?: string
}

/** Where an image was resolved from, for the reads its rule needs; undefined if it was not. */
export type ImageSource = (
  image: string
) => Promise<{ source: Source; repository: string } | undefined>

export interface JudgeOptions {
  /** Where each record's image is read from, for rules that read more than the record. */
  sourceOf?: ImageSource
  /** The `baseline` report, for `max-growth`. */
  baseline?: Baseline
  /**
   * What a record must have, when not what platformsFor says (files: a reference's literal
   * `FROM --platform`, or the union over every reference to one image).
   */
  required?: (record: ImageRecord) => readonly Platform[]
  /**
   * The records come from shard reports that judged them (a merge): their violations stand,
   * and so do their missing platforms unless `platforms` was given to decide anew.
   */
  shardVerdicts?: boolean
}

/** A run's verdicts, in record order. */
export interface Judgement {
  /** Every required platform an image lacks (the `missing` output); also set on each record. */
  missing: MissingPlatform[]
  /** Every policy violation (the `violations` output); also set on each record. */
  violations: Violation[]
  /** Each record's `fail-on`: its policy rule's, else the input's. */
  failOn: FailOn[]
  /** The policy and each record's rule, when a policy was given. */
  policy?: { policy: Policy; rules: EffectiveRule[] }
}

type RuleFor = (record: Pick<ImageRecord, 'image' | 'ref'>) => EffectiveRule

export class Judge {
  private constructor(
    private readonly inputs: PolicyInputs,
    /** The policy file, and its rules compiled once for every lookup. */
    private readonly file?: { policy: Policy; ruleFor: RuleFor; trust?: SignatureTrust }
  ) {}

  /**
   * The judge for a run: reads and compiles the policy file when `policy` is given, so a bad
   * one throws (naming it) before any request is sent.
   */
  static async load(inputs: PolicyInputs): Promise<Judge> {
    if (!inputs.policy) return new Judge(inputs)
    const policy = await (
      await import('./load.js')
    ).loadPolicy(inputs.policy, { baseline: !!inputs.baseline, detail: inputs.detail ?? 'layers' })
    const ruleFor = (await import('./match.js')).compileRules(policy, {
      platforms: [...inputs.platforms],
      failOn: inputs.failOn
    })
    // Keys and roots are read now, so a bad one is named before any request is sent.
    const signs = [policy.default, ...policy.images].some(w => w.rule['signed-by'])
    const trust = signs
      ? await (
          await import('./signature-trust.js')
        ).loadSignatureTrust(policy, inputs.trustedRoot, inputs.cache)
      : undefined
    return new Judge(inputs, { policy, ruleFor, ...(trust ? { trust } : {}) })
  }

  /** The policy file, when one was given. */
  get policy(): Policy | undefined {
    return this.file?.policy
  }

  /** The rule an image gets: its first matching `images` entry over `default` and the inputs. */
  ruleFor(record: Pick<ImageRecord, 'image' | 'ref'>): EffectiveRule | undefined {
    return this.file?.ruleFor(record)
  }

  /** The platforms an image must have: its rule's, else the `platforms` input. */
  platformsFor(record: Pick<ImageRecord, 'image' | 'ref'>): Platform[] {
    return [...(this.ruleFor(record)?.platforms ?? this.inputs.platforms)]
  }

  /**
   * Judges resolved records: each one's rule, its violations (sizes, layers, attestations,
   * consistency, read through `sourceOf` only where a rule needs more than the record holds)
   * and its missing platforms. Sets `violations` and `missing` on the records.
   */
  async judge(records: ImageRecord[], options: JudgeOptions = {}): Promise<Judgement> {
    if (options.shardVerdicts) return this.judgeShards(records)
    const file = this.file
    const rules = file ? records.map(r => file.ruleFor(r)) : undefined
    let violations: Violation[] = []
    if (rules) {
      const { judgeRecords } = await import('./apply.js')
      const sourceOf = options.sourceOf
      violations = await judgeRecords(
        records,
        rules,
        async i => sourceOf?.(records[i].image),
        options.baseline,
        file?.trust
      )
    }
    const required = options.required
    const missing = evaluatePolicy(records, (record, i) =>
      required ? [...required(record)] : [...(rules?.[i].platforms ?? this.inputs.platforms)]
    )
    return {
      missing,
      violations,
      failOn: records.map((_, i) => rules?.[i]['fail-on'] ?? this.inputs.failOn),
      ...(file && rules ? { policy: { policy: file.policy, rules } } : {})
    }
  }

  /** A merge's verdicts: the shards' own, and `platforms` anew when the merge step names any. */
  private judgeShards(records: ImageRecord[]): Judgement {
    const platforms = this.inputs.platforms
    const missing = platforms.length
      ? evaluatePolicy(records, [...platforms])
      : records.flatMap(r => r.missing.map(platform => ({ image: r.image, platform })))
    return {
      missing,
      violations: records.flatMap(r => r.violations ?? []),
      failOn: records.map(() => this.inputs.failOn)
    }
  }
}
