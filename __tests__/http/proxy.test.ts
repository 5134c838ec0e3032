/**
 * Which proxy a request goes through (proxy.ts), read from the environment as the toolkit reads
 * it, and what the HTTP client does through one: against Debian's tinyproxy (a real forward
 * proxy, whose own log says what it was asked) and the real registry, over TLS with a
 * self-signed certificate and over plain HTTP.
 */
import net from 'node:net'
import os from 'node:os'
import { HttpClient, type HttpRequest } from '../../src/http/client.js'
import { isLoopbackHost } from '../../src/http/rules.js'
import { proxyAuthorization, proxyFor } from '../../src/http/proxy.js'
import { type RunningRegistry, startRegistry } from '../integration/harness/registry.js'
import { type RunningProxy, startTinyproxy } from '../integration/harness/tinyproxy.js'
import { type SelfSigned, selfSignedCertificate } from '../integration/harness/tls.js'

const NAMES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY']
let saved: Record<string, string | undefined>

beforeEach(() => {
  saved = Object.fromEntries(NAMES.map(n => [n, process.env[n]]))
  for (const n of NAMES) delete process.env[n]
})

afterEach(() => {
  for (const n of NAMES) {
    if (saved[n] === undefined) delete process.env[n]
    else process.env[n] = saved[n]
  }
})

test('no proxy named: none', () => {
  expect(proxyFor(new URL('https://ghcr.io/v2/'))).toBeUndefined()
})

test('https_proxy for HTTPS, http_proxy for HTTP, no_proxy and loopback bypass', () => {
  process.env.https_proxy = 'http://proxy.corp:3128'
  process.env.http_proxy = 'http://plain.corp:8080'
  process.env.no_proxy = 'internal.corp'
  expect(proxyFor(new URL('https://ghcr.io/v2/'))?.href).toBe('http://proxy.corp:3128/')
  expect(proxyFor(new URL('http://registry.example:5000/v2/'))?.href).toBe(
    'http://plain.corp:8080/'
  )
  expect(proxyFor(new URL('https://internal.corp/v2/'))).toBeUndefined()
  expect(proxyFor(new URL('https://127.0.0.1:5000/v2/'))).toBeUndefined()
  expect(proxyFor(new URL('https://localhost:5000/v2/'))).toBeUndefined()
  expect(proxyFor(new URL('https://[::1]:5000/v2/'))).toBeUndefined()
})

test("a proxy URL's user and password become Basic credentials, percent-decoded", () => {
  process.env.https_proxy = 'http://al%40ce:p%3Ass@proxy.corp:3128'
  const proxy = proxyFor(new URL('https://ghcr.io/v2/')) as URL
  expect(proxyAuthorization(proxy)).toBe(`Basic ${Buffer.from('al@ce:p:ss').toString('base64')}`)
  process.env.https_proxy = 'http://proxy.corp:3128'
  expect(proxyAuthorization(proxyFor(new URL('https://ghcr.io/v2/')) as URL)).toBeUndefined()
})

