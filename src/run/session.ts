import type { BlobStore } from '../cache/blob-store.js'
import { type ImageRecord, emptyRecord, failRecord } from '../model/record.js'
import { type ImageReference, parseReference } from '../model/reference.js'
import type { Remote } from './remote.js'
import type { RunFacts } from '../report/report-file.js'
import { type ResolveOptions, keepContentAddressed, resolveImage } from '../resolve/resolve.js'
import { sanitizeRecord } from '../model/sanitize.js'
import type { Settings } from './settings.js'
import { OciLayoutSource } from '../sources/oci-layout.js'
import type { Source } from '../sources/source.js'

/**
 * One resolution context for a run: the sources, the HTTP client, the token cache, the warm
 * cache and the manifest memo, shared by every list of images resolved through it, so images
 * given and images found in files (src/files/run-files.ts) cost one token and one request per
 * manifest. No @actions/core here; the caller passes what to do with secrets.
 */

export interface RunHooks {
  /** Called with every secret before it could be printed (core.setSecret in the action). */
  onSecret?: (secret: string) => void
  env?: NodeJS.ProcessEnv
  /** Progress worth a line in the log (what `wait` is waiting for); core.info in the action. */
  log?: (line: string) => void
}

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

/** Identical references (after Docker Hub defaults) are resolved once and shared. */
function identityOf(ref: ImageReference): string {
  const where =
    ref.kind === 'registry' ? `${ref.registry}/${ref.repository}` : `oci-layout://${ref.path}`
  return `${where}@${ref.digest ?? `:${ref.tag ?? 'latest'}`}${ref.digest && ref.tag ? `:${ref.tag}` : ''}`
}

/**
 * Each distinct image once, under its first spelling (so a `wait` round re-reads it once);
 * images that are not references are left out.
 */
export function distinctImages(images: readonly string[]): string[] {
  const distinct = new Map<string, string>()
  for (const { image, ref } of images.map(parse))
    if (ref && !distinct.has(identityOf(ref))) distinct.set(identityOf(ref), image)
  return [...distinct.values()]
}

export class Session {
  private readonly started = Date.now()
  private readonly env: NodeJS.ProcessEnv
  /** Read when a token is asked for, so every repository known by then is in its scope. */
  private readonly scopes = new Map<string, Set<string>>()
  private remote?: Promise<Remote>
  private loaded?: Remote
  private opening?: Promise<BlobStore | undefined>
  private store?: BlobStore
  private readonly cached = new Map<Source, Promise<Source>>()
  private readonly layouts = new Map<string, OciLayoutSource>()
  private readonly pending = new Map<string, Promise<ImageRecord>>()
  private readonly options: ResolveOptions

  /**
   * `images` are every image the run will resolve, as far as known now: their repositories go
   * into the first token request's scopes. Later calls may resolve others; their scopes join
   * before their first request. Secrets are handed to `hooks.onSecret` first.
   */
  constructor(
    private readonly settings: Settings,
    private readonly hooks: RunHooks = {},
    images: readonly string[] = settings.images
  ) {
    this.env = hooks.env ?? process.env
    this.announceSecrets()
    for (const image of images) this.addScope(parse(image).ref)
    this.options = { verifyBlobs: settings.verifyBlobs, detail: settings.detail, cache: new Map() }
  }

  /**
   * Resolves each image string to its record (sanitised, `image` as given, trimmed), in order;
   * identical references, here or in an earlier call, are resolved once. Policy is not applied.
   * Never throws: a bad reference or source is that image's error.
   */
  resolve(images: readonly string[]): Promise<ImageRecord[]> {
    const parsed = images.map(parse)
    for (const p of parsed) this.addScope(p.ref)
    return Promise.all(
      parsed.map(async ({ image, ref, error }) => {
        if (!ref) return failRecord(emptyRecord(image.trim()), error, image.trim())
        const record = await this.resolveOnce(ref)
        // The same resolution, reported under this spelling of the image.
        return sanitizeRecord({
          ...structuredClone(record),
          image: ref.image,
          error: record.error?.replace(record.image, ref.image) ?? null
        })
      })
    )
  }

