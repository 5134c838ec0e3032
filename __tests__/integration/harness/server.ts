// Starts a real `docker-registry` (distribution 2.8) on a loopback port with throwaway storage.
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { request } from './client.js'

const execFileAsync = promisify(execFile)

/** Overridable so CI images that ship the upstream binary as `registry` can still run the suite. */
const REGISTRY_BIN = process.env.DIGEST_GATE_REGISTRY_BIN ?? 'docker-registry'
const START_TIMEOUT_MS = 10_000
const MAX_PORT_ATTEMPTS = 4
const LOG_LIMIT = 64 * 1024

export interface RunningRegistry {
  /** `127.0.0.1:PORT`, i.e. what goes into an image reference. */
  host: string
  /** `http://127.0.0.1:PORT` (`https://` with `tls`) */
  url: string
  /** Temp dir holding config, htpasswd and storage; removed by stop(). */
  dir: string
  configPath: string
  pid: number
  /** Captured registry stderr/stdout (tail), for assertion messages. */
  logs(): string
  stop(): Promise<void>
}

export interface TokenAuthConfig {
  realm: string
  service: string
  issuer: string
  rootCertBundlePath: string
}

export interface RegistryOptions {
  /**
   * `compatibility.schema1.enabled`, default true. Only gates schema1 PUTs (off: 500 "manifest
   * schema v1 unsupported"); GETs whose Accept lacks the stored type are down-converted to signed
   * schema1 either way.
   */
  schema1?: boolean
  /** user -> password; hashed with `htpasswd -Bbn` (bcrypt is the only scheme distribution takes). */
  htpasswd?: Record<string, string>
  token?: TokenAuthConfig
  /** Listen on the IPv6 loopback `[::1]` instead of 127.0.0.1. */
  ipv6?: boolean
  /** Serve HTTPS only (`http.tls`), with these PEM files; `url` is then `https://…`. */
  tls?: { certificate: string; key: string }
}

// Children are tracked so a test file that forgets stop() (or throws in beforeAll) still does not
// leak registries when the worker exits normally.
const live = new Map<ChildProcess, string>()
let exitHookInstalled = false
function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const [child, dir] of live) {
      child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })
}

async function freePort(address = '127.0.0.1'): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, address, () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

// JSON strings are valid YAML double-quoted scalars, which spares us a YAML dependency and quoting
// bugs with temp paths.
const q = (s: string): string => JSON.stringify(s)

async function writeHtpasswd(file: string, users: Record<string, string>): Promise<void> {
  const lines: string[] = []
  for (const [user, password] of Object.entries(users)) {
    const { stdout } = await execFileAsync('htpasswd', ['-Bbn', user, password])
    lines.push(stdout.trim())
  }
  await writeFile(file, lines.join('\n') + '\n', { mode: 0o600 })
}

function renderConfig(dir: string, port: number, opts: RegistryOptions): string {
  const host = opts.ipv6 ? '[::1]' : '127.0.0.1'
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${q(path.join(dir, 'data'))}`,
    '  delete:',
    '    enabled: true',
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    `  addr: ${q(`${host}:${port}`)}`,
    // An explicit secret silences the per-start warning and keeps the log tail useful.
    `  secret: ${q(randomBytes(16).toString('hex'))}`,
    ...(opts.tls
      ? ['  tls:', `    certificate: ${q(opts.tls.certificate)}`, `    key: ${q(opts.tls.key)}`]
      : []),
    'health:',
    '  storagedriver:',
    '    enabled: false'
  ]
  if (opts.schema1 ?? true) {
    lines.push('compatibility:', '  schema1:', '    enabled: true')
  }
  if (opts.htpasswd && opts.token) throw new Error('choose either htpasswd or token auth')
  if (opts.htpasswd) {
    lines.push(
      'auth:',
      '  htpasswd:',
      '    realm: "digest-gate-test"',
      `    path: ${q(path.join(dir, 'htpasswd'))}`
    )
  }
  if (opts.token) {
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${q(opts.token.realm)}`,
      `    service: ${q(opts.token.service)}`,
      `    issuer: ${q(opts.token.issuer)}`,
      `    rootcertbundle: ${q(opts.token.rootCertBundlePath)}`
    )
  }
  return lines.join('\n') + '\n'
}

interface Attempt {
  child: ChildProcess
  watchdog: ChildProcess | undefined
  logs: () => string
  exited: Promise<number | null>
  isExited: () => boolean
}

