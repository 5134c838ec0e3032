import type { AttestationRequirement } from '../attestations/classify.js'
import type { Platform } from '../model/platform.js'

/**
 * What a policy rule says about an image, and where the policy file said it. Plain types and
 * two constants, with no dependency, so settings.ts and run.ts can name them without loading
 * the policy file's parser (README, "Policy file").
 */

/** When the step fails: on a missing required platform, on any violation too, or never. */
export type FailOn = 'missing' | 'violation' | 'never'
export const FAIL_ON: readonly FailOn[] = ['missing', 'violation', 'never']

/**
 * What can be required to be attached to every platform of an image (the values are
 * src/attestations/classify.ts ATTESTATION_REQUIREMENTS, loaded only with a policy).
 */
export type AttestationKind = AttestationRequirement

/** A size budget in bytes, with the unit it was written in, so messages speak the same unit. */
export interface SizeBudget {
  bytes: number
  /** `B`, `kB`, `MB`, `GB`, `KiB`, `MiB` or `GiB`; `B` for a bare number. */
  unit: string
}

/**
 * Who must have signed each platform (issue 21): a keyless signer, the OIDC `issuer` of its
 * certificate and its `identity` (the SAN: exact, a glob where `*` is not `/`, or `/regex/`
 * matched whole), or a key pair's PEM public key file.
 */
export type SignerRequirement = { issuer: string; identity: string } | { key: string }

/** A signed in-toto statement each platform must have, by the rule's `signed-by` signer. */
export interface ProvenanceRequirement {
  /** The predicate type; `https://slsa.dev/provenance/v1` unless written. */
  predicate: string
  /** Matched against the predicate's builder id. */
  builder?: string
  /** Matched against the certificate's source-repository extension. */
  'source-repository'?: string
}

/** One rule's keys as the policy file spells them; a key left out is not set by this rule. */
export interface Rule {
  /** Required platforms: each must be there. */
  platforms?: Platform[]
  /** Platforms that must not be there. */
  forbid?: Platform[]
  /** Per platform, the sum of its layers' sizes as the manifest states them (compressed). */
  'max-size'?: SizeBudget
  /** Per platform, layers at most. */
  'max-layers'?: number
  /** Per platform, growth against the `baseline` report at most, as a ratio (`10%` = 0.1). */
  'max-growth'?: number
  /** Kinds attached to every platform (BuildKit attestations or OCI referrers). */
  attestations?: AttestationKind[]
  /** A verified signature or signed attestation by this signer covers every platform. */
  'signed-by'?: SignerRequirement
  /** A signed in-toto statement of this predicate, by `signed-by`, covers every platform. */
  provenance?: ProvenanceRequirement
  /** Each index entry's platform must be what its config says. */
  consistent?: boolean
  'fail-on'?: FailOn
}

/** A rule's keys, in the order the README's reference lists them (and messages name them). */
export type RuleKey = keyof Rule
export const RULE_KEYS: readonly RuleKey[] = [
  'platforms',
  'forbid',
  'max-size',
  'max-layers',
  'max-growth',
  'attestations',
  'signed-by',
  'provenance',
  'consistent',
  'fail-on'
]

/** A place in the policy: `file` is absent for inline YAML given as the `policy` input. */
export interface Site {
  file?: string
  line: number
  col: number
}

/** A rule as written: its keys, the site of each key, and for `images` entries its glob. */
export interface WrittenRule {
  rule: Rule
  sites: Partial<Record<RuleKey, Site>>
  /** The `match` glob; absent for `default`. */
  match?: string
  /** Where the rule starts (its `match` key, or the `default` key). */
  site?: Site
}

export interface Policy {
  /** How messages name the policy: the file's path, or `input 'policy'`. */
  label: string
  /** The file's path as given; absent for inline YAML. */
  file?: string
  default: WrittenRule
  images: WrittenRule[]
}

/**
 * The rule an image is judged by: the inputs' base, the policy's `default` over it, and the
 * first matching `images` entry over that, key by key. `failOn` is always set.
 */
export interface EffectiveRule extends Rule {
  'fail-on': FailOn
  /** Where each key that applies was written; keys from the inputs have no site. */
  sites: Partial<Record<RuleKey, Site>>
  /** The glob that matched, or `default` when none did. */
  matched: string
  /** Where the matching rule (or `default`) starts in the policy. */
  matchedAt?: Site
}
