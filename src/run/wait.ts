import type { Platform } from '../model/platform.js'
import { missingPlatforms } from '../policy/platforms.js'
import type { ImageRecord } from '../model/record.js'
import type { Gap, WaitOutcome } from '../report/report-file.js'

/**
 * The `wait` input: a matrix build pushes one platform per job and a last job assembles the
 * index, so a gate between them finds images that are not there yet, or lack a platform. Here
 * the run re-reads only those images, with exponential backoff and full jitter, until each is
 * complete or the budget is spent. Pure: time, randomness, sleeping and resolving are handed in.
 */

export interface WaitOptions {
  /** The `wait` input, seconds (for the outcome and messages). */
  seconds: number
  /** Epoch ms: no sleep ends past it, and no round starts after it. */
  deadline: number
  /**
   * The platforms each image must have: one list for all, or each image's own (the run passes
   * its judge's platformsFor, so a policy rule's platforms are waited for).
   */
  required: readonly Platform[] | ((record: ImageRecord) => readonly Platform[])
  /** Re-reads the images at these positions afresh (the tag may have moved), in that order. */
  reresolve: (positions: number[]) => Promise<ImageRecord[]>
  /** A progress line per round (the action prints it, the CLI writes it to stderr). */
  log?: (line: string) => void
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  /** [0, 1), for the jitter. */
  random?: () => number
}

/** The first round's ceiling; each round doubles it up to WAIT_CAP_MS. */
const WAIT_BASE_MS = 2000
export const WAIT_CAP_MS = 30_000
/** However the jitter falls, never knock again sooner than this. */
export const WAIT_MIN_MS = 1000

/** What keeps an image from being complete, if anything; other errors are final, not waited on. */
export function gapOf(record: ImageRecord, required: readonly Platform[]): Gap | undefined {
  if (record.error) {
    const kind = record.errorDetail?.kind
    if (kind === 'not-found') return { image: record.image, reason: 'not-found', platforms: [] }
    if (kind === 'rate-limited')
      return {
        image: record.image,
        reason: 'rate-limited',
        platforms: [],
        retryAfterMs: record.errorDetail?.retryAfterMs
      }
    return undefined
  }
  const platforms = missingPlatforms(record, [...required])
  return platforms.length ? { image: record.image, reason: 'missing', platforms } : undefined
}

/**
 * Full jitter (a uniform draw below an exponentially growing ceiling: 2 s, 4 s, 8 s … 30 s),
 * so that many jobs waiting on one registry do not knock in step; never under WAIT_MIN_MS.
 */
export function backoffDelay(round: number, random: () => number): number {
  const ceiling = Math.min(WAIT_CAP_MS, WAIT_BASE_MS * 2 ** round)
  return Math.max(WAIT_MIN_MS, Math.floor(random() * ceiling))
}

function describeGap(gap: Gap): string {
  if (gap.reason === 'missing') return `${gap.image} lacks ${gap.platforms.join(', ')}`
  if (gap.reason === 'not-found') return `${gap.image} is not there yet`
  return `${gap.image} is rate-limited${gap.retryAfterMs ? ` (the registry asks for ${seconds(gap.retryAfterMs)})` : ''}`
}

function seconds(ms: number): string {
  return ms < 10_000 && ms % 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`
}

/** `a lacks linux/arm64; b is not there yet; and 3 more`: a log line stays a line. */
function listGaps(gaps: Gap[], shown: number): string {
  const head = gaps.slice(0, shown).map(describeGap).join('; ')
  return gaps.length > shown ? `${head}; and ${gaps.length - shown} more` : head
}

/**
 * Re-reads incomplete images until none is left or `deadline` passes. Each round sleeps the
 * backoff, or what a rate-limiting registry asked for if that is longer (and gives up rather
 * than knock early when that would pass the deadline), and then re-reads only the images still
 * incomplete. Answers the records as last resolved and what became of the wait.
 */
export async function waitUntilComplete(
  initial: ImageRecord[],
  options: WaitOptions
): Promise<{ records: ImageRecord[]; outcome: WaitOutcome }> {
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const sleep = options.sleep ?? (ms => new Promise<void>(resolve => setTimeout(resolve, ms)))
  const records = [...initial]
  let rounds = 0
  let waitedMs = 0
  const gaps = (): { at: number; gap: Gap }[] =>
    records.flatMap((r, at) => {
      const gap = gapOf(
        r,
        typeof options.required === 'function' ? options.required(r) : options.required
      )
      return gap ? [{ at, gap }] : []
    })
  for (;;) {
    const open = gaps()
    const outcome = { seconds: options.seconds, rounds, waitedMs }
    if (open.length === 0) return { records, outcome: { ...outcome, timedOut: false, pending: [] } }
    const left = options.deadline - now()
    const asked = Math.max(0, ...open.map(o => o.gap.retryAfterMs ?? 0))
    // A registry that asked for more than the budget leaves gets no early knock.
    if (left <= 0 || asked > left) {
      return { records, outcome: { ...outcome, timedOut: true, pending: open.map(o => o.gap) } }
    }
    const delay = Math.min(left, Math.max(asked, backoffDelay(rounds, random)))
    const complete = records.length - open.length
    options.log?.(
      `waiting ${seconds(delay)}: ${listGaps(
        open.map(o => o.gap),
        3
      )} (${complete} of ${records.length} image${records.length === 1 ? '' : 's'} complete)`
    )
    await sleep(delay)
    waitedMs += delay
    rounds++
    const positions = open.map(o => o.at)
    const fresh = await options.reresolve(positions)
    positions.forEach((at, i) => (records[at] = fresh[i]))
  }
}

/** The run-level message for a wait that ran out: each image and what never arrived. */
export function waitTimeoutMessage(outcome: WaitOutcome, shown = 50): string {
  const what = outcome.pending.map(gap => {
    if (gap.reason === 'missing') return `${gap.image} never got ${gap.platforms.join(', ')}`
    if (gap.reason === 'not-found') return `${gap.image} never appeared`
    return `${gap.image} stayed rate-limited`
  })
  const listed =
    what.length > shown
      ? `${what.slice(0, shown).join('; ')}; and ${what.length - shown} more (all in the report file's run.wait.pending)`
      : what.join('; ')
  return `Waited ${seconds(outcome.waitedMs)} of the ${outcome.seconds} s 'wait' allows (${outcome.rounds} round${outcome.rounds === 1 ? '' : 's'} of re-reading): ${listed}.`
}
