import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { dispatch } from './run/dispatch.js'
import { errorMessage, isDigestGateError } from './model/errors.js'
import { readInputs } from './shell/inputs.js'
import { locationsOf } from './model/located-error.js'
import { OUTPUTS, buildOutputs } from './report/outputs.js'
import { buildReport } from './report/report-file.js'
import { type RunResult, failureOf } from './run/run.js'
import type { Settings } from './run/settings.js'
import { failsOn } from './policy/platforms.js'
import { renderPolicySection, violationAnnotations } from './render/policy-section.js'
import { postComment } from './review/comment.js'
import { type ImageSections, renderSummaryWithinLimit, verdictOf } from './render/summary.js'
import { plainLog } from './model/sanitize.js'
import { imageLogLines } from './render/table.js'
import type { Toolkit } from './shell/toolkit.js'

/**
 * The shell: inputs → the mode's run (dispatch.ts) → outputs, report file, summary,
 * annotations. The only place besides inputs.ts that talks to the runner, through the toolkit
 * it is handed: @actions/core itself by default, as the runner and `@github/local-action`
 * call it (`run()`), or a typed fixture in tests.
 */
export async function run(toolkit: Toolkit = core): Promise<void> {
  toolkit = plainLog(toolkit) // every log line and annotation through one rule (model/text.ts)
  try {
    const settings = readInputs(toolkit)
    const hooks = {
      onSecret: (secret: string) => toolkit.setSecret(secret),
      log: (line: string) => toolkit.info(line)
    }
    const result = await dispatch(settings, hooks)
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
    // Only a run with `files` loads the files section's rendering, as only it loads the scanners.
    const filesView = result.files && (await import('./render/files-section.js'))
    for (const line of result.files && filesView ? filesView.filesText(result.files) : [])
      toolkit.info(line)
    for (const line of imageLogLines(result, settings.platforms)) toolkit.info(line)
    for (const warning of result.warnings) toolkit.warning(warning, { title: 'digest-gate' })
    annotate(toolkit, result, settings)
    for (const a of result.policy ? violationAnnotations(result) : []) {
      const properties = { title: a.title, file: a.file, startLine: a.startLine }
      if (a.level === 'error') toolkit.error(a.message, properties)
      else toolkit.warning(a.message, properties)
    }
    if (settings.summary)
      await writeSummary(
        toolkit,
        result,
        result.policy ? i => renderPolicySection(result, i) : undefined,
        result.files && filesView?.filesSummary(result.files)
      )
    // Octokit and its fetch load only when a comment is asked for (review/comment.ts).
    if (settings.comment !== 'false') await comment(toolkit, result, settings)
    for (const problem of result.problems) toolkit.error(problem, { title: 'digest-gate' })
    const failure = failureOf(result)
    if (failure) toolkit.setFailed(failure)
  } catch (e) {
    // Expected failures (bad inputs) get their message only; anything else is a bug worth a trace.
    if (!isDigestGateError(e) && e instanceof Error && e.stack) toolkit.debug(e.stack)
    // A policy file's problems are annotated at their lines too, as verify's findings are.
    for (const { file, line, col, message } of locationsOf(e))
      toolkit.error(message, {
        title: 'digest-gate: policy',
        file,
        startLine: line,
        startColumn: col
      })
    toolkit.setFailed(errorMessage(e))
  }
}

async function writeReport(result: RunResult): Promise<string> {
  // Off a runner (local-action, a shell), the OS's temporary folder: never the checkout, where
  // a report would be committed by mistake, and where ncc would bundle it as an asset.
  const dir = process.env.RUNNER_TEMP || join(tmpdir(), 'digest-gate')
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
  sections?: ImageSections,
  filesMarkdown?: string
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await toolkit.summary
    .addRaw(
      renderSummaryWithinLimit(result.records, verdictOf(failureOf(result), result), result.facts, {
        baseline: result.baseline,
        sections,
        files: filesMarkdown
      }),
      true
    )
    .write()
}
