import { readFile } from 'node:fs/promises'
import { type Baseline, parseBaseline } from './baseline.js'
import { errorMessage } from './errors.js'
import type { RunFacts } from './outputs.js'
import { type MissingPlatform, evaluatePolicy, gateFailure, isOk } from './policy.js'
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
import type { Remote } from './remote.js'
import type { FilesOutcome } from './files/types.js'

/**
 * One run of the gate, shared by the action and the CLI: references → sources → records →
 * policy. No @actions/core here; the caller passes what to do with secrets.
 */

/** Without `wait`, the run may take this many `timeout`s in all (300 s at the default 30 s). */
const RUN_BUDGET_TIMEOUTS = 10
/**
 * With `wait`, a round of re-reading may start just before the wait runs out, and it needs
 * time of its own: a tag, then its children, then a config, one after another, each allowed a
 * `timeout`. So the run's overall bound is at least `wait` plus that many timeouts, and a late
 * round is never cut short by the bound the wait itself set.
 */
const WAIT_TAIL_TIMEOUTS = 3

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
  /**
   * With `files`: the records of `images` alone (`records` holds those and the references'),
   * which the image-level rules (an image that cannot be resolved fails the step) apply to.
   */
  imageRecords?: ImageRecord[]
  /** With `files`: what was found in them, and done (src/files/run-files.ts). */
  files?: FilesOutcome
}

/**
 * Why the step fails, or undefined when it passes (contract.md, "Failing"): a run problem; an
 * image that cannot be resolved; with `files`, whatever the files part says fails it; missing
 * platforms and violations, each record judged by its own `fail-on`. One message for the
 * action's `setFailed` and the CLI's exit status.
 */
