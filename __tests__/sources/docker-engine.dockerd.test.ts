/**
 * src/sources/docker-engine.ts in process, against Debian's real dockerd (one per file, private
 * roots, started and stopped by the integration harness) reading the harness's real loopback
 * registries: what GET /distribution/{name}/json gives for each kind of image, what it cannot
 * give, credentials in X-Registry-Auth, API version negotiation, and the requests it costs,
 * counted both by the client and in the daemon's own log. No dockerd here is a failure, never
 * a skip: CI installs docker.io (scripts/install-test-deps.sh) and runs as root.
 */
import { existsSync } from 'node:fs'
import http from 'node:http'
import { HttpClient } from '../../src/http/client.js'
import type { Platform } from '../../src/model/platform.js'
import type { ImageRecord, PlatformRecord } from '../../src/model/record.js'
import { parseReference } from '../../src/model/reference.js'
import { resolveImage } from '../../src/resolve/resolve.js'
import type { Credential } from '../../src/sources/registry/credential.js'
import {
  DockerEngine,
  DockerEngineSource,
  parseDockerHost,
  registryAuthHeader
} from '../../src/sources/docker-engine.js'
import { type RunningDockerd, startDockerd } from '../integration/harness/dockerd.js'
import {
  MediaTypes,
  type PushedImage,
  type RunningRegistry,
  basicAuth,
  pushImage,
  pushIndex,
  startRegistry
} from '../integration/harness/registry.js'

const amd64 = { os: 'linux', architecture: 'amd64' }
const arm64 = { os: 'linux', architecture: 'arm64', variant: 'v8' }
const armv7 = { os: 'linux', architecture: 'arm', variant: 'v7' }
const user = 'engine-user'
const password = 'engine-Pa55'

const CHILDREN_NOTE =
  'source docker: per-platform digests, layer counts and sizes are not available from the Docker Engine API'
const NO_PLATFORMS_NOTE =
  'the Docker Engine listed no platforms; it does so for a single OCI manifest, whose platform only its config states'

let dockerd: RunningDockerd | undefined
let reg: RunningRegistry | undefined
let priv: RunningRegistry | undefined
/** The daemon's own API version, as its /version says (read here, not through the module). */
let daemonApi: string
let ociIndex: string
let dockerList: string
let dockerSingle: PushedImage
let ociSingle: PushedImage
let privateImage: PushedImage
const clients: HttpClient[] = []

function daemon(): RunningDockerd {
  if (!dockerd) throw new Error('dockerd did not start')
  return dockerd
}

function getJson(socketPath: string, path: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath, path, agent: false }, res => {
        let body = ''
        res.on('data', (d: Buffer) => (body += d.toString()))
        res.on('end', () => resolve(JSON.parse(body) as Record<string, unknown>))
      })
      .on('error', reject)
  })
}

beforeAll(async () => {
  // Every start is waited for and kept, so afterAll stops what did start when another failed.
  const started = await Promise.allSettled([
    startDockerd({ logCalls: true }).then(d => (dockerd = d)),
    startRegistry().then(r => (reg = r)),
    startRegistry({ htpasswd: { [user]: password } }).then(r => (priv = r))
  ])
  for (const s of started) if (s.status === 'rejected') throw s.reason
  const socket = daemon().socketHost.slice('unix://'.length)
  daemonApi = String((await getJson(socket, '/version')).ApiVersion)
  const r = reg as RunningRegistry
  const oci = [
    await pushImage(r, 'e/multi', undefined, { platform: amd64, layerSizes: [100], format: 'oci' }),
    await pushImage(r, 'e/multi', undefined, { platform: arm64, layerSizes: [200], format: 'oci' }),
    await pushImage(r, 'e/multi', undefined, { platform: armv7, layerSizes: [300], format: 'oci' })
  ]
  ociIndex = (await pushIndex(r, 'e/multi', 'oci', oci, { format: 'oci', attestations: true }))
    .digest
  const docker = [
    await pushImage(r, 'e/multi', undefined, { platform: amd64, layerSizes: [110] }),
    await pushImage(r, 'e/multi', undefined, { platform: arm64, layerSizes: [210] })
  ]
  dockerList = (await pushIndex(r, 'e/multi', 'docker', docker, { format: 'docker' })).digest
  dockerSingle = await pushImage(r, 'e/single', 'docker', {
    platform: arm64,
    layerSizes: [50],
    format: 'docker'
  })
  ociSingle = await pushImage(r, 'e/single', 'oci', {
    platform: amd64,
    layerSizes: [60],
    format: 'oci'
  })
  privateImage = await pushImage(priv as RunningRegistry, 'p/app', 'v1', {
    platform: armv7,
    layerSizes: [70],
    auth: basicAuth(user, password)
  })
}, 60_000)

