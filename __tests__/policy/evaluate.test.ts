/**
 * What one rule finds wrong with one image (evaluateRule in evaluate.ts). Which rule applies is
 * tested in match.test.ts, sizes in sizes.test.ts, the gate in platforms.test.ts and the
 * summary section in render/policy-section.test.ts.
 */
import { type Baseline, sizeDeltas } from '../../src/report/baseline.js'
import { parsePlatform } from '../../src/model/platform.js'
import { type Findings, evaluateRule } from '../../src/policy/evaluate.js'
import type { EffectiveRule } from '../../src/policy/rule.js'
import type { AttachedRecord } from '../../src/model/record.js'
import { D, OCI_MANIFEST, image, platform } from '../helpers/records.js'

const MiB = 1024 * 1024

function rule(r: Partial<EffectiveRule>): EffectiveRule {
  return { 'fail-on': 'never', sites: {}, matched: 'default', ...r }
}

describe('evaluateRule: one violation per broken rule and platform', () => {
  const base = () =>
    image('ghcr.io/acme/base:1', [
      platform('linux/amd64', D('a'), 12, 87_241_523),
      platform('linux/arm64', D('b'), 25, 40 * MiB),
      platform('linux/386', D('c'), 3, 1000)
    ])

  test('forbid, max-size, max-layers', () => {
    const violations = evaluateRule(
      base(),
      rule({
        forbid: [parsePlatform('linux/386')],
        'max-size': { bytes: 80 * MiB, unit: 'MiB' },
        'max-layers': 20
      })
    )
    expect(violations).toEqual([
      {
        image: 'ghcr.io/acme/base:1',
        platform: 'linux/amd64',
        rule: 'max-size',
        expected: '≤ 80 MiB',
        found: '83.2 MiB'
      },
      {
        image: 'ghcr.io/acme/base:1',
        platform: 'linux/arm64',
        rule: 'max-layers',
        expected: '≤ 20 layers',
        found: '25 layers'
      },
      {
        image: 'ghcr.io/acme/base:1',
        platform: 'linux/386',
        rule: 'forbid',
        expected: 'no linux/386 image',
        found: 'linux/386'
      }
    ])
  })

  test('within budget, nothing', () => {
    expect(
      evaluateRule(base(), rule({ 'max-size': { bytes: 90 * MiB, unit: 'MiB' }, 'max-layers': 25 }))
    ).toEqual([])
  })

  test('an unknown size fails closed, saying why', () => {
    const docker = image('alpine:3', [
      { ...platform('linux/amd64', D('a'), null, null), digest: null }
    ])
    docker.source = 'docker'
    expect(
      evaluateRule(docker, rule({ 'max-size': { bytes: 1, unit: 'B' }, 'max-layers': 3 }))
    ).toEqual([
      expect.objectContaining({
        rule: 'max-size',
        found: 'unknown: the docker source states no sizes'
      }),
      expect.objectContaining({
        rule: 'max-layers',
        found: 'unknown: the docker source states no layers'
      })
    ])
  })

  test('an image that failed to resolve has no violations (its error fails the step)', () => {
    const failed = { ...base(), error: 'x: not found', platforms: [] }
    expect(evaluateRule(failed, rule({ 'max-layers': 1 }))).toEqual([])
  })

  describe('max-growth against a baseline', () => {
    const baseline: Baseline = {
      source: 'b.json',
      images: [
        {
          image: 'ghcr.io/acme/base:1',
          ref: 'ghcr.io/acme/base:1',
          digest: D('e'),
          platforms: [
            { platform: 'linux/amd64', size: 75 * MiB, layers: 12 },
            { platform: 'linux/arm64', size: 40 * MiB, layers: 25 }
          ]
        }
      ]
    }
    test('over 10% is a violation; equal, new platforms and shrinking are not', () => {
      const record = base()
      const findings: Findings = { delta: sizeDeltas(record, baseline) }
      expect(evaluateRule(record, rule({ 'max-growth': 0.1 }), findings)).toEqual([
        {
          image: 'ghcr.io/acme/base:1',
          platform: 'linux/amd64',
          rule: 'max-growth',
          expected: 'growth ≤ 10% against the baseline (75.0 MiB)',
          found: '+10.9% (75.0 MiB → 83.2 MiB)'
        }
      ])
      expect(evaluateRule(record, rule({ 'max-growth': 0.11 }), findings)).toEqual([])
    })
    test('exactly the allowed growth passes, one byte more does not', () => {
      const exact: Baseline = {
        source: 'b',
        images: [
          {
            image: 'i',
            ref: 'i',
            digest: null,
            platforms: [{ platform: 'linux/amd64', size: 1000, layers: 1 }]
          }
        ]
      }
      const at = (size: number) => {
        const r = image('i', [platform('linux/amd64', D('a'), 1, size)])
        return evaluateRule(r, rule({ 'max-growth': 0.1 }), { delta: sizeDeltas(r, exact) })
      }
      expect(at(1100)).toEqual([])
      expect(at(1101)).toHaveLength(1)
    })
  })

  describe('consistent', () => {
    const two = () =>
      image('ghcr.io/acme/app:1', [
        platform('linux/amd64', D('a'), 1, 10),
        platform('linux/arm64', D('b'), 1, 10)
      ])
    test('a mislabelled entry names both platforms', () => {
      const configs = new Map([
        [D('a'), { platform: { os: 'linux', architecture: 'amd64' }, config: D('1') }],
        [D('b'), { platform: { os: 'linux', architecture: 'amd64' }, config: D('2') }]
      ])
      expect(evaluateRule(two(), rule({ consistent: true }), { configs })).toEqual([
        {
          image: 'ghcr.io/acme/app:1',
          platform: 'linux/arm64',
          rule: 'consistent',
          expected: 'linux/arm64 (as the index says)',
          found: 'linux/amd64 (as config sha256:222222222222 says)'
        }
      ])
    })
    test('arm64 and arm64/v8 are one platform; a variant or os.version that differs is not', () => {
      const r = image('w', [
        {
          ...platform('linux/arm64', D('a'), 1, 1),
          declared: { os: 'linux', architecture: 'arm64', variant: 'v8' }
        },
        platform('linux/arm/v7', D('b'), 1, 1),
        platform('windows(10.0.20348.1)/amd64', D('c'), 1, 1)
      ])
      const configs = new Map([
        [D('a'), { platform: { os: 'linux', architecture: 'arm64' }, config: D('1') }],
        [D('b'), { platform: { os: 'linux', architecture: 'arm', variant: 'v6' }, config: D('2') }],
        [
          D('c'),
          {
            platform: { os: 'windows', architecture: 'amd64', osVersion: '10.0.17763.1' },
            config: D('3')
          }
        ]
      ])
      expect(
        evaluateRule(r, rule({ consistent: true }), { configs }).map(v => [v.platform, v.found])
      ).toEqual([
        ['linux/arm/v7', 'linux/arm/v6 (as config sha256:222222222222 says)'],
        [
          'windows(10.0.20348.1)/amd64',
          'windows(10.0.17763.1)/amd64 (as config sha256:333333333333 says)'
        ]
      ])
    })
    test('an unreadable config fails closed; a single manifest needs no read', () => {
      const configs = new Map([
        [D('a'), { error: 'blob unknown' }],
        [D('b'), { platform: null, config: D('2') }]
      ])
      expect(
        evaluateRule(two(), rule({ consistent: true }), { configs }).map(v => v.found)
      ).toEqual([
        'unknown: blob unknown',
        'config sha256:222222222222 names no os and architecture'
      ])
      const single = image('s', [platform('linux/amd64', D('a'), 1, 1)], OCI_MANIFEST)
      expect(evaluateRule(single, rule({ consistent: true }))).toEqual([])
    })
  })

  describe('attestations', () => {
    const attached = (kinds: AttachedRecord['kind'][]) => ({
      attached: kinds.map((kind, i): AttachedRecord => ({
        kind,
        format: 'unknown',
        name: `a ${kind}`,
        mediaType: `type/${kind}`,
        signed: false,
        digest: D(String(i)),
        via: 'index',
        subject: 'platform'
      }))
    })
    test('each platform lacking a required kind is a violation, naming what is there', () => {
      const r = image('a', [
        platform('linux/amd64', D('a'), 1, 1),
        platform('linux/arm64', D('b'), 1, 1)
      ])
      const findings: Findings = {
        attached: new Map([
          [D('a'), attached(['provenance', 'sbom'])],
          [D('b'), attached(['other'])]
        ])
      }
      expect(evaluateRule(r, rule({ attestations: ['provenance', 'sbom'] }), findings)).toEqual([
        {
          image: 'a',
          platform: 'linux/arm64',
          rule: 'attestations',
          expected: 'provenance, sbom',
          found: 'none (no provenance, sbom)'
        }
      ])
      findings.attached?.set(D('b'), attached(['sbom', 'signature']))
      expect(
        evaluateRule(r, rule({ attestations: ['provenance', 'sbom'] }), findings)[0].found
      ).toBe('sbom, signature (no provenance)')
      findings.attached?.set(D('b'), { error: 'referrers: HTTP 500' })
      expect(evaluateRule(r, rule({ attestations: ['sbom'] }), findings)[0].found).toBe(
        'unknown: referrers: HTTP 500'
      )
    })
  })
})
