import type { Splice } from './rewrite.js'
import type { FoundReference } from '../model/files.js'

/** What pin does with one reference: the plan's unit (pin-plan.ts, promote-outcome.ts). */

export type PinStatus = 'pinned' | 'updated' | 'promoted' | 'unchanged' | 'skipped' | 'failed'

export interface PinOutcome {
  reference: FoundReference
  /**
   * `pinned`: a digest was added; `updated`: the tag moved and the digest is replaced;
   * `unchanged`: already pinned to what the tag points at, or no tag to follow; `skipped`: not
   * pinnable; `failed`: invalid or not resolved; `promoted`: moved to the tag `images` names
   * for its repository, and its digest (promote-plan.ts).
   */
  status: PinStatus
  /** The text as written, and what replaces it (pinned, updated). */
  from: string
  to?: string
  /** The digest the reference was pinned to, and the one it is pinned to now. */
  oldDigest?: string
  newDigest?: string
  /** One line naming the reference, for logs and annotations. */
  message: string
  /** The splices that write `to` (one span, or several values of a split reference). */
  splices?: Splice[]
}
