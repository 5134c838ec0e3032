// The three ways of getting per-platform digests that the benchmark compares. Each run checks the
// answer against what was pushed: a fast wrong answer must not count as a result.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import http from 'node:http'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type ReportShape,
  inputEnv,
  parseOutputFile
} from '../__tests__/integration/harness/action.js'
import type { ExpectedImage } from './fixtures.js'
import { LAYER_SIZES } from './fixtures.js'
import { type ProcResult, TIME_BIN, pool, readTimeFile, runProcess } from './proc.js'

export type ToolName = 'action' | 'docker' | 'skopeo'
export const TOOL_NAMES: readonly ToolName[] = ['action', 'docker', 'skopeo']

export interface ToolContext {
  /** `127.0.0.1:PORT` of the fault front. */
  host: string
  images: ExpectedImage[]
  /** Required platforms handed to the action, `os/arch[/variant]`. */
  platforms: string[]
  /** Scratch space; each run makes and removes its own directory below it. */
  tmp: string
  /** Images in flight at once for docker and skopeo. */
  peerConcurrency: number
  /** Per process, in milliseconds. */
  timeoutMs: number
  /** Wrap every process in /usr/bin/time -v. */
  useTime: boolean
  binaries: { docker: string; skopeo: string }
}

export interface ToolRun {
  ms: number
  /** Date.now() at the first spawn and after the last exit. */
  startedAt: number
  endedAt: number
  /** Why the answer was wrong or missing; undefined when every answer checked out. */
  problem?: string
  /** action: peak RSS of the whole run; peers: of the largest single process. */
  maxRssKb?: number
  /** user + system CPU seconds, summed over every process of the run. */
  cpuS?: number
  processes: number
  /** What the action's report file says it sent. */
  reportedRequests?: number
  reportedTokenRequests?: number
  /** action: bytes written to GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and the report file. */
  written?: { outputs: number; summary: number; report: number }
  /** action with the cache input: the report's cache figures. */
  cache?: { hits: number; misses: number; stored: number; corrupt: number }
}

/** The repository root: where action.yml and dist/ are, whether run from source or build/. */
export function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'action.yml')) && existsSync(join(dir, 'package.json'))) return dir
    const up = dirname(dir)
    if (up === dir) throw new Error('cannot find the repository root (action.yml) above bench/')
    dir = up
  }
}

export const REPO_ROOT = findRepoRoot()
export const ACTION_ENTRY = join(REPO_ROOT, 'dist', 'index.js')

/**
 * The defaults the runner fills in from action.yml for inputs a step leaves out. Expressions
 * (`${{ github.token }}`) have no value outside a workflow and become empty.
 */
export async function actionDefaults(): Promise<Record<string, string>> {
  const text = await readFile(join(REPO_ROOT, 'action.yml'), 'utf8')
  const block = /^inputs:\n((?:[ \t]+.*\n|\n)*)/m.exec(text)?.[1] ?? ''
  const defaults: Record<string, string> = {}
  let current: string | undefined
  for (const line of block.split('\n')) {
    const name = /^ {2}([a-z0-9-]+):\s*$/.exec(line)
    if (name) {
      current = name[1]
      continue
    }
    const value = /^ {4}default:\s*(.*)$/.exec(line)
    if (!value || current === undefined) continue
    let v = value[1].trim()
    if (/^'.*'$/.test(v)) v = v.slice(1, -1).replace(/''/g, "'")
    else if (/^".*"$/.test(v)) v = JSON.parse(v) as string
    defaults[current] = v.includes('${{') ? '' : v
  }
  return defaults
}

