/** The CLI's command line (options.ts): subcommands, flags, and the usage error each mistake gets. */
import { commandName, parseCommandLine } from '../../src/cli/options.js'

test('images and flags, subcommand first or after flags', () => {
  expect(parseCommandLine(['--timeout', '5', 'alpine', 'nginx'])).toEqual({
    kind: 'run',
    mode: 'report',
    values: { timeout: '5' },
    positionals: ['alpine', 'nginx']
  })
  const pin = parseCommandLine(['pin', 'Dockerfile'])
  expect(pin).toMatchObject({ kind: 'run', mode: 'pin', positionals: ['Dockerfile'] })
  expect(parseCommandLine(['--timeout', '5', 'verify', 'compose.yaml'])).toMatchObject({
    kind: 'run',
    mode: 'verify',
    positionals: ['compose.yaml']
  })
})

test('a flag value may start with a dash: it is judged as a value later', () => {
  expect(parseCommandLine(['--timeout', '-1', 'alpine'])).toMatchObject({
    kind: 'run',
    values: { timeout: '-1' },
    positionals: ['alpine']
  })
})

test('--help and --version win over what else is given', () => {
  expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' })
  expect(parseCommandLine(['--version', 'alpine'])).toEqual({ kind: 'version' })
})

test.each([
  [
    ['--bogus', 'alpine'],
    "digest-gate: unknown flag '--bogus' (to name an image or file that starts with '-', put it after '--')"
  ],
  [['alpine', '--timeout'], 'digest-gate: --timeout needs a value'],
  [
    ['--timeout', '--json', 'alpine'],
    "digest-gate: --timeout needs a value (found the flag '--json')"
  ],
  [['--json=yes', 'alpine'], "digest-gate: --json takes no value (given 'yes')"],
  [[], 'digest-gate: name one or more IMAGEs (digest-gate [options] IMAGE...)']
])('%j is a usage error: %s', (argv, message) => {
  expect(parseCommandLine(argv)).toEqual({ kind: 'usage', message })
})

test('a subcommand among the images must come first; after -- it is an image', () => {
  const r = parseCommandLine(['alpine', 'pin'])
  expect(r.kind).toBe('usage')
  expect(r.kind === 'usage' && r.message).toMatch(
    /^digest-gate: 'pin' is a subcommand; write it first: digest-gate pin \[options\] /
  )
  expect(parseCommandLine(['alpine', '--', 'pin'])).toMatchObject({
    kind: 'run',
    positionals: ['alpine', 'pin']
  })
  // After `--` a word is an operand even in first place: an image called pin, not the subcommand.
  expect(parseCommandLine(['--', 'pin'])).toMatchObject({
    kind: 'run',
    mode: 'report',
    positionals: ['pin']
  })
})

test('the command as messages name it', () => {
  expect(commandName(undefined)).toBe('digest-gate')
  expect(commandName('report')).toBe('digest-gate')
  expect(commandName('verify')).toBe('digest-gate verify')
})
