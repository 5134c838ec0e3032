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
  stop(): Promise<void>
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

function ping(socketPath: string): Promise<boolean> {
  return new Promise(resolve => {
    const req = http.get({ socketPath, path: '/_ping', agent: false, timeout: 1000 }, res => {
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

export async function startDockerd(): Promise<RunningDockerd> {
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
      `tcp://127.0.0.1:${port}`
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  const keep = (d: Buffer): void => {
    log = (log + d.toString()).slice(-64 * 1024)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let exited = false
  child.on('exit', () => (exited = true))

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
  return {
    socketHost: `unix://${socket}`,
    tcpHost: `tcp://127.0.0.1:${port}`,
    dir,
    logs: () => log,
    stop
  }
}
