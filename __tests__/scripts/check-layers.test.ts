import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { checkLayers, formatReport, importsOf, isExported } from '../../scripts/check-layers.mjs'
import { functionSizes, lineCount } from '../../scripts/check-layers-sizes.mjs'

// Fixture trees in the target layout (scripts/check-layers.config.mjs's default map), written
// to temporary directories, with small packages in their own node_modules.

const script = resolve('scripts/check-layers.mjs')
const roots: string[] = []

/** A tree of files (path -> text) in a new temporary directory; returns its root. */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'check-layers-'))
  roots.push(root)
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, file)), { recursive: true })
    await writeFile(join(root, file), text)
  }
  return root
}

/** A package with an exports map: its main entry and `./lib/public` only. */
function fakePackage(name: string): Record<string, string> {
  const exportsMap = { '.': './lib/index.js', './lib/public': './lib/public.js' }
  return {
    [`node_modules/${name}/package.json`]: JSON.stringify({ name, exports: exportsMap }),
    [`node_modules/${name}/lib/index.js`]: 'export const x = 1\n',
    [`node_modules/${name}/lib/public.js`]: 'export const y = 1\n',
    [`node_modules/${name}/lib/internal.js`]: 'export const z = 1\n'
  }
}

/** A tree that keeps every rule: each layer imports only downward, packages where allowed. */
const clean: Record<string, string> = {
  ...fakePackage('@actions/core'),
  ...fakePackage('@actions/github'),
  ...fakePackage('kept'),
  'package.json': '{"name":"fixture"}\n',
  'src/main.ts': [
    "import pkg from '../package.json' with { type: 'json' }",
    "import * as core from '@actions/core'",
    "import { summary } from './render/summary.js'",
    "import { run } from './run/session.js'",
    'export const main = () => core.x + summary(run()) + pkg.name'
  ].join('\n'),
  'src/shell/toolkit.ts': "export type { x } from '@actions/core'\n",
  'src/render/summary.ts':
    "import type { Record } from '../model/record.js'\nexport const summary = (r: Record) => 1\n",
  'src/review/comment.ts': [
    "import { x } from '@actions/github'",
    "import { summary } from '../render/summary.js'",
    'export const comment = () => x + summary({})'
  ].join('\n'),
  'src/run/session.ts': [
    "import { judge } from '../policy/judge.js'",
    "export const run = () => judge(import('../resolve/walk.js'))"
  ].join('\n'),
  'src/policy/judge.ts':
    "import type { Record } from '../model/record.js'\nexport const judge = (r: unknown) => 1\n",
  'src/resolve/walk.ts':
    "import { fetchIndex } from '../sources/registry.js'\nexport { fetchIndex }\n",
  'src/sources/registry.ts': [
    "import { get } from '../http/client.js'",
    "import { y } from 'kept/lib/public'",
    "import { readFile } from 'node:fs/promises'",
    "import { join } from 'path'",
    'export const fetchIndex = () => get(y, readFile, join)'
  ].join('\n'),
  'src/http/client.ts':
    "import { MAX_BYTES } from '../model/limits.js'\nexport const get = (...a: unknown[]) => MAX_BYTES\n",
  'src/model/record.ts':
    "export * from './limits.js'\nexport interface Record { image?: string }\n",
  'src/model/limits.ts': 'export const MAX_BYTES = 4 << 20\n'
}

function check(root: string) {
  const result = checkLayers({ root, map: 'target' })
  return { result, ...formatReport(result, 'target') }
}

/** The printed lines a check adds to the clean tree's report, without the count line. */
async function linesOf(changes: Record<string, string>): Promise<string[]> {
  const { text } = check(await tree({ ...clean, ...changes }))
  return text.split('\n').slice(1, -1)
}

afterAll(async () => {
  await Promise.all(roots.map(root => rm(root, { recursive: true, force: true })))
})

