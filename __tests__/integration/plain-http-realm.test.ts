/**
 * Plain HTTP is allowed per host, not per registry: a loopback registry (allowed plain HTTP
 * because it is loopback) that names a plain-http token realm on another host does not get
 * our Basic credentials sent there. The real registry in token mode, the real token server,
 * the built action. The realm's host is this machine's own name: not loopback by name (the
 * rule reads names), yet it resolves here, so a request sent there would arrive; the control
 * test proves it does.
 */
import os from 'node:os'
import { digestsOf, runAction } from './harness/action.js'
import {
  type RunningRegistry,
  basicAuth,
  pushImage,
  request,
  startRegistry
} from './harness/registry.js'
import { type TokenServer, startTokenServer, tokenAuthFor } from './harness/token-server.js'

const name = os.hostname()
const password = 'realm-secret-Pw1'
let tokens: TokenServer
let reg: RunningRegistry
let remoteRealm: string

beforeAll(async () => {
  tokens = await startTokenServer({
    service: 'svc-realm',
    users: { alice: password },
    requireAuth: true
  })
  remoteRealm = tokens.realm.replace('127.0.0.1', name)
  reg = await startRegistry({ token: { ...tokenAuthFor(tokens), realm: remoteRealm } })
  await pushImage(reg, 'realm/app', 'v1', {
    platform: { os: 'linux', architecture: 'amd64' },
    layerSizes: [8],
    auth: tokens.pushAuth('alice')
  })
})
afterAll(async () => {
  await reg?.stop()
  await tokens?.stop()
})

const inputs = (): Record<string, string> => ({
  images: `${reg.host}/realm/app:v1`,
  registry: reg.host,
  username: 'alice',
  password
})

test('a plain-http realm on a host not allowed plain HTTP gets nothing, and the image says why', async () => {
  tokens.requests.length = 0
  const run = await runAction(inputs())
  expect(run.code).toBe(1)
  const origin = new URL(remoteRealm).origin
  expect(digestsOf(run)[`${reg.host}/realm/app:v1`]?.error).toContain(
    `named a plain-http token realm on another host (${origin}); refusing to send credentials or trust tokens over http to a host that is neither loopback nor in insecure-registries`
  )
  expect(tokens.requests).toHaveLength(0)
})

test('control: the realm URL reaches the token server from here', async () => {
  tokens.requests.length = 0
  const res = await request(`${remoteRealm}?service=svc-realm`, {
    headers: { authorization: basicAuth('alice', password) }
  })
  expect(res.status).toBe(200)
  expect(tokens.requests).toHaveLength(1)
})

test('listing the realm host in insecure-registries allows it, on its own merits', async () => {
  tokens.requests.length = 0
  const run = await runAction({ ...inputs(), 'insecure-registries': new URL(remoteRealm).host })
  expect(run.code).toBe(0)
  expect(tokens.requests.length).toBeGreaterThan(0)
  expect(tokens.requests[0].authorization).toBe(basicAuth('alice', password))
})