afterAll(async () => {
  for (const c of clients) c.dispose()
  await Promise.all([dockerd?.stop(), reg?.stop(), priv?.stop()])
  // stop() removes the daemon's data and exec roots with the rest of its folder.
  if (dockerd) expect(existsSync(dockerd.dir)).toBe(false)
})

/** A new engine (so a new /_ping) with these credentials per registry; what onSecret heard. */
function engineAt(host = daemon().socketHost, credentials: Record<string, Credential> = {}) {
  const client = new HttpClient({ timeoutMs: 20_000, concurrency: 4 })
  clients.push(client)
  /** Each X-Registry-Auth value onSecret was told, and how many requests had gone out then. */
  const secrets: { secret: string; requestsBefore: number }[] = []
  const engine: DockerEngine = new DockerEngine(
    parseDockerHost(host),
    client,
    registry => Promise.resolve(credentials[registry]),
    secret => secrets.push({ secret, requestsBefore: engine.requests })
  )
  const resolve = (image: string): Promise<ImageRecord> => {
    const ref = parseReference(image)
    if (ref.kind !== 'registry') throw new Error(`${image} is not a registry reference`)
    return resolveImage(ref, new DockerEngineSource(ref.registry, engine))
  }
  return { engine, secrets, resolve }
}

/** A platform the daemon listed: its key and the platform as pushed; nothing else is known. */
function listed(platform: string, declared: Platform): PlatformRecord {
  return { platform, digest: null, mediaType: null, layers: null, size: null, declared }
}

/** What resolveImage makes of an answer the daemon gave. */
function described(
  image: string,
  fields: Pick<ImageRecord, 'digest' | 'mediaType' | 'platforms'> & Partial<ImageRecord>
): ImageRecord {
  return {
    image,
    ref: image,
    attestations: 0,
    missing: [],
    error: null,
    notes: [CHILDREN_NOTE],
    source: 'docker',
    ...fields
  }
}

/** The Engine API calls dockerd logged while `run` ran. */
async function callsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const before = (await daemon().calls()).length
  await run()
  return (await daemon().calls()).slice(before)
}

describe('a multi-platform image through resolveImage: the index digest and the listed platforms', () => {
  test('an OCI index with attestations: three platforms, attestations counted, nothing invented', async () => {
    const { engine, resolve } = engineAt()
    const image = `${reg?.host}/e/multi:oci`
    const record = await resolve(image)
    // The whole record: no per-platform digest, media type, layer count or size, and the note
    // saying why, since the Engine API gives none of them.
    expect(record).toEqual(
      described(image, {
        digest: ociIndex,
        mediaType: MediaTypes.ociIndex,
        platforms: [
          listed('linux/amd64', amd64),
          listed('linux/arm64', arm64),
          listed('linux/arm/v7', armv7)
        ],
        attestations: 3
      })
    )
    expect(engine.requests).toBe(2)
  })

  test('a Docker manifest list', async () => {
    const { engine, resolve } = engineAt()
    const image = `${reg?.host}/e/multi:docker`
    expect(await resolve(image)).toEqual(
      described(image, {
        digest: dockerList,
        mediaType: MediaTypes.dockerList,
        platforms: [listed('linux/amd64', amd64), listed('linux/arm64', arm64)]
      })
    )
    expect(engine.requests).toBe(2)
  })

  test("the source's explanation is what the record says, and names what is missing", () => {
    const source = new DockerEngineSource('r.example', engineAt().engine)
    expect(source.explain('children')).toBe(CHILDREN_NOTE)
    expect(source.explain('platforms')).toBe(NO_PLATFORMS_NOTE)
    expect(source.abilities).toEqual({
      exactBytes: false,
      manifestsByDigest: false,
      blobs: false,
      blobSizes: false
    })
  })

  test('a pinned index digest is asked for by digest, and checked', async () => {
    const { resolve } = engineAt()
    const image = `${reg?.host}/e/multi@${ociIndex}`
    const record = await resolve(image)
    expect(record.digest).toBe(ociIndex)
    expect(record.platforms.map(p => p.platform)).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/arm/v7'
    ])
  })
})

