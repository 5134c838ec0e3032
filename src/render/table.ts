import { type Platform, formatPlatform } from '../model/platform.js'
import type { ImageRecord } from '../model/record.js'
import { unavailableReason } from './summary.js'
import { humanSize, plainText, shortDigest } from '../model/text.js'

/** Records → the terminal table the CLI prints. Pure rendering. */

export function renderTable(records: ImageRecord[], ok: boolean): string {
  const out: string[] = []
  for (const r of records) {
    if (r.error) {
      out.push(
        `✗ ${plainText(r.image)}`,
        `  error: ${plainText(r.errorDetail?.message ?? r.error)}`,
        ''
      )
      continue
    }
    out.push(
      `${r.missing.length || r.violations?.length ? '!' : '✓'} ${plainText(r.image)}`,
      `  ${plainText(`${r.ref}@${r.digest}`)}`,
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
    if (r.missing.length) out.push(`  missing: ${plainText(r.missing.join(', '))}`)
    for (const v of r.violations ?? [])
      out.push(
        `  violation: ${plainText(`${v.rule} (${v.platform}): expected ${v.expected}, found ${v.found}`)}`
      )
    if (r.attestations) out.push(`  attestations: ${r.attestations}`)
    const why = unavailableReason(r)
    if (why) out.push(`  note: ${why}`)
    for (const n of r.notes) out.push(`  note: ${plainText(n)}`)
    out.push('')
  }
  out.push(ok ? 'ok' : 'not ok')
  return out.join('\n')
}

/** What imageLogLines reads of a run (src/run.ts RunResult). */
export interface LoggedRun {
  records: readonly ImageRecord[]
  /** With `files`: the records of `images` alone; the references' have lines of their own. */
  imageRecords?: readonly ImageRecord[]
  /** Each record's rule, in record order, when a policy was given: its required platforms. */
  policy?: { rules: readonly { platforms?: readonly Platform[] }[] }
}

/**
 * One line per resolved image for the step log, so a reader of the log alone knows what was
 * resolved: the reference, its digest, the required platforms found out of those required, and
 * the total size, e.g. `docker.io/library/nginx:1.27 sha256:… 2/2 platforms (linux/amd64,
 * linux/arm64) 68.1 MiB`. Images that failed have their error annotation instead. `required` is
 * the `platforms` input; a policy rule's own platforms win. Plain text (plainText). Pure.
 */
export function imageLogLines(run: LoggedRun, required: readonly Platform[]): string[] {
  const images = new Set(run.imageRecords ?? run.records)
  return run.records.flatMap((r, i) =>
    images.has(r) && !r.error
      ? [imageLogLine(r, (run.policy?.rules[i]?.platforms ?? required).map(formatPlatform))]
      : []
  )
}

function imageLogLine(r: ImageRecord, required: string[]): string {
  const found = r.platforms.map(p => p.platform)
  const platforms = required.length
    ? `${required.length - r.missing.length}/${required.length} platforms (${[
        required.filter(p => !r.missing.includes(p)).join(', ') || 'none',
        ...(r.missing.length ? [`missing ${r.missing.join(', ')}`] : [])
      ].join('; ')})`
    : `${found.length} platform${found.length === 1 ? '' : 's'}${found.length ? ` (${found.join(', ')})` : ''}, none required`
  const known = r.platforms.length > 0 && r.platforms.every(p => p.size !== null)
  const size = known ? humanSize(r.platforms.reduce((n, p) => n + (p.size ?? 0), 0)) : 'size n/a'
  return plainText(`${r.ref ?? r.image} ${r.digest ?? 'no digest'} ${platforms} ${size}`)
}
