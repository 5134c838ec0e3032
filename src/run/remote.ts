import { DigestGateError } from '../model/errors.js'
import type { Settings } from './settings.js'
import { HttpClient } from '../http/client.js'
import { isLoopbackHost } from '../http/rules.js'
import { Authenticator } from '../sources/registry/auth.js'
import { createCredentialLookup } from '../sources/registry/credentials.js'
import { RegistrySource } from '../sources/registry/registry-source.js'
import type { Source } from '../sources/source.js'

/**
 * Everything a run needs to reach remotes: the one HTTP client, credentials, tokens, and the
 * sources behind them, one per registry. Loaded only by runs that name a remote image; the
 * Docker Engine and Alibaba Cloud sources load only when `source` asks for them.
 */

export interface RemoteOptions {
  settings: Settings
  env: NodeJS.ProcessEnv
  /** Epoch ms past which nothing more is sent. */
  deadline: number
  onSecret?: (secret: string) => void
  /** Scopes each registry will be asked for in this run, so one token can carry them all. */
  scopes: Map<string, Set<string>>
}

export class Remote {
  readonly http: HttpClient
  readonly auth: Authenticator
  private readonly registries = new Map<string, RegistrySource>()
  private readonly others = new Map<string, Promise<Source>>()
  private readonly lookup: ReturnType<typeof createCredentialLookup>
  private engine?: Promise<import('../sources/docker-engine.js').DockerEngine>

  constructor(private readonly options: RemoteOptions) {
    const { settings, env } = options
    this.http = new HttpClient({
      timeoutMs: settings.timeoutSeconds * 1000,
      concurrency: settings.concurrency,
      deadline: options.deadline,
      // Hosts allowed plain HTTP gain nothing from a verified certificate (a downgrade is open
      // to whoever could forge one), and self-signed ones are what they mostly serve (Docker).
      unverifiedTls: host => this.allowsPlainHttp(host),
      onSecret: options.onSecret
    })
    this.lookup = createCredentialLookup({
      explicit: settings.credential,
      env,
      timeoutMs: settings.timeoutSeconds * 1000,
      ghcrToken: settings.githubToken ?? env.GITHUB_TOKEN,
      onSecret: options.onSecret
    })
    this.auth = new Authenticator(this.http, this.lookup, {
      allowsPlainHttp: host => this.allowsPlainHttp(host),
      onSecret: options.onSecret,
      scopeHints: registry => [...(options.scopes.get(registry) ?? [])]
    })
  }

  allowsPlainHttp(host: string): boolean {
    return (
      isLoopbackHost(host) || this.options.settings.insecureRegistries.includes(host.toLowerCase())
    )
  }

  /** The source that answers for `registry` under the run's `source` setting. */
  sourceFor(registry: string): Promise<Source> {
    const kind = this.options.settings.source
    if (kind === 'registry') return Promise.resolve(this.registry(registry))
    const key = `${kind} ${registry}`
    let source = this.others.get(key)
    if (!source) {
      source = kind === 'docker' ? this.dockerSource(registry) : this.aliyunSource(registry)
      this.others.set(key, source)
    }
    return source
  }

  registry(registry: string): RegistrySource {
    let source = this.registries.get(registry)
    if (!source) {
      source = new RegistrySource(registry, this.http, this.auth, host =>
        this.allowsPlainHttp(host)
      )
      this.registries.set(registry, source)
    }
    return source
  }

  /** The latest `ratelimit-remaining` each registry sent. */
  rateLimits(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const r of this.registries.values())
      if (r.rateLimitRemaining) out[r.registry] = r.rateLimitRemaining
    return out
  }

  dispose(): void {
    this.http.dispose()
  }

  private async dockerSource(registry: string): Promise<Source> {
    const { DockerEngine, DockerEngineSource, parseDockerHost } =
      await import('../sources/docker-engine.js')
    this.engine ??= Promise.resolve().then(
      () =>
        new DockerEngine(
          parseDockerHost(this.options.env.DOCKER_HOST),
          this.http,
          this.lookup,
          this.options.onSecret
        )
    )
    return new DockerEngineSource(registry, await this.engine)
  }

  private async aliyunSource(registry: string): Promise<Source> {
    const { settings } = this.options
    if (!settings.aliyun)
      throw new DigestGateError(
        'invalid-input',
        "Input 'source': 'aliyun' was given without its Alibaba Cloud settings; expected aliyun-region and the aliyun-access-key-* inputs"
      )
    const { AliyunSource } = await import('../sources/aliyun/api-source.js')
    return new AliyunSource(settings.aliyun, this.http, registry)
  }
}
