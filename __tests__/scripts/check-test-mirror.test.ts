/**
 * scripts/check-test-mirror.mjs on fixture trees in temporary directories: which modules lack
 * a test at the matching path, what it prints, and its exit code as `npm run check:tests`
 * runs it.
 */
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { EXEMPT, checkMirror, formatMirror, mirrorOf } from '../../scripts/check-test-mirror.mjs'

const script = resolve('scripts/check-test-mirror.mjs')
const roots: string[] = []

/** A tree of files (path -> text) in a new temporary directory; returns its root. */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'check-test-mirror-'))
  roots.push(root)
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, file)), { recursive: true })
    await writeFile(join(root, file), text)
  }
  return root
}

function run(root: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

afterAll(async () => {
  await Promise.all(roots.map(root => rm(root, { recursive: true, force: true })))
})

test('maps a module to its test by the path under src/', () => {
  expect(mirrorOf('src/model/platform.ts')).toBe('__tests__/model/platform.test.ts')
  expect(mirrorOf('src/sources/registry/auth.ts')).toBe('__tests__/sources/registry/auth.test.ts')
  expect(mirrorOf('src/main.ts')).toBe('__tests__/main.test.ts')
})

test('lists the modules without a test at the matching path, nested folders included', async () => {
  const root = await tree({
    'src/main.ts': 'export const a = 1\n',
    'src/model/platform.ts': 'export const b = 1\n',
    'src/sources/registry/auth.ts': 'export const c = 1\n',
    'src/sources/registry/types.d.ts': 'export type T = 1\n',
    'src/README.md': 'not a module\n',
    '__tests__/main.test.ts': '',
    // At another path than the mirror: does not count for src/sources/registry/auth.ts.
    '__tests__/sources/auth.test.ts': ''
  })
  const result = checkMirror({ root, exempt: {} })
  expect(result.modules).toBe(3)
  expect(result.missing).toEqual([
    { module: 'src/model/platform.ts', test: '__tests__/model/platform.test.ts' },
    { module: 'src/sources/registry/auth.ts', test: '__tests__/sources/registry/auth.test.ts' }
  ])
  expect(result.staleExemptions).toEqual([])
  const { text, count } = formatMirror(result)
  expect(count).toBe(2)
  expect(text).toBe(
    [
      '2 of 3 modules have no test at the matching path:',
      'src/model/platform.ts -> __tests__/model/platform.test.ts',
      'src/sources/registry/auth.ts -> __tests__/sources/registry/auth.test.ts'
    ].join('\n')
  )
})

test('skips the exempt modules and names an exemption whose module is gone', async () => {
  const root = await tree({
    'src/index.ts': 'await 1\n',
    'src/model/platform.ts': 'export const b = 1\n'
  })
  const exempt = { 'src/index.ts': 'entry', 'src/gone.ts': 'types only' }
  const result = checkMirror({ root, exempt })
  expect(result.missing.map(m => m.module)).toEqual(['src/model/platform.ts'])
  expect(result.staleExemptions).toEqual(['src/gone.ts'])
  const { text, count } = formatMirror(result)
  expect(count).toBe(2)
  expect(text).toContain(
    'src/gone.ts: exempt in scripts/check-test-mirror.mjs, but there is no such module'
  )
})

test('every exemption says why', () => {
  for (const [module, why] of Object.entries(EXEMPT)) {
    expect(module).toMatch(/^src\/.+\.ts$/)
    expect(why.length).toBeGreaterThan(10)
  }
})

test('the command exits 1 and prints the list when a test is missing', async () => {
  const root = await tree({
    'src/files/jsonc.ts': 'export const a = 1\n',
    'src/model/text.ts': 'export const b = 1\n',
    '__tests__/model/text.test.ts': ''
  })
  const r = run(root)
  expect(r.status).toBe(1)
  expect(r.stderr).toContain('1 of 2 modules have no test at the matching path:')
  expect(r.stderr).toContain('src/files/jsonc.ts -> __tests__/files/jsonc.test.ts')
  expect(r.stderr).not.toContain('src/model/text.ts')
})

test('the command exits 0 when the mirror holds', async () => {
  const root = await tree({
    'src/model/text.ts': 'export const b = 1\n',
    '__tests__/model/text.test.ts': ''
  })
  // The script's own exemptions name modules this tree lacks, so check with the API's default
  // through a tree that holds them all.
  const exemptFiles = Object.fromEntries(Object.keys(EXEMPT).map(m => [m, 'export {}\n']))
  const full = await tree({
    ...exemptFiles,
    'src/model/text.ts': 'export const b = 1\n',
    '__tests__/model/text.test.ts': ''
  })
  const r = run(full)
  expect(r.status).toBe(0)
  expect(r.stdout).toContain(
    `Every one of ${Object.keys(EXEMPT).length + 1} modules has its test at the matching path`
  )
  // Without them, the stale exemptions alone fail the check.
  expect(run(root).status).toBe(1)
})

test('a usage error exits 2 and names the argument', async () => {
  const r = spawnSync(process.execPath, [script, '--bogus'], { encoding: 'utf8' })
  expect(r.status).toBe(2)
  expect(r.stderr).toContain("unknown argument '--bogus'")
  const empty = await tree({ 'x.txt': '' })
  const r2 = run(empty)
  expect(r2.status).toBe(2)
  expect(r2.stderr).toContain('no src/ folder under')
})
