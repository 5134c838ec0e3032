/**
 * Which rule judges an image (match.ts): the first `images` entry whose glob matches the image
 * as given or its full name, over `default`, over the inputs; each key's site kept.
 */
import { compileRules } from '../../src/policy/match.js'
import type { Policy, WrittenRule } from '../../src/policy/rule.js'

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
