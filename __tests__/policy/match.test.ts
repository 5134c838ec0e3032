/**
 * Which rule judges an image (match.ts): the first `images` entry whose glob matches the image
 * as given or its full name, over `default`, over the inputs; each key's site kept.
 */
import { formatPlatform, parsePlatform } from '../../src/model/platform.js'
import { parsePolicy } from '../../src/policy/file.js'
import { compileRules } from '../../src/policy/match.js'
import type { EffectiveRule, Policy, WrittenRule } from '../../src/policy/rule.js'

const amd64 = { os: 'linux', architecture: 'amd64' }
const arm64 = { os: 'linux', architecture: 'arm64' }

const written = (rule: WrittenRule['rule'], line: number, match?: string): WrittenRule => ({
  rule,
  match,
  site: { file: 'policy.yml', line, col: 3 },
  sites: Object.fromEntries(
    Object.keys(rule).map(k => [k, { file: 'policy.yml', line: line + 1, col: 5 }])
  )
})

const policy: Policy = {
  label: 'policy.yml',
  file: 'policy.yml',
  default: written({ 'max-layers': 30 }, 1),
  images: [
    written({ platforms: [arm64], 'fail-on': 'violation' }, 4, 'ghcr.io/acme/**'),
    written({ 'max-layers': 5 }, 8, 'docker.io/library/nginx:*'),
    written({ consistent: true }, 12, 'ghcr.io/**')
  ]
}

const judge = compileRules(policy, { platforms: [amd64], failOn: 'missing' })

test('no entry matches: default over the inputs', () => {
  expect(judge({ image: 'quay.io/x/y:1', ref: 'quay.io/x/y:1' })).toEqual({
    'fail-on': 'missing',
    platforms: [amd64],
    'max-layers': 30,
    sites: { 'max-layers': { file: 'policy.yml', line: 2, col: 5 } },
    matched: 'default',
    matchedAt: { file: 'policy.yml', line: 1, col: 3 }
  })
})

test('the first matching entry wins, key by key over default and the inputs', () => {
  const rule = judge({ image: 'ghcr.io/acme/app:1', ref: 'ghcr.io/acme/app:1' })
  expect(rule).toMatchObject({
    'fail-on': 'violation',
    platforms: [arm64],
    'max-layers': 30,
    matched: 'ghcr.io/acme/**',
    matchedAt: { line: 4 }
  })
  expect(rule.consistent).toBeUndefined()
  expect(rule.sites.platforms).toEqual({ file: 'policy.yml', line: 5, col: 5 })
})

test('an image matches by its full name too (nginx:1.27 is docker.io/library/nginx:1.27)', () => {
  const rule = judge({ image: ' nginx:1.27 ', ref: 'docker.io/library/nginx:1.27' })
  expect(rule['max-layers']).toBe(5)
  expect(rule.matched).toBe('docker.io/library/nginx:*')
  expect(judge({ image: 'nginx:1.27', ref: null }).matched).toBe('default')
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
