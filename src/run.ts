import { readFile } from 'node:fs/promises'
import { type Baseline, parseBaseline } from './baseline.js'
import { errorMessage } from './errors.js'
import type { RunFacts } from './outputs.js'
import { type MissingPlatform, evaluatePolicy, isOk } from './policy.js'
import { type ImageRecord, emptyRecord, failRecord } from './record.js'
import { type ImageReference, parseReference } from './reference.js'
import { type ResolveOptions, resolveImage } from './resolve.js'
import { sanitizeRecord } from './sanitize.js'
import type { Settings } from './settings.js'
import { OciLayoutSource } from './sources/oci-layout.js'
import type { Source } from './sources/source.js'
import type { Remote } from './remote.js'
import type { FilesOutcome } from './files/types.js'

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
  /**
   * Problems of the run rather than of one image (an unreadable baseline). Each fails the
   * step, after every image's result has been written.
   */
  problems: string[]
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
 * image that cannot be resolved; with `files`, whatever the files part says fails it; a
 * required platform missing when `fail-on-missing` is set. One message for the action's
 * `setFailed` and the CLI's exit status.
 */
export function failureOf(result: RunResult, settings: Settings): string | undefined {
  if (result.problems.length) return result.problems.join('\n')
  const images = result.imageRecords ?? result.records
  const failed = images.filter(r => r.error).length
  const reasons: string[] = []
  if (failed)
    reasons.push(
      `${failed} of ${images.length} image${images.length === 1 ? '' : 's'} could not be resolved`
    )
  reasons.push(...(result.files?.failures ?? []))
  if (!failed && settings.failOnMissing && result.missing.length) {
    reasons.push(
      `${result.missing.length} required platform${result.missing.length === 1 ? ' is' : 's are'} missing`
    )
  }
  return reasons.length ? reasons.join('\n') : undefined
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

/**
 * One resolution context for a run: the sources, the HTTP client, the token cache and the
 * manifest cache, shared by every list of images resolved through it, so images given and
 * images found in files (src/files/run-files.ts) cost one token and one request per manifest.
 */
export interface GateSession {
  /**
   * Resolves each image string to its record (sanitised, `image` as given, trimmed), in order;
   * identical references, here or in an earlier call, are resolved once. Policy is not applied.
   * Never throws: a bad reference or source is that image's error.
   */
  resolve(images: readonly string[]): Promise<ImageRecord[]>
  /** Requests and tokens so far, and the time since the session opened. */
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
  const parse = (image: string): Parsed => {
    try {
      return { image, ref: parseReference(image) }
    } catch (e) {
      return { image, error: e }
    }
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
        deadline: started + settings.timeoutSeconds * 1000 * RUN_BUDGET_TIMEOUTS,
        onSecret: hooks.onSecret,
        scopes
      })
      return loaded
    }))
  const layouts = new Map<string, OciLayoutSource>()
  const sourceFor = async (ref: ImageReference): Promise<Source> => {
    if (ref.kind === 'registry') return (await remoteFor()).sourceFor(ref.registry)
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

  return {
    async resolve(list) {
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
    },
    facts: () => ({
      requests: loaded?.http.totalRequests ?? 0,
      tokenRequests: loaded?.auth.tokenRequests ?? 0,
      rateLimitRemaining: loaded?.rateLimits() ?? {},
      durationMs: Date.now() - started
    }),
    dispose: () => loaded?.dispose()
  }
}

interface Parsed {
  image: string
  ref?: ImageReference
  error?: unknown
}

export async function runGate(settings: Settings, hooks: RunHooks = {}): Promise<RunResult> {
  const session = openSession(settings, hooks)
  try {
    const { baseline, problems } = await readBaseline(settings)
    const records = await session.resolve(settings.images)
    const missing = evaluatePolicy(records, [...settings.platforms])
    return {
      records,
      missing,
      ok: isOk(records) && problems.length === 0,
      baseline,
      problems,
      facts: session.facts()
    }
  } finally {
    session.dispose()
  }
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
