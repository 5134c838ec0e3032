/**
 * Credentials against the real docker-registry in htpasswd (Basic) and token mode. The token
 * server signs RS256 JWTs whose x5c certificate is the registry's rootcertbundle, so every
 * passing test here proves the real registry accepted the token digest-gate obtained.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ActionRun, digestsOf, runAction } from './harness/action.js'
import {
  type PushedImage,
  type RunningRegistry,
  basicAuth,
  pushImage,
  pushIndex,
  startRegistry
} from './harness/registry.js'
import { type TokenServer, startTokenServer, tokenAuthFor } from './harness/token-server.js'
import { Authenticator } from '../../src/sources/registry/auth.js'
import { HttpClient } from '../../src/http/client.js'
import { RegistrySource } from '../../src/sources/registry/registry-source.js'

const ACR_GUID = '00000000-0000-0000-0000-000000000000'
const amd64 = { os: 'linux', architecture: 'amd64' }
const arm64 = { os: 'linux', architecture: 'arm64' }

/** Fails when a secret appears anywhere a user could read it, except the runner's mask lines. */
function expectNoLeak(run: ActionRun, secrets: string[]): void {
  const visible = [
    ...run.stdout.split('\n').filter(l => !l.startsWith('::add-mask::')),
    run.stderr,
    run.summary,
    JSON.stringify(run.outputs),
    JSON.stringify(run.report ?? {})
  ].join('\n')
  for (const s of secrets) expect(visible).not.toContain(s)
}

function masked(run: ActionRun, secret: string): boolean {
  return run.stdout.split('\n').includes(`::add-mask::${secret}`)
}

let scratch: string
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'dg-creds-'))
})
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** A DOCKER_CONFIG dir holding `config`, and a bin dir for credential helpers. */
async function dockerConfig(name: string, config: unknown): Promise<string> {
  const dir = join(scratch, name)
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'config.json'), JSON.stringify(config))
  return dir
}

