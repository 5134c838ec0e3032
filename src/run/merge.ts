import { readFile, realpath, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { readBaseline } from '../report/baseline.js'
import { errorMessage } from '../model/errors.js'
import { Judge } from '../policy/judge.js'
import type { ImageRecord } from '../model/record.js'
import {
  type Gap,
  type MergeFacts,
  type ReadReport,
  type RunFacts,
  type WaitOutcome,
  readReportRecords
} from '../report/report-file.js'
import { type RunResult, runResult } from './run-result.js'
import { sanitizeRecord } from '../model/sanitize.js'
import type { Settings } from './settings.js'

/**
 * `mode: merge`: the report files of a matrix's shard runs joined into one report, as if one
 * run had resolved every image: the images in the order of the whole list (each shard report
 * says where its images stand), the same outputs, summary and `ok`. An image found in two
 * reports is an error only when their results differ. Reports are our own report files
 * (contract.md, "The report file"); anything else is refused with the file's name.
 */

export interface LoadedReport extends ReadReport {
  /** The file as found. */
  file: string
}

/** One report file's text → its records; an error naming the input, the file and the field. */
export function parseReport(text: string, file: string): LoadedReport {
  return { file, ...readReportRecords(text, `Input 'reports': '${file}'`) }
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

  const shards = checkShards(reports, problems)
  return { records, problems, facts: mergedFacts(reports, records.length, shards) }
}

/**
 * The shards the reports cover, when they are shard reports; a problem for shards missing, from
 * different splits, or run over lists of different lengths.
 */
function checkShards(reports: LoadedReport[], problems: string[]): MergeFacts['shards'] {
  const shardFacts = reports.flatMap(r => (r.run?.shard ? [{ file: r.file, ...r.run.shard }] : []))
  if (!shardFacts.length) return undefined
  let shards: MergeFacts['shards']
  const counts = [...new Set(shardFacts.map(s => s.count))]
  const totals = [...new Set(shardFacts.map(s => s.total))]
  if (counts.length > 1) {
    problems.push(
      `the reports come from different splits: ${shardFacts.map(s => `'${s.file}' is shard ${s.index}/${s.count}`).join(', ')}`
    )
  } else {
    const count = counts[0]
    const indexes = [...new Set(shardFacts.map(s => s.index))].sort((a, b) => a - b)
    const absent = Array.from({ length: count }, (_, i) => i + 1).filter(i => !indexes.includes(i))
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
  return shards
}

/** The run facts of the merged report: the shards' added up, and what was merged. */
function mergedFacts(
  reports: LoadedReport[],
  images: number,
  shards: MergeFacts['shards']
): RunFacts {
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
      images
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
  return facts
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
  let globber: typeof import('../files/walk-glob.js') | undefined
  for (const line of lines) {
    const literal = await stat(resolve(cwd, line)).catch(() => undefined)
    if (literal?.isFile()) {
      await add(line)
      continue
    }
    globber ??= await import('../files/walk-glob.js')
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
  // The shards judged their own policies and `platforms`; a merge step that names platforms
  // decides those anew.
  const judge = await Judge.load({ platforms: settings.platforms, failOn: settings.failOn })
  const judgement = await judge.judge(records, { shardVerdicts: true })
  const { baseline, problems: unread } = await readBaseline(settings)
  problems.push(...unread)
  return runResult({ records, judgement, facts: merged.facts, baseline, problems })
}
