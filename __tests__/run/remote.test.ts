/**
 * What a run uses to reach remotes, in-process against the real registry the integration
 * suites use (and their fault front, for a header only Docker Hub sends): one source per
 * registry, which hosts may speak plain HTTP, credentials and the secrets they hand over, the
 * run's deadline, and the sources `source` asks for.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DigestGateError } from '../../src/model/errors.js'
import { Remote } from '../../src/run/remote.js'
import { type Settings, parseSettings } from '../../src/run/settings.js'
import { RegistrySource } from '../../src/sources/registry/registry-source.js'
import { type FaultFront, startFaultFront } from '../integration/harness/fault-front.js'
import {
  MediaTypes,
  type PushedIndex,
  type RunningRegistry,
  basicAuth,
  pushImage,
  pushIndex,
  startRegistry
} from '../integration/harness/registry.js'

const amd64 = { os: 'linux', architecture: 'amd64' }

let reg: RunningRegistry
let locked: RunningRegistry
let front: FaultFront
let dir: string
let index: PushedIndex
/** Nothing of the host's: no docker login, no GITHUB_TOKEN. */
let env: NodeJS.ProcessEnv
const remotes: Remote[] = []

beforeAll(async () => {
  ;[reg, locked] = await Promise.all([
    startRegistry(),
    startRegistry({ htpasswd: { bob: 'hunter22' } })
  ])
  dir = await mkdtemp(join(tmpdir(), 'dg-remote-'))
  env = { HOME: dir, DOCKER_CONFIG: join(dir, 'docker-config') }
  const child = await pushImage(reg, 'app', undefined, { platform: amd64, layerSizes: [20] })
  index = await pushIndex(reg, 'app', '1', [child])
  await pushImage(locked, 'private', 'v1', {
    platform: amd64,
    layerSizes: [20],
    auth: basicAuth('bob', 'hunter22')
  })
  front = await startFaultFront(reg.url)
})

afterAll(async () => {
  for (const r of remotes) r.dispose()
  await Promise.all([reg?.stop(), locked?.stop(), front?.stop()])
  if (dir) await rm(dir, { recursive: true, force: true })
})

function remote(
  settings: Settings,
  extra: { deadline?: number; onSecret?: (s: string) => void; env?: NodeJS.ProcessEnv } = {}
): Remote {
  const r = new Remote({
    settings,
    env: extra.env ?? env,
    deadline: extra.deadline ?? Number.MAX_SAFE_INTEGER,
    onSecret: extra.onSecret,
    scopes: new Map()
  })
  remotes.push(r)
  return r
}

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

test('one registry source per registry, reading the real registry through the one client', async () => {
  const r = remote(parseSettings({ images: `${reg.host}/app:1` }))
  const source = await r.sourceFor(reg.host)
  expect(source).toBeInstanceOf(RegistrySource)
  expect(source).toBe(r.registry(reg.host))
  expect(r.registry(locked.host)).not.toBe(source)
  const fetched = await r.registry(reg.host).fetchManifest('app', '1')
  expect(sha256(fetched.body)).toBe(index.digest)
  // Loopback: probed over HTTPS once, then one plain-HTTP request, counted by the run's client.
  expect(r.http.requestsTo(`http://${reg.host}`)).toBe(1)
  expect(r.http.totalRequests).toBe(1)
})

test('plain HTTP: loopback always, other hosts only when listed in insecure-registries', () => {
  const r = remote(parseSettings({ images: 'x', 'insecure-registries': 'Registry.Internal:5000' }))
  expect(r.allowsPlainHttp('127.0.0.1:5000')).toBe(true)
  expect(r.allowsPlainHttp('localhost:5000')).toBe(true)
  expect(r.allowsPlainHttp('[::1]:5000')).toBe(true)
  expect(r.allowsPlainHttp('registry.internal:5000')).toBe(true)
  expect(r.allowsPlainHttp('REGISTRY.INTERNAL:5000')).toBe(true)
  expect(r.allowsPlainHttp('registry.internal')).toBe(false)
  expect(r.allowsPlainHttp('ghcr.io')).toBe(false)
})

