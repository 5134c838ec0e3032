import { DigestGateError } from '../../model/errors.js'
import type { Credential } from './credential.js'
import { type HttpClient, type HttpResponse, headerValue, headerValues } from '../../http/client.js'
import { originOf } from '../../http/rules.js'
import { TOKEN_BODY_CAP } from '../../model/limits.js'
import { type Challenge, parseWwwAuthenticate } from './challenge.js'

export { type Challenge, parseWwwAuthenticate } from './challenge.js'

/**
 * Challenge-driven registry auth: the distribution token flow (distribution docs
 * spec/auth/token.md), its OAuth2 variant (spec/auth/oauth.md), and plain Basic.
 */

/** Refresh a little before expiry so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 5_000

interface CachedToken {
  authorization: string
  expiresAt: number
}

export interface AuthOptions {
  /** Whether plain http is acceptable for this host (loopback or insecure-registries). */
  allowsPlainHttp: (host: string) => boolean
  /** Called with every secret before it can appear anywhere (core.setSecret in the action). */
  onSecret?: (secret: string) => void
  /**
   * Every scope this run will need on a registry, so the first token request can carry them
   * all (distribution's token spec allows repeated `scope`) instead of one request each.
   */
  scopeHints?: (registry: string) => string[]
  /** Epoch ms now, for token expiry; injected by tests that move time on, else Date.now. */
  now?: () => number
}

/** Scopes per token request at most, to keep the URL well under proxies' limits. */
const MAX_SCOPES_PER_TOKEN = 25

/**
 * Keeps one authorization per registry and scope, answers challenges, and remembers each
 * registry's challenge so a new repository gets its token without a 401 round trip first.
 */
export class Authenticator {
  private readonly tokens = new Map<string, CachedToken>()
  private readonly pending = new Map<string, Promise<CachedToken>>()
  private readonly challenges = new Map<string, Challenge>()
  private readonly origins = new Map<string, string>()
  private readonly masked = new Set<string>()
  /** Token requests sent, for the benchmark and tests. */
  tokenRequests = 0

  constructor(
    private readonly http: HttpClient,
    private readonly lookup: (registry: string) => Promise<Credential | undefined>,
    private readonly options: AuthOptions
  ) {}

  /** Where the credential used for a registry came from, for error messages; never the secret. */
  describe(registry: string): string {
    const origin = this.origins.get(registry)
    return origin ? `credentials from ${origin}` : 'anonymous'
  }

  /** A cached, unexpired Authorization for this scope, if any; never makes a request. */
  cached(registry: string, scope: string): string | undefined {
    const t = this.tokens.get(`${registry} ${scope}`)
    return t && t.expiresAt > (this.options.now ?? Date.now)() ? t.authorization : undefined
  }

  /**
   * Authorization to send before the first request for a scope: the cached one, or one
   * fetched from a challenge this registry already gave for another scope.
   */
  async preemptive(registry: string, scope: string): Promise<string | undefined> {
    const cached = this.cached(registry, scope)
    if (cached) return cached
    const challenge = this.challenges.get(registry)
    return challenge ? this.authorize(registry, scope, challenge, true) : undefined
  }

  /**
   * Answers a 401. After an anonymous first try, any token for the scope will do (another
   * image may just have fetched one). After a refused token, only a fresh one for exactly this
   * scope; the caller retries once, and a second 401 is final.
   */
  async onUnauthorized(
    registry: string,
    scope: string,
    response: HttpResponse,
    requestUrl: string,
    sent: string | undefined
  ): Promise<string> {
    const challenges = parseWwwAuthenticate(headerValues(response.headers, 'www-authenticate'))
    const challenge =
      challenges.find(c => c.scheme === 'bearer') ?? challenges.find(c => c.scheme === 'basic')
    if (!challenge) {
      throw new DigestGateError(
        'unauthorized',
        `${registry} answered 401 without a Bearer or Basic challenge`,
        {
          registry,
          status: 401
        }
      )
    }
    if (challenge.scheme === 'bearer' && challenge.params.realm) {
      challenge.params.realm = new URL(challenge.params.realm, requestUrl).toString()
    }
    this.challenges.set(registry, challenge)
    const key = `${registry} ${scope}`
    if (sent !== undefined && this.tokens.get(key)?.authorization === sent) this.tokens.delete(key)
    return this.authorize(registry, scope, challenge, sent === undefined)
  }

