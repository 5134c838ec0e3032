/**
 * The distribution API source in-process, against the real registry the integration suites
 * use (Debian's docker-registry through their harness): manifests, blobs, referrers by the
 * tag schema, the plain-HTTP fallback on loopback, and what its failures say.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpClient } from '../../../src/http/client.js'
import { DigestGateError } from '../../../src/model/errors.js'
import { Authenticator } from '../../../src/sources/registry/auth.js'
import { createCredentialLookup } from '../../../src/sources/registry/credentials.js'
import { RegistrySource } from '../../../src/sources/registry/registry-source.js'
import {
  ArtifactPresets,
  MediaTypes,
  type PushedImage,
  type PushedIndex,
  type RunningRegistry,
  basicAuth,
  pushArtifact,
  pushImage,
  pushIndex,
  pushReferrersTagIndex,
  startRegistry
} from '../../integration/harness/registry.js'

const amd64 = { os: 'linux', architecture: 'amd64' }
const arm64 = { os: 'linux', architecture: 'arm64' }

let reg: RunningRegistry
let locked: RunningRegistry
let dir: string
let children: PushedImage[]
let index: PushedIndex
const clients: HttpClient[] = []

beforeAll(async () => {
  ;[reg, locked] = await Promise.all([
    startRegistry(),
    startRegistry({ htpasswd: { alice: 's3cret' } })
  ])
  dir = await mkdtemp(join(tmpdir(), 'dg-registry-source-'))
  children = await Promise.all(
    [amd64, arm64].map(platform =>
      pushImage(reg, 'app', undefined, { platform, layerSizes: [300, 45] })
    )
  )
  index = await pushIndex(reg, 'app', '1', children)
  const auth = basicAuth('alice', 's3cret')
  await pushImage(locked, 'private', 'v1', { platform: amd64, layerSizes: [10], auth })
})

afterAll(async () => {
  for (const c of clients) c.dispose()
  await Promise.all([reg?.stop(), locked?.stop()])
  if (dir) await rm(dir, { recursive: true, force: true })
})

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

/** A source for `registry` as a run builds one: loopback may speak plain HTTP. */
function source(
  registry: string,
  explicit?: { registry: string; username: string; password: string }
): { source: RegistrySource; http: HttpClient } {
  const http = new HttpClient({ timeoutMs: 10_000, concurrency: 4, attempts: 1 })
  clients.push(http)
  const lookup = createCredentialLookup({ explicit, env: { HOME: dir, DOCKER_CONFIG: dir } })
  const auth = new Authenticator(http, lookup, { allowsPlainHttp: () => true })
  return { source: new RegistrySource(registry, http, auth, true), http }
}

async function failure(p: Promise<unknown>): Promise<DigestGateError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(DigestGateError)
  return e as DigestGateError
}

test('a tag answers the index bytes the registry stores, with its digest and type', async () => {
  const { source: s } = source(reg.host)
  const fetched = await s.fetchManifest('app', '1')
  expect(fetched.kind).toBe('manifest')
  expect(sha256(fetched.body)).toBe(index.digest)
  expect(fetched.claimedDigest).toBe(index.digest)
  expect(fetched.contentType).toBe(MediaTypes.dockerList)
  // A child by digest, as resolve reads it.
  const child = await s.fetchManifest('app', children[1].digest)
  expect(sha256(child.body)).toBe(children[1].digest)
  expect(await s.headManifest('app', '1')).toEqual({
    digest: index.digest,
    contentType: MediaTypes.dockerList
  })
})

test('blobs: a config read whole, a layer located by its size and host', async () => {
  const { source: s } = source(reg.host)
  const config = await s.fetchBlob('app', children[0].configDigest, 1 << 20)
  expect(sha256(config)).toBe(children[0].configDigest)
  expect(config.length).toBe(children[0].configSize)
  expect(await s.locateBlob('app', children[0].layers[0].digest)).toEqual({
    size: 300,
    servedBy: reg.host
  })
  expect((await s.locateBlob('app', children[0].layers[1].digest)).size).toBe(45)
})

test('loopback is tried over HTTPS once, then spoken to over plain HTTP', async () => {
  const { source: s, http } = source(reg.host)
  await s.fetchManifest('app', '1')
  await s.fetchManifest('app', '1')
  // The failed handshake is a connection, not a request: two requests, both plain HTTP.
  expect(http.failedTlsProbes.get(`https://${reg.host}`)).toBe(1)
  expect(http.requestsTo(`http://${reg.host}`)).toBe(2)
  expect(http.requestsTo(`https://${reg.host}`)).toBe(0)
})

test('an unknown tag is not-found, naming the registry, the manifest and its code', async () => {
  const { source: s } = source(reg.host)
  const e = await failure(s.fetchManifest('app', 'nope'))
  expect(e.kind).toBe('not-found')
  expect(e.status).toBe(404)
  expect(e.code).toBe('MANIFEST_UNKNOWN')
  expect(e.message).toMatch(
    new RegExp(
      `^${reg.host.replace(/\./g, '\\.')} answered HTTP 404 for manifest app:nope: MANIFEST_UNKNOWN`
    )
  )
  // A HEAD has no body: the same request as a GET says what the registry meant.
  const head = await failure(s.headManifest('app', 'nope'))
  expect(head.code).toBe('MANIFEST_UNKNOWN')
  const blob = await failure(s.fetchBlob('app', `sha256:${'0'.repeat(64)}`, 100))
  expect(blob.kind).toBe('not-found')
  expect(blob.message).toContain(`for blob sha256:${'0'.repeat(64)} in app`)
})

test('a registry behind Basic auth refuses anonymous reads and says so; the login reads', async () => {
  const anonymous = source(locked.host).source
  const e = await failure(anonymous.fetchManifest('private', 'v1'))
  expect(e.kind).toBe('unauthorized')
  expect(e.message).toBe(
    `${locked.host} requires Basic credentials and none were found (set username/password, or log in with docker login)`
  )
  const wrong = source(locked.host, { registry: locked.host, username: 'alice', password: 'x' })
  const refused = await failure(wrong.source.fetchManifest('private', 'v1'))
  expect(refused.message).toContain("the 'username'/'password' inputs were refused")
  const right = source(locked.host, {
    registry: locked.host,
    username: 'alice',
    password: 's3cret'
  })
  const fetched = await right.source.fetchManifest('private', 'v1')
  expect(fetched.contentType).toBe(MediaTypes.dockerManifest)
})

test('referrers: none listed is null; the tag schema lists what was attached', async () => {
  const { source: s, http } = source(reg.host)
  expect(await s.fetchReferrers('app', children[0].digest)).toBeNull()
  const subject = {
    digest: children[1].digest,
    mediaType: children[1].mediaType,
    size: children[1].size
  }
  const sig = await pushArtifact(reg, 'app', ArtifactPresets.cosignSignature(subject))
  await pushReferrersTagIndex(reg, 'app', children[1].digest, [sig])
  const answer = await s.fetchReferrers('app', children[1].digest)
  expect(answer?.via).toBe('referrers-tag')
  expect(answer?.referrers.map(r => r.digest)).toEqual([sig.digest])
  expect(answer?.notes).toEqual([])
  // distribution 2.8 has no referrers API: learnt from the first 404, asked only once.
  const asked = http.requestsTo(`http://${reg.host}`)
  await s.fetchReferrers('app', children[0].digest)
  expect(http.requestsTo(`http://${reg.host}`) - asked).toBe(1)
})