describe('a single-platform image', () => {
  test('a Docker v2 manifest: the daemon reads the platform from its config', async () => {
    const { engine, resolve } = engineAt()
    const image = `${reg?.host}/e/single:docker`
    expect(await resolve(image)).toEqual(
      described(image, {
        digest: dockerSingle.digest,
        mediaType: MediaTypes.dockerManifest,
        platforms: [listed('linux/arm64', arm64)]
      })
    )
    expect(engine.requests).toBe(2)
  })

  test('an OCI manifest: the daemon lists no platform, and the record says so', async () => {
    const { resolve } = engineAt()
    const image = `${reg?.host}/e/single:oci`
    expect(await resolve(image)).toEqual(
      described(image, {
        digest: ociSingle.digest,
        mediaType: MediaTypes.ociManifest,
        platforms: [],
        notes: [NO_PLATFORMS_NOTE, CHILDREN_NOTE]
      })
    )
  })
})

describe('a tag that does not exist', () => {
  test('not-found, naming the image, the Engine and what the registry said', async () => {
    const { engine, resolve } = engineAt()
    const image = `${reg?.host}/e/multi:nope`
    const record = await resolve(image)
    expect(record.digest).toBeNull()
    expect(record.platforms).toEqual([])
    expect(record.errorDetail).toMatchObject({ kind: 'not-found', registry: reg?.host })
    expect(record.error).toMatch(
      new RegExp(
        `^${esc(image)}: Docker Engine at ${esc(daemon().socketHost)} answered HTTP 404 for ${esc(`${reg?.host}/e/multi`)}: manifest unknown`
      )
    )
    expect(engine.requests).toBe(2)
  })
})

