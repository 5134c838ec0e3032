/** `digest-gate --help` and `--version` (usage.ts): every flag the parser takes is in the help. */
import { readFileSync } from 'node:fs'
import { OPTIONS } from '../../src/cli/options.js'
import { USAGE, VERSION } from '../../src/cli/usage.js'

test('the version is package.json’s', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
  expect(VERSION).toBe(pkg.version)
  expect(VERSION).toMatch(/^\d+\.\d+\.\d+/)
})

test('each flag the command line takes is in the help, with its short form', () => {
  for (const [name, option] of Object.entries(OPTIONS)) {
    expect(USAGE).toContain(`--${name}`)
    if ('short' in option) expect(USAGE).toContain(`-${option.short}, --${name}`)
  }
})

test('each subcommand has its usage line', () => {
  expect(USAGE.split('\n').slice(0, 4)).toEqual([
    'usage: digest-gate [options] IMAGE...',
    '       digest-gate pin [options] FILE...',
    '       digest-gate verify [options] FILE...',
    '       digest-gate merge [--json] [-p LIST] [--fail-on-missing] REPORT...'
  ])
})
