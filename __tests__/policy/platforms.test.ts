import { type Platform, parsePlatform } from '../../src/model/platform.js'
import { evaluatePolicy, gateFailure, isOk, missingPlatforms } from '../../src/policy/platforms.js'
import type { FailOn } from '../../src/policy/rule.js'
import type { ImageRecord, PlatformRecord } from '../../src/model/record.js'
import { D, image, platform } from '../helpers/records.js'

const digest = (c: string): string => `sha256:${c.repeat(64)}`

/** A found platform by its key; `declared` is the platform as the index stated it, if given. */
function found(key: string, declared?: Platform): PlatformRecord {
  const p: PlatformRecord = {
    platform: key,
    digest: digest('a'),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    layers: 3,
    size: 1000
  }
  if (declared) p.declared = declared
  return p
}

function record(
  image: string,
  platforms: PlatformRecord[],
  error: string | null = null
): ImageRecord {
  return {
    image,
    ref: error ? null : `docker.io/library/${image}`,
    digest: error ? null : digest('f'),
    mediaType: error ? null : 'application/vnd.oci.image.index.v1+json',
    platforms: error ? [] : platforms,
    attestations: 0,
    missing: [],
    error,
    notes: []
  }
}

const required = (...specs: string[]): Platform[] => specs.map(s => parsePlatform(s))

describe('missingPlatforms', () => {
  test.each<[string, PlatformRecord[], string[], string[]]>([
    // what, platforms found, platforms required, missing
    ['nothing required', [found('linux/amd64')], [], []],
    ['all there', [found('linux/amd64'), found('linux/arm64')], ['linux/amd64', 'linux/arm64'], []],
    ['one missing', [found('linux/amd64')], ['linux/amd64', 'linux/s390x'], ['linux/s390x']],
    ['no platforms at all', [], ['linux/amd64', 'linux/arm64'], ['linux/amd64', 'linux/arm64']],
    // Exact: linux/arm/v6 is no substitute for linux/arm/v7, nor v7 for v6.
    ['arm/v7 not satisfied by arm/v6', [found('linux/arm/v6')], ['linux/arm/v7'], ['linux/arm/v7']],
    ['arm/v6 not satisfied by arm/v7', [found('linux/arm/v7')], ['linux/arm/v6'], ['linux/arm/v6']],
    ['arm64 not satisfied by arm/v7', [found('linux/arm/v7')], ['linux/arm64'], ['linux/arm64']],
    ['386 not satisfied by amd64', [found('linux/amd64')], ['linux/386'], ['linux/386']],
    // Aliases and variants after normalisation.
    [
      'arm64/v8 as the index declares it',
      [found('linux/arm64', { os: 'linux', architecture: 'arm64', variant: 'v8' })],
      ['linux/arm64', 'linux/arm64/v8', 'aarch64'],
      []
    ],
    [
      'bare arm declared, v7 required',
      [found('linux/arm/v7', { os: 'linux', architecture: 'arm' })],
      ['linux/arm/v7', 'armhf', 'linux/arm'],
      []
    ],
    ['an alias reported in normalised form', [found('linux/amd64')], ['armhf'], ['linux/arm/v7']],
    ['x86_64 reported as amd64', [found('linux/arm64')], ['x86_64'], ['linux/amd64']],
    [
      'amd64/v2 required, plain amd64 found',
      [found('linux/amd64')],
      ['linux/amd64/v2'],
      ['linux/amd64/v2']
    ],
    // Issue 18: this expected [] (the loose matching that was the bug); the baseline is v1.
    ['amd64 required, amd64/v3 found', [found('linux/amd64/v3')], ['linux/amd64'], ['linux/amd64']],
    ['any amd64 required, amd64/v3 found', [found('linux/amd64/v3')], ['linux/amd64/*'], []],
    // Windows builds, from the key when no declared platform is kept.
    [
      'windows/amd64 matches any build',
      [found('linux/amd64'), found('windows(10.0.17763.379)/amd64')],
      ['windows/amd64'],
      []
    ],
    [
      'a Windows build by prefix',
      [found('windows(10.0.20348.1607)/amd64')],
      ['windows(10.0.20348)/amd64'],
      []
    ],
    [
      'another Windows build',
      [found('windows(10.0.17763.379)/amd64')],
      ['windows(10.0.20348)/amd64'],
      ['windows(10.0.20348)/amd64']
    ],
    [
      'a version that only shares digits',
      [found('windows(10.0.203480)/amd64')],
      ['windows(10.0.20348)/amd64'],
      ['windows(10.0.20348)/amd64']
    ],
    [
      'declared beats the key',
      [
        found('windows(10.0.20348.469)/amd64', {
          os: 'windows',
          architecture: 'amd64',
          osVersion: '10.0.20348.469'
        })
      ],
      ['windows(10.0.20348)/amd64', 'windows/amd64'],
      []
    ],
    [
      'an unparseable key is no platform',
      [found('not a platform')],
      ['linux/amd64'],
      ['linux/amd64']
    ]
  ])('%s', (_what, platforms, req, missing) => {
    expect(missingPlatforms(record('x', platforms), required(...req))).toEqual(missing)
  })

  test('a failed image has no gaps: it is an error instead', () => {
    const failed = record('nope', [], 'nope: manifest unknown')
    expect(missingPlatforms(failed, required('linux/amd64'))).toEqual([])
  })
})

