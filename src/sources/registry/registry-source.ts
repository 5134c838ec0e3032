import { apiHost } from '../../model/docker-hub.js'
import { DigestGateError, type ErrorKind } from '../../model/errors.js'
import {
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  headerValue,
  parseRetryAfter
} from '../../http/client.js'
import { originOf } from '../../http/rules.js'
import { ERROR_BODY_CAP, MANIFEST_CAP } from '../../model/limits.js'
import { MANIFEST_ACCEPT, MediaTypes } from '../../model/manifest.js'
import {
  type BlobLocation,
  FULL_ABILITIES,
  type FetchedManifest,
  type ReferrersAnswer,
  type Source
} from '../source.js'
import { type Authenticator, errorDetail } from './auth.js'

const STATUS_KINDS: Record<number, ErrorKind> = {
  401: 'unauthorized',
  403: 'denied',
  404: 'not-found',
  408: 'timeout',
  429: 'rate-limited',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable'
}

/** Pages of a paginated referrers answer read at most (each a `Link: rel="next"`). */
const REFERRERS_PAGES = 10

/** Only runs whose policy asks what is attached load the referrers reader. */
const referrersReader = () => import('./referrers.js')

/** The distribution API (distribution-spec spec.md) for one registry. */
export class RegistrySource implements Source {
  readonly label: string
  readonly kind = 'registry'
  readonly abilities = FULL_ABILITIES
  /**
   * How the registry answered its first request: HTTPS, or plain HTTP after HTTPS failed its
   * handshake. Unknown until then for hosts allowed plain HTTP (loopback, insecure-registries),
   * which are tried over HTTPS first, as Docker does; decided once per run.
   */
  private scheme?: 'https' | 'http'
  private readonly plainHttp: (host: string) => boolean
  /** Latest `ratelimit-remaining` the registry sent (Docker Hub), for the summary. */
  rateLimitRemaining?: string
  private firstContact?: Promise<unknown>
  /**
   * Whether the registry has the referrers API, learnt from the first referrers request; the
   * others wait for it, so a registry without one costs one 404, not one per manifest.
   */
  private referrersApi?: Promise<boolean>
  /** Which credentials a final 401 refused, for its message. */
  private refusedWith?: string

  constructor(
    readonly registry: string,
    private readonly http: HttpClient,
    private readonly auth: Authenticator,
    /** Whether a host may be spoken to over plain HTTP (a boolean: this registry's host only). */
    plainHttp: boolean | ((host: string) => boolean)
  ) {
    this.label = registry
    this.plainHttp =
      typeof plainHttp === 'function' ? plainHttp : host => plainHttp && host === apiHost(registry)
    if (!this.plainHttp(apiHost(registry))) this.scheme = 'https'
  }

  private get base(): string {
    return `${this.scheme ?? 'https'}://${apiHost(this.registry)}`
  }

  /**
   * Sends one request with the run's plain-HTTP rule for every hop. The first request to a
   * host allowed plain HTTP goes over HTTPS as a probe; if no TLS handshake completes, it and
   * every later request go over plain HTTP. The failed handshake is not counted as a request.
   */
  private async send(req: HttpRequest): Promise<HttpResponse> {
    const request = { ...req, plainHttp: this.plainHttp }
    if (this.scheme) return this.http.send(request)
    try {
      const res = await this.http.send({ ...request, tlsProbe: true })
      this.scheme = 'https'
      return res
    } catch (e) {
      if (!(e instanceof DigestGateError) || e.code !== 'TLS_UNAVAILABLE') throw e
      this.scheme = 'http'
      const url = new URL(req.url)
      url.protocol = 'http:'
      return this.http.send({ ...request, url: url.toString() })
    }
  }

  async fetchManifest(repository: string, reference: string): Promise<FetchedManifest> {
    const res = await this.get(repository, `/v2/${repository}/manifests/${reference}`, {
      method: 'GET',
      headers: { accept: MANIFEST_ACCEPT },
      maxBytes: MANIFEST_CAP,
      // registry.k8s.io answers every manifest request with a redirect to its upstream.
      followRedirects: true
    })
    if (res.status !== 200)
      throw this.failure(
        res,
        `manifest ${repository}${reference.includes(':') ? '@' : ':'}${reference}`
      )
    return {
      kind: 'manifest',
      body: res.body,
      contentType: headerValue(res.headers, 'content-type') ?? '',
      claimedDigest: headerValue(res.headers, 'docker-content-digest')
    }
  }

  async headManifest(
    repository: string,
    reference: string
  ): Promise<{ digest?: string; contentType: string }> {
    const res = await this.get(repository, `/v2/${repository}/manifests/${reference}`, {
      method: 'HEAD',
      headers: { accept: MANIFEST_ACCEPT },
      maxBytes: 0,
      followRedirects: true
    })
    if (res.status !== 200) {
      // A HEAD answer has no body; the same request as a GET says what the registry means.
      if (res.status !== 405) await this.fetchManifest(repository, reference)
      throw this.failure(
        res,
        `manifest ${repository}${reference.includes(':') ? '@' : ':'}${reference}`
      )
    }
    return {
      digest: headerValue(res.headers, 'docker-content-digest'),
      contentType: headerValue(res.headers, 'content-type') ?? ''
    }
  }

