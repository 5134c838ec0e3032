import { errorMessage } from '../model/errors.js'
import type { ImageRecord } from '../model/record.js'
import type { PinOutcome } from './pin-outcome.js'
import { type Promotion, rewriteOf } from './promote-plan.js'
import { referenceKeys } from './resolve-plan.js'
import type { FoundReference } from '../model/files.js'

/**
 * The pin outcome of a reference whose repository `images` promotes: rewritten to the release's
 * tag and the digest that tag points at (the record of the image as given in `images`), from
 * whatever it named before; `old → new` in the message. Pure.
 */
export function planPromotion(
  ref: FoundReference,
  promotion: Promotion,
  byImage: ReadonlyMap<string, ImageRecord>
): PinOutcome {
  const base = { reference: ref, from: ref.text }
  const name = `'${ref.image}' (${ref.where})`
  if (!ref.pinnable) {
    const why = ref.reason ?? ''
    return {
      ...base,
      status: 'skipped',
      message: `${name} is not promoted to ${promotion.image}: ${why}`
    }
  }
  const record = byImage.get(promotion.image)
  const digest = record && !record.error ? record.digest : null
  if (!digest) {
    const why = record?.error ?? `${promotion.image} was not resolved`
    return { ...base, status: 'failed', message: `${name} cannot be promoted: ${why}` }
  }
  const keys = referenceKeys(ref)
  let rewrite
  try {
    rewrite = rewriteOf(ref, digest, promotion.tag)
  } catch (e) {
    return { ...base, status: 'failed', message: `${name} cannot be promoted: ${errorMessage(e)}` }
  }
  const { to, splices } = rewrite
  const oldDigest = keys?.pinned
  if (!splices.length || to === ref.text) {
    const message = `${name} is already at the release, ${promotion.image} (${digest})`
    return { ...base, status: 'unchanged', oldDigest, newDigest: digest, message }
  }
  const message = `${name} promoted to ${promotion.image}: ${ref.text} → ${to}`
  return { ...base, status: 'promoted', to, splices, oldDigest, newDigest: digest, message }
}
