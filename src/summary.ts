import type { RunFacts } from './outputs.js'
import type { ImageRecord } from './record.js'
import { code, escapeMarkdown, humanSize, shortDigest } from './text.js'

/** Records → the job summary's Markdown, within GitHub's size limit. Pure rendering. */

export function unavailableReason(r: ImageRecord): string | undefined {
  if (r.source === 'docker') {
    return 'The Docker Engine API gives no per-platform digests, layer counts or sizes; they are shown as n/a.'
  }
  return undefined
}

/** Lines that open image `index`'s section (the policy's verdicts), when there are any. */
export type ImageSections = (index: number) => string[]

function markOf(r: ImageRecord): string {
  return r.error ? '❌' : r.missing.length || r.violations?.length ? '⚠️' : '✅'
}

/** GitHub refuses a step summary over 1 MiB; stay clear of it. */
export const SUMMARY_LIMIT = 1000 * 1024

/**
 * The job summary within GitHub's size limit: the full form when it fits, else one row per
 * image, else as many rows as fit and a pointer to the report file.
 */
export function renderSummaryWithinLimit(
  records: ImageRecord[],
  ok: boolean,
  run?: RunFacts,
  sections?: ImageSections
): string {
  const full = renderSummary(records, ok, run, sections)
  if (Buffer.byteLength(full) <= SUMMARY_LIMIT) return full
  const head = summaryHeadline(records, ok)
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

function summaryHeadline(records: ImageRecord[], ok: boolean): string[] {
  const failed = records.filter(r => r.error).length
  const gaps = records.reduce((n, r) => n + r.missing.length, 0)
  const judged = records.some(r => r.violations)
  const violations = records.reduce((n, r) => n + (r.violations?.length ?? 0), 0)
  const broken = judged ? `, ${violations} policy violation${violations === 1 ? '' : 's'}` : ''
  return [
    `## digest-gate ${ok ? '✅' : '❌'}`,
    '',
    `${records.length} image${records.length === 1 ? '' : 's'}: ${records.length - failed} resolved, ${failed} failed, ${gaps} required platform${gaps === 1 ? '' : 's'} missing${broken}.`,
    ''
  ]
}

/**
 * The job summary: one section per image, a platform table with totals, gaps flagged; what
 * `sections` gives for an image (a policy's verdicts) opens its section.
 */
export function renderSummary(
  records: ImageRecord[],
  ok: boolean,
  run?: RunFacts,
  sections?: ImageSections
): string {
  const lines: string[] = summaryHeadline(records, ok)
  for (const [i, r] of records.entries()) {
    lines.push(`### ${markOf(r)} ${code(r.image)}`, '')
    if (sections) lines.push(...sections(i))
    if (r.error) {
      lines.push(`**Error:** ${escapeMarkdown(r.errorDetail?.message ?? r.error)}`, '')
      continue
    }
    lines.push(`${code(`${r.ref}@${r.digest}`)}  `, `${escapeMarkdown(r.mediaType ?? '')}`, '')
    lines.push('| Platform | Digest | Layers | Size |', '| --- | --- | ---: | ---: |')
    for (const p of r.platforms) {
      lines.push(
        `| ${code(p.platform)} | ${code(shortDigest(p.digest))} | ${p.layers ?? 'n/a'} | ${humanSize(p.size)} |`
      )
    }
    const known = r.platforms.every(p => p.size !== null && p.layers !== null)
    const layers = r.platforms.reduce((n, p) => n + (p.layers ?? 0), 0)
    const size = r.platforms.reduce((n, p) => n + (p.size ?? 0), 0)
    lines.push(
      `| **Total: ${r.platforms.length} platform${r.platforms.length === 1 ? '' : 's'}** | | ${known ? layers : 'n/a'} | ${known ? humanSize(size) : 'n/a'} |`,
      ''
    )
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
