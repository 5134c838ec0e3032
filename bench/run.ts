// Benchmark: the action against `docker manifest inspect` and a `skopeo inspect --raw` loop, on a
// real registry behind a fault front that adds latency to every request. Not a test: it prints
// figures. See bench/README.md.
import { accessSync, constants, readFileSync, rmSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  type FaultFront,
  type FaultFrontRequest,
  startFaultFront
} from '../__tests__/integration/harness/fault-front.js'
import {
  type RunningRegistry,
  platformString,
  startRegistry
} from '../__tests__/integration/harness/registry.js'
import { PLATFORMS, seedImages } from './fixtures.js'
import { haveTime, killAllChildren } from './proc.js'
import {
  ACTION_ENTRY,
  TOOL_NAMES,
  type ToolContext,
  type ToolName,
  type ToolRun,
  actionDefaults,
  runAction,
  runDocker,
  runIdeal,
  runSkopeo
} from './tools.js'

/**
 * The tools compared, plus the in-process reference client that runs after each action run,
 * and with --cache the action with a fresh cache directory (cold) and again with it (warm).
 */
type RunName = ToolName | 'ideal' | 'cache-cold' | 'cache-warm'
const CACHE_RUNS = ['cache-cold', 'cache-warm'] as const

const USAGE = `usage: npm run bench -- [options]

  --images N                 repositories, one tag each (default 24)
  --platforms P              platforms per image, 1-${PLATFORMS.length} (default 5)
  --rounds R                 rounds, tools alternating within each (default 5)
  --latency MS               added by the fault front to every request (default 20)
  --only LIST                tools to run, comma-separated: action,docker,skopeo (default: all
                             three up to 100 images, the action only above that)
  --peer-concurrency C       images in flight at once for docker and skopeo (default 8)
  --action-concurrency C     the action's concurrency input (default: action.yml's)
  --action-node-options S    NODE_OPTIONS for the action, e.g. --max-old-space-size=64
  --action-input NAME=VALUE  set one more action input, e.g. detail=platforms (repeatable)
  --no-ideal                 skip the in-process reference client after each action run
  --cache                    also run the action with the cache input each round: once with
                             an empty cache directory (cold), then again with it (warm)
  --timeout S                seconds one process may run (default 600)
  --max-minutes M            stop and clean up after this long (default 45)
  --json FILE                also write every measurement as JSON
  --help`

