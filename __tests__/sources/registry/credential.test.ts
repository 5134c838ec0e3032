import { ACR_TOKEN_USER, fromUserSecret } from '../../../src/sources/registry/credential.js'

describe('fromUserSecret reads a username/password pair the way Docker does', () => {
  test('an ordinary username is a username and password', () => {
    expect(fromUserSecret('ci-bot', 's3cret', 'DOCKER_AUTH_CONFIG')).toEqual({
      username: 'ci-bot',
      password: 's3cret',
      origin: 'DOCKER_AUTH_CONFIG'
    })
  })

  test("'<token>' (a credential helper's refresh token) is an identity token, no username", () => {
    expect(fromUserSecret('<token>', 'refresh-abc', 'credHelpers')).toEqual({
      identityToken: 'refresh-abc',
      origin: 'credHelpers'
    })
  })

  test("ACR's zero GUID is a refresh token, its username kept", () => {
    expect(ACR_TOKEN_USER).toBe('00000000-0000-0000-0000-000000000000')
    expect(fromUserSecret(ACR_TOKEN_USER, 'acr-refresh', 'inputs')).toEqual({
      identityToken: 'acr-refresh',
      username: ACR_TOKEN_USER,
      origin: 'inputs'
    })
  })

  test('names near the special ones are ordinary usernames', () => {
    for (const user of ['token', '<TOKEN>', ' <token>', '00000000-0000-0000-0000-000000000001']) {
      expect(fromUserSecret(user, 'pw', 'o')).toEqual({
        username: user,
        password: 'pw',
        origin: 'o'
      })
    }
  })
})
