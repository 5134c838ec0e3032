import { formatName, parseReference } from '../model/reference.js'
import type { ImageRecord } from '../model/record.js'
import type { FoundReference } from '../model/files.js'

/**
 * Which images a pin or verify run resolves for the references found, with the fewest
 * resolutions: two phases, the second only for verify and only where the first left a question.
 *
 * Phase 1 (`referencesToResolve`): one resolution per distinct tag, fully qualified
 * (`nginx:1.27` and `docker.io/library/nginx:1.27` are one). A pinned `name:tag@digest` is
 * resolved by its tag: that shows whether the pin is stale, and when the tag still points at
 * the pinned digest, or at an index that lists it, the tag's record describes the pin too.
 * Only a reference with a digest and no tag is resolved by digest.
 *
 * Phase 2 (`followUpReferences`, verify only): `name@digest` for a pinned `name:tag@digest`
 * whose tag now points elsewhere (or no longer exists), to tell whether the pinned digest still
 * exists and which platforms it has. Pin never needs it: it writes what the tag points at now.
 *
 * Both return the strings to hand to the resolver as images; the plans find each record by its
 * `image` field, which resolve.ts sets to the input as given.
 */

/** How one reference maps onto the images resolved. */
export interface ReferenceKeys {
  /** What phase 1 resolves: `registry/repository:tag`, or `registry/repository@digest` without a tag. */
  primary: string
  /** The tag written or implied (`latest` when neither tag nor digest is written). */
  tag?: string
  /** The digest the reference is pinned to, when it is. */
  pinned?: string
  /** `registry/repository@digest` for a pinned reference with a tag: phase 2's question. */
  digestForm?: string
}

/** The keys of a reference; null for a reference whose image is invalid (`error` set). */
export function referenceKeys(ref: FoundReference): ReferenceKeys | null {
  if (ref.error) return null
  let parsed
  try {
    parsed = parseReference(ref.image)
  } catch {
    return null
  }
  if (parsed.kind !== 'registry') return null
  const name = formatName(parsed, false)
  const keys: ReferenceKeys = {
    primary: parsed.tag ? formatName(parsed) : `${name}@${parsed.digest}`
  }
  if (parsed.tag) keys.tag = parsed.tag
  if (parsed.digest) {
    keys.pinned = parsed.digest
    if (parsed.tag) keys.digestForm = `${name}@${parsed.digest}`
  }
  return keys
}

/** Phase 1: the distinct images to resolve, in the order first found. */
export function referencesToResolve(found: readonly FoundReference[]): string[] {
  const out = new Set<string>()
  for (const ref of found) {
    const keys = referenceKeys(ref)
    if (keys) out.add(keys.primary)
  }
  return [...out]
}

/** Records by the image they were resolved for. */
export function indexRecords(records: readonly ImageRecord[]): Map<string, ImageRecord> {
  return new Map(records.map(r => [r.image, r]))
}

/**
 * Whether the tag's record already answers for the pinned digest: the tag points at it, or at
 * an index listing it as one platform's manifest.
 */
function tagDescribesPin(tagRecord: ImageRecord, pinned: string): boolean {
  if (tagRecord.error) return false
  return tagRecord.digest === pinned || tagRecord.platforms.some(p => p.digest === pinned)
}

/**
 * Phase 2 (verify only): the digest forms phase 1 could not answer for, given its records.
 * A tag that failed for another reason than not-found (auth, network) asks nothing more: the
 * digest would fail the same way, and the tag's error is what verify reports.
 */
export function followUpReferences(
  found: readonly FoundReference[],
  records: readonly ImageRecord[]
): string[] {
  const byImage = indexRecords(records)
  const out = new Set<string>()
  for (const ref of found) {
    const keys = referenceKeys(ref)
    if (!keys?.digestForm || !keys.pinned) continue
    const tagRecord = byImage.get(keys.primary)
    if (!tagRecord) continue
    const tagGone = tagRecord.error !== null && tagRecord.errorDetail?.kind === 'not-found'
    if (tagGone || (!tagRecord.error && !tagDescribesPin(tagRecord, keys.pinned)))
      out.add(keys.digestForm)
  }
  return [...out]
}
