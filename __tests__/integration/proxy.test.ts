/**
 * The built action behind a real forward proxy (Debian's tinyproxy, which asks for Basic
 * credentials here), with registries that are not loopback by name: the real registry over
 * TLS with a self-signed certificate, and over plain HTTP, both asking for Basic credentials.
 * The proxy's own log says what it was asked: a `CONNECT host:port` carries TLS it cannot
 * read; a `GET http://…` is plain HTTP it reads whole.
 */
import net from 'node:net'
import os from 'node:os'
import tls from 'node:tls'
import { readFile } from 'node:fs/promises'
import { type ActionRun, digestsOf, runAction } from './harness/action.js'
import {
  type PushedIndex,
  type RunningRegistry,
  basicAuth,
  pushImage,
  pushIndex,
  startRegistry
} from './harness/registry.js'
import { type RunningProxy, startTinyproxy } from './harness/tinyproxy.js'
import { type SelfSigned, selfSignedCertificate } from './harness/tls.js'

const USER = 'ci-bot'
const PASSWORD = 'Registry-Pa55-behind-proxy'
const PROXY_USER = 'alice'
const PROXY_PASSWORD = 'Proxy-Pa55-word'
const PLATFORMS = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' }
]

async function seed(reg: RunningRegistry): Promise<PushedIndex> {
  const auth = basicAuth(USER, PASSWORD)
  const children = await Promise.all(
    PLATFORMS.map(platform =>
      pushImage(reg, 'proxied/app', undefined, { platform, layerSizes: [16], seed: 'p', auth })
    )
  )
  return pushIndex(reg, 'proxied/app', 'v1', children, { auth })
}

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

const masked = (run: ActionRun, secret: string): boolean =>
  run.stdout.split('\n').includes(`::add-mask::${secret}`)

const SECRETS = [
  PASSWORD,
  Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
  PROXY_PASSWORD,
  Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')
]

// This machine's own name stands for a remote host: not loopback by name, so proxied, yet it
// resolves here, for the proxy too (tls-registries.test.ts has the control).
const name = os.hostname()
let cert: SelfSigned
let tlsReg: RunningRegistry
let plainReg: RunningRegistry
let proxy: RunningProxy
let tlsHost: string
let plainHost: string
let pushedTls: PushedIndex
let pushedPlain: PushedIndex
let proxyUrl: string

