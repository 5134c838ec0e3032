/**
 * GitHub's own local runner, `npx @github/local-action run . src/main.ts .env.example`, from
 * the repository root as the Development docs say: it loads src/main.ts through tsx, stubs
 * @actions/core with its own, calls `run()` with no arguments and prints the outputs. The
 * shipped .env.example names the layout in examples/ (no registry, no network). It needs no
 * build: it runs the sources. About 4 s.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT, spawnNode } from './harness/action.js'

const LOCAL_ACTION = join(
  REPO_ROOT,
  'node_modules',
  '@github',
  'local-action',
  'bin',
  'local-action.js'
)
const INDEX = 'sha256:e61ee32a8906968d22885276c8016bc09c00b6eb747028fbecf94de652bf001a'
const SINGLE = 'sha256:82ce558639b001adcf57233e0283e922c69243d4b3fadee332b9e9fb90bbc6da'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dg-local-action-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** `::set-output name=NAME::VALUE` lines, as @github/local-action's core stub prints them. */
function setOutputs(stdout: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const re = /^::set-output name=([a-z-]+)::(.*)$/gm
  for (const [, name, value] of stdout.matchAll(re)) outputs[name] = value
  return outputs
}

test('local-action runs the shipped example and prints its outputs', async () => {
  // RUNNER_TEMP from here wins over the env file's (dotenv does not override), so the report
  // file lands in this test's directory.
  const run = await spawnNode(
    [LOCAL_ACTION, 'run', '.', 'src/main.ts', '.env.example'],
    { PATH: process.env.PATH ?? '', HOME: dir, RUNNER_TEMP: dir },
    // About 4 s on an idle machine; the limit only ends a hung run.
    120_000
  )
  expect(run.stderr).not.toMatch(/TypeError|Cannot read properties/)
  expect(run.code).toBe(0)
  const outputs = setOutputs(run.stdout)
  const digests = JSON.parse(outputs.digests) as Record<string, { digest: string }>
  expect(digests['oci-layout://examples/hello-layout:1.0'].digest).toBe(INDEX)
  expect(digests['oci-layout://examples/hello-layout:single'].digest).toBe(SINGLE)
  // The example requires linux/arm64, which :single lacks: a warning, not a failed step.
  expect(JSON.parse(outputs.missing)).toEqual([
    { image: 'oci-layout://examples/hello-layout:single', platform: 'linux/arm64' }
  ])
  expect(outputs.ok).toBe('false')
  expect(run.stdout).toContain('::warning title=digest-gate: linux/arm64 missing::')
  expect(run.stdout).not.toContain('::error')
  const report = JSON.parse(await readFile(outputs['report-file'], 'utf8')) as { images: unknown[] }
  expect(report.images).toHaveLength(2)
  // Its own table of the outputs, after the run.
  expect(run.stdout).toContain('Action Outputs')
}, 120_000)
