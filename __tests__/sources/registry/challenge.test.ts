/** WWW-Authenticate as registries really send it (challenge.ts). */
import { parseWwwAuthenticate } from '../../../src/sources/registry/challenge.js'

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
