import { type Baseline, type ImageDelta, droppedPlatforms, sizeDeltas } from '../report/baseline.js'
import type { RunFacts } from '../report/report-file.js'
import type { ImageRecord } from '../model/record.js'
import { renderSizeChart } from './chart.js'
import { formatSizeChange, totalChange } from './size-change.js'
import { code, escapeMarkdown, humanSize, shortDigest } from '../model/text.js'

/** Records → the job summary's Markdown, within GitHub's size limit. Pure rendering. */

export function unavailableReason(r: ImageRecord): string | undefined {
  if (r.source === 'docker') {
    return 'The Docker Engine API gives no per-platform digests, layer counts or sizes; they are shown as n/a.'
  }
  return undefined
}

/** GitHub refuses a step summary over 1 MiB; stay clear of it. */
export const SUMMARY_LIMIT = 1000 * 1024

export interface SummaryOptions {
  /** The `baseline` report: each platform's size change beside its size. */
  baseline?: Baseline
  /** A size chart per image (default true); the first thing dropped to fit the limit. */
  charts?: boolean
  /** Lines that open each image's section (the policy's verdicts). */
  sections?: ImageSections
  /** The files part of a run (Markdown, already escaped), after the headline. */
  files?: string
}

/** Lines that open image `index`'s section (the policy's verdicts), when there are any. */
export type ImageSections = (index: number) => string[]

/**
 * What the step did, as the headline says it: `failed` when the step fails (the shell's
 * failureOf, src/run.ts, decides; contract.md "Failing"), `findings` when it passes with
 * something worth a look (a missing platform or a violation that `fail-on` lets pass, an image
 * in a file that could not be read, a warning), else `passed`.
 */
export type Verdict = 'passed' | 'findings' | 'failed'

/** What verdictOf reads of a run besides its failure. */
export interface VerdictFacts {
  records: readonly ImageRecord[]
  warnings?: readonly string[]
}

/** The headline's verdict from the step's failure (undefined: it passes) and the run's facts. */
export function verdictOf(failure: string | undefined, facts: VerdictFacts): Verdict {
  if (failure) return 'failed'
  const noted = facts.records.some(
    r =>
      r.error ||
      r.missing.length ||
      r.violations?.length ||
      r.platforms.some(p => p.layerList?.some(l => l.problem))
  )
  return noted || facts.warnings?.length ? 'findings' : 'passed'
}

const VERDICT_MARK: Record<Verdict, string> = { passed: '✅', findings: '⚠️', failed: '❌' }

/** A verdict, or a bare `ok` as older callers pass it (true: passed, false: failed). */
export type VerdictInput = Verdict | boolean

function verdictMark(verdict: VerdictInput): string {
  return VERDICT_MARK[typeof verdict === 'boolean' ? (verdict ? 'passed' : 'failed') : verdict]
}

function markOf(r: ImageRecord): string {
  return r.error ? '❌' : r.missing.length || r.violations?.length ? '⚠️' : '✅'
}

/**
 * The job summary within GitHub's size limit: the full form when it fits, else the full form
 * without charts, else one row per image, else as many rows as fit and a pointer to the report
 * file. `files` is kept whole in every form: its maker bounds it (src/files/render.ts,
 * FILES_SUMMARY_LIMIT).
 */
export function renderSummaryWithinLimit(
  records: ImageRecord[],
  verdict: VerdictInput,
  run?: RunFacts,
  options: Omit<SummaryOptions, 'charts'> = {}
): string {
  for (const charts of [true, false]) {
    const full = renderSummary(records, verdict, run, { ...options, charts })
    if (Buffer.byteLength(full) <= SUMMARY_LIMIT) return full
  }
  const head = [
    ...summaryHeadline(records, verdict, run),
    ...(options.files ? [options.files, ''] : [])
  ]
  const rows = records.map(r => {
    const state = markOf(r)
    const broken = r.violations?.length
      ? `; ${r.violations.length} policy violation${r.violations.length === 1 ? '' : 's'}`
      : ''
    const what = r.error
      ? escapeMarkdown(r.errorDetail?.message ?? r.error)
      : `${r.platforms.length} platforms${r.missing.length ? `; missing ${r.missing.map(code).join(', ')}` : ''}${broken}`
    return `| ${state} | ${code(r.image)} | ${code(shortDigest(r.digest))} | ${what} |`
  })
  const note = `Too many images for a detailed summary; every figure is in the report file (output \`report-file\`).`
  const out = [...head, note, '', '| | Image | Digest | |', '| --- | --- | --- | --- |']
  let size = Buffer.byteLength(out.join('\n'))
  let shown = 0
  for (const row of rows) {
    size += Buffer.byteLength(row) + 1
    if (size > SUMMARY_LIMIT - 200) break
    out.push(row)
    shown++
  }
  if (shown < rows.length)
    out.push('', `…and ${rows.length - shown} more images, in the report file.`)
  return out.join('\n')
}

