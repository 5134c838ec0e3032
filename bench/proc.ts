// Child processes for the benchmark: each in its own process group so a timeout or an interrupt
// ends it together with anything it started (`/usr/bin/time` wraps the real command).
import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { readFile } from 'node:fs/promises'

export interface ProcResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: Buffer
  stderr: string
  /** Wall time from spawn to exit, in milliseconds. */
  ms: number
  /** Date.now() at spawn, to line up with the fault front's request log. */
  startedAt: number
}

export interface ProcOptions {
  env: Record<string, string>
  cwd?: string
  timeoutMs: number
}

const live = new Set<number>()

/** Ends every process group still running; synchronous so it can run from an exit hook. */
export function killAllChildren(): void {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  live.clear()
}

export function runProcess(cmd: string, args: string[], opts: ProcOptions): Promise<ProcResult> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now()
    const t0 = performance.now()
    const child = spawn(cmd, args, {
      env: opts.env,
      cwd: opts.cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const pid = child.pid
    if (pid !== undefined) live.add(pid)
    const out: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += d.toString()
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      if (pid !== undefined) {
        try {
          process.kill(-pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
    }, opts.timeoutMs)
    child.on('error', err => {
      clearTimeout(timer)
      if (pid !== undefined) live.delete(pid)
      reject(new Error(`cannot run ${cmd}: ${err.message}`))
    })
    child.on('close', (code, signal) => {
      const ms = performance.now() - t0
      clearTimeout(timer)
      if (pid !== undefined) live.delete(pid)
      if (timedOut) {
        reject(new Error(`${cmd} ${args.join(' ')} did not finish within ${opts.timeoutMs} ms`))
        return
      }
      resolve({ code, signal, stdout: Buffer.concat(out), stderr, ms, startedAt })
    })
  })
}

export const TIME_BIN = '/usr/bin/time'

export function haveTime(): boolean {
  try {
    accessSync(TIME_BIN, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export interface TimeFigures {
  maxRssKb: number
  userS: number
  systemS: number
}

/** Reads what `/usr/bin/time -v -o FILE` wrote (GNU time's verbose format). */
export async function readTimeFile(file: string): Promise<TimeFigures | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  const num = (label: string): number => {
    const m = new RegExp(`${label}:\\s*([\\d.]+)`).exec(text)
    return m ? Number(m[1]) : NaN
  }
  const maxRssKb = num('Maximum resident set size \\(kbytes\\)')
  if (Number.isNaN(maxRssKb)) return undefined
  return {
    maxRssKb,
    userS: num('User time \\(seconds\\)'),
    systemS: num('System time \\(seconds\\)')
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the items' order. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      try {
        results[i] = await fn(items[i], i)
      } catch (e) {
        // Start nothing new once one item has failed; the run is void anyway.
        next = items.length
        throw e
      }
    }
  }
  // Wait for every worker, so nothing is still running when the caller cleans up.
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(limit, items.length) }, worker)
  )
  for (const s of settled) if (s.status === 'rejected') throw s.reason
  return results
}
