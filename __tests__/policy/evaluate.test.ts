import { type Baseline, sizeDeltas } from '../../src/report/baseline.js'
import { formatPlatform, parsePlatform } from '../../src/model/platform.js'
import { evaluatePolicy, gateFailure, isOk } from '../../src/policy/platforms.js'
import { type Findings, evaluateRule } from '../../src/policy/evaluate.js'
import { parsePolicy } from '../../src/policy/file.js'
import { compileRules } from '../../src/policy/match.js'
import { renderPolicySection, violationAnnotations } from '../../src/render/policy-section.js'
import type { EffectiveRule, FailOn } from '../../src/policy/rule.js'
import {
  formatBudget,
  formatPercent,
  formatSize,
  parsePercent,
  parseSize
} from '../../src/policy/sizes.js'
import type { AttachedRecord, ImageRecord, PlatformRecord } from '../../src/model/record.js'

const D = (c: string): string => `sha256:${c.repeat(64)}`
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const MiB = 1024 * 1024

function platform(
  key: string,
  digest: string,
  layers: number | null,
  size: number | null
): PlatformRecord {
  return {
    platform: key,
    digest,
    mediaType: OCI_MANIFEST,
    layers,
    size,
    declared: parsePlatform(key)
  }
}

function image(name: string, platforms: PlatformRecord[], mediaType = OCI_INDEX): ImageRecord {
  return {
    image: name,
    ref: name.includes('/') ? name : `docker.io/library/${name}`,
    digest: D('f'),
    mediaType,
    platforms,
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  }
}

function rule(r: Partial<EffectiveRule>): EffectiveRule {
  return { 'fail-on': 'never', sites: {}, matched: 'default', ...r }
}

describe('sizes and percentages', () => {
  test.each<[string, number | null]>([
    ['80MiB', 80 * MiB],
    ['80 MiB', 80 * MiB],
    ['1.5GB', 1_500_000_000],
    ['10 B', 10],
    ['80mib', null],
    ['80Mb', null],
    ['80 mB', null],
    ['MiB', null],
    ['80', null],
    ['0MiB', null],
    ['1e3 B', null]
  ])('parseSize(%j)', (text, bytes) => {
    expect(parseSize(text)?.bytes ?? null).toBe(bytes)
  })

  test.each<[string, number | null]>([
    ['10%', 0.1],
    ['0.5%', 0.005],
    [' 25 % ', 0.25],
    ['10', null],
    ['ten%', null],
    ['-1%', null]
  ])('parsePercent(%j)', (text, ratio) => {
    expect(parsePercent(text)).toBe(ratio)
  })

  test('a found size is written in the budget unit, precise enough to differ from it', () => {
    expect(formatSize(87_241_523, 'MiB', 80 * MiB)).toBe('83.2 MiB')
    expect(formatSize(83_200_000, 'MB', 80_000_000)).toBe('83.2 MB')
    expect(formatSize(80 * MiB + 30_000, 'MiB', 80 * MiB)).toBe('80.03 MiB')
    expect(formatSize(80 * MiB + 1, 'MiB', 80 * MiB)).toBe(`${80 * MiB + 1} B`)
    expect(formatSize(1200, 'B', 1000)).toBe('1200 B')
    expect(formatBudget({ bytes: 80 * MiB, unit: 'MiB' })).toBe('80 MiB')
    expect(formatBudget({ bytes: 1_610_612_736, unit: 'GiB' })).toBe('1.5 GiB')
    expect(formatPercent(0.1534)).toBe('15.3%')
    expect(formatPercent(0.1)).toBe('10%')
  })
})

