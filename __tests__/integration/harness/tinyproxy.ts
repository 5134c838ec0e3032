// Starts Debian's tinyproxy (a real forward proxy: CONNECT tunnels and absolute-URI requests)
// on a loopback port, in the foreground, and reads back what it was asked from its own log.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export interface ProxyOptions {
  /** `user` -> `password` for BasicAuth; any entry makes the proxy ask for credentials. */
  users?: Record<string, string>
  /** Ports CONNECT may reach (Debian's default config allows 443 and 563 only); none: all. */
  connectPorts?: number[]
}

export interface RunningProxy {
  /** `http://127.0.0.1:PORT` */
  url: string
  host: string
  /**
   * Request lines the proxy was asked since reset(), in order: `CONNECT host:port`, `GET
   * http://…`. Every request answered before the call is in (see settle()).
   */
  requests(): Promise<string[]>
  /** Drops the requests recorded so far. */
  reset(): Promise<void>
  /** The whole log, for assertion messages. */
  log(): string
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
  })
}

/** Whether something listens on the port yet (tinyproxy says so only at LogLevel Info). */
function accepts(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const live = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})

/** The request lines tinyproxy logs at LogLevel Connect: `Request (file descriptor N): LINE`. */
function requestLines(log: string): string[] {
  return [...log.matchAll(/Request \(file descriptor \d+\): (\S+ \S+) HTTP\/1\.[01]/g)].map(
    m => m[1]
  )
}

const MARKER = '/digest-gate-log-marker-'

/** Sends the proxy a request it logs and refuses at once, and waits for its answer. */
function sendMarker(port: number, n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.end(`GET ${MARKER}${n} HTTP/1.0\r\n\r\n`)
    )
    socket.on('data', () => undefined)
    socket.once('close', () => resolve())
    socket.once('error', reject)
  })
}

export async function startTinyproxy(opts: ProxyOptions = {}): Promise<RunningProxy> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'digest-gate-proxy-'))
  const port = await freePort()
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    'LogLevel Connect',
    'MaxClients 50',
    ...Object.entries(opts.users ?? {}).map(([u, p]) => `BasicAuth ${u} ${p}`),
    ...(opts.connectPorts ?? []).map(p => `ConnectPort ${p}`)
  ]
  const configPath = path.join(dir, 'tinyproxy.conf')
  await writeFile(configPath, config.join('\n') + '\n')
  // -d: stay in the foreground and log to stdout, which is all we read.
  const child = spawn('tinyproxy', ['-d', '-c', configPath], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  live.add(child)
  let log = ''
  let seen = 0
  let markers = 0
  let grew = (): void => undefined
  const append = (d: Buffer): void => {
    log += d.toString()
    grew()
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  /**
   * Every request answered so far is in the log once a request sent after them is: tinyproxy
   * logs each request line before it answers, and its log reaches us through a pipe.
   */
  const settle = async (): Promise<string[]> => {
    const n = ++markers
    await sendMarker(port, n)
    while (!log.includes(`${MARKER}${n} `)) await new Promise<void>(resolve => (grew = resolve))
    const lines = requestLines(log)
    return lines.slice(0, lines.indexOf(`GET ${MARKER}${n}`) + 1)
  }
  const asked = (lines: string[]): string[] => lines.filter(l => !l.includes(MARKER))
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  child.once('error', e => (log += `spawn tinyproxy failed: ${e.message}\n`))
  const deadline = Date.now() + 10_000
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline || /spawn tinyproxy failed/.test(log)) {
      child.kill('SIGKILL')
      live.delete(child)
      await rm(dir, { recursive: true, force: true })
      throw new Error(`tinyproxy did not start (is it installed?)\n${log}`)
    }
    await new Promise(r => setTimeout(r, 20))
  }
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests: async () => asked((await settle()).slice(seen)),
    reset: async () => {
      seen = (await settle()).length
    },
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000)
        await exited
        clearTimeout(timer)
      }
      live.delete(child)
      await rm(dir, { recursive: true, force: true })
    }
  }
}
