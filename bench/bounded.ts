// Benchmark: the inputs issue 18 found quadratic or worse, timed in-process. Not a test: it
// prints figures (the tests assert that these inputs complete, never how fast). Run with
// `tsc -p bench/tsconfig.json && node build/bench/bench/bounded.js`.
import { performance } from 'node:perf_hooks'
import { findDockerfileReferences } from '../src/files/find-dockerfile.js'
import { indexLines } from '../src/files/positions.js'
import { compileGlob } from '../src/model/glob.js'

function time(label: string, work: () => unknown): void {
  const started = performance.now()
  const result = work()
  const ms = performance.now() - started
  console.log(`${label}: ${ms.toFixed(1)} ms (${JSON.stringify(result)})`)
}

function dockerfile(text: string): number {
  return findDockerfileReferences('Dockerfile', text, indexLines(text)).references.length
}

const ARGS = Number(process.env.BENCH_ARGS ?? 100_000)
const args = Array.from({ length: ARGS }, (_, i) => `ARG A_${i}=registry.example/b:${i}`).join('\n')
const manyArgs = `${args}\nFROM \${A_${ARGS - 1}}\n`
time(`${ARGS} ARGs (${manyArgs.length} bytes), then one FROM`, () => dockerfile(manyArgs))

const SPACES = Number(process.env.BENCH_SPACES ?? 200_000)
const directive = `# syntax=a${' '.repeat(SPACES)}b\nFROM registry.example/app:1\n`
time(`'# syntax=a' + ${SPACES} spaces + 'b'`, () => dockerfile(directive))

const pattern = `${'*a'.repeat(Number(process.env.BENCH_STARS ?? 22))}b`
const name = 'a'.repeat(40)
time(`policy glob '${pattern}' against ${name.length} 'a's`, () => compileGlob(pattern)(name))
