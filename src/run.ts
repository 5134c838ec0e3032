import { type MissingPlatform, evaluatePolicy, isOk } from './policy.js'
import { type ImageReference, parseReference } from './reference.js'
import { type ImageRecord, emptyRecord, failRecord, resolveImage } from './resolve.js'
import type { RunFacts } from './report.js'
import type { Settings } from './settings.js'
import { AliyunSource } from './sources/aliyun.js'
import { DockerDaemonSource, parseDockerHost } from './sources/docker-daemon.js'
import { OciLayoutSource } from './sources/oci-layout.js'
import { Authenticator } from './sources/registry/auth.js'
import { createCredentialLookup } from './sources/registry/credentials.js'
import { RegistryHttp } from './sources/registry/http.js'
import { RegistrySource, isLoopbackHost } from './sources/registry/registry-source.js'
import type { FetchedManifest, Source } from './sources/source.js'

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
  const http = new RegistryHttp({
    timeoutMs: settings.timeoutSeconds * 1000,
    concurrency: settings.concurrency,
    // The whole run's bound, whatever retries and queues add up to: the step always ends.
    deadline: started + settings.timeoutSeconds * 1000 * RUN_BUDGET_TIMEOUTS
  })
  const insecure = new Set(settings.insecureRegistries)
  const allowsPlainHttp = (host: string): boolean =>
    isLoopbackHost(host) || insecure.has(host.toLowerCase())
  if (settings.credential) hooks.onSecret?.(settings.credential.password)
  const githubToken = settings.githubToken ?? env.GITHUB_TOKEN
  if (githubToken) hooks.onSecret?.(githubToken)
  for (const secret of [settings.aliyun?.accessKeySecret, settings.aliyun?.securityToken]) {
    if (secret) hooks.onSecret?.(secret)
  }
  const lookup = createCredentialLookup({
    explicit: settings.credential,
    env,
    timeoutMs: settings.timeoutSeconds * 1000,
    ghcrToken: githubToken,
    onSecret: hooks.onSecret
  })
  const scopes = new Map<string, Set<string>>()
  const auth = new Authenticator(http, lookup, {
    allowsPlainHttp,
    onSecret: hooks.onSecret,
    scopeHints: registry => [...(scopes.get(registry) ?? [])]
  })
  const sources = new Map<string, Source>()
  const registries: RegistrySource[] = []
  const cache = new Map<string, Promise<FetchedManifest>>()

  const sourceFor = (ref: ImageReference): Source => {
    const key = ref.kind === 'registry' ? ref.registry : `oci-layout://${ref.path}`
    let source = sources.get(key)
    if (!source) {
      if (ref.kind === 'oci-layout') {
        source = new OciLayoutSource(ref.path)
      } else {
        const registry = new RegistrySource(ref.registry, http, auth, allowsPlainHttp(ref.registry))
        registries.push(registry)
        source = registry
      }
      sources.set(key, source)
    }
    return source
  }

  let docker: DockerDaemonSource | undefined
  const daemon = (): DockerDaemonSource => {
    docker ??= new DockerDaemonSource(
      parseDockerHost(env.DOCKER_HOST),
      lookup,
      settings.timeoutSeconds * 1000
    )
    return docker
  }

  // Parse everything first, so the first token request can carry every repository's scope.
  const parsed = settings.images.map(image => {
    try {
      return { image, ref: parseReference(image) }
    } catch (e) {
      return { image, error: e }
    }
  })
  for (const p of parsed) {
    if (p.ref?.kind !== 'registry') continue
    const set = scopes.get(p.ref.registry) ?? new Set<string>()
    set.add(`repository:${p.ref.repository}:pull`)
    scopes.set(p.ref.registry, set)
  }

  let aliyun: AliyunSource | undefined
  const aliyunApi = (): AliyunSource => {
    if (!settings.aliyun) throw new Error('source aliyun without its settings')
    aliyun ??= new AliyunSource({ ...settings.aliyun, timeoutMs: settings.timeoutSeconds * 1000 })
    return aliyun
  }

  const pending = new Map<string, Promise<ImageRecord>>()
  const resolveOnce = (ref: ImageReference): Promise<ImageRecord> => {
    const id = identityOf(ref)
    let shared = pending.get(id)
    if (!shared) {
      // Anything a source throws (a bad DOCKER_HOST, say) costs this image only.
      shared = (async () => {
        if (ref.kind === 'registry' && settings.source === 'docker') return daemon().resolve(ref)
        if (ref.kind === 'registry' && settings.source === 'aliyun') return aliyunApi().resolve(ref)
        return resolveImage(ref, sourceFor(ref), {
          verifyBlobs: settings.verifyBlobs,
          detail: settings.detail,
          cache
        })
      })().catch(e => failRecord(emptyRecord(ref.image), e, ref.image))
      pending.set(id, shared)
    }
    return shared
  }

  try {
    const records = await Promise.all(
      parsed.map(async ({ image, ref, error }) => {
        if (!ref) return failRecord(emptyRecord(image.trim()), error, image.trim())
        const record = await resolveOnce(ref)
        // The same resolution, reported under this spelling of the image.
        return {
          ...structuredClone(record),
          image: ref.image,
          error: record.error?.replace(record.image, ref.image) ?? null
        }
      })
    )
    const missing = evaluatePolicy(records, [...settings.platforms])
    const rateLimitRemaining: Record<string, string> = {}
    for (const r of registries)
      if (r.rateLimitRemaining) rateLimitRemaining[r.registry] = r.rateLimitRemaining
    return {
      records,
      missing,
      ok: isOk(records),
      facts: {
        requests: http.totalRequests + (docker?.requests ?? 0) + (aliyun?.requests ?? 0),
        tokenRequests: auth.tokenRequests,
        rateLimitRemaining,
        durationMs: Date.now() - started
      }
    }
  } finally {
    http.dispose()
  }
}