describe('htpasswd (Basic) registry', () => {
  let reg: RunningRegistry
  let image: PushedImage
  const user = 'ci-bot'
  const password = 'Pa55-word-for-basic'

  beforeAll(async () => {
    reg = await startRegistry({ htpasswd: { [user]: password } })
    image = await pushImage(reg, 'private/app', '1.0', {
      platform: amd64,
      layerSizes: [1234],
      auth: basicAuth(user, password)
    })
  })
  afterAll(async () => {
    await reg?.stop()
  })

  test('the username/password inputs, masked before anything else prints', async () => {
    const ref = `${reg.host}/private/app:1.0`
    const run = await runAction({ images: ref, registry: reg.host, username: user, password })
    expect(run.code).toBe(0)
    expect(digestsOf(run)[ref].digest).toBe(image.digest)
    expect(run.stdout.startsWith(`::add-mask::${password}`)).toBe(true)
    expectNoLeak(run, [password, Buffer.from(`${user}:${password}`).toString('base64')])
  })

  test('a wrong password: the error names the registry and the credentials refused, never the secret', async () => {
    const ref = `${reg.host}/private/app:1.0`
    const wrong = 'wrong-Pa55-word'
    const run = await runAction({
      images: ref,
      registry: reg.host,
      username: user,
      password: wrong
    })
    expect(run.code).toBe(1)
    expect(digestsOf(run)[ref].error).toBe(
      `${ref}: ${reg.host} answered HTTP 401 for manifest private/app:1.0: UNAUTHORIZED authentication required (credentials from the 'username'/'password' inputs were refused)`
    )
    expectNoLeak(run, [wrong])
  })

  test('no credentials at all: says so', async () => {
    const ref = `${reg.host}/private/app:1.0`
    const run = await runAction({ images: ref })
    expect(run.code).toBe(1)
    expect(digestsOf(run)[ref].error).toMatch(/requires Basic credentials and none were found/)
  })

  test('config.json auths under a URL key, as docker login writes it', async () => {
    const dir = await dockerConfig('auths', {
      auths: {
        [`http://${reg.host}/v2/`]: { auth: Buffer.from(`${user}:${password}`).toString('base64') }
      }
    })
    const ref = `${reg.host}/private/app:1.0`
    const run = await runAction({ images: ref }, { DOCKER_CONFIG: dir })
    expect(run.code).toBe(0)
    expect(masked(run, password)).toBe(true)
    expectNoLeak(run, [password])
  })

  test('DOCKER_AUTH_CONFIG', async () => {
    const ref = `${reg.host}/private/app:1.0`
    const config = JSON.stringify({
      auths: { [reg.host]: { auth: Buffer.from(`${user}:${password}`).toString('base64') } }
    })
    const run = await runAction({ images: ref }, { DOCKER_AUTH_CONFIG: config })
    expect(run.code).toBe(0)
    expectNoLeak(run, [password])
  })

  test('a credential helper from credHelpers, run as Docker runs it', async () => {
    const bin = join(scratch, 'bin')
    await mkdir(bin, { recursive: true })
    const script = join(bin, 'docker-credential-digest-gate-test')
    await writeFile(
      script,
      `#!/bin/sh
[ "$1" = get ] || exit 3
url=$(cat)
if [ "$url" = "${reg.host}" ]; then printf '{"ServerURL":"%s","Username":"${user}","Secret":"${password}"}' "$url"
else echo "credentials not found in native keychain"; exit 1; fi
`
    )
    await chmod(script, 0o755)
    const dir = await dockerConfig('helpers', {
      credHelpers: { [reg.host]: 'digest-gate-test' },
      credsStore: 'absent-store'
    })
    const ref = `${reg.host}/private/app:1.0`
    const run = await runAction(
      { images: ref },
      { DOCKER_CONFIG: dir, PATH: `${bin}:${process.env.PATH ?? ''}` }
    )
    expect(run.code).toBe(0)
    expect(masked(run, password)).toBe(true)
    expectNoLeak(run, [password])
  })

  test('a helper that hangs: the image fails at the timeout and the action exits, while the helper child lives on', async () => {
    const bin = join(scratch, 'bin-hang')
    await mkdir(bin, { recursive: true })
    const pids = join(scratch, 'hang.pids')
    // A wrapper script, as many helpers are: its child keeps the helper's pipes after the kill.
    const script = join(bin, 'docker-credential-digest-gate-hang')
    await writeFile(script, `#!/bin/sh\nsleep 120 & echo $! >> "${pids}"\nwait\n`)
    await chmod(script, 0o755)
    const dir = await dockerConfig('hang', { credsStore: 'digest-gate-hang' })
    const ref = `${reg.host}/private/app:1.0`
    try {
      // Well under the orphan's 120 s: the action must not wait for it.
      const run = await runAction(
        { images: ref, timeout: '1' },
        { DOCKER_CONFIG: dir, PATH: `${bin}:${process.env.PATH ?? ''}` },
        30_000
      )
      expect(run.code).toBe(1)
      expect(digestsOf(run)[ref].error).toMatch(
        /credential helper docker-credential-digest-gate-hang did not answer within 1 s/
      )
    } finally {
      const orphans = await readFile(pids, 'utf8').catch(() => '')
      for (const pid of orphans.split('\n').filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL')
        } catch {
          // already gone
        }
      }
    }
  })

  test('a configured helper that is not installed: a clear error naming it', async () => {
    const dir = await dockerConfig('nohelper', { credsStore: 'desktop' })
    const ref = `${reg.host}/private/app:1.0`
    const run = await runAction({ images: ref }, { DOCKER_CONFIG: dir })
    expect(run.code).toBe(1)
    expect(digestsOf(run)[ref].error).toMatch(
      /credential helper docker-credential-desktop is configured for .* but is not on PATH/
    )
  })
})

