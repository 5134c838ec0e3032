import { type ParseArgsConfig, parseArgs } from 'node:util'
import type { Mode } from '../model/mode.js'

/**
 * The CLI's command line: a subcommand wherever its options are (`digest-gate --json pin FILE`
 * is `digest-gate pin --json FILE`), the flags, and every way of getting them wrong said in
 * the terms of flags. Pure: no I/O, so tests call it as it is.
 */

export const OPTIONS = {
  images: { type: 'string' },
  platforms: { type: 'string', short: 'p' },
  'fail-on-missing': { type: 'boolean' },
  'fail-on': { type: 'string' },
  policy: { type: 'string' },
  registry: { type: 'string' },
  username: { type: 'string', short: 'u' },
  'password-stdin': { type: 'boolean' },
  'insecure-registries': { type: 'string' },
  source: { type: 'string' },
  timeout: { type: 'string' },
  concurrency: { type: 'string' },
  'verify-blobs': { type: 'boolean' },
  detail: { type: 'string' },
  'require-pins': { type: 'boolean' },
  'aliyun-region': { type: 'string' },
  'aliyun-endpoint': { type: 'string' },
  baseline: { type: 'string' },
  'trusted-root': { type: 'string' },
  wait: { type: 'string' },
  shard: { type: 'string' },
  cache: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' }
} as const satisfies ParseArgsConfig['options']

type OptionName = keyof typeof OPTIONS
export type FlagValues = {
  [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean
}

/** Subcommands and the mode each runs; with none, the arguments are images (`report`). */
export const SUBCOMMANDS = {
  pin: 'pin',
  verify: 'verify',
  merge: 'merge'
} as const satisfies Record<string, Mode>

export type CommandLine =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; mode: Mode; values: FlagValues; positionals: string[] }
  | { kind: 'usage'; message: string }

/** What a subcommand's arguments are called, for the messages. */
const OPERANDS: Record<Mode, string> = {
  report: 'IMAGE',
  pin: 'FILE',
  verify: 'FILE',
  merge: 'REPORT'
}

/** `digest-gate`, or `digest-gate pin` once a subcommand is known: the prefix of a message. */
export function commandName(mode: Mode | undefined): string {
  return mode && mode !== 'report' ? `digest-gate ${mode}` : 'digest-gate'
}

/**
 * Reads the command line. Node's parser reads it leniently first, so that a flag's value is
 * whatever follows it (`--timeout -1` is the value -1, for the settings to judge) and the
 * subcommand is found after any flags; the problems it would throw on are then said here.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  const firstPositional = tokens.find(t => t.kind === 'positional')
  // After `--` a word is an operand, never a subcommand: `digest-gate -- pin` names an image.
  const terminator = tokens.findIndex(t => t.kind === 'option-terminator')
  const beforeTerminator =
    firstPositional && (terminator < 0 || tokens.indexOf(firstPositional) < terminator)
  const named =
    firstPositional && beforeTerminator && Object.hasOwn(SUBCOMMANDS, firstPositional.value)
      ? SUBCOMMANDS[firstPositional.value as keyof typeof SUBCOMMANDS]
      : undefined
  const mode: Mode = named ?? 'report'
  const who = commandName(mode)
  const values: Record<string, string | boolean> = {}
  const positionals: string[] = []
  let afterTerminator = false
  for (const token of tokens) {
    if (token.kind === 'option-terminator') {
      afterTerminator = true
      continue
    }
    if (token.kind === 'positional') {
      if (token === firstPositional && named) continue
      // A subcommand among the images is a misplaced subcommand, not an image called `pin`
      // (which `docker.io/library/pin` or `pin:latest` still reaches, as does `-- pin`).
      if (!afterTerminator && Object.hasOwn(SUBCOMMANDS, token.value))
        return usage(
          `${who}: '${token.value}' is a subcommand; write it first: digest-gate ${token.value} [options] ${OPERANDS[SUBCOMMANDS[token.value as keyof typeof SUBCOMMANDS]]}...`
        )
      positionals.push(token.value)
      continue
    }
    const problem = flagProblem(token, argv)
    if (problem) return usage(`${who}: ${problem}`)
    values[token.name] = token.value ?? true
  }
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  if (!positionals.length)
    return usage(
      `${who}: name one or more ${OPERANDS[mode]}s (${who} [options] ${OPERANDS[mode]}...)`
    )
  return { kind: 'run', mode, values: values, positionals }
}

type OptionToken = Extract<
  ReturnType<typeof parseArgs>['tokens'] extends (infer T)[] | undefined ? T : never,
  { kind: 'option' }
>

/** What is wrong with one flag as written, or undefined. */
function flagProblem(token: OptionToken, argv: readonly string[]): string | undefined {
  if (!Object.hasOwn(OPTIONS, token.name))
    return `unknown flag '${token.rawName}' (to name an image or file that starts with '-', put it after '--')`
  const type = OPTIONS[token.name as OptionName].type
  const flag = `--${token.name}`
  if (type === 'boolean')
    return token.value === undefined ? undefined : `${flag} takes no value (given '${token.value}')`
  if (token.value === undefined) return `${flag} needs a value`
  // `--timeout --json`: the next flag is not a value; `--timeout -1` is one, judged as a value.
  const next = token.inlineValue ? undefined : argv[token.index + 1]
  if (next?.startsWith('--') && Object.hasOwn(OPTIONS, next.slice(2).split('=')[0]))
    return `${flag} needs a value (found the flag '${next}')`
  return undefined
}

function usage(message: string): CommandLine {
  return { kind: 'usage', message }
}
