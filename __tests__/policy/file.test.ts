import { DigestGateError } from '../../src/model/errors.js'
import { LocatedError } from '../../src/model/located-error.js'
import { formatPlatform } from '../../src/model/platform.js'
import { parsePolicy } from '../../src/policy/file.js'
import type { Policy } from '../../src/policy/rule.js'

const FILE = { label: 'policy.yml', file: 'policy.yml' }

function parse(text: string): Policy {
  return parsePolicy(text, FILE)
}

/** The problems a policy is rejected with, one per line after the heading. */
function problems(text: string, source: { label: string; file?: string } = FILE): string[] {
  try {
    parsePolicy(text, source)
  } catch (e) {
    expect(e).toBeInstanceOf(DigestGateError)
    expect((e as DigestGateError).kind).toBe('invalid-input')
    const [heading, ...rest] = (e as DigestGateError).message.split('\n')
    expect(heading).toBe(
      `The policy ${source.label} has ${rest.length} problem${rest.length === 1 ? '' : 's'}:`
    )
    return rest
  }
  throw new Error(`expected the policy to be rejected:\n${text}`)
}

const ISSUE_EXAMPLE = `default:
  platforms: [linux/amd64, linux/arm64]
images:
  - match: "ghcr.io/acme/windows-*"
    platforms: ["windows(10.0.20348)/amd64"]
  - match: "ghcr.io/acme/base:*"
    forbid: [linux/386]
    max-size: 80MiB        # per platform, compressed as pulled
    max-layers: 20
    attestations: [provenance, sbom]   # required for every platform
    consistent: true       # each index entry's platform must match its config
`

describe('parsePolicy: the issue example', () => {
  const policy = parse(ISSUE_EXAMPLE)

  test('default and two rules, in order', () => {
    expect(policy.label).toBe('policy.yml')
    expect(policy.file).toBe('policy.yml')
    expect(policy.default.rule.platforms?.map(formatPlatform)).toEqual([
      'linux/amd64',
      'linux/arm64'
    ])
    expect(policy.images.map(r => r.match)).toEqual([
      'ghcr.io/acme/windows-*',
      'ghcr.io/acme/base:*'
    ])
    expect(policy.images[0].rule.platforms?.map(formatPlatform)).toEqual([
      'windows(10.0.20348)/amd64'
    ])
  })

  test('every key of the base rule, parsed', () => {
    const rule = policy.images[1].rule
    expect(rule.forbid?.map(formatPlatform)).toEqual(['linux/386'])
    expect(rule['max-size']).toEqual({ bytes: 80 * 1024 * 1024, unit: 'MiB' })
    expect(rule['max-layers']).toBe(20)
    expect(rule.attestations).toEqual(['provenance', 'sbom'])
    expect(rule.consistent).toBe(true)
    expect(rule.platforms).toBeUndefined()
  })

  test("each key's site is its line and column in the file", () => {
    expect(policy.default.site).toEqual({ file: 'policy.yml', line: 1, col: 1 })
    expect(policy.default.sites.platforms).toEqual({ file: 'policy.yml', line: 2, col: 3 })
    expect(policy.images[0].site).toEqual({ file: 'policy.yml', line: 4, col: 5 })
    expect(policy.images[1].sites).toEqual({
      forbid: { file: 'policy.yml', line: 7, col: 5 },
      'max-size': { file: 'policy.yml', line: 8, col: 5 },
      'max-layers': { file: 'policy.yml', line: 9, col: 5 },
      attestations: { file: 'policy.yml', line: 10, col: 5 },
      consistent: { file: 'policy.yml', line: 11, col: 5 }
    })
  })
})

