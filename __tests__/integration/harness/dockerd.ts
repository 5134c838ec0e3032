// Starts Debian's real dockerd with private roots and no networking of its own, so the suite can
// ask it for GET /distribution/{name}/json against a loopback registry. Needs root, as dockerd does.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export interface RunningDockerd {
  /** `unix:///…/docker.sock` */
  socketHost: string
  /** `tcp://127.0.0.1:PORT` */
  tcpHost: string
  dir: string
  logs(): string
  /**
   * With `logCalls`: the Engine API calls the daemon received since it started, oldest first,
   * as `GET /path` (the harness's own pings left out). The daemon logs each call before it
   * answers, on stderr; a marked ping of the harness's own, once logged, shows that stderr has
   * been read up to the calls before it.
   */
  calls(): Promise<string[]>
  stop(): Promise<void>
}

export interface DockerdOptions {
  /** Run with --debug, so the daemon logs every Engine API call it receives (for calls()). */
  logCalls?: boolean
}

const START_TIMEOUT_MS = 60_000
const DOCKERD = process.env.DIGEST_GATE_DOCKERD_BIN ?? 'dockerd'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0))
    })
  })
}

/** The harness's own pings carry this in their query, so calls() can leave them out. */
const OWN_PING = '/_ping?harness='

function ping(socketPath: string, mark = 'start'): Promise<boolean> {
  return new Promise(resolve => {
    const path = `${OWN_PING}${mark}`
    const req = http.get({ socketPath, path, agent: false, timeout: 1000 }, res => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.on('error', () => resolve(false))
    req.on('timeout', () => {
      req.destroy()
      resolve(false)
    })
  })
}

/** Reads `Calling GET /path` out of dockerd's --debug log, a line at a time. */
function callReader(): { feed(chunk: string): void; calls: string[] } {
  const calls: string[] = []
  let partial = ''
  return {
    calls,
    feed(chunk) {
      const lines = (partial + chunk).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) {
        const m = /level=debug msg="Calling ([A-Z]+) (\S+)"/.exec(line)
        if (m) calls.push(`${m[1]} ${m[2]}`)
      }
    }
  }
}

export async function startDockerd(options: DockerdOptions = {}): Promise<RunningDockerd> {
  // Short paths: unix socket paths are limited to ~107 bytes.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dgd-'))
  const socket = path.join(dir, 'docker.sock')
  const port = await freePort()
  let log = ''
  const child: ChildProcess = spawn(
    DOCKERD,
    [
      '--iptables=false',
      '--ip6tables=false',
      '--bridge=none',
      '--storage-driver=vfs',
      '--data-root',
      path.join(dir, 'data'),
      '--exec-root',
      path.join(dir, 'exec'),
      '--pidfile',
      path.join(dir, 'docker.pid'),
      '-H',
      `unix://${socket}`,
      '-H',
      `tcp://127.0.0.1:${port}`,
      ...(options.logCalls ? ['--debug'] : [])
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  const reader = callReader()
  const keep = (d: Buffer): void => {
    log = (log + d.toString()).slice(-64 * 1024)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  child.stderr?.on('data', (d: Buffer) => reader.feed(d.toString()))
  let exited = false
  child.on('exit', () => (exited = true))
  // A missing binary (or no permission to run it) is an 'error', not an 'exit': without a
  // listener it would be thrown out of the test run; with one, the start fails and says why.
  child.on('error', e => {
    exited = true
    log += `\n${DOCKERD}: ${e.message}`
  })

  const stop = async (): Promise<void> => {
    if (!exited) {
      const gone = new Promise(resolve => child.once('exit', resolve))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await gone
      clearTimeout(timer)
    }
    await rm(dir, { recursive: true, force: true })
  }

  const deadline = Date.now() + START_TIMEOUT_MS
  while (!(await ping(socket))) {
    if (exited || Date.now() > deadline) {
      await stop()
      throw new Error(`dockerd did not start (exited: ${exited})\n${log}`)
    }
    await new Promise(r => setTimeout(r, 200))
  }
  let marks = 0
  const calls = async (): Promise<string[]> => {
    if (!options.logCalls) throw new Error('calls() needs startDockerd({ logCalls: true })')
    const mark = `${OWN_PING}mark-${++marks}`
    if (!(await ping(socket, `mark-${marks}`))) throw new Error(`dockerd did not answer\n${log}`)
    const waitUntil = Date.now() + 10_000
    while (!reader.calls.includes(`GET ${mark}`)) {
      if (exited || Date.now() > waitUntil) {
        throw new Error(`dockerd did not log the call GET ${mark}\n${log}`)
      }
      await new Promise(r => setTimeout(r, 10))
    }
    return reader.calls.filter(c => !c.startsWith(`GET ${OWN_PING}`))
  }
  return {
    socketHost: `unix://${socket}`,
    tcpHost: `tcp://127.0.0.1:${port}`,
    dir,
    logs: () => log,
    calls,
    stop
  }
}
