// Start-up benchmark: the action resolving the shipped OCI layout offline, as the runner starts
// it, against `node -e 0` and against the least a Node program doing this job pays
// (startup-floor.mjs), on the same machine, alternating within each round. Not a test: it
// prints figures. See bench/README.md.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { runProcess } from './proc.js'
import { ACTION_ENTRY, REPO_ROOT, actionDefaults } from './tools.js'

const USAGE = `usage: npm run bench:startup -- [--rounds R] [--json FILE]

  --rounds R   rounds, each running every command once in turn (default 30)
  --json FILE  also write every measurement as JSON`

interface Command {
  name: string
  args: string[]
  env: Record<string, string>
  /**
   * Give the run a compile cache directory of its own, empty each round: what a fresh runner
   * pays (Node 22.1+; older runtimes have no compile cache and ignore it).
   */
  coldCompileCache?: boolean
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      rounds: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean' }
    }
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const rounds = Number(values.rounds ?? 30)
  if (!Number.isInteger(rounds) || rounds < 3) throw new Error('--rounds must be 3 or more')
  const dir = await mkdtemp(join(os.tmpdir(), 'dg-startup-'))
  try {
    const defaults = await actionDefaults()
    const outputFile = join(dir, 'output')
    const summaryFile = join(dir, 'summary.md')
    const base = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      LANG: 'C.UTF-8',
      NODE_COMPILE_CACHE: join(dir, 'compile-cache')
    }
    const inputs: Record<string, string> = {
      ...defaults,
      images: 'oci-layout://examples/hello-layout:1.0\noci-layout://examples/hello-layout:single',
      platforms: 'linux/amd64, linux/arm64'
    }
    const inputEnv = Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])
    )
    const actionEnv = {
      ...base,
      ...inputEnv,
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile
    }
    const commands: Command[] = [
      { name: 'node -e 0', args: ['-e', '0'], env: base },
      // The other runs share one compile cache (Node 22.1+), kept here between rounds, as a
      // runner that has run the action before keeps it in its temporary directory.
      {
        name: 'floor (ESM: hash, write)',
        args: [join(REPO_ROOT, 'bench', 'startup-floor.mjs')],
        env: { ...base, GITHUB_OUTPUT: outputFile }
      },
      {
        name: 'action (oci layout)',
        args: [ACTION_ENTRY],
        env: actionEnv
      },
      {
        name: 'action, cold cache',
        args: [ACTION_ENTRY],
        env: actionEnv,
        coldCompileCache: true
      },
      {
        name: 'cli (oci layout)',
        args: [
          join(REPO_ROOT, 'bin', 'digest-gate.js'),
          '--platforms',
          'linux/amd64,linux/arm64',
          'oci-layout://examples/hello-layout:1.0'
        ],
        env: base
      }
    ]
    const times = new Map<string, number[]>(commands.map(c => [c.name, []]))
    // One warm-up of each, so the page cache holds node and the bundle for every round alike.
    for (let round = -1; round < rounds; round++) {
      for (const c of commands) {
        await writeFile(outputFile, '')
        await writeFile(summaryFile, '')
        const env = c.coldCompileCache
          ? { ...c.env, NODE_COMPILE_CACHE: join(dir, `compile-cache-${round + 1}`) }
          : c.env
        const r = await runProcess(process.execPath, c.args, {
          env,
          cwd: REPO_ROOT,
          timeoutMs: 30_000
        })
        if (r.code !== 0) throw new Error(`${c.name} exited ${r.code}: ${r.stderr}`)
        if (c.name.startsWith('action')) {
          const out = await readFile(outputFile, 'utf8')
          // Both images resolved (the single-platform one lacks arm64 by design, so ok is false).
          if (/"error"/.test(out) || (out.match(/"digest":"sha256:/g) ?? []).length !== 2)
            throw new Error(`${c.name}: the layout did not resolve:\n${out}`)
        }
        if (round >= 0) times.get(c.name)?.push(r.ms)
      }
    }
    const bare = median(times.get('node -e 0') ?? [])
    const rows = [['command', 'median ms', 'p10 ms', 'p90 ms', '÷ node -e 0']]
    for (const c of commands) {
      const xs = times.get(c.name) ?? []
      rows.push([
        c.name,
        median(xs).toFixed(1),
        quantile(xs, 0.1).toFixed(1),
        quantile(xs, 0.9).toFixed(1),
        (median(xs) / bare).toFixed(2)
      ])
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)))
    process.stdout.write(
      `start-up, ${rounds} rounds, node ${process.version}, ${os.cpus().length} CPUs\n` +
        rows
          .map(r =>
            r.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ')
          )
          .join('\n') +
        '\n'
    )
    if (values.json)
      await writeFile(values.json, JSON.stringify(Object.fromEntries(times), null, 2))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
