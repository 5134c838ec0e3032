import type { ImageRecord } from '../model/record.js'
import { compileGlob } from '../model/glob.js'
import {
  type EffectiveRule,
  type FailOn,
  type Policy,
  RULE_KEYS,
  type Rule,
  type RuleKey,
  type WrittenRule
} from './rule.js'

/**
 * Which rule judges an image: the first `images` entry whose `match` glob matches the image as
 * given or its fully qualified name (`docker.io/library/nginx:1.27`), laid over `default`,
 * which is laid over the inputs (`platforms`, `fail-on`): a key a rule sets replaces the one
 * beneath it (README, "Policy file"). Pure.
 */

/** What the inputs contribute beneath the policy's `default`. */
export interface BaseRule {
  platforms: Rule['platforms']
  failOn: FailOn
}

function layer(target: EffectiveRule, written: WrittenRule): void {
  for (const key of RULE_KEYS) {
    if (written.rule[key] === undefined) continue
    ;(target as unknown as Record<RuleKey, unknown>)[key] = written.rule[key]
    const site = written.sites[key]
    if (site) target.sites[key] = site
    else delete target.sites[key]
  }
}

/** The policy's rules with their globs compiled once, for many images. */
export function compileRules(
  policy: Policy,
  base: BaseRule
): (record: Pick<ImageRecord, 'image' | 'ref'>) => EffectiveRule {
  const matchers = policy.images.map(rule => ({
    rule,
    // Linear in the name (glob.ts); the policy's loading already refused globs it cannot run so.
    test: compileGlob(rule.match ?? '')
  }))
  return record => {
    const effective: EffectiveRule = { 'fail-on': base.failOn, sites: {}, matched: 'default' }
    if (base.platforms?.length) effective.platforms = base.platforms
    layer(effective, policy.default)
    if (policy.default.site) effective.matchedAt = policy.default.site
    const names = [record.image.trim(), record.ref].filter((n): n is string => !!n)
    const hit = matchers.find(m => names.some(name => m.test(name)))
    if (hit) {
      layer(effective, hit.rule)
      effective.matched = hit.rule.match ?? 'default'
      if (hit.rule.site) effective.matchedAt = hit.rule.site
    }
    return effective
  }
}
