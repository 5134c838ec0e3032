import { readFile, realpath, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { errorMessage } from './errors.js'
import type { MergeFacts, RunFacts } from './outputs.js'
import { evaluatePolicy, isOk } from './policy.js'
import type { ImageRecord } from './record.js'
import { type RunResult, readBaseline } from './run.js'
import { sanitizeRecord } from './sanitize.js'
import type { Settings } from './settings.js'
import type { Gap, WaitOutcome } from './wait.js'

/**
 * `mode: merge`: the report files of a matrix's shard runs joined into one report, as if one
 * run had resolved every image: the images in the order of the whole list (each shard report
 * says where its images stand), the same outputs, summary and `ok`. An image found in two
 * reports is an error only when their results differ. Reports are our own report files
 * (contract.md, "The report file"); anything else is refused with the file's name.
 */

export interface LoadedReport {
  /** The file as found. */
  file: string
  ok: boolean
  images: ImageRecord[]
  run?: RunFacts
}

type Json = Record<string, unknown>

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string'

function bad(file: string, why: string): Error {
  return new Error(`Input 'reports': '${file}' is not a digest-gate report file: ${why}`)
}

/** One report file's text → its records; an Error naming the file and the field otherwise. */
export function parseReport(text: string, file: string): LoadedReport {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw bad(file, `not valid JSON (${(e as Error).message})`)
  }
  if (!isObject(json) || !Array.isArray(json.images)) throw bad(file, "no 'images' array")
  if (typeof json.ok !== 'boolean') throw bad(file, "no 'ok'")
  const images = json.images.map((raw: unknown, i): ImageRecord => {
    const at = `images[${i}]`
    if (!isObject(raw) || typeof raw.image !== 'string') throw bad(file, `${at} has no 'image'`)
    if (
      !Array.isArray(raw.platforms) ||
      !raw.platforms.every(p => isObject(p) && typeof p.platform === 'string')
    )
      throw bad(file, `${at} ('${raw.image}') has no valid 'platforms'`)
    for (const field of ['ref', 'digest', 'mediaType', 'error'] as const)
      if (raw[field] !== undefined && !isStringOrNull(raw[field]))
        throw bad(file, `${at} ('${raw.image}') has a '${field}' that is neither text nor null`)
    const missing = Array.isArray(raw.missing) ? raw.missing : []
    if (!missing.every(m => typeof m === 'string'))
      throw bad(file, `${at} ('${raw.image}') has a 'missing' that is not a list of platforms`)
    return {
      ...(raw as unknown as ImageRecord),
      ref: (raw.ref as string | null | undefined) ?? null,
      digest: (raw.digest as string | null | undefined) ?? null,
      mediaType: (raw.mediaType as string | null | undefined) ?? null,
      error: (raw.error as string | null | undefined) ?? null,
      attestations: typeof raw.attestations === 'number' ? raw.attestations : 0,
      missing,
      notes: Array.isArray(raw.notes) ? (raw.notes as string[]) : []
    }
  })
  const run = isObject(json.run) ? (json.run as RunFacts) : undefined
  return { file, ok: json.ok, images, run }
}

/** What decides whether two reports of one image agree: what it resolved to, or that it failed. */
function resultOf(r: ImageRecord): string {
  return JSON.stringify({
    ref: r.ref,
    digest: r.digest,
    mediaType: r.mediaType,
    failed: r.error !== null,
    platforms: r.platforms.map(p => [p.platform, p.digest, p.layers, p.size])
  })
}

export interface Merged {
  records: ImageRecord[]
  problems: string[]
  facts: RunFacts
}

/** Positions from a shard report, when it has one for each of its images. */
function positionsOf(report: LoadedReport): number[] | undefined {
  const positions = report.run?.shard?.positions
  return Array.isArray(positions) && positions.length === report.images.length
    ? positions
    : undefined
}

/**
 * Joins loaded reports. Records keep the whole list's order when every report is a shard
 * report, else the order of the files. Problems: shards missing or from different splits,
 * and an image whose reports disagree.
 */
