// Proves the test token server against distribution 2.8's own token verifier, so token-auth
// suites fail only for reasons that are about digest-gate.
import { existsSync } from 'node:fs'
import {
  basicAuth,
  getManifest,
  pushImage,
  request,
  startRegistry,
  type HttpResponse,
  type PushedImage,
  type RunningRegistry
} from './harness/registry.js'
import { decodeToken, startTokenServer, type TokenServer } from './harness/token-server.js'

const SERVICE = 'digest-gate-test'
const platform = { os: 'linux', architecture: 'amd64' }

interface TokenAnswer {
  token?: string
  access_token?: string
  expires_in?: number
  issued_at?: string
  refresh_token?: string
}

function json<T>(res: HttpResponse): T {
  return JSON.parse(res.body.toString('utf8')) as T
}

function tokenUrl(ts: TokenServer, scopes: string[], service = ts.service): URL {
  const url = new URL(ts.realm)
  url.searchParams.set('service', service)
  for (const s of scopes) url.searchParams.append('scope', s)
  return url
}

async function fetchToken(
  ts: TokenServer,
  scopes: string[],
  authorization?: string
): Promise<string> {
  const res = await request(tokenUrl(ts, scopes), {
    headers: authorization ? { Authorization: authorization } : {}
  })
  if (res.status !== 200) throw new Error(`token: HTTP ${res.status} ${res.body.toString()}`)
  const answer = json<TokenAnswer>(res)
  return answer.token ?? answer.access_token ?? ''
}

async function postForm(ts: TokenServer, form: Record<string, string>): Promise<HttpResponse> {
  return request(ts.realm, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString()
  })
}

function wwwAuthenticate(res: HttpResponse): string | undefined {
  // Node types this header as a plain string, but proxies may repeat it; take the first.
  const v: string | string[] | undefined = res.headers['www-authenticate']
  return typeof v === 'string' ? v : v?.[0]
}

