/**
 * A typed stand-in for @actions/core as the shell sees it (src/toolkit.ts), in the manner of
 * GitHub's typescript-action template (`__fixtures__/core.ts`): each function a `jest.fn` typed
 * by @actions/core itself, so a change in the toolkit's signatures breaks these tests at
 * compile time. Inputs answer from a map; the summary records what was added and written.
 */
import type * as core from '@actions/core'
import { jest } from '@jest/globals'
import type { Toolkit } from '../../src/shell/toolkit.js'

export interface FakeSummary {
  addRaw: jest.Mock<typeof core.summary.addRaw>
  write: jest.Mock<typeof core.summary.write>
  /** Text added and not yet written. */
  buffer: string[]
  /** What each write() call wrote. */
  written: string[]
}

export interface ToolkitFixture {
  getInput: jest.Mock<typeof core.getInput>
  setOutput: jest.Mock<typeof core.setOutput>
  setSecret: jest.Mock<typeof core.setSecret>
  setFailed: jest.Mock<typeof core.setFailed>
  error: jest.Mock<typeof core.error>
  warning: jest.Mock<typeof core.warning>
  notice: jest.Mock<typeof core.notice>
  info: jest.Mock<typeof core.info>
  debug: jest.Mock<typeof core.debug>
  summary: FakeSummary
}

function fakeSummary(): FakeSummary {
  const fake: FakeSummary = {
    addRaw: jest.fn<typeof core.summary.addRaw>(),
    write: jest.fn<typeof core.summary.write>(),
    buffer: [],
    written: []
  }
  // core's Summary class has private fields, so no plain object is one structurally; the shell
  // only chains addRaw and write, which this object answers.
  const self = fake as unknown as typeof core.summary
  fake.addRaw.mockImplementation((text, addEOL = false) => {
    fake.buffer.push(addEOL ? `${text}\n` : text)
    return self
  })
  fake.write.mockImplementation(() => {
    fake.written.push(fake.buffer.join(''))
    fake.buffer.length = 0
    return Promise.resolve(self)
  })
  return fake
}

/** A toolkit whose `getInput` answers from `inputs` as core.getInput reads `INPUT_*`. */
export function createToolkit(inputs: Record<string, string> = {}): ToolkitFixture {
  const toolkit: ToolkitFixture = {
    getInput: jest.fn<typeof core.getInput>((name, options) => {
      const value = inputs[name] ?? ''
      if (options?.required && !value) throw new Error(`Input required and not supplied: ${name}`)
      return options?.trimWhitespace === false ? value : value.trim()
    }),
    setOutput: jest.fn<typeof core.setOutput>(),
    setSecret: jest.fn<typeof core.setSecret>(),
    setFailed: jest.fn<typeof core.setFailed>(),
    error: jest.fn<typeof core.error>(),
    warning: jest.fn<typeof core.warning>(),
    notice: jest.fn<typeof core.notice>(),
    info: jest.fn<typeof core.info>(),
    debug: jest.fn<typeof core.debug>(),
    summary: fakeSummary()
  }
  // Compile-time check: the fixture is a Toolkit the shell accepts.
  const asToolkit: Toolkit = toolkit
  void asToolkit
  return toolkit
}

export interface Call {
  fn: string
  args: unknown[]
}

/** Every call made to the toolkit, in the order they were made. */
export function callsInOrder(toolkit: ToolkitFixture): Call[] {
  const mocks: [string, { mock: { calls: unknown[][]; invocationCallOrder: number[] } }][] = [
    ['getInput', toolkit.getInput],
    ['setOutput', toolkit.setOutput],
    ['setSecret', toolkit.setSecret],
    ['setFailed', toolkit.setFailed],
    ['error', toolkit.error],
    ['warning', toolkit.warning],
    ['notice', toolkit.notice],
    ['info', toolkit.info],
    ['debug', toolkit.debug],
    ['summary.addRaw', toolkit.summary.addRaw],
    ['summary.write', toolkit.summary.write]
  ]
  const calls: (Call & { order: number })[] = []
  for (const [fn, mock] of mocks) {
    mock.mock.calls.forEach((args, i) =>
      calls.push({ fn, args, order: mock.mock.invocationCallOrder[i] })
    )
  }
  return calls.sort((a, b) => a.order - b.order).map(({ fn, args }) => ({ fn, args }))
}

/** The outputs set, by name (the last value wins, as on the runner). */
export function outputsOf(toolkit: ToolkitFixture): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of toolkit.setOutput.mock.calls) out[name] = String(value)
  return out
}
