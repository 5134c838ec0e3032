/**
 * action.yml, the code and the README must agree on every input and output name: workflows
 * depend on them (contract.md). action.yml is read with `yaml`, the YAML parser the project
 * already depends on.
 */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { INPUT_NAMES } from '../src/shell/inputs.js'
import { OUTPUTS } from '../src/report/outputs.js'
import { DEFAULT_CONCURRENCY } from '../src/run/settings.js'

const root = new URL('../', import.meta.url)
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as Record<string, unknown>
const readme = readFileSync(new URL('README.md', root), 'utf8')

/** A YAML scalar as text; a mapping or sequence (never a valid default) as its JSON. */
function scalarText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'undefined':
    case 'string':
      return value
    case 'number':
    case 'boolean':
      return String(value)
    default:
      return JSON.stringify(value)
  }
}

/**
 * The keys of a top-level mapping of action.yml (`inputs`, `outputs`), with their `default:`
 * as the runner reads it: every scalar a string (`default: 30` and `default: '30'` are one).
 */
function section(name: string): Map<string, string | undefined> {
  const entries = action[name]
  if (typeof entries !== 'object' || entries === null) throw new Error(`action.yml: no ${name}`)
  return new Map(
    Object.entries(entries as Record<string, { default?: unknown } | null>).map(([key, value]) => [
      key,
      scalarText(value?.default)
    ])
  )
}

test('action.yml declares exactly the inputs the code reads', () => {
  expect([...section('inputs').keys()].sort()).toEqual([...INPUT_NAMES].sort())
})

test('action.yml declares exactly the outputs the code writes', () => {
  expect([...section('outputs').keys()].sort()).toEqual(Object.values(OUTPUTS).sort())
})

test('the contract names are all there', () => {
  for (const name of [
    'images',
    'platforms',
    'fail-on-missing',
    'registry',
    'username',
    'password',
    'insecure-registries',
    'source',
    'timeout',
    'summary',
    'concurrency',
    'verify-blobs',
    'github-token',
    'policy',
    'fail-on'
  ]) {
    expect(INPUT_NAMES).toContain(name)
  }
  expect(Object.values(OUTPUTS).sort()).toEqual([
    'changed-files',
    'digests',
    'missing',
    'ok',
    'pinned',
    'report-file',
    'violations'
  ])
})

test('defaults in action.yml match the code', () => {
  const inputs = section('inputs')
  expect(inputs.get('concurrency')).toBe(String(DEFAULT_CONCURRENCY))
  expect(inputs.get('timeout')).toBe('30')
  expect(inputs.get('fail-on-missing')).toBe('false')
  expect(inputs.get('source')).toBe('registry')
  // Empty: derived from fail-on-missing, so the old input keeps its meaning.
  expect(inputs.get('fail-on')).toBe('')
  expect(inputs.get('policy')).toBe('')
  expect(inputs.get('github-token')).toBe('${{ github.token }}')
})

test('the README documents every input and output in its tables', () => {
  for (const name of [...INPUT_NAMES, ...Object.values(OUTPUTS)]) {
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'))
  }
})

test('runs on node24 from the committed bundle', () => {
  expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
})