export function mergeReports(reports: LoadedReport[]): Merged {
  const problems: string[] = []
  const entries: { record: ImageRecord; file: string; position: number }[] = []
  const ordered = reports.every(r => positionsOf(r))
  reports.forEach((report, n) => {
    const positions = positionsOf(report)
    report.images.forEach((record, i) =>
      entries.push({
        record,
        file: report.file,
        position: ordered && positions ? positions[i] : n * 1e9 + i
      })
    )
  })
  entries.sort((a, b) => a.position - b.position)

  // One image, two reports: the same answer is one image; different answers are a problem.
  const first = new Map<string, { result: string; file: string }>()
  const records: ImageRecord[] = []
  for (const { record, file } of entries) {
    const seen = first.get(record.image)
    if (!seen) {
      first.set(record.image, { result: resultOf(record), file })
      records.push(record)
    } else if (seen.file === file) {
      // The same spelling twice in one run's list: a run reports it twice too.
      records.push(record)
    } else if (seen.result !== resultOf(record)) {
      problems.push(
        `'${record.image}' is in '${seen.file}' and in '${file}' with different results (${describe(entries, record.image)}); re-run the shards against the same images, or merge one of them`
      )
    }
  }

  const shardFacts = reports.flatMap(r => (r.run?.shard ? [{ file: r.file, ...r.run.shard }] : []))
  let shards: MergeFacts['shards']
  if (shardFacts.length) {
    const counts = [...new Set(shardFacts.map(s => s.count))]
    const totals = [...new Set(shardFacts.map(s => s.total))]
    if (counts.length > 1) {
      problems.push(
        `the reports come from different splits: ${shardFacts.map(s => `'${s.file}' is shard ${s.index}/${s.count}`).join(', ')}`
      )
    } else {
      const count = counts[0]
      const indexes = [...new Set(shardFacts.map(s => s.index))].sort((a, b) => a - b)
      const absent = Array.from({ length: count }, (_, i) => i + 1).filter(
        i => !indexes.includes(i)
      )
      if (absent.length)
        problems.push(
          `shard${absent.length === 1 ? '' : 's'} ${absent.join(', ')} of ${count} ${absent.length === 1 ? 'is' : 'are'} missing: no report given is ${absent.map(i => `${i}/${count}`).join(' or ')}, so their images are not in the merged report`
        )
      shards = { count, indexes }
    }
    if (totals.length > 1)
      problems.push(
        `the shard reports were run over lists of different lengths (${totals.join(', ')} images); give every shard the same 'images'`
      )
  }

  const facts: RunFacts = {
    requests: sum(reports.map(r => r.run?.requests)),
    tokenRequests: sum(reports.map(r => r.run?.tokenRequests)),
    rateLimitRemaining: Object.assign(
      {},
      ...reports.map(r => r.run?.rateLimitRemaining ?? {})
    ) as Record<string, string>,
    // The shards ran side by side: the longest of them is how long the whole took.
    durationMs: Math.max(0, ...reports.map(r => r.run?.durationMs ?? 0)),
    merged: {
      reports: reports.map(r => r.file),
      ...(shards ? { shards } : {}),
      images: records.length
    }
  }
  const waits = reports.flatMap(r => (r.run?.wait ? [r.run.wait] : []))
  if (waits.length) facts.wait = mergeWaits(waits)
  const caches = reports.flatMap(r => (r.run?.cache ? [r.run.cache] : []))
  if (caches.length)
    facts.cache = {
      dir: caches[0].dir,
      hits: sum(caches.map(c => c.hits)),
      misses: sum(caches.map(c => c.misses)),
      stored: sum(caches.map(c => c.stored)),
      corrupt: sum(caches.map(c => c.corrupt)),
      writeErrors: sum(caches.map(c => c.writeErrors))
    }
  return { records, problems, facts }
}