interface Options {
  images: number
  platforms: number
  rounds: number
  latency: number
  tools: ToolName[]
  peerConcurrency: number
  actionConcurrency?: number
  actionNodeOptions?: string
  actionInputs: Record<string, string>
  timeoutS: number
  maxMinutes: number
  ideal: boolean
  cache: boolean
  json?: string
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`)
  process.exit(2)
}

function integer(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number
): number {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || n < min || n > max)
    fail(`--${name} must be an integer from ${min} to ${max}, not '${raw}'`)
  return n
}

function parseOptions(argv: string[]): Options {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        images: { type: 'string' },
        platforms: { type: 'string' },
        rounds: { type: 'string' },
        latency: { type: 'string' },
        only: { type: 'string' },
        'peer-concurrency': { type: 'string' },
        'action-concurrency': { type: 'string' },
        'action-node-options': { type: 'string' },
        'action-input': { type: 'string', multiple: true },
        timeout: { type: 'string' },
        'max-minutes': { type: 'string' },
        json: { type: 'string' },
        'no-ideal': { type: 'boolean' },
        cache: { type: 'boolean' },
        help: { type: 'boolean' }
      },
      strict: true
    })
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e))
  }
  const { values } = parsed
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    process.exit(0)
  }
  const images = integer('images', values.images, 24, 1, 10_000)
  const actionInputs: Record<string, string> = {}
  for (const pair of values['action-input'] ?? []) {
    const eq = pair.indexOf('=')
    if (eq < 1) fail(`--action-input takes NAME=VALUE, not '${pair}'`)
    actionInputs[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  let tools: ToolName[]
  if (values.only !== undefined) {
    const names = values.only
      .split(',')
      .map(s => s.trim())
      .filter(Boolean)
    for (const n of names)
      if (!TOOL_NAMES.includes(n as ToolName))
        fail(`--only takes ${TOOL_NAMES.join(', ')}, not '${n}'`)
    tools = TOOL_NAMES.filter(t => names.includes(t))
    if (tools.length === 0) fail('--only names no tool')
  } else {
    tools = images > 100 ? ['action'] : [...TOOL_NAMES]
  }
  return {
    images,
    platforms: integer('platforms', values.platforms, 5, 1, PLATFORMS.length),
    rounds: integer('rounds', values.rounds, 5, 1, 100),
    latency: integer('latency', values.latency, 20, 0, 10_000),
    tools,
    peerConcurrency: integer('peer-concurrency', values['peer-concurrency'], 8, 1, 64),
    actionConcurrency:
      values['action-concurrency'] === undefined
        ? undefined
        : integer('action-concurrency', values['action-concurrency'], 8, 1, 64),
    timeoutS: integer('timeout', values.timeout, 600, 1, 86_400),
    maxMinutes: integer('max-minutes', values['max-minutes'], 45, 1, 24 * 60),
    actionNodeOptions: values['action-node-options'],
    actionInputs,
    ideal: !values['no-ideal'],
    cache: values.cache ?? false,
    json: values.json
  }
}

function findBinary(name: string, candidates: string[]): string {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean)
  for (const c of [...candidates, ...dirs.map(d => join(d, name))]) {
    try {
      accessSync(c, constants.X_OK)
      return c
    } catch {
      // next
    }
  }
  throw new Error(`${name} not found (looked in ${candidates.join(', ')} and PATH)`)
}

// --- statistics ---------------------------------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

interface Measurement extends ToolRun {
  tool: RunName
  round: number
  /** Requests the fault front logged during this run (its log is reset before each run). */
  requests: number
  /** `METHOD kind status` → count. */
  breakdown: Record<string, number>
  /** Spawn → first request arrival, first → last arrival, last arrival → exit (ms). */
  phases?: { startupMs: number; requestMs: number; tailMs: number; firstGapMs: number }
  /** CPU seconds the registry and this process (the fault front) spent during the run. */
  registryCpuS?: number
  frontCpuS: number
  /**
   * CPU seconds the whole machine was busy minus what the tool, the registry and this process
   * account for: other processes (noise) and kernel work no process is charged for (loopback
   * softirq, process teardown), which grows with the processes and connections a tool makes.
   */
  otherCpuS?: number
}

/** Seconds of busy CPU, all CPUs together, since boot. */
function machineBusyS(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number)
    return (user + nice + system + irq + softirq + (steal || 0)) / 100
  } catch {
    return undefined
  }
}

/** utime + stime of a process from /proc, in seconds (USER_HZ is 100 on Linux). */
function processCpuS(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return undefined
  }
}

function classify(r: FaultFrontRequest): string {
  const path = r.path.split('?')[0]
  let kind: string
  if (path === '/v2/' || path === '/v2') kind = '/v2/ (ping)'
  else if (/\/manifests\/[a-z0-9]+:[a-f0-9]{32,}$/.test(path)) kind = 'manifests/<digest>'
  else if (/\/manifests\/[^/]+$/.test(path)) kind = 'manifests/<tag>'
  else if (/\/blobs\//.test(path)) kind = 'blobs/<digest>'
  else if (/token/i.test(path)) kind = `token ${path}`
  else kind = path
  return `${r.method} ${kind} ${r.status || '(no answer)'}${r.authorization ? ' +auth' : ''}`
}

function breakdownOf(requests: FaultFrontRequest[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const r of requests) out[classify(r)] = (out[classify(r)] ?? 0) + 1
  return out
}

const fmt = (n: number | undefined, digits = 3): string =>
  n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits)

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)))
  return rows
    .map(r =>
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')
    )
    .join('\n')
}

// --- main ---------------------------------------------------------------------------------------

const cleanups: (() => Promise<void>)[] = []
let tmpRoot: string | undefined
/** Set by an interrupt or the deadline: start nothing new, report nothing, exit with it. */
let stopCode: number | undefined
let cleaning: Promise<void> | undefined

/** Idempotent: every caller waits for the one cleanup to finish before exiting. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    killAllChildren()
    while (cleanups.length) {
      const fn = cleanups.pop()
      try {
        await fn?.()
      } catch (e) {
        process.stderr.write(`bench: cleanup: ${e instanceof Error ? e.message : String(e)}\n`)
      }
    }
  })()
  return cleaning
}

function stop(code: number, message: string): void {
  if (stopCode !== undefined) return
  stopCode = code
  process.stderr.write(`\nbench: ${message}; cleaning up\n`)
  void cleanup().finally(() => process.exit(code))
}

process.once('exit', () => {
  // Last resort after an uncaught error: children are process groups, scratch space is ours.
  killAllChildren()
  if (tmpRoot) rmSync(tmpRoot, { recursive: true, force: true })
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => stop(130, signal))
}

const log = (s: string): void => {
  process.stderr.write(`${s}\n`)
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2))
  const deadline = setTimeout(
    () => stop(124, `still running after ${opts.maxMinutes} min (--max-minutes), giving up`),
    opts.maxMinutes * 60_000
  )

  try {
    accessSync(ACTION_ENTRY, constants.R_OK)
  } catch {
    throw new Error(`${ACTION_ENTRY} is missing: run npm run build first`)
  }
  const binaries = {
    docker: opts.tools.includes('docker')
      ? findBinary('docker', ['/usr/local/bin/docker', '/usr/bin/docker'])
      : '',
    skopeo: opts.tools.includes('skopeo') ? findBinary('skopeo', ['/usr/bin/skopeo']) : ''
  }
  const useTime = haveTime()
  if (!useTime)
    log(
      'bench: /usr/bin/time is missing, so no memory figures. Install it with: ' +
        'sudo apt-get install -y time'
    )

  // Timings are only comparable on an otherwise idle machine: say when it is not.
  const [load1] = os.loadavg()
  if (load1 > 0.5)
    log(`bench: warning: load average ${load1.toFixed(2)} before starting; timings may be noisy`)

  const platforms = PLATFORMS.slice(0, opts.platforms)
  tmpRoot = await mkdtemp(join(os.tmpdir(), 'digest-gate-bench-'))
  const scratch = tmpRoot
  cleanups.push(async () => {
    await rm(scratch, { recursive: true, force: true })
  })

  log(`bench: starting docker-registry`)
  const registry: RunningRegistry = await startRegistry()
  cleanups.push(() => registry.stop())

  const seedStart = performance.now()
  const images = await seedImages(registry, opts.images, platforms, done => {
    if (done % 50 === 0 || done === opts.images)
      log(`bench: pushed ${done}/${opts.images} images × ${platforms.length} platforms`)
  })
  log(`bench: seeding took ${((performance.now() - seedStart) / 1000).toFixed(1)} s`)

  const front: FaultFront = await startFaultFront(registry.url, [], { latencyMs: opts.latency })
  cleanups.push(() => front.stop())

  const ctx: ToolContext = {
    host: front.host,
    images,
    platforms: platforms.map(platformString),
    tmp: scratch,
    peerConcurrency: opts.peerConcurrency,
    timeoutMs: opts.timeoutS * 1000,
    useTime,
    binaries
  }
  const defaults = await actionDefaults()
  if (opts.actionConcurrency !== undefined) defaults.concurrency = String(opts.actionConcurrency)
  const actionConcurrency = Number(opts.actionInputs.concurrency || defaults.concurrency || 8)
  // One cache directory per round: made empty for the cold run, kept for the warm one.
  let cacheDir = ''
  const runners: Record<RunName, () => Promise<ToolRun>> = {
    action: () => runAction(ctx, defaults, opts.actionInputs, opts.actionNodeOptions),
    ideal: () => runIdeal(ctx, actionConcurrency),
    docker: () => runDocker(ctx),
    skopeo: () => runSkopeo(ctx),
    'cache-cold': async () => {
      cacheDir = await mkdtemp(join(scratch, 'cache-'))
      return runAction(
        ctx,
        defaults,
        { ...opts.actionInputs, cache: cacheDir },
        opts.actionNodeOptions
      )
    },
    'cache-warm': async () => {
      const run = await runAction(
        ctx,
        defaults,
        { ...opts.actionInputs, cache: cacheDir },
        opts.actionNodeOptions
      )
      // A warm run that still fetched something is not what this measures.
      if (!run.problem && (run.cache?.misses ?? 1) !== 0)
        return { ...run, problem: `warm run missed the cache ${run.cache?.misses ?? '?'} times` }
      return run
    }
  }
  // The reference client does what detail=layers does; other detail modes have none.
  const ideal = opts.ideal && (opts.actionInputs.detail || defaults.detail || 'layers') === 'layers'
  const sequence: RunName[] = opts.tools.flatMap((t): RunName[] => [
    t,
    ...(t === 'action' && ideal ? (['ideal'] as const) : []),
    ...(t === 'action' && opts.cache ? CACHE_RUNS : [])
  ])

  const measurements: Measurement[] = []
  const broken = new Map<RunName, string>()
  for (let round = 1; round <= opts.rounds; round++) {
    for (const tool of sequence) {
      if (stopCode !== undefined) return stopCode
      if (broken.has(tool)) continue
      front.reset()
      const registryCpu0 = processCpuS(registry.pid)
      const frontCpu0 = process.cpuUsage()
      const busy0 = machineBusyS()
      const run = await runners[tool]()
      const busy1 = machineBusyS()
      const frontCpu = process.cpuUsage(frontCpu0)
      const registryCpu1 = processCpuS(registry.pid)
      // Every request of the run has been answered by now: each tool waits for its answers.
      const requests = [...front.requests]
      const m: Measurement = {
        ...run,
        tool,
        round,
        requests: requests.length,
        breakdown: breakdownOf(requests),
        registryCpuS:
          registryCpu0 === undefined || registryCpu1 === undefined
            ? undefined
            : registryCpu1 - registryCpu0,
        frontCpuS: (frontCpu.user + frontCpu.system) / 1e6
      }
      if (busy0 !== undefined && busy1 !== undefined && m.registryCpuS !== undefined)
        m.otherCpuS = busy1 - busy0 - m.frontCpuS - m.registryCpuS - (run.cpuS ?? 0)
      if (requests.length) {
        const first = requests[0].at
        const last = requests[requests.length - 1].at
        m.phases = {
          startupMs: first - run.startedAt,
          requestMs: last - first,
          tailMs: run.endedAt - last,
          // A client that waits for its first answer before sending more shows it here.
          firstGapMs: requests.length > 1 ? requests[1].at - first : 0
        }
      }
      if (stopCode !== undefined) return stopCode
      measurements.push(m)
      const status = run.problem ? `BROKEN: ${run.problem}` : 'answer checked'
      log(
        `bench: round ${round} ${tool.padEnd(6)} ${(run.ms / 1000).toFixed(3)} s, ` +
          `${requests.length} requests, ${status}`
      )
      if (run.problem) broken.set(tool, run.problem)
    }
  }
  clearTimeout(deadline)

  report(opts, platforms.length, actionConcurrency, measurements, broken)
  if (opts.json) {
    await writeFile(
      opts.json,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
          options: opts,
          measurements
        },
        null,
        2
      )}\n`
    )
    log(`bench: wrote ${opts.json}`)
  }
  return broken.size ? 1 : 0
}

