/**
 * Request counts on a cold run, read from the log of a pass-through front before the real
 * registry: the floor is 1 manifest request for what the tag names plus 1 per platform.
 */
import { digestsOf, runAction } from './harness/action.js'
import { type FaultFront, startFaultFront } from './harness/fault-front.js'
import {
  type RunningRegistry,
  pushImage,
  pushIndex,
  pushSchema1,
  startRegistry
} from './harness/registry.js'
import { type TokenServer, startTokenServer, tokenAuthFor } from './harness/token-server.js'

const PLATFORMS = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' },
  { os: 'linux', architecture: 'arm', variant: 'v7' }
]

let reg: RunningRegistry
let front: FaultFront
const indexes: Record<string, string> = {}

beforeAll(async () => {
  reg = await startRegistry()
  for (const repo of ['n/a', 'n/b', 'n/c', 'n/d']) {
    const children = await Promise.all(
      PLATFORMS.map(platform =>
        pushImage(reg, repo, undefined, { platform, layerSizes: [64, 32], seed: repo })
      )
    )
    indexes[repo] = (await pushIndex(reg, repo, 'v1', children)).digest
    await pushIndex(reg, repo, 'same', children) // another tag, same index
  }
  await pushImage(reg, 'n/single', 'v1', { platform: PLATFORMS[0], layerSizes: [10] })
  await pushSchema1(reg, 'n/legacy', 'v1', {
    signed: true,
    layerSizes: [10, 20, 30],
    architecture: 'amd64'
  })
  front = await startFaultFront(reg.url)
})

afterAll(async () => {
  await front?.stop()
  await reg?.stop()
})

/** The manifest path a reference (`repo:tag` or `repo@digest`) asks for. */
const manifestPathOf = (image: string): string =>
  `/v2/${image.replace(/[:@](?=[^/]*$)/, '/manifests/')}`

function counted(): { method: string; path: string }[] {
  return front.requests
    .filter(r => r.server === 'front')
    .map(r => ({ method: r.method, path: r.path }))
}

async function cold(
  images: string[],
  inputs: Record<string, string> = {}
): Promise<ReturnType<typeof counted>> {
  front.reset()
  const run = await runAction({
    images: images.map(i => `${front.host}/${i}`).join('\n'),
    ...inputs
  })
  expect(run.code).toBe(0)
  expect(run.report?.run?.requests).toBe(front.requests.length)
  return counted()
}

test('an index with 3 platforms: exactly 1 + 3 manifest GETs per image, nothing else', async () => {
  const requests = await cold(['n/a:v1', 'n/b:v1', 'n/c:v1', 'n/d:v1'])
  expect(requests).toHaveLength(4 * (1 + PLATFORMS.length))
  expect(requests.every(r => r.method === 'GET' && r.path.includes('/manifests/'))).toBe(true)
})

test('identical references, and tags naming the same index, fetch each manifest once', async () => {
  const requests = await cold(['n/a:v1', 'n/a:v1', 'n/a:same'])
  // Two tag GETs (v1, same); the three children once.
  expect(requests).toHaveLength(2 + PLATFORMS.length)
})

test('a single manifest: 1 manifest GET and 1 config blob GET', async () => {
  const requests = await cold(['n/single:v1'])
  expect(requests.map(r => r.method + ' ' + r.path.replace(/sha256:[0-9a-f]+/, 'D'))).toEqual([
    'GET /v2/n/single/manifests/v1',
    'GET /v2/n/single/blobs/D'
  ])
})

test('schema 1: 1 manifest GET and 1 blob HEAD per layer', async () => {
  const requests = await cold(['n/legacy:v1'])
  expect(requests.filter(r => r.method === 'HEAD' && r.path.includes('/blobs/'))).toHaveLength(3)
  expect(requests).toHaveLength(4)
})

test('detail: platforms reads the index only: 1 GET per image', async () => {
  const requests = await cold(['n/a:v1', 'n/b:v1'], {
    detail: 'platforms',
    platforms: 'linux/arm/v7'
  })
  expect(requests).toEqual([
    { method: 'GET', path: '/v2/n/a/manifests/v1' },
    { method: 'GET', path: '/v2/n/b/manifests/v1' }
  ])
})

test('detail: digest sends 1 HEAD per image and no GET', async () => {
  front.reset()
  const run = await runAction({
    images: `${front.host}/n/a:v1\n${front.host}/n/b:v1`,
    detail: 'digest'
  })
  expect(run.code).toBe(0)
  expect(run.stdout).not.toContain('::warning')
  expect(digestsOf(run)[`${front.host}/n/a:v1`]).toMatchObject({
    digest: indexes['n/a'],
    platforms: {}
  })
  expect(counted()).toEqual([
    { method: 'HEAD', path: '/v2/n/a/manifests/v1' },
    { method: 'HEAD', path: '/v2/n/b/manifests/v1' }
  ])
})

describe('behind a token server', () => {
  let tokens: TokenServer
  let treg: RunningRegistry
  let tfront: FaultFront

  beforeAll(async () => {
    tokens = await startTokenServer({ service: 'count' })
    treg = await startRegistry({ token: tokenAuthFor(tokens) })
    for (const repo of ['t/a', 't/b', 't/c']) {
      const auth = tokens.pushAuth('admin')
      const children = await Promise.all(
        PLATFORMS.map(platform =>
          pushImage(treg, repo, undefined, { platform, layerSizes: [8], seed: repo, auth })
        )
      )
      await pushIndex(treg, repo, 'v1', children, { auth })
    }
    tfront = await startFaultFront(treg.url)
  })
  afterAll(async () => {
    await tfront?.stop()
    await treg?.stop()
    await tokens?.stop()
  })

  test('cold: one 401 names the challenge, one token carries every scope, then the floor', async () => {
    tokens.requests.length = 0
    const run = await runAction({
      images: ['t/a:v1', 't/b:v1', 't/c:v1'].map(i => `${tfront.host}/${i}`).join('\n')
    })
    expect(run.code).toBe(0)
    expect(tokens.requests).toHaveLength(1)
    const registryRequests = tfront.requests.filter(r => r.server === 'front')
    expect(registryRequests.filter(r => r.status === 401)).toHaveLength(1)
    expect(registryRequests.filter(r => r.status === 200)).toHaveLength(3 * (1 + PLATFORMS.length))
    expect(registryRequests).toHaveLength(1 + 3 * (1 + PLATFORMS.length))
    expect(run.report?.run?.tokenRequests).toBe(1)
  })
})

test('HEAD answers give their connection back: 12 images at concurrency 2 do not queue into timeouts', async () => {
  front.reset()
  const images = ['n/a', 'n/b', 'n/c', 'n/d'].flatMap(r => [
    `${r}:v1`,
    `${r}:same`,
    `${r}@${indexes[r]}`
  ])
  const run = await runAction({
    images: images.map(i => `${front.host}/${i}`).join('\n'),
    detail: 'digest',
    concurrency: '2',
    timeout: '2'
  })
  expect(run.code).toBe(0)
  expect(Object.values(digestsOf(run)).every(d => !d.error)).toBe(true)
  // A connection kept by an unread HEAD answer would leave later requests queued until their
  // 2 s ran out and they were sent again. None was: the client sent exactly the requests the
  // front answered, one HEAD per image.
  expect(run.report?.run?.requests).toBe(front.requests.length)
  const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path)
  expect(counted().sort(byPath)).toEqual(
    images.map(i => ({ method: 'HEAD', path: manifestPathOf(i) })).sort(byPath)
  )
  expect(front.requests.every(r => r.status === 200)).toBe(true)
})
