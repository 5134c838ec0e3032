import { parsePlatform } from '../../src/model/platform.js'
import { type ImageRecord, emptyRecord } from '../../src/model/record.js'
import {
  WAIT_CAP_MS,
  WAIT_MIN_MS,
  backoffDelay,
  gapOf,
  waitTimeoutMessage,
  waitUntilComplete
} from '../../src/run/wait.js'

const D = (c: string): string => `sha256:${c.repeat(64)}`
const required = [parsePlatform('linux/amd64'), parsePlatform('linux/arm64')]

function image(name: string, platforms: string[]): ImageRecord {
  return {
    ...emptyRecord(name),
    ref: name,
    digest: D('1'),
    platforms: platforms.map(p => ({
      platform: p,
      digest: D('2'),
      mediaType: null,
      layers: 1,
      size: 1
    }))
  }
}

function failed(name: string, kind: string, retryAfterMs?: number): ImageRecord {
  return {
    ...emptyRecord(name),
    error: `${name}: ${kind}`,
    errorDetail: { kind: kind as 'not-found', message: kind, retryAfterMs }
  }
}

/** A clock that only moves when the wait sleeps, and a log of what it slept and re-read. */
function harness(start = 1_000_000) {
  let now = start
  const slept: number[] = []
  const reread: number[][] = []
  const lines: string[] = []
  return {
    slept,
    reread,
    lines,
    now: () => now,
    sleep: (ms: number) => {
      slept.push(ms)
      now += ms
      return Promise.resolve()
    },
    log: (line: string) => lines.push(line),
    advance: (ms: number) => (now += ms)
  }
}

describe('gapOf', () => {
  test('not found, lacking a platform and rate-limited are waited on; other errors are final', () => {
    expect(gapOf(failed('a', 'not-found'), required)).toMatchObject({ reason: 'not-found' })
    expect(gapOf(image('b', ['linux/amd64']), required)).toEqual({
      image: 'b',
      reason: 'missing',
      platforms: ['linux/arm64']
    })
    expect(gapOf(failed('c', 'rate-limited', 40_000), required)).toMatchObject({
      reason: 'rate-limited',
      retryAfterMs: 40_000
    })
    for (const kind of ['unauthorized', 'integrity', 'invalid-manifest', 'timeout'])
      expect(gapOf(failed('d', kind), required)).toBeUndefined()
    expect(gapOf(image('e', ['linux/amd64', 'linux/arm64']), required)).toBeUndefined()
  })
})

describe('backoffDelay', () => {
  test('full jitter under a ceiling that doubles from 2 s to 30 s, never under 1 s', () => {
    const ceilings = [2000, 4000, 8000, 16000, 30000, 30000, 30000]
    ceilings.forEach((ceiling, round) => {
      expect(backoffDelay(round, () => 0.999999)).toBe(Math.floor(0.999999 * ceiling))
      expect(backoffDelay(round, () => 0)).toBe(WAIT_MIN_MS)
      expect(backoffDelay(round, () => 0.5)).toBe(Math.max(WAIT_MIN_MS, ceiling / 2))
    })
    expect(backoffDelay(50, () => 0.999999)).toBeLessThanOrEqual(WAIT_CAP_MS)
  })
})

