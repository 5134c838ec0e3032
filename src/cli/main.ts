import { dispatch } from '../run/dispatch.js'
import { errorMessage, isDigestGateError } from '../model/errors.js'
import type { RawInputs } from '../model/input-values.js'
import { buildReport } from '../report/report-file.js'
import { type RunResult, failureOf } from '../run/run.js'
import { parseSettings } from '../run/settings.js'
import { runLines } from '../render/summary.js'
import { renderTable } from '../render/table.js'
import { plainText } from '../model/text.js'
import { type CommandLine, type FlagValues, commandName, parseCommandLine } from './options.js'
import { USAGE, VERSION } from './usage.js'
import { flagWording } from './wording.js'

/**
 * digest-gate from a terminal: the same core as the action, printing the summary's table.
 * Exit status (documented in USAGE): 0 ok, 1 when the action would fail the step, 2 for bad
 * usage.
 */

/** Where the CLI reads and writes: the process's streams, or a test's buffers. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  stdin: () => Promise<string>
  env: NodeJS.ProcessEnv
}

const processIo: CliIo = {
  stdout: text => void process.stdout.write(text),
  stderr: text => void process.stderr.write(text),
  stdin: readStdin,
  env: process.env
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const line = parseCommandLine(argv)
  if (line.kind === 'help') {
    io.stdout(`${USAGE}\n`)
    return EXIT.ok
  }
  if (line.kind === 'version') {
    io.stdout(`${VERSION}\n`)
    return EXIT.ok
  }
  if (line.kind === 'usage') {
    io.stderr(`${line.message}\n\n${USAGE}\n`)
    return EXIT.usage
  }
  return runCommand(line, io)
}

async function runCommand(line: Extract<CommandLine, { kind: 'run' }>, io: CliIo): Promise<number> {
  const who = commandName(line.mode)
  try {
    const settings = parseSettings(await rawInputs(line, io))
    const log = (text: string): void => io.stderr(`digest-gate: ${plainText(text)}\n`)
    const result = await dispatch(settings, { log, env: io.env })
    await print(result, line, io)
    return failureOf(result) ? EXIT.failed : EXIT.ok
  } catch (e) {
    if (isDigestGateError(e) && e.kind === 'invalid-input') {
      io.stderr(`${who}: ${flagWording(e.message, line.mode)}\n`)
      return EXIT.usage
    }
    io.stderr(`${who}: ${errorMessage(e)}\n`)
    // Not a problem with the input: a bug worth its trace in a report.
    if (!isDigestGateError(e) && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`)
    return EXIT.failed
  }
}

/** The flags and arguments as the action's inputs, for the settings to judge alike. */
async function rawInputs(
  { mode, values, positionals }: Extract<CommandLine, { kind: 'run' }>,
  io: CliIo
): Promise<RawInputs> {
  const operands = positionals.join('\n')
  const flag = (on: boolean | undefined): string => (on ? 'true' : 'false')
  const v: FlagValues = values
  return {
    mode,
    // With pin and verify, --images names the release to promote or to check for drift.
    images: [mode === 'report' ? operands : '', v.images ?? ''].filter(Boolean).join('\n'),
    files: mode === 'pin' || mode === 'verify' ? operands : '',
    reports: mode === 'merge' ? operands : '',
    'require-pins': flag(v['require-pins']),
    wait: v.wait,
    shard: v.shard,
    cache: v.cache,
    platforms: v.platforms,
    'fail-on-missing': flag(v['fail-on-missing']),
    'fail-on': v['fail-on'],
    policy: v.policy,
    registry: v.registry,
    username: v.username,
    password: v['password-stdin'] ? await io.stdin() : undefined,
    'insecure-registries': v['insecure-registries'],
    source: v.source,
    timeout: v.timeout,
    concurrency: v.concurrency,
    'verify-blobs': flag(v['verify-blobs']),
    'github-token': io.env.GITHUB_TOKEN,
    detail: v.detail,
    'aliyun-region': v['aliyun-region'],
    'aliyun-endpoint': v['aliyun-endpoint'],
    baseline: v.baseline,
    'trusted-root': v['trusted-root'],
    'aliyun-access-key-id': io.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
    'aliyun-access-key-secret': io.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    'aliyun-security-token': io.env.ALIBABA_CLOUD_SECURITY_TOKEN
  }
}

async function print(
  result: RunResult,
  { values, mode }: Extract<CommandLine, { kind: 'run' }>,
  io: CliIo
): Promise<void> {
  if (values.json) {
    const report = buildReport(result.records, result.ok, result.facts, result.files)
    io.stdout(`${JSON.stringify(report, null, 2)}\n`)
  } else if (result.files) {
    // Only a run with `files` loads the files section's rendering, as only it loads the scanners.
    const { filesText } = await import('../render/files-section.js')
    io.stdout(`${[...filesText(result.files), result.ok ? 'ok' : 'not ok'].join('\n')}\n`)
  } else {
    io.stdout(`${renderTable(result.records, result.ok)}\n`)
  }
  // The images' failures are in the table; these are not.
  for (const text of [
    ...runLines(result.facts, plainText),
    ...result.warnings,
    ...result.problems,
    ...(result.files?.failures ?? [])
  ])
    if (text) io.stderr(`digest-gate: ${plainText(flagWording(text, mode))}\n`)
}
