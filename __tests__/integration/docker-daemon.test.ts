/**
 * `source: docker` against Debian's real dockerd (started by the test, private roots, no
 * networking of its own), whose GET /distribution/{name}/json reads the loopback registry.
 */
import { type ActionRun, digestsOf, runAction } from './harness/action.js'
import { type RunningDockerd, startDockerd } from './harness/dockerd.js'
import {
  type PushedImage,
  type RunningRegistry,
  basicAuth,
  pushImage,
  pushIndex,
  startRegistry
} from './harness/registry.js'

const amd64 = { os: 'linux', architecture: 'amd64' }
const arm64 = { os: 'linux', architecture: 'arm64', variant: 'v8' }
const armv7 = { os: 'linux', architecture: 'arm', variant: 'v7' }
const user = 'daemon-user'
const password = 'daemon-Pa55'

let dockerd: RunningDockerd
let reg: RunningRegistry
let priv: RunningRegistry
let list: { digest: string; children: PushedImage[] }
let dockerSingle: PushedImage
let ociSingle: PushedImage
let privateIndex: string

beforeAll(async () => {
  // Every start is waited for and kept, so afterAll stops what did start when another failed.
  const started = await Promise.allSettled([
    startDockerd().then(d => (dockerd = d)),
    startRegistry().then(r => (reg = r)),
    startRegistry({ htpasswd: { [user]: password } }).then(r => (priv = r))
  ])
  for (const s of started) if (s.status === 'rejected') throw s.reason
  const children = [
    await pushImage(reg, 'd/app', undefined, { platform: amd64, layerSizes: [100], format: 'oci' }),
    await pushImage(reg, 'd/app', undefined, { platform: arm64, layerSizes: [200], format: 'oci' }),
    await pushImage(reg, 'd/app', undefined, { platform: armv7, layerSizes: [300], format: 'oci' })
  ]
  list = {
    digest: (await pushIndex(reg, 'd/app', 'v1', children, { format: 'oci', attestations: true }))
      .digest,
    children
  }
  dockerSingle = await pushImage(reg, 'd/single', 'docker', {
    platform: arm64,
    layerSizes: [50],
    format: 'docker'
  })
  ociSingle = await pushImage(reg, 'd/single', 'oci', {
    platform: amd64,
    layerSizes: [60],
    format: 'oci'
  })
  const auth = basicAuth(user, password)
  const privChildren = [
    await pushImage(priv, 'p/app', undefined, { platform: amd64, layerSizes: [70], auth })
  ]
  privateIndex = (await pushIndex(priv, 'p/app', 'v1', privChildren, { auth })).digest
}, 90_000)

afterAll(async () => {
  await Promise.all([dockerd?.stop(), reg?.stop(), priv?.stop()])
})

function viaDaemon(
  images: string[],
  inputs: Record<string, string> = {},
  host = dockerd.socketHost
): Promise<ActionRun> {
  return runAction(
    { images: images.join('\n'), source: 'docker', ...inputs },
    { DOCKER_HOST: host }
  )
}

