import { DigestGateError } from '../../src/model/errors.js'
import { formatPlatform, parsePlatform, parsePlatformSpec } from '../../src/model/platform.js'
import { KNOWN_ARCH, KNOWN_OS } from '../../src/model/platform-names.js'

/**
 * Platforms a user writes (issue 17): known Go GOOS/GOARCH values and containerd's aliases and
 * variants, or an input error naming the nearest known value, through parsePlatformSpec. How
 * strict variants match (issue 18) is tested in platform.test.ts, the hint in nearest.test.ts.
 */

function refusal(text: string): string {
  try {
    parsePlatformSpec(text)
  } catch (e) {
    expect(e).toBeInstanceOf(DigestGateError)
    expect((e as DigestGateError).kind).toBe('invalid-input')
    return (e as DigestGateError).message
  }
  throw new Error(`expected ${text} to be refused`)
}

describe('parsePlatformSpec: known names, aliases and variants pass', () => {
  test.each<[string, string]>([
    ['linux/amd64', 'linux/amd64'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/amd64/v4', 'linux/amd64/v4'],
    ['linux/amd64/V3', 'linux/amd64/v3'],
    ['linux/x86_64/v2', 'linux/amd64/v2'],
    ['x86-64', 'linux/amd64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/arm64/8', 'linux/arm64'],
    ['linux/arm64/v8.0', 'linux/arm64'],
    ['linux/arm64/v8.9', 'linux/arm64/v8.9'],
    ['linux/arm64/v9', 'linux/arm64/v9'],
    ['linux/arm64/9.0', 'linux/arm64/v9'],
    ['linux/aarch64/v9.5', 'linux/arm64/v9.5'],
    ['linux/arm/v5', 'linux/arm/v5'],
    ['linux/arm/8', 'linux/arm/v8'],
    ['armhf', 'linux/arm/v7'],
    ['armel', 'linux/arm/v6'],
    ['i386', 'linux/386'],
    ['macos/arm64', 'darwin/arm64'],
    ['wasip1/wasm', 'wasip1/wasm'],
    ['windows(10.0.20348)/amd64', 'windows(10.0.20348)/amd64'],
    ['linux(+gpu)/amd64', 'linux(+gpu)/amd64'],
    ['windows(10.0.17763%2Bbuild.42)/amd64', 'windows(10.0.17763%2Bbuild.42)/amd64'],
    // '*' accepts any variant of the architecture.
    ['linux/amd64/*', 'linux/amd64/*'],
    ['linux/arm64/*', 'linux/arm64/*'],
    ['linux/arm/*', 'linux/arm/*'],
    ['amd64/*', 'linux/amd64/*'],
    ['linux/aarch64/*', 'linux/arm64/*']
  ])('%s → %s', (text, key) => {
    expect(formatPlatform(parsePlatformSpec(text))).toBe(key)
  })

  test('every GOOS with every GOARCH of the list is accepted', () => {
    for (const os of KNOWN_OS)
      for (const arch of KNOWN_ARCH) expect(() => parsePlatformSpec(`${os}/${arch}`)).not.toThrow()
  })
})

describe('parsePlatformSpec: a typo is an input error naming the nearest known value', () => {
  test.each<[string, string]>([
    ['linux/amd46', "'linux/amd46': unknown architecture 'amd46' (did you mean 'amd64'?)"],
    ['linux/s390', "'linux/s390': unknown architecture 's390' (did you mean 's390x'?)"],
    ['linux/aarch46', "'linux/aarch46': unknown architecture 'aarch46' (did you mean 'aarch64'?)"],
    ['lnux/amd64', "'lnux/amd64': unknown operating system 'lnux' (did you mean 'linux'?)"],
    [
      'windwos/amd64',
      "'windwos/amd64': unknown operating system 'windwos' (did you mean 'windows'?)"
    ],
    [
      'potato/amd64',
      "'potato/amd64': unknown operating system 'potato'; expected a Go GOOS such as linux, windows or darwin"
    ],
    [
      'linux/sparc64',
      "'linux/sparc64': unknown architecture 'sparc64'; expected a Go GOARCH such as amd64, arm64, arm, 386, ppc64le, s390x or riscv64"
    ],
    [
      'linux/amd64/v5',
      "'linux/amd64/v5': unknown amd64 variant 'v5'; expected v1, v2, v3, v4, or '*' for any"
    ],
    [
      'linux/arm64/8.1',
      "'linux/arm64/8.1': unknown arm64 variant '8.1' (did you mean 'v8.1'?); expected v8, v8.0 to v8.9, v9, v9.0 to v9.7, or '*' for any"
    ],
    [
      'linux/arm64/v10',
      "'linux/arm64/v10': unknown arm64 variant 'v10'; expected v8, v8.0 to v8.9, v9, v9.0 to v9.7, or '*' for any"
    ],
    [
      'linux/arm/v9',
      "'linux/arm/v9': unknown arm variant 'v9'; expected v5, v6, v7, v8, or '*' for any"
    ],
    [
      'linux/ppc64le/power9',
      "'linux/ppc64le/power9': architecture 'ppc64le' has no variants (found 'power9'); leave the variant out"
    ],
    [
      'linux/s390x/*',
      "'linux/s390x/*': architecture 's390x' has no variants (found '*'); leave the variant out"
    ],
    [
      'linux/i386/v1',
      "'linux/i386/v1': architecture '386' has no variants (found 'v1'); leave the variant out"
    ],
    [
      'linux/armhf/v6',
      "'linux/armhf/v6': 'armhf' means arm/v7 and takes no variant; write 'arm/v6' instead"
    ],
    [
      'linux/constructor',
      "'linux/constructor': unknown architecture 'constructor'; expected a Go GOARCH such as amd64, arm64, arm, 386, ppc64le, s390x or riscv64"
    ]
  ])('%s', (text, message) => {
    expect(refusal(text)).toBe(message)
  })

  test('a syntax error is said as parsePlatform says it', () => {
    expect(refusal('linux')).toMatch(/^Invalid platform 'linux': 'linux' is an os/)
    expect(refusal('linux/amd64/**')).toMatch(
      /^Invalid platform 'linux\/amd64\/\*\*': expected os\/arch/
    )
    expect(refusal('*/amd64')).toMatch(/expected os\/arch/)
  })

  test('what a registry states is not checked: parsePlatform reads any well-formed key', () => {
    expect(formatPlatform(parsePlatform('linux/amd46'))).toBe('linux/amd46')
    expect(formatPlatform(parsePlatform('plan10/riscv128/v99'))).toBe('plan10/riscv128/v99')
  })
})
