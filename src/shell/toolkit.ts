import { EOL } from 'node:os'
import type * as core from '@actions/core'
// The toolkit's own workflow-command, file-command and summary modules. The package's main
// entry also loads its OIDC client and with it undici, whose loading alone takes longer than
// a whole run over a local layout (README, "Start-up"); nothing here needs it.
import { issueCommand } from '../../node_modules/@actions/core/lib/command.js'
import {
  issueFileCommand,
  prepareKeyValueMessage
} from '../../node_modules/@actions/core/lib/file-command.js'
import { summary } from '../../node_modules/@actions/core/lib/summary.js'
import { toCommandProperties, toCommandValue } from '../../node_modules/@actions/core/lib/utils.js'

/**
 * What the shell needs of @actions/core, typed by @actions/core itself, so tests hand the
 * shell a typed fixture and the action hands it the toolkit's own implementation.
 */
export interface Toolkit {
  getInput: typeof core.getInput
  setOutput: typeof core.setOutput
  setSecret: typeof core.setSecret
  setFailed: typeof core.setFailed
  error: typeof core.error
  warning: typeof core.warning
  notice: typeof core.notice
  info: typeof core.info
  debug: typeof core.debug
  summary: Pick<typeof core.summary, 'addRaw' | 'write'>
}

type Properties = Parameters<typeof core.error>[1]

function annotate(command: string, message: string | Error, properties: Properties = {}): void {
  issueCommand(
    command,
    toCommandProperties(properties ?? {}),
    message instanceof Error ? message.toString() : message
  )
}

/** @actions/core's functions as its core.js defines them, over its own command modules. */
export const actionsToolkit: Toolkit = {
  getInput(name, options) {
    const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || ''
    if (options?.required && !value) throw new Error(`Input required and not supplied: ${name}`)
    return options?.trimWhitespace === false ? value : value.trim()
  },
  setOutput(name, value) {
    if (process.env.GITHUB_OUTPUT) {
      issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value))
      return
    }
    process.stdout.write(EOL)
    issueCommand('set-output', { name }, toCommandValue(value))
  },
  setSecret: secret => issueCommand('add-mask', {}, secret),
  setFailed(message) {
    process.exitCode = 1
    annotate('error', message)
  },
  error: (message, properties) => annotate('error', message, properties),
  warning: (message, properties) => annotate('warning', message, properties),
  notice: (message, properties) => annotate('notice', message, properties),
  info: message => process.stdout.write(message + EOL),
  debug: message => issueCommand('debug', {}, message),
  summary
}
