import { DigestGateError } from '../../src/model/errors.js'
import {
  type Platform,
  formatPlatform,
  normalizePlatform,
  parsePlatform,
  platformCovers,
  platformFromJson,
  platformMatches,
  platformProblem,
  splitList
} from '../../src/model/platform.js'

function p(os: string, architecture: string, variant?: string, osVersion?: string): Platform {
  const out: Platform = { os, architecture }
  if (variant !== undefined) out.variant = variant
  if (osVersion !== undefined) out.osVersion = osVersion
  return out
}

describe('normalizePlatform: containerd database.go (registry-notes §3)', () => {
  test.each<[string, string, string | undefined, string]>([
    // os, architecture, variant → normalised key
    ['linux', 'x86_64', undefined, 'linux/amd64'],
    ['linux', 'x86-64', undefined, 'linux/amd64'],
    ['linux', 'X86_64', undefined, 'linux/amd64'],
    ['linux', 'amd64', undefined, 'linux/amd64'],
    ['linux', 'amd64', 'v1', 'linux/amd64'],
    ['linux', 'x86_64', 'v1', 'linux/amd64'],
    ['linux', 'amd64', 'v2', 'linux/amd64/v2'],
    ['linux', 'amd64', 'v3', 'linux/amd64/v3'],
    ['linux', 'aarch64', undefined, 'linux/arm64'],
    ['linux', 'aarch64', '8', 'linux/arm64'],
    ['linux', 'aarch64', 'v8', 'linux/arm64'],
    ['linux', 'aarch64', 'v8.0', 'linux/arm64'],
    ['linux', 'arm64', undefined, 'linux/arm64'],
    ['linux', 'arm64', '8', 'linux/arm64'],
    ['linux', 'arm64', 'v8', 'linux/arm64'],
    ['linux', 'arm64', 'v8.0', 'linux/arm64'],
    ['linux', 'arm64', '9', 'linux/arm64/v9'],
    ['linux', 'arm64', '9.0', 'linux/arm64/v9'],
    ['linux', 'arm64', 'v9.0', 'linux/arm64/v9'],
    ['linux', 'aarch64', '9', 'linux/arm64/v9'],
    ['linux', 'arm64', 'v9', 'linux/arm64/v9'],
    ['linux', 'arm64', 'v8.2', 'linux/arm64/v8.2'],
    ['linux', 'armhf', undefined, 'linux/arm/v7'],
    ['linux', 'armhf', 'v6', 'linux/arm/v7'],
    ['linux', 'armel', undefined, 'linux/arm/v6'],
    ['linux', 'arm', undefined, 'linux/arm/v7'],
    ['linux', 'arm', '', 'linux/arm/v7'],
    ['linux', 'arm', '7', 'linux/arm/v7'],
    ['linux', 'arm', 'v7', 'linux/arm/v7'],
    ['linux', 'arm', '5', 'linux/arm/v5'],
    ['linux', 'arm', '6', 'linux/arm/v6'],
    ['linux', 'arm', '8', 'linux/arm/v8'],
    ['linux', 'arm', 'v5', 'linux/arm/v5'],
    ['linux', 'arm', 'v6', 'linux/arm/v6'],
    ['linux', 'ARM', 'V7', 'linux/arm/v7'],
    ['linux', 'i386', undefined, 'linux/386'],
    ['linux', '386', undefined, 'linux/386'],
    ['linux', 'ppc64le', undefined, 'linux/ppc64le'],
    ['linux', 's390x', undefined, 'linux/s390x'],
    ['linux', 'riscv64', undefined, 'linux/riscv64'],
    ['linux', 'mips64le', undefined, 'linux/mips64le'],
    ['Linux', 'amd64', undefined, 'linux/amd64'],
    ['macos', 'arm64', undefined, 'darwin/arm64'],
    ['MacOS', 'x86_64', undefined, 'darwin/amd64'],
    ['darwin', 'aarch64', undefined, 'darwin/arm64'],
    ['windows', 'x86_64', undefined, 'windows/amd64'],
    ['unknown', 'unknown', undefined, 'unknown/unknown']
  ])('%s/%s/%s → %s', (os, architecture, variant, key) => {
    expect(formatPlatform(normalizePlatform(p(os, architecture, variant)))).toBe(key)
  })

  test('the canonical arm64 has no variant field at all', () => {
    expect(normalizePlatform(p('linux', 'arm64', 'v8'))).toEqual({
      os: 'linux',
      architecture: 'arm64'
    })
  })

  test('keeps os.version and features, does not share arrays with its input', () => {
    const input: Platform = {
      os: 'Windows',
      architecture: 'AMD64',
      osVersion: '10.0.17763.379',
      osFeatures: ['win32k'],
      features: ['sse4']
    }
    const out = normalizePlatform(input)
    expect(out).toEqual({
      os: 'windows',
      architecture: 'amd64',
      osVersion: '10.0.17763.379',
      osFeatures: ['win32k'],
      features: ['sse4']
    })
    expect(out.osFeatures).not.toBe(input.osFeatures)
    expect(out.features).not.toBe(input.features)
  })

  test('is idempotent', () => {
    for (const [arch, variant] of [
      ['aarch64', 'v8'],
      ['arm', ''],
      ['armel', ''],
      ['arm64', '9.0'],
      ['x86_64', 'v1']
    ]) {
      const once = normalizePlatform(p('linux', arch, variant))
      expect(normalizePlatform(once)).toEqual(once)
    }
  })
})

