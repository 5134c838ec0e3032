import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { errorMessage, isDigestGateError } from './errors.js'
import { readInputs } from './inputs.js'
import { OUTPUTS, buildOutputs, buildReport } from './outputs.js'
import { type RunResult, failureOf, runGate } from './run.js'
import type { Settings } from './settings.js'
import { failsOn } from './policy.js'
import { type ImageSections, renderSummaryWithinLimit, verdictOf } from './summary.js'
import { plainLog } from './sanitize.js'
import { imageLogLines } from './table.js'
import type { Toolkit } from './toolkit.js'

/**
 * The shell: inputs → runGate (or, with `files`, runFiles) → outputs, report file, summary,
 * annotations. The only place besides inputs.ts that talks to the runner, through the toolkit
 * it is handed.
 */
export async function run(toolkit: Toolkit): Promise<void> {
  toolkit = plainLog(toolkit) // every log line and annotation through one rule (src/text.ts)
  try {
    const settings = readInputs(toolkit)
    const hooks = {
      onSecret: (secret: string) => toolkit.setSecret(secret),
      log: (line: string) => toolkit.info(line)
    }
    // Only a merge step loads the merging code (and, through it, the glob library); only a
    // run with `files` loads the globbing, the scanners and the YAML parser.
    const result =
      settings.mode === 'merge'
        ? await (await import('./merge.js')).runMerge(settings)
        : settings.files.length
          ? await (await import('./files/run-files.js')).runFiles(settings, hooks)
          : await runGate(settings, hooks)
    // First the report, so that an output trimmed to its limit can point at it.
    const reportFile = await writeReport(result)
    const outputs = buildOutputs(
      result.records,
      result.missing,
      result.ok,
      reportFile,
      result.violations
    )
    toolkit.setOutput(OUTPUTS.digests, outputs.digests)
    toolkit.setOutput(OUTPUTS.missing, outputs.missing)
    toolkit.setOutput(OUTPUTS.pinned, outputs.pinned)
    toolkit.setOutput(OUTPUTS.ok, outputs.ok)
    toolkit.setOutput(OUTPUTS.violations, outputs.violations)
    // Every output is set in every mode, so a workflow can test it: empty unless a pin wrote.
    toolkit.setOutput(OUTPUTS.changedFiles, (result.files?.changedFiles ?? []).join('\n'))
    toolkit.setOutput(OUTPUTS.reportFile, reportFile)
    for (const name of outputs.truncated)
      toolkit.warning(
        `The '${name}' output holds the first of its entries only: the whole would pass GitHub's limit of 1 MB per output. It says so itself (see the README, "Outputs"); every entry is in the report file ${reportFile}.`,
        { title: `digest-gate: '${name}' trimmed` }
      )
    for (const line of result.files?.lines ?? []) toolkit.info(line)
    for (const line of imageLogLines(result, settings.platforms)) toolkit.info(line)
    for (const warning of result.warnings) toolkit.warning(warning, { title: 'digest-gate' })
    // Only runs with a policy load its rendering.
    const policyView = result.policy ? await import('./policy/render.js') : undefined
    annotate(toolkit, result, settings)
    for (const a of policyView?.violationAnnotations(result) ?? []) {
      const properties = { title: a.title, file: a.file, startLine: a.startLine }
      if (a.level === 'error') toolkit.error(a.message, properties)
      else toolkit.warning(a.message, properties)
    }
    if (settings.summary)
      await writeSummary(
        toolkit,
        result,
        policyView && (i => policyView.renderPolicySection(result, i))
      )
    // Loaded only when asked for: the comment module brings Octokit and its fetch.
    if (settings.comment !== 'false') await comment(toolkit, result, settings)
    for (const problem of result.problems) toolkit.error(problem, { title: 'digest-gate' })
    const failure = failureOf(result)
    if (failure) toolkit.setFailed(failure)
  } catch (e) {
    // Expected failures (bad inputs) get their message only; anything else is a bug worth a trace.
    if (!isDigestGateError(e) && e instanceof Error && e.stack) toolkit.debug(e.stack)
    toolkit.setFailed(errorMessage(e))
  }
}

