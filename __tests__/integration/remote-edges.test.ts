/**
 * Edges of reaching registries, each against the real docker-registry: an IPv6-literal
 * registry, a manifest redirect to another registry that wants its own token (registry.k8s.io
 * sends every manifest request on to Artifact Registry), and registry-supplied platforms that
 * would reorder or inject what a reviewer reads.
 */
import { digestsOf, runAction } from './harness/action.js'
import { type FaultFront, startFaultFront } from './harness/fault-front.js'
import {
  type PushedImage,
  type RunningRegistry,
  pushImage,
  pushIndex,
  startRegistry
} from './harness/registry.js'
import { type TokenServer, startTokenServer, tokenAuthFor } from './harness/token-server.js'

const amd64 = { os: 'linux', architecture: 'amd64' }
const arm64 = { os: 'linux', architecture: 'arm64' }

describe('an IPv6-literal registry', () => {
  let reg: RunningRegistry
  let index: string
  beforeAll(async () => {
    reg = await startRegistry({ ipv6: true })
    const children = [
      await pushImage(reg, 'v6/app', undefined, { platform: amd64, layerSizes: [120] }),
      await pushImage(reg, 'v6/app', undefined, { platform: arm64, layerSizes: [130] })
    ]
    index = (await pushIndex(reg, 'v6/app', 'v1', children)).digest
  })
  afterAll(async () => {
    await reg?.stop()
  })

  test('[::1]:PORT resolves over plain HTTP as a loopback host', async () => {
    expect(reg.host).toMatch(/^\[::1\]:\d+$/)
    const image = `${reg.host}/v6/app:v1`
    const run = await runAction({ images: image, platforms: 'linux/amd64,linux/arm64' })
    expect(run.stdout).not.toMatch(/ENOTFOUND|error/i)
    expect(run.code).toBe(0)
    expect(digestsOf(run)[image]).toMatchObject({ ref: image, digest: index })
    expect(Object.keys(digestsOf(run)[image].platforms ?? {})).toEqual([
      'linux/amd64',
      'linux/arm64'
    ])
  })
})

describe('a manifest redirect to a registry that asks for its own token', () => {
  let tokens: TokenServer
  let upstream: RunningRegistry
  let front: FaultFront
  let index: string

  beforeAll(async () => {
    tokens = await startTokenServer({ service: 'upstream-registry' })
    upstream = await startRegistry({ token: tokenAuthFor(tokens) })
    const auth = tokens.pushAuth('admin')
    const children: PushedImage[] = [
      await pushImage(upstream, 'mirror/pause', undefined, {
        platform: amd64,
        layerSizes: [90],
        auth
      }),
      await pushImage(upstream, 'mirror/pause', undefined, {
        platform: arm64,
        layerSizes: [95],
        auth
      })
    ]
    index = (await pushIndex(upstream, 'mirror/pause', 'v1', children, { auth })).digest
    // The front plays registry.k8s.io: anonymous, and every manifest request is sent on to
    // the upstream under another repository name, on another origin.
    front = await startFaultFront(upstream.url)
    front.setRules([
      {
        path: /^\/v2\/pause\/manifests\/([^/]+)$/,
        fault: {
          kind: 'body',
          status: 307,
          body: '',
          headers: { location: `${upstream.url}/v2/mirror/pause/manifests/v1` }
        }
      }
    ])
  })
  afterAll(async () => {
    await front?.stop()
    await upstream?.stop()
    await tokens?.stop()
  })

  test('the upstream gets a token for its own repository, and the image resolves', async () => {
    tokens.requests.length = 0
    const image = `${front.host}/pause:v1`
    const run = await runAction({ images: image, detail: 'platforms' })
    expect(run.code).toBe(0)
    expect(digestsOf(run)[image]).toMatchObject({ digest: index })
    // One token, for the upstream's repository name, asked of the upstream's token server.
    expect(tokens.requests).toHaveLength(1)
    expect(tokens.requests[0].query.scope).toEqual(['repository:mirror/pause:pull'])
    // The front never saw a credential; the upstream's token went to the upstream only.
    expect(front.requests.every(r => r.authorization === undefined)).toBe(true)
  })
})

describe('registry-supplied platforms that break containerd grammar', () => {
  let reg: RunningRegistry
  let index: string
  let good: PushedImage
  const hostile = {
    architecture: 'amd64<img src=x>|x',
    os: 'linux',
    variant: 'v1\u202Eevil'
  }

  beforeAll(async () => {
    reg = await startRegistry()
    good = await pushImage(reg, 'bidi/app', undefined, { platform: arm64, layerSizes: [64] })
    const other = await pushImage(reg, 'bidi/app', undefined, {
      platform: amd64,
      layerSizes: [65]
    })
    index = (
      await pushIndex(reg, 'bidi/app', 'v1', [good], {
        extra: [
          {
            mediaType: other.mediaType,
            digest: other.digest,
            size: other.size,
            platform: hostile
          }
        ]
      })
    ).digest
  })
  afterAll(async () => {
    await reg?.stop()
  })

  test('are skipped as invalid entries with a visible note, never keys, and no control reaches the log or summary', async () => {
    const image = `${reg.host}/bidi/app:v1`
    const run = await runAction({ images: image })
    expect(run.code).toBe(0)
    const entry = digestsOf(run)[image]
    expect(entry.digest).toBe(index)
    expect(Object.keys(entry.platforms ?? {})).toEqual(['linux/arm64'])
    const notes = run.report?.images[0].notes.join('\n') ?? ''
    expect(notes).toContain('<U+202E>')
    expect(notes).toMatch(/are not valid/)
    for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.report)]) {
      expect(text).not.toContain('\u202E')
    }
    expect(run.summary).not.toContain('<img')
  })
})
