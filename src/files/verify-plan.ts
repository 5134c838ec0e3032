import { isIndexType } from '../model/manifest.js'
import { type Platform, formatPlatform, parsePlatform, platformMatches } from '../model/platform.js'
import { missingPlatforms } from '../policy/platforms.js'
import type { ImageRecord, PlatformRecord } from '../model/record.js'
import { type ReferenceKeys, indexRecords, referenceKeys } from './resolve-plan.js'
import { type Promotion, driftMessage, promotionOf } from './promote-plan.js'
import { pinnedText } from './rewrite.js'
import type { FoundReference, Position } from '../model/files.js'

/**
 * What `verify` finds, from the references and the records of both phases (resolve-plan.ts).
 * The records must list platforms (resolve with detail `platforms` or `layers`). Pure.
 *
 * Checks, per reference: an invalid image; a pin whose tag moved (stale: both digests named);
 * a pin to one platform's manifest of the tag's index, or to any single-platform manifest,
 * when more platforms are required (those it lacks named); a pinned digest that no longer
 * exists; an unpinned reference when pins are required; required platforms missing. A
 * reference with a literal `FROM --platform=` requires that platform only: the build pulls no other.
 * With `promotions` (`images` naming release tags), a reference to a promoted repository at
 * another tag or digest is `drift`, an error.
 */

export type VerifyStatus =
  | 'ok'
  | 'stale'
  | 'tag-missing'
  | 'single-platform'
  | 'missing-platforms'
  | 'not-found'
  | 'unpinned'
  | 'invalid'
  | 'failed'
  | 'drift'

export type Severity = 'error' | 'warning' | 'notice'

export interface VerifyFinding extends Position {
  file: string
  reference: FoundReference
  status: VerifyStatus
  severity: Severity
  /** One line naming the reference (as resolved), the digests and platforms concerned. */
  message: string
  /** The digest pinned in the file, and the one its tag points at now. */
  pinnedDigest?: string
  currentDigest?: string
  /** Required platforms the image (as pinned, else as tagged) lacks. */
  missing?: string[]
}

/**
 * Severities, as a verify gate reads them: `invalid`, `not-found`, `failed`, `stale` (the file
 * no longer builds what its tag names), `missing-platforms`, `single-platform` with required
 * platforms lacking, and `unpinned` under requirePins are errors; `tag-missing` and a
 * `single-platform` pin when no platforms are required are warnings (the pin still pulls what
 * it always did, and nothing required is lost); `ok` and `unpinned` otherwise are notices.
 * Findings come in the order of the references; a reference with no problem gets one `ok`.
 * `requiredPlatforms` is the run's list, or, with a policy, what the rule of each reference's
 * image asks for.
 */
export function planVerify(
  found: readonly FoundReference[],
  records: readonly ImageRecord[],
  requiredPlatforms: readonly Platform[] | ((ref: FoundReference) => readonly Platform[]),
  requirePins: boolean,
  promotions: ReadonlyMap<string, Promotion> = new Map()
): VerifyFinding[] {
  const byImage = indexRecords(records)
  const requiredOf =
    typeof requiredPlatforms === 'function' ? requiredPlatforms : () => requiredPlatforms
  return found.flatMap(ref => {
    // A repository `images` names must be at the release's tag and digest (promote-plan.ts).
    const promotion = promotionOf(ref, promotions)
    const drift = promotion && driftMessage(ref, promotion, byImage.get(promotion.image))
    if (drift) {
      const { file, line, column } = ref
      const currentDigest = byImage.get(promotion.image)?.digest ?? undefined
      const pinnedDigest = referenceKeys(ref)?.pinned
      return [
        {
          file,
          line,
          column,
          reference: ref,
          status: 'drift',
          severity: 'error',
          message: drift,
          pinnedDigest,
          currentDigest
        }
      ]
    }
    return verifyOne(ref, byImage, requiredOf(ref), requirePins)
  })
}

function requiredFor(ref: FoundReference, required: readonly Platform[]): Platform[] {
  if (ref.platform) {
    try {
      return [parsePlatform(ref.platform)]
    } catch {
      // An unparseable --platform is the build's problem; check what the run requires.
    }
  }
  return [...required]
}

/** Collects the findings of one reference. */
interface Check {
  ref: FoundReference
  /** The reference as resolved, quoted, for messages. */
  name: string
  keys: ReferenceKeys
  required: Platform[]
  byImage: Map<string, ImageRecord>
  add: Add
}

function verifyOne(
  ref: FoundReference,
  byImage: Map<string, ImageRecord>,
  requiredPlatforms: readonly Platform[],
  requirePins: boolean
): VerifyFinding[] {
  const out: VerifyFinding[] = []
  const add: Add = (status, severity, message, extra = {}) => {
    const { file, line, column } = ref
    out.push({ file, line, column, reference: ref, status, severity, message, ...extra })
  }
  const name = `'${ref.image}'`
  const keys = referenceKeys(ref)
  if (!keys) {
    add('invalid', 'error', ref.error ?? `${name} is not a valid image reference`)
    return out
  }
  const check: Check = {
    ref,
    name,
    keys,
    required: requiredFor(ref, requiredPlatforms),
    byImage,
    add
  }
  const primary = byImage.get(keys.primary)
  if (!primary) add('failed', 'error', `${name}: ${keys.primary} was not resolved`)
  else if (!keys.pinned) verifyUnpinned(check, primary, requirePins)
  else {
    const pinRecord = keys.digestForm ? compareWithTag(check, primary, keys.pinned) : primary
    if (pinRecord) verifyPinnedDigest(check, pinRecord, keys.pinned, out.length === 0)
  }
  return out
}