describe('formatPlatform', () => {
  test.each<[Platform, string]>([
    [p('linux', 'amd64'), 'linux/amd64'],
    [p('linux', 'arm', 'v7'), 'linux/arm/v7'],
    [p('linux', 'arm64', ''), 'linux/arm64'],
    [p('windows', 'amd64', undefined, '10.0.17763.379'), 'windows(10.0.17763.379)/amd64'],
    [p('windows', 'arm', 'v7', '10.0.17763.379'), 'windows(10.0.17763.379)/arm/v7']
  ])('%j → %s', (platform, key) => {
    expect(formatPlatform(platform)).toBe(key)
  })
})

describe('parsePlatform', () => {
  test.each<[string, Platform]>([
    ['linux/amd64', p('linux', 'amd64')],
    ['linux/arm64', p('linux', 'arm64')],
    ['linux/arm64/v8', p('linux', 'arm64')],
    ['linux/arm64/v9', p('linux', 'arm64', 'v9')],
    ['linux/arm', p('linux', 'arm', 'v7')],
    ['linux/arm/v7', p('linux', 'arm', 'v7')],
    ['linux/arm/v6', p('linux', 'arm', 'v6')],
    ['linux/arm/7', p('linux', 'arm', 'v7')],
    ['linux/amd64/v3', p('linux', 'amd64', 'v3')],
    ['linux/x86_64', p('linux', 'amd64')],
    ['Linux/AMD64', p('linux', 'amd64')],
    ['  linux/s390x  ', p('linux', 's390x')],
    ['macos/arm64', p('darwin', 'arm64')],
    // A bare architecture or alias means linux, as in containerd's Parse.
    ['amd64', p('linux', 'amd64')],
    ['x86_64', p('linux', 'amd64')],
    ['aarch64', p('linux', 'arm64')],
    ['arm64', p('linux', 'arm64')],
    ['armhf', p('linux', 'arm', 'v7')],
    ['armel', p('linux', 'arm', 'v6')],
    ['i386', p('linux', '386')],
    ['windows/amd64', p('windows', 'amd64')],
    ['windows(10.0.20348)/amd64', p('windows', 'amd64', undefined, '10.0.20348')],
    ['windows(10.0.17763.379)/arm64', p('windows', 'arm64', undefined, '10.0.17763.379')]
  ])('%s', (text, platform) => {
    expect(parsePlatform(text)).toEqual(platform)
  })

  test.each<[string, RegExp]>([
    ['', /it is empty/],
    ['   ', /it is empty/],
    ['linux', /'linux' is an os; an architecture is needed too, e\.g\. 'linux\/amd64'/],
    ['windows', /'windows' is an os/],
    ['Darwin', /'Darwin' is an os/],
    ['macos', /'macos' is an os/],
    ['windows(10.0.20348)', /is an os/],
    ['linux/arm/v7/extra', /expected os\/arch\[\/variant\]/],
    ['linux/', /expected os\/arch\[\/variant\]/],
    ['/amd64', /expected os\/arch\[\/variant\]/],
    ['linux//v7', /expected os\/arch\[\/variant\]/],
    ['linux/amd 64', /expected os\/arch\[\/variant\]/],
    ['linux/amd64,linux/arm64', /expected os\/arch\[\/variant\]/],
    ['windows(10.0.20348/amd64', /os\.version goes in parentheses right after the os/],
    ['windows(10.0.20348/amd64)', /os\.version goes in parentheses right after the os/],
    ['windows/amd64(10.0.20348)', /os\.version goes in parentheses right after the os/],
    ['(10.0.20348)windows/amd64', /os\.version goes in parentheses right after the os/],
    ['win(10.0.20348)dows/amd64', /os\.version goes in parentheses right after the os/],
    ['windows()/amd64', /os\.version '' is not valid/],
    ['windows(10 0)/amd64', /os\.version '10 0' is not valid/],
    ['windows(1)(2)/amd64', /./]
  ])('rejects %j', (text, why) => {
    let error: unknown
    try {
      parsePlatform(text)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DigestGateError)
    const e = error as DigestGateError
    expect(e.kind).toBe('invalid-input')
    expect(e.message).toContain(`Invalid platform '${text}'`)
    expect(e.message).toMatch(why)
  })
})

