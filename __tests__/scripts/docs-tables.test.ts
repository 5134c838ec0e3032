/**
 * scripts/docs-tables.mjs (`npm run docs`) writes the README's inputs and outputs tables from
 * action.yml between markers, and with --check fails when they are stale (CI runs it). Run as a
 * user runs it, a real process over real files in a temporary directory.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const script = fileURLToPath(new URL('../../scripts/docs-tables.mjs', import.meta.url))

const ACTION = `name: sample
inputs:
  images:
    description: >-
      Image references, or oci-layout://PATH[:tag|@digest];
      name:tag@sha256:<digest>.
    required: false
    default: ''
  timeout:
    description: Seconds one request may take.
    default: '30'
outputs:
  ok:
    description: true when every image resolved.
runs:
  using: node24
  main: dist/index.js
`

const README = `# sample

Some prose that must stay.

<!-- inputs:start -->
<!-- inputs:end -->

More prose.

<!-- outputs:start -->
old table
<!-- outputs:end -->
`

const INPUTS_DOC = `| input | default | description |
| --- | --- | --- |
| \`images\` | empty | Long form. |
| \`timeout\` | \`30\` | Long form. |
`

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'docs-tables-'))
  writeFileSync(join(dir, 'action.yml'), ACTION)
  writeFileSync(join(dir, 'README.md'), README)
  writeFileSync(join(dir, 'inputs.md'), INPUTS_DOC)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function docs(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    [
      script,
      ...['--action', join(dir, 'action.yml'), '--readme', join(dir, 'README.md')],
      ...['--inputs-doc', join(dir, 'inputs.md'), ...args]
    ],
    { cwd: dir, encoding: 'utf8' }
  )
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}
const readme = () => readFileSync(join(dir, 'README.md'), 'utf8')

test('writes one row per input and output between the markers, and keeps the prose', () => {
  expect(docs().status).toBe(0)
  const text = readme()
  expect(text).toMatch(
    /^\| `images` +\| empty +\| Image references, or oci-layout:\/\/PATH\[:tag\\\|@digest\]; name:tag@sha256:&lt;digest&gt;\. +\|$/m
  )
  expect(text).toMatch(/^\| `timeout` +\| `30` +\| Seconds one request may take\. +\|$/m)
  expect(text).toMatch(/^\| `ok` +\| true when every image resolved\. +\|$/m)
  expect(text).not.toContain('old table')
  expect(text).toContain('Some prose that must stay.')
  expect(text).toContain('More prose.')
  // The tables sit inside their own markers.
  expect(text.indexOf('`timeout`')).toBeLessThan(text.indexOf('<!-- inputs:end -->'))
  expect(text.indexOf('`ok`')).toBeGreaterThan(text.indexOf('<!-- outputs:start -->'))
})

test('a second run changes nothing, and --check then passes', () => {
  docs()
  const once = readme()
  expect(docs().status).toBe(0)
  expect(readme()).toBe(once)
  const check = docs('--check')
  expect(check.status).toBe(0)
  expect(check.stdout).toContain('match')
})

test('--check fails on a stale table, says what to run, and writes nothing', () => {
  docs()
  writeFileSync(
    join(dir, 'action.yml'),
    ACTION.replace('Seconds one request may take.', 'Seconds per request.')
  )
  const before = readme()
  const check = docs('--check')
  expect(check.status).toBe(1)
  expect(check.stderr).toContain('README.md')
  expect(check.stderr).toContain("run 'npm run docs'")
  expect(readme()).toBe(before)
})

test('--check fails on a README whose tables were never generated', () => {
  expect(docs('--check').status).toBe(1)
})

test('missing markers are a clear error naming the file and the marker, not a stack trace', () => {
  writeFileSync(join(dir, 'README.md'), '# sample\n\n<!-- inputs:start -->\n<!-- inputs:end -->\n')
  const run = docs()
  expect(run.status).toBe(1)
  expect(run.stderr).toContain("README.md: expected exactly one '<!-- outputs:start -->'")
  expect(run.stderr).not.toMatch(/\n\s+at |Error:/)
  expect(readme()).toBe('# sample\n\n<!-- inputs:start -->\n<!-- inputs:end -->\n')
})

test('an unknown argument is refused with the usage', () => {
  const run = docs('--chek')
  expect(run.status).toBe(1)
  expect(run.stderr).toContain("unknown argument '--chek'; usage: docs-tables.mjs [--check]")
})

test('a README over its word limit fails both modes, counted as wc -w counts', () => {
  docs()
  const wc = spawnSync('wc', ['-w', join(dir, 'README.md')], { encoding: 'utf8' })
  const words = Number(wc.stdout.trim().split(/\s+/)[0])
  expect(words).toBeGreaterThan(50)
  expect(docs('--check', '--max-words', String(words)).status).toBe(0)
  const over = docs('--check', '--max-words', String(words - 1))
  expect(over.status).toBe(1)
  expect(over.stderr).toContain(`README.md has ${words} words, over its limit of ${words - 1}`)
  expect(docs('--max-words', String(words - 1)).status).toBe(1)
})

test('an input with no row in the long-form inputs page fails both modes, named', () => {
  writeFileSync(join(dir, 'inputs.md'), INPUTS_DOC.replace(/^\| `timeout`.*\n/m, ''))
  // Mentioned in prose is not a row.
  writeFileSync(
    join(dir, 'inputs.md'),
    `${readFileSync(join(dir, 'inputs.md'), 'utf8')}\nSee \`timeout\`.\n`
  )
  for (const args of [[], ['--check']]) {
    const run = docs(...args)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      "docs: inputs.md has no row for 'timeout'; add one per input of action.yml"
    )
  }
  writeFileSync(join(dir, 'inputs.md'), INPUTS_DOC)
  expect(docs('--check').status).toBe(0)
})