describe('through a real forward proxy', () => {
  // This machine's own name stands for a remote registry: not loopback by name, so proxied,
  // yet it resolves here, for the proxy too (tls-registries.test.ts has the control).
  const name = os.hostname()
  let cert: SelfSigned
  let tlsReg: RunningRegistry
  let plainReg: RunningRegistry
  let proxy: RunningProxy
  let tlsHost: string
  let plainHost: string
  const clients: HttpClient[] = []

  beforeAll(async () => {
    cert = await selfSignedCertificate([name])
    tlsReg = await startRegistry({ tls: { certificate: cert.certificate, key: cert.key } })
    plainReg = await startRegistry()
    proxy = await startTinyproxy()
    tlsHost = `${name}:${new URL(tlsReg.url).port}`
    plainHost = `${name}:${new URL(plainReg.url).port}`
  })
  afterAll(async () => {
    await proxy?.stop()
    await tlsReg?.stop()
    await plainReg?.stop()
    await cert?.stop()
  })
  beforeEach(() => proxy.reset())
  afterEach(() => {
    for (const c of clients.splice(0)) c.dispose()
  })

  function client(options: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}): HttpClient {
    const c = new HttpClient({ timeoutMs: 5000, concurrency: 2, attempts: 1, ...options })
    clients.push(c)
    return c
  }
  const get = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
    method: 'GET',
    url,
    maxBytes: 10_000,
    ...extra
  })

  test('an insecure-registries host over HTTPS: tunnelled, its certificate not verified', async () => {
    process.env.HTTPS_PROXY = proxy.url
    const http = client({ unverifiedTls: host => host === tlsHost })
    const res = await http.send(get(`https://${tlsHost}/v2/`))
    expect(res.status).toBe(200)
    expect(await proxy.requests()).toEqual([`CONNECT ${tlsHost}`])
  })

  test('any other host: its self-signed certificate is refused, as without a proxy', async () => {
    process.env.HTTPS_PROXY = proxy.url
    const http = client({ unverifiedTls: () => false })
    const sent = http.send(get(`https://${tlsHost}/v2/`))
    await expect(sent).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    await expect(sent).rejects.toThrow(
      `${tlsHost}'s TLS certificate was refused (DEPTH_ZERO_SELF_SIGNED_CERT); give Node its CA`
    )
    expect(await proxy.requests()).toEqual([`CONNECT ${tlsHost}`])
  })

  test('one tunnel carries many requests: kept alive like a direct connection', async () => {
    process.env.HTTPS_PROXY = proxy.url
    const http = client({ unverifiedTls: () => true })
    for (let i = 0; i < 5; i++)
      expect((await http.send(get(`https://${tlsHost}/v2/`))).status).toBe(200)
    expect(await proxy.requests()).toEqual([`CONNECT ${tlsHost}`])
    expect(http.totalRequests).toBe(5)
  })

  test('plain HTTP goes through HTTP_PROXY as an absolute-URI request, as Docker sends it', async () => {
    process.env.HTTP_PROXY = proxy.url
    const http = client()
    const res = await http.send(get(`http://${plainHost}/v2/`, { plainHttp: () => true }))
    expect(res.status).toBe(200)
    expect(await proxy.requests()).toEqual([`GET http://${plainHost}/v2/`])
  })

  test('a TLS probe tunnelled to a plain-HTTP registry fails as a probe: the caller falls back', async () => {
    process.env.HTTPS_PROXY = proxy.url
    const http = client({ unverifiedTls: () => true })
    const sent = http.send(get(`https://${plainHost}/v2/`, { tlsProbe: true }))
    await expect(sent).rejects.toMatchObject({ code: 'TLS_UNAVAILABLE' })
    expect(http.failedTlsProbes.get(`https://${plainHost}`)).toBe(1)
    expect(http.totalRequests).toBe(0)
    expect(await proxy.requests()).toEqual([`CONNECT ${plainHost}`])
  })

  test('loopback registries are never proxied, with NO_PROXY unset', async () => {
    process.env.HTTPS_PROXY = proxy.url
    process.env.HTTP_PROXY = proxy.url
    const http = client({ unverifiedTls: isLoopbackHost })
    expect((await http.send(get(`${tlsReg.url}/v2/`))).status).toBe(200)
    expect((await http.send(get(`${plainReg.url}/v2/`))).status).toBe(200)
    const port = new URL(plainReg.url).port
    expect((await http.send(get(`http://localhost:${port}/v2/`))).status).toBe(200)
    expect(await proxy.requests()).toEqual([])
  })

  test('NO_PROXY sends a listed host direct', async () => {
    process.env.HTTPS_PROXY = proxy.url
    process.env.NO_PROXY = `other.example,${name}`
    const http = client({ unverifiedTls: () => true })
    expect((await http.send(get(`https://${tlsHost}/v2/`))).status).toBe(200)
    expect(await proxy.requests()).toEqual([])
  })

  describe('a proxy that asks for credentials', () => {
    const password = 's3cr3t-proxy'
    let authProxy: RunningProxy
    beforeAll(async () => {
      authProxy = await startTinyproxy({ users: { alice: password } })
    })
    afterAll(async () => {
      await authProxy?.stop()
    })
    beforeEach(() => authProxy.reset())
    const withUser = (pass: string): string =>
      authProxy.url.replace('//', `//alice:${encodeURIComponent(pass)}@`)

    test('gets them from the proxy URL, for tunnels and plain HTTP, and they are masked', async () => {
      process.env.HTTPS_PROXY = withUser(password)
      process.env.HTTP_PROXY = withUser(password)
      const secrets: string[] = []
      const http = client({ unverifiedTls: () => true, onSecret: s => secrets.push(s) })
      expect((await http.send(get(`https://${tlsHost}/v2/`))).status).toBe(200)
      expect((await http.send(get(`http://${plainHost}/v2/`))).status).toBe(200)
      expect(await authProxy.requests()).toEqual([
        `CONNECT ${tlsHost}`,
        `GET http://${plainHost}/v2/`
      ])
      expect(secrets).toEqual([password, Buffer.from(`alice:${password}`).toString('base64')])
    })

    test('a percent-encoded password in the URL is sent decoded', async () => {
      // tinyproxy takes only [A-Za-z0-9._-] in its passwords; escaping any character is valid
      // in a URL (a password with `@` or `:` must be written so), and means the character.
      const picky = await startTinyproxy({ users: { alice: 'p-ss.w_rd' } })
      try {
        const url = picky.url.replace('//', '//alice:p%2Dss%2Ew%5Frd@')
        process.env.HTTPS_PROXY = url
        process.env.HTTP_PROXY = url
        const http = client({ unverifiedTls: () => true })
        expect((await http.send(get(`https://${tlsHost}/v2/`))).status).toBe(200)
        expect((await http.send(get(`http://${plainHost}/v2/`))).status).toBe(200)
        expect(await picky.requests()).toEqual([
          `CONNECT ${tlsHost}`,
          `GET http://${plainHost}/v2/`
        ])
      } finally {
        await picky.stop()
      }
    })

    test.each([
      ['a tunnel', () => `https://${tlsHost}/v2/`, {}],
      // No fallback: plain HTTP through the same proxy would be refused too.
      ['a TLS probe', () => `https://${plainHost}/v2/`, { tlsProbe: true }],
      ['plain HTTP', () => `http://${plainHost}/v2/`, {}]
    ])('none given: %s fails once, with what to do', async (_, url, extra) => {
      process.env.HTTPS_PROXY = authProxy.url
      process.env.HTTP_PROXY = authProxy.url
      const http = client({ unverifiedTls: () => true, attempts: 4 })
      const sent = http.send(get(url(), extra))
      await expect(sent).rejects.toMatchObject({ code: 'PROXY_AUTH_REQUIRED' })
      await expect(sent).rejects.toThrow(
        `the proxy ${authProxy.host} asked for credentials to reach ${new URL(url()).host} (407 Proxy Authentication Required); give them in the proxy URL (http://user:password@${authProxy.host})`
      )
      expect(await authProxy.requests()).toHaveLength(1)
    })

    test('a percent-encoded password in the URL is sent decoded', async () => {
      // tinyproxy takes only [A-Za-z0-9._-] in its passwords; escaping any character is valid
      // in a URL (a password with `@` or `:` must be written so), and means the character.
      const picky = await startTinyproxy({ users: { alice: 'p-ss.w_rd' } })
      try {
        const url = picky.url.replace('//', '//alice:p%2Dss%2Ew%5Frd@')
        process.env.HTTPS_PROXY = url
        process.env.HTTP_PROXY = url
        const http = client({ unverifiedTls: () => true })
        expect((await http.send(get(`https://${tlsHost}/v2/`))).status).toBe(200)
        expect((await http.send(get(`http://${plainHost}/v2/`))).status).toBe(200)
        expect(await picky.requests()).toEqual([
          `CONNECT ${tlsHost}`,
          `GET http://${plainHost}/v2/`
        ])
      } finally {
        await picky.stop()
      }
    })

    test.each([
      ['a tunnel', () => `https://${tlsHost}/v2/`, {}],
      ['a TLS probe', () => `https://${plainHost}/v2/`, { tlsProbe: true }]
    ])('wrong ones: %s fails once, naming the proxy, never the password', async (_, url, extra) => {
      process.env.HTTPS_PROXY = withUser('wrong-password')
      const http = client({ unverifiedTls: () => true, attempts: 4 })
      const failure = await http.send(get(url(), extra)).then(
        () => undefined,
        (e: unknown) => e as Error & { code?: string }
      )
      expect(failure?.code).toBe('PROXY_AUTH_REQUIRED')
      // tinyproxy answers wrong credentials with 401 (407 when there are none).
      expect(failure?.message).toContain(
        `the proxy ${authProxy.host} refused the user and password in its URL to reach ${new URL(url()).host} (401 Unauthorized)`
      )
      expect(failure?.message).not.toContain('wrong-password')
      expect(await authProxy.requests()).toHaveLength(1)
    })
  })

  describe("a proxy that tunnels only to port 443 (Debian's default)", () => {
    let strict: RunningProxy
    beforeAll(async () => {
      strict = await startTinyproxy({ connectPorts: [443, 563] })
    })
    afterAll(async () => {
      await strict?.stop()
    })
    beforeEach(() => strict.reset())

    test('a registry that must be HTTPS: refused with what to change, once', async () => {
      process.env.HTTPS_PROXY = strict.url
      const http = client({ attempts: 4 })
      const sent = http.send(get(`https://${tlsHost}/v2/`))
      await expect(sent).rejects.toMatchObject({ code: 'PROXY_REFUSED' })
      await expect(sent).rejects.toThrow(
        `the proxy ${strict.host} refused to open a tunnel to ${tlsHost} (403 Forbidden)`
      )
      expect(await strict.requests()).toEqual([`CONNECT ${tlsHost}`])
    })

    test('an insecure registry: the probe fails as a probe, and plain HTTP still goes through', async () => {
      process.env.HTTPS_PROXY = strict.url
      process.env.HTTP_PROXY = strict.url
      const http = client({ unverifiedTls: () => true })
      const probe = http.send(get(`https://${plainHost}/v2/`, { tlsProbe: true }))
      await expect(probe).rejects.toMatchObject({ code: 'TLS_UNAVAILABLE' })
      const res = await http.send(get(`http://${plainHost}/v2/`, { plainHttp: () => true }))
      expect(res.status).toBe(200)
      expect(await strict.requests()).toEqual([
        `CONNECT ${plainHost}`,
        `GET http://${plainHost}/v2/`
      ])
    })
  })

  test.each([
    ['a tunnel', 'HTTPS_PROXY', () => `https://${tlsHost}/v2/`],
    ['plain HTTP', 'HTTP_PROXY', () => `http://${plainHost}/v2/`]
  ])('a proxy nothing listens on: %s names the proxy, not the registry', async (_, v, url) => {
    const closed = net.createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as net.AddressInfo).port
    await new Promise(resolve => closed.close(resolve))
    process.env[v] = `http://alice:Secret-1@127.0.0.1:${port}`
    const sent = client({ unverifiedTls: () => true }).send(get(url(), { plainHttp: () => true }))
    await expect(sent).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    await expect(sent).rejects.toThrow(
      `cannot reach the proxy 127.0.0.1:${port} (for ${new URL(url()).host}): ECONNREFUSED; check HTTPS_PROXY and HTTP_PROXY`
    )
  })

  test('a proxy that never answers CONNECT: the attempt times out, dispose() lets go', async () => {
    // A small fake: no real proxy hangs on demand.
    const held = new Set<net.Socket>()
    const closed: Promise<void>[] = []
    const silent = net.createServer(socket => {
      held.add(socket)
      socket.resume()
      closed.push(new Promise(resolve => socket.once('close', () => resolve())))
    })
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
    try {
      process.env.HTTPS_PROXY = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`
      const http = new HttpClient({ timeoutMs: 200, concurrency: 1, attempts: 1 })
      await expect(http.send(get(`https://${tlsHost}/v2/`))).rejects.toMatchObject({
        kind: 'timeout'
      })
      expect(held.size).toBe(1)
      http.dispose()
      // Without dispose() reaching the tunnel still being opened, this would wait forever.
      await Promise.all(closed)
    } finally {
      for (const s of held) s.destroy()
      await new Promise(resolve => silent.close(resolve))
    }
  })
})