describe('parsePolicy: every key, every accepted spelling', () => {
  const rule = (yaml: string) => parse(`default:\n  ${yaml}\n`).default.rule
  test.each<[string, unknown]>([
    ['platforms: [linux/amd64, aarch64]', { platforms: ['linux/amd64', 'linux/arm64'] }],
    ['platforms: linux/amd64, linux/arm/v7', { platforms: ['linux/amd64', 'linux/arm/v7'] }],
    ['platforms: [linux/arm64, arm64/v8]', { platforms: ['linux/arm64'] }],
    ['platforms: []', { platforms: [] }],
    [
      'forbid: [linux/386, "windows(10.0.17763)/amd64"]',
      { forbid: ['linux/386', 'windows(10.0.17763)/amd64'] }
    ],
    ['fail-on: violation', { 'fail-on': 'violation' }],
    ['fail-on: never', { 'fail-on': 'never' }],
    ['fail-on: missing', { 'fail-on': 'missing' }],
    ['consistent: false', { consistent: false }],
    ['attestations: signature', { attestations: ['signature'] }],
    ['attestations: [vex]', { attestations: ['vex'] }],
    ['attestations: [sbom, sbom, provenance]', { attestations: ['sbom', 'provenance'] }],
    ['attestations: []', { attestations: [] }],
    ['max-layers: 1', { 'max-layers': 1 }],
    ['max-growth: 10%', { 'max-growth': 0.1 }],
    ['max-growth: 0.5%', { 'max-growth': 0.005 }],
    ['max-growth: 0%', { 'max-growth': 0 }]
  ])('%s', (yaml, expected) => {
    const parsed = rule(yaml)
    const shown = Object.fromEntries(
      Object.entries(parsed).map(([k, v]) => [
        k,
        k === 'platforms' || k === 'forbid'
          ? (v as Parameters<typeof formatPlatform>[0][]).map(formatPlatform)
          : v
      ])
    )
    expect(shown).toEqual(expected)
  })

  test.each<[string, number, string]>([
    ['1000', 1000, 'B'],
    ['512 B', 512, 'B'],
    ['1kB', 1000, 'kB'],
    ['80MB', 80_000_000, 'MB'],
    ['2 GB', 2_000_000_000, 'GB'],
    ['1KiB', 1024, 'KiB'],
    ['80MiB', 83_886_080, 'MiB'],
    ['1.5 GiB', 1_610_612_736, 'GiB'],
    ['0.5kB', 500, 'kB']
  ])('max-size: %s', (text, bytes, unit) => {
    expect(rule(`max-size: ${text}`)['max-size']).toEqual({ bytes, unit })
  })

  test('an empty default and no images is an empty policy, not an error', () => {
    expect(parse('default:\nimages:\n')).toMatchObject({
      default: { rule: {} },
      images: []
    })
  })

  test('anchors and aliases are followed', () => {
    const policy = parse(
      'default:\n  platforms: &both [linux/amd64, linux/arm64]\nimages:\n  - match: "a/*"\n    forbid: *both\n'
    )
    expect(policy.images[0].rule.forbid?.map(formatPlatform)).toEqual([
      'linux/amd64',
      'linux/arm64'
    ])
  })
})