/** The heading with the verdict, and the counts of images, failures and gaps. */
export function summaryHeadline(
  records: ImageRecord[],
  verdict: VerdictInput,
  run?: RunFacts
): string[] {
  const failed = records.filter(r => r.error).length
  const gaps = records.reduce((n, r) => n + r.missing.length, 0)
  const judged = records.some(r => r.violations)
  const violations = records.reduce((n, r) => n + (r.violations?.length ?? 0), 0)
  const broken = judged ? `, ${violations} policy violation${violations === 1 ? '' : 's'}` : ''
  return [
    `## digest-gate ${verdictMark(verdict)}`,
    '',
    `${records.length} image${records.length === 1 ? '' : 's'}: ${records.length - failed} resolved, ${failed} failed, ${gaps} required platform${gaps === 1 ? '' : 's'} missing${broken}.`,
    '',
    ...runLines(run)
  ]
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * The run's own facts worth a line: its shard, a merge, the wait, the cache. Image names go
 * through `span` (a Markdown code span here, plain text in a terminal).
 */
export function runLines(
  run: RunFacts | undefined,
  span: (text: string) => string = code
): string[] {
  const lines: string[] = []
  if (run?.shard) {
    const { index, count, images, total } = run.shard
    lines.push(`shard ${index}/${count}: ${images} of ${total} images.`)
  }
  if (run?.merged) {
    const { reports, shards, images } = run.merged
    const covered = shards ? ` (shards ${shards.indexes.join(', ')} of ${shards.count})` : ''
    lines.push(
      `Merged from ${plural(reports.length, 'report file')}${covered}: ${plural(images, 'image')}.`
    )
  }
  if (run?.wait) {
    const { waitedMs, rounds, timedOut, pending } = run.wait
    const spent = `Waited ${Math.round(waitedMs / 1000)} s (${plural(rounds, 'round')} of re-reading)`
    lines.push(
      timedOut
        ? `${spent}; still incomplete when wait ran out: ${pending
            .slice(0, 20)
            .map(
              p =>
                `${span(p.image)}${p.platforms.length ? ` (${p.platforms.map(span).join(', ')})` : ` (${p.reason})`}`
            )
            .join(', ')}${pending.length > 20 ? `, and ${pending.length - 20} more` : ''}.`
        : `${spent}; every image is complete.`
    )
  }
  if (run?.cache) {
    const { hits, misses, stored, corrupt, writeErrors } = run.cache
    lines.push(
      `Cache: ${plural(hits, 'hit')}, ${misses} ${misses === 1 ? 'miss' : 'misses'}, ${stored} stored, ${corrupt} corrupt${writeErrors ? `, ${plural(writeErrors, 'write error')}` : ''}.`
    )
  }
  // Our own figures; the image names in them went through code().
  return lines.flatMap(line => [line, ''])
}

/**
 * One image's platform table: short digest, layer count and size per platform, then totals;
 * with a baseline match, a Change column (src/review/size-change.ts). Escaped for Markdown.
 */
export function renderPlatformTable(r: ImageRecord, delta?: ImageDelta): string[] {
  const change = delta ? ' Change |' : ''
  const lines = [
    `| Platform | Digest | Layers | Size |${change}`,
    `| --- | --- | ---: | ---: |${delta ? ' ---: |' : ''}`
  ]
  r.platforms.forEach((p, i) => {
    const d = delta?.platforms[i]
    lines.push(
      `| ${code(p.platform)} | ${code(shortDigest(p.digest))} | ${p.layers ?? 'n/a'} | ${humanSize(p.size)} |${d ? ` ${formatSizeChange(d)} |` : ''}`
    )
  })
  const known = r.platforms.every(p => p.size !== null && p.layers !== null)
  const layers = r.platforms.reduce((n, p) => n + (p.layers ?? 0), 0)
  const size = r.platforms.reduce((n, p) => n + (p.size ?? 0), 0)
  const total = delta ? totalChange(delta.platforms) : undefined
  lines.push(
    `| **Total: ${r.platforms.length} platform${r.platforms.length === 1 ? '' : 's'}** | | ${known ? layers : 'n/a'} | ${known ? humanSize(size) : 'n/a'} |${delta ? ` ${total ? formatSizeChange(total) : 'n/a'} |` : ''}`
  )
  return lines
}

/**
 * What the baseline comparison of one image says beside its table, if anything: no match,
 * which baseline image it was compared with when not the same name, platforms it dropped.
 */
export function baselineNote(
  r: ImageRecord,
  baseline: Baseline,
  delta = sizeDeltas(r, baseline)
): string | undefined {
  if (!delta) return 'No image in the baseline matches this one; no size change is shown.'
  const notes: string[] = []
  if (delta.against !== r.image) notes.push(`Compared with ${code(delta.against)} in the baseline.`)
  const dropped = droppedPlatforms(r, baseline)
  if (dropped.length) notes.push(`In the baseline but not here: ${dropped.map(code).join(', ')}.`)
  return notes.length ? notes.join(' ') : undefined
}

/** The size chart of one image, with the baseline's sizes when it was matched. */
export function imageChart(r: ImageRecord, delta?: ImageDelta): string | undefined {
  return renderSizeChart(
    r.platforms.map((p, i) => ({
      platform: p.platform,
      size: p.size,
      before: delta ? delta.platforms[i].before : undefined
    }))
  )
}

/** The job summary: one section per image, a platform table with totals, gaps flagged. */
export function renderSummary(
  records: ImageRecord[],
  verdict: VerdictInput,
  run?: RunFacts,
  options: SummaryOptions = {}
): string {
  const { baseline, charts = true, sections, files } = options
  const lines: string[] = summaryHeadline(records, verdict, run)
  if (files) lines.push(files, '')
  for (const [i, r] of records.entries()) {
    lines.push(`### ${markOf(r)} ${code(r.image)}`, '')
    if (sections) lines.push(...sections(i))
    if (r.error) {
      lines.push(`**Error:** ${escapeMarkdown(r.errorDetail?.message ?? r.error)}`, '')
      continue
    }
    lines.push(`${code(`${r.ref}@${r.digest}`)}  `, `${escapeMarkdown(r.mediaType ?? '')}`, '')
    const delta = baseline ? sizeDeltas(r, baseline) : undefined
    lines.push(...renderPlatformTable(r, delta), '')
    const compared = baseline ? baselineNote(r, baseline, delta) : undefined
    if (compared) lines.push(compared, '')
    const chart = charts ? imageChart(r, delta) : undefined
    if (chart) lines.push(chart, '')
    if (r.missing.length) lines.push(`**Missing:** ${r.missing.map(code).join(', ')}`, '')
    if (r.attestations) lines.push(`Attestations: ${r.attestations}`, '')
    const why = unavailableReason(r)
    if (why) lines.push(`> ${why}`, '')
    const broken = r.platforms.flatMap(p =>
      (p.layerList ?? []).filter(l => l.problem).map(l => ({ p, l }))
    )
    if (broken.length) {
      lines.push(
        `**Layer problems:** ${broken.length}`,
        '',
        ...broken.map(
          ({ p, l }) =>
            `- ${code(p.platform)} ${code(shortDigest(l.digest))}: ${escapeMarkdown(l.problem ?? '')}`
        ),
        ''
      )
    }
    if (r.blobHosts?.length)
      lines.push(`Layers served from ${r.blobHosts.map(code).join(', ')}`, '')
    if (r.notes.length) {
      lines.push(
        '<details><summary>Notes</summary>',
        '',
        ...r.notes.map(n => `- ${escapeMarkdown(n)}`),
        '',
        '</details>',
        ''
      )
    }
  }
  if (run?.rateLimitRemaining && Object.keys(run.rateLimitRemaining).length) {
    const items = Object.entries(run.rateLimitRemaining).map(
      ([host, v]) => `${code(host)}: ${escapeMarkdown(v)}`
    )
    lines.push(`Rate limit remaining: ${items.join(', ')}`, '')
  }
  return lines.join('\n')
}

/** The same table for a terminal. */