describe('check-layers', () => {
  test('a tree whose arrows all point down passes, every import drawn', async () => {
    const { result, text, count } = check(await tree(clean))
    expect(text).toBe('layers (map target): 11 modules, 11 imports\nlayers ok')
    expect(count).toBe(0)
    expect(result.modules).toBe(11)
  })

  test('a cycle is printed as its path, type-only imports and re-exports included', async () => {
    const lines = await linesOf({
      'src/model/limits.ts':
        "import type { Record } from './record.js'\nexport const MAX_BYTES = 1\n"
    })
    expect(lines).toEqual([
      'import cycles:',
      '  src/model/limits.ts -> src/model/record.ts -> src/model/limits.ts'
    ])
  })

  test('an import of a higher layer is printed with both layers', async () => {
    const lines = await linesOf({
      'src/sources/registry.ts':
        "import { run } from '../run/session.js'\nexport const fetchIndex = run\n"
    })
    expect(lines).toEqual([
      'upward imports (a module imports only from its own layer or below):',
      '  src/sources/registry.ts -> src/run/session.ts (sources -> run)',
      'import cycles:',
      '  src/resolve/walk.ts -> src/sources/registry.ts -> src/run/session.ts -> src/resolve/walk.ts',
      'folder cycles (under each, one import that makes each step):',
      '  src/resolve/ -> src/sources/ -> src/run/ -> src/resolve/',
      '    src/resolve/walk.ts -> src/sources/registry.ts',
      '    src/sources/registry.ts -> src/run/session.ts',
      '    src/run/session.ts -> src/resolve/walk.ts'
    ])
  })

  test('@actions/core outside the shell and @actions/github outside the review are refused', async () => {
    const lines = await linesOf({
      'src/run/session.ts': [
        "import type * as core from '@actions/core'",
        "export const run = async (c: typeof core) => (await import('@actions/github')).x"
      ].join('\n')
    })
    expect(lines).toEqual([
      'packages imported outside the modules allowed to:',
      '  src/run/session.ts -> @actions/core (run -> @actions/core, allowed only in shell)',
      '  src/run/session.ts -> @actions/github (run -> @actions/github, allowed only in src/review/**)'
    ])
  })

  test("a path into node_modules or past a package's exports is refused", async () => {
    const lines = await linesOf({
      'src/shell/toolkit.ts': [
        "import { z } from '../../node_modules/kept/lib/internal.js'",
        "import { x } from 'kept/lib/internal'",
        "import { y } from 'kept/lib/public'",
        'export const all = [x, y, z]'
      ].join('\n')
    })
    expect(lines).toEqual([
      "imports of a package's private files:",
      '  src/shell/toolkit.ts -> ../../node_modules/kept/lib/internal.js (shell -> kept, a path into node_modules)',
      '  src/shell/toolkit.ts -> kept/lib/internal (shell -> kept, ./lib/internal is not exported)'
    ])
  })

  test('a module no layer claims, HTTP outside its speakers, and a folder cycle are refused', async () => {
    const lines = await linesOf({
      'src/stray.ts': 'export const stray = 1\n',
      'src/resolve/walk.ts':
        "import { MAX_BYTES } from '../http/rules.js'\nexport const fetchIndex = MAX_BYTES\n",
      'src/http/rules.ts': 'export const MAX_BYTES = 1\n',
      'src/render/summary.ts':
        "import { chart } from '../review/chart.js'\nexport const summary = chart\n",
      'src/review/chart.ts': 'export const chart = (r: unknown) => 1\n'
    })
    expect(lines).toEqual([
      'modules no layer claims (add them to the map):',
      '  src/stray.ts',
      'forbidden imports (only what speaks HTTP imports src/http/; the byte caps are plain limits in the model):',
      '  src/resolve/walk.ts -> src/http/rules.ts (resolve -> sources)',
      'folder cycles (under each, one import that makes each step):',
      '  src/render/ -> src/review/ -> src/render/',
      '    src/render/summary.ts -> src/review/chart.ts',
      '    src/review/comment.ts -> src/render/summary.ts'
    ])
  })

  test('an import that names no file, or a computed name, is reported with its line', async () => {
    const lines = await linesOf({
      'src/model/limits.ts': [
        '',
        "import './gone.js'",
        'export const MAX_BYTES = 1',
        'export const load = (name: string) => import(name)'
      ].join('\n')
    })
    expect(lines).toEqual([
      'imports the checker cannot follow (no such file, or a computed name):',
      '  src/model/limits.ts:2 -> ./gone.js',
      '  src/model/limits.ts:4 -> import(name)'
    ])
  })

  test('a file over 400 lines and each kind of function over 80 are printed with their size', async () => {
    // A body of `n` lines in all, its first and last lines included.
    const body = (n: number) => Array.from({ length: n - 2 }, (_, i) => `  void ${i}`).join('\n')
    const lines = await linesOf({
      'src/model/limits.ts': [
        'export const MAX_BYTES = 1',
        `export function declared() {\n${body(81)}\n}`,
        `export const arrow = () => {\n${body(81)}\n}`,
        `export const expression = function () {\n${body(81)}\n}`,
        `export class Store {\n  constructor() {\n${body(81)}\n  }`,
        `  method() {\n${body(81)}\n  }`,
        `  field = () => {\n${body(81)}\n  }\n}`,
        `export const table = {\n  entry: () => {\n${body(81)}\n  },`,
        `  shorthand() {\n${body(80)}\n  }\n}`,
        `export function justUnder() {\n${body(80)}\n}`,
        ''
      ].join('\n'),
      'src/model/record.ts': `${'// filler\n'.repeat(400)}export interface Record { image?: string }\n`,
      'src/http/client.ts': `${'// filler\n'.repeat(399)}export const get = (...a: unknown[]) => 1\n`
    })
    expect(lines).toEqual([
      'files over 400 lines (split them):',
      '  src/model/limits.ts (732 lines)',
      '  src/model/record.ts (401 lines)',
      'functions over 80 lines (split them):',
      '  src/model/limits.ts:2 declared (81 lines)',
      '  src/model/limits.ts:83 arrow (81 lines)',
      '  src/model/limits.ts:164 expression (81 lines)',
      '  src/model/limits.ts:246 constructor (81 lines)',
      '  src/model/limits.ts:327 method (81 lines)',
      '  src/model/limits.ts:408 field (81 lines)',
      '  src/model/limits.ts:491 entry (81 lines)'
    ])
  })

  test('a function is measured from its first line to its last, its comment left out', () => {
    const text = [
      '/** A comment above is not the function. */',
      'function outer() {',
      '  const inner = (a: number) =>',
      '    a + 1',
      '  return [1].map(x => x)',
      '}',
      'export default function () {}'
    ].join('\n')
    expect(functionSizes(text, 'x.ts')).toEqual([
      { name: 'outer', line: 2, lines: 5 },
      { name: 'inner', line: 3, lines: 2 }
    ])
    expect([lineCount(''), lineCount('a'), lineCount('a\n'), lineCount('a\nb')]).toEqual([
      0, 1, 1, 2
    ])
  })

  test('imports are read from the syntax, not from comments or strings', () => {
    const text = [
      "// import { a } from './commented.js'",
      'const s = "import(\'./quoted.js\')"',
      "export * as b from './b.js'",
      "type C = import('./c.js').C",
      "import d = require('./d.js')"
    ].join('\n')
    expect(importsOf(text, 'x.ts')).toEqual([
      { specifier: './b.js', line: 3 },
      { specifier: './c.js', line: 4 },
      { specifier: './d.js', line: 5 }
    ])
  })

  test("a package's exports map: exact keys, patterns, nulls, conditions only, none", () => {
    const map = {
      '.': './i.js',
      './lib/proxy': './p.js',
      './x/*.js': './x/*.js',
      './x/hidden.js': null
    }
    expect(isExported(map, '.')).toBe(true)
    expect(isExported(map, './lib/proxy')).toBe(true)
    expect(isExported(map, './lib/command.js')).toBe(false)
    expect(isExported(map, './x/a.js')).toBe(true)
    expect(isExported(map, './x/hidden.js')).toBe(false)
    expect(isExported({ import: './i.js', require: './i.cjs' }, '.')).toBe(true)
    expect(isExported({ import: './i.js' }, './lib/i.js')).toBe(false)
    expect(isExported('./i.js', './lib/i.js')).toBe(false)
    expect(isExported(undefined, './lib/anything.js')).toBe(true)
  })

  test('the command exits 0 on a clean tree, 1 with the violations, 2 on a usage error', async () => {
    const run = async (...args: string[]) => {
      try {
        const { stdout } = await promisify(execFile)('node', [script, ...args])
        return { code: 0, stdout }
      } catch (error) {
        const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
        return { code, stdout: stdout + stderr }
      }
    }
    const upward = await tree({
      ...clean,
      'src/model/limits.ts': "import '../run/session.js'\nexport const MAX_BYTES = 1\n"
    })
    // Each run loads the compiler for a second or two: run the three side by side.
    const [passed, failed, usage] = await Promise.all([
      run('--root', await tree(clean)),
      run('--root', upward, '--map', 'target'),
      run('--map', 'nested')
    ])
    expect(passed).toEqual({
      code: 0,
      stdout: 'layers (map target): 11 modules, 11 imports\nlayers ok\n'
    })
    expect(failed.code).toBe(1)
    expect(failed.stdout).toContain('  src/model/limits.ts -> src/run/session.ts (model -> run)\n')
    expect(usage).toEqual({
      code: 2,
      stdout: 'check-layers: --map must be one of target, current, got "nested"\n'
    })
  })
})
