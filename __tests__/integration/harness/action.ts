import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Runs the built action the way the runner does: `node dist/index.js` with `INPUT_*`
 * variables and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, then reads back what it wrote.
 */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const ACTION_ENTRY = join(REPO_ROOT, 'dist', 'index.js')
export const CLI_ENTRY = join(REPO_ROOT, 'dist', 'cli', 'index.js')

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** The parsed report file, when the action wrote one. */
  report?: ReportShape
  durationMs: number
}

export interface ReportShape {
  ok: boolean
  images: {
    image: string
    ref: string | null
    digest: string | null
    mediaType: string | null
    platforms: {
      platform: string
      digest: string | null
      mediaType: string | null
      layers: number | null
      size: number | null
      config?: string | null
      layerList?: { digest: string; size: number; servedBy?: string; problem?: string }[]
    }[]
    attestations: number
    missing: string[]
    error: string | null
    errorDetail?: { kind: string; message: string; registry?: string; code?: string }
    notes: string[]
    source?: string
    blobHosts?: string[]
  }[]
  run?: {
    requests?: number
    tokenRequests?: number
    rateLimitRemaining?: Record<string, string>
    shard?: { index: number; count: number; images: number; total: number; positions: number[] }
    wait?: {
      seconds: number
      rounds: number
      waitedMs: number
      timedOut: boolean
      pending: { image: string; reason: string; platforms: string[] }[]
    }
    cache?: {
      dir: string
      hits: number
      misses: number
      stored: number
      corrupt: number
      writeErrors: number
    }
    merged?: { reports: string[]; shards?: { count: number; indexes: number[] }; images: number }
  }
}

/** Parses the runner's file command format: `name<<DELIM\nvalue\nDELIM` or `name=value`. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
      out[name] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  return env
}

/** Environment without anything of the host's that would change the action's behaviour. */
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TZ', 'SYSTEMROOT']
  const env: Record<string, string> = {}
  for (const k of keep) if (process.env[k]) env[k] = process.env[k]
  return env
}

export async function runAction(
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
  timeoutMs = 60_000
): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'dg-action-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary.md')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  try {
    const env = {
      ...baseEnv(),
      // An empty DOCKER_CONFIG so the host's own docker login never leaks into a test.
      DOCKER_CONFIG: join(dir, 'docker-config'),
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...inputEnv(inputs),
      ...extraEnv
    }
    const started = Date.now()
    const { code, stdout, stderr } = await spawnNode([ACTION_ENTRY], env, timeoutMs)
    const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
    const summary = await readFile(summaryFile, 'utf8')
    let report: ReportShape | undefined
    if (outputs['report-file'])
      report = JSON.parse(await readFile(outputs['report-file'], 'utf8')) as ReportShape
    return { code, stdout, stderr, outputs, summary, report, durationMs: Date.now() - started }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export function spawnNode(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
  stdin?: string
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env,
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(
          `node ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`
        )
      )
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    child.stdin.end(stdin ?? '')
  })
}

/** Parses the `digests` output. */
export function digestsOf(run: ActionRun): Record<
  string,
  {
    ref?: string
    digest?: string
    mediaType?: string
    platforms?: Record<string, string | null>
    error?: string
  }
> {
  return JSON.parse(run.outputs.digests ?? '{}') as ReturnType<typeof digestsOf>
}
