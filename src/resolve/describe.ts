import { DigestGateError } from '../model/errors.js'
import { isAttestationPlatform } from '../model/manifest.js'
import {
  formatPlatform,
  normalizePlatform,
  platformFromJson,
  platformProblem
} from '../model/platform.js'
import type { DescribedManifest } from '../sources/source.js'
import { type Walk, explain } from './walk.js'

/** A source that describes rather than serves manifests: the top digest and its platforms. */
export function describe(walk: Walk, answer: DescribedManifest): void {
  const { record, ref, source } = walk
  if (ref.digest && answer.digest !== ref.digest) {
    throw new DigestGateError(
      'integrity',
      `${source.label} answered ${answer.digest} for ${walk.subject}, which asked for ${ref.digest}`
    )
  }
  record.digest = answer.digest
  record.mediaType = answer.mediaType
  const seen = new Set<string>()
  for (const raw of answer.platforms) {
    const p = platformFromJson(raw as Record<string, unknown>)
    if (!p) continue
    // Attestation manifests are listed as unknown/unknown platforms.
    if (isAttestationPlatform(p)) {
      record.attestations++
      continue
    }
    const problem = platformProblem(p)
    if (problem) {
      record.notes.push(`skipped a platform entry: ${problem}`)
      continue
    }
    const key = formatPlatform(normalizePlatform(p))
    if (seen.has(key)) continue
    seen.add(key)
    record.platforms.push({
      platform: key,
      digest: null,
      mediaType: null,
      layers: null,
      size: null,
      declared: p
    })
  }
  if (answer.platforms.length === 0) explain(walk, 'platforms')
  explain(walk, 'children')
}
