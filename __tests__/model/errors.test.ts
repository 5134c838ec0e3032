import { DigestGateError, redactCredentials } from '../../src/model/errors.js'

const basic = Buffer.from('alice:s3cret-pass').toString('base64')
const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl'

describe('redactCredentials', () => {
  test.each([
    [`Authorization: Basic ${basic}`, 'Authorization: Basic [redacted]'],
    [`{"message":"bad header Basic ${basic}"}`, '{"message":"bad header Basic [redacted]"}'],
    [`authorization: bearer ${jwt}, then`, 'authorization: bearer [redacted], then'],
    [`BASIC ${Buffer.from('u:p').toString('base64')}`, 'BASIC [redacted]'],
    ['Basic YWxhZGRpbjpvcGVuc2VzYW1l.', 'Basic [redacted].'],
    [`?h=Basic%20${basic}&x`, '?h=Basic%20[redacted]&x'],
    [`Bearer opaque_token-123 and Basic ${basic}`, 'Bearer [redacted] and Basic [redacted]']
  ])('%s', (input, expected) => {
    expect(redactCredentials(input)).toBe(expected)
  })

  test('keeps challenges and prose', () => {
    for (const text of [
      'Bearer realm="https://auth.example/token",service="registry"',
      'basic realm=registry',
      'requires Basic credentials and none were found',
      'answered 401 without a Bearer or Basic challenge',
      'no basic auth credentials'
    ])
      expect(redactCredentials(text)).toBe(text)
  })

  test('every error message is redacted at construction', () => {
    const e = new DigestGateError('unauthorized', `r answered HTTP 401: echo Basic ${basic}`)
    expect(e.message).toBe('r answered HTTP 401: echo Basic [redacted]')
    expect(e.message).not.toContain(basic)
  })
})