describe('source: docker', () => {
  test('an OCI index: top digest and platforms, attestations dropped from platforms, no invented figures', async () => {
    const image = `${reg.host}/d/app:v1`
    const r = await viaDaemon([image], {
      platforms: 'linux/amd64,linux/arm64,linux/arm/v7,linux/s390x'
    })
    expect(r.code).toBe(0)
    const d = digestsOf(r)[image]
    expect(d.digest).toBe(list.digest)
    expect(d.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(d.platforms).toEqual({ 'linux/amd64': null, 'linux/arm64': null, 'linux/arm/v7': null })
    const report = r.report?.images[0]
    expect(report?.source).toBe('docker')
    expect(report?.attestations).toBe(3)
    expect(
      report?.platforms.every(p => p.digest === null && p.layers === null && p.size === null)
    ).toBe(true)
    expect(report?.missing).toEqual(['linux/s390x'])
    expect(r.summary).toContain(
      'The Docker Engine API gives no per-platform digests, layer counts or sizes'
    )
    expect(r.summary).toContain('| <code>linux/arm64</code> | <code>n/a</code> | n/a | n/a |')
    expect(r.outputs.pinned).toBe(`${image}@${list.digest}`)
  })

  test('a single Docker v2 manifest: the daemon reads the platform from its config', async () => {
    const image = `${reg.host}/d/single:docker`
    const r = await viaDaemon([image])
    expect(digestsOf(r)[image]).toMatchObject({
      digest: dockerSingle.digest,
      platforms: { 'linux/arm64': null }
    })
  })

  test('a single OCI manifest: the daemon lists no platforms, and the report says why', async () => {
    const image = `${reg.host}/d/single:oci`
    const r = await viaDaemon([image])
    expect(digestsOf(r)[image]).toMatchObject({ digest: ociSingle.digest, platforms: {} })
    expect(r.report?.images[0].notes.join(' ')).toMatch(
      /listed no platforms; it does so for a single OCI manifest/
    )
  })

  test('a pinned digest is checked against what the daemon answers', async () => {
    const image = `${reg.host}/d/app@${list.digest}`
    const r = await viaDaemon([image])
    expect(digestsOf(r)[image].digest).toBe(list.digest)
  })

  test('tcp:// DOCKER_HOST works too', async () => {
    const image = `${reg.host}/d/app:v1`
    const r = await viaDaemon([image], {}, dockerd.tcpHost)
    expect(digestsOf(r)[image].digest).toBe(list.digest)
  })

  test('credentials travel in X-Registry-Auth', async () => {
    const image = `${priv.host}/p/app:v1`
    const r = await viaDaemon([image], { registry: priv.host, username: user, password })
    expect(r.code).toBe(0)
    expect(digestsOf(r)[image].digest).toBe(privateIndex)
    expect(
      r.stdout
        .split('\n')
        .filter(l => !l.startsWith('::add-mask::'))
        .join('\n')
    ).not.toContain(password)
  })

  test('private without credentials, or missing: the message says the Engine cannot tell which', async () => {
    const image = `${priv.host}/p/app:v1`
    const r = await viaDaemon([image, `${reg.host}/d/app:v1`])
    expect(r.code).toBe(1)
    expect(digestsOf(r)[image].error).toMatch(
      /Docker Engine at unix:\/\/.* answered HTTP (401|500) for .*p\/app: .*The Engine says this both when the image does not exist and when it needs credentials/
    )
    expect(digestsOf(r)[`${reg.host}/d/app:v1`].digest).toBe(list.digest)
  })

  test('an unknown tag on a reachable registry is a clear error naming the Engine and its answer', async () => {
    const image = `${reg.host}/d/app:nope`
    const r = await viaDaemon([image])
    expect(r.code).toBe(1)
    expect(digestsOf(r)[image].error).toMatch(
      /Docker Engine at unix:\/\/.* answered HTTP 404 for 127\.0\.0\.1:\d+\/d\/app: manifest unknown/
    )
    expect(r.report?.images[0].errorDetail?.kind).toBe('not-found')
  })

  test('no daemon at DOCKER_HOST: a clear error, and the step fails without a stack trace', async () => {
    const image = `${reg.host}/d/app:v1`
    const r = await viaDaemon([image], {}, `unix://${dockerd.dir}/nothing-here.sock`)
    expect(r.code).toBe(1)
    expect(digestsOf(r)[image].error).toMatch(
      /cannot reach the Docker Engine at unix:\/\/.*nothing-here\.sock \(ENOENT\); is dockerd running/
    )
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /)
  })

  test('an unsupported DOCKER_HOST scheme is named', async () => {
    const image = `${reg.host}/d/app:v1`
    const r = await viaDaemon([image], {}, 'ssh://user@host')
    expect(digestsOf(r)[image].error).toMatch(/DOCKER_HOST 'ssh:\/\/user@host' is not supported/)
  })
})