describe('platformMatches: exact after normalisation, no compatible fallbacks', () => {
  test.each<[string, Platform, boolean]>([
    // required (parsed) vs found (as an index states it)
    ['linux/arm/v7', p('linux', 'arm', 'v7'), true],
    ['linux/arm/v7', p('linux', 'arm'), true],
    ['linux/arm/v7', p('linux', 'arm', 'v6'), false],
    ['linux/arm/v7', p('linux', 'arm', 'v5'), false],
    ['linux/arm/v6', p('linux', 'arm', 'v7'), false],
    ['linux/arm', p('linux', 'arm', 'v6'), false],
    ['linux/arm/v7', p('linux', 'arm64', 'v8'), false],
    ['armhf', p('linux', 'arm', 'v7'), true],
    ['armel', p('linux', 'arm', 'v6'), true],
    ['linux/arm64', p('linux', 'arm64', 'v8'), true],
    ['linux/arm64', p('linux', 'arm64'), true],
    ['linux/arm64', p('linux', 'aarch64'), true],
    ['linux/arm64/v8', p('linux', 'arm64'), true],
    ['linux/arm64/v8', p('linux', 'arm64', 'v8'), true],
    ['aarch64', p('linux', 'arm64', 'v8'), true],
    ['linux/amd64', p('linux', 'amd64'), true],
    ['linux/amd64', p('linux', 'x86_64'), true],
    ['linux/amd64', p('linux', '386'), false],
    ['linux/386', p('linux', 'amd64'), false],
    ['linux/amd64', p('windows', 'amd64', undefined, '10.0.20348.1607'), false],
    ['linux/amd64', p('Linux', 'AMD64'), true],
    // A requirement without a variant is the baseline (issue 18: this was `true`, the bug):
    // an amd64/v3-only or arm64/v9-only image does not run on the baseline CPU.
    ['linux/amd64', p('linux', 'amd64', 'v3'), false],
    ['linux/arm64', p('linux', 'arm64', 'v9'), false],
    // A requirement with a variant needs that variant; no amd64/v3 → v2 fallback.
    ['linux/amd64/v2', p('linux', 'amd64', 'v3'), false],
    ['linux/amd64/v3', p('linux', 'amd64'), false],
    ['linux/arm64/v9', p('linux', 'arm64', 'v8'), false],
    // Windows: windows/amd64 matches any build, a version matches that build and its patches.
    ['windows/amd64', p('windows', 'amd64', undefined, '10.0.20348.1607'), true],
    ['windows/amd64', p('windows', 'amd64', undefined, '10.0.17763.379'), true],
    ['windows/amd64', p('windows', 'amd64'), true],
    ['windows/amd64', p('linux', 'amd64'), false],
    ['windows/amd64', p('windows', 'arm64', undefined, '10.0.20348.1607'), false],
    ['windows(10.0.20348)/amd64', p('windows', 'amd64', undefined, '10.0.20348.1607'), true],
    ['windows(10.0.20348)/amd64', p('windows', 'amd64', undefined, '10.0.20348'), true],
    ['windows(10.0.20348)/amd64', p('windows', 'amd64', undefined, '10.0.203480'), false],
    ['windows(10.0.20348)/amd64', p('windows', 'amd64', undefined, '10.0.203480.1'), false],
    ['windows(10.0.20348)/amd64', p('windows', 'amd64', undefined, '10.0.17763.379'), false],
    ['windows(10.0.20348)/amd64', p('windows', 'amd64'), false],
    ['windows(10.0.20348.1607)/amd64', p('windows', 'amd64', undefined, '10.0.20348.1608'), false],
    ['windows(10.0.20348.1607)/amd64', p('windows', 'amd64', undefined, '10.0.20348'), false]
  ])('%s vs %j → %s', (required, found, expected) => {
    expect(platformMatches(parsePlatform(required), found)).toBe(expected)
  })

  test('normalises a hand-built requirement too', () => {
    expect(platformMatches(p('Linux', 'aarch64', 'v8'), p('linux', 'arm64'))).toBe(true)
    expect(platformMatches(p('linux', 'arm'), p('linux', 'arm', 'v7'))).toBe(true)
    expect(platformMatches(p('linux', 'arm'), p('linux', 'arm', 'v6'))).toBe(false)
  })
})