describe('a repository that needs credentials (htpasswd registry)', () => {
  const right = (): Record<string, Credential> => ({
    [priv?.host ?? '']: { username: user, password }
  })

  test('anonymous: unauthorized, saying the Engine cannot tell private from missing', async () => {
    const { engine, secrets, resolve } = engineAt()
    const image = `${priv?.host}/p/app:v1`
    const record = await resolve(image)
    expect(record.digest).toBeNull()
    expect(record.errorDetail).toMatchObject({ kind: 'unauthorized', registry: priv?.host })
    // dockerd 20.10 answers 500 "no basic auth credentials" for a Basic realm; newer ones 401.
    expect(record.error).toMatch(
      new RegExp(
        `^${esc(image)}: Docker Engine at ${esc(daemon().socketHost)} answered HTTP (401|500) for ${esc(`${priv?.host}/p/app`)}: .*(no basic auth credentials|unauthorized).*The Engine says this both when the image does not exist and when it needs credentials the daemon was not given\\.$`
      )
    )
    expect(secrets).toEqual([])
    expect(engine.requests).toBe(2)
  })

  test('the right Basic credentials pass in X-Registry-Auth, told to onSecret before they are sent', async () => {
    const { engine, secrets, resolve } = engineAt(daemon().socketHost, right())
    const image = `${priv?.host}/p/app:v1`
    expect(await resolve(image)).toEqual(
      described(image, {
        digest: privateImage.digest,
        mediaType: MediaTypes.dockerManifest,
        platforms: [listed('linux/arm/v7', armv7)]
      })
    )
    // Told before anything went to the daemon; the daemon's answer shows it was then sent.
    const header = registryAuthHeader({ username: user, password }, priv?.host ?? '')
    expect(secrets).toEqual([{ secret: header, requestsBefore: 0 }])
    expect(engine.requests).toBe(2)
    // Every image sends it again, and tells onSecret again, first.
    await resolve(`${priv?.host}/p/app:v1`)
    expect(secrets).toEqual([
      { secret: header, requestsBefore: 0 },
      { secret: header, requestsBefore: 2 }
    ])
    expect(engine.requests).toBe(3)
  })

  test('the right credentials also pass to a daemon on loopback TCP', async () => {
    const { secrets, resolve } = engineAt(daemon().tcpHost, right())
    const record = await resolve(`${priv?.host}/p/app:v1`)
    expect(record.error).toBeNull()
    expect(record.digest).toBe(privateImage.digest)
    expect(secrets).toHaveLength(1)
  })

  test('wrong credentials: unauthorized, saying the ones given were refused', async () => {
    const origin = "the 'username'/'password' inputs"
    const wrong = { [priv?.host ?? '']: { username: user, password: 'not-the-password', origin } }
    const { engine, secrets, resolve } = engineAt(daemon().socketHost, wrong)
    const image = `${priv?.host}/p/app:v1`
    const record = await resolve(image)
    expect(record.digest).toBeNull()
    expect(record.errorDetail).toMatchObject({ kind: 'unauthorized', registry: priv?.host })
    expect(record.error).toMatch(
      new RegExp(
        `^${esc(image)}: Docker Engine at ${esc(daemon().socketHost)} answered HTTP (401|500) for ${esc(`${priv?.host}/p/app`)}: .*unauthorized.*The credentials given for ${esc(priv?.host ?? '')} \\(user ${user}, from ${origin}\\) were sent; the registry refused them, or the image does not exist\\.$`
      )
    )
    expect(record.error).not.toContain('not-the-password')
    expect(secrets.map(s => s.secret)).toEqual([
      registryAuthHeader({ username: user, password: 'not-the-password' }, priv?.host ?? '')
    ])
    expect(engine.requests).toBe(2)
  })

  test('with the right credentials, a missing tag is told apart: not-found', async () => {
    const { resolve } = engineAt(daemon().socketHost, right())
    const record = await resolve(`${priv?.host}/p/app:nope`)
    expect(record.errorDetail?.kind).toBe('not-found')
  })
})

describe('API version negotiation and the requests an image costs', () => {
  test("negotiate() takes the daemon's API version from one /_ping, once per engine", async () => {
    const { engine } = engineAt()
    let versions: string[] = []
    const calls = await callsDuring(async () => {
      versions = await Promise.all([engine.negotiate(), engine.negotiate()])
      versions.push(await engine.negotiate())
    })
    expect(versions).toEqual([daemonApi, daemonApi, daemonApi])
    expect(calls).toEqual(['GET /_ping'])
    expect(engine.requests).toBe(1)
  })

  test('one /_ping per engine, then one GET /distribution per image, whatever it answers', async () => {
    const { engine, resolve } = engineAt()
    const images = [
      `${reg?.host}/e/multi:oci`,
      `${reg?.host}/e/multi:docker`,
      `${reg?.host}/e/single:docker`,
      `${reg?.host}/e/multi@${ociIndex}`,
      `${reg?.host}/e/multi:nope`,
      `${priv?.host}/p/app:v1`
    ]
    const counts: number[] = []
    const calls = await callsDuring(async () => {
      for (const image of images) {
        await resolve(image)
        counts.push(engine.requests)
      }
    })
    expect(counts).toEqual([2, 3, 4, 5, 6, 7])
    // The daemon's own log agrees with the client's count, call for call.
    expect(calls).toEqual([
      'GET /_ping',
      ...images.map(image => `GET /v${daemonApi}/distribution/${image}/json`)
    ])
  })
})

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
