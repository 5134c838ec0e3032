import { createHash } from 'node:crypto'
import { type Baseline, type ImageDelta, droppedPlatforms, sizeDeltas } from '../report/baseline.js'
import type { MissingPlatform } from '../model/record.js'
import type { ImageRecord } from '../model/record.js'
import {
  baselineNote,
  imageChart,
  renderPlatformTable,
  summaryHeadline,
  unavailableReason,
  type Verdict
} from '../render/summary.js'
import { code, escapeMarkdown, humanSize } from '../model/text.js'
import { formatSizeChange, totalChange } from '../render/size-change.js'

/**
 * The sticky pull request comment's Markdown: what needs a reviewer's attention first
 * (run problems, missing platforms, policy violations, images that failed), then each image's
 * platform table with the size change against the baseline and a chart. Pure: the caller
 * posts it (src/review/comment.ts).
 */

/** GitHub refuses an issue comment body over 65,536 characters ("Body is too long"). */
export const COMMENT_LIMIT = 65_536

/** What the comment reports: a run's result (src/run.ts RunResult). */
export interface CommentContent {
  records: ImageRecord[]
  missing: MissingPlatform[]
  ok: boolean
  /**
   * What the step did (src/summary.ts verdictOf over the shell's failureOf), for the headline;
   * without it, `ok` stands in (true: passed, false: failed).
   */
  verdict?: Verdict
  baseline?: Baseline
  problems: string[]
}

/** Where the comment belongs, and where the full report is. */
export interface CommentPlace {
  /** GITHUB_WORKFLOW and GITHUB_JOB: one comment per workflow and job. */
  workflow: string
  job: string
  /** The run's page (`${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`). */
  runUrl?: string
}

export interface CommentBody {
  body: string
  /** sha256 of the content (marker and footer aside), embedded in the body. */
  hash: string
  /** How much had to go to fit the limit. */
  form: 'full' | 'no-charts' | 'brief' | 'cut'
}

/**
 * A marker value as RFC 3986 unreserved characters, the rest percent-encoded as UTF-8: no
 * space to end the attribute, no `>` or `!` to close the HTML comment, however the workflow
 * is named.
 */