function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`
}

/** skopeo --raw prints the bytes as served; tolerate one trailing newline added by a CLI. */
function rawDigest(out: Buffer): string[] {
  const digests = [sha256(out)]
  if (out.length && out[out.length - 1] === 0x0a) digests.push(sha256(out.subarray(0, -1)))
  return digests
}

function baseEnv(home: string): Record<string, string> {
  // Nothing of the host's (proxies, DOCKER_HOST, credentials) so only loopback is ever contacted.
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: home,
    DOCKER_CONFIG: join(home, 'docker-config'),
    NO_PROXY: '*'
  }
}

async function scratch(ctx: ToolContext, name: string): Promise<string> {
  const dir = await mkdtemp(join(ctx.tmp, `${name}-`))
  await mkdir(join(dir, 'docker-config'))
  return dir
}

interface Measured {
  proc: ProcResult
  maxRssKb?: number
  cpuS?: number
}

let timeFiles = 0

async function measured(
  ctx: ToolContext,
  dir: string,
  cmd: string,
  args: string[],
  env: Record<string, string>,
  cwd?: string
): Promise<Measured> {
  if (!ctx.useTime)
    return { proc: await runProcess(cmd, args, { env, cwd, timeoutMs: ctx.timeoutMs }) }
  const file = join(dir, `time-${++timeFiles}.txt`)
  const proc = await runProcess(TIME_BIN, ['-v', '-o', file, cmd, ...args], {
    env,
    cwd,
    timeoutMs: ctx.timeoutMs
  })
  const t = await readTimeFile(file)
  return { proc, maxRssKb: t?.maxRssKb, cpuS: t ? t.userS + t.systemS : undefined }
}

/** Accumulates peak RSS and CPU over the processes of one peer run. */
class Usage {
  maxRssKb?: number
  cpuS?: number
  processes = 0
  add(m: Measured): void {
    this.processes++
    if (m.maxRssKb !== undefined) this.maxRssKb = Math.max(this.maxRssKb ?? 0, m.maxRssKb)
    if (m.cpuS !== undefined) this.cpuS = (this.cpuS ?? 0) + m.cpuS
  }
}

function failed(what: string, p: ProcResult): string {
  const why = p.signal ? `signal ${p.signal}` : `exit ${p.code}`
  return `${what}: ${why}: ${p.stderr.trim().slice(0, 500)}`
}

function refOf(ctx: ToolContext, image: ExpectedImage): string {
  return `${ctx.host}/${image.repo}:${image.tag}`
}

/** The action as the runner starts it: one step, every image, default concurrency. */
export async function runAction(
  ctx: ToolContext,
  defaults: Record<string, string>,
  overrides: Record<string, string>,
  nodeOptions?: string
): Promise<ToolRun> {
  const dir = await scratch(ctx, 'action')
  try {
    const outputFile = join(dir, 'output')
    const summaryFile = join(dir, 'summary.md')
    await writeFile(outputFile, '')
    await writeFile(summaryFile, '')
    const inputs: Record<string, string> = {
      ...defaults,
      images: ctx.images.map(i => refOf(ctx, i)).join('\n'),
      platforms: ctx.platforms.join(', '),
      ...overrides
    }
    // detail (when the action has it) decides how much there is to check.
    const detail = inputs.detail || 'layers'
    const env = {
      ...baseEnv(dir),
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
      ...inputEnv(inputs)
    }
    const m = await measured(ctx, dir, process.execPath, [ACTION_ENTRY], env, REPO_ROOT)
    const run: ToolRun = {
      ms: m.proc.ms,
      startedAt: m.proc.startedAt,
      endedAt: m.proc.startedAt + m.proc.ms,
      maxRssKb: m.maxRssKb,
      cpuS: m.cpuS,
      processes: 1
    }
    if (m.proc.code !== 0) return { ...run, problem: failed('node dist/index.js', m.proc) }
    const outputText = await readFile(outputFile, 'utf8')
    const outputs = parseOutputFile(outputText)
    if (outputs.ok !== 'true') return { ...run, problem: `ok output is ${outputs.ok}` }
    const digests = JSON.parse(outputs.digests ?? '{}') as Record<
      string,
      { digest?: string; platforms?: Record<string, string | null>; error?: string }
    >
    if (!outputs['report-file']) return { ...run, problem: 'no report-file output' }
    const reportText = await readFile(outputs['report-file'], 'utf8')
    const report = JSON.parse(reportText) as ReportShape
    run.written = {
      outputs: Buffer.byteLength(outputText),
      summary: (await stat(summaryFile)).size,
      report: Buffer.byteLength(reportText)
    }
    run.reportedRequests = report.run?.requests
    run.reportedTokenRequests = report.run?.tokenRequests
    if (report.run?.cache) run.cache = report.run.cache
    const byImage = new Map(report.images.map(r => [r.image, r]))
    const layerTotal = LAYER_SIZES.reduce((a, b) => a + b, 0)
    for (const image of ctx.images) {
      const ref = refOf(ctx, image)
      const got = digests[ref]
      if (!got || got.digest !== image.index)
        return { ...run, problem: `${ref}: digest ${got?.digest ?? got?.error} != ${image.index}` }
      const record = byImage.get(ref)
      if (detail === 'digest') continue
      for (const p of image.platforms) {
        if (got.platforms?.[p.platform] !== p.digest)
          return { ...run, problem: `${ref} ${p.platform}: ${got.platforms?.[p.platform]}` }
        const rp = record?.platforms.find(x => x.platform === p.platform)
        if (detail !== 'layers') continue
        if (rp?.layers !== p.layers.length || rp.size !== layerTotal)
          return { ...run, problem: `${ref} ${p.platform}: layers ${rp?.layers} size ${rp?.size}` }
      }
    }
    return run
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

interface DockerEntry {
  Ref?: string
  Descriptor?: { digest?: string }
  SchemaV2Manifest?: { layers?: { digest?: string }[] }
  OCIManifest?: { layers?: { digest?: string }[] }
}

/** `docker manifest inspect -v --insecure`, one process per image, N images at a time. */
export async function runDocker(ctx: ToolContext): Promise<ToolRun> {
  const dir = await scratch(ctx, 'docker')
  const usage = new Usage()
  const startedAt = Date.now()
  const t0 = performance.now()
  let problem: string | undefined
  try {
    await pool(ctx.images, ctx.peerConcurrency, async image => {
      const ref = refOf(ctx, image)
      const args = ['manifest', 'inspect', '-v', '--insecure', ref]
      const m = await measured(ctx, dir, ctx.binaries.docker, args, baseEnv(dir))
      usage.add(m)
      if (m.proc.code !== 0) throw new Error(failed(`docker ${args.join(' ')}`, m.proc))
      const entries = JSON.parse(m.proc.stdout.toString('utf8')) as DockerEntry[]
      if (!Array.isArray(entries)) throw new Error(`${ref}: docker printed no list`)
      for (const p of image.platforms) {
        const e = entries.find(x => x.Descriptor?.digest === p.digest)
        if (!e) throw new Error(`${ref}: docker output lacks ${p.platform} ${p.digest}`)
        const layers = (e.SchemaV2Manifest ?? e.OCIManifest)?.layers?.map(l => l.digest) ?? []
        if (layers.join() !== p.layers.join())
          throw new Error(`${ref} ${p.platform}: docker layers ${layers.join()}`)
      }
      if (entries.length !== image.platforms.length)
        throw new Error(`${ref}: docker listed ${entries.length} manifests`)
    })
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const ms = performance.now() - t0
  return { ms, startedAt, endedAt: startedAt + ms, problem, ...usage }
}

interface RawIndex {
  manifests?: { digest?: string; platform?: { os?: string; architecture?: string } }[]
}
interface RawManifest {
  layers?: { digest?: string }[]
}

/**
 * What a user scripting per-platform digests and layers with skopeo would do: the index by tag,
 * then each platform's manifest by digest, one after another (a shell loop), N images at a time.
 */
export async function runSkopeo(ctx: ToolContext): Promise<ToolRun> {
  const dir = await scratch(ctx, 'skopeo')
  const usage = new Usage()
  const startedAt = Date.now()
  const t0 = performance.now()
  let problem: string | undefined
  const inspect = async (target: string): Promise<Buffer> => {
    const args = ['inspect', '--raw', '--tls-verify=false', `docker://${target}`]
    const m = await measured(ctx, dir, ctx.binaries.skopeo, args, baseEnv(dir))
    usage.add(m)
    if (m.proc.code !== 0) throw new Error(failed(`skopeo ${args.join(' ')}`, m.proc))
    return m.proc.stdout
  }
  try {
    await pool(ctx.images, ctx.peerConcurrency, async image => {
      const ref = refOf(ctx, image)
      const indexBytes = await inspect(ref)
      if (!rawDigest(indexBytes).includes(image.index))
        throw new Error(`${ref}: skopeo index bytes do not hash to ${image.index}`)
      const index = JSON.parse(indexBytes.toString('utf8')) as RawIndex
      const entries = index.manifests ?? []
      if (entries.length !== image.platforms.length)
        throw new Error(`${ref}: index lists ${entries.length} manifests`)
      for (const entry of entries) {
        const expected = image.platforms.find(p => p.digest === entry.digest)
        if (!expected) throw new Error(`${ref}: unexpected index entry ${entry.digest}`)
        const bytes = await inspect(`${ctx.host}/${image.repo}@${expected.digest}`)
        if (!rawDigest(bytes).includes(expected.digest))
          throw new Error(`${ref} ${expected.platform}: bytes do not hash to ${expected.digest}`)
        const layers = (JSON.parse(bytes.toString('utf8')) as RawManifest).layers ?? []
        if (layers.map(l => l.digest).join() !== expected.layers.join())
          throw new Error(`${ref} ${expected.platform}: skopeo layers differ`)
      }
    })
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const ms = performance.now() - t0
  return { ms, startedAt, endedAt: startedAt + ms, problem, ...usage }
}

