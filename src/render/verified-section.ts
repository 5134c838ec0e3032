import type { PlatformRecord, VerifiedSignature } from '../model/record.js'
import { code, escapeMarkdown } from '../model/text.js'

/**
 * The summary's table of the Sigstore signatures verified per platform (issue 21): what was
 * verified (the predicate type), by whom (identity and issuer, or the key), proved how (log
 * index or timestamp), and which trust root verified it. Every value came from a bundle, so
 * each is escaped.
 */
export function verifiedLines(platforms: PlatformRecord[]): string[] {
  const read = platforms.filter(p => p.verified)
  if (!read.length) return []
  const lines = ['| Platform | Verified |', '| --- | --- |']
  for (const p of read) {
    const what = (p.verified ?? []).map(describe)
    lines.push(`| ${code(p.platform)} | ${what.join('<br>') || 'nothing verified'} |`)
  }
  lines.push('')
  return lines
}

function describe(v: VerifiedSignature): string {
  const who = v.identity
    ? `${escapeMarkdown(v.identity)} (issuer ${escapeMarkdown(v.issuer ?? 'none')})`
    : escapeMarkdown(v.root)
  const proved = v.logIndex
    ? `log index ${escapeMarkdown(v.logIndex)}`
    : v.timestamp
      ? `timestamp ${escapeMarkdown(v.timestamp)}`
      : 'no timestamp'
  const whose = v.subject === 'index' ? ' of the index' : ''
  return `${escapeMarkdown(v.predicateType)}${whose} by ${who}, ${proved}, root ${escapeMarkdown(v.root)}`
}
