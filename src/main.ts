import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { errorMessage, isDigestGateError } from './errors.js'
import { readInputs } from './inputs.js'
import { OUTPUTS, buildOutputs, buildReport } from './outputs.js'
import { type RunResult, failureOf, runGate } from './run.js'
import type { ImageRecord } from './record.js'
import type { Settings } from './settings.js'
import { renderSummaryWithinLimit } from './summary.js'
import type { Toolkit } from './toolkit.js'

/**
 * The shell: inputs → runGate (or, with `files`, runFiles) → outputs, report file, summary,
 * annotations. The only place besides inputs.ts that talks to the runner, through the toolkit
 * it is handed.
 */
export async function run(toolkit: Toolkit): Promise<void> {
  try {
    const settings = readInputs(toolkit)
    const hooks = { onSecret: (secret: string) => toolkit.setSecret(secret) }
    // Only a run with `files` loads the globbing, the scanners and the YAML parser.
    const result = settings.files.length
      ? await (await import('./files/run-files.js')).runFiles(settings, hooks)
      : await runGate(settings, hooks)
    const outputs = buildOutputs(result.records, result.missing, result.ok)
    toolkit.setOutput(OUTPUTS.digests, outputs.digests)
    toolkit.setOutput(OUTPUTS.missing, outputs.missing)
    toolkit.setOutput(OUTPUTS.pinned, outputs.pinned)
    toolkit.setOutput(OUTPUTS.ok, outputs.ok)
    if (result.files?.mode === 'pin')
      toolkit.setOutput(OUTPUTS.changedFiles, result.files.changedFiles.join('\n'))
    toolkit.setOutput(OUTPUTS.reportFile, await writeReport(result))
    for (const line of result.files?.lines ?? []) toolkit.info(line)
    annotate(toolkit, result, settings)
    if (settings.summary) await writeSummary(toolkit, result)
    for (const problem of result.problems) toolkit.error(problem, { title: 'digest-gate' })
    const failure = failureOf(result, settings)
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
  const images = result.imageRecords ?? result.records
  for (const r of images) annotateRecord(toolkit, r, settings)
  // Verify and report annotate a reference's missing platforms at the reference; pin does not
  // check them there, so they are said per image.
  if (result.files?.mode === 'pin') {
    for (const r of result.records) if (!images.includes(r)) annotateMissing(toolkit, r, settings)
  }
}

function annotateRecord(toolkit: Toolkit, r: ImageRecord, settings: Settings): void {
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
  annotateMissing(toolkit, r, settings)
}

function annotateMissing(toolkit: Toolkit, r: ImageRecord, settings: Settings): void {
  for (const platform of r.missing) {
    const message = `${r.image} has no ${platform} image (found: ${r.platforms.map(p => p.platform).join(', ') || 'none'})`
    const title = `digest-gate: ${platform} missing`
    if (settings.failOnMissing) toolkit.error(message, { title })
    else toolkit.warning(message, { title })
  }
}

async function writeSummary(toolkit: Toolkit, result: RunResult): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await toolkit.summary
    .addRaw(
      renderSummaryWithinLimit(result.records, result.ok, result.facts, result.files?.summary),
      true
    )
    .write()
}
