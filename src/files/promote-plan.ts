import { formatName, parseReference } from '../model/reference.js'
import type { ImageRecord } from '../model/record.js'
import { referenceKeys } from './resolve-plan.js'
import { pinnedText, type Splice } from './rewrite.js'
import { splitDisplay, splitSplices } from './split-reference.js'
import type { FoundReference } from '../model/files.js'

/**
 * Promoting a release: with `images` naming new tags (`ghcr.io/acme/api:1.4.0`), `mode: pin`
 * rewrites every reference in `files` to the same repository to that tag and its digest,
 * whatever tag it named before (a Helm map gets `tag` and `digest`, a Kustomize entry `newTag`
 * and `digest`, a string `name:1.4.0@sha256:…`); `mode: verify` reports a reference to that
 * repository at another tag or digest as `drift`. Repositories not in `images` are pinned or
 * verified as before. Pure.
 */

/** One image of `images`: the repository it promotes, to which tag, as given. */
export interface Promotion {
  /** `registry/repository`, fully qualified. */
  name: string
  tag: string
  /** The image as given in `images`: the key of its record. */
  image: string
}

/** The promotions `images` asks for: each image with a tag, by repository. */
export function promotionsOf(images: readonly string[]): Map<string, Promotion> {
  const out = new Map<string, Promotion>()
  for (const given of images) {
    const image = given.trim()
    try {
      const parsed = parseReference(image)
      if (parsed.kind !== 'registry' || !parsed.tag) continue
      const name = formatName(parsed, false)
      if (!out.has(name)) out.set(name, { name, tag: parsed.tag, image })
    } catch {
      // An invalid image fails as an image of `images`; it promotes nothing.
    }
  }
  return out
}

/** The promotion of the reference's repository, if `images` names it. */
export function promotionOf(
  ref: FoundReference,
  promotions: ReadonlyMap<string, Promotion>
): Promotion | undefined {
  if (!promotions.size || ref.error) return undefined
  try {
    const parsed = parseReference(ref.image)
    return parsed.kind === 'registry' ? promotions.get(formatName(parsed, false)) : undefined
  } catch {
    return undefined
  }
}

/**
 * The references whose own tags a run resolves (`tags`, resolve-plan.ts phase 1) and whose
 * pins it may follow up (`followUp`, phase 2): a reference promoted (pin), or naming its
 * released repository at another tag (verify: drift), needs only the release's record, so
 * requests stay at one per distinct tag. Without promotions, every reference, as before.
 */
export function referencesToAsk(
  found: readonly FoundReference[],
  promotions: ReadonlyMap<string, Promotion>,
  mode: string
): { tags: FoundReference[]; followUp: FoundReference[] } {
  const tags = found.filter(ref => {
    const promotion = promotionOf(ref, promotions)
    return !promotion || (mode !== 'pin' && referenceKeys(ref)?.tag === promotion.tag)
  })
  return { tags, followUp: tags.filter(ref => !promotionOf(ref, promotions)) }
}

/**
 * The text a reference is rewritten to and the splices that write it: the digest (a pin), or
 * the tag and the digest (a promotion). For a string, the name as written is kept.
 */
export function rewriteOf(
  ref: FoundReference,
  digest: string,
  tag?: string
): { to: string; splices: Splice[] } {
  if (ref.split) {
    const name = ref.image.replace(/@.*$/, '').replace(/:[^:/]*$/, '')
    const keepTag = tag ?? referenceKeys(ref)?.tag
    const to = splitDisplay(name, keepTag, digest)
    return { to, splices: splitSplices(ref, ref.split, { digest, tag }) }
  }
  const to = tag ? pinnedText(`${nameOf(ref.text)}:${tag}`, digest) : pinnedText(ref.text, digest)
  return { to, splices: [{ start: ref.start, end: ref.end, replacement: to, expect: ref.text }] }
}

/** The name part of a reference as written: without its digest and tag. */
function nameOf(text: string): string {
  const at = text.indexOf('@')
  const name = at < 0 ? text : text.slice(0, at)
  const colon = name.lastIndexOf(':')
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name
}

/** What a verify run says of a reference to a promoted repository, when it drifts. */
export function driftMessage(
  ref: FoundReference,
  promotion: Promotion,
  record: ImageRecord | undefined
): string | undefined {
  const keys = referenceKeys(ref)
  if (!keys) return undefined
  const release = record?.digest ? `${promotion.image} (${record.digest})` : promotion.image
  if (keys.tag !== promotion.tag)
    return `'${ref.image}' drifts from the release: it names ${keys.tag ? `tag ${keys.tag}` : `digest ${keys.pinned ?? ''}`}, the release is ${release}`
  if (keys.pinned && record?.digest && keys.pinned !== record.digest)
    return `'${ref.image}' drifts from the release: it is pinned to ${keys.pinned}, the release is ${release}`
  return undefined
}
