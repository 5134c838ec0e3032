/**
 * scripts/check-test-mirror.mjs on fixture trees in temporary directories: which modules lack
 * a test at the matching path, which tests there import nothing of their module, what it
 * prints, and its exit code as `npm run check:tests` runs it. Fixture tests import their
 * module, as a test at the matching path must.
 */
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import {
  EXEMPT,
  TESTED_THROUGH,
  checkMirror,
  formatMirror,
  mirrorOf,
  valueImportsOf
} from '../../scripts/check-test-mirror.mjs'

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

/** A test of src/model/text.ts at its matching path, importing it. */
const TEXT_TEST = "import { b } from '../../src/model/text.js'\n"

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
    '__tests__/main.test.ts': "import { a } from '../src/main.js'\n",
    // At another path than the mirror: does not count for src/sources/registry/auth.ts.
    '__tests__/sources/auth.test.ts': ''
  })
  const result = checkMirror({ root, exempt: {}, through: {} })
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
  const result = checkMirror({ root, exempt, through: {} })
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
    '__tests__/model/text.test.ts': TEXT_TEST
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
    '__tests__/model/text.test.ts': TEXT_TEST
  })
  // The script's own exemptions name modules this tree lacks, so check with the API's default
  // through a tree that holds them all (those tested through a caller with a test that does
  // not import them).
  const exemptFiles = Object.fromEntries(Object.keys(EXEMPT).map(m => [m, 'export {}\n']))
  const throughFiles = Object.fromEntries(
    Object.keys(TESTED_THROUGH).flatMap(m => [
      [m, 'export {}\n'],
      [mirrorOf(m), '']
    ])
  )
  const full = await tree({
    ...exemptFiles,
    ...throughFiles,
    'src/model/text.ts': 'export const b = 1\n',
    '__tests__/model/text.test.ts': TEXT_TEST
  })
  const r = run(full)
  expect(r.status).toBe(0)
  expect(r.stdout).toContain(
    `Every one of ${Object.keys(EXEMPT).length + Object.keys(TESTED_THROUGH).length + 1} modules has its test at the matching path`
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

test('reads the values a test imports, by repository path; types and side effects do not count', () => {
  const text = [
    "import { a } from '../../src/model/a.js'",
    "import b from '../../src/model/b'",
    "import * as c from '../c.ts'",
    "import { type D, d } from '../../src/model/d.js'",
    "import type { E } from '../../src/model/e.js'",
    "import { type F } from '../../src/model/f.js'",
    "import '../../src/model/g.js'",
    "export { h } from '../../src/model/h.js'",
    "const i = await import('../../src/model/i.js')",
    "import { j } from 'node:fs'",
    "import { k } from '../helpers/k.js'"
  ].join('\n')
  expect([...valueImportsOf(text, '__tests__/model/x.test.ts')].sort()).toEqual([
    '__tests__/c.ts',
    '__tests__/helpers/k.ts',
    'src/model/a.ts',
    'src/model/b.ts',
    'src/model/d.ts',
    'src/model/h.ts',
    'src/model/i.ts'
  ])
})

test('names a test at the matching path that imports nothing of its module', async () => {
  const root = await tree({
    'src/model/a.ts': 'export const a = 1\n',
    'src/model/b.ts': 'export const b = 1\n',
    'src/model/c.ts': 'export type C = 1\nexport const c = 1\n',
    'src/model/d.ts': 'export const d = 1\n',
    'src/model/e.ts': 'export const e = 1\n',
    // Tests b's function under a's name.
    '__tests__/model/a.test.ts': "import { b } from '../../src/model/b.js'\n",
    '__tests__/model/b.test.ts': "import { b } from '../../src/model/b.js'\n",
    // A type alone, or a side effect, runs nothing of the module.
    '__tests__/model/c.test.ts': "import type { C } from '../../src/model/c.js'\n",
    '__tests__/model/d.test.ts': "import '../../src/model/d.js'\n",
    '__tests__/model/e.test.ts': "const { e } = await import('../../src/model/e.js')\n"
  })
  const result = checkMirror({ root, exempt: {}, through: {} })
  expect(result.missing).toEqual([])
  expect(result.unrelated).toEqual([
    { module: 'src/model/a.ts', test: '__tests__/model/a.test.ts' },
    { module: 'src/model/c.ts', test: '__tests__/model/c.test.ts' },
    { module: 'src/model/d.ts', test: '__tests__/model/d.test.ts' }
  ])
  const { text, count } = formatMirror(result)
  expect(count).toBe(3)
  expect(text.split('\n')[1]).toBe(
    '__tests__/model/a.test.ts imports nothing of src/model/a.ts: test its exports there, or list it in TESTED_THROUGH in scripts/check-test-mirror.mjs with the caller it is tested through'
  )
})

test('a module tested through a caller is not named; a stale entry of that list is', async () => {
  const root = await tree({
    'src/files/find-x.ts': 'export const x = 1\n',
    'src/files/find-y.ts': 'export const y = 1\n',
    'src/files/find.ts': 'export const find = 1\n',
    '__tests__/files/find-x.test.ts': "import { find } from '../../src/files/find.js'\n",
    '__tests__/files/find-y.test.ts': "import { y } from '../../src/files/find-y.js'\n",
    '__tests__/files/find.test.ts': "import { find } from '../../src/files/find.js'\n"
  })
  const through = {
    'src/files/find-x.ts': 'through find',
    'src/files/find-y.ts': 'through find',
    'src/files/gone.ts': 'through find'
  }
  const result = checkMirror({ root, exempt: {}, through })
  expect(result.unrelated).toEqual([])
  expect(result.staleThrough).toEqual([
    { module: 'src/files/find-y.ts', why: 'imported' },
    { module: 'src/files/gone.ts', why: 'gone' }
  ])
  const { text, count } = formatMirror(result)
  expect(count).toBe(2)
  expect(text).toContain(
    'src/files/find-y.ts: in TESTED_THROUGH in scripts/check-test-mirror.mjs, but __tests__/files/find-y.test.ts imports it now; remove the entry'
  )
  expect(text).toContain(
    'src/files/gone.ts: in TESTED_THROUGH in scripts/check-test-mirror.mjs, but there is no such module'
  )
})

test('every module tested through a caller says why', () => {
  for (const [module, why] of Object.entries(TESTED_THROUGH)) {
    expect(module).toMatch(/^src\/.+\.ts$/)
    expect(module in EXEMPT).toBe(false)
    expect(why).toMatch(/^tested through \w+ \(/)
  }
})

test('the command exits 1 and names a test that imports nothing of its module', async () => {
  const exemptFiles = Object.fromEntries(Object.keys(EXEMPT).map(m => [m, 'export {}\n']))
  const throughFiles = Object.fromEntries(
    Object.keys(TESTED_THROUGH).flatMap(m => [
      [m, 'export {}\n'],
      [mirrorOf(m), '']
    ])
  )
  const root = await tree({
    ...exemptFiles,
    ...throughFiles,
    'src/model/text.ts': 'export const b = 1\n',
    'src/model/other.ts': 'export const o = 1\n',
    '__tests__/model/text.test.ts': "import { o } from '../../src/model/other.js'\n",
    '__tests__/model/other.test.ts': "import { o } from '../../src/model/other.js'\n"
  })
  const r = run(root)
  expect(r.status).toBe(1)
  expect(r.stderr).toContain(
    '__tests__/model/text.test.ts imports nothing of src/model/text.ts: test its exports there'
  )
  expect(r.stderr).not.toContain('__tests__/model/other.test.ts')
})