test('the username/password inputs log in, and the password is handed over as a secret', async () => {
  const secrets: string[] = []
  const settings = parseSettings({
    images: `${locked.host}/private:v1`,
    registry: locked.host,
    username: 'bob',
    password: 'hunter22'
  })
  const r = remote(settings, { onSecret: s => secrets.push(s) })
  const fetched = await (await r.sourceFor(locked.host)).fetchManifest('private', 'v1')
  expect(fetched.kind).toBe('manifest')
  expect(secrets).toContain('hunter22')
  // Without them the same registry refuses, naming itself.
  const anonymous = remote(parseSettings({ images: `${locked.host}/private:v1` }))
  await expect(
    anonymous.registry(locked.host).fetchManifest('private', 'v1')
  ).rejects.toMatchObject({ kind: 'unauthorized', status: 401 })
})

test("nothing is sent once the run's deadline has passed", async () => {
  const r = remote(parseSettings({ images: `${reg.host}/app:1` }), { deadline: 0 })
  const e = await r
    .registry(reg.host)
    .fetchManifest('app', '1')
    .catch((err: unknown) => err)
  expect(e).toBeInstanceOf(DigestGateError)
  expect((e as DigestGateError).kind).toBe('timeout')
  expect((e as DigestGateError).message).toContain("the run's overall time limit was reached")
  expect(r.http.totalRequests).toBe(0)
})

test('the latest ratelimit-remaining each registry sent is kept for the summary', async () => {
  const res = await fetch(`${reg.url}/v2/app/manifests/1`, {
    headers: { accept: MediaTypes.dockerList }
  })
  const manifest = await res.arrayBuffer()
  front.setRules([
    {
      path: /\/manifests\/1$/,
      fault: {
        kind: 'body',
        body: Buffer.from(manifest),
        contentType: MediaTypes.dockerList,
        headers: { 'ratelimit-remaining': '97;w=21600', 'docker-content-digest': index.digest }
      }
    }
  ])
  const r = remote(parseSettings({ images: `${front.host}/app:1` }))
  expect(r.rateLimits()).toEqual({})
  await r.registry(front.host).fetchManifest('app', '1')
  await r.registry(reg.host).fetchManifest('app', '1')
  expect(r.rateLimits()).toEqual({ [front.host]: '97;w=21600' })
})

test("source docker and aliyun: one source per registry, of the kind 'source' names", async () => {
  const docker = remote(
    { ...parseSettings({ images: 'x' }), source: 'docker' },
    { env: { ...env, DOCKER_HOST: `unix://${join(dir, 'docker.sock')}` } }
  )
  const engine = await docker.sourceFor('docker.io')
  expect(engine.kind).toBe('docker')
  expect(engine.label).toBe(`Docker Engine at unix://${join(dir, 'docker.sock')}`)
  expect(await docker.sourceFor('docker.io')).toBe(engine)
  expect(await docker.sourceFor('ghcr.io')).not.toBe(engine)

  const aliyun = remote(
    parseSettings({
      images: 'x',
      source: 'aliyun',
      'aliyun-region': 'cn-hangzhou',
      'aliyun-access-key-id': 'id',
      'aliyun-access-key-secret': 'secret'
    })
  )
  const api = await aliyun.sourceFor('registry.cn-hangzhou.aliyuncs.com')
  expect(api.kind).toBe('aliyun')
  expect(await aliyun.sourceFor('registry.cn-hangzhou.aliyuncs.com')).toBe(api)
})

test('source aliyun without its settings is refused, naming the inputs it needs', async () => {
  const r = remote({ ...parseSettings({ images: 'x' }), source: 'aliyun' })
  await expect(r.sourceFor('registry.cn-hangzhou.aliyuncs.com')).rejects.toMatchObject({
    kind: 'invalid-input',
    message:
      "Input 'source': 'aliyun' was given without its Alibaba Cloud settings; expected aliyun-region and the aliyun-access-key-* inputs"
  })
})