describe('platformFromJson', () => {
  test.each<[unknown, Platform | null]>([
    [{ os: 'linux', architecture: 'amd64' }, p('linux', 'amd64')],
    [{ os: 'linux', architecture: 'arm', variant: 'v7' }, p('linux', 'arm', 'v7')],
    [
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.469' },
      p('windows', 'amd64', undefined, '10.0.20348.469')
    ],
    [
      { os: 'windows', architecture: 'amd64', 'os.features': ['win32k'], features: ['x'] },
      { os: 'windows', architecture: 'amd64', osFeatures: ['win32k'], features: ['x'] }
    ],
    // Not normalised: the platform as stated.
    [{ os: 'linux', architecture: 'arm64', variant: 'v8' }, p('linux', 'arm64', 'v8')],
    [{ os: 'linux', architecture: 'amd64', variant: '', 'os.version': '' }, p('linux', 'amd64')],
    [{ os: 'linux', architecture: 'amd64', 'os.features': [1] }, p('linux', 'amd64')],
    [{ os: 'linux' }, null],
    [{ architecture: 'amd64' }, null],
    [{ os: '', architecture: 'amd64' }, null],
    [{ os: 1, architecture: 'amd64' }, null],
    [null, null],
    [undefined, null],
    ['linux/amd64', null]
  ])('%j', (json, platform) => {
    expect(platformFromJson(json as Parameters<typeof platformFromJson>[0])).toEqual(platform)
  })
})

describe('splitList', () => {
  test.each<[string, string[]]>([
    ['', []],
    ['   ', []],
    ['linux/amd64', ['linux/amd64']],
    ['linux/amd64,linux/arm64', ['linux/amd64', 'linux/arm64']],
    ['linux/amd64, linux/arm64 ,linux/arm/v7', ['linux/amd64', 'linux/arm64', 'linux/arm/v7']],
    ['linux/amd64\nlinux/arm64\n', ['linux/amd64', 'linux/arm64']],
    ['linux/amd64\r\nlinux/arm64\r\n', ['linux/amd64', 'linux/arm64']],
    ['\n\n  nginx  \n\n\tredis\t\n', ['nginx', 'redis']],
    ['a,,b,\n,c', ['a', 'b', 'c']],
    ['# a comment\nnginx', ['nginx']],
    ['  # an indented comment\nnginx', ['nginx']],
    ['nginx # the web server\nredis', ['nginx', 'redis']],
    ['nginx:1, redis:7 # both, with a comment, that has commas\n# alpine', ['nginx:1', 'redis:7']],
    ['#only\n#comments', []],
    [
      'ghcr.io/o/r:v1\n\n# pinned\nghcr.io/o/r@sha256:abc',
      ['ghcr.io/o/r:v1', 'ghcr.io/o/r@sha256:abc']
    ]
  ])('%j', (text, items) => {
    expect(splitList(text)).toEqual(items)
  })
})