describe('token-auth registry', () => {
  let tokens: TokenServer
  let reg: RunningRegistry
  const repos = ['team/api', 'team/web', 'team/worker', 'tools/cli']
  const indexes: Record<string, string> = {}
  const user = 'release-bot'
  const password = 'token-server-Pa55'
  const refreshToken = 'acr-refresh-token-value'

  beforeAll(async () => {
    tokens = await startTokenServer({
      service: 'digest-gate-test',
      users: { [user]: password, [ACR_GUID]: refreshToken },
      refreshTokens: { [refreshToken]: user },
      // Anonymous may pull everything except private/*; nobody gets hidden/*.
      grant: (identity, scope) => {
        if (scope.type !== 'repository' || scope.name.startsWith('hidden/')) return []
        if (scope.name.startsWith('private/') && !identity) return []
        return identity ? scope.actions : scope.actions.filter(a => a === 'pull')
      }
    })
    reg = await startRegistry({ token: tokenAuthFor(tokens) })
    const auth = tokens.pushAuth('admin')
    for (const repo of [...repos, 'private/db', 'hidden/x']) {
      const children = [
        await pushImage(reg, repo, undefined, {
          platform: amd64,
          layerSizes: [100],
          seed: repo,
          auth
        }),
        await pushImage(reg, repo, undefined, {
          platform: arm64,
          layerSizes: [200],
          seed: repo,
          auth
        })
      ]
      indexes[repo] = (await pushIndex(reg, repo, 'v1', children, { auth })).digest
      await pushIndex(reg, repo, 'v2', children.slice(0, 1), { auth })
    }
  })
  afterAll(async () => {
    await reg?.stop()
    await tokens?.stop()
  })

  beforeEach(() => {
    tokens.requests.length = 0
  })

  test('anonymous tokens: 8 images in 4 repositories cost one token request carrying every scope', async () => {
    const images = repos.flatMap(r => [`${reg.host}/${r}:v1`, `${reg.host}/${r}:v2`])
    const run = await runAction({ images: images.join('\n') })
    expect(run.code).toBe(0)
    for (const r of repos) expect(digestsOf(run)[`${reg.host}/${r}:v1`].digest).toBe(indexes[r])
    expect(tokens.requests).toHaveLength(1)
    expect(tokens.requests[0].query.scope?.sort()).toEqual(
      repos.map(r => `repository:${r}:pull`).sort()
    )
    expect(tokens.requests[0].authorization).toBeUndefined()
    expect(run.report?.run?.tokenRequests).toBe(1)
  })

  test('Basic credentials go to the token endpoint; the registry accepts the signed token', async () => {
    const ref = `${reg.host}/private/db:v1`
    const run = await runAction({ images: ref, registry: reg.host, username: user, password })
    expect(run.code).toBe(0)
    expect(digestsOf(run)[ref].digest).toBe(indexes['private/db'])
    expect(tokens.requests.map(r => r.authorization)).toEqual([basicAuth(user, password)])
    expectNoLeak(run, [password])
  })

  test('without credentials a private repository fails after one fresh token, not in a loop', async () => {
    const ref = `${reg.host}/private/db:v1`
    const run = await runAction({ images: ref })
    expect(run.code).toBe(1)
    expect(digestsOf(run)[ref].error).toMatch(
      /answered HTTP 401 for manifest private\/db:v1: UNAUTHORIZED .*\(anonymous access was refused; no credentials are configured for this registry\)/
    )
    // First anonymous try, then one token and one retry; a refused fresh token is final.
    expect(tokens.requests.length).toBeLessThanOrEqual(2)
    expect(run.report?.run?.requests).toBeLessThanOrEqual(5)
  })

  test('a wrong password: the token endpoint refusal is reported, never the password', async () => {
    const ref = `${reg.host}/team/api:v1`
    const wrong = 'not-the-Pa55'
    const run = await runAction({
      images: ref,
      registry: reg.host,
      username: user,
      password: wrong
    })
    expect(run.code).toBe(1)
    expect(digestsOf(run)[ref].error).toMatch(
      new RegExp(
        `token endpoint http://127\\.0\\.0\\.1:\\d+ refused the credentials for repository:team/api:pull with HTTP 401: UNAUTHORIZED`
      )
    )
    expectNoLeak(run, [wrong])
  })

  test('an identity token in config.json uses the OAuth2 refresh-token POST', async () => {
    const dir = await dockerConfig('identity', {
      auths: {
        [reg.host]: {
          auth: Buffer.from('<token>:').toString('base64'),
          identitytoken: refreshToken
        }
      }
    })
    const ref = `${reg.host}/private/db:v1`
    const run = await runAction({ images: ref }, { DOCKER_CONFIG: dir })
    expect(run.code).toBe(0)
    expect(tokens.requests.map(r => r.method)).toEqual(['POST'])
    expect(tokens.requests[0].body).toContain('grant_type=refresh_token')
    expect(masked(run, refreshToken)).toBe(true)
    expectNoLeak(run, [refreshToken])
  })

  test('ACR zero-GUID username: the password is a refresh token', async () => {
    const ref = `${reg.host}/private/db:v1`
    const run = await runAction({
      images: ref,
      registry: reg.host,
      username: ACR_GUID,
      password: refreshToken
    })
    expect(run.code).toBe(0)
    expect(tokens.requests.map(r => r.method)).toEqual(['POST'])
    expectNoLeak(run, [refreshToken])
  })

  test('a repository nobody may pull: the credentials are named as refused, the secret is not', async () => {
    const ref = `${reg.host}/hidden/x:v1`
    const run = await runAction({ images: ref, registry: reg.host, username: user, password })
    expect(run.code).toBe(1)
    expect(digestsOf(run)[ref].error).toMatch(
      /credentials from the 'username'\/'password' inputs were refused/
    )
    expectNoLeak(run, [password])
  })
})

