import { readBaseline } from '../report/baseline.js'
import { Judge } from '../policy/judge.js'
import type { RunFacts, ShardFacts, WaitOutcome } from '../report/report-file.js'
import { type RunResult, runResult } from './run-result.js'
import { type RunHooks, Session, distinctImages } from './session.js'
import type { Settings } from './settings.js'
import { selectShard } from './shard.js'

/**
 * One run of the gate, shared by the action and the CLI: references → session → records →
 * judgement. No @actions/core here; the caller passes what to do with secrets.
 */

// The shell's view of a run, wherever its parts live.
export { type RunResult, failureOf } from './run-result.js'
export type { RunHooks } from './session.js'

export async function runGate(settings: Settings, hooks: RunHooks = {}): Promise<RunResult> {
  const started = Date.now()
  // A bad policy fails the step before any request; only runs with one load its parser.
  const judge = await Judge.load(settings)

  // A matrix job's slice of the images; the others are another job's.
  const slice = settings.shard ? selectShard(settings.images, settings.shard) : undefined
  const images = slice?.images ?? settings.images

  // Every image is named up front, so the first token request carries every repository.
  const session = new Session(settings, hooks, images)
  try {
    const { baseline, problems } = await readBaseline(settings)
    const wait = await waitIfAsked(settings, hooks, session, judge, images, started)
    const records = await session.resolve(images)
    const judgement = await judge.judge(records, {
      sourceOf: image => session.sourceOf(image),
      baseline
    })
    const facts: RunFacts = { ...session.facts(), durationMs: Date.now() - started }
    if (slice && settings.shard)
      facts.shard = shardFacts(settings.shard, slice, settings.images.length)
    if (wait) facts.wait = wait.outcome
    return runResult({
      records,
      judgement,
      facts,
      baseline,
      problems,
      warnings: wait?.warnings ?? []
    })
  } finally {
    session.dispose()
  }
}

/**
 * With `wait`, re-reads the images until each has what its rule requires or the wait runs out;
 * the records the run reports are read after it, through the same session.
 */
async function waitIfAsked(
  settings: Settings,
  hooks: RunHooks,
  session: Session,
  judge: Judge,
  images: readonly string[],
  started: number
): Promise<{ outcome: WaitOutcome; warnings: string[] } | undefined> {
  if (settings.waitSeconds <= 0) return undefined
  const waitFor = distinctImages(images)
  const { waitUntilComplete, waitTimeoutMessage } = await import('./wait.js')
  const waited = await waitUntilComplete(await session.resolve(waitFor), {
    seconds: settings.waitSeconds,
    deadline: started + settings.waitSeconds * 1000,
    required: record => judge.platformsFor(record),
    log: hooks.log,
    reresolve: positions => session.refresh(positions.map(i => waitFor[i]))
  })
  const outcome = waited.outcome
  return { outcome, warnings: outcome.timedOut ? [waitTimeoutMessage(outcome)] : [] }
}

function shardFacts(
  shard: { index: number; count: number },
  slice: { images: readonly string[]; positions: number[] },
  total: number
): ShardFacts {
  return {
    index: shard.index,
    count: shard.count,
    images: slice.images.length,
    total,
    positions: slice.positions
  }
}
