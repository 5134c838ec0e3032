/** WWW-Authenticate and Retry-After as registries really send them. */
import { parseWwwAuthenticate } from '../../../src/sources/registry/auth.js'
import { parseRetryAfter } from '../../../src/http/client.js'
import { originOf } from '../../../src/http/rules.js'

describe('parseWwwAuthenticate', () => {
  test.each([
    [
      'Docker Hub',
      [
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"'
      ],
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:library/nginx:pull'
          }
        }
      ]
    ],
    [
      'GCR, unquoted',
      ['Bearer realm="https://gcr.io/v2/token",service=gcr.io'],
      [{ scheme: 'bearer', params: { realm: 'https://gcr.io/v2/token', service: 'gcr.io' } }]
    ],
    [
      'ECR Basic',
      ['Basic realm="https://123.dkr.ecr.us-east-1.amazonaws.com/",service="ecr.amazonaws.com"'],
      [
        {
          scheme: 'basic',
          params: {
            realm: 'https://123.dkr.ecr.us-east-1.amazonaws.com/',
            service: 'ecr.amazonaws.com'
          }
        }
      ]
    ],
    [
      'case-insensitive scheme and keys',
      ['BEARER Realm="r",SERVICE="s"'],
      [{ scheme: 'bearer', params: { realm: 'r', service: 's' } }]
    ],
    [
      'backslash escapes in quoted strings',
      ['Bearer realm="a\\"b\\\\c",error="insufficient_scope"'],
      [{ scheme: 'bearer', params: { realm: 'a"b\\c', error: 'insufficient_scope' } }]
    ],
    [
      'spaces around =',
      ['Bearer realm = "r" , service = "s"'],
      [{ scheme: 'bearer', params: { realm: 'r', service: 's' } }]
    ],
    [
      'two challenges in one header',
      ['Basic realm="basic", Bearer realm="https://t/token",service="x"'],
      [
        { scheme: 'basic', params: { realm: 'basic' } },
        { scheme: 'bearer', params: { realm: 'https://t/token', service: 'x' } }
      ]
    ],
    [
      'two headers',
      ['Basic realm="b"', 'Bearer realm="https://t/token"'],
      [
        { scheme: 'basic', params: { realm: 'b' } },
        { scheme: 'bearer', params: { realm: 'https://t/token' } }
      ]
    ],
    [
      'a comma inside a quoted scope',
      ['Bearer realm="r",scope="repository:a:pull,push"'],
      [{ scheme: 'bearer', params: { realm: 'r', scope: 'repository:a:pull,push' } }]
    ],
    ['nothing', [''], []]
  ])('%s', (_name, headers, expected) => {
    expect(parseWwwAuthenticate(headers)).toEqual(expected)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T12:00:00Z')
  test.each([
    ['3', 3000],
    ['0', 0],
    [' 120 ', 120_000],
    ['Sat, 28 Nov 2026 12:00:10 GMT', 10_000],
    ['Sat, 28 Nov 2026 11:59:00 GMT', 0],
    ['soon', null],
    ['-5', null],
    [undefined, null]
  ])('%s → %s ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected)
  })
})

describe('originOf', () => {
  test.each([
    ['https://ghcr.io/v2/x', 'https://ghcr.io:443'],
    ['http://127.0.0.1:5000/v2/', 'http://127.0.0.1:5000'],
    ['https://ghcr.io:443/x', 'https://ghcr.io:443'],
    ['http://cdn.example/blob?sig=1', 'http://cdn.example:80']
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin)
  })
})
