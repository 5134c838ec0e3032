import { readFile } from 'node:fs/promises'
import { type Baseline, parseBaseline } from './baseline.js'
import { errorMessage } from './errors.js'
import type { RunFacts } from './outputs.js'
import { type MissingPlatform, evaluatePolicy, isOk } from './policy.js'
import type { EffectiveRule, FailOn, Policy } from './policy/rule.js'
import { type ImageRecord, type Violation, emptyRecord, failRecord } from './record.js'
import { type ImageReference, parseReference } from './reference.js'
import { type ResolveOptions, resolveImage } from './resolve.js'
import { sanitizeRecord } from './sanitize.js'
import type { Settings } from './settings.js'
import { OciLayoutSource } from './sources/oci-layout.js'
import type { Source } from './sources/source.js'

/**
 * One run of the gate, shared by the action and the CLI: references → sources → records →
 * policy. No @actions/core here; the caller passes what to do with secrets.
 */

/** The run may take this many `timeout`s in all (300 s at the default 30 s). */
export const RUN_BUDGET_TIMEOUTS = 10

export interface RunResult {
  records: ImageRecord[]
  missing: MissingPlatform[]
  ok: boolean
  facts: RunFacts
  /** The `baseline` report, when one was given and could be read. */
  baseline?: Baseline
  /** Every policy violation, in record order (the `violations` output); `[]` without a policy. */
  violations: Violation[]
  /** Each record's `fail-on`, in record order: its policy rule's, else the input's. */
  failOn: FailOn[]
  /** The policy and each record's rule, in record order, when a policy was given. */
  policy?: { policy: Policy; rules: EffectiveRule[] }
  /**
   * Problems of the run rather than of one image (an unreadable baseline). Each fails the
   * step, after every image's result has been written.
   */
  problems: string[]
}

export interface RunHooks {
  /** Called with every secret before it could be printed (core.setSecret in the action). */
  onSecret?: (secret: string) => void
  env?: NodeJS.ProcessEnv
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

  // Parse everything first, so the first token request can carry every repository's scope.
  const parsed = settings.images.map(image => {
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
        deadline: started + settings.timeoutSeconds * 1000 * RUN_BUDGET_TIMEOUTS,
        onSecret: hooks.onSecret,
        scopes
      })
    : undefined
  const layouts = new Map<string, OciLayoutSource>()
  const sourceFor = async (ref: ImageReference): Promise<Source> => {
    if (ref.kind === 'registry') {
      if (!remote) throw new Error('a registry reference without its remote')
      return remote.sourceFor(ref.registry)
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

  const problems: string[] = []
  const baseline = settings.baseline
    ? await loadBaseline(settings.baseline).catch((e: unknown) => {
        problems.push(errorMessage(e))
        return undefined
      })
    : undefined

  try {
    const records = await Promise.all(
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
    let judged: RunResult['policy']
    let violations: Violation[] = []
    if (policy) {
      const { judgeRecords, matchRules } = await import('./policy/apply.js')
      const base = { platforms: [...settings.platforms], failOn: settings.failOn }
      judged = { policy, rules: matchRules(policy, base, records) }
      const rules = judged.rules
      const sourceOf = async (i: number) => {
        const ref = parsed[i].ref
        if (!ref) return undefined
        const source = await sourceFor(ref).catch(() => undefined)
        return source && { source, repository: ref.kind === 'registry' ? ref.repository : '' }
      }
      violations = await judgeRecords(records, rules, sourceOf, baseline)
    }
    const rules = judged?.rules
    const missing = evaluatePolicy(
      records,
      (_, i) => rules?.[i].platforms ?? [...settings.platforms]
    )
    return {
      records,
      missing,
      ok: isOk(records) && problems.length === 0,
      baseline,
      problems,
      violations,
      failOn: records.map((_, i) => rules?.[i]['fail-on'] ?? settings.failOn),
      policy: judged,
      facts: {
        requests: remote?.http.totalRequests ?? 0,
        tokenRequests: remote?.auth.tokenRequests ?? 0,
        rateLimitRemaining: remote?.rateLimits() ?? {},
        durationMs: Date.now() - started
      }
    }
  } finally {
    remote?.dispose()
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
