/**
 * `wait` against the real registry while a "matrix build" is still pushing: this process
 * pushes the arm64 image, the final index and a second image during the action's wait, through
 * the same fixture pushers every suite uses. The front before the registry logs what the
 * action re-read.
 */
import { digestsOf, runAction } from './harness/action.js'
import { type FaultFront, startFaultFront } from './harness/fault-front.js'
import { type RunningRegistry, pushImage, pushIndex, startRegistry } from './harness/registry.js'

const amd64 = { os: 'linux', architecture: 'amd64' }
const arm64 = { os: 'linux', architecture: 'arm64' }
const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

let reg: RunningRegistry
let front: FaultFront

beforeAll(async () => {
  reg = await startRegistry()
  front = await startFaultFront(reg.url)
})
afterAll(async () => {
  await front?.stop()
  await reg?.stop()
})

test('waits while the arm64 job and the final index land, re-reading only what is incomplete', async () => {
  // The amd64 job has finished and tagged its image; the arm64 job and `other` have not.
  const amd = await pushImage(reg, 'matrix/app', undefined, { platform: amd64, layerSizes: [100] })
  await pushIndex(reg, 'matrix/app', '1.2', [amd])
  const doneChildren = await Promise.all(
    [amd64, arm64].map(platform =>
      pushImage(reg, 'matrix/done', undefined, { platform, layerSizes: [50], seed: 'done' })
    )
  )
  await pushIndex(reg, 'matrix/done', '1', doneChildren)

  let final = ''
  let other = ''
  // The pushes follow the action's reads, not the clock, so the jittered pauses cannot skip a
  // state: arm64 lands after the first pass read both tags, `other` after a round re-read them.
  const reads = (repo: string, tag: string): number =>
    front.requests.filter(r => r.path === `/v2/${repo}/manifests/${tag}` && r.status).length
  const until = async (done: () => boolean): Promise<void> => {
    while (!done()) await sleep(20)
  }
  const pusher = (async () => {
    await until(() => reads('matrix/app', '1.2') >= 1 && reads('matrix/other', '1.0') >= 1)
    const arm = await pushImage(reg, 'matrix/app', undefined, { platform: arm64, layerSizes: [70] })
    final = (await pushIndex(reg, 'matrix/app', '1.2', [amd, arm])).digest
    await until(() => reads('matrix/app', '1.2') >= 2 && reads('matrix/other', '1.0') >= 2)
    const children = await Promise.all(
      [amd64, arm64].map(platform =>
        pushImage(reg, 'matrix/other', undefined, { platform, layerSizes: [10], seed: 'other' })
      )
    )
    other = (await pushIndex(reg, 'matrix/other', '1.0', children)).digest
  })()

  front.reset()
  const images = ['matrix/app:1.2', 'matrix/done:1', 'matrix/other:1.0'].map(
    i => `${front.host}/${i}`
  )
  const run = await runAction({
    images: images.join('\n'),
    platforms: 'linux/amd64,linux/arm64',
    'fail-on-missing': 'true',
    wait: '60'
  })
  await pusher

  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const digests = digestsOf(run)
  expect(digests[images[0]].digest).toBe(final)
  expect(Object.keys(digests[images[0]].platforms ?? {})).toEqual(['linux/amd64', 'linux/arm64'])
  expect(digests[images[2]].digest).toBe(other)
  expect(JSON.parse(run.outputs.missing)).toEqual([])
  expect(run.outputs.ok).toBe('true')

  // The progress lines say what is missing, and how much is complete.
  expect(run.stdout).toMatch(
    new RegExp(
      `^waiting \\d+(\\.\\d)? s: ${images[0]} lacks linux/arm64; ${images[2]} is not there yet \\(1 of 3 images complete\\)$`,
      'm'
    )
  )
  expect(run.stdout).toMatch(
    new RegExp(
      `^waiting \\d+(\\.\\d)? s: ${images[2]} is not there yet \\(2 of 3 images complete\\)$`,
      'm'
    )
  )
  const wait = run.report?.run?.wait
  expect(wait).toMatchObject({ seconds: 60, timedOut: false, pending: [] })
  expect(wait?.rounds).toBeGreaterThanOrEqual(2)
  expect(run.summary).toMatch(
    /Waited \d+ s \(\d+ rounds of re-reading\); every image is complete\./
  )

  // The complete image was read once; the incomplete ones once per round, plus the first time.
  const tagReads = (repo: string, tag: string): number =>
    front.requests.filter(r => r.path === `/v2/${repo}/manifests/${tag}`).length
  expect(tagReads('matrix/done', '1')).toBe(1)
  expect(tagReads('matrix/app', '1.2')).toBeGreaterThanOrEqual(2)
  expect(tagReads('matrix/other', '1.0')).toBe((wait?.rounds ?? 0) + 1)
  // The amd64 child did not change, so it was fetched once, not once per round.
  expect(
    front.requests.filter(r => r.path === `/v2/matrix/app/manifests/${amd.digest}`)
  ).toHaveLength(1)
})

