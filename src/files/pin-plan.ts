import type { ImageRecord } from '../model/record.js'
import { indexRecords, referenceKeys } from './resolve-plan.js'
import { errorMessage } from '../model/errors.js'
import { type Promotion, promotionOf, rewriteOf } from './promote-plan.js'
import { planPromotion } from './promote-outcome.js'
import type { Splice } from './rewrite.js'
import type { PinOutcome } from './pin-outcome.js'
import type { FoundReference } from '../model/files.js'

/**
 * What `pin` would write, from the references found and the records of phase 1
 * (resolve-plan.ts): each pinnable reference gets the digest its tag points at now, written
 * after the name and tag as they stand (rewrite.ts `pinnedText`). Pure: the caller applies the
 * splices (`rewriteBytes`) and writes the files.
 */

export interface FileEdits {
  file: string
  splices: Splice[]
}

export interface PinPlan {
  /** Files with something to write, sorted by path; each splice carries `expect`. */
  files: FileEdits[]
  /** One outcome per reference, in the order given. */
  outcomes: PinOutcome[]
}

/**
 * Plans the pins, and the promotions `images` asks for (promote-plan.ts); never throws. Splices
 * go to the file each span lies in (a Compose `${VAR}` is written in its `.env`).
 */
export function planPins(
  found: readonly FoundReference[],
  records: readonly ImageRecord[],
  promotions: ReadonlyMap<string, Promotion> = new Map()
): PinPlan {
  const byImage = indexRecords(records)
  const outcomes = found.map(ref => {
    const promotion = promotionOf(ref, promotions)
    return promotion ? planPromotion(ref, promotion, byImage) : planOne(ref, byImage)
  })
  const byFile = new Map<string, Splice[]>()
  for (const o of outcomes) {
    if (o.to === undefined) continue
    const file = o.reference.spanFile ?? o.reference.file
    const splices = byFile.get(file) ?? []
    // One span reached twice (a YAML alias, say) is written once.
    for (const s of o.splices ?? []) {
      if (
        !splices.some(
          t => t.start === s.start && t.end === s.end && t.replacement === s.replacement
        )
      )
        splices.push(s)
    }
    byFile.set(file, splices)
  }
  const files = [...byFile]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, splices]) => ({ file, splices: splices.sort((a, b) => a.start - b.start) }))
  return { files, outcomes }
}

/** The files `pin` changes: the `changed-files` output. */
export function changedFiles(plan: PinPlan): string[] {
  return plan.files.filter(f => f.splices.length > 0).map(f => f.file)
}

function planOne(ref: FoundReference, byImage: Map<string, ImageRecord>): PinOutcome {
  const base = { reference: ref, from: ref.text }
  const name = `'${ref.image}' (${ref.where})`
  if (ref.error) return { ...base, status: 'failed', message: `${name}: ${ref.error}` }
  if (!ref.pinnable) {
    return { ...base, status: 'skipped', message: `${name} is not pinned: ${ref.reason ?? ''}` }
  }
  const keys = referenceKeys(ref)
  if (!keys) return { ...base, status: 'failed', message: `${name} is not a valid reference` }
  if (!keys.tag) {
    return {
      ...base,
      status: 'unchanged',
      oldDigest: keys.pinned,
      message: `${name} is pinned by digest with no tag to follow; left as it is`
    }
  }
  const record = byImage.get(keys.primary)
  if (!record) {
    return { ...base, status: 'failed', message: `${name}: ${keys.primary} was not resolved` }
  }
  if (record.error || !record.digest) {
    const why = record.error ?? `${keys.primary} resolved to no digest`
    return {
      ...base,
      status: 'failed',
      oldDigest: keys.pinned,
      message: `${name} cannot be pinned: ${why}`
    }
  }
  const digest = record.digest
  if (keys.pinned === digest) {
    return {
      ...base,
      status: 'unchanged',
      oldDigest: digest,
      newDigest: digest,
      message: `${name} is already pinned to ${digest}, what ${keys.primary} points at`
    }
  }
  let rewrite
  try {
    rewrite = rewriteOf(ref, digest)
  } catch (e) {
    return { ...base, status: 'failed', message: `${name} cannot be pinned: ${errorMessage(e)}` }
  }
  const { to, splices } = rewrite
  if (!keys.pinned) {
    const message = `${name} pinned: ${to}`
    return { ...base, status: 'pinned', to, splices, newDigest: digest, message }
  }
  const child = record.platforms.find(p => p.digest === keys.pinned)
  const why = child
    ? `the old pin was the ${child.platform} manifest of its index only`
    : `${keys.primary} points at another digest than the pin`
  return {
    ...base,
    status: 'updated',
    to,
    splices,
    oldDigest: keys.pinned,
    newDigest: digest,
    message: `${name} updated (${why}): ${keys.pinned} → ${digest}`
  }
}
