import { DigestGateError } from '../../src/model/errors.js'
import { parsePolicy } from '../../src/policy/file.js'
import type { Policy } from '../../src/policy/rule.js'

const FILE = { label: 'policy.yml', file: 'policy.yml' }

function problems(text: string): string[] {
  try {
    parsePolicy(text, FILE)
  } catch (e) {
    expect(e).toBeInstanceOf(DigestGateError)
    return (e as DigestGateError).message.split('\n').slice(1)
  }
  throw new Error(`expected the policy to be rejected:\n${text}`)
}

const parse = (text: string): Policy => parsePolicy(text, FILE)

describe('signed-by and provenance (issue 21)', () => {
  test('the issue example parses, provenance with its default predicate', () => {
    const policy = parse(
      [
        'images:',
        "  - match: 'ghcr.io/acme/*'",
        '    signed-by:',
        '      issuer: https://token.actions.githubusercontent.com',
        "      identity: 'https://github.com/acme/*/.github/workflows/release.yml@refs/tags/*'",
        '    provenance:',
        '      builder: https://github.com/actions/runner/github-hosted',
        '      source-repository: https://github.com/acme/app',
        ''
      ].join('\n')
    )
    const rule = policy.images[0]
    expect(rule.rule['signed-by']).toEqual({
      issuer: 'https://token.actions.githubusercontent.com',
      identity: 'https://github.com/acme/*/.github/workflows/release.yml@refs/tags/*'
    })
    expect(rule.rule.provenance).toEqual({
      predicate: 'https://slsa.dev/provenance/v1',
      builder: 'https://github.com/actions/runner/github-hosted',
      'source-repository': 'https://github.com/acme/app'
    })
    expect(rule.sites['signed-by']).toEqual({ file: 'policy.yml', line: 3, col: 5 })
    expect(rule.sites.provenance).toEqual({ file: 'policy.yml', line: 6, col: 5 })
  })

  test('a key pair, and provenance: true with signed-by in default', () => {
    const policy = parse(
      "default:\n  signed-by: {key: keys/cosign.pub}\nimages:\n  - match: 'x/*'\n    provenance: true\n"
    )
    expect(policy.default.rule['signed-by']).toEqual({ key: 'keys/cosign.pub' })
    expect(policy.images[0].rule.provenance).toEqual({
      predicate: 'https://slsa.dev/provenance/v1'
    })
  })

  test.each<[string, string, string[]]>([
    [
      'not a mapping',
      'default:\n  signed-by: someone\n',
      [
        "policy.yml:2:14: key 'signed-by': expected a mapping with 'issuer' and 'identity', or with 'key', found \"someone\""
      ]
    ],
    [
      'issuer without identity',
      'default:\n  signed-by:\n    issuer: https://x\n',
      [
        "policy.yml:3:5: key 'signed-by': expected 'identity' too (a mapping with 'issuer' and 'identity', or with 'key')"
      ]
    ],
    [
      'key and identity both',
      'default:\n  signed-by: {key: a.pem, issuer: https://x, identity: y}\n',
      [
        "policy.yml:2:14: key 'signed-by': expected either 'key' or 'issuer' and 'identity', not both"
      ]
    ],
    [
      'a misspelt key, with a guess',
      'default:\n  signed-by: {isuer: https://x, identity: y}\n',
      [
        "policy.yml:2:15: key 'isuer': unknown key; expected one of issuer, identity, key (did you mean 'issuer'?)"
      ]
    ],
    [
      'a bad regular expression',
      "default:\n  signed-by: {issuer: https://x, identity: '/a(/'}\n",
      [
        "policy.yml:2:44: key 'signed-by.identity': not a valid regular expression (/a(/u: Unterminated group)"
      ]
    ],
    [
      'an empty identity',
      "default:\n  signed-by: {issuer: https://x, identity: ''}\n",
      [
        "policy.yml:2:44: key 'signed-by.identity': expected a signer identity: exact, a glob such as 'https://github.com/acme/*/.github/workflows/release.yml@refs/tags/*', or /regex/, found \"\""
      ]
    ],
    [
      'provenance without signed-by',
      "images:\n  - match: 'x/*'\n    provenance: {predicate: https://slsa.dev/provenance/v1}\n",
      [
        "policy.yml:3:5: key 'provenance': expected 'signed-by' in this rule or in 'default', naming who must sign the provenance"
      ]
    ],
    [
      'provenance with an unknown key',
      'default:\n  signed-by: {key: k.pem}\n  provenance: {buildr: x}\n',
      [
        "policy.yml:3:16: key 'buildr': unknown key; expected one of predicate, builder, source-repository (did you mean 'builder'?)"
      ]
    ]
  ])('%s', (_, text, expected) => {
    expect(problems(text)).toEqual(expected)
  })
})
