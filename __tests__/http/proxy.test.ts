/**
 * Which proxy a request goes through (proxy.ts), read from the environment as the toolkit reads
 * it, and what the HTTP client does through one: against Debian's tinyproxy (a real forward
 * proxy, whose own log says what it was asked) and the real registry, over TLS with a
 * self-signed certificate and over plain HTTP.
 */
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
    expect(proxy.requests()).toEqual([`CONNECT ${tlsHost}`])
  })

  test('any other host: its self-signed certificate is refused, as without a proxy', async () => {
    process.env.HTTPS_PROXY = proxy.url
    const http = client({ unverifiedTls: () => false })
    const sent = http.send(get(`https://${tlsHost}/v2/`))
    await expect(sent).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    await expect(sent).rejects.toThrow(
      `${tlsHost}'s TLS certificate was refused (DEPTH_ZERO_SELF_SIGNED_CERT); give Node its CA`
    )
    expect(proxy.requests()).toEqual([`CONNECT ${tlsHost}`])
  })

  test('one tunnel carries many requests: kept alive like a direct connection', async () => {
    process.env.HTTPS_PROXY = proxy.url
    const http = client({ unverifiedTls: () => true })
    for (let i = 0; i < 5; i++)
      expect((await http.send(get(`https://${tlsHost}/v2/`))).status).toBe(200)
    expect(proxy.requests()).toEqual([`CONNECT ${tlsHost}`])
    expect(http.totalRequests).toBe(5)
  })

  test('plain HTTP goes through HTTP_PROXY as an absolute-URI request, as Docker sends it', async () => {
    process.env.HTTP_PROXY = proxy.url
    const http = client()
    const res = await http.send(get(`http://${plainHost}/v2/`, { plainHttp: () => true }))
    expect(res.status).toBe(200)
    expect(proxy.requests()).toEqual([`GET http://${plainHost}/v2/`])
  })

  test('a TLS probe tunnelled to a plain-HTTP registry fails as a probe: the caller falls back', async () => {
    process.env.HTTPS_PROXY = proxy.url
    const http = client({ unverifiedTls: () => true })
    const sent = http.send(get(`https://${plainHost}/v2/`, { tlsProbe: true }))
    await expect(sent).rejects.toMatchObject({ code: 'TLS_UNAVAILABLE' })
    expect(http.failedTlsProbes.get(`https://${plainHost}`)).toBe(1)
    expect(http.totalRequests).toBe(0)
    expect(proxy.requests()).toEqual([`CONNECT ${plainHost}`])
  })

  test('loopback registries are never proxied, with NO_PROXY unset', async () => {
    process.env.HTTPS_PROXY = proxy.url
    process.env.HTTP_PROXY = proxy.url
    const http = client({ unverifiedTls: isLoopbackHost })
    expect((await http.send(get(`${tlsReg.url}/v2/`))).status).toBe(200)
    expect((await http.send(get(`${plainReg.url}/v2/`))).status).toBe(200)
    const port = new URL(plainReg.url).port
    expect((await http.send(get(`http://localhost:${port}/v2/`))).status).toBe(200)
    expect(proxy.requests()).toEqual([])
  })

  test('NO_PROXY sends a listed host direct', async () => {
    process.env.HTTPS_PROXY = proxy.url
    process.env.NO_PROXY = `other.example,${name}`
    const http = client({ unverifiedTls: () => true })
    expect((await http.send(get(`https://${tlsHost}/v2/`))).status).toBe(200)
    expect(proxy.requests()).toEqual([])
  })
})