describe('token server against distribution 2.8 token auth', () => {
  let ts: TokenServer
  let reg: RunningRegistry
  const extra: TokenServer[] = []
  const images: Record<string, PushedImage> = {}

  beforeAll(async () => {
    ts = await startTokenServer({
      service: SERVICE,
      users: { alice: 'wonderland', bob: 'builder' },
      refreshTokens: { 'refresh-alice': 'alice' }
    })
    reg = await startRegistry({
      token: {
        realm: ts.realm,
        service: ts.service,
        issuer: ts.issuer,
        rootCertBundlePath: ts.rootCertBundlePath
      }
    })
    for (const [repo, seed] of [
      ['x', 'x'],
      ['a', 'a'],
      ['b', 'b']
    ]) {
      images[repo] = await pushImage(reg, repo, 'v1', {
        platform,
        layerSizes: [64],
        seed,
        auth: ts.pushAuth('alice')
      })
    }
  })

  afterAll(async () => {
    await reg?.stop()
    for (const s of [ts, ...extra]) await s?.stop()
  })

  const manifest = (repo: string, token: string) =>
    getManifest(reg, repo, 'v1', {
      accept: images[repo].mediaType,
      auth: `Bearer ${token}`
    })

  it('challenges anonymous clients with the token realm and service', async () => {
    const res = await request(`${reg.url}/v2/`)
    expect(res.status).toBe(401)
    expect(wwwAuthenticate(res)).toBe(`Bearer realm="${ts.realm}",service="${SERVICE}"`)

    const repoRes = await getManifest(reg, 'x', 'v1')
    expect(wwwAuthenticate(repoRes)).toBe(
      `Bearer realm="${ts.realm}",service="${SERVICE}",scope="repository:x:pull"`
    )
  })

  it('accepts a pull token fetched over GET for the right repository only', async () => {
    const token = await fetchToken(ts, ['repository:x:pull'])
    const ok = await manifest('x', token)
    expect(ok.status).toBe(200)
    expect(ok.digest).toBe(images.x.digest)

    const other = await fetchToken(ts, ['repository:elsewhere:pull'])
    const denied = await manifest('x', other)
    expect(denied.status).toBe(401)
    expect(wwwAuthenticate(denied)).toContain('error="insufficient_scope"')
  })

  it('issues one token valid for every scope requested together', async () => {
    const token = await fetchToken(ts, ['repository:a:pull', 'repository:b:pull'])
    expect(decodeToken(token).claims.access).toEqual([
      { type: 'repository', name: 'a', actions: ['pull'] },
      { type: 'repository', name: 'b', actions: ['pull'] }
    ])
    expect((await manifest('a', token)).digest).toBe(images.a.digest)
    expect((await manifest('b', token)).digest).toBe(images.b.digest)
    expect((await manifest('x', token)).status).toBe(401)

    // The OAuth2 form joins scopes with spaces instead of repeating the parameter.
    const post = await postForm(ts, {
      grant_type: 'password',
      service: SERVICE,
      client_id: 'digest-gate',
      username: 'bob',
      password: 'builder',
      scope: 'repository:a:pull repository:b:pull'
    })
    const viaPost = json<TokenAnswer>(post).access_token ?? ''
    expect((await manifest('a', viaPost)).status).toBe(200)
    expect((await manifest('b', viaPost)).status).toBe(200)
  })

  it('rejects expired tokens (beyond the 60 s leeway) and honours the leeway', async () => {
    const expired = ts.mint('alice', ['repository:x:pull'], { ttlSeconds: -120 })
    expect((await manifest('x', expired)).status).toBe(401)
    const withinLeeway = ts.mint('alice', ['repository:x:pull'], { ttlSeconds: -5 })
    expect((await manifest('x', withinLeeway)).status).toBe(200)
    const notYet = ts.mint('alice', ['repository:x:pull'], { notBeforeSeconds: 600 })
    expect((await manifest('x', notYet)).status).toBe(401)
  })

  it('documents what distribution 2.8 needs to identify the signing key', async () => {
    const scope = ['repository:x:pull']
    // x5c alone is verified against rootcertbundle; kid is not required.
    expect((await manifest('x', ts.mint('', scope, { keyHeader: 'x5c' }))).status).toBe(200)
    // kid alone also works: 2.8 indexes rootcertbundle keys by their libtrust key ID.
    expect((await manifest('x', ts.mint('', scope, { keyHeader: 'kid' }))).status).toBe(200)
    const full = decodeToken(ts.mint('', scope)).header
    expect(full).toMatchObject({ typ: 'JWT', alg: 'RS256' })
    expect(full.kid).toMatch(/^([A-Z2-7]{4}:){11}[A-Z2-7]{4}$/)
    expect(full.x5c).toHaveLength(1)
  })

  it('rejects tokens for another audience or issuer, or signed by an untrusted key', async () => {
    const scope = ['repository:x:pull']
    expect((await manifest('x', ts.mint('', scope, { audience: 'other' }))).status).toBe(401)
    expect((await manifest('x', ts.mint('', scope, { issuer: 'other' }))).status).toBe(401)
    // RFC 7519 allows an aud array, but 2.8 declares aud as a plain string (the AudienceList
    // type is a v3 addition), so even a one-element array fails to decode. Token servers for 2.8
    // must send a string.
    for (const audience of [[SERVICE], ['other', SERVICE]]) {
      expect((await manifest('x', ts.mint('', scope, { audience }))).status).toBe(401)
    }

    const stranger = await startTokenServer({ service: SERVICE, issuer: ts.issuer })
    extra.push(stranger)
    for (const keyHeader of ['x5c', 'kid'] as const) {
      const forged = stranger.mint('alice', scope, { keyHeader })
      expect((await manifest('x', forged)).status).toBe(401)
    }
  })

  it('grants push only to authenticated users by default', async () => {
    const anon = decodeToken(await fetchToken(ts, ['repository:x:pull,push']))
    expect(anon.claims.sub).toBe('')
    expect(anon.claims.access).toEqual([{ type: 'repository', name: 'x', actions: ['pull'] }])
    await expect(
      pushImage(reg, 'x', 'anon', {
        platform,
        layerSizes: [8],
        seed: 'anon',
        auth: async scope => `Bearer ${await fetchToken(ts, [scope])}`
      })
    ).rejects.toMatchObject({ status: 401 })

    const alice = basicAuth('alice', 'wonderland')
    const pushed = await pushImage(reg, 'x', 'alice', {
      platform,
      layerSizes: [8],
      seed: 'alice',
      auth: async scope => `Bearer ${await fetchToken(ts, [scope], alice)}`
    })
    expect(pushed.digest).toMatch(/^sha256:/)
  })

  it('validates credentials and service on GET and records requests without stdout', async () => {
    const before = ts.requests.length
    const bad = await request(tokenUrl(ts, ['repository:x:pull']), {
      headers: { Authorization: basicAuth('alice', 'wrong') }
    })
    expect(bad.status).toBe(401)
    expect(json<{ errors: { code: string }[] }>(bad).errors[0].code).toBe('UNAUTHORIZED')

    const wrongService = await request(tokenUrl(ts, ['repository:x:pull'], 'nope'))
    expect(wrongService.status).toBe(400)

    const ok = await request(tokenUrl(ts, ['repository:x:pull'], SERVICE))
    const answer = json<TokenAnswer>(ok)
    expect(answer.token).toBe(answer.access_token)
    expect(answer.expires_in).toBe(300)
    expect(Date.parse(answer.issued_at ?? '')).not.toBeNaN()

    expect(ts.requests.slice(before).map(r => r.status)).toEqual([401, 400, 200])
    const first = ts.requests[before]
    expect(first.method).toBe('GET')
    expect(first.query).toEqual({ service: [SERVICE], scope: ['repository:x:pull'] })
    expect(first.authorization).toBe(basicAuth('alice', 'wrong'))
  })

  it('supports the OAuth2 refresh_token and password grants', async () => {
    const base = { service: SERVICE, client_id: 'digest-gate', scope: 'repository:x:pull' }
    const refreshed = await postForm(ts, {
      ...base,
      grant_type: 'refresh_token',
      refresh_token: 'refresh-alice'
    })
    expect(refreshed.status).toBe(200)
    const token = json<TokenAnswer>(refreshed).access_token ?? ''
    expect(decodeToken(token).claims.sub).toBe('alice')
    expect((await manifest('x', token)).status).toBe(200)
    expect(ts.requests.at(-1)?.body).toContain('grant_type=refresh_token')

    const unknown = await postForm(ts, {
      ...base,
      grant_type: 'refresh_token',
      refresh_token: 'nope'
    })
    expect(unknown.status).toBe(401)

    const offline = await postForm(ts, {
      ...base,
      grant_type: 'password',
      username: 'bob',
      password: 'builder',
      access_type: 'offline'
    })
    const issued = json<TokenAnswer>(offline).refresh_token ?? ''
    expect(issued).not.toBe('')
    const again = await postForm(ts, {
      ...base,
      grant_type: 'refresh_token',
      refresh_token: issued
    })
    expect(decodeToken(json<TokenAnswer>(again).access_token ?? '').claims.sub).toBe('bob')

    const badPassword = await postForm(ts, {
      ...base,
      grant_type: 'password',
      username: 'bob',
      password: 'x'
    })
    expect(badPassword.status).toBe(401)
    const noClient = await postForm(ts, {
      service: SERVICE,
      grant_type: 'refresh_token',
      refresh_token: 'refresh-alice'
    })
    expect(noClient.status).toBe(400)
  })

  it('honours requireAuth, oauthPost, expiresIn and tokenField options', async () => {
    const strict = await startTokenServer({
      service: SERVICE,
      users: { alice: 'wonderland' },
      requireAuth: true,
      oauthPost: false,
      expiresIn: null,
      tokenField: 'token'
    })
    extra.push(strict)
    const anon = await request(tokenUrl(strict, ['repository:x:pull']))
    expect(anon.status).toBe(401)
    expect(json<{ errors: { code: string }[] }>(anon).errors[0].code).toBe('UNAUTHORIZED')

    const ok = await request(tokenUrl(strict, ['repository:x:pull']), {
      headers: { Authorization: basicAuth('alice', 'wonderland') }
    })
    expect(ok.status).toBe(200)
    const answer = json<TokenAnswer>(ok)
    expect(Object.keys(answer).sort()).toEqual(['issued_at', 'token'])

    const post = await postForm(strict, {
      grant_type: 'password',
      service: SERVICE,
      client_id: 'digest-gate',
      username: 'alice',
      password: 'wonderland'
    })
    expect(post.status).toBe(404)

    const accessOnly = await startTokenServer({ service: SERVICE, tokenField: 'access_token' })
    extra.push(accessOnly)
    const res = await request(tokenUrl(accessOnly, []))
    expect(Object.keys(json<TokenAnswer>(res)).sort()).toEqual([
      'access_token',
      'expires_in',
      'issued_at'
    ])
    // An empty scope list yields a token with no access, which is what `GET /v2/` needs.
    const bare = json<TokenAnswer>(res).access_token ?? ''
    expect(decodeToken(bare).claims.access).toEqual([])
  })

  it('cleans up on stop', async () => {
    const temp = await startTokenServer({ service: SERVICE })
    await temp.stop()
    expect(existsSync(temp.dir)).toBe(false)
    await expect(request(temp.realm, { timeoutMs: 2000 })).rejects.toThrow()
  })
})
