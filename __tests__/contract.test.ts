/**
 * action.yml, the code and the README must agree on every input and output name: workflows
 * depend on them (contract.md). Read as text, since the repo carries no YAML parser.
 */
import { readFileSync } from 'node:fs'
import { INPUT_NAMES } from '../src/inputs.js'
import { OUTPUTS } from '../src/outputs.js'
import { DEFAULT_CONCURRENCY } from '../src/settings.js'

const root = new URL('../', import.meta.url)
const actionYml = readFileSync(new URL('action.yml', root), 'utf8')
const readme = readFileSync(new URL('README.md', root), 'utf8')

/** The keys two spaces deep under a top-level `section:`, with their `default:` if any. */
function section(name: string): Map<string, string | undefined> {
  const lines = actionYml.split('\n')
  const start = lines.indexOf(`${name}:`)
  const out = new Map<string, string | undefined>()
  let current: string | undefined
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break
    const key = /^ {2}([a-z-]+):\s*$/.exec(line)
    if (key) {
      current = key[1]
      out.set(current, undefined)
      continue
    }
    const def = /^ {4}default: (.*)$/.exec(line)
    if (def && current) out.set(current, def[1].replace(/^'(.*)'$/, '$1'))
  }
  return out
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
  expect(actionYml).toMatch(/^runs:\n {2}using: node24\n {2}main: dist\/index\.js$/m)
})