describe('token cache', () => {
  let tokens: TokenServer
  let reg: RunningRegistry

  beforeAll(async () => {
    tokens = await startTokenServer({ service: 'svc-cache', expiresIn: 60 })
    reg = await startRegistry({ token: tokenAuthFor(tokens) })
    await pushImage(reg, 'cache/app', 'v1', {
      platform: amd64,
      layerSizes: [10],
      auth: tokens.pushAuth('admin')
    })
  })
  afterAll(async () => {
    await reg?.stop()
    await tokens?.stop()
  })

  test('a token is reused until its expiry, then fetched again', async () => {
    // The authenticator's clock is injected and moved on by hand; the token server and the
    // registry keep the real one.
    const started = Date.now()
    let now = started
    const http = new HttpClient({ timeoutMs: 5000, concurrency: 4 })
    const auth = new Authenticator(http, () => Promise.resolve(undefined), {
      allowsPlainHttp: () => true,
      now: () => now
    })
    const source = new RegistrySource(reg.host, http, auth, true)
    try {
      await source.fetchManifest('cache/app', 'v1')
      await source.fetchManifest('cache/app', 'v1')
      expect(auth.tokenRequests).toBe(1)
      // 30 s on, the 60 s token is still good.
      now = started + 30_000
      expect(auth.cached(reg.host, 'repository:cache/app:pull')).toMatch(/^Bearer /)
      // 61 s later the 60 s token is past its expiry (less the refresh margin).
      now = started + 61_000
      expect(auth.cached(reg.host, 'repository:cache/app:pull')).toBeUndefined()
      await auth.preemptive(reg.host, 'repository:cache/app:pull')
      expect(auth.tokenRequests).toBe(2)
    } finally {
      http.dispose()
    }
  })
})