describe('parsePolicy: every bad value, and its message', () => {
  const at = (line: number, col: number, text: string): string =>
    `policy.yml:${line}:${col}: ${text}`
  test.each<[string, string, string[]]>([
    [
      'unknown top-level key',
      'defaults:\n  platforms: [linux/amd64]\n',
      [
        at(
          1,
          1,
          "key 'defaults': unknown key; expected one of default, images (did you mean 'default'?)"
        )
      ]
    ],
    [
      'unknown rule key, with a guess',
      'default:\n  max-sise: 80MiB\n',
      [
        at(
          2,
          3,
          "key 'max-sise': unknown key; expected one of platforms, forbid, max-size, max-layers, max-growth, attestations, signed-by, provenance, consistent, fail-on (did you mean 'max-size'?)"
        )
      ]
    ],
    [
      'unknown rule key without a near one',
      'images:\n  - match: a\n    colour: blue\n',
      [
        at(
          3,
          5,
          "key 'colour': unknown key; expected one of match, platforms, forbid, max-size, max-layers, max-growth, attestations, signed-by, provenance, consistent, fail-on"
        )
      ]
    ],
    [
      'match in default',
      'default:\n  match: "*"\n',
      [at(2, 3, "key 'match': expected no 'match' in 'default', which applies to every image")]
    ],
    [
      'an images entry without match',
      'images:\n  - platforms: [linux/amd64]\n',
      [
        at(
          2,
          5,
          "key 'images': expected entry 1 to have a 'match' key with a glob such as 'ghcr.io/acme/*'"
        )
      ]
    ],
    [
      'an empty match',
      'images:\n  - match: ""\n',
      [at(2, 12, `key 'match': expected a glob such as 'ghcr.io/acme/*', found ""`)]
    ],
    [
      'match not a string',
      'images:\n  - match: [a, b]\n',
      [at(2, 12, "key 'match': expected a glob such as 'ghcr.io/acme/*', found a list")]
    ],
    [
      'images not a list',
      'images:\n  match: a\n',
      [
        at(
          2,
          3,
          "key 'images': expected a list of rules, each with a 'match' glob, found a mapping"
        )
      ]
    ],
    [
      'an images entry not a mapping',
      'images:\n  - "ghcr.io/*"\n',
      [
        at(
          2,
          5,
          `key 'images': expected each entry to be a mapping with a 'match' glob, found "ghcr.io/*"`
        )
      ]
    ],
    [
      'default not a mapping',
      'default: [linux/amd64]\n',
      [at(1, 10, "key 'default': expected a mapping of rule keys, found a list")]
    ],
    [
      'a bad platform',
      'default:\n  platforms: [linux/amd64, "linux amd64"]\n',
      [
        at(
          2,
          28,
          "key 'platforms': expected a platform such as 'linux/arm64'; Invalid platform 'linux amd64': expected os/arch[/variant], e.g. 'linux/arm64' or 'linux/arm/v7'"
        )
      ]
    ],
    [
      'platforms a number',
      'default:\n  platforms: 386\n',
      [
        at(
          2,
          14,
          "key 'platforms': expected a list of platforms such as [linux/amd64, linux/arm64], found number 386"
        )
      ]
    ],
    [
      'platform typos (issue 17): an unknown architecture, os or variant, with the nearest',
      'default:\n  platforms: [linux/amd46, lnux/arm64]\nimages:\n  - match: "a/*"\n    forbid: [linux/s390, linux/amd64/v9]\n',
      [
        at(
          2,
          15,
          "key 'platforms': 'linux/amd46': unknown architecture 'amd46' (did you mean 'amd64'?)"
        ),
        at(
          2,
          28,
          "key 'platforms': 'lnux/arm64': unknown operating system 'lnux' (did you mean 'linux'?)"
        ),
        at(
          5,
          14,
          "key 'forbid': 'linux/s390': unknown architecture 's390' (did you mean 's390x'?)"
        ),
        at(
          5,
          26,
          "key 'forbid': 'linux/amd64/v9': unknown amd64 variant 'v9'; expected v1, v2, v3, v4, or '*' for any"
        )
      ]
    ],
    [
      'a platform list item not a string',
      'default:\n  forbid: [linux/386, {os: linux}]\n',
      [at(2, 23, "key 'forbid': expected a platform such as 'linux/arm64', found a mapping")]
    ],
    [
      'max-size with a lower-case unit',
      'default:\n  max-size: 80mib\n',
      [
        at(
          2,
          13,
          `key 'max-size': expected a size such as '80MiB' or '200 MB' (units B, kB, MB, GB, KiB, MiB, GiB, spelled exactly so), or a whole number of bytes, found "80mib" (did you mean 'MiB'?)`
        )
      ]
    ],
    [
      'max-size with an unknown unit',
      'default:\n  max-size: 80 TB\n',
      [
        at(
          2,
          13,
          `key 'max-size': expected a size such as '80MiB' or '200 MB' (units B, kB, MB, GB, KiB, MiB, GiB, spelled exactly so), or a whole number of bytes, found "80 TB"`
        )
      ]
    ],
    [
      'max-size zero',
      'default:\n  max-size: 0\n',
      [
        at(
          2,
          13,
          "key 'max-size': expected a size such as '80MiB' or '200 MB' (units B, kB, MB, GB, KiB, MiB, GiB, spelled exactly so), or a whole number of bytes, found number 0"
        )
      ]
    ],
    [
      'max-size negative',
      'default:\n  max-size: -5MiB\n',
      [
        at(
          2,
          13,
          `key 'max-size': expected a size such as '80MiB' or '200 MB' (units B, kB, MB, GB, KiB, MiB, GiB, spelled exactly so), or a whole number of bytes, found "-5MiB"`
        )
      ]
    ],
    [
      'max-size with nothing',
      'default:\n  max-size:\n',
      [
        at(
          2,
          12,
          "key 'max-size': expected a size such as '80MiB' or '200 MB' (units B, kB, MB, GB, KiB, MiB, GiB, spelled exactly so), or a whole number of bytes, found nothing"
        )
      ]
    ],
    [
      'max-layers a fraction',
      'default:\n  max-layers: 2.5\n',
      [at(2, 15, "key 'max-layers': expected a whole number of at least 1, found number 2.5")]
    ],
    [
      'max-layers zero',
      'default:\n  max-layers: 0\n',
      [at(2, 15, "key 'max-layers': expected a whole number of at least 1, found number 0")]
    ],
    [
      'max-layers a string',
      'default:\n  max-layers: "20"\n',
      [at(2, 15, `key 'max-layers': expected a whole number of at least 1, found "20"`)]
    ],
    [
      'max-growth a bare number',
      'default:\n  max-growth: 10\n',
      [
        at(
          2,
          15,
          "key 'max-growth': expected a percentage such as '10%' or '0.5%', found number 10"
        )
      ]
    ],
    [
      'max-growth negative',
      'default:\n  max-growth: -10%\n',
      [at(2, 15, `key 'max-growth': expected a percentage such as '10%' or '0.5%', found "-10%"`)]
    ],
    [
      'an unknown attestation kind',
      'default:\n  attestations: [provenance, sbom, slsa]\n',
      [
        at(
          2,
          36,
          `key 'attestations': expected one of provenance, sbom, signature, vex, found "slsa"`
        )
      ]
    ],
    [
      'attestations a boolean',
      'default:\n  attestations: true\n',
      [
        at(
          2,
          17,
          "key 'attestations': expected a list of provenance, sbom, signature, vex, found boolean true"
        )
      ]
    ],
    [
      'consistent as yes (a string in YAML 1.2)',
      'default:\n  consistent: yes\n',
      [at(2, 15, `key 'consistent': expected true or false, found "yes"`)]
    ],
    [
      'an unknown fail-on',
      'default:\n  fail-on: always\n',
      [at(2, 12, `key 'fail-on': expected one of missing, violation, never, found "always"`)]
    ],
    [
      'a key given twice',
      'images:\n  - match: a\n    match: b\n',
      [at(3, 5, "key 'match': given more than once; expected each key once")]
    ],
    [
      'a YAML syntax error',
      'default:\n  platforms: [linux/amd64\n',
      [
        at(
          3,
          1,
          'expected valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'
        )
      ]
    ],
    [
      'not a mapping at all',
      '- linux/amd64\n',
      [at(1, 1, "expected a mapping with the keys 'default' and/or 'images', found a list")]
    ],
    [
      'an empty file',
      '',
      [at(1, 1, "expected a mapping with the keys 'default' and/or 'images', found nothing")]
    ],
    [
      'two documents',
      'default: {}\n---\nimages: []\n',
      [
        expect.stringMatching(
          /^policy\.yml:2:1: expected valid YAML: Source contains multiple documents/
        )
      ]
    ],
    [
      'several problems, every one reported',
      'default:\n  max-size: big\n  max-layers: many\nimages:\n  - match: "a/*"\n    fail-on: sometimes\n',
      [
        at(
          2,
          13,
          `key 'max-size': expected a size such as '80MiB' or '200 MB' (units B, kB, MB, GB, KiB, MiB, GiB, spelled exactly so), or a whole number of bytes, found "big"`
        ),
        at(3, 15, `key 'max-layers': expected a whole number of at least 1, found "many"`),
        at(6, 14, `key 'fail-on': expected one of missing, violation, never, found "sometimes"`)
      ]
    ]
  ])('%s', (_, text, expected) => {
    expect(problems(text)).toEqual(expected)
  })

  test('registry-invisible characters in a bad key are made visible', () => {
    expect(problems('default:\n  "max\u202esize": 1\n')[0]).toContain("key 'max<U+202E>size'")
  })

  test('an inline policy is named as the input', () => {
    expect(problems('default:\n  colour: blue\n', { label: "input 'policy'" })).toEqual([
      "input 'policy':2:3: key 'colour': unknown key; expected one of platforms, forbid, max-size, max-layers, max-growth, attestations, signed-by, provenance, consistent, fail-on"
    ])
    const inline = parsePolicy('default:\n  consistent: true\n', { label: "input 'policy'" })
    expect(inline.file).toBeUndefined()
    expect(inline.default.sites.consistent).toEqual({ line: 2, col: 3 })
  })
})