export function markerValue(value: string): string {
  return Array.from(new TextEncoder().encode(value), byte => {
    const c = String.fromCharCode(byte)
    return /[A-Za-z0-9._~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }).join('')
}

/**
 * The hidden first line that finds this workflow's and job's comment again:
 * `<!-- digest-gate:comment workflow=<GITHUB_WORKFLOW> job=<GITHUB_JOB> -->`.
 */
export function commentMarker(workflow: string, job: string): string {
  return `<!-- digest-gate:comment workflow=${markerValue(workflow)} job=${markerValue(job)} -->`
}

const HASH_LINE = /^<!-- digest-gate:content sha256=([0-9a-f]{64}) -->$/m

/** The content hash embedded in a comment body this module wrote, if any. */
export function contentHashOf(body: string): string | undefined {
  return HASH_LINE.exec(body)?.[1]
}

/** A policy violation, as the policy stage may add them to a record (read defensively). */
export interface Violation {
  image: string
  platform?: string | null
  rule: string
  expected?: unknown
  found?: unknown
}

function isViolation(v: unknown): v is Violation {
  if (typeof v !== 'object' || v === null) return false
  const o = v as Record<string, unknown>
  return (
    typeof o.image === 'string' &&
    typeof o.rule === 'string' &&
    (o.platform === undefined || o.platform === null || typeof o.platform === 'string')
  )
}

/** The record's `violations`, when the policy stage set them; invalid entries are ignored. */
export function violationsOf(record: ImageRecord): Violation[] {
  const list = (record as { violations?: unknown }).violations
  return Array.isArray(list) ? list.filter(isViolation) : []
}

function figure(value: unknown): string {
  if (value === undefined || value === null) return ''
  return escapeMarkdown(typeof value === 'string' ? value : JSON.stringify(value))
}

function mark(r: ImageRecord): string {
  return r.error ? '❌' : r.missing.length || violationsOf(r).length ? '⚠️' : '✅'
}

/**
 * Whether `on-change` should post a first comment: something failed, is missing or breaks a
 * rule, or a size moved or a platform went against the baseline. A clean run with nothing to
 * compare stays quiet.
 */
export function isNoteworthy(content: CommentContent): boolean {
  if (!content.ok || content.problems.length || content.missing.length) return true
  if (content.verdict && content.verdict !== 'passed') return true
  if (content.records.some(r => r.error || violationsOf(r).length)) return true
  const { baseline } = content
  if (!baseline) return false
  return content.records.some(
    r =>
      sizeDeltas(r, baseline)?.platforms.some(d => d.delta !== 0) ||
      droppedPlatforms(r, baseline).length > 0
  )
}

/** The sections a reviewer needs first; each a list of lines, separately cuttable. */
function attentionSections(content: CommentContent): string[][] {
  const sections: string[][] = []
  if (content.problems.length) {
    sections.push([
      '**Problems of the run**',
      '',
      ...content.problems.map(p => `- ${escapeMarkdown(p)}`)
    ])
  }
  if (content.missing.length) {
    const found = new Map(content.records.map(r => [r.image, r.platforms.map(p => p.platform)]))
    sections.push([
      '**Missing platforms**',
      '',
      '| Image | Missing | Found |',
      '| --- | --- | --- |',
      ...content.missing.map(
        m =>
          `| ${code(m.image)} | ${code(m.platform)} | ${(found.get(m.image) ?? []).map(code).join(', ') || 'none'} |`
      )
    ])
  }
  const violations = content.records.flatMap(violationsOf)
  if (violations.length) {
    sections.push([
      '**Policy violations**',
      '',
      '| Image | Platform | Rule | Expected | Found |',
      '| --- | --- | --- | --- | --- |',
      ...violations.map(
        v =>
          `| ${code(v.image)} | ${v.platform ? code(v.platform) : ''} | ${code(v.rule)} | ${figure(v.expected)} | ${figure(v.found)} |`
      )
    ])
  }
  const failed = content.records.filter(r => r.error)
  if (failed.length) {
    sections.push([
      '**Could not resolve**',
      '',
      ...failed.map(
        r => `- ${code(r.image)}: ${escapeMarkdown(r.errorDetail?.message ?? r.error ?? '')}`
      )
    ])
  }
  return sections
}

function deltaOf(r: ImageRecord, baseline?: Baseline): ImageDelta | undefined {
  return baseline ? sizeDeltas(r, baseline) : undefined
}

/** Each resolved image: its table, the baseline note, and (when asked) its chart. */
function imageSections(content: CommentContent, charts: boolean): string[][] {
  return content.records
    .filter(r => !r.error)
    .map(r => {
      const delta = deltaOf(r, content.baseline)
      const lines = [`### ${mark(r)} ${code(r.image)}`, '', `${code(`${r.ref}@${r.digest}`)}`, '']
      if (r.platforms.length) lines.push(...renderPlatformTable(r, delta), '')
      const compared = content.baseline ? baselineNote(r, content.baseline, delta) : undefined
      if (compared) lines.push(compared, '')
      const why = unavailableReason(r)
      if (why) lines.push(`> ${why}`, '')
      const chart = charts ? imageChart(r, delta) : undefined
      if (chart) lines.push(chart, '')
      while (lines.at(-1) === '') lines.pop()
      return lines
    })
}

/** One row per resolved image: platforms, total size and its change. */
function briefTable(content: CommentContent): string[][] {
  const resolved = content.records.filter(r => !r.error)
  if (!resolved.length) return []
  const withChange = !!content.baseline
  return [
    [
      `| | Image | Platforms | Size |${withChange ? ' Change |' : ''}`,
      `| --- | --- | ---: | ---: |${withChange ? ' ---: |' : ''}`,
      ...resolved.map(r => {
        const known = r.platforms.every(p => p.size !== null)
        const size = known ? humanSize(r.platforms.reduce((n, p) => n + (p.size ?? 0), 0)) : 'n/a'
        const delta = deltaOf(r, content.baseline)
        const total = delta ? totalChange(delta.platforms) : undefined
        const change = withChange ? ` ${total ? formatSizeChange(total) : 'n/a'} |` : ''
        return `| ${mark(r)} | ${code(r.image)} | ${r.platforms.length} | ${size} |${change}`
      })
    ]
  ]
}

function hashOf(content: string): string {
  return createHash('sha256').update(content).digest('hex')
}

function footer(place: CommentPlace, shortened: boolean): string {
  const where = place.runUrl ? `[the job summary](${place.runUrl})` : "the run's job summary"
  const lead = shortened
    ? `Shortened to fit GitHub's comment size limit: every figure is in ${where} and the report file.`
    : `Full report: ${where}.`
  return `<sub>${lead} Written by digest-gate and updated in place on each run.</sub>`
}

function assemble(
  marker: string,
  sections: string[][],
  place: CommentPlace,
  shortened: boolean
): { body: string; hash: string } {
  // Registry text reaches here escaped (src/text.ts): its mentions, issue references and
  // links are code spans, which GitHub neither links nor notifies from.
  const content = sections.map(s => s.join('\n')).join('\n\n')
  const hash = hashOf(content)
  const body = [
    marker,
    `<!-- digest-gate:content sha256=${hash} -->`,
    content,
    '',
    footer(place, shortened)
  ].join('\n')
  return { body, hash }
}

/**
 * The comment body within `limit` characters (GitHub counts characters; a UTF-16 length is
 * never below that): in full; else without charts; else the attention sections and one row
 * per image; else that cut to as many lines as fit, saying how many were left out. Every
 * shortened form points to the job summary. Registry-supplied text is escaped (src/text.ts):
 * it can neither mention anyone nor reference an issue.
 */
export function renderCommentBody(
  content: CommentContent,
  place: CommentPlace,
  limit = COMMENT_LIMIT
): CommentBody {
  const marker = commentMarker(place.workflow, place.job)
  const head = summaryHeadline(content.records, content.verdict ?? content.ok).slice(0, 3)
  const attention = attentionSections(content)
  const forms: [CommentBody['form'], string[][]][] = [
    ['full', [head, ...attention, ...imageSections(content, true)]],
    ['no-charts', [head, ...attention, ...imageSections(content, false)]],
    ['brief', [head, ...attention, ...briefTable(content)]]
  ]
  for (const [form, sections] of forms) {
    const out = assemble(marker, sections, place, form !== 'full')
    if (out.body.length <= limit) return { ...out, form }
  }
  // Cut line by line: the reserve covers the marker, hash line, footer and the cut notice.
  const lines = forms[2][1].flatMap((s, i) => (i ? ['', ...s] : s))
  const reserve = assemble(marker, [['…and 0000000 more lines, in the job summary.']], place, true)
  let budget = limit - reserve.body.length - 2
  const kept: string[] = []
  for (const line of lines) {
    const cost = line.length + 1
    if (cost > budget) break
    budget -= cost
    kept.push(line)
  }
  const cut = [...kept, '', `…and ${lines.length - kept.length} more lines, in the job summary.`]
  return { ...assemble(marker, [cut], place, true), form: 'cut' }
}
