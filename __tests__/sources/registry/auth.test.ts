/**
 * The authenticator in-process, against the real registry and token server the integration
 * suites use (distribution's token auth, through their harness): a challenge answered once,
 * tokens kept per scope and bundled across repositories, credentials and the OAuth2 refresh
 * grant, every token handed over as a secret, and expiry by an injected clock.
 */
import { HttpClient } from '../../../src/http/client.js'
import { isLoopbackHost } from '../../../src/http/rules.js'
import { Authenticator, plainRealmRefusal } from '../../../src/sources/registry/auth.js'
import type { Credential } from '../../../src/sources/registry/credential.js'
import { RegistrySource } from '../../../src/sources/registry/registry-source.js'
import {
  type RunningRegistry,
  pushImage,
  startRegistry
} from '../../integration/harness/registry.js'
import {
  type TokenServer,
  startTokenServer,
  tokenAuthFor
} from '../../integration/harness/token-server.js'

let ts: TokenServer
let reg: RunningRegistry
const clients: HttpClient[] = []

beforeAll(async () => {
  ts = await startTokenServer({
    service: 'registry.test',
    users: { alice: 'wonderland' },
    refreshTokens: { 'refresh-alice': 'alice' }
  })
  reg = await startRegistry({ token: tokenAuthFor(ts) })
  for (const repo of ['a', 'b', 'c'])
    await pushImage(reg, repo, 'v1', {
      platform: { os: 'linux', architecture: 'amd64' },
      layerSizes: [16],
      seed: repo,
      auth: ts.pushAuth('alice')
    })
})

afterAll(async () => {
  for (const c of clients) c.dispose()
  await Promise.all([reg?.stop(), ts?.stop()])
})

interface Setup {
  auth: Authenticator
  source: RegistrySource
  secrets: string[]
  /** Token requests the token server saw since this setup. */
  tokenCalls: () => { scopes: string[]; authorization?: string; method: string }[]
}

function setup(
  options: {
    credential?: Credential
    hints?: string[]
    now?: () => number
  } = {}
): Setup {
  const http = new HttpClient({ timeoutMs: 10_000, concurrency: 4, attempts: 1 })
  clients.push(http)
  const secrets: string[] = []
  const auth = new Authenticator(http, () => Promise.resolve(options.credential), {
    allowsPlainHttp: () => true,
    onSecret: s => secrets.push(s),
    scopeHints: () => options.hints ?? [],
    now: options.now
  })
  const from = ts.requests.length
  return {
    auth,
    source: new RegistrySource(reg.host, http, auth, true),
    secrets,
    tokenCalls: () =>
      ts.requests.slice(from).map(r => ({
        method: r.method,
        authorization: r.authorization,
        scopes:
          r.query.scope ??
          (r.body ? (new URLSearchParams(r.body).get('scope') ?? '').split(' ') : [])
      }))
  }
}

test('anonymous: one token per scope, then the known challenge gets the next one up front', async () => {
  const { auth, source, tokenCalls, secrets } = setup()
  await source.fetchManifest('a', 'v1')
  await source.fetchManifest('a', 'v1')
  expect(tokenCalls()).toEqual([
    { method: 'GET', authorization: undefined, scopes: ['repository:a:pull'] }
  ])
  expect(auth.cached(reg.host, 'repository:a:pull')).toMatch(/^Bearer /)
  // Another repository: no anonymous try first, straight to the token endpoint.
  await source.fetchManifest('b', 'v1')
  expect(tokenCalls().map(c => c.scopes)).toEqual([['repository:a:pull'], ['repository:b:pull']])
  expect(auth.tokenRequests).toBe(2)
  expect(auth.describe(reg.host)).toBe('anonymous')
  // Each token is handed over as a secret before it is used.
  expect(secrets).toHaveLength(2)
  expect(auth.cached(reg.host, 'repository:b:pull')).toBe(`Bearer ${secrets[1]}`)
})

test("the run's other repositories ride along on the first token request", async () => {
  const { auth, source, tokenCalls } = setup({
    hints: ['repository:a:pull', 'repository:b:pull', 'repository:c:pull']
  })
  await source.fetchManifest('a', 'v1')
  await source.fetchManifest('b', 'v1')
  await source.fetchManifest('c', 'v1')
  expect(tokenCalls().map(c => c.scopes)).toEqual([
    ['repository:a:pull', 'repository:b:pull', 'repository:c:pull']
  ])
  expect(auth.tokenRequests).toBe(1)
})

test('a username and password: Basic on the token endpoint, their origin named, not the secret', async () => {
  const { auth, source, tokenCalls, secrets } = setup({
    credential: { username: 'alice', password: 'wonderland', origin: 'the test' }
  })
  await source.fetchManifest('c', 'v1')
  const [call] = tokenCalls()
  expect(call.authorization).toBe(`Basic ${Buffer.from('alice:wonderland').toString('base64')}`)
  expect(auth.describe(reg.host)).toBe('credentials from the test')
  expect(secrets.length).toBeGreaterThanOrEqual(1)
})

test('an identity token goes through the OAuth2 refresh grant', async () => {
  const { source, tokenCalls } = setup({
    credential: { identityToken: 'refresh-alice', origin: 'config.json' }
  })
  await source.fetchManifest('a', 'v1')
  expect(tokenCalls()).toEqual([
    { method: 'POST', authorization: undefined, scopes: ['repository:a:pull'] }
  ])
})

test('a token past its expiry (by the injected clock) is fetched again', async () => {
  let now = Date.now()
  const { auth, source, tokenCalls } = setup({ now: () => now })
  await source.fetchManifest('a', 'v1')
  expect(auth.cached(reg.host, 'repository:a:pull')).toBeDefined()
  now += 60 * 60 * 1000
  expect(auth.cached(reg.host, 'repository:a:pull')).toBeUndefined()
  await source.fetchManifest('a', 'v1')
  expect(tokenCalls()).toHaveLength(2)
})

describe('plainRealmRefusal: each host on its own merits', () => {
  const allowed = (host: string): boolean => isLoopbackHost(host) || host === 'insecure.example'
  test.each([
    ['127.0.0.1:5000', 'https://auth.example/token', undefined],
    ['127.0.0.1:5000', 'http://127.0.0.1:5001/token', undefined],
    ['127.0.0.1:5000', 'http://insecure.example/token', undefined],
    ['insecure.example', 'http://localhost:9/token', undefined],
    ['127.0.0.1:5000', 'http://realm.example/token', /on another host \(http:\/\/realm\.example\)/],
    ['localhost:5000', 'http://127.0.0.2.nip.io/token', /neither loopback nor in insecure/],
    ['registry.example', 'http://127.0.0.1:9/token', /named a plain-http token realm \(/]
  ])('registry %s, realm %s', (registry, realm, refused) => {
    const reason = plainRealmRefusal(registry, new URL(realm), allowed)
    if (refused === undefined) expect(reason).toBeUndefined()
    else expect(reason).toMatch(refused)
  })
})
