import { resolve } from 'node:path'
import { readBaseline } from '../report/baseline.js'
import { errorMessage } from '../model/errors.js'
import { type Platform, formatPlatform, parsePlatform } from '../model/platform.js'
import { Judge, type Judgement } from '../policy/judge.js'
import type { ImageRecord } from '../model/record.js'
import { type RunResult, runResult } from './run-result.js'
import { type RunHooks, Session, runDeadline } from './session.js'
import type { Mode } from '../model/mode.js'
import type { Settings } from './settings.js'
import { fileAnnotations, filesFailures, pinEntry, verifyEntries } from '../files/entries.js'
import { type PinPlan, planPins } from '../files/pin-plan.js'
import { promotionsOf, referencesToAsk } from '../files/promote-plan.js'
import { type LoadedFile, loadFiles, rewriteFile } from '../files/read-files.js'
import { scanFiles } from '../files/scan-files.js'
import { followUpReferences, referenceKeys, referencesToResolve } from '../files/resolve-plan.js'
import type {
  FileProblem,
  FileReport,
  FileScan,
  FilesOutcome,
  FoundReference,
  Level
} from '../model/files.js'
import { planVerify } from '../files/verify-plan.js'

/**
 * A run with `files`: expand the globs → read and scan each file → resolve the images given and
 * the references found through one session (one token, one request per manifest, shared with
 * `images`) → plan (pin-plan.ts, verify-plan.ts) → in `mode: pin`, write. The shell (main.ts,
 * cli.ts) turns the result into outputs, annotations and the summary, as for any run.
 *
 * Loaded lazily by the shell, and itself loads the glob and YAML code lazily, so a run without
 * `files` loads none of it.
 */

/** The workspace `files` are relative to: `GITHUB_WORKSPACE`, else the current directory. */
function workspaceRoot(env: NodeJS.ProcessEnv): string {
  return resolve(env.GITHUB_WORKSPACE || process.cwd())
}

/**
 * Runs the gate over `settings.images` and the files `settings.files` names. Records of both
 * are in `records` (and so in every output); `imageRecords` are those of `images` alone, for
 * the image-level failures. Throws only for bad input found on the way (a pattern that matches
 * nothing), as a DigestGateError naming the input.
 */
export async function runFiles(settings: Settings, hooks: RunHooks = {}): Promise<RunResult> {
  const root = workspaceRoot(hooks.env ?? process.env)
  const started = Date.now()
  // A bad policy fails the step before any file is read or request sent.
  const judge = await Judge.load(settings)
  const { expandGlobs } = await import('../files/expand-globs.js')
  // The walk is part of the run: it stops at the run's deadline like every request.
  const paths = await expandGlobs(settings.files.join('\n'), root, {
    deadline: runDeadline(settings, started)
  })
  const loaded = await loadFiles(paths, root)
  const { scans, envFiles } = await scanFiles(loaded, root)
  const found = scans.flatMap(s => s.references)
  // `images` naming a tag is the release its repository moves to (pin) or is held to (verify).
  const promotions = settings.mode === 'report' ? new Map() : promotionsOf(settings.images)
  const ask = referencesToAsk(found, promotions, settings.mode)

  // What a reference's image must have: its policy rule's platforms, else `platforms`.
  const refPlatforms = (ref: FoundReference): Platform[] => {
    const keys = referenceKeys(ref)
    return keys
      ? judge.platformsFor({ image: ref.image, ref: keys.primary })
      : [...settings.platforms]
  }
  const resolved = await resolveAll(settings, hooks, judge, found, ask, refPlatforms)
  const { records } = resolved
  const reports = new Map(loaded.map(f => [f.file, fileReport(f, scans, settings.mode)]))
  const changedFiles: string[] = []
  if (settings.mode === 'pin') {
    const plan = planPins(found, records, promotions)
    await writePins(plan, [...loaded, ...envFiles], changedFiles)
    for (const o of plan.outcomes) reports.get(o.reference.file)?.references.push(pinEntry(o))
  } else {
    const findings = planVerify(found, records, refPlatforms, settings.requirePins, promotions)
    const entries = verifyEntries(findings, settings.mode, settings.failOnMissing)
    for (const ref of found) {
      const entry = entries.get(ref)
      if (entry) reports.get(ref.file)?.references.push(entry)
    }
  }
  const files = [...reports.values()]
  // In file order, as a reader scans the file (an ARG default is found at its FROM).
  for (const f of files) f.references.sort((a, b) => a.line - b.line || a.column - b.column)
  const outcome: FilesOutcome = {
    mode: settings.mode,
    files,
    annotations: fileAnnotations(files),
    changedFiles,
    failures: filesFailures(settings.mode, files)
  }
  return runResult({ ...resolved, files: outcome })
}

/**
 * Resolves the images given and the references found through one session, and judges them
 * all: the policy judges the references' images as it judges the images given.
 */