describe("containerd's os options: features and percent-encoded os.version (issue 18)", () => {
  // containerd/platforms platforms_test.go's Parse and FormatAll cases, with an architecture.
  test.each<[string, Platform, string]>([
    [
      'linux(+gpu)/amd64',
      { os: 'linux', architecture: 'amd64', osFeatures: ['gpu'] },
      'linux(+gpu)/amd64'
    ],
    [
      'linux(+unsorted+erofs)/arm64',
      { os: 'linux', architecture: 'arm64', osFeatures: ['erofs', 'unsorted'] },
      'linux(+erofs+unsorted)/arm64'
    ],
    [
      'windows(10.0.17763+win32k)/amd64',
      { ...p('windows', 'amd64', undefined, '10.0.17763'), osFeatures: ['win32k'] },
      'windows(10.0.17763+win32k)/amd64'
    ],
    [
      'windows(10.0.17763%2Bbuild.42)/amd64',
      p('windows', 'amd64', undefined, '10.0.17763+build.42'),
      'windows(10.0.17763%2Bbuild.42)/amd64'
    ],
    [
      'windows(10.0.17763%2Bbuild.42+win32k)/amd64',
      { ...p('windows', 'amd64', undefined, '10.0.17763+build.42'), osFeatures: ['win32k'] },
      'windows(10.0.17763%2Bbuild.42+win32k)/amd64'
    ],
    [
      'windows(50%25done)/amd64',
      p('windows', 'amd64', undefined, '50%done'),
      'windows(50%25done)/amd64'
    ],
    [
      'linux(+feat%2Bv2)/amd64',
      { os: 'linux', architecture: 'amd64', osFeatures: ['feat+v2'] },
      'linux(+feat%2Bv2)/amd64'
    ],
    [
      'linux(+gpu+gpu)/amd64',
      { os: 'linux', architecture: 'amd64', osFeatures: ['gpu'] },
      'linux(+gpu)/amd64'
    ]
  ])('%s parses and formats back as containerd does', (text, platform, key) => {
    expect(parsePlatform(text)).toEqual(platform)
    expect(formatPlatform(parsePlatform(text))).toBe(key)
  })

  test.each<[string, string]>([
    ['1.0(beta)', 'windows(1.0%28beta%29)/amd64'],
    ['a/b', 'windows(a%2Fb)/amd64']
  ])('FormatAll encodes os.version %j', (osVersion, key) => {
    expect(formatPlatform(p('windows', 'amd64', undefined, osVersion))).toBe(key)
  })

  test.each<[string, RegExp]>([
    ['linux(+)/amd64', /os feature '' is not valid/],
    ['linux(+gpu+)/amd64', /os feature '' is not valid/],
    ['windows(%zz)/amd64', /os\.version '%zz' is not valid/],
    ['windows(%0A)/amd64', /os\.version '%0A' is not valid/],
    ['linux(+g u)/amd64', /os feature 'g u' is not valid/]
  ])('rejects %j', (text, why) => {
    expect(() => parsePlatform(text)).toThrow(why)
  })

  test('a registry os.version with "+" is a key, percent-encoded; a control character is not', () => {
    const found = { ...p('windows', 'amd64', undefined, '10.0.17763+build.42') }
    expect(platformProblem(found)).toBeNull()
    expect(formatPlatform(found)).toBe('windows(10.0.17763%2Bbuild.42)/amd64')
    expect(platformProblem({ os: 'linux', architecture: 'amd64', osFeatures: ['a\nb'] })).toMatch(
      /os feature "a\\nb" is not valid .*also '\+'/
    )
  })
})

describe('platformMatches: the baseline, "*", os.features (issue 18)', () => {
  test.each<[string, Platform, boolean]>([
    ['linux/amd64', p('linux', 'amd64', 'v1'), true],
    ['linux/amd64', p('linux', 'amd64', 'v2'), false],
    ['linux/amd64/*', p('linux', 'amd64', 'v3'), true],
    ['linux/amd64/*', p('linux', 'amd64'), true],
    ['linux/amd64/*', p('linux', 'arm64'), false],
    ['linux/arm64', p('linux', 'arm64', 'v8.2'), false],
    ['linux/arm64/*', p('linux', 'arm64', 'v9'), true],
    ['linux/arm', p('linux', 'arm'), true],
    ['linux/arm/*', p('linux', 'arm', 'v6'), true],
    ['linux/amd64', { ...p('linux', 'amd64'), osFeatures: ['gpu'] }, false],
    ['linux(+gpu)/amd64', { ...p('linux', 'amd64'), osFeatures: ['gpu'] }, true],
    ['linux(+gpu)/amd64', p('linux', 'amd64'), true],
    ['linux(+gpu)/amd64', { ...p('linux', 'amd64'), osFeatures: ['simd'] }, false],
    [
      'windows/amd64',
      { ...p('windows', 'amd64', undefined, '10.0.20348.1607'), osFeatures: ['win32k'] },
      true
    ]
  ])('%s vs %j → %s', (required, found, expected) => {
    expect(platformMatches(parsePlatform(required), found)).toBe(expected)
  })

  test.each<[string, Platform, boolean]>([
    // forbid keeps its broad meaning: what the rule leaves out matches anything.
    ['linux/amd64', p('linux', 'amd64', 'v3'), true],
    ['linux/amd64', p('linux', 'amd64'), true],
    ['linux/arm64', p('linux', 'arm64', 'v9'), true],
    ['linux/amd64/v3', p('linux', 'amd64', 'v2'), false],
    ['linux/arm/*', p('linux', 'arm', 'v6'), true],
    ['linux/amd64', p('linux', 'arm64'), false],
    ['windows/amd64', p('windows', 'amd64', undefined, '10.0.20348.1607'), true],
    ['windows(10.0.20348)/amd64', p('windows', 'amd64', undefined, '10.0.17763.1'), false],
    ['linux(+gpu)/amd64', p('linux', 'amd64'), false],
    ['linux(+gpu)/amd64', { ...p('linux', 'amd64'), osFeatures: ['gpu', 'simd'] }, true]
  ])('forbid %s covers %j → %s', (rule, found, expected) => {
    expect(platformCovers(parsePlatform(rule), found)).toBe(expected)
  })
})
