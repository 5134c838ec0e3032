import { parseArgs } from 'node:util'
import { errorMessage, isDigestGateError } from './errors.js'
import { buildReport } from './outputs.js'
import { gateFailure } from './policy.js'
import { renderTable } from './table.js'
import { runLines } from './summary.js'
import { plainText } from './text.js'
import { runGate } from './run.js'
import type { RawInputs } from './input-values.js'
import { parseSettings } from './settings.js'

/**
 * digest-gate from a terminal: the same core as the action, printing the summary's table.
 * Exit status: 0 ok, 1 when the action would fail the step, 2 for bad usage.
 */
const USAGE = `usage: digest-gate [options] IMAGE...
       digest-gate merge [--json] [-p LIST] [--fail-on-missing] REPORT...

  -p, --platforms LIST        required platforms, e.g. linux/amd64,linux/arm64
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
                              how much to read per image (default layers)
      --aliyun-region ID      with --source aliyun; the AccessKey is read from
      --aliyun-endpoint URL   ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (/ ALIBABA_CLOUD_SECURITY_TOKEN)
      --baseline REPORT       compare sizes with an earlier run's report file
      --wait SECONDS          wait up to this long for images that are not there yet
                              or lack a required platform (progress on stderr)
      --shard I/N             resolve only shard I of N (a stable slice by hash)
      --cache DIR             keep manifests in DIR between runs (verified on read)
      --json                  print the report file's JSON instead of the table
  -h, --help

IMAGE is name[:tag][@digest] (Docker Hub defaults apply) or oci-layout://PATH[:tag|@digest].
merge joins shard runs' report files (paths or globs; from --json) into one report.`

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

export async function main(argv: string[]): Promise<number> {
  // `merge` is a subcommand; an image is never named `merge` (it would be docker.io/library/merge,
  // which the long form still reaches).
  const merging = argv[0] === 'merge'
  if (merging) argv = argv.slice(1)
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
  const raw: RawInputs = {
    mode: merging ? 'merge' : 'report',
    images: merging ? '' : positionals.join('\n'),
    reports: merging ? positionals.join('\n') : '',
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
    const result =
      settings.mode === 'merge'
        ? await (await import('./merge.js')).runMerge(settings)
        : await runGate(settings, { log: line => process.stderr.write(`digest-gate: ${line}\n`) })
    process.stdout.write(
      values.json
        ? `${JSON.stringify(buildReport(result.records, result.ok, result.facts), null, 2)}\n`
        : `${renderTable(result.records, result.ok)}\n`
    )
    for (const line of [
      ...runLines(result.facts, plainText),
      ...result.warnings,
      ...result.problems
    ])
      if (line) process.stderr.write(`digest-gate: ${plainText(line)}\n`)
    const failed = result.records.some(r => r.error) || result.problems.length > 0
    return failed || gateFailure(result.records, result.failOn) ? 1 : 0
  } catch (e) {
    process.stderr.write(`digest-gate: ${errorMessage(e)}\n`)
    if (!isDigestGateError(e) && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`)
    return isDigestGateError(e) && e.kind === 'invalid-input' ? 2 : 1
  }
}

process.exitCode = await main(process.argv.slice(2))
