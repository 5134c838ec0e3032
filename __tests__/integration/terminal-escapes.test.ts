/**
 * Terminal escapes from a hostile registry and from a file never reach the log, the
 * annotations or the CLI's terminal (issue 18, "Terminal escapes reach the Actions log"): the
 * built action and the built CLI against a fault front that answers every request with an
 * error body full of SGR colours, an OSC 8 hyperlink, BEL and NUL (no registry behind it: no
 * real registry sends such a body on demand). Every control character is shown as `?`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLI_ENTRY, runAction, spawnNode } from './harness/action.js'
import { type FaultFront, startFaultFront } from './harness/fault-front.js'

const ESC = '\u001b'
const BEL = '\u0007'
const HOSTILE = `denied ${ESC}[30;40mblack on black${ESC}[0m ${ESC}]8;;https://e.vil${BEL}click${ESC}]8;;${BEL} bell${BEL} nul\u0000 del\u007f c1\u009b end`
const SHOWN =
  'denied ?[30;40mblack on black?[0m ?]8;;https://e.vil?click?]8;;? bell? nul? del? c1? end'
// Every C0 and C1 control but LF (a line break of the log itself), and DEL.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/

let front: FaultFront
let dir: string
beforeAll(async () => {
  // Port 9 (discard) is never proxied to: the rule answers every request.
  front = await startFaultFront('http://127.0.0.1:9', [
    {
      path: /./,
      fault: {
        kind: 'body',
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: HOSTILE }] })
      }
    }
  ])
  dir = await mkdtemp(join(tmpdir(), 'dg-escapes-'))
  await writeFile(
    join(dir, 'Dockerfile'),
    `FROM ${front.host}/evil/app:1\nFROM ${front.host}/x:1${ESC}]8;;https://e.vil${BEL}\n`
  )
})
afterAll(async () => {
  await front.stop()
  await rm(dir, { recursive: true, force: true })
})

test('the action: the registry error annotation shows every control as ?', async () => {
  const run = await runAction({ images: `${front.host}/evil/app:1`, platforms: 'linux/amd64' })
  expect(run.code).toBe(1)
  expect(run.stdout).not.toMatch(CONTROL)
  const error = run.stdout
    .split('\n')
    .find(l => l.startsWith('::error title=digest-gate%3A cannot'))
  expect(error).toContain(`MANIFEST_UNKNOWN ${SHOWN}`)
  // The summary drops them (its own rule, unchanged).
  expect(run.summary).not.toMatch(CONTROL)
})

test('the action with files: annotations at the file and line, and the log lines, too', async () => {
  const run = await runAction({ mode: 'verify', files: 'Dockerfile' }, { GITHUB_WORKSPACE: dir })
  expect(run.code).toBe(1)
  expect(run.stdout).not.toMatch(CONTROL)
  const lines = run.stdout.split('\n')
  expect(lines.find(l => l.startsWith('::error') && l.includes('line=1,'))).toContain(SHOWN)
  // The file's own escape, in the message about its bad reference.
  expect(lines.find(l => l.startsWith('::error') && l.includes('line=2,'))).toContain(
    `/x:1?]8;;https://e.vil?'`
  )
  expect(lines.find(l => l.startsWith('Dockerfile:1:6: failed'))).toContain(SHOWN)
})

test('the CLI: the table, the files lines and the messages show every control as ?', async () => {
  const image = await spawnNode([CLI_ENTRY, '-p', 'linux/amd64', `${front.host}/evil/app:1`], {
    PATH: process.env.PATH ?? ''
  })
  expect(image.code).toBe(1)
  expect(image.stdout + image.stderr).not.toMatch(CONTROL)
  expect(image.stdout).toContain(SHOWN)

  const verify = await spawnNode([CLI_ENTRY, 'verify', join(dir, 'Dockerfile')], {
    PATH: process.env.PATH ?? '',
    GITHUB_WORKSPACE: dir
  })
  expect(verify.code).toBe(1)
  expect(verify.stdout + verify.stderr).not.toMatch(CONTROL)
  expect(verify.stdout).toContain(SHOWN)
})
