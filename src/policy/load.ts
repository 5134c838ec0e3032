import { readFile } from 'node:fs/promises'
import { DigestGateError } from '../model/errors.js'
import { LocatedError } from '../model/located-error.js'
import { parsePolicy } from './file.js'
import { type Policy, RULE_KEYS, type Site } from './rule.js'

// The `policy` input: a path or inline YAML, read, parsed, and checked against what else the
// run was asked for (a baseline, the detail), so a key the run cannot check is refused early.

/**
 * The `policy` input's value: inline YAML when it spans lines, holds `: ` or starts with `{`
 * (no path does), else the path of a file, relative to the working directory.
 */
export function isInlinePolicy(value: string): boolean {
  return /[\r\n]/.test(value.trim()) || value.includes(': ') || value.trim().startsWith('{')
}

/** What else the run was asked for, that some rule keys need. */
export interface PolicyNeeds {
  /** A `baseline` report was given (for `max-growth`). */
  baseline: boolean
  /** The `detail` input: sizes need `layers`; platforms need more than `digest`. */
  detail: 'layers' | 'platforms' | 'digest'
}

/** Keys the run cannot check as it was asked, each named at its place in the policy. */
export function checkPolicy(policy: Policy, needs: PolicyNeeds): string[] {
  return policyGaps(policy, needs).map(
    g => `${policy.label}:${g.site.line}:${g.site.col}: ${g.what}`
  )
}

function policyGaps(policy: Policy, needs: PolicyNeeds): { site: Site; what: string }[] {
  const gaps: { site: Site; what: string }[] = []
  for (const written of [policy.default, ...policy.images]) {
    for (const key of RULE_KEYS) {
      const site = written.sites[key]
      if (!site || written.rule[key] === undefined) continue
      const add = (what: string): void => {
        gaps.push({ site, what: `key '${key}': ${what}` })
      }
      if (key === 'max-growth' && !needs.baseline)
        add(
          "expected a 'baseline' input (--baseline) naming a previous report file to compare sizes with"
        )
      if (key === 'fail-on') continue
      if (needs.detail === 'digest')
        add(
          "expected 'detail: layers' (or 'platforms'); 'detail: digest' reads no platforms to check"
        )
      else if (
        needs.detail === 'platforms' &&
        ['max-size', 'max-layers', 'max-growth'].includes(key)
      )
        add("expected 'detail: layers'; 'detail: platforms' reads no layer counts or sizes")
    }
  }
  return gaps
}

/**
 * Reads, parses and checks the `policy` input (a path or inline YAML) against what else the
 * run was asked for; one `invalid-input` error listing every problem if unusable.
 */
export async function loadPolicy(value: string, needs: PolicyNeeds): Promise<Policy> {
  const policy = await readPolicy(value)
  const gaps = policyGaps(policy, needs)
  if (gaps.length)
    throw new LocatedError(
      `The policy ${policy.label} asks for what this run cannot check:\n${checkPolicy(policy, needs).join('\n')}`,
      gaps.map(({ site, what }) => ({ ...site, message: what }))
    )
  return policy
}

async function readPolicy(value: string): Promise<Policy> {
  if (isInlinePolicy(value)) return parsePolicy(value, { label: "input 'policy'" })
  const path = value.trim()
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    throw new DigestGateError(
      'invalid-input',
      `Input 'policy': cannot read '${path}' (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); expected the path of a policy file (YAML), or the policy itself inline`
    )
  }
  return parsePolicy(text, { label: path, file: path })
}