function describe(entries: { record: ImageRecord; file: string }[], image: string): string {
  return entries
    .filter(e => e.record.image === image)
    .map(e => `${e.file}: ${e.record.error ? 'failed' : (e.record.digest ?? 'no digest')}`)
    .join(', ')
}

function sum(values: (number | undefined)[]): number {
  return values.reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0)
}

function mergeWaits(waits: WaitOutcome[]): WaitOutcome {
  const pending: Gap[] = waits.flatMap(w => w.pending ?? [])
  return {
    seconds: Math.max(...waits.map(w => w.seconds)),
    rounds: Math.max(...waits.map(w => w.rounds)),
    waitedMs: Math.max(...waits.map(w => w.waitedMs)),
    timedOut: waits.some(w => w.timedOut),
    pending
  }
}

/**
 * The `reports` input: each line a file, or a glob matching one or more (the one glob
 * expander, files/walk-glob.ts, loaded only here): every file once, however many lines name
 * it. Lines that match nothing are problems naming the line. A glob is walked from its
 * literal base and never follows a symlink out of it.
 */
export async function findReports(
  lines: readonly string[],
  cwd = process.cwd()
): Promise<{ files: string[]; problems: string[] }> {
  const problems: string[] = []
  const files: string[] = []
  const seen = new Set<string>()
  const add = async (file: string): Promise<void> => {
    const real = await realpath(resolve(cwd, file)).catch(() => resolve(cwd, file))
    if (seen.has(real)) return
    seen.add(real)
    files.push(file)
  }
  let globber: typeof import('./files/walk-glob.js') | undefined
  for (const line of lines) {
    const literal = await stat(resolve(cwd, line)).catch(() => undefined)
    if (literal?.isFile()) {
      await add(line)
      continue
    }
    globber ??= await import('./files/walk-glob.js')
    if (!globber.isGlob(line)) {
      problems.push(
        `Input 'reports': cannot read '${line}' (${literal ? 'not a file' : 'no such file'}); expected a report file from a shard run, or a glob matching them`
      )
      continue
    }
    // Absolute lines give absolute paths, relative ones paths relative to the workspace.
    const base = resolve(cwd, globber.globBase(line))
    const matches = await globber.walkGlob(line, { cwd, root: base })
    if (matches.length === 0) {
      problems.push(`Input 'reports': '${line}' matches no file (looked in ${cwd})`)
      continue
    }
    for (const match of matches) await add(match)
  }
  return { files, problems }
}

/** `mode: merge` end to end: find, read and join the reports; evaluate `platforms` if given. */
export async function runMerge(settings: Settings): Promise<RunResult> {
  const { files, problems } = await findReports(settings.reports)
  const loaded: LoadedReport[] = []
  for (const file of files) {
    try {
      loaded.push(parseReport(await readFile(file, 'utf8'), file))
    } catch (e) {
      problems.push(
        (e as NodeJS.ErrnoException).code
          ? `Input 'reports': cannot read '${file}' (${(e as NodeJS.ErrnoException).code})`
          : errorMessage(e)
      )
    }
  }
  if (files.length && loaded.length === 0 && problems.length === 0)
    problems.push("Input 'reports': no report file could be read")
  const merged = mergeReports(loaded)
  problems.push(...merged.problems)
  const records = merged.records.map(sanitizeRecord)
  // The shards evaluated their own `platforms`; a merge step that names platforms decides anew.
  const missing = settings.platforms.length
    ? evaluatePolicy(records, [...settings.platforms])
    : records.flatMap(r => r.missing.map(platform => ({ image: r.image, platform })))
  const { baseline, problems: unread } = await readBaseline(settings)
  problems.push(...unread)
  return {
    records,
    missing,
    ok: isOk(records) && problems.length === 0,
    baseline,
    problems,
    warnings: [],
    // The shards judged their own policies; their verdicts stand in the merged records.
    violations: records.flatMap(r => r.violations ?? []),
    failOn: records.map(() => settings.failOn),
    facts: merged.facts
  }
}
