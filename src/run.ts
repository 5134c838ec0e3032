import { readFile } from 'node:fs/promises'
import { type Baseline, parseBaseline } from './baseline.js'
import { errorMessage } from './errors.js'
import type { RunFacts } from './outputs.js'
import { type MissingPlatform, evaluatePolicy, isOk } from './policy.js'
import type { EffectiveRule, FailOn, Policy } from './policy/rule.js'
import { type ImageRecord, type Violation, emptyRecord, failRecord } from './record.js'
import { type ImageReference, parseReference } from './reference.js'
import { type ResolveOptions, keepContentAddressed, resolveImage } from './resolve.js'
import { sanitizeRecord } from './sanitize.js'
import type { Settings } from './settings.js'
import { selectShard } from './shard.js'
import { OciLayoutSource } from './sources/oci-layout.js'
import type { Source } from './sources/source.js'
import type { WaitOutcome } from './wait.js'

/**
 * One run of the gate, shared by the action and the CLI: references → sources → records →
 * policy. No @actions/core here; the caller passes what to do with secrets.
 */

/** Without `wait`, the run may take this many `timeout`s in all (300 s at the default 30 s). */
export const RUN_BUDGET_TIMEOUTS = 10
/**
 * With `wait`, a round of re-reading may start just before the wait runs out, and it needs
 * time of its own: a tag, then its children, then a config, one after another, each allowed a
 * `timeout`. So the run's overall bound is at least `wait` plus that many timeouts, and a late
 * round is never cut short by the bound the wait itself set.
 */
export const WAIT_TAIL_TIMEOUTS = 3

/** Epoch ms past which the run sends nothing more. */
export function runDeadline(settings: Settings, started: number): number {
  const timeout = settings.timeoutSeconds * 1000
  return (
    started +
    Math.max(
      RUN_BUDGET_TIMEOUTS * timeout,
      settings.waitSeconds * 1000 + WAIT_TAIL_TIMEOUTS * timeout
    )
  )
}

export interface RunResult {
  records: ImageRecord[]
  missing: MissingPlatform[]
  ok: boolean
  facts: RunFacts
  /** The `baseline` report, when one was given and could be read. */
  baseline?: Baseline
  /**
   * Problems of the run rather than of one image (an unreadable baseline). Each fails the
   * step, after every image's result has been written.
   */
  problems: string[]
  /**
   * Worth saying about the run as a whole that fails nothing by itself (a `wait` that ran out:
   * the images it names fail or warn on their own).
   */
  warnings: string[]
  /** Every policy violation, in record order (the `violations` output); `[]` without a policy. */
  violations: Violation[]
  /** Each record's `fail-on`, in record order: its policy rule's, else the input's. */
  failOn: FailOn[]
  /** The policy and each record's rule, in record order, when a policy was given. */
  policy?: { policy: Policy; rules: EffectiveRule[] }
}

export interface RunHooks {
  /** Called with every secret before it could be printed (core.setSecret in the action). */
  onSecret?: (secret: string) => void
  env?: NodeJS.ProcessEnv
  /** Progress worth a line in the log (what `wait` is waiting for); core.info in the action. */
  log?: (line: string) => void
}

/** Identical references (after Docker Hub defaults) are resolved once and shared. */
function identityOf(ref: ImageReference): string {
  const where =
    ref.kind === 'registry' ? `${ref.registry}/${ref.repository}` : `oci-layout://${ref.path}`
  return `${where}@${ref.digest ?? `:${ref.tag ?? 'latest'}`}${ref.digest && ref.tag ? `:${ref.tag}` : ''}`
}

