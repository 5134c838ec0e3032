/**
 * The `.env` beside a Compose file, read from a real workspace: found for the Compose files
 * that need it, absent without complaint, and refused (as a problem of the Compose file) when
 * it is a symlink out of the workspace, as any file a pin run could write must be.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadComposeEnvs } from '../../src/files/load-compose-env.js'
import { loadFiles } from '../../src/files/read-files.js'

let root: string
let outside: string

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'digest-gate-env-'))
  outside = mkdtempSync(join(tmpdir(), 'digest-gate-env-outside-'))
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

const COMPOSE = 'services:\n  web:\n    image: ${WEB}\n'

test('each Compose file gets the .env beside it; none beside is no problem', async () => {
  mkdirSync(join(root, 'a'))
  mkdirSync(join(root, 'b'))
  writeFileSync(join(root, 'a', 'compose.yaml'), COMPOSE)
  writeFileSync(join(root, 'a', '.env'), 'WEB=nginx:1.27\n')
  writeFileSync(join(root, 'b', 'compose.yaml'), COMPOSE)
  writeFileSync(join(root, 'Dockerfile'), 'FROM alpine\n')
  const files = await loadFiles(['a/compose.yaml', 'b/compose.yaml', 'Dockerfile'], root)
  const envs = await loadComposeEnvs(files, root)
  expect([...envs.envs.keys()]).toEqual(['a/compose.yaml'])
  expect(envs.envs.get('a/compose.yaml')?.vars.get('WEB')).toMatchObject({ value: 'nginx:1.27' })
  expect(envs.loaded.map(f => f.file)).toEqual(['a/.env'])
  expect(envs.problems.size).toBe(0)
})

test('a .env that leads out of the workspace is not read, and the Compose file says why', async () => {
  writeFileSync(join(root, 'compose.yaml'), COMPOSE)
  writeFileSync(join(outside, 'secrets'), 'WEB=nginx:1.27\n')
  symlinkSync(join(outside, 'secrets'), join(root, '.env'))
  const envs = await loadComposeEnvs(await loadFiles(['compose.yaml'], root), root)
  expect(envs.envs.size).toBe(0)
  expect(envs.loaded).toEqual([])
  expect(envs.problems.get('compose.yaml')?.message).toMatch(
    /^compose\.yaml: its \.env: leads outside the workspace; not read$/
  )
})
