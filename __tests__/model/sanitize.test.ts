/**
 * Registry-supplied text made safe: a record resolved in-process from a hostile answer (the
 * integration suites' fault front before the real registry, answering with bidi controls and
 * terminal escapes) and the log wrapper every message passes through.
 */
import { HttpClient } from '../../src/http/client.js'
import { parseReference } from '../../src/model/reference.js'
import { plainLog, sanitizeRecord } from '../../src/model/sanitize.js'
import { resolveImage } from '../../src/resolve/resolve.js'
import { Authenticator } from '../../src/sources/registry/auth.js'
import { RegistrySource } from '../../src/sources/registry/registry-source.js'
import { createToolkit } from '../helpers/toolkit-fixture.js'
import { type FaultFront, startFaultFront } from '../integration/harness/fault-front.js'
import { type RunningRegistry, pushImage, startRegistry } from '../integration/harness/registry.js'

const RLO = '\u202e'
const ZWSP = '\u200b'
const ESC = '\u001b'

let reg: RunningRegistry
let front: FaultFront
let http: HttpClient

beforeAll(async () => {
  reg = await startRegistry()
  await pushImage(reg, 'app', '1', {
    platform: { os: 'linux', architecture: 'amd64' },
    layerSizes: [8]
  })
  // The registry's own error JSON, its message carrying a reversed span and a colour escape.
  front = await startFaultFront(reg.url, [
    {
      path: /\/manifests\/hostile$/,
      fault: {
        kind: 'status',
        status: 404,
        times: Infinity,
        body: JSON.stringify({
          errors: [{ code: 'MANIFEST_UNKNOWN', message: `no ${RLO}txt.exe${ZWSP} ${ESC}[31mhere` }]
        })
      }
    }
  ])
  http = new HttpClient({ timeoutMs: 10_000, concurrency: 4, attempts: 1 })
})

afterAll(async () => {
  http?.dispose()
  await Promise.all([front?.stop(), reg?.stop()])
})

async function resolveFromFront(image: string) {
  const auth = new Authenticator(http, () => Promise.resolve(undefined), {
    allowsPlainHttp: () => true
  })
  const ref = parseReference(image)
  if (ref.kind !== 'registry') throw new Error('not a registry reference')
  return resolveImage(ref, new RegistrySource(front.host, http, auth, true))
}

test('invisible controls in what a registry answered become visible; the image as given stays', async () => {
  const image = `${front.host}/app:hostile`
  const record = await resolveFromFront(image)
  expect(record.error).toContain(RLO)
  const safe = sanitizeRecord(record)
  expect(safe.error).toContain('no <U+202E>txt.exe<U+200B>')
  expect(safe.error).not.toContain(RLO)
  expect(safe.errorDetail?.message).not.toContain(ZWSP)
  expect(safe.image).toBe(image)
  // The record itself is left as it was: sanitizing makes a copy.
  expect(record.error).toContain(RLO)
})

test('a clean record comes back equal; only strings registries supplied are changed', async () => {
  const record = await resolveFromFront(`${front.host}/app:1`)
  expect(record.error).toBeNull()
  expect(sanitizeRecord(record)).toEqual(record)
  const odd = { ...record, image: `x${RLO}`, notes: [`a${RLO}b`] }
  const safe = sanitizeRecord(odd)
  expect(safe.image).toBe(`x${RLO}`)
  expect(safe.notes).toEqual(['a<U+202E>b'])
})

test('the log wrapper makes every message and title plain, and passes the rest as it is', () => {
  const toolkit = createToolkit()
  const log = plainLog(toolkit)
  log.info(`one ${ESC}[31mred${ESC}[0m\nline two ${RLO}`)
  log.error(`bell\u0007`, { title: `t${ESC}]8;;http://x${ESC}\\` })
  log.warning(new Error(`nul\u0000`))
  log.notice('fine', {})
  log.setFailed(`x${ZWSP}`)
  expect(toolkit.info.mock.calls).toEqual([[`one ?[31mred?[0m\nline two <U+202E>`]])
  expect(toolkit.error.mock.calls).toEqual([['bell?', { title: 't?]8;;http://x?\\' }]])
  expect(toolkit.warning.mock.calls).toEqual([['Error: nul?', undefined]])
  expect(toolkit.notice.mock.calls).toEqual([['fine', {}]])
  expect(toolkit.setFailed.mock.calls).toEqual([['x<U+200B>']])
  // Outputs and secrets are not the log's: they pass untouched.
  expect(log.setOutput).toBe(toolkit.setOutput)
})

describe('the one rule for the log: logText and plainLog', () => {
  test('plainLog passes every message and title through it; secrets and outputs as they are', () => {
    const calls: unknown[][] = []
    const record =
      (name: string) =>
      (...args: unknown[]): void =>
        void calls.push([name, ...args])
    const sink = {
      info: record('info'),
      debug: record('debug'),
      warning: record('warning'),
      error: record('error'),
      notice: record('notice'),
      setFailed: record('setFailed'),
      setSecret: record('setSecret'),
      setOutput: record('setOutput')
    }
    const log = plainLog(sink)
    const bad = 'x\u001b]8;;https://e.vil\u0007y'
    log.info(bad)
    log.debug(bad)
    log.warning(bad, { title: bad, file: 'a.yml', startLine: 2 })
    log.error(new Error(bad))
    log.notice(bad)
    log.setFailed(bad)
    log.setSecret(bad)
    log.setOutput('o', bad)
    const shown = 'x?]8;;https://e.vil?y'
    expect(calls).toEqual([
      ['info', shown],
      ['debug', shown],
      ['warning', shown, { title: shown, file: 'a.yml', startLine: 2 }],
      ['error', `Error: ${shown}`, undefined],
      ['notice', shown, undefined],
      ['setFailed', shown],
      ['setSecret', bad],
      ['setOutput', 'o', bad]
    ])
  })
})
