import type { ImageRecord } from '../model/record.js'
import { unavailableReason } from './summary.js'
import { humanSize, plainText, shortDigest } from '../model/text.js'

/** Records → the terminal table the CLI prints. Pure rendering. */

export function renderTable(records: ImageRecord[], ok: boolean): string {
  const out: string[] = []
  for (const r of records) {
    if (r.error) {
      out.push(`✗ ${r.image}`, `  error: ${plainText(r.errorDetail?.message ?? r.error)}`, '')
      continue
    }
    out.push(
      `${r.missing.length || r.violations?.length ? '!' : '✓'} ${r.image}`,
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