function launch(configPath: string, dir: string): Attempt {
  let log = ''
  const append = (chunk: Buffer): void => {
    log = (log + chunk.toString('utf8')).slice(-LOG_LIMIT)
  }
  const child = spawn(REGISTRY_BIN, ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] })
  let done = false
  const exited = new Promise<number | null>(resolve => {
    child.once('exit', code => {
      done = true
      live.delete(child)
      resolve(code)
    })
    child.once('error', err => {
      append(Buffer.from(`spawn ${REGISTRY_BIN} failed: ${err.message}\n`))
      done = true
      live.delete(child)
      resolve(null)
    })
  })
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  live.set(child, dir)
  installExitHook()

  // The exit hook does not run if the jest worker is SIGKILLed (timeouts, --forceExit). This shell
  // blocks on our stdin pipe; the kernel closes it when we die for any reason, and it then kills
  // exactly the registry pid it was given and removes its storage.
  // Values go in as positional parameters so no path can be misparsed by the shell. No pid means
  // spawn failed (binary missing); the 'error' handler above has recorded why.
  let watchdog: ChildProcess | undefined
  if (child.pid !== undefined) {
    watchdog = spawn(
      'sh',
      ['-c', 'read _ ; kill -9 "$1" 2>/dev/null ; rm -rf "$2"', 'watchdog', String(child.pid), dir],
      { stdio: ['pipe', 'ignore', 'ignore'] }
    )
    watchdog.on('error', () => undefined)
    watchdog.unref()
    const wdStdin = watchdog.stdin as unknown as { unref?: () => void } | null
    wdStdin?.unref?.()
  }

  return { child, watchdog, logs: () => log, exited, isExited: () => done }
}

const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))

async function waitReady(url: string, attempt: Attempt, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (attempt.isExited()) return false
    try {
      // Racing the exit matters when we lost a port race: whoever owns the port may never answer.
      const res = await Promise.race([
        request(`${url}/v2/`, { timeoutMs: 1000 }),
        attempt.exited.then(() => undefined)
      ])
      if (res === undefined) return false
      // 401 is "up" for auth-enabled registries.
      if (res.status === 200 || res.status === 401) return true
    } catch {
      // connection refused until the listener is up
    }
    await sleep(15)
  }
  return false
}

async function terminate(attempt: Attempt): Promise<void> {
  // Disarm the watchdog first so it can never fire at a recycled pid later.
  attempt.watchdog?.kill('SIGKILL')
  if (!attempt.isExited()) {
    attempt.child.kill('SIGTERM')
    const timer = setTimeout(() => attempt.child.kill('SIGKILL'), 2000)
    await attempt.exited
    clearTimeout(timer)
  }
}

export async function startRegistry(opts: RegistryOptions = {}): Promise<RunningRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'digest-gate-registry-'))
  try {
    if (opts.htpasswd) await writeHtpasswd(path.join(dir, 'htpasswd'), opts.htpasswd)
    const configPath = path.join(dir, 'config.yml')
    let lastLogs = ''
    let failure = ''
    for (let i = 0; i < MAX_PORT_ATTEMPTS; i++) {
      // Probe-and-close leaves a window where another process can grab the port; the registry then
      // exits with "address already in use" and we simply try another one.
      const host = opts.ipv6 ? '[::1]' : '127.0.0.1'
      const port = await freePort(opts.ipv6 ? '::1' : '127.0.0.1')
      await writeFile(configPath, renderConfig(dir, port, opts))
      const url = `${opts.tls ? 'https' : 'http'}://${host}:${port}`
      const attempt = launch(configPath, dir)
      const ready = await waitReady(url, attempt, Date.now() + START_TIMEOUT_MS)
      if (ready) {
        let stopped: Promise<void> | undefined
        return {
          host: `${host}:${port}`,
          url,
          dir,
          configPath,
          pid: attempt.child.pid ?? 0,
          logs: attempt.logs,
          stop: () =>
            (stopped ??= (async () => {
              await terminate(attempt)
              await rm(dir, { recursive: true, force: true })
            })())
        }
      }
      const exitedEarly = attempt.isExited()
      await terminate(attempt)
      lastLogs = attempt.logs()
      failure = exitedEarly
        ? `${REGISTRY_BIN} exited before answering GET /v2/`
        : `${REGISTRY_BIN} did not answer GET /v2/ within ${START_TIMEOUT_MS} ms`
      if (!/address already in use/i.test(lastLogs)) break
    }
    throw new Error(`${failure}.\n--- registry output ---\n${lastLogs}`)
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    throw err
  }
}
