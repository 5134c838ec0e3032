/** How each request reaches its peer (routes.ts): directly, through a tunnel, or via a proxy. */
import { Agent as HttpsAgent } from 'node:https'
import { Routes, connectionOptions } from '../../src/http/routes.js'
import { TunnelAgent } from '../../src/http/proxy.js'

const NAMES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY']
let saved: Record<string, string | undefined>
const made: Routes[] = []

beforeEach(() => {
  saved = Object.fromEntries(NAMES.map(n => [n, process.env[n]]))
  for (const n of NAMES) delete process.env[n]
})
afterEach(() => {
  for (const n of NAMES) {
    if (saved[n] === undefined) delete process.env[n]
    else process.env[n] = saved[n]
  }
  for (const r of made.splice(0)) r.dispose()
})

function routes(options: Partial<ConstructorParameters<typeof Routes>[0]> = {}): Routes {
  const r = new Routes({ maxSockets: 4, ...options })
  made.push(r)
  return r
}

describe('connectionOptions', () => {
  const agent = new HttpsAgent()
  test('direct: the host (an IPv6 literal without brackets) and the path', () => {
    expect(connectionOptions(new URL('https://[::1]:5000/v2/a?n=1'), { agent })).toEqual({
      protocol: 'https:',
      hostname: '::1',
      port: '5000',
      path: '/v2/a?n=1',
      headers: {}
    })
  })

  test("a Unix socket: the path only, never a proxy's", () => {
    const via = { url: new URL('http://proxy.corp:3128') }
    expect(connectionOptions(new URL('http://docker/v1.41/info'), { agent, via }, '/s')).toEqual({
      protocol: 'http:',
      socketPath: '/s',
      path: '/v1.41/info',
      headers: {}
    })
  })

  test('via a forward proxy: to the proxy, the absolute URI, Host and Proxy-Authorization', () => {
    const via = { url: new URL('http://proxy.corp'), authorization: 'Basic YTpi' }
    expect(
      connectionOptions(new URL('http://registry.example:5000/v2/?last=x'), { agent, via })
    ).toEqual({
      protocol: 'http:',
      hostname: 'proxy.corp',
      port: 80,
      path: 'http://registry.example:5000/v2/?last=x',
      headers: { host: 'registry.example:5000', 'proxy-authorization': 'Basic YTpi' }
    })
    const tls = { url: new URL('https://proxy.corp') }
    expect(connectionOptions(new URL('http://r.example/v2/'), { agent, via: tls })).toMatchObject({
      protocol: 'https:',
      port: 443,
      headers: { host: 'r.example' }
    })
  })
})

describe('Routes', () => {
  test('no proxy: one agent per kind, certificates unverified only where asked', async () => {
    const r = routes({ unverifiedTls: host => host === 'insecure.example' })
    const plain = await r.route(new URL('http://127.0.0.1:5000/v2/'))
    expect(plain.via).toBeUndefined()
    expect((await r.route(new URL('http://other:1/'))).agent).toBe(plain.agent)
    const verified = (await r.route(new URL('https://ghcr.io/v2/'))).agent as HttpsAgent
    const unverified = (await r.route(new URL('https://insecure.example/v2/'))).agent as HttpsAgent
    expect(verified.options.rejectUnauthorized).not.toBe(false)
    expect(unverified.options.rejectUnauthorized).toBe(false)
    expect(verified.maxSockets).toBe(4)
  })

  test('behind a proxy: HTTPS tunnels per origin with its certificate rule; plain HTTP via it', async () => {
    process.env.HTTPS_PROXY = 'http://proxy.corp:3128'
    process.env.HTTP_PROXY = 'http://proxy.corp:3128'
    const r = routes({ unverifiedTls: host => host === 'insecure.example' })
    const tunnel = (await r.route(new URL('https://insecure.example/v2/'))).agent
    expect(tunnel).toBeInstanceOf(TunnelAgent)
    expect((tunnel as TunnelAgent).options.rejectUnauthorized).toBe(false)
    expect((await r.route(new URL('https://insecure.example/v2/x'))).agent).toBe(tunnel)
    const other = (await r.route(new URL('https://ghcr.io/v2/'))).agent as TunnelAgent
    expect(other).not.toBe(tunnel)
    expect(other.options.rejectUnauthorized).toBe(true)
    const plain = await r.route(new URL('http://insecure.example/v2/'))
    expect(plain.via?.url.host).toBe('proxy.corp:3128')
    // Loopback goes direct, NO_PROXY or not.
    expect((await r.route(new URL('https://127.0.0.1:5000/v2/'))).agent).not.toBeInstanceOf(
      TunnelAgent
    )
    expect((await r.route(new URL('http://localhost:5000/v2/'))).via).toBeUndefined()
  })

  test("the proxy URL's password and its header go to onSecret once, before any use", async () => {
    process.env.HTTPS_PROXY = 'http://alice:pa%24%24@proxy.corp:3128'
    const secrets: string[] = []
    const r = routes({ onSecret: s => secrets.push(s) })
    await r.route(new URL('https://ghcr.io/v2/'))
    await r.route(new URL('https://quay.io/v2/'))
    // As written in the URL (as a printed proxy URL would show it), decoded, and as sent.
    expect(secrets).toEqual(['pa%24%24', 'pa$$', Buffer.from('alice:pa$$').toString('base64')])
  })
})