function verifyUnpinned(check: Check, record: ImageRecord, requirePins: boolean): void {
  const { ref, name, add } = check
  if (record.error) {
    add('failed', 'error', `${name} cannot be resolved: ${record.error}`)
    return
  }
  checkPlatforms(check, record, undefined)
  const advice =
    ref.pinnable && record.digest
      ? `; pin it as ${pinnedText(ref.text, record.digest)}`
      : ref.pinnable
        ? ''
        : `, and cannot be pinned in place: ${ref.reason ?? ''}`
  add('unpinned', requirePins ? 'error' : 'notice', `${name} is not pinned by digest${advice}`, {
    currentDigest: record.digest ?? undefined
  })
}

/**
 * A pinned `name:tag@digest` against what its tag points at now. Returns the record that
 * describes the pinned digest (the tag's own, or phase 2's), or undefined when nothing more
 * is to be checked.
 */
function compareWithTag(
  check: Check,
  tagRecord: ImageRecord,
  pinned: string
): ImageRecord | undefined {
  const { keys, name, required, add } = check
  const pinnedDigest = pinned
  if (tagRecord.error) {
    if (tagRecord.errorDetail?.kind !== 'not-found') {
      const message = `${name}: cannot check the pin, its tag failed to resolve: ${tagRecord.error}`
      add('failed', 'error', message, { pinnedDigest })
      return undefined
    }
    const message = `${name}: the tag ${keys.primary} no longer exists, so the pin ${pinned} follows nothing`
    add('tag-missing', 'warning', message, { pinnedDigest })
    return pinRecordOf(check, pinned)
  }
  const current = tagRecord.digest ?? undefined
  if (current === pinned) return tagRecord
  const child = tagRecord.platforms.find(p => p.digest === pinned)
  if (!child) {
    const message = `${name} is stale: ${keys.primary} now points at ${current ?? '(no digest)'}, the pin is ${pinned}`
    add('stale', 'error', message, { pinnedDigest, currentDigest: current })
    return pinRecordOf(check, pinned)
  }
  // The pin is one platform's manifest out of the index the tag names.
  const lacks = required.length
    ? required.filter(r => !childMatches(r, child)).map(formatPlatform)
    : tagRecord.platforms.map(p => p.platform).filter(p => p !== child.platform)
  const index = `${keys.primary}'s index ${current ?? ''}`
  if (!lacks.length) {
    const message = `${name} pins the ${child.platform} manifest of ${index}, the only platform required`
    add('ok', 'notice', message, { pinnedDigest, currentDigest: current })
    return undefined
  }
  add(
    'single-platform',
    required.length ? 'error' : 'warning',
    `${name} pins only the ${child.platform} manifest of ${index}, so it lacks ${lacks.join(', ')}; pin the index to keep every platform`,
    { pinnedDigest, currentDigest: current, missing: required.length ? lacks : undefined }
  )
  return undefined
}

function pinRecordOf(check: Check, pinned: string): ImageRecord | undefined {
  const { keys, name, byImage, add } = check
  const record = keys.digestForm ? byImage.get(keys.digestForm) : undefined
  if (!record) {
    const message = `${name}: the pinned digest (${keys.digestForm ?? pinned}) was not resolved`
    add('failed', 'error', message, { pinnedDigest: pinned })
  }
  return record
}

/** The pinned digest itself: does it exist, has it the platforms required. */
function verifyPinnedDigest(
  check: Check,
  record: ImageRecord,
  pinned: string,
  nothingSoFar: boolean
): void {
  const { keys, name, add } = check
  const pinnedDigest = pinned
  if (record.error) {
    if (record.errorDetail?.kind === 'not-found') {
      const message = `${name}: the pinned digest ${pinned} no longer exists in the registry`
      add('not-found', 'error', message, { pinnedDigest })
    } else {
      const message = `${name}: the pinned digest cannot be resolved: ${record.error}`
      add('failed', 'error', message, { pinnedDigest })
    }
    return
  }
  const flagged = checkPlatforms(check, record, pinned)
  if (nothingSoFar && !flagged) {
    const why = keys.digestForm ? `what ${keys.primary} points at` : 'which exists'
    add('ok', 'notice', `${name} is pinned to ${pinned}, ${why}`, { pinnedDigest })
  }
}

type Add = (
  status: VerifyStatus,
  severity: Severity,
  message: string,
  extra?: Partial<VerifyFinding>
) => void

/** Adds a finding when the record lacks required platforms; returns whether it did. */
function checkPlatforms(check: Check, record: ImageRecord, pinned: string | undefined): boolean {
  const { name, required, add } = check
  if (!required.length) return false
  const missing = missingPlatforms(record, required)
  if (!missing.length) return false
  const single = record.platforms.length === 1 && !isIndexType(record.mediaType ?? '')
  const what = pinned ? `the pinned digest ${pinned}` : (record.digest ?? 'it')
  if (single && pinned) {
    const message = `${name}: ${what} is a single-platform manifest (${record.platforms[0].platform}); it lacks ${missing.join(', ')}`
    add('single-platform', 'error', message, { pinnedDigest: pinned, missing })
  } else {
    const message = `${name}: ${what} lacks the required platforms ${missing.join(', ')}`
    add('missing-platforms', 'error', message, { pinnedDigest: pinned, missing })
  }
  return true
}

function childMatches(required: Platform, child: PlatformRecord): boolean {
  try {
    return platformMatches(required, child.declared ?? parsePlatform(child.platform))
  } catch {
    return false
  }
}