  async fetchBlob(repository: string, digest: string, maxBytes: number): Promise<Uint8Array> {
    const res = await this.get(repository, `/v2/${repository}/blobs/${digest}`, {
      method: 'GET',
      maxBytes,
      followRedirects: true
    })
    if (res.status !== 200) throw this.failure(res, `blob ${digest} in ${repository}`)
    return res.body
  }

  async locateBlob(repository: string, digest: string): Promise<BlobLocation> {
    let res = await this.get(repository, `/v2/${repository}/blobs/${digest}`, {
      method: 'HEAD',
      maxBytes: 0,
      followRedirects: true
    })
    // Some stores refuse HEAD on a presigned GET URL (S3 behind GHCR answers 403): ask for one
    // byte instead and read the total from Content-Range.
    if ((res.status === 403 || res.status === 405) && res.hops.length > 1) {
      res = await this.get(repository, `/v2/${repository}/blobs/${digest}`, {
        method: 'GET',
        headers: { range: 'bytes=0-0' },
        maxBytes: 1,
        followRedirects: true,
        discardBody: true
      })
      const total = /\/(\d+)\s*$/.exec(headerValue(res.headers, 'content-range') ?? '')
      if (res.status === 206 && total)
        return { size: Number(total[1]), servedBy: new URL(res.url).host }
      // A store that ignores Range answers 200 with the whole blob; its Content-Length is the size.
    }
    if (res.status !== 200) throw this.failure(res, `blob ${digest} in ${repository}`)
    const length = Number(headerValue(res.headers, 'content-length'))
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new DigestGateError(
        'registry-error',
        `${this.registry} gave no Content-Length for blob ${digest}`,
        {
          registry: this.registry
        }
      )
    }
    return { size: length, servedBy: new URL(res.url).host }
  }

  /**
   * The referrers API (`GET /v2/<name>/referrers/<digest>`); where the registry has none (404,
   * or an answer that is not an image index: distribution 2.8 answers a plain-text 404 for the
   * path) the tag schema's `sha256-<hex>` index; null when neither lists anything.
   */
  async fetchReferrers(repository: string, digest: string): Promise<ReferrersAnswer | null> {
    const known = this.referrersApi
    if (!known) {
      let settle!: (api: boolean) => void
      this.referrersApi = new Promise(resolve => (settle = resolve))
      let answer: ReferrersAnswer | undefined
      try {
        answer = await this.referrersFromApi(repository, digest)
      } catch (e) {
        // Still unknown after a failure: those waiting ask the API themselves, and so does the next.
        settle(true)
        this.referrersApi = undefined
        throw e
      }
      settle(answer !== undefined)
      return answer ?? this.referrersFromTag(repository, digest)
    }
    if (await known) {
      const answer = await this.referrersFromApi(repository, digest)
      if (answer) return answer
    }
    return this.referrersFromTag(repository, digest)
  }

  private async referrersFromApi(
    repository: string,
    digest: string
  ): Promise<ReferrersAnswer | undefined> {
    const { lacksReferrersApi, parseNextLink, parseReferrers, referrersPath } =
      await referrersReader()
    const answer: ReferrersAnswer = { referrers: [], notes: [], via: 'referrers' }
    const where = `referrers of ${this.registry}/${repository}@${digest}`
    let path = referrersPath(repository, digest)
    for (let page = 0; page < REFERRERS_PAGES; page++) {
      const res = await this.get(repository, path, {
        method: 'GET',
        headers: { accept: MediaTypes.ociIndex },
        maxBytes: MANIFEST_CAP
      })
      if (lacksReferrersApi(res.status)) return undefined
      if (res.status !== 200) throw this.failure(res, `referrers of ${repository}@${digest}`)
      let list
      try {
        list = parseReferrers(res.body, {
          where,
          contentType: headerValue(res.headers, 'content-type'),
          filtersApplied: headerValue(res.headers, 'oci-filters-applied')
        })
      } catch (e) {
        // Something else answers the path (an HTML page, a proxy's JSON): no referrers API.
        if (e instanceof DigestGateError && e.kind === 'invalid-manifest') return undefined
        throw e
      }
      answer.referrers.push(...list.referrers)
      answer.notes.push(...list.notes)
      const next = parseNextLink(headerValue(res.headers, 'link'))
      if (!next) return answer
      const url = new URL(next, `${this.base}${path}`)
      if (originOf(url.href) !== originOf(this.base)) {
        answer.notes.push(`${where}: the next page is on another host; not followed`)
        return answer
      }
      path = `${url.pathname}${url.search}`
    }
    answer.notes.push(`${where}: more than ${REFERRERS_PAGES} pages; the rest were not read`)
    return answer
  }

  private async referrersFromTag(
    repository: string,
    digest: string
  ): Promise<ReferrersAnswer | null> {
    const { parseReferrers, referrersTag } = await referrersReader()
    const tag = referrersTag(digest)
    let fetched: FetchedManifest
    try {
      fetched = await this.fetchManifest(repository, tag)
    } catch (e) {
      if (e instanceof DigestGateError && e.status === 404) return null
      throw e
    }
    const where = `referrers tag ${this.registry}/${repository}:${tag}`
    try {
      const list = parseReferrers(fetched.body, { where, contentType: fetched.contentType })
      return { ...list, via: 'referrers-tag' }
    } catch (e) {
      // spec.md "Listing Referrers": a tag that holds no image index lists no referrers.
      if (e instanceof DigestGateError && e.kind === 'invalid-manifest')
        return {
          referrers: [],
          notes: [`${e.message}; taken as no referrers`],
          via: 'referrers-tag'
        }
      throw e
    }
  }

  /**
   * One authorised request: a token up front when the registry's challenge is known, else
   * one anonymous try whose 401 names the challenge; one retry after a fresh token at most.
   * Until the registry has answered once, other requests wait for that answer rather than
   * each collecting the same 401 (no `/v2/` ping needed).
   */
  private async get(
    repository: string,
    path: string,
    req: Omit<HttpRequest, 'url'>
  ): Promise<HttpResponse> {
    if (!this.firstContact) {
      const first = this.authorisedSend(repository, path, req)
      this.firstContact = first.catch(() => undefined)
      return first
    }
    await this.firstContact
    return this.authorisedSend(repository, path, req)
  }

  private async authorisedSend(
    repository: string,
    path: string,
    req: Omit<HttpRequest, 'url'>
  ): Promise<HttpResponse> {
    const scope = `repository:${repository}:pull`
    let url = `${this.base}${path}`
    let authorization = await this.auth.preemptive(this.registry, scope)
    let res = await this.send({ ...req, url, authorization })
    // The first request settles the scheme; a fallback to plain HTTP changes the URL.
    url = `${this.base}${path}`
    if (res.status === 401 && originOf(res.url) === originOf(url)) {
      authorization = await this.auth.onUnauthorized(this.registry, scope, res, url, authorization)
      res = await this.send({ ...req, url, authorization })
      if (res.status === 401) this.refusedWith = this.auth.describe(this.registry)
    }
    if (res.status === 401 && originOf(res.url) !== originOf(url))
      res = await this.redirected(req, res)
    const remaining = headerValue(res.headers, 'ratelimit-remaining')
    if (remaining) this.rateLimitRemaining = remaining
    return res
  }

  /**
   * A redirect to another registry that asks for its own token (registry.k8s.io sends every
   * manifest request on to Artifact Registry): that host's challenge is answered for the
   * repository its URL names, with that host's credentials, and the request sent there again.
   */
  private async redirected(
    req: Omit<HttpRequest, 'url'>,
    res: HttpResponse
  ): Promise<HttpResponse> {
    const target = new URL(res.url)
    const repository = /^\/v2\/(.+)\/(?:manifests|blobs)\/[^/]+$/.exec(target.pathname)?.[1]
    if (!repository) return res
    const scope = `repository:${repository}:pull`
    const authorization = await this.auth.onUnauthorized(
      target.host,
      scope,
      res,
      res.url,
      undefined
    )
    const again = await this.send({ ...req, url: res.url, authorization })
    if (again.status === 401) this.refusedWith = this.auth.describe(target.host)
    return again
  }

  /** A typed error naming the registry, what we asked for, and what it answered. */
  private failure(res: HttpResponse, what: string): DigestGateError {
    let detail = errorDetail(res)
    // HEAD answers carry no body; the status alone must do.
    if (!detail && res.body.length && res.body.length <= ERROR_BODY_CAP) {
      detail = `: ${res.body.toString('utf8').slice(0, 200).trim()}`
    }
    const kind = STATUS_KINDS[res.status] ?? (res.status >= 500 ? 'unavailable' : 'registry-error')
    const code = /^: ([A-Z_]+)/.exec(detail)?.[1]
    const retryAfter = headerValue(res.headers, 'retry-after')
    const wait = res.status === 429 || res.status === 503 ? parseRetryAfter(retryAfter) : null
    if (wait !== null) detail += `; the registry asks to retry after ${Math.round(wait / 1000)} s`
    let refused = ''
    if (res.status === 401 && this.refusedWith) {
      refused =
        this.refusedWith === 'anonymous'
          ? ' (anonymous access was refused; no credentials are configured for this registry)'
          : ` (${this.refusedWith} were refused)`
    }
    return new DigestGateError(
      kind,
      `${this.registry} answered HTTP ${res.status} for ${what}${detail}${refused}`,
      {
        registry: this.registry,
        status: res.status,
        code: code ?? String(res.status),
        retryAfterMs: wait ?? undefined
      }
    )
  }
}
