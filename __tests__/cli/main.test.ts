/**
 * The CLI in-process, `main(argv, io)` with buffers for its streams: --version, a subcommand
 * after options, usage errors in the terms of flags, and the documented exit status. The
 * layout shipped in examples/ stands in for a registry (real files, no network).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type CliIo, main } from '../../src/cli/main.js'

const LAYOUT = 'oci-layout://examples/hello-layout'
const INDEX = 'sha256:e61ee32a8906968d22885276c8016bc09c00b6eb747028fbecf94de652bf001a'

interface Ran {
  code: number
  stdout: string
  stderr: string
}

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dg-cli-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}, stdin = ''): Promise<Ran> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: text => void (stdout += text),
    stderr: text => void (stderr += text),
    stdin: () => Promise.resolve(stdin),
    env: { PATH: process.env.PATH, HOME: dir, ...env }
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

/** A usage error: exit 2, said in flags, with no JavaScript error name and no trace. */
function expectUsageError(run: Ran, says: string | RegExp): void {
  expect(run.code).toBe(2)
  expect(run.stdout).toBe('')
  if (typeof says === 'string') expect(run.stderr).toContain(says)
  else expect(run.stderr).toMatch(says)
  expect(run.stderr).not.toMatch(/\b(Type|Range|Syntax|Reference)?Error\b/)
  expect(run.stderr).not.toMatch(/\binputs? '/i)
  expect(run.stderr).not.toMatch(/\n\s+at /)
}

describe('--version and --help', () => {
  test('--version prints package.json version and exits 0', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string }
    const run = await cli(['--version'])
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
  })

  test('--help documents the exit status 0, 1 and 2', async () => {
    const run = await cli(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Exit status:\n {2}0 .*\n {2}1 .*the gate failed/m)
    expect(run.stdout).toMatch(/^ {2}2 {2}usage/m)
    expect(run.stdout).toContain('--version')
  })
})

describe('subcommands and options', () => {
  test('an option before the subcommand applies to it: --json pin FILE pins, in JSON', async () => {
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\n')
    const run = await cli(['--json', 'pin', 'Dockerfile'], { GITHUB_WORKSPACE: dir })
    expect(run.stderr).not.toContain('library/pin')
    expect(run.code).toBe(0)
    // The report of a pin: its references and, only in pin mode, the files it changed.
    const report = JSON.parse(run.stdout) as {
      images: unknown[]
      references?: unknown[]
      changedFiles?: string[]
    }
    expect(report.images).toEqual([])
    expect(report.references).toMatchObject([{ file: 'Dockerfile', kind: 'dockerfile' }])
    expect(report.changedFiles).toEqual([])
  })

  test('a subcommand among the images is refused, naming it', async () => {
    expectUsageError(
      await cli([`${LAYOUT}:1.0`, 'pin', 'Dockerfile']),
      "'pin' is a subcommand; write it first: digest-gate pin [options] FILE..."
    )
  })

  test('after --, a word that names a subcommand is an argument', async () => {
    const run = await cli(['--json', '--', `${LAYOUT}:1.0`, `${LAYOUT}:merge`])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as { images: { image: string; error: string }[] }
    expect(report.images[1].error).toMatch(/no tag 'merge'/)
  })
})

describe('usage errors speak of flags', () => {
  test('no arguments: name the images', async () => {
    expectUsageError(await cli([]), 'digest-gate: name one or more IMAGEs')
  })

  test('a subcommand without its arguments names them', async () => {
    expectUsageError(await cli(['merge', '--json']), 'digest-gate merge: name one or more REPORTs')
  })

  test('--timeout -1 is a value, judged as one', async () => {
    expectUsageError(
      await cli(['--timeout', '-1', `${LAYOUT}:1.0`]),
      "digest-gate: Invalid value for --timeout: '-1'. Expected a number from 1 to 3600."
    )
  })

  test('a flag without its value, or with the next flag for it', async () => {
    expectUsageError(await cli([`${LAYOUT}:1.0`, '--timeout']), '--timeout needs a value')
    expectUsageError(
      await cli(['--timeout', '--json', `${LAYOUT}:1.0`]),
      "--timeout needs a value (found the flag '--json')"
    )
  })

  test('a switch given a value, and an unknown flag', async () => {
    expectUsageError(
      await cli(['--json=yes', `${LAYOUT}:1.0`]),
      "--json takes no value (given 'yes')"
    )
    const unknown = await cli(['--bogus', `${LAYOUT}:1.0`])
    expectUsageError(unknown, "unknown flag '--bogus'")
    expect(unknown.stderr).toContain('usage: digest-gate')
  })

  test('settings that contradict each other are named as flags', async () => {
    expectUsageError(
      await cli(['--fail-on-missing', '--fail-on', 'never', `${LAYOUT}:1.0`]),
      "'--fail-on never' and '--fail-on-missing' contradict each other"
    )
  })

  test('--password-stdin without --username names both flags', async () => {
    expectUsageError(
      await cli(['--password-stdin', `${LAYOUT}:1.0`], {}, 'secret'),
      "'--username' and '--password-stdin' go together: set both, or neither."
    )
    const both = await cli(['-u', 'me', '--password-stdin', `${LAYOUT}:1.0`], {}, 'secret')
    expect(both.code).toBe(0)
    expect(both.stdout + both.stderr).not.toContain('secret')
  })

  test('--images is for pin and verify; merge takes its images from the reports', async () => {
    expectUsageError(
      await cli(['merge', '--images', `${LAYOUT}:1.0`, join(dir, 'r.json')]),
      "digest-gate merge: '--images' is not read with 'digest-gate merge'"
    )
    // A report that cannot be read is named as the argument it was, not as an input.
    const missing = await cli(['merge', join(dir, 'r.json')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain(`digest-gate: REPORT...: cannot read '${join(dir, 'r.json')}'`)
  })

  test('a policy file that cannot be read names --policy', async () => {
    const file = join(dir, 'none.yml')
    expectUsageError(
      await cli(['--policy', file, `${LAYOUT}:1.0`]),
      `digest-gate: --policy: cannot read '${file}' (ENOENT)`
    )
  })
})

describe('exit status', () => {
  test('0 when the gate passes, 1 when it fails', async () => {
    const pass = await cli(['--json', '-p', 'linux/amd64,linux/arm64', `${LAYOUT}:1.0`])
    expect(pass.code).toBe(0)
    expect((JSON.parse(pass.stdout) as { images: { digest: string }[] }).images[0].digest).toBe(
      INDEX
    )
    const fail = await cli(['-p', 'linux/s390x', '--fail-on-missing', `${LAYOUT}:1.0`])
    expect(fail.code).toBe(1)
    expect(fail.stdout).toContain('missing: linux/s390x')
  })
})