  private authorize(
    registry: string,
    scope: string,
    challenge: Challenge,
    bundle: boolean
  ): Promise<string> {
    const key = `${registry} ${scope}`
    const cached = this.cached(registry, scope)
    if (cached) return Promise.resolve(cached)
    const inflight = this.pending.get(key)
    if (inflight) return inflight.then(t => t.authorization)
    // Bundle the scopes of other repositories of this run that have no token yet.
    const scopes = [scope]
    if (bundle && challenge.scheme === 'bearer') {
      for (const other of this.options.scopeHints?.(registry) ?? []) {
        if (scopes.length >= MAX_SCOPES_PER_TOKEN) break
        const k = `${registry} ${other}`
        if (other !== scope && !this.pending.has(k) && !this.cached(registry, other))
          scopes.push(other)
      }
    }
    const obtain = async (wanted: string[]): Promise<CachedToken> => {
      const credential = await this.lookup(registry)
      if (credential?.origin) this.origins.set(registry, credential.origin)
      return challenge.scheme === 'basic'
        ? this.basic(registry, credential)
        : this.fetchToken(registry, wanted, challenge, credential)
    }
    const bundled = obtain(scopes)
    for (const s of scopes) {
      const key = `${registry} ${s}`
      // A token endpoint may refuse a request as a whole for one repository it denies; then
      // each repository asks for itself, so one bad image costs no other its result.
      const work = scopes.length > 1 ? bundled.catch(() => obtain([s])) : bundled
      this.pending.set(key, work)
      work
        .then(token => this.tokens.set(key, token))
        .catch(() => undefined)
        .finally(() => {
          if (this.pending.get(key) === work) this.pending.delete(key)
        })
    }
    return (this.pending.get(key) ?? bundled).then(token => token.authorization)
  }

  private basic(registry: string, credential: Credential | undefined): CachedToken {
    if (!credential?.username || credential.password === undefined) {
      throw new DigestGateError(
        'unauthorized',
        `${registry} requires Basic credentials and none were found (set username/password, or log in with docker login)`,
        { registry, status: 401 }
      )
    }
    return {
      authorization: this.basicHeader(credential.username, credential.password),
      expiresAt: Infinity
    }
  }

  private async fetchToken(
    registry: string,
    scopes: string[],
    challenge: Challenge,
    credential: Credential | undefined
  ): Promise<CachedToken> {
    const realm = challenge.params.realm
    if (!realm)
      throw new DigestGateError(
        'unauthorized',
        `${registry} sent a Bearer challenge without a realm`,
        { registry }
      )
    const realmUrl = new URL(realm)
    const refusal = plainRealmRefusal(registry, realmUrl, this.options.allowsPlainHttp)
    if (refusal) throw new DigestGateError('unauthorized', refusal, { registry })
    if (credential?.registryToken) {
      return { authorization: `Bearer ${credential.registryToken}`, expiresAt: Infinity }
    }
    const service = challenge.params.service
    const started = (this.options.now ?? Date.now)()
    let response: HttpResponse
    if (credential?.identityToken) {
      response = await this.oauth2Refresh(realmUrl, service, scopes, {
        ...credential,
        identityToken: credential.identityToken
      })
    } else {
      const url = new URL(realmUrl)
      if (service) url.searchParams.set('service', service)
      for (const s of scopes) url.searchParams.append('scope', s)
      this.tokenRequests++
      response = await this.http.send({
        method: 'GET',
        url: url.toString(),
        maxBytes: TOKEN_BODY_CAP,
        plainHttp: this.options.allowsPlainHttp,
        authorization:
          credential?.username && credential.password !== undefined
            ? this.basicHeader(credential.username, credential.password)
            : undefined
      })
    }
    return this.tokenFromAnswer(registry, realmUrl, scopes, credential, response, started)
  }