describe('evaluatePolicy', () => {
  test('fills each record and returns the flat list, by image as given', () => {
    const records = [
      record('nginx:1.27', [found('linux/amd64'), found('linux/arm64')]),
      record('busybox', [found('linux/amd64'), found('linux/arm/v6')]),
      record('ghcr.io/nope/x', [], 'ghcr.io/nope/x: not found'),
      record('windows', [found('windows(10.0.17763.379)/amd64')])
    ]
    const missing = evaluatePolicy(records, required('linux/amd64', 'linux/arm64', 'linux/arm/v7'))
    expect(missing).toEqual([
      { image: 'nginx:1.27', platform: 'linux/arm/v7' },
      { image: 'busybox', platform: 'linux/arm64' },
      { image: 'busybox', platform: 'linux/arm/v7' },
      { image: 'windows', platform: 'linux/amd64' },
      { image: 'windows', platform: 'linux/arm64' },
      { image: 'windows', platform: 'linux/arm/v7' }
    ])
    expect(records.map(r => r.missing)).toEqual([
      ['linux/arm/v7'],
      ['linux/arm64', 'linux/arm/v7'],
      [],
      ['linux/amd64', 'linux/arm64', 'linux/arm/v7']
    ])
  })

  test('replaces an earlier result rather than adding to it', () => {
    const r = record('nginx', [found('linux/amd64')])
    r.missing = ['stale/value']
    expect(evaluatePolicy([r], [])).toEqual([])
    expect(r.missing).toEqual([])
  })

  test('nothing required: nothing missing', () => {
    const records = [record('a', []), record('b', [found('linux/amd64')])]
    expect(evaluatePolicy(records, [])).toEqual([])
    expect(records.every(r => r.missing.length === 0)).toBe(true)
  })
})

describe('isOk', () => {
  const good = (): ImageRecord => record('a', [found('linux/amd64')])
  const gap = (): ImageRecord => ({
    ...record('b', [found('linux/amd64')]),
    missing: ['linux/arm64']
  })
  const failed = (): ImageRecord => record('c', [], 'c: denied')

  test.each<[string, ImageRecord[], boolean]>([
    ['one resolved image', [good()], true],
    ['several resolved images', [good(), good()], true],
    ['a missing platform', [good(), gap()], false],
    ['a failed image', [good(), failed()], false],
    ['a failed image and a gap', [failed(), gap()], false],
    ['a failed image alone', [failed()], false]
  ])('%s → %s', (_what, records, ok) => {
    expect(isOk(records)).toBe(ok)
  })

  test('after evaluatePolicy', () => {
    const records = [record('a', [found('linux/amd64'), found('linux/arm/v6')])]
    evaluatePolicy(records, required('linux/amd64'))
    expect(isOk(records)).toBe(true)
    evaluatePolicy(records, required('linux/arm/v7'))
    expect(isOk(records)).toBe(false)
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
