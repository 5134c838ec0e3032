/** The bound on requests in flight per origin (semaphore.ts), under random interleavings. */
import { Semaphore } from '../../src/http/semaphore.js'

describe('Semaphore', () => {
  /** A small deterministic PRNG, so a failure can be replayed. */
  function prng(seed: number): () => number {
    let s = seed >>> 0
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0
      return s / 2 ** 32
    }
  }

  /** Runs `fn` after `ticks` microtask hops (0: now, synchronously). */
  function afterTicks(ticks: number, fn: () => void): void {
    if (ticks === 0) fn()
    else queueMicrotask(() => afterTicks(ticks - 1, fn))
  }

  test.each([1, 2, 3, 5, 8])('limit %i: never exceeded, and reached', async limit => {
    const random = prng(limit * 7919)
    const sem = new Semaphore(limit)
    const total = 300
    let running = 0
    let max = 0
    let started = 0
    let finished = 0
    /** Releases of tasks whose work is still running. */
    const open: (() => void)[] = []
    const results: Promise<number>[] = []

    const start = (): void => {
      if (started >= total) return
      const i = started++
      const result = sem.run(() => {
        running++
        max = Math.max(max, running)
        // Some tasks finish at once; the rest when the driver says.
        if (i % 4 === 0) {
          running--
          return Promise.resolve(i)
        }
        return new Promise<number>(resolve =>
          open.push(() => {
            running--
            resolve(i)
          })
        )
      })
      void result.then(() => finished++)
      results.push(result)
    }

    for (let i = 0; i < limit * 3; i++) start()
    for (let rounds = 0; finished < total; rounds++) {
      if (rounds > total * 20) throw new Error(`stalled: ${finished} of ${total} finished`)
      await new Promise(resolve => setImmediate(resolve))
      // Finish one or two running tasks in random order; new callers arrive at once, or a
      // few microtasks later: between a release and the woken waiter's first step.
      for (let k = random() < 0.3 ? 2 : 1; k > 0 && open.length; k--) {
        const [release] = open.splice(Math.floor(random() * open.length), 1)
        release()
        for (let a = Math.floor(random() * 3); a > 0; a--)
          afterTicks(Math.floor(random() * 5), start)
      }
      if (open.length === 0) start()
    }

    expect(await Promise.all(results)).toEqual(Array.from({ length: total }, (_, i) => i))
    expect(max).toBe(limit)
    expect(sem.inFlight).toBe(0)
  })

  test('a task that throws releases its slot', async () => {
    const sem = new Semaphore(1)
    await expect(sem.run(() => Promise.reject(new Error('no')))).rejects.toThrow('no')
    await expect(sem.run(() => Promise.resolve('next'))).resolves.toBe('next')
    expect(sem.inFlight).toBe(0)
  })
})