function report(
  opts: Options,
  platformCount: number,
  actionConcurrency: number,
  measurements: Measurement[],
  broken: Map<RunName, string>
): void {
  const out: string[] = []
  const minimum = 1 + platformCount
  out.push(
    '',
    `digest-gate benchmark: ${opts.images} images × ${platformCount} platforms, ` +
      `${opts.rounds} rounds, +${opts.latency} ms per request, ` +
      (opts.tools.some(t => t !== 'action')
        ? `peers ${opts.peerConcurrency} images at a time, `
        : '') +
      `action concurrency ${actionConcurrency}` +
      Object.entries(opts.actionInputs)
        .map(([k, v]) => `, ${k}=${v}`)
        .join('') +
      (opts.actionNodeOptions ? `, NODE_OPTIONS=${opts.actionNodeOptions}` : '') +
      '; ' +
      `${os.cpus().length} CPUs, Node ${process.version}, ${new Date().toISOString()}, ` +
      `load average ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}`,
    ''
  )
  const rows = [
    [
      'tool',
      'median s',
      'min s',
      'max s',
      'requests/image',
      'max RSS MB',
      'CPU s',
      'registry CPU s',
      'front CPU s',
      'unattributed CPU s',
      'processes'
    ]
  ]
  const medians = new Map<RunName, number>()
  const rowNames: RunName[] = [
    ...opts.tools,
    ...(opts.cache && opts.tools.includes('action') ? CACHE_RUNS : [])
  ]
  for (const tool of rowNames) {
    const ms = measurements.filter(m => m.tool === tool && !m.problem)
    if (broken.has(tool) || ms.length === 0) {
      rows.push([tool, 'BROKEN', ...Array<string>(rows[0].length - 2).fill('')])
      continue
    }
    const secs = ms.map(m => m.ms / 1000)
    medians.set(tool, median(secs))
    const perImage = ms.map(m => m.requests / opts.images)
    const rss = ms.map(m => m.maxRssKb).filter((x): x is number => x !== undefined)
    const cpu = ms.map(m => m.cpuS).filter((x): x is number => x !== undefined)
    const registryCpu = ms.map(m => m.registryCpuS).filter((x): x is number => x !== undefined)
    const rqMin = Math.min(...perImage)
    const rqMax = Math.max(...perImage)
    rows.push([
      tool,
      fmt(median(secs)),
      fmt(Math.min(...secs)),
      fmt(Math.max(...secs)),
      rqMin === rqMax ? fmt(rqMin, 2) : `${fmt(rqMin, 2)}-${fmt(rqMax, 2)}`,
      rss.length
        ? `${fmt(Math.max(...rss) / 1024, 1)}${tool === 'action' || tool.startsWith('cache-') ? '' : ' (1 proc)'}`
        : 'n/a',
      cpu.length ? fmt(median(cpu), 2) : 'n/a',
      registryCpu.length ? fmt(median(registryCpu), 2) : 'n/a',
      fmt(median(ms.map(m => m.frontCpuS)), 2),
      fmt(median(ms.map(m => m.otherCpuS ?? NaN).filter(x => !Number.isNaN(x))), 2),
      String(ms[0].processes)
    ])
  }
  out.push(
    table(rows),
    '',
    'Times are wall clock (median/min/max over rounds). requests/image: front log / images. ' +
      'RSS: peak of the action process; for peers, of their largest single process. CPU s: ' +
      'user+system of the tool (all its processes), of the registry, of the fault front, and ' +
      "the rest of the machine's busy CPU (other processes, kernel softirq): noise when large, " +
      'medians over rounds.',
    ''
  )
  out.push(
    `minimum possible requests/image: ${minimum} (1 index + ${platformCount} platform manifests)`
  )
  const action = medians.get('action')
  const peers = [...medians].filter(
    ([t]) => t !== 'action' && !(CACHE_RUNS as readonly string[]).includes(t)
  )
  if (action !== undefined && peers.length) {
    const [bestTool, best] = peers.reduce((a, b) => (b[1] < a[1] ? b : a))
    out.push(
      `action median / best peer median (${bestTool}): ${fmt(action)} / ${fmt(best)} = ${fmt(action / best, 3)}`
    )
  }

  const actionRuns = measurements.filter(m => m.tool === 'action' && !m.problem)
  if (actionRuns.length) {
    type Phase = 'startupMs' | 'requestMs' | 'tailMs' | 'firstGapMs'
    const phase = (runs: Measurement[], key: Phase): number =>
      median(runs.map(m => m.phases?.[key] ?? NaN).filter(x => !Number.isNaN(x)))
    const requests = median(actionRuns.map(m => m.requests))
    const requestMs = phase(actionRuns, 'requestMs')
    const reported = [...new Set(actionRuns.map(m => m.reportedRequests))].join(', ')
    const tokens = [...new Set(actionRuns.map(m => m.reportedTokenRequests))].join(', ')
    out.push(
      '',
      'action, where the time goes (medians over rounds):',
      `  spawn -> first request arrives at the front: ${fmt(phase(actionRuns, 'startupMs'), 0)} ms`,
      `  first -> last request arrival:              ${fmt(requestMs, 0)} ms ` +
        `(${fmt(requests / (requestMs / 1000), 0)} requests/s), of which first -> second ` +
        `arrival ${fmt(phase(actionRuns, 'firstGapMs'), 0)} ms`,
      `  last request arrival -> exit:               ${fmt(phase(actionRuns, 'tailMs'), 0)} ms`,
      `  latency floor at concurrency ${actionConcurrency}: ${requests} requests × ${opts.latency} ms / ` +
        `${actionConcurrency} = ${fmt((requests * opts.latency) / actionConcurrency, 0)} ms`,
      `  report file: run.requests ${reported}, run.tokenRequests ${tokens}`
    )
    const w = actionRuns[actionRuns.length - 1].written
    if (w)
      out.push(
        `  written: GITHUB_OUTPUT ${fmt(w.outputs / 1024, 1)} KiB, step summary ` +
          `${fmt(w.summary / 1024, 1)} KiB, report file ${fmt(w.report / 1024, 1)} KiB`
      )
    const ideal = measurements.filter(m => m.tool === 'ideal' && !m.problem)
    if (ideal.length) {
      const idealMs = phase(ideal, 'requestMs')
      out.push(
        `  reference client (same ${requests} requests, concurrency ${actionConcurrency}, in the ` +
          `bench process): first -> last request arrival ${fmt(idealMs, 0)} ms ` +
          `(first -> second ${fmt(phase(ideal, 'firstGapMs'), 0)} ms) ` +
          `(min ${fmt(Math.min(...ideal.map(m => m.phases?.requestMs ?? NaN)), 0)}), ` +
          `total ${fmt(median(ideal.map(m => m.ms)), 0)} ms; ` +
          `action request phase / reference: ${fmt(requestMs / idealMs, 2)}`
      )
    }
  }

  const cold = medians.get('cache-cold')
  const warm = medians.get('cache-warm')
  if (cold !== undefined && warm !== undefined) {
    const warmRuns = measurements.filter(m => m.tool === 'cache-warm' && !m.problem)
    const coldRuns = measurements.filter(m => m.tool === 'cache-cold' && !m.problem)
    const perImage = (runs: Measurement[]): string =>
      fmt(median(runs.map(m => m.requests)) / opts.images, 2)
    const hits = [...new Set(warmRuns.map(m => m.cache?.hits))].join(', ')
    out.push(
      '',
      'cache (same images, a new cache directory each round):',
      `  cold: ${fmt(cold)} s, ${perImage(coldRuns)} requests/image, stored ${[...new Set(coldRuns.map(m => m.cache?.stored))].join(', ')}`,
      `  warm: ${fmt(warm)} s, ${perImage(warmRuns)} requests/image, hits ${hits}, misses 0`,
      `  warm / cold = ${fmt(warm / cold, 3)}` +
        (action !== undefined ? `; warm / action without cache = ${fmt(warm / action, 3)}` : '')
    )
  }

  out.push('', 'requests per image by kind (front log, mean over rounds):')
  for (const tool of rowNames) {
    const ms = measurements.filter(m => m.tool === tool && !m.problem)
    if (!ms.length) continue
    const sum: Record<string, number> = {}
    for (const m of ms) for (const [k, v] of Object.entries(m.breakdown)) sum[k] = (sum[k] ?? 0) + v
    out.push(`  ${tool}:`)
    for (const [k, v] of Object.entries(sum).sort((a, b) => b[1] - a[1]))
      out.push(`    ${fmt(v / ms.length / opts.images, 2).padStart(6)}  ${k}`)
  }
  for (const [tool, problem] of broken)
    out.push('', `${tool} BROKEN (its figures are void): ${problem}`)
  process.stdout.write(`${out.join('\n')}\n`)
}

main()
  .then(async code => {
    await cleanup()
    process.exit(stopCode ?? code)
  })
  .catch(async (e: unknown) => {
    // Once stopping, failures are just the registry going away under a run.
    if (stopCode === undefined)
      log(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
    await cleanup()
    process.exit(stopCode ?? 1)
  })