  /**
   * Reads these images again, as `resolve` does, for a `wait` round: their tags may have
   * moved, so not from the memo; what is named by digest still is.
   */
  async refresh(images: readonly string[]): Promise<ImageRecord[]> {
    this.options.cache = await keepContentAddressed(this.options.cache)
    for (const { ref } of images.map(parse)) if (ref) this.pending.delete(identityOf(ref))
    return this.resolve(images)
  }

  /** The source an image is read from, for the policy's further reads; undefined if none. */
  async sourceOf(image: string): Promise<{ source: Source; repository: string } | undefined> {
    const { ref } = parse(image)
    if (!ref) return undefined
    const source = await this.sourceFor(ref).catch(() => undefined)
    return source && { source, repository: ref.kind === 'registry' ? ref.repository : '' }
  }

  /** Requests, tokens and cache use so far, and the time since the session opened. */
  facts(): RunFacts {
    const facts: RunFacts = {
      requests: this.loaded?.http.totalRequests ?? 0,
      tokenRequests: this.loaded?.auth.tokenRequests ?? 0,
      rateLimitRemaining: this.loaded?.rateLimits() ?? {},
      durationMs: Date.now() - this.started
    }
    if (this.store)
      facts.cache = { dir: this.settings.cache ?? this.store.root, ...this.store.stats }
    return facts
  }

  /** Closes idle connections; call once, when every resolve has settled. */
  dispose(): void {
    this.loaded?.dispose()
  }

  private announceSecrets(): void {
    const { settings, hooks } = this
    const githubToken = settings.githubToken ?? this.env.GITHUB_TOKEN
    const secrets = [
      settings.credential?.password,
      githubToken,
      settings.aliyun?.accessKeySecret,
      settings.aliyun?.securityToken
    ]
    for (const secret of secrets) if (secret) hooks.onSecret?.(secret)
  }

  private addScope(ref: ImageReference | undefined): void {
    if (ref?.kind !== 'registry') return
    const set = this.scopes.get(ref.registry) ?? new Set<string>()
    set.add(`repository:${ref.repository}:pull`)
    this.scopes.set(ref.registry, set)
  }

  /** A run that names no remote image loads no HTTP, credential or token code at all. */
  private remoteFor(): Promise<Remote> {
    return (this.remote ??= import('./remote.js').then(({ Remote }) => {
      this.loaded = new Remote({
        settings: this.settings,
        env: this.env,
        deadline: runDeadline(this.settings, this.started),
        onSecret: this.hooks.onSecret,
        scopes: this.scopes
      })
      return this.loaded
    }))
  }

  /** Only a run with `cache` loads the cache. */
  private storeFor(): Promise<BlobStore | undefined> {
    const dir = this.settings.cache
    return (this.opening ??= dir
      ? import('../cache/blob-store.js').then(m => (this.store = new m.BlobStore(dir)))
      : Promise.resolve(undefined))
  }

  /**
   * Only sources that serve exact bytes are worth caching: a layout is local already, and the
   * other sources serve no exact bytes.
   */
  private async withCache(source: Source): Promise<Source> {
    const blobs = source.abilities.exactBytes ? await this.storeFor() : undefined
    if (!blobs) return source
    let wrapped = this.cached.get(source)
    if (!wrapped) {
      wrapped = import('../sources/cached-source.js').then(m => new m.CachedSource(source, blobs))
      this.cached.set(source, wrapped)
    }
    return wrapped
  }

  private async sourceFor(ref: ImageReference): Promise<Source> {
    if (ref.kind === 'registry')
      return this.withCache(await (await this.remoteFor()).sourceFor(ref.registry))
    let layout = this.layouts.get(ref.path)
    if (!layout) {
      layout = new OciLayoutSource(ref.path)
      this.layouts.set(ref.path, layout)
    }
    return layout
  }

  private resolveOnce(ref: ImageReference): Promise<ImageRecord> {
    const id = identityOf(ref)
    let shared = this.pending.get(id)
    if (!shared) {
      // Anything a source throws (a bad DOCKER_HOST, say) costs this image only.
      shared = this.sourceFor(ref)
        .then(source => resolveImage(ref, source, this.options))
        .catch(e => failRecord(emptyRecord(ref.image), e, ref.image))
      this.pending.set(id, shared)
    }
    return shared
  }
}
