/**
 * The `cache` input against the real registry, counted at a pass-through front: a cold run
 * fills the directory, a warm run sends one HEAD per image and nothing else, and a tampered
 * cache file is noticed, refetched and replaced without changing any result.
 */
import { execFileSync } from 'node:child_process'
import { lstat, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ActionRun, digestsOf, runAction } from './harness/action.js'
import { type FaultFront, startFaultFront } from './harness/fault-front.js'
import {
  type PushedImage,
  type RunningRegistry,
  pushImage,
  pushIndex,
  startRegistry
} from './harness/registry.js'

const PLATFORMS = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' },
  { os: 'linux', architecture: 'arm', variant: 'v7' }
]

let reg: RunningRegistry
let front: FaultFront
let cache: string
const children: Record<string, PushedImage[]> = {}
const REPOS = ['c/a', 'c/b', 'c/c']

beforeAll(async () => {
  reg = await startRegistry()
  for (const repo of REPOS) {
    children[repo] = await Promise.all(
      PLATFORMS.map(platform =>
        pushImage(reg, repo, undefined, { platform, layerSizes: [64], seed: repo })
      )
    )
    await pushIndex(reg, repo, 'v1', children[repo])
  }
  await pushImage(reg, 'c/single', 'v1', { platform: PLATFORMS[0], layerSizes: [10] })
  front = await startFaultFront(reg.url)
  cache = await mkdtemp(join(tmpdir(), 'dg-cache-'))
})
afterAll(async () => {
  await front?.stop()
  await reg?.stop()
  if (cache) await rm(cache, { recursive: true, force: true })
})

const images = (): string[] => [...REPOS, 'c/single'].map(r => `${front.host}/${r}:v1`)

async function run(): Promise<{ run: ActionRun; requests: string[] }> {
  front.reset()
  const result = await runAction({ images: images().join('\n'), cache, platforms: 'linux/amd64' })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(result.report?.run?.requests).toBe(front.requests.length)
  return {
    run: result,
    requests: front.requests.map(r => `${r.method} ${r.path.replace(/sha256:[0-9a-f]{64}/, 'D')}`)
  }
}

/** Results without the notes and the run's own figures: what a cache must never change. */
const results = (r: ActionRun): unknown => ({ digests: digestsOf(r), images: r.report?.images })

test('cold, warm, tampered: one HEAD per image once warm, and the same results throughout', async () => {
  const cold = await run()
  // One HEAD more per image than without a cache, then what a cold run reads anyway.
  expect(cold.requests.filter(r => r.startsWith('HEAD'))).toHaveLength(4)
  expect(cold.requests.filter(r => r.startsWith('GET'))).toHaveLength(3 * 4 + 2)
  expect(cold.run.report?.run?.cache).toEqual({
    dir: cache,
    hits: 0,
    misses: 3 * 4 + 2,
    stored: 3 * 4 + 2,
    corrupt: 0,
    writeErrors: 0
  })
  const stored = await readdir(join(cache, 'blobs', 'sha256'))
  expect(stored).toHaveLength(3 * 4 + 2)
  expect(stored.every(name => /^[0-9a-f]{64}$/.test(name))).toBe(true)

  const warm = await run()
  expect(warm.requests.sort()).toEqual(
    [...REPOS, 'c/single'].map(repo => `HEAD /v2/${repo}/manifests/v1`).sort()
  )
  expect(warm.run.report?.run?.cache).toMatchObject({
    hits: 3 * 4 + 2,
    misses: 0,
    stored: 0,
    corrupt: 0
  })
  expect(results(warm.run)).toEqual(results(cold.run))
  expect(warm.run.summary).toContain('Cache: 14 hits, 0 misses, 0 stored, 0 corrupt.')

  // Someone (or a bad restore) changes one child's bytes in the cache.
  const victim = children['c/b'][1].digest
  const file = join(cache, 'blobs', 'sha256', victim.slice('sha256:'.length))
  const original = await readFile(file)
  await writeFile(file, Buffer.from(original.toString('utf8').replace(/"size":64/, '"size":65')))
  const tampered = await run()
  expect(tampered.requests.filter(r => r.startsWith('GET'))).toEqual(['GET /v2/c/b/manifests/D'])
  expect(tampered.run.report?.run?.cache).toMatchObject({ corrupt: 1, misses: 1, stored: 1 })
  expect(results(tampered.run)).toEqual(results(cold.run))
  expect(await readFile(file)).toEqual(original)
})

test('a tag that moved: one HEAD, one GET of the new index, children still from the cache', async () => {
  await run()
  const extra = await pushImage(reg, 'c/a', undefined, {
    platform: { os: 'linux', architecture: 's390x' },
    layerSizes: [8],
    seed: 'c/a'
  })
  const moved = await pushIndex(reg, 'c/a', 'v1', [...children['c/a'], extra])
  const after = await run()
  expect(after.requests.filter(r => r.startsWith('GET')).sort()).toEqual([
    'GET /v2/c/a/manifests/D',
    'GET /v2/c/a/manifests/v1'
  ])
  expect(digestsOf(after.run)[images()[0]].digest).toBe(moved.digest)
  expect(Object.keys(digestsOf(after.run)[images()[0]].platforms ?? {})).toContain('linux/s390x')
})

test('a registry whose HEAD names no digest, or refuses HEAD, is read with GET as without a cache', async () => {
  front.setRules([
    {
      method: 'HEAD',
      path: /^\/v2\/c\/a\/manifests\/v1$/,
      fault: {
        kind: 'body',
        body: '',
        contentType: 'application/vnd.docker.distribution.manifest.list.v2+json'
      }
    },
    {
      method: 'HEAD',
      path: /^\/v2\/c\/b\/manifests\/v1$/,
      fault: { kind: 'status', status: 405, times: Infinity }
    }
  ])
  try {
    const { run: result, requests } = await run()
    expect(requests.filter(r => r.startsWith('GET')).sort()).toEqual([
      'GET /v2/c/a/manifests/v1',
      'GET /v2/c/b/manifests/v1'
    ])
    expect(digestsOf(result)[images()[1]].digest).toBeDefined()
  } finally {
    front.setRules([])
  }
})

test('FIFOs restored into the cache are misses: the run ends with every result written', async () => {
  // actions/cache restores with tar, which can make a FIFO; a plain open of one waits for a
  // writer forever, and the old run hung there with no output at all (runAction's 60 s limit
  // ends it). Each FIFO is now a miss, refetched, and replaced by the real file.
  const hex = (digest: string): string => digest.slice('sha256:'.length)
  const blob = join(cache, 'blobs', 'sha256', hex(children['c/a'][0].digest))
  const type = join(cache, 'types', 'sha256', hex(children['c/c'][1].digest))
  for (const path of [blob, type]) {
    await rm(path)
    execFileSync('mkfifo', [path])
  }
  const { run: result, requests } = await run()
  expect(requests.filter(r => r.startsWith('GET')).sort()).toEqual([
    'GET /v2/c/a/manifests/D',
    'GET /v2/c/c/manifests/D'
  ])
  expect(result.report?.run?.cache).toMatchObject({ corrupt: 2, misses: 2, stored: 2 })
  const digests = digestsOf(result)
  expect(Object.keys(digests)).toHaveLength(4)
  for (const image of images())
    expect(digests[image].platforms?.['linux/amd64']).toMatch(/^sha256:/)
  for (const path of [blob, type]) expect((await lstat(path)).isFile()).toBe(true)
})
