import type { MissingPlatform } from './policy.js'
import type { ImageRecord } from './resolve.js'

/**
 * Records → the contract's outputs, the report file, the job summary and the terminal table.
 * Pure rendering: nothing here writes anywhere.
 */

export const OUTPUTS = {
  digests: 'digests',
  missing: 'missing',
  pinned: 'pinned',
  ok: 'ok',
  reportFile: 'report-file'
} as const

export interface DigestEntry {
  ref?: string
  digest?: string | null
  mediaType?: string
  platforms?: Record<string, string | null>
  error?: string
}

/** The `digests` output: keyed by each image exactly as given. */
export function digestsOutput(records: ImageRecord[]): Record<string, DigestEntry> {
  const out: Record<string, DigestEntry> = {}
  for (const r of records) {
    if (r.error) {
      out[r.image] = { error: r.error }
      continue
    }
    const platforms: Record<string, string | null> = {}
    for (const p of r.platforms) if (!(p.platform in platforms)) platforms[p.platform] = p.digest
    out[r.image] = {
      ref: r.ref ?? undefined,
      digest: r.digest,
      mediaType: r.mediaType ?? undefined,
      platforms
    }
  }
  return out
}

/** The `pinned` output: `name[:tag]@digest`, one line per resolved image. */
export function pinnedOutput(records: ImageRecord[]): string {
  return records
    .filter(r => !r.error && r.digest && r.ref)
    .map(r => `${r.ref}@${r.digest}`)
    .join('\n')
}

export interface Report {
  ok: boolean
  images: ImageRecord[]
  /** Extra figures from the run (requests sent, rate limits seen), beside the contract. */
  run?: RunFacts
}

export interface RunFacts {
  requests?: number
  tokenRequests?: number
  rateLimitRemaining?: Record<string, string>
  durationMs?: number
}

export function buildReport(records: ImageRecord[], ok: boolean, run?: RunFacts): Report {
  const images = records.map(r => ({ ...r, error: r.error }))
  return run ? { ok, images, run } : { ok, images }
}

export interface Outputs {
  digests: string
  missing: string
  pinned: string
  ok: string
}

export function buildOutputs(
  records: ImageRecord[],
  missing: MissingPlatform[],
  ok: boolean
): Outputs {
  return {
    digests: JSON.stringify(digestsOutput(records)),
    missing: JSON.stringify(missing),
    pinned: pinnedOutput(records),
    ok: String(ok)
  }
}

/** Binary units as registries and docker report them (KiB = 1024 B). */
export function humanSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return 'n/a'
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`
}

export function shortDigest(digest: string | null | undefined): string {
  if (!digest) return 'n/a'
  const [algo, hex] = digest.split(':')
  return `${algo}:${hex.slice(0, 12)}`
}

/**
 * Escapes a registry-supplied string for Markdown and HTML in the job summary: a hostile tag
 * or annotation must not inject links, tables or tags.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
      .replace(LINE_BREAKS, ' ')
      .replace(CONTROLS, '')
      // A zero-width space keeps GitHub from turning a registry-supplied URL into a live link.
      .replace(/:\/\//g, ':\u200b//')
      .replace(/\bwww\./gi, m => `${m.slice(0, 3)}\u200b.`)
  )
}

/** Every line break Markdown honours, a lone CR included. */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g

/** A registry-supplied string for a terminal: one line, no control characters. */
export function plainText(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(CONTROLS, '?')
}

function code(text: string): string {
  // An HTML <code> element is not a Markdown code span: Markdown (links, emphasis, table pipes)
  // is still parsed inside it, so its text needs the same escaping as any other.
  return `<code>${escapeMarkdown(text)}</code>`
}

function unavailableReason(r: ImageRecord): string | undefined {
  if (r.source === 'docker') {
    return 'The Docker Engine API gives no per-platform digests, layer counts or sizes; they are shown as n/a.'
  }
  return undefined
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
  run?: RunFacts
): string {
  const full = renderSummary(records, ok, run)
  if (Buffer.byteLength(full) <= SUMMARY_LIMIT) return full
  const head = summaryHeadline(records, ok)
  const rows = records.map(r => {
    const state = r.error ? '❌' : r.missing.length ? '⚠️' : '✅'
    const what = r.error
      ? escapeMarkdown(r.errorDetail?.message ?? r.error)
      : `${r.platforms.length} platforms${r.missing.length ? `; missing ${r.missing.map(code).join(', ')}` : ''}`
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
  return [
    `## digest-gate ${ok ? '✅' : '❌'}`,
    '',
    `${records.length} image${records.length === 1 ? '' : 's'}: ${records.length - failed} resolved, ${failed} failed, ${gaps} required platform${gaps === 1 ? '' : 's'} missing.`,
    ''
  ]
}

/** The job summary: one section per image, a platform table with totals, gaps flagged. */
export function renderSummary(records: ImageRecord[], ok: boolean, run?: RunFacts): string {
  const lines: string[] = summaryHeadline(records, ok)
  for (const r of records) {
    const mark = r.error ? '❌' : r.missing.length ? '⚠️' : '✅'
    lines.push(`### ${mark} ${code(r.image)}`, '')
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
export function renderTable(records: ImageRecord[], ok: boolean): string {
  const out: string[] = []
  for (const r of records) {
    if (r.error) {
      out.push(`✗ ${r.image}`, `  error: ${plainText(r.errorDetail?.message ?? r.error)}`, '')
      continue
    }
    out.push(
      `${r.missing.length ? '!' : '✓'} ${r.image}`,
      `  ${r.ref}@${r.digest}`,
      `  ${plainText(r.mediaType ?? '')}`
    )
    const rows = [['PLATFORM', 'DIGEST', 'LAYERS', 'SIZE']]
    for (const p of r.platforms)
      rows.push([
        plainText(p.platform),
        shortDigest(p.digest),
        String(p.layers ?? 'n/a'),
        humanSize(p.size)
      ])
    const known = r.platforms.every(p => p.size !== null && p.layers !== null)
    rows.push([
      `total (${r.platforms.length})`,
      '',
      known ? String(r.platforms.reduce((n, p) => n + (p.layers ?? 0), 0)) : 'n/a',
      known ? humanSize(r.platforms.reduce((n, p) => n + (p.size ?? 0), 0)) : 'n/a'
    ])
    const widths = rows[0].map((_, i) => Math.max(...rows.map(row => row[i].length)))
    for (const row of rows)
      out.push(
        `  ${row.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')}`
      )
    if (r.missing.length) out.push(`  missing: ${r.missing.join(', ')}`)
    if (r.attestations) out.push(`  attestations: ${r.attestations}`)
    const why = unavailableReason(r)
    if (why) out.push(`  note: ${why}`)
    for (const n of r.notes) out.push(`  note: ${plainText(n)}`)
    out.push('')
  }
  out.push(ok ? 'ok' : 'not ok')
  return out.join('\n')
}
