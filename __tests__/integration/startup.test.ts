/**
 * What the bundle does before it resolves anything: it turns on Node's module compile cache
 * (Node 22.1+) before it loads the chunks that hold the run, so the cache keeps their compiled
 * code. This machine's Node 20 has no compile cache, so a preloaded module stands in for the
 * API, as Node 22.1+ defines it, and records when it is called and what was loaded by then.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ACTION_ENTRY, inputEnv, spawnNode } from './harness/action.js'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dg-startup-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

test('the action turns the compile cache on once, before it loads a chunk of the run', async () => {
  // The stand-in API, and a resolve hook that logs each file loaded. A hook answers the main
  // thread's request before the import goes on, so the two logs interleave in order.
  const hooks = join(dir, 'hooks.mjs')
  await writeFile(
    hooks,
    [
      'export async function resolve(specifier, context, next) {',
      '  const resolved = await next(specifier, context)',
      "  if (resolved.url.startsWith('file:')) process.stderr.write(`loaded ${resolved.url}\\n`)",
      '  return resolved',
      '}',
      ''
    ].join('\n')
  )
  const preload = join(dir, 'preload.mjs')
  await writeFile(
    preload,
    [
      "import module, { register } from 'node:module'",
      `register(${JSON.stringify(pathToFileURL(hooks).href)})`,
      'module.enableCompileCache = () => {',
      "  process.stderr.write('enableCompileCache called\\n')",
      "  return { status: 1, directory: '' }",
      '}',
      ''
    ].join('\n')
  )
  const output = join(dir, 'output')
  await writeFile(output, '')
  const run = await spawnNode(['--import', preload, ACTION_ENTRY], {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: output,
    ...inputEnv({ images: 'oci-layout://examples/hello-layout:1.0' })
  })
  expect(run.code).toBe(0)
  const events = run.stderr
    .split('\n')
    .filter(line => line.startsWith('enableCompileCache') || line.startsWith('loaded '))
    .map(line =>
      line.startsWith('loaded ') ? `loaded ${basename(fileURLToPath(line.slice(7)))}` : line
    )
  // The entry, then the call, then the run's chunks (main and what it loads: at least two).
  expect(events[0]).toBe('loaded index.js')
  expect(events[1]).toBe('enableCompileCache called')
  expect(events.filter(e => e === 'enableCompileCache called')).toHaveLength(1)
  expect(events.slice(2).length).toBeGreaterThanOrEqual(2)
  for (const e of events.slice(2)) expect(e).toMatch(/^loaded \d+\.index\.js$/)
})