async function writeReport(result: RunResult): Promise<string> {
  const dir = process.env.RUNNER_TEMP || join(process.cwd(), '.digest-gate')
  await mkdir(dir, { recursive: true })
  const file = join(dir, `digest-gate-report-${process.pid}-${Date.now()}.json`)
  await writeFile(
    file,
    `${JSON.stringify(buildReport(result.records, result.ok, result.facts, result.files), null, 2)}\n`
  )
  return file
}

function annotate(toolkit: Toolkit, result: RunResult, settings: Settings): void {
  // On the line that names it, so it shows on the pull request's diff.
  for (const a of result.files?.annotations ?? []) {
    const { title, file, line, column, endColumn } = a
    toolkit[a.level](a.message, {
      title,
      file,
      startLine: line,
      endLine: line,
      startColumn: column,
      endColumn
    })
  }
  const images = new Set(result.imageRecords ?? result.records)
  for (const [i, r] of result.records.entries()) {
    if (images.has(r)) annotateRecord(toolkit, result, i, settings)
    // Verify and report annotate a reference's missing platforms at the reference; pin does
    // not check them there, so they are said per image.
    else if (result.files?.mode === 'pin') annotateMissing(toolkit, result, i)
  }
}

function annotateRecord(toolkit: Toolkit, result: RunResult, i: number, settings: Settings): void {
  const r = result.records[i]
  if (r.error) {
    // The message names the image; registry errors name the registry and its answer too.
    toolkit.error(r.error, { title: `digest-gate: cannot resolve ${r.image}` })
    return
  }
  // Resolved, but nothing to gate on: worth a look even when no platform is required
  // (detail: digest lists none by design).
  if (r.platforms.length === 0 && settings.detail !== 'digest') {
    const why = r.notes.length ? r.notes.join('; ') : 'no platform images were found'
    toolkit.warning(`${r.image} resolved to ${r.digest ?? 'a manifest'}, but ${why}`, {
      title: 'digest-gate: no platforms'
    })
  }
  for (const p of r.platforms) {
    for (const layer of p.layerList ?? []) {
      if (!layer.problem) continue
      toolkit.warning(`${r.image} (${p.platform}): layer ${layer.digest}: ${layer.problem}`, {
        title: 'digest-gate: layer blob problem'
      })
    }
  }
  annotateMissing(toolkit, result, i)
}

function annotateMissing(toolkit: Toolkit, result: RunResult, i: number): void {
  const r = result.records[i]
  // A requirement from the policy file is annotated at its `platforms` key.
  const site = result.policy?.rules[i].sites.platforms
  const at = site?.file ? { file: site.file, startLine: site.line } : {}
  for (const platform of r.missing) {
    const message = `${r.image} has no ${platform} image (found: ${r.platforms.map(p => p.platform).join(', ') || 'none'})`
    const title = `digest-gate: ${platform} missing`
    if (failsOn(result.failOn[i]).missing) toolkit.error(message, { title, ...at })
    else toolkit.warning(message, { title, ...at })
  }
}

/** The pull request comment; whatever goes wrong there is a warning, never a failed step. */
async function comment(toolkit: Toolkit, result: RunResult, settings: Settings): Promise<void> {
  try {
    const { postComment } = await import('./review/comment.js')
    await postComment(
      {
        result: { ...result, verdict: verdictOf(failureOf(result), result) },
        mode: settings.comment,
        token: settings.githubToken,
        timeoutSeconds: settings.timeoutSeconds
      },
      {
        env: process.env,
        info: message => toolkit.info(message),
        debug: message => toolkit.debug(message),
        warning: message => toolkit.warning(message, { title: 'digest-gate: pull request comment' })
      }
    )
  } catch (e) {
    toolkit.warning(`The pull request comment was not written: ${errorMessage(e)}`, {
      title: 'digest-gate: pull request comment'
    })
  }
}

async function writeSummary(
  toolkit: Toolkit,
  result: RunResult,
  sections?: ImageSections
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await toolkit.summary
    .addRaw(
      renderSummaryWithinLimit(result.records, verdictOf(failureOf(result), result), result.facts, {
        baseline: result.baseline,
        sections,
        files: result.files?.summary
      }),
      true
    )
    .write()
}