test('a wait that runs out names each image and platform that never arrived', async () => {
  const amd = await pushImage(reg, 'stuck/app', undefined, { platform: amd64, layerSizes: [20] })
  await pushIndex(reg, 'stuck/app', '2.0', [amd])
  const images = [`${reg.host}/stuck/app:2.0`, `${reg.host}/stuck/never:1`]
  const run = await runAction({
    images: images.join('\n'),
    platforms: 'linux/amd64,linux/arm64',
    wait: '3'
  })
  // The image that never appeared fails the step; the missing platform stays a warning.
  expect(run.code).toBe(1)
  expect(run.stdout).toContain(`${images[0]} never got linux/arm64; ${images[1]} never appeared.`)
  expect(run.stdout).toMatch(
    /::warning title=digest-gate::Waited [\d.]+ s of the 3 s 'wait' allows/
  )
  expect(JSON.parse(run.outputs.missing)).toEqual([{ image: images[0], platform: 'linux/arm64' }])
  expect(digestsOf(run)[images[1]].error).toMatch(/MANIFEST_UNKNOWN|NAME_UNKNOWN|404/)
  const wait = run.report?.run?.wait
  expect(wait?.timedOut).toBe(true)
  expect(wait?.waitedMs).toBeLessThanOrEqual(3000)
  expect(wait?.pending).toEqual([
    { image: images[0], reason: 'missing', platforms: ['linux/arm64'] },
    { image: images[1], reason: 'not-found', platforms: [] }
  ])
  // The records stay as last resolved: the amd64-only index, with its digest.
  expect(digestsOf(run)[images[0]].platforms).toEqual({ 'linux/amd64': amd.digest })
})

test('a rate-limited image is asked again no sooner than its Retry-After', async () => {
  const children = await Promise.all(
    [amd64, arm64].map(platform =>
      pushImage(reg, 'limited/app', undefined, { platform, layerSizes: [5], seed: 'limited' })
    )
  )
  const index = await pushIndex(reg, 'limited/app', '1', children)
  // Four 429s use up the HTTP layer's own four attempts; the wait takes over from there.
  front.setRules([
    {
      path: /^\/v2\/limited\/app\/manifests\/1$/,
      fault: { kind: 'status', status: 429, times: 4, retryAfter: '2' }
    }
  ])
  front.reset()
  try {
    const image = `${front.host}/limited/app:1`
    const run = await runAction({ images: image, platforms: 'linux/amd64', wait: '30' })
    expect(run.code).toBe(0)
    expect(digestsOf(run)[image].digest).toBe(index.digest)
    expect(run.stdout).toMatch(
      /^waiting 2 s: .*limited\/app:1 is rate-limited \(the registry asks for 2 s\) \(0 of 1 image complete\)$/m
    )
    const tag = front.requests.filter(r => r.path === '/v2/limited/app/manifests/1')
    expect(tag.map(r => r.status)).toEqual([429, 429, 429, 429, 200])
    // Every knock after a 429 came at least the 2 s it asked for later.
    for (let i = 1; i < tag.length; i++)
      expect(tag[i].at - tag[i - 1].at).toBeGreaterThanOrEqual(2000)
  } finally {
    front.setRules([])
  }
})