describe('waitUntilComplete', () => {
  test('re-reads only what is incomplete, until it is complete', async () => {
    const h = harness()
    const initial = [
      image('ghcr.io/acme/app:1.2', ['linux/amd64']),
      image('ghcr.io/acme/ok:1', ['linux/amd64', 'linux/arm64']),
      failed('ghcr.io/acme/late:1', 'not-found')
    ]
    // Round 1: app gets arm64; late is still not there. Round 2: late arrives.
    const answers: Record<string, ImageRecord[]> = {
      'ghcr.io/acme/app:1.2': [image('ghcr.io/acme/app:1.2', ['linux/amd64', 'linux/arm64'])],
      'ghcr.io/acme/late:1': [
        failed('ghcr.io/acme/late:1', 'not-found'),
        image('ghcr.io/acme/late:1', ['linux/amd64', 'linux/arm64'])
      ]
    }
    const { records, outcome } = await waitUntilComplete(initial, {
      seconds: 60,
      deadline: h.now() + 60_000,
      required,
      now: h.now,
      sleep: h.sleep,
      log: h.log,
      random: () => 0.5,
      reresolve: positions => {
        h.reread.push(positions)
        return Promise.resolve(positions.map(i => answers[initial[i].image].shift() as ImageRecord))
      }
    })
    expect(h.reread).toEqual([[0, 2], [2]])
    expect(h.slept).toEqual([1000, 2000])
    expect(records.map(r => gapOf(r, required))).toEqual([undefined, undefined, undefined])
    expect(outcome).toEqual({
      seconds: 60,
      rounds: 2,
      waitedMs: 3000,
      timedOut: false,
      pending: []
    })
    expect(h.lines).toEqual([
      'waiting 1 s: ghcr.io/acme/app:1.2 lacks linux/arm64; ghcr.io/acme/late:1 is not there yet (1 of 3 images complete)',
      'waiting 2 s: ghcr.io/acme/late:1 is not there yet (2 of 3 images complete)'
    ])
  })

  test('nothing incomplete: no sleep, no round', async () => {
    const h = harness()
    const { outcome } = await waitUntilComplete([image('a', ['linux/amd64', 'linux/arm64'])], {
      seconds: 60,
      deadline: h.now() + 60_000,
      required,
      now: h.now,
      sleep: h.sleep,
      reresolve: () => Promise.reject(new Error('not called'))
    })
    expect(h.slept).toEqual([])
    expect(outcome.rounds).toBe(0)
  })

  test('never sleeps past the deadline, and names what never arrived', async () => {
    const h = harness()
    const deadline = h.now() + 20_000
    const stuck = [image('app:1', ['linux/amd64']), failed('gone:1', 'not-found')]
    const { records, outcome } = await waitUntilComplete(stuck, {
      seconds: 20,
      deadline,
      required,
      now: h.now,
      sleep: h.sleep,
      random: () => 0.999,
      reresolve: positions => Promise.resolve(positions.map(i => stuck[i]))
    })
    // 1998 + 3996 + 7992 = 13986; then 16000 × 0.999 would pass the deadline: 6014 instead.
    expect(h.slept).toEqual([1998, 3996, 7992, 6014])
    expect(h.now()).toBe(deadline)
    expect(records).toEqual(stuck)
    expect(outcome).toMatchObject({ rounds: 4, waitedMs: 20_000, timedOut: true })
    expect(outcome.pending).toEqual([
      { image: 'app:1', reason: 'missing', platforms: ['linux/arm64'] },
      { image: 'gone:1', reason: 'not-found', platforms: [] }
    ])
    expect(waitTimeoutMessage(outcome)).toBe(
      "Waited 20 s of the 20 s 'wait' allows (4 rounds of re-reading): app:1 never got linux/arm64; gone:1 never appeared."
    )
  })

  test('a rate-limited image is not asked again sooner than the registry said', async () => {
    const h = harness()
    const limited = failed('docker.io/library/nginx:1', 'rate-limited', 45_000)
    let calls = 0
    const { outcome } = await waitUntilComplete([limited], {
      seconds: 120,
      deadline: h.now() + 120_000,
      required,
      now: h.now,
      sleep: h.sleep,
      log: h.log,
      random: () => 0.1,
      reresolve: positions => {
        calls++
        return Promise.resolve(
          positions.map(() =>
            calls === 1
              ? limited
              : image('docker.io/library/nginx:1', ['linux/amd64', 'linux/arm64'])
          )
        )
      }
    })
    expect(h.slept).toEqual([45_000, 45_000])
    expect(outcome.timedOut).toBe(false)
    expect(h.lines[0]).toBe(
      'waiting 45 s: docker.io/library/nginx:1 is rate-limited (the registry asks for 45 s) (0 of 1 image complete)'
    )
  })

  test('a registry asking for longer than the wait has left is not knocked on early', async () => {
    const h = harness()
    const limited = failed('nginx', 'rate-limited', 90_000)
    const { outcome } = await waitUntilComplete([limited], {
      seconds: 60,
      deadline: h.now() + 60_000,
      required,
      now: h.now,
      sleep: h.sleep,
      reresolve: () => Promise.reject(new Error('not called'))
    })
    expect(h.slept).toEqual([])
    expect(outcome).toMatchObject({ rounds: 0, timedOut: true })
    expect(outcome.pending[0]).toMatchObject({ reason: 'rate-limited', retryAfterMs: 90_000 })
  })

  test('a first resolution that took the whole budget waits no more', async () => {
    const h = harness()
    const deadline = h.now() + 5000
    h.advance(6000)
    const { outcome } = await waitUntilComplete([failed('late', 'not-found')], {
      seconds: 5,
      deadline,
      required,
      now: h.now,
      sleep: h.sleep,
      reresolve: () => Promise.reject(new Error('not called'))
    })
    expect(h.slept).toEqual([])
    expect(outcome).toMatchObject({ rounds: 0, waitedMs: 0, timedOut: true })
  })

  test('a long list is cut in the log line and in the message', async () => {
    const h = harness()
    const many = Array.from({ length: 60 }, (_, i) => failed(`img-${i}`, 'not-found'))
    const { outcome } = await waitUntilComplete(many, {
      seconds: 1,
      deadline: h.now() + 1000,
      required,
      now: h.now,
      sleep: h.sleep,
      log: h.log,
      reresolve: positions => Promise.resolve(positions.map(i => many[i]))
    })
    expect(h.lines[0]).toBe(
      'waiting 1 s: img-0 is not there yet; img-1 is not there yet; img-2 is not there yet; and 57 more (0 of 60 images complete)'
    )
    const message = waitTimeoutMessage(outcome)
    expect(message).toContain('img-49 never appeared; and 10 more')
    expect(message).not.toContain('img-50 ')
  })
})
