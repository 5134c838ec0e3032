import type { Mode } from '../model/mode.js'
import { INPUT_NAMES } from '../shell/inputs.js'

/**
 * The settings speak of the action's inputs (`Input 'timeout'`, `'mode: merge'`); a terminal
 * user wrote flags, arguments and environment variables. This rewrites a usage message line by
 * line into those terms. Only the lines the settings word as about inputs are touched, and in
 * them only the input names and `name: value` pairs: a policy file's `file:line:col` messages
 * and the values a user gave stay as they are.
 */

/** Inputs the CLI takes some other way than `--NAME`. */
const SPELLED: Record<string, string> = {
  images: 'IMAGE...',
  files: 'FILE...',
  reports: 'REPORT...',
  mode: 'the subcommand',
  password: '--password-stdin',
  'github-token': 'GITHUB_TOKEN',
  'aliyun-access-key-id': 'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'aliyun-access-key-secret': 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'aliyun-security-token': 'ALIBABA_CLOUD_SECURITY_TOKEN'
}

const BOOLEAN_FLAGS = new Set(['fail-on-missing', 'verify-blobs', 'require-pins'])
const INPUTS = new Set<string>(INPUT_NAMES)

/**
 * How a terminal user sets an input: `--timeout`, `IMAGE...`, `GITHUB_TOKEN`. Images are
 * operands of the default command, and `--images` beside a subcommand's files.
 */
function spelled(input: string, mode: Mode): string {
  if (input === 'images' && mode !== 'report') return '--images'
  return SPELLED[input] ?? `--${input}`
}

/** `name` or `name: value` as the CLI spells it, or undefined when it names no input. */
function spelledPair(text: string, mode: Mode): string | undefined {
  const pair = /^([a-z-]+): (.*)$/.exec(text)
  if (!pair) return INPUTS.has(text) ? spelled(text, mode) : undefined
  const [, name, value] = pair
  if (!INPUTS.has(name)) return undefined
  if (name === 'mode') return `digest-gate ${value}`
  if (BOOLEAN_FLAGS.has(name)) return value === 'true' ? `--${name}` : `no --${name}`
  return `${spelled(name, mode)} ${value}`
}

function line(text: string, mode: Mode): string {
  // Invalid value for input 'timeout': '-1'. Expected … (the value and the rest kept)
  const invalid = /^Invalid value for input '([a-z-]+)': /.exec(text)
  if (invalid && INPUTS.has(invalid[1]))
    return `Invalid value for ${spelled(invalid[1], mode)}: ${text.slice(invalid[0].length)}`
  // Input 'policy': cannot read '…' (what follows is the input's own problem)
  const about = /^[Ii]nput '([a-z-]+)': /.exec(text)
  if (about && INPUTS.has(about[1]))
    return `${spelled(about[1], mode)}: ${text.slice(about[0].length)}`
  // Input 'detail: digest' reads no platforms, so it cannot check 'platforms'; …
  if (/^Inputs? '/.test(text))
    return text.replace(/^Inputs? /, '').replace(/'([^'\n]*)'/g, (quoted, inner: string) => {
      const cli = spelledPair(inner, mode)
      return cli === undefined ? quoted : `'${cli}'`
    })
  return text
}

/** A usage message in the terms of the command line. */
export function flagWording(message: string, mode: Mode = 'report'): string {
  return message
    .split('\n')
    .map(text => line(text, mode))
    .join('\n')
}
