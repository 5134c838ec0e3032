import type * as core from '@actions/core'

/**
 * What the shell needs of @actions/core, typed by @actions/core itself, so tests hand the
 * shell a typed fixture (__tests__/helpers/toolkit-fixture.ts) and the action hands it the
 * package itself, through its public entry (src/main.ts's default).
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