async function resolveAll(
  settings: Settings,
  hooks: RunHooks,
  judge: Judge,
  found: readonly FoundReference[],
  ask: ReturnType<typeof referencesToAsk>,
  refPlatforms: (ref: FoundReference) => Platform[]
): Promise<{
  records: ImageRecord[]
  imageRecords: ImageRecord[]
  judgement: Judgement
  baseline: RunResult['baseline']
  problems: string[]
  facts: RunResult['facts']
}> {
  // Pin writes what each tag points at now: a reference without a tag, or one it cannot
  // rewrite, needs nothing resolved.
  const toResolve = referencesToResolve(
    settings.mode === 'pin' ? ask.tags.filter(r => r.pinnable && referenceKeys(r)?.tag) : ask.tags
  )
  const session = new Session(settings, hooks, [...settings.images, ...toResolve])
  try {
    const [{ baseline, problems }, imageRecords, tagRecords] = await Promise.all([
      readBaseline(settings),
      session.resolve(settings.images),
      session.resolve(toResolve)
    ])
    const followUp = settings.mode === 'pin' ? [] : followUpReferences(ask.followUp, tagRecords)
    const refRecords = [...tagRecords, ...(await session.resolve(followUp))]
    const records = uniqueByImage([...imageRecords, ...refRecords])
    const need = requirements(settings, found, refPlatforms, records, judge)
    const judgement = await judge.judge(records, {
      sourceOf: image => session.sourceOf(image),
      baseline,
      required: record => need.get(record.image) ?? []
    })
    return { records, imageRecords, judgement, baseline, problems, facts: session.facts() }
  } finally {
    session.dispose()
  }
}

/** The same image named in `images` and found in a file is one record in the outputs. */
function uniqueByImage(records: readonly ImageRecord[]): ImageRecord[] {
  const seen = new Map<string, ImageRecord>()
  for (const r of records) if (!seen.has(r.image)) seen.set(r.image, r)
  return [...seen.values()]
}

/**
 * What each record must have: for the images given, their policy rule's platforms, else
 * `platforms`; for a reference's image, what the reference needs: its literal
 * `FROM --platform` if it has one (the build pulls nothing else), else its rule's or
 * `platforms`. Keyed by the strings resolve-plan.ts resolves.
 */
function requirements(
  settings: Settings,
  found: readonly FoundReference[],
  refPlatforms: (ref: FoundReference) => Platform[],
  records: readonly ImageRecord[],
  judge: Judge
): Map<string, Platform[]> {
  const out = new Map<string, Map<string, Platform>>()
  const add = (image: string, platforms: readonly Platform[]): void => {
    const set = out.get(image) ?? new Map<string, Platform>()
    for (const p of platforms) set.set(formatPlatform(p), p)
    out.set(image, set)
  }
  const given = new Set(settings.images.map(image => image.trim()))
  for (const r of records) if (given.has(r.image)) add(r.image, judge.platformsFor(r))
  for (const ref of found) {
    const keys = referenceKeys(ref)
    if (!keys) continue
    const need = literalPlatform(ref) ?? refPlatforms(ref)
    add(keys.primary, need)
    if (keys.digestForm) add(keys.digestForm, need)
  }
  return new Map([...out].map(([image, set]) => [image, [...set.values()]]))
}

function literalPlatform(ref: FoundReference): Platform[] | undefined {
  if (!ref.platform) return undefined
  try {
    return [parsePlatform(ref.platform)]
  } catch {
    return undefined
  }
}

/** The report of one file before its references' entries are added. */
function fileReport(file: LoadedFile, scans: readonly FileScan[], mode: Mode): FileReport {
  const scan = scans.find(s => s.file === file.file)
  // In pin and verify a file that cannot be read is a hole in the gate; a report only says so.
  const readLevel: Level = mode === 'report' ? 'warning' : 'error'
  const problems: FileReport['problems'] = []
  if (file.problem) problems.push(problemEntry(file.problem, readLevel))
  // Not valid UTF-8: still scanned, never rewritten; a pin it blocks fails on its own line.
  if (file.unwritable) problems.push(problemEntry(file.unwritable, 'warning'))
  for (const p of scan?.problems ?? []) problems.push(problemEntry(p, readLevel))
  return {
    file: file.file,
    kind: scan?.kind ?? null,
    references: [],
    skipped: (scan?.skipped ?? []).map(({ line, column, where, text, reason }) => ({
      line,
      column,
      where,
      text,
      reason
    })),
    problems
  }
}

/** A problem without the `file:line:col: ` it starts with: the report and annotations place it. */
function problemEntry(p: FileProblem, level: Level): FileReport['problems'][number] {
  let message = p.message
  for (const prefix of [`${p.file}:${p.line}:${p.column}: `, `${p.file}: `])
    if (message.startsWith(prefix)) message = message.slice(prefix.length)
  return { line: p.line, column: p.column, level, message }
}

/**
 * Writes each file of the plan. A file that cannot be rewritten (not UTF-8, changed since it
 * was scanned, not writable) is left as it was, and each pin planned in it fails with why.
 */
async function writePins(
  plan: PinPlan,
  loaded: readonly LoadedFile[],
  changed: string[]
): Promise<void> {
  const byFile = new Map(loaded.map(f => [f.file, f]))
  for (const edits of plan.files) {
    const file = byFile.get(edits.file)
    let why: string | undefined
    if (!file) why = `${edits.file} was not read`
    else if (file.unwritable) why = file.unwritable.message
    else {
      try {
        if (await rewriteFile(file, edits.splices)) changed.push(edits.file)
      } catch (e) {
        why = errorMessage(e)
      }
    }
    if (why === undefined) continue
    for (const o of plan.outcomes) {
      if ((o.reference.spanFile ?? o.reference.file) !== edits.file || o.to === undefined) continue
      o.status = 'failed'
      o.message = `'${o.reference.image}' (${o.reference.where}) cannot be pinned: ${why}`
      delete o.to
    }
  }
  changed.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}
