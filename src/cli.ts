import { parseArgs } from 'node:util'
import { errorMessage, isDigestGateError } from './errors.js'
import { buildReport } from './outputs.js'
import { renderTable } from './table.js'
import { runLines } from './summary.js'
import { plainText } from './text.js'
import { failureOf, runGate } from './run.js'
import type { RawInputs } from './input-values.js'
import { type Mode, parseSettings } from './settings.js'

/**
 * digest-gate from a terminal: the same core as the action, printing the summary's table.
 * Exit status: 0 ok, 1 when the action would fail the step, 2 for bad usage.
 */
const OPTIONS_USAGE = `  -p, --platforms LIST        required platforms, e.g. linux/amd64,linux/arm64
      --fail-on-missing       exit 1 when a required platform is missing
      --fail-on missing|violation|never
                              when to exit 1 (default: missing with --fail-on-missing)
      --policy FILE           judge each image by the rules of a policy file (YAML)
      --registry HOST         registry the username/password are for (default Docker Hub)
  -u, --username USER
      --password-stdin        read the password from standard input
      --insecure-registries LIST
      --source registry|docker|aliyun
      --timeout SECONDS       per request (default 30)
      --concurrency N         requests in flight per registry (default 32)
      --verify-blobs          HEAD every layer too
      --detail layers|platforms|digest
                              how much to read per image (default layers; pin: digest,
                              or platforms with -p; verify: platforms)
      --require-pins          verify: an unpinned reference fails too
      --aliyun-region ID      with --source aliyun; the AccessKey is read from
      --aliyun-endpoint URL   ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (/ ALIBABA_CLOUD_SECURITY_TOKEN)
      --baseline REPORT       compare sizes with an earlier run's report file
      --wait SECONDS          wait up to this long for images that are not there yet
                              or lack a required platform (progress on stderr)
      --shard I/N             resolve only shard I of N (a stable slice by hash)
      --cache DIR             keep manifests in DIR between runs (verified on read)
      --json                  print the report file's JSON instead of the table
  -h, --help`

const USAGE = `usage: digest-gate [options] IMAGE...
       digest-gate pin [options] FILE...
       digest-gate verify [options] FILE...
       digest-gate merge [--json] [-p LIST] [--fail-on-missing] REPORT...

${OPTIONS_USAGE}

IMAGE is name[:tag][@digest] (Docker Hub defaults apply) or oci-layout://PATH[:tag|@digest].
pin rewrites each image reference in the FILEs to name:tag@digest (what the tag points at
now), changing nothing else; verify changes nothing and exits 1 on a stale, vanished or
single-platform pin. FILE is a path or a glob (quote it), relative to $GITHUB_WORKSPACE if
set, else the current directory; !PATTERN excludes.
merge joins shard runs' report files (paths or globs; from --json) into one report.`

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

/**
 * Subcommands: the first argument, when it names one; each takes the same options and its own
 * positionals. Anything else is the images form.
 */
const SUBCOMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  pin: args => runCommand(args, 'pin'),
  verify: args => runCommand(args, 'verify'),
  merge: args => runCommand(args, 'merge')
}

export async function main(argv: string[]): Promise<number> {
  // An image is never named `pin`, `verify` or `merge` alone (it would be docker.io/library/pin,
  // which the long form still reaches).
  const name = argv[0] ?? ''
  return Object.hasOwn(SUBCOMMANDS, name)
    ? SUBCOMMANDS[name](argv.slice(1))
    : runCommand(argv, 'report')
}

/** The images form (`report`) or a subcommand: options, then IMAGEs, FILEs or REPORTs. */
async function runCommand(argv: string[], mode: Mode): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
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
        wait: { type: 'string' },
        shard: { type: 'string' },
        cache: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (e) {
    process.stderr.write(`${errorMessage(e)}\n\n${USAGE}\n`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if ((mode === 'pin' || mode === 'verify') && !positionals.length) {
    process.stderr.write(`digest-gate ${mode}: name one or more files\n\n${USAGE}\n`)
    return 2
  }
  const raw: RawInputs = {
    mode,
    images: mode === 'report' ? positionals.join('\n') : '',
    files: mode === 'pin' || mode === 'verify' ? positionals.join('\n') : '',
    reports: mode === 'merge' ? positionals.join('\n') : '',
    'require-pins': values['require-pins'] ? 'true' : 'false',
    wait: values.wait,
    shard: values.shard,
    cache: values.cache,
    platforms: values.platforms,
    'fail-on-missing': values['fail-on-missing'] ? 'true' : 'false',
    'fail-on': values['fail-on'],
    policy: values.policy,
    registry: values.registry,
    username: values.username,
    password: values['password-stdin'] ? await readStdin() : undefined,
    'insecure-registries': values['insecure-registries'],
    source: values.source,
    timeout: values.timeout,
    concurrency: values.concurrency,
    'verify-blobs': values['verify-blobs'] ? 'true' : 'false',
    'github-token': process.env.GITHUB_TOKEN,
    detail: values.detail,
    'aliyun-region': values['aliyun-region'],
    'aliyun-endpoint': values['aliyun-endpoint'],
    baseline: values.baseline,
    'aliyun-access-key-id': process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
    'aliyun-access-key-secret': process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    'aliyun-security-token': process.env.ALIBABA_CLOUD_SECURITY_TOKEN
  }
  try {
    const settings = parseSettings(raw)
    const log = (line: string): void => {
      process.stderr.write(`digest-gate: ${plainText(line)}\n`)
    }
    const result =
      settings.mode === 'merge'
        ? await (await import('./merge.js')).runMerge(settings)
        : settings.files.length
          ? await (await import('./files/run-files.js')).runFiles(settings, { log })
          : await runGate(settings, { log })
    if (values.json) {
      const report = buildReport(result.records, result.ok, result.facts, result.files)
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    } else if (result.files) {
      process.stdout.write(`${[...result.files.lines, result.ok ? 'ok' : 'not ok'].join('\n')}\n`)
    } else {
      process.stdout.write(`${renderTable(result.records, result.ok)}\n`)
    }
    // The images' failures are in the table; these are not.
    for (const line of [
      ...runLines(result.facts, plainText),
      ...result.warnings,
      ...result.problems,
      ...(result.files?.failures ?? [])
    ])
      if (line) process.stderr.write(`digest-gate: ${plainText(line)}\n`)
    return failureOf(result) ? 1 : 0
  } catch (e) {
    process.stderr.write(`digest-gate: ${errorMessage(e)}\n`)
    if (!isDigestGateError(e) && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`)
    return isDigestGateError(e) && e.kind === 'invalid-input' ? 2 : 1
  }
}

process.exitCode = await main(process.argv.slice(2))