describe('policy problems carry their file, line and column (issue 17)', () => {
  const located = (run: () => unknown): LocatedError => {
    try {
      run()
    } catch (e) {
      expect(e).toBeInstanceOf(LocatedError)
      expect((e as LocatedError).kind).toBe('invalid-input')
      return e as LocatedError
    }
    throw new Error('expected a LocatedError')
  }

  test('each problem of a file, at its line and column, its message without the prefix', () => {
    const e = located(() => parse('default:\n  forbid: [linux/s390]\n  colour: blue\n'))
    expect(e.locations).toEqual([
      {
        file: 'policy.yml',
        line: 2,
        col: 12,
        message: "key 'forbid': 'linux/s390': unknown architecture 's390' (did you mean 's390x'?)"
      },
      expect.objectContaining({ file: 'policy.yml', line: 3, col: 3 })
    ])
  })

  test('YAML syntax errors too', () => {
    const e = located(() => parse('default:\n  platforms: [linux/amd64\n'))
    expect(e.locations).toHaveLength(1)
    expect(e.locations[0]).toMatchObject({ file: 'policy.yml', line: 3 })
  })

  test('inline YAML has no file to annotate: its problems stay in the message', () => {
    const e = located(() =>
      parsePolicy('default:\n  forbid: [linux/s390]\n', { label: "input 'policy'" })
    )
    expect(e.locations).toEqual([])
    expect(e.message).toContain("input 'policy':2:12: key 'forbid'")
  })
})
