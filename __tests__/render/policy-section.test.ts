/** A policy's verdicts in the job summary and as annotations (policy-section.ts). */
import type { ImageRecord } from '../../src/model/record.js'
import { evaluateRule } from '../../src/policy/evaluate.js'
import { parsePolicy } from '../../src/policy/file.js'
import { compileRules } from '../../src/policy/match.js'
import type { EffectiveRule, FailOn, Policy } from '../../src/policy/rule.js'
import {
  type Judged,
  renderPolicySection,
  violationAnnotations
} from '../../src/render/policy-section.js'
import { D, image, platform } from '../helpers/records.js'

const site = (line: number) => ({ file: 'policy.yml', line, col: 5 })
const policy: Policy = {
  label: 'policy.yml',
  file: 'policy.yml',
  default: { rule: {}, sites: {}, site: site(1) },
  images: []
}

function record(image: string, extra: Partial<ImageRecord> = {}): ImageRecord {
  return {
    image,
    ref: image,
    digest: `sha256:${'a'.repeat(64)}`,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms: [
      { platform: 'linux/amd64', digest: null, mediaType: null, layers: 3, size: 10 },
      { platform: 'linux/arm64', digest: null, mediaType: null, layers: 3, size: 10 }
    ],
    attestations: 0,
    missing: [],
    error: null,
    notes: [],
    ...extra
  }
}

const violation = {
  image: 'ghcr.io/acme/app:1',
  platform: 'linux/arm64',
  rule: 'max-layers' as const,
  expected: '≤ 2 layers',
  found: '3 layers'
}
const rule: EffectiveRule = {
  'fail-on': 'violation',
  'max-layers': 2,
  sites: { 'max-layers': site(6) },
  matched: 'ghcr.io/acme/*',
  matchedAt: site(4)
}

const judged: Judged = {
  records: [
    record('ghcr.io/acme/app:1', {
      violations: [violation],
      platforms: [
        {
          platform: 'linux/amd64',
          digest: null,
          mediaType: null,
          layers: 2,
          size: 10,
          attached: [
            {
              kind: 'provenance',
              format: 'buildkit',
              name: 'SLSA provenance v0.2 (BuildKit)',
              mediaType: 'application/vnd.in-toto+json',
              signed: false,
              digest: `sha256:${'b'.repeat(64)}`,
              via: 'index',
              subject: 'platform'
            }
          ]
        },
        {
          platform: 'linux/arm64',
          digest: null,
          mediaType: null,
          layers: 3,
          size: 10,
          attached: []
        }
      ]
    }),
    record('quay.io/x/y:2', { violations: [] }),
    record('gone:1', { error: 'gone:1: not found' })
  ],
  failOn: ['violation', 'never', 'missing'],
  policy: {
    policy,
    rules: [rule, { 'fail-on': 'never', sites: {}, matched: 'default', matchedAt: site(1) }, rule]
  }
}

test('violations first, as a table naming the rule and its line; then what is attached', () => {
  expect(renderPolicySection(judged, 0)).toEqual([
    '**Policy:** 1 violation of rule <code>ghcr.io/acme/\\*</code> (policy.yml:4)',
    '',
    '| Platform | Rule | Expected | Found |',
    '| --- | --- | --- | --- |',
    '| <code>linux/arm64</code> | <code>max-layers</code> | ≤ 2 layers | 3 layers |',
    '',
    '| Platform | Attached |',
    '| --- | --- |',
    '| <code>linux/amd64</code> | provenance: SLSA provenance v0.2 \\(BuildKit\\) (attestation manifest in the index) |',
    '| <code>linux/arm64</code> | nothing |',
    ''
  ])
})

test('no violations of the default rule; a failed image has no section', () => {
  expect(renderPolicySection(judged, 1)).toEqual([
    '**Policy:** no violations of the default rule (policy.yml:1)',
    ''
  ])
  expect(renderPolicySection(judged, 2)).toEqual([])
  expect(renderPolicySection({ ...judged, policy: undefined }, 0)).toEqual([])
})

test("a violation that does not fail the step says which 'fail-on' let it pass", () => {
  const lenient = { ...judged, failOn: ['never' as const, 'never' as const, 'never' as const] }
  expect(renderPolicySection(lenient, 0)[0]).toBe(
    "**Policy:** 1 violation of rule <code>ghcr.io/acme/\\*</code> (policy.yml:4) (not failing the step: 'fail-on' is <code>never</code>)"
  )
})

test("one annotation per violation, at the rule key's line; error only when it fails the step", () => {
  expect(violationAnnotations(judged)).toEqual([
    {
      level: 'error',
      message: 'ghcr.io/acme/app:1 (linux/arm64): max-layers: expected ≤ 2 layers, found 3 layers',
      title: 'digest-gate: max-layers (linux/arm64)',
      file: 'policy.yml',
      startLine: 6
    }
  ])
  const lenient = { ...judged, failOn: ['never' as const, 'never' as const, 'never' as const] }
  expect(violationAnnotations(lenient)[0].level).toBe('warning')
})

describe('rendering: the summary section and the annotations', () => {
  const policy = parsePolicy('images:\n  - match: "ghcr.io/**"\n    max-layers: 1\n', {
    label: 'p.yml',
    file: 'p.yml'
  })
  const judged = (failOn: FailOn) => {
    const r = image('ghcr.io/a/b:1', [platform('linux/amd64', D('a'), 3, 10)])
    r.platforms[0].attached = [
      {
        kind: 'other',
        format: 'unknown',
        name: 'text/x<script>|`',
        mediaType: 'text/x<script>|`',
        signed: false,
        digest: D('c'),
        via: 'referrers',
        subject: 'index'
      }
    ]
    const rule = compileRules(policy, { platforms: [], failOn })(r)
    r.violations = evaluateRule(r, rule)
    return { records: [r], failOn: [failOn], policy: { policy, rules: [rule] } }
  }

  test('violations first, registry-supplied strings escaped', () => {
    const lines = renderPolicySection(judged('violation'), 0)
    expect(lines[0]).toBe('**Policy:** 1 violation of rule <code>ghcr.io/\\*\\*</code> (p.yml:2)')
    expect(lines).toContain(
      '| <code>linux/amd64</code> | <code>max-layers</code> | ≤ 1 layer | 3 layers |'
    )
    const attached = lines.find(l => l.includes('script')) ?? ''
    expect(attached).toContain('text/x&lt;script&gt;\\|\\`')
    expect(attached).not.toContain('<script>')
    expect(renderPolicySection(judged('missing'), 0)[0]).toContain(
      "(not failing the step: 'fail-on' is <code>missing</code>)"
    )
  })

  test('an annotation per violation at the key, error or warning as fail-on says', () => {
    expect(violationAnnotations(judged('violation'))).toEqual([
      {
        level: 'error',
        title: 'digest-gate: max-layers (linux/amd64)',
        message: 'ghcr.io/a/b:1 (linux/amd64): max-layers: expected ≤ 1 layer, found 3 layers',
        file: 'p.yml',
        startLine: 3
      }
    ])
    expect(violationAnnotations(judged('missing'))[0].level).toBe('warning')
  })
})