beforeAll(async () => {
  cert = await selfSignedCertificate([name])
  tlsReg = await startRegistry({
    tls: { certificate: cert.certificate, key: cert.key },
    htpasswd: { [USER]: PASSWORD }
  })
  plainReg = await startRegistry({ htpasswd: { [USER]: PASSWORD } })
  pushedTls = await seed(tlsReg)
  pushedPlain = await seed(plainReg)
  proxy = await startTinyproxy({ users: { [PROXY_USER]: PROXY_PASSWORD } })
  proxyUrl = proxy.url.replace('//', `//${PROXY_USER}:${PROXY_PASSWORD}@`)
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

/** The action with `host`'s credentials, behind the proxy (both variables unless `env` says). */
function run(host: string, inputs: Record<string, string>, env?: Record<string, string>) {
  return runAction(
    {
      images: `${host}/proxied/app:v1`,
      registry: host,
      username: USER,
      password: PASSWORD,
      ...inputs
    },
    env ?? { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl }
  )
}

describe('an insecure-registries host with a self-signed certificate, behind HTTPS_PROXY', () => {
  test('tunnelled, its certificate not verified: resolves, and nothing crosses the proxy in the clear', async () => {
    const result = await run(tlsHost, { 'insecure-registries': tlsHost })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(digestsOf(result)[`${tlsHost}/proxied/app:v1`]?.digest).toBe(pushedTls.digest)
    const asked = await proxy.requests()
    // Only tunnels: the registry's credentials travelled inside TLS the proxy cannot read.
    expect(new Set(asked)).toEqual(new Set([`CONNECT ${tlsHost}`]))
    // Tunnels are kept alive: fewer than the requests they carried.
    expect(asked.length).toBeLessThan(result.report?.run?.requests ?? 0)
    expect(masked(result, PROXY_PASSWORD)).toBe(true)
    expectNoLeak(result, SECRETS)
  })

  test('the same host not listed: refused with the certificate message, no secret in it', async () => {
    const result = await run(tlsHost, {})
    expect(result.code).toBe(1)
    expect(digestsOf(result)[`${tlsHost}/proxied/app:v1`]?.error).toMatch(
      /TLS certificate was refused \(DEPTH_ZERO_SELF_SIGNED_CERT\).*insecure-registries/
    )
    expect(new Set(await proxy.requests())).toEqual(new Set([`CONNECT ${tlsHost}`]))
    expectNoLeak(result, SECRETS)
  })
})

describe('a plain-HTTP registry behind the proxy', () => {
  test('listed: one HTTPS probe through a tunnel, then plain HTTP through HTTP_PROXY', async () => {
    const result = await run(plainHost, { 'insecure-registries': plainHost })
    expect(result.code).toBe(0)
    expect(digestsOf(result)[`${plainHost}/proxied/app:v1`]?.digest).toBe(pushedPlain.digest)
    const [probe, ...plain] = await proxy.requests()
    expect(probe).toBe(`CONNECT ${plainHost}`)
    // Absolute-URI requests, as Docker sends plain HTTP to a proxy: each one the run counted.
    expect(plain.length).toBe(result.report?.run?.requests)
    for (const line of plain)
      expect(line).toMatch(new RegExp(`^(GET|HEAD) http://${plainHost}/v2/`))
    expectNoLeak(result, SECRETS)
  })

  test('listed, only HTTPS_PROXY set: the plain-HTTP requests go direct, as with Docker', async () => {
    const result = await run(
      plainHost,
      { 'insecure-registries': plainHost },
      { HTTPS_PROXY: proxyUrl }
    )
    expect(result.code).toBe(0)
    expect(await proxy.requests()).toEqual([`CONNECT ${plainHost}`])
  })

  test('not listed: nothing is sent in the clear, and the message says why', async () => {
    const result = await run(plainHost, {})
    expect(result.code).toBe(1)
    expect(digestsOf(result)[`${plainHost}/proxied/app:v1`]?.error).toMatch(
      /did not answer over HTTPS .*list it in insecure-registries/
    )
    expect(new Set(await proxy.requests())).toEqual(new Set([`CONNECT ${plainHost}`]))
    expectNoLeak(result, SECRETS)
  })
})

test('a loopback registry is never proxied, with NO_PROXY unset', async () => {
  const result = await run(plainReg.host, {})
  expect(result.code).toBe(0)
  expect(digestsOf(result)[`${plainReg.host}/proxied/app:v1`]?.digest).toBe(pushedPlain.digest)
  expect(await proxy.requests()).toEqual([])
})

test("the proxy refuses the run's proxy credentials: the message names the proxy, never the password", async () => {
  const wrong = proxy.url.replace('//', `//${PROXY_USER}:Wrong-Proxy-Pa55@`)
  const result = await run(tlsHost, { 'insecure-registries': tlsHost }, { HTTPS_PROXY: wrong })
  expect(result.code).toBe(1)
  expect(digestsOf(result)[`${tlsHost}/proxied/app:v1`]?.error).toContain(
    `the proxy ${proxy.host} refused the user and password in its URL to reach ${tlsHost}`
  )
  expect(await proxy.requests()).toEqual([`CONNECT ${tlsHost}`])
  expectNoLeak(result, [...SECRETS, 'Wrong-Proxy-Pa55'])
})

/**
 * A proxy spoken to over TLS (`https://` in the proxy URL): tinyproxy speaks none, so a small
 * TLS front that only unwraps the bytes and passes them on stands before it.
 */
describe('a proxy reached over TLS', () => {
  let front: tls.Server
  let frontUrl: string
  const open = new Set<net.Socket>()
  beforeAll(async () => {
    const [certificate, key] = await Promise.all([readFile(cert.certificate), readFile(cert.key)])
    front = tls.createServer({ cert: certificate, key }, client => {
      const upstream = net.connect(Number(new URL(proxy.url).port), '127.0.0.1')
      for (const s of [client, upstream]) {
        open.add(s)
        s.once('close', () => open.delete(s))
      }
      client.pipe(upstream).pipe(client)
      client.on('error', () => upstream.destroy())
      upstream.on('error', () => client.destroy())
    })
    await new Promise<void>(resolve => front.listen(0, '127.0.0.1', resolve))
    const port = (front.address() as net.AddressInfo).port
    frontUrl = `https://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${port}`
  })
  afterAll(async () => {
    for (const s of open) s.destroy()
    await new Promise(resolve => front?.close(resolve))
  })

  test('tunnels and plain HTTP both go through it, its certificate verified', async () => {
    const result = await run(
      plainHost,
      { 'insecure-registries': plainHost },
      { HTTPS_PROXY: frontUrl, HTTP_PROXY: frontUrl, NODE_EXTRA_CA_CERTS: cert.certificate }
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(digestsOf(result)[`${plainHost}/proxied/app:v1`]?.digest).toBe(pushedPlain.digest)
    const [probe, ...plain] = await proxy.requests()
    expect(probe).toBe(`CONNECT ${plainHost}`)
    expect(plain.length).toBe(result.report?.run?.requests)
    expectNoLeak(result, SECRETS)
  })

  test('a proxy certificate Node does not trust: refused, naming the proxy and what to do', async () => {
    const result = await run(tlsHost, {}, { HTTPS_PROXY: frontUrl })
    expect(result.code).toBe(1)
    const port = new URL(frontUrl).port
    expect(digestsOf(result)[`${tlsHost}/proxied/app:v1`]?.error).toContain(
      `the proxy 127.0.0.1:${port}'s TLS certificate was refused (DEPTH_ZERO_SELF_SIGNED_CERT) on the way to ${tlsHost}; give Node its CA with NODE_EXTRA_CA_CERTS`
    )
    expect(await proxy.requests()).toEqual([])
    expectNoLeak(result, SECRETS)
  })
})