describe('plain-http token realms', () => {
  test('an HTTPS registry may not send us to a plain-http realm', async () => {
    const http = new HttpClient({ timeoutMs: 2000, concurrency: 1 })
    const auth = new Authenticator(http, () => Promise.resolve({ username: 'u', password: 'p' }), {
      allowsPlainHttp: host => host.startsWith('127.')
    })
    const challenge = {
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="http://127.0.0.1:9/token",service="x"' },
      body: Buffer.alloc(0),
      url: 'https://registry.example/v2/a/manifests/b',
      hops: []
    }
    await expect(
      auth.onUnauthorized(
        'registry.example',
        'repository:a:pull',
        challenge,
        challenge.url,
        undefined
      )
    ).rejects.toThrow(/named a plain-http token realm \(http:\/\/127\.0\.0\.1:9\); refusing/)
    expect(http.totalRequests).toBe(0)
    http.dispose()
  })
})

describe('refresh tokens where the token endpoint has no OAuth2 POST', () => {
  let tokens: TokenServer
  let reg: RunningRegistry
  const refreshToken = 'only-basic-refresh'

  beforeAll(async () => {
    tokens = await startTokenServer({
      service: 'svc-nopost',
      oauthPost: false,
      requireAuth: true,
      users: { [ACR_GUID]: refreshToken }
    })
    reg = await startRegistry({ token: tokenAuthFor(tokens) })
    await pushImage(reg, 'acr/app', 'v1', {
      platform: amd64,
      layerSizes: [10],
      auth: tokens.pushAuth('admin')
    })
  })
  afterAll(async () => {
    await reg?.stop()
    await tokens?.stop()
  })

  test('the POST answers 404, and the GET with Basic follows', async () => {
    const ref = `${reg.host}/acr/app:v1`
    const run = await runAction({
      images: ref,
      registry: reg.host,
      username: ACR_GUID,
      password: refreshToken
    })
    expect(run.code).toBe(0)
    expect(tokens.requests.map(r => [r.method, r.status])).toEqual([
      ['POST', 404],
      ['GET', 200]
    ])
    expectNoLeak(run, [refreshToken])
  })
})

describe('a token endpoint that refuses a bundled request as a whole', () => {
  let tokens: TokenServer
  let reg: RunningRegistry
  let realm: Server
  let realmRequests: string[][]

  beforeAll(async () => {
    tokens = await startTokenServer({ service: 'svc-strict' })
    realmRequests = []
    // Stands in for realms that answer 403 to the whole request when one scope is denied.
    realm = createServer((req, res) => {
      const scopes = new URL(req.url ?? '/', 'http://x').searchParams.getAll('scope')
      realmRequests.push(scopes)
      if (scopes.some(s => s.includes('private/'))) {
        res.writeHead(403, { 'content-type': 'application/json' })
        res.end(
          '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}'
        )
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ token: tokens.mint('', scopes), expires_in: 300 }))
    })
    await new Promise<void>(resolve => realm.listen(0, '127.0.0.1', resolve))
    const port = (realm.address() as AddressInfo).port
    reg = await startRegistry({
      token: { ...tokenAuthFor(tokens), realm: `http://127.0.0.1:${port}/token` }
    })
    await pushImage(reg, 'public/app', 'v1', {
      platform: amd64,
      layerSizes: [10],
      auth: tokens.pushAuth('admin')
    })
    await pushImage(reg, 'private/app', 'v1', {
      platform: amd64,
      layerSizes: [10],
      auth: tokens.pushAuth('admin')
    })
  })
  afterAll(async () => {
    await reg?.stop()
    await tokens?.stop()
    await new Promise(resolve => realm?.close(resolve))
  })

  test('each repository then asks for itself, and only the denied one fails', async () => {
    const pub = `${reg.host}/public/app:v1`
    const priv = `${reg.host}/private/app:v1`
    const run = await runAction({ images: `${pub}\n${priv}` })
    expect(run.code).toBe(1)
    expect(digestsOf(run)[pub].error).toBeUndefined()
    expect(digestsOf(run)[priv].error).toMatch(
      /refused an anonymous token for repository:private\/app:pull with HTTP 403: DENIED/
    )
    // The bundled request first, then one per repository.
    expect(realmRequests[0]).toHaveLength(2)
    expect(realmRequests.slice(1).every(s => s.length === 1)).toBe(true)
  })
})
