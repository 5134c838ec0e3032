/** Which proxy a request goes through (proxy.ts), read from the environment as the toolkit reads it. */
import { proxyAgent, proxyFor } from '../../src/http/proxy.js'

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
})

test('the agent tunnels through the proxy the environment names', async () => {
  process.env.https_proxy = 'http://proxy.corp:3128'
  const agent = await proxyAgent(new URL('https://ghcr.io/v2/'), 4)
  expect(agent.maxSockets).toBe(4)
  // The toolkit's tunnelling agent (tunnel's TunnelingAgent), aimed at the proxy.
  expect(agent.constructor.name).toBe('TunnelingAgent')
  expect(
    (agent as unknown as { proxyOptions: { host: string; port: string } }).proxyOptions
  ).toMatchObject({
    host: 'proxy.corp',
    port: '3128'
  })
})