/**
 * Not a peer: the least any client can do here. The same minimal request set as the action (each
 * tag, then that index's children once it is known), `concurrency` requests in flight in arrival
 * order, kept-alive sockets, bodies only hashed. It runs inside the benchmark process, beside the
 * fault front, so it is a reference for the action's request phase, not for its total.
 */
export async function runIdeal(ctx: ToolContext, concurrency: number): Promise<ToolRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const accept = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json'
  ].join(', ')
  let active = 0
  const waiting: (() => void)[] = []
  const get = async (path: string): Promise<Buffer> => {
    if (active >= concurrency) await new Promise<void>(resolve => waiting.push(resolve))
    active++
    try {
      return await new Promise<Buffer>((resolve, reject) => {
        const req = http.get(`http://${ctx.host}${path}`, { agent, headers: { accept } }, res => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('error', reject)
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(Buffer.concat(chunks))
              : reject(new Error(`GET ${path}: HTTP ${res.statusCode}`))
          )
        })
        req.setTimeout(ctx.timeoutMs, () => req.destroy(new Error(`GET ${path} timed out`)))
        req.on('error', reject)
      })
    } finally {
      active--
      waiting.shift()?.()
    }
  }
  const startedAt = Date.now()
  const t0 = performance.now()
  let problem: string | undefined
  try {
    await Promise.all(
      ctx.images.map(async image => {
        const index = await get(`/v2/${image.repo}/manifests/${image.tag}`)
        if (sha256(index) !== image.index) throw new Error(`${image.repo}: index digest differs`)
        await Promise.all(
          image.platforms.map(async p => {
            const body = await get(`/v2/${image.repo}/manifests/${p.digest}`)
            if (sha256(body) !== p.digest) throw new Error(`${image.repo}: ${p.platform} differs`)
          })
        )
      })
    )
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e)
  } finally {
    agent.destroy()
  }
  const ms = performance.now() - t0
  return { ms, startedAt, endedAt: startedAt + ms, problem, processes: 0 }
}