describe('compileRules: first match wins, over default, over the inputs', () => {
  const policy = parsePolicy(
    `default:
  platforms: [linux/amd64, linux/arm64]
  max-layers: 30
images:
  - match: "ghcr.io/acme/windows-*"
    platforms: ["windows(10.0.20348)/amd64"]
  - match: "ghcr.io/acme/base:*"
    max-layers: 20
    fail-on: violation
  - match: "ghcr.io/acme/**"
    consistent: true
  - match: "docker.io/library/nginx:*"
    forbid: [linux/386]
`,
    { label: 'p.yml', file: 'p.yml' }
  )
  const ruleFor = compileRules(policy, {
    platforms: [parsePlatform('linux/s390x')],
    failOn: 'missing'
  })
  const of = (img: string, ref?: string) => ruleFor({ image: img, ref: ref ?? img })
  const keys = (r: EffectiveRule) => ({
    matched: r.matched,
    platforms: r.platforms?.map(formatPlatform),
    'max-layers': r['max-layers'],
    consistent: r.consistent,
    forbid: r.forbid?.map(formatPlatform),
    'fail-on': r['fail-on']
  })

  test.each<[string, string | undefined, object]>([
    [
      'ghcr.io/acme/windows-server:ltsc2022',
      undefined,
      {
        matched: 'ghcr.io/acme/windows-*',
        platforms: ['windows(10.0.20348)/amd64'],
        'max-layers': 30,
        'fail-on': 'missing'
      }
    ],
    [
      'ghcr.io/acme/base:1.2',
      undefined,
      {
        matched: 'ghcr.io/acme/base:*',
        platforms: ['linux/amd64', 'linux/arm64'],
        'max-layers': 20,
        'fail-on': 'violation'
      }
    ],
    // The first match wins: base:* comes before acme/**, so base has no `consistent`.
    [
      'ghcr.io/acme/team/app:3',
      undefined,
      { matched: 'ghcr.io/acme/**', consistent: true, 'max-layers': 30 }
    ],
    // Matched by the fully qualified name, the image as given being `nginx:1.27`.
    [
      'nginx:1.27',
      'docker.io/library/nginx:1.27',
      { matched: 'docker.io/library/nginx:*', forbid: ['linux/386'] }
    ],
    [
      'quay.io/other/x:1',
      undefined,
      { matched: 'default', platforms: ['linux/amd64', 'linux/arm64'], 'fail-on': 'missing' }
    ]
  ])('%s', (img, ref, expected) => {
    expect(keys(of(img, ref))).toMatchObject(expected)
  })

  test('sites say where each key that applies was written', () => {
    const r = of('ghcr.io/acme/base:1.2')
    expect(r.sites).toEqual({
      platforms: { file: 'p.yml', line: 2, col: 3 },
      'max-layers': { file: 'p.yml', line: 8, col: 5 },
      'fail-on': { file: 'p.yml', line: 9, col: 5 }
    })
    expect(r.matchedAt).toEqual({ file: 'p.yml', line: 7, col: 5 })
  })

  test('without a policy default, the inputs are the default', () => {
    const bare = compileRules(
      parsePolicy('images:\n  - match: "x/*"\n    consistent: true\n', { label: 'b' }),
      {
        platforms: [parsePlatform('linux/s390x')],
        failOn: 'missing'
      }
    )
    expect(keys(bare({ image: 'y/z', ref: 'y/z' }))).toMatchObject({
      matched: 'default',
      platforms: ['linux/s390x'],
      'fail-on': 'missing'
    })
    expect(bare({ image: 'y/z', ref: 'y/z' }).sites).toEqual({})
  })
})

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

describe('the gate: missing per rule, ok, and fail-on per image', () => {
  const records = () => [
    image('a', [platform('linux/amd64', D('a'), 1, 1)]),
    image('b', [platform('linux/amd64', D('b'), 1, 1)])
  ]
  test('each record is checked against its own required platforms', () => {
    const rs = records()
    const missing = evaluatePolicy(rs, (_, i) => (i === 0 ? [parsePlatform('linux/arm64')] : []))
    expect(missing).toEqual([{ image: 'a', platform: 'linux/arm64' }])
    expect(rs[1].missing).toEqual([])
  })
  test.each<[string, FailOn[], boolean, boolean, string | undefined]>([
    // what, fail-on per record, a missing in a, a violation in b, failure
    ['never', ['never', 'never'], true, true, undefined],
    [
      'missing fails on a missing platform',
      ['missing', 'missing'],
      true,
      true,
      '1 required platform is missing'
    ],
    ['missing ignores violations', ['missing', 'missing'], false, true, undefined],
    ['violation fails on violations', ['never', 'violation'], false, true, '1 policy violation'],
    [
      'violation fails on missing too',
      ['violation', 'never'],
      true,
      false,
      '1 required platform is missing'
    ],
    [
      'both',
      ['violation', 'violation'],
      true,
      true,
      '1 required platform is missing; 1 policy violation'
    ]
  ])('%s', (_, failOn, withMissing, withViolation, failure) => {
    const rs = records()
    if (withMissing) rs[0].missing = ['linux/arm64']
    rs[1].violations = withViolation
      ? [
          {
            image: 'b',
            platform: 'linux/amd64',
            rule: 'max-layers',
            expected: '≤ 0 layers',
            found: '1 layers'
          }
        ]
      : []
    expect(gateFailure(rs, failOn)).toBe(failure)
    expect(isOk(rs)).toBe(!withMissing && !withViolation)
  })
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
