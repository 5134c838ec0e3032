import {
  PROXY_VARIABLES,
  proxyCredentials,
  proxyLabel,
  proxySecretsIn
} from '../../src/model/proxy-url.js'

const basic = (text: string) => Buffer.from(text).toString('base64')

test('a proxy URL without a user or password carries none', () => {
  expect(proxyCredentials(new URL('http://proxy.example:3128'))).toBeUndefined()
})

test('the user and password are percent-decoded, as the URL needs them written', () => {
  expect(proxyCredentials(new URL('http://alice:p%40ss%3Aw%2Frd@proxy.example:3128'))).toEqual({
    authorization: `Basic ${basic('alice:p@ss:w/rd')}`,
    secrets: ['p%40ss%3Aw%2Frd', 'p@ss:w/rd', basic('alice:p@ss:w/rd')]
  })
  expect(proxyCredentials(new URL('http://alice:plain@proxy.example'))).toEqual({
    authorization: `Basic ${basic('alice:plain')}`,
    secrets: ['plain', basic('alice:plain')]
  })
  // A user alone still authenticates; a broken escape is taken as written.
  expect(proxyCredentials(new URL('http://bob@proxy.example'))?.authorization).toBe(
    `Basic ${basic('bob:')}`
  )
  expect(proxyCredentials(new URL('http://bob:100%25@proxy.example'))?.secrets[1]).toBe('100%')
  expect(proxyCredentials(new URL('http://bob:50%zz@proxy.example'))?.secrets).toContain('50%zz')
})

test("the toolkit's proxy URL (user and password already decoded) is decoded once, not twice", async () => {
  const { getProxyUrl } = await import('@actions/http-client/lib/proxy')
  const saved = process.env.HTTPS_PROXY
  // The password is `%41` itself, written `%2541`: decoding it twice would make it `A`.
  process.env.HTTPS_PROXY = 'http://alice:%2541@proxy.example:3128'
  try {
    const proxy = getProxyUrl(new URL('https://registry.example'))!
    expect(proxy.password).toBe('%41')
    expect(proxyCredentials(proxy)?.authorization).toBe(`Basic ${basic('alice:%41')}`)
  } finally {
    if (saved === undefined) delete process.env.HTTPS_PROXY
    else process.env.HTTPS_PROXY = saved
  }
})

test("every proxy variable's secrets, once, and nothing from what is not a URL", () => {
  expect(PROXY_VARIABLES).toEqual(['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'])
  expect(
    proxySecretsIn({
      https_proxy: 'http://a:one@p:1',
      HTTPS_PROXY: 'http://a:one@p:1',
      HTTP_PROXY: 'http://b:two@p:2',
      http_proxy: '::not a url::',
      NO_PROXY: 'http://c:three@p:3'
    })
  ).toEqual(['one', basic('a:one'), 'two', basic('b:two')])
  expect(proxySecretsIn({})).toEqual([])
})

test('a proxy is named by host and port, never with its credentials', () => {
  expect(proxyLabel(new URL('http://alice:secret@proxy.example:3128'))).toBe('proxy.example:3128')
  expect(proxyLabel(new URL('http://proxy.example'))).toBe('proxy.example:80')
  expect(proxyLabel(new URL('https://bob:pw@proxy.example'))).toBe('proxy.example:443')
})