export function failureOf(result: RunResult): string | undefined {
  if (result.problems.length) return result.problems.join('\n')
  const images = result.imageRecords ?? result.records
  const failed = images.filter(r => r.error).length
  const reasons: string[] = []
  if (failed)
    reasons.push(
      `${failed} of ${images.length} image${images.length === 1 ? '' : 's'} could not be resolved`
    )
  reasons.push(...(result.files?.failures ?? []))
  const gate = failed ? undefined : gateFailure(result.records, result.failOn)
  if (gate) reasons.push(gate)
  return reasons.length ? reasons.join('\n') : undefined
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

/**
 * One resolution context for a run: the sources, the HTTP client, the token cache, the warm
 * cache and the manifest memo, shared by every list of images resolved through it, so images
 * given and images found in files (src/files/run-files.ts) cost one token and one request per
 * manifest.
 */
export interface GateSession {
  /**
   * Resolves each image string to its record (sanitised, `image` as given, trimmed), in order;
   * identical references, here or in an earlier call, are resolved once. Policy is not applied.
   * Never throws: a bad reference or source is that image's error.
   */
  resolve(images: readonly string[]): Promise<ImageRecord[]>
  /**
   * Reads these images again, as `resolve` does, for a `wait` round: their tags may have
   * moved, so not from the memo; what is named by digest still is.
   */
  refresh(images: readonly string[]): Promise<ImageRecord[]>
  /** The source an image is read from, for the policy's further reads; undefined if none. */
  sourceOf(image: string): Promise<{ source: Source; repository: string } | undefined>
  /** Requests, tokens and cache use so far, and the time since the session opened. */
  facts(): RunFacts
  /** Closes idle connections; call once, when every resolve has settled. */
  dispose(): void
}

/**
 * Opens a session. `images` are every image the run will resolve, as far as known now: their
 * repositories go into the first token request's scopes. Later calls may resolve others; their
 * scopes join before their first request. Secrets are handed to `hooks.onSecret` first.
 */
export function openSession(
  settings: Settings,
  hooks: RunHooks = {},
  images: readonly string[] = settings.images
): GateSession {
  const started = Date.now()
  const env = hooks.env ?? process.env
  if (settings.credential) hooks.onSecret?.(settings.credential.password)
  const githubToken = settings.githubToken ?? env.GITHUB_TOKEN
  if (githubToken) hooks.onSecret?.(githubToken)
  for (const secret of [settings.aliyun?.accessKeySecret, settings.aliyun?.securityToken]) {
    if (secret) hooks.onSecret?.(secret)
  }

  // The scopes are read when a token is asked for, so every repository known by then is in it.
  const scopes = new Map<string, Set<string>>()
  const addScope = (ref: ImageReference | undefined): void => {
    if (ref?.kind !== 'registry') return
    const set = scopes.get(ref.registry) ?? new Set<string>()
    set.add(`repository:${ref.repository}:pull`)
    scopes.set(ref.registry, set)
  }
  for (const image of images) addScope(parse(image).ref)

  // A run that names no remote image loads no HTTP, credential or token code at all.
  let remote: Promise<Remote> | undefined
  let loaded: Remote | undefined
  const remoteFor = (): Promise<Remote> =>
    (remote ??= import('./remote.js').then(({ Remote }) => {
      loaded = new Remote({
        settings,
        env,
        deadline: runDeadline(settings, started),
        onSecret: hooks.onSecret,
        scopes
      })
      return loaded
    }))
  // Only a run with `cache` loads the cache; only registry sources are worth caching (a
  // layout is local already, and the other sources serve no exact bytes).
  let store: import('./cache/blob-store.js').BlobStore | undefined
  let opening: Promise<typeof store> | undefined
  const storeFor = (): Promise<typeof store> =>
    (opening ??= settings.cache
      ? import('./cache/blob-store.js').then(m => (store = new m.BlobStore(settings.cache ?? '')))
      : Promise.resolve(undefined))
  const cached = new Map<Source, Promise<Source>>()
  const withCache = async (source: Source): Promise<Source> => {
    const blobs = source.abilities.exactBytes ? await storeFor() : undefined
    if (!blobs) return source
    let wrapped = cached.get(source)
    if (!wrapped) {
      wrapped = import('./sources/cached-source.js').then(m => new m.CachedSource(source, blobs))
      cached.set(source, wrapped)
    }
    return wrapped
  }
  const layouts = new Map<string, OciLayoutSource>()
  const sourceFor = async (ref: ImageReference): Promise<Source> => {
    if (ref.kind === 'registry') return withCache(await (await remoteFor()).sourceFor(ref.registry))
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
  const pending = new Map<string, Promise<ImageRecord>>()
  const resolveOnce = (ref: ImageReference): Promise<ImageRecord> => {
    const id = identityOf(ref)
    let shared = pending.get(id)
    if (!shared) {
      // Anything a source throws (a bad DOCKER_HOST, say) costs this image only.
      shared = sourceFor(ref)
        .then(source => resolveImage(ref, source, options))
        .catch(e => failRecord(emptyRecord(ref.image), e, ref.image))
      pending.set(id, shared)
    }
    return shared
  }
  const resolve = (list: readonly string[]): Promise<ImageRecord[]> => {
    const parsed = list.map(parse)
    for (const p of parsed) addScope(p.ref)
    return Promise.all(
      parsed.map(async ({ image, ref, error }) => {
        if (!ref) return failRecord(emptyRecord(image.trim()), error, image.trim())
        const record = await resolveOnce(ref)
        // The same resolution, reported under this spelling of the image.
        return sanitizeRecord({
          ...structuredClone(record),
          image: ref.image,
          error: record.error?.replace(record.image, ref.image) ?? null
        })
      })
    )
  }

  return {
    resolve,
    async refresh(list) {
      options.cache = await keepContentAddressed(options.cache)
      for (const { ref } of list.map(parse)) if (ref) pending.delete(identityOf(ref))
      return resolve(list)
    },
    async sourceOf(image) {
      const { ref } = parse(image)
      if (!ref) return undefined
      const source = await sourceFor(ref).catch(() => undefined)
      return source && { source, repository: ref.kind === 'registry' ? ref.repository : '' }
    },
    facts: () => {
      const facts: RunFacts = {
        requests: loaded?.http.totalRequests ?? 0,
        tokenRequests: loaded?.auth.tokenRequests ?? 0,
        rateLimitRemaining: loaded?.rateLimits() ?? {},
        durationMs: Date.now() - started
      }
      if (store) facts.cache = { dir: settings.cache ?? store.root, ...store.stats }
      return facts
    },
    dispose: () => loaded?.dispose()
  }
}

interface Parsed {
  image: string
  ref?: ImageReference
  error?: unknown
}

function parse(image: string): Parsed {
  try {
    return { image, ref: parseReference(image) }
  } catch (e) {
    return { image, error: e }
  }
}

export async function runGate(settings: Settings, hooks: RunHooks = {}): Promise<RunResult> {
  const started = Date.now()
  // A bad policy fails the step before any request; only runs with one load its parser.
  const policy = await loadRunPolicy(settings)

  // A matrix job's slice of the images; the others are another job's.
  const slice = settings.shard ? selectShard(settings.images, settings.shard) : undefined
  const images = slice?.images ?? settings.images

  // Every image is named up front, so the first token request carries every repository.
  const session = openSession(settings, hooks, images)
  try {
    const { baseline, problems } = await readBaseline(settings)
    const warnings: string[] = []
    let wait: WaitOutcome | undefined
    if (settings.waitSeconds > 0) {
      // Each distinct image once, under its first spelling, so a round re-reads it once.
      const distinct = new Map<string, string>()
      for (const { image, ref } of images.map(parse))
        if (ref && !distinct.has(identityOf(ref))) distinct.set(identityOf(ref), image)
      const waitFor = [...distinct.values()]
      const { waitUntilComplete, waitTimeoutMessage } = await import('./wait.js')
      const ruleFor = policy?.ruleFor
      const waited = await waitUntilComplete(await session.resolve(waitFor), {
        seconds: settings.waitSeconds,
        deadline: started + settings.waitSeconds * 1000,
        required: ruleFor
          ? record => ruleFor(record).platforms ?? settings.platforms
          : settings.platforms,
        log: hooks.log,
        reresolve: positions => session.refresh(positions.map(i => waitFor[i]))
      })
      wait = waited.outcome
      if (wait.timedOut) warnings.push(waitTimeoutMessage(wait))
    }
    const records = await session.resolve(images)
    const judged = await judgeRun(policy, records, session, baseline)
    const rules = judged.policy?.rules
    const missing = evaluatePolicy(
      records,
      (_, i) => rules?.[i].platforms ?? [...settings.platforms]
    )
    const facts: RunFacts = { ...session.facts(), durationMs: Date.now() - started }
    if (slice && settings.shard)
      facts.shard = {
        index: settings.shard.index,
        count: settings.shard.count,
        images: slice.images.length,
        total: settings.images.length,
        positions: slice.positions
      }
    if (wait) facts.wait = wait
    return {
      records,
      missing,
      ok: isOk(records) && problems.length === 0,
      baseline,
      problems,
      warnings,
      violations: judged.violations,
      failOn: records.map((_, i) => rules?.[i]['fail-on'] ?? settings.failOn),
      policy: judged.policy,
      facts
    }
  } finally {
    session.dispose()
  }
}

/** A policy file as a run uses it: the file, and its rules compiled once for every lookup. */
export interface RunPolicy {
  policy: Policy
  /** The rule an image gets: its first matching `images` entry over `default` and the inputs. */
  ruleFor: (record: Pick<ImageRecord, 'image' | 'ref'>) => EffectiveRule
}

/** The policy file, read and compiled, when `policy` is given; a bad one throws, naming it. */
export async function loadRunPolicy(settings: Settings): Promise<RunPolicy | undefined> {
  if (!settings.policy) return undefined
  const policy = await (
    await import('./policy/file.js')
  ).loadPolicy(settings.policy, { baseline: !!settings.baseline, detail: settings.detail })
  const ruleFor = (await import('./policy/match.js')).compileRules(policy, {
    platforms: [...settings.platforms],
    failOn: settings.failOn
  })
  return { policy, ruleFor }
}

/**
 * Each record's policy rule, and its violations (sizes, layers, attestations, consistency),
 * read through the session's sources only where a rule needs more than the record holds.
 */
export async function judgeRun(
  policy: RunPolicy | undefined,
  records: ImageRecord[],
  session: Pick<GateSession, 'sourceOf'>,
  baseline: Baseline | undefined
): Promise<{ policy?: RunResult['policy']; violations: Violation[] }> {
  if (!policy) return { violations: [] }
  const { judgeRecords } = await import('./policy/apply.js')
  const rules = records.map(r => policy.ruleFor(r))
  const violations = await judgeRecords(
    records,
    rules,
    i => session.sourceOf(records[i].image),
    baseline
  )
  return { policy: { policy: policy.policy, rules }, violations }
}

/** The `baseline` report when one is given; an unreadable one is a run problem, not a throw. */
export async function readBaseline(
  settings: Settings
): Promise<{ baseline?: Baseline; problems: string[] }> {
  if (!settings.baseline) return { problems: [] }
  try {
    return { baseline: await loadBaseline(settings.baseline), problems: [] }
  } catch (e) {
    return { problems: [errorMessage(e)] }
  }
}

/** The `baseline` input's report file; a message naming the input and the file if unusable. */
async function loadBaseline(path: string): Promise<Baseline> {
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