  /**
   * The token in the endpoint's answer, every token in it masked, and when it expires by our
   * clock (`started`: when it was asked for).
   */
  private tokenFromAnswer(
    registry: string,
    realmUrl: URL,
    scopes: string[],
    credential: Credential | undefined,
    response: HttpResponse,
    started: number
  ): CachedToken {
    if (response.status !== 200) {
      const who = credential ? 'the credentials' : 'an anonymous token'
      throw new DigestGateError(
        response.status === 401 || response.status === 403 ? 'unauthorized' : 'registry-error',
        `token endpoint ${originOf(realmUrl.toString())} refused ${who} for ${scopes.join(' ')} with HTTP ${response.status}${errorDetail(response)}`,
        { registry, status: response.status }
      )
    }
    let body: Record<string, unknown>
    try {
      body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>
    } catch {
      throw new DigestGateError(
        'registry-error',
        `token endpoint for ${registry} answered with invalid JSON`,
        { registry }
      )
    }
    // Every token in the answer is masked, used or not (a refresh_token from the OAuth2 grant).
    for (const value of [body.token, body.access_token, body.refresh_token])
      if (typeof value === 'string' && value) this.mask(value)
    const token =
      typeof body.access_token === 'string' && body.access_token ? body.access_token : body.token
    if (typeof token !== 'string' || !token) {
      throw new DigestGateError(
        'registry-error',
        `token endpoint for ${registry} answered without a token`,
        { registry }
      )
    }
    const expiresIn =
      typeof body.expires_in === 'number' && body.expires_in >= 60 ? body.expires_in : 60
    const issuedAt = typeof body.issued_at === 'string' ? Date.parse(body.issued_at) : NaN
    // Our clock, not the server's, when they disagree wildly; a skewed issued_at must not
    // make every token look expired.
    const base =
      Number.isNaN(issuedAt) || Math.abs(issuedAt - started) > 300_000 ? started : issuedAt
    return {
      authorization: `Bearer ${token}`,
      expiresAt: base + expiresIn * 1000 - EXPIRY_MARGIN_MS
    }
  }

  /**
   * OAuth2 refresh-token grant (spec/auth/oauth.md). Registries without it answer 404; then
   * the token GET with Basic, as distribution's client falls back (ACR takes its zero-GUID
   * user with the refresh token as password there).
   */
  private async oauth2Refresh(
    realm: URL,
    service: string | undefined,
    scopes: string[],
    credential: Credential & { identityToken: string }
  ): Promise<HttpResponse> {
    const refreshToken = credential.identityToken
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      service: service ?? '',
      client_id: 'digest-gate',
      // The OAuth2 form takes one space-separated scope parameter (spec/auth/oauth.md).
      scope: scopes.join(' '),
      refresh_token: refreshToken
    })
    this.tokenRequests++
    const response = await this.http.send({
      method: 'POST',
      url: realm.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      maxBytes: TOKEN_BODY_CAP,
      plainHttp: this.options.allowsPlainHttp
    })
    if (response.status !== 404 && response.status !== 405) return response
    const url = new URL(realm)
    if (service) url.searchParams.set('service', service)
    for (const s of scopes) url.searchParams.append('scope', s)
    this.tokenRequests++
    return this.http.send({
      method: 'GET',
      url: url.toString(),
      maxBytes: TOKEN_BODY_CAP,
      plainHttp: this.options.allowsPlainHttp,
      authorization: this.basicHeader(credential.username ?? '<token>', refreshToken)
    })
  }

  /** `Basic base64(user:password)`; the encoded value is a secret of its own, masked first. */
  private basicHeader(username: string, password: string): string {
    const encoded = Buffer.from(`${username}:${password}`).toString('base64')
    this.mask(encoded)
    return `Basic ${encoded}`
  }

  /** Each secret handed to onSecret once, however often it is used. */
  private mask(secret: string): void {
    if (this.masked.has(secret)) return
    this.masked.add(secret)
    this.options.onSecret?.(secret)
  }
}

/**
 * Why a plain-HTTP token realm is refused, or undefined when it may be used. Each host is
 * judged on its own: the realm's host must itself be allowed plain HTTP (loopback or
 * insecure-registries), and so must the registry, so a registry reached under the HTTPS rule
 * never downgrades its credentials to a plain realm.
 */
export function plainRealmRefusal(
  registry: string,
  realm: URL,
  allowsPlainHttp: (host: string) => boolean
): string | undefined {
  if (realm.protocol === 'https:') return undefined
  if (!allowsPlainHttp(registry))
    return `${registry} named a plain-http token realm (${realm.origin}); refusing to send credentials or trust tokens over http`
  if (!allowsPlainHttp(realm.host))
    return `${registry} named a plain-http token realm on another host (${realm.origin}); refusing to send credentials or trust tokens over http to a host that is neither loopback nor in insecure-registries`
  return undefined
}

/** `: CODE message` from a distribution error body, when it has one. */
export function errorDetail(response: HttpResponse): string {
  const type = headerValue(response.headers, 'content-type') ?? ''
  if (!response.body.length || !/json/.test(type)) return ''
  try {
    const json = JSON.parse(response.body.toString('utf8')) as {
      errors?: { code?: unknown; message?: unknown }[]
      error?: unknown
      details?: unknown
      message?: unknown
    }
    const first = json.errors?.[0]
    if (first)
      return `: ${[first.code, first.message].filter(v => typeof v === 'string' && v).join(' ')}`
    const msg = json.error ?? json.details ?? json.message
    return typeof msg === 'string' ? `: ${msg.slice(0, 300)}` : ''
  } catch {
    return ''
  }
}