export async function runGate(settings: Settings, hooks: RunHooks = {}): Promise<RunResult> {
  const started = Date.now()
  const env = hooks.env ?? process.env
  if (settings.credential) hooks.onSecret?.(settings.credential.password)
  const githubToken = settings.githubToken ?? env.GITHUB_TOKEN
  if (githubToken) hooks.onSecret?.(githubToken)
  for (const secret of [settings.aliyun?.accessKeySecret, settings.aliyun?.securityToken]) {
    if (secret) hooks.onSecret?.(secret)
  }

  // A bad policy fails the step before any request; only runs with one load its parser.
  const policy = settings.policy
    ? await (
        await import('./policy/file.js')
      ).loadPolicy(settings.policy, { baseline: !!settings.baseline, detail: settings.detail })
    : undefined
  const ruleFor = policy
    ? (await import('./policy/match.js')).compileRules(policy, {
        platforms: [...settings.platforms],
        failOn: settings.failOn
      })
    : undefined

  // A matrix job's slice of the images; the others are another job's.
  const slice = settings.shard ? selectShard(settings.images, settings.shard) : undefined
  const images = slice?.images ?? settings.images

  // Parse everything first, so the first token request can carry every repository's scope.
  const parsed = images.map(image => {
    try {
      return { image, ref: parseReference(image) }
    } catch (e) {
      return { image, error: e }
    }
  })
  const scopes = new Map<string, Set<string>>()
  for (const p of parsed) {
    if (p.ref?.kind !== 'registry') continue
    const set = scopes.get(p.ref.registry) ?? new Set<string>()
    set.add(`repository:${p.ref.repository}:pull`)
    scopes.set(p.ref.registry, set)
  }

  // A run that names no remote image loads no HTTP, credential or token code at all.
  const remote = scopes.size
    ? new (await import('./remote.js')).Remote({
        settings,
        env,
        deadline: runDeadline(settings, started),
        onSecret: hooks.onSecret,
        scopes
      })
    : undefined
  // Only a run with `cache` loads the cache; only registry sources are worth caching (a
  // layout is local already, and the other sources serve no exact bytes).
  const store = settings.cache
    ? new (await import('./cache/blob-store.js')).BlobStore(settings.cache)
    : undefined
  const cached = new Map<Source, Promise<Source>>()
  const withCache = (source: Source): Promise<Source> => {
    if (!store || !source.abilities.exactBytes) return Promise.resolve(source)
    let wrapped = cached.get(source)
    if (!wrapped) {
      wrapped = import('./sources/cached-source.js').then(m => new m.CachedSource(source, store))
      cached.set(source, wrapped)
    }
    return wrapped
  }
  const layouts = new Map<string, OciLayoutSource>()
  const sourceFor = async (ref: ImageReference): Promise<Source> => {
    if (ref.kind === 'registry') {
      if (!remote) throw new Error('a registry reference without its remote')
      return withCache(await remote.sourceFor(ref.registry))
    }
    let layout = layouts.get(ref.path)
    if (!layout) {
      layout = new OciLayoutSource(ref.path)
      layouts.set(ref.path, layout)
    }
    return layout
  }

  const options: ResolveOptions = {
    verifyBlobs: settings.verifyBlobs,
    detail: settings.detail,
    cache: new Map()
  }
  // Anything a source throws (a bad DOCKER_HOST, say) costs this image only.
  const resolveWith = (ref: ImageReference, using: ResolveOptions): Promise<ImageRecord> =>
    sourceFor(ref)
      .then(source => resolveImage(ref, source, using))
      .catch(e => failRecord(emptyRecord(ref.image), e, ref.image))

  const problems: string[] = []
  const warnings: string[] = []
  const baseline = settings.baseline
    ? await loadBaseline(settings.baseline).catch((e: unknown) => {
        problems.push(errorMessage(e))
        return undefined
      })
    : undefined

  try {
    // Each distinct image once, under its first spelling.
    const distinct = new Map<string, ImageReference>()
    for (const { ref } of parsed)
      if (ref && !distinct.has(identityOf(ref))) distinct.set(identityOf(ref), ref)
    const refs = [...distinct.values()]
    let resolved = await Promise.all(refs.map(ref => resolveWith(ref, options)))
    let wait: WaitOutcome | undefined
    if (settings.waitSeconds > 0) {
      const { waitUntilComplete, waitTimeoutMessage } = await import('./wait.js')
      const waited = await waitUntilComplete(resolved, {
        seconds: settings.waitSeconds,
        deadline: started + settings.waitSeconds * 1000,
        required: ruleFor
          ? record => ruleFor(record).platforms ?? settings.platforms
          : settings.platforms,
        log: hooks.log,
        // The tag has moved, so not from the run's memo; children by digest still are.
        reresolve: async positions => {
          const fresh = { ...options, cache: await keepContentAddressed(options.cache) }
          options.cache = fresh.cache
          return Promise.all(positions.map(i => resolveWith(refs[i], fresh)))
        }
      })
      resolved = waited.records
      wait = waited.outcome
      if (wait.timedOut) warnings.push(waitTimeoutMessage(wait))
    }
    const byIdentity = new Map(refs.map((ref, i) => [identityOf(ref), resolved[i]]))
    const records = parsed.map(({ image, ref, error }) => {
      if (!ref) return failRecord(emptyRecord(image.trim()), error, image.trim())
      const record = byIdentity.get(identityOf(ref)) as ImageRecord
      // The same resolution, reported under this spelling of the image.
      return sanitizeRecord({
        ...structuredClone(record),
        image: ref.image,
        error: record.error?.replace(record.image, ref.image) ?? null
      })
    })
    let judged: RunResult['policy']
    let violations: Violation[] = []
    if (policy) {
      const { judgeRecords, matchRules } = await import('./policy/apply.js')
      const base = { platforms: [...settings.platforms], failOn: settings.failOn }
      judged = { policy, rules: matchRules(policy, base, records) }
      const sourceOf = async (i: number) => {
        const ref = parsed[i].ref
        if (!ref) return undefined
        const source = await sourceFor(ref).catch(() => undefined)
        return source && { source, repository: ref.kind === 'registry' ? ref.repository : '' }
      }
      violations = await judgeRecords(records, judged.rules, sourceOf, baseline)
    }
    const rules = judged?.rules
    const missing = evaluatePolicy(
      records,
      (_, i) => rules?.[i].platforms ?? [...settings.platforms]
    )
    const facts: RunFacts = {
      requests: remote?.http.totalRequests ?? 0,
      tokenRequests: remote?.auth.tokenRequests ?? 0,
      rateLimitRemaining: remote?.rateLimits() ?? {},
      durationMs: Date.now() - started
    }
    if (slice && settings.shard)
      facts.shard = {
        index: settings.shard.index,
        count: settings.shard.count,
        images: slice.images.length,
        total: settings.images.length,
        positions: slice.positions
      }
    if (wait) facts.wait = wait
    if (store) facts.cache = { dir: settings.cache ?? store.root, ...store.stats }
    return {
      records,
      missing,
      ok: isOk(records) && problems.length === 0,
      baseline,
      problems,
      warnings,
      violations,
      failOn: records.map((_, i) => rules?.[i]['fail-on'] ?? settings.failOn),
      policy: judged,
      facts
    }
  } finally {
    remote?.dispose()
  }
}

/** The `baseline` input's report file; a message naming the input and the file if unusable. */
export async function loadBaseline(path: string): Promise<Baseline> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    throw new Error(
      `Input 'baseline': cannot read '${path}' (${(e as NodeJS.ErrnoException).code ?? errorMessage(e)}); expected the path of a report file from an earlier run`
    )
  }
  return parseBaseline(text, `'${path}' (input 'baseline')`)
}
