import type { IncomingMessage } from 'node:http'
import { request as httpRequest } from 'node:http'
import { DigestGateError } from '../model/errors.js'
import { readCapped } from './body.js'
import {
  AttemptTimeout,
  FINAL_CODES,
  CONNECT_CODES,
  ProxyRefused,
  ProxyUnreachable,
  StaleConnection,
  TlsUnavailable,
  describeFailure,
  errorText
} from './failures.js'
import { headerValue, parseRetryAfter } from './headers.js'
import { refusePlainHttp } from './plain-http.js'
import { originOf } from './rules.js'
import { type Route, Routes, connectionOptions } from './routes.js'
import { ERROR_BODY_CAP } from '../model/limits.js'
import { Semaphore } from './semaphore.js'

import type { HttpOptions, HttpRequest, HttpResponse } from './types.js'

export type { HttpOptions, HttpRequest, HttpResponse } from './types.js'
export { headerValue, headerValues, parseRetryAfter } from './headers.js'
export { Semaphore } from './semaphore.js'

/**
 * The one HTTP layer every remote goes through: registries, token endpoints, CDNs, the Docker
 * Engine's socket and Alibaba Cloud's API. Per-attempt timeouts, retries with backoff and
 * Retry-After, a deadline for the whole run, body caps, redirects that never carry credentials
 * to another origin, a concurrency bound per origin, and request counting, written once.
 */

/** Statuses worth another try for idempotent reads (registry-notes §7). */
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504])
const REDIRECTS = new Set([301, 302, 303, 307, 308])
/** Where a request goes: the origin it counts against and how to open its connection. */
interface Target {
  origin: string
  /** The host as messages name it (`host:port`, or the socket's path). */
  label: string
}

function targetOf(req: { url: string; socketPath?: string }): Target {
  if (req.socketPath) return { origin: `unix:${req.socketPath}`, label: req.socketPath }
  return { origin: originOf(req.url), label: new URL(req.url).host }
}

export class HttpClient {
  /** Requests sent, redirects and retries each counted, by origin. */
  readonly counts = new Map<string, number>()
  /** TLS probes whose handshake failed, by origin: connections, not requests (see tlsProbe). */
  readonly failedTlsProbes = new Map<string, number>()
  private readonly limits = new Map<string, Semaphore>()
  private readonly sleep: (ms: number) => Promise<void>
  private readonly routes: Routes

  constructor(private readonly options: HttpOptions) {
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)))
    // The semaphore bounds requests in flight; the pool only needs room for attempts we gave
    // up on whose sockets have not closed yet.
    this.routes = new Routes({
      maxSockets: options.concurrency * 2,
      unverifiedTls: options.unverifiedTls,
      onSecret: options.onSecret
    })
  }

  get totalRequests(): number {
    let n = 0
    for (const c of this.counts.values()) n += c
    return n
  }

  /** Milliseconds one attempt may take. */
  get timeoutMs(): number {
    return this.options.timeoutMs
  }

  /** Requests sent to one origin (`scheme://host:port`, or `unix:PATH`). */
  requestsTo(origin: string): number {
    return this.counts.get(origin) ?? 0
  }

  /** Closes kept-alive sockets so the process can exit promptly. */
  dispose(): void {
    this.routes.dispose()
  }

  /**
   * Sends a request, following redirects if asked and retrying what is retryable. Answers
   * with any final status; throws DigestGateError for timeouts, network failures and caps.
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const attempts = this.options.attempts ?? 4
    const maxDelay = this.options.maxRetryDelayMs ?? 30_000
    for (let attempt = 1; ; attempt++) {
      this.checkDeadline(req)
      let response: HttpResponse | undefined
      let failure: DigestGateError | undefined
      try {
        response = await this.follow(req)
      } catch (e) {
        if (!(e instanceof DigestGateError) || (e.kind !== 'timeout' && e.kind !== 'network'))
          throw e
        if (e.code && FINAL_CODES.has(e.code)) throw e
        failure = e
      }
      // POST is not idempotent (the OAuth2 token grant); everything else here only reads.
      const retryable =
        failure !== undefined ||
        (req.retryStatuses !== false && RETRYABLE.has(response?.status ?? 0))
      if (!retryable || attempt >= attempts || req.method === 'POST') {
        if (failure) throw failure
        return response as HttpResponse
      }
      const retryAfter = parseRetryAfter(headerValue(response?.headers, 'retry-after'))
      // A registry asking for a longer pause than we will wait gets its answer back now,
      // rather than a job stalled on a hostile or careless header.
      if (retryAfter !== null && retryAfter > maxDelay && response) return response
      const backoff = Math.min(maxDelay, 500 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2)
      const delay = retryAfter ?? backoff
      if (this.options.deadline !== undefined && Date.now() + delay >= this.options.deadline) {
        if (failure) throw failure
        return response as HttpResponse
      }
      await this.sleep(delay)
    }
  }

  /** The run's overall bound: past it, nothing more is sent. */
  private checkDeadline(req: HttpRequest): void {
    if (this.options.deadline !== undefined && Date.now() >= this.options.deadline) {
      const { label } = targetOf(req)
      throw new DigestGateError(
        'timeout',
        `gave up on ${label}: the run's overall time limit was reached before ${req.method} ${new URL(req.url).pathname}`,
        { registry: label }
      )
    }
  }

  /** Milliseconds the next attempt may take: the per-request timeout, or less near the deadline. */
  private attemptBudget(): number {
    const { timeoutMs, deadline } = this.options
    return deadline === undefined
      ? timeoutMs
      : Math.max(1, Math.min(timeoutMs, deadline - Date.now()))
  }

  private async follow(req: HttpRequest): Promise<HttpResponse> {
    const maxRedirects = this.options.maxRedirects ?? 10
    const firstOrigin = targetOf(req).origin
    const hops: string[] = []
    let url = req.url
    for (let redirects = 0; ; redirects++) {
      const origin = targetOf({ url, socketPath: req.socketPath }).origin
      refusePlainHttp(req, url)
      hops.push(origin)
      const headers: Record<string, string> = { ...(req.headers ?? {}) }
      // Credentials belong to the origin they were issued for; a CDN or a different port
      // gets none (ggcr compares host:port too).
      if (req.authorization && origin === firstOrigin) headers.authorization = req.authorization
      // Only the first hop probes: a redirect's host says nothing about the registry's TLS.
      const tlsProbe = req.tlsProbe === true && redirects === 0
      const res = await this.attempt({ ...req, url, headers, tlsProbe })
      if (!req.followRedirects || !REDIRECTS.has(res.status)) return { ...res, url, hops }
      const location = headerValue(res.headers, 'location')
      if (!location) return { ...res, url, hops }
      if (redirects >= maxRedirects) {
        throw new DigestGateError(
          'network',
          `too many redirects (more than ${maxRedirects}) starting at ${req.url}`,
          { code: 'TOO_MANY_REDIRECTS' }
        )
      }
      const next = new URL(location, url)
      if (new URL(url).protocol === 'https:' && next.protocol !== 'https:') {
        throw new DigestGateError(
          'network',
          `refused a redirect from HTTPS to ${next.protocol}// (${next.host})`,
          { code: 'REDIRECT_REFUSED' }
        )
      }
      // A redirect leaves the socket: a Location names a host, never the daemon's socket.
      if (req.socketPath) return { ...res, url, hops }
      url = next.toString()
    }
  }

  private limiter(origin: string): Semaphore {
    let s = this.limits.get(origin)
    if (!s) {
      s = new Semaphore(Math.max(1, this.options.concurrency))
      this.limits.set(origin, s)
    }
    return s
  }

  private async attempt(
    req: HttpRequest & { headers: Record<string, string> }
  ): Promise<Omit<HttpResponse, 'url' | 'hops'>> {
    const { origin, label } = targetOf(req)
    return this.limiter(origin).run(async () => {
      // A request that waited in the queue past the run's deadline is not sent at all.
      this.checkDeadline(req)
      this.counts.set(origin, (this.counts.get(origin) ?? 0) + 1)
      const url = new URL(req.url)
      const route = await this.routes.route(url, req.socketPath)
      try {
        const res = await this.exchangeOnLiveSocket(req, url, route).catch((e: unknown) => {
          // A connection that could not be opened was one to the forward proxy.
          const code = (e as NodeJS.ErrnoException).code
          throw route.via && code && CONNECT_CODES.has(code)
            ? new ProxyUnreachable(route.via.url, e as Error)
            : e
        })
        // The proxy's own refusal, not the registry's answer.
        if (route.via && res.status === 407) throw new ProxyRefused(route.via.url, url.host, 407)
        return res
      } catch (e) {
        if (e instanceof TlsUnavailable) {
          // Nothing HTTP reached the peer: a connection, not a request.
          this.counts.set(origin, (this.counts.get(origin) ?? 1) - 1)
          this.failedTlsProbes.set(origin, (this.failedTlsProbes.get(origin) ?? 0) + 1)
          const cause = describeFailure(e.reason, req, label, this.options.timeoutMs)
          throw new DigestGateError(
            'network',
            `${label} did not complete a TLS handshake (${errorText(cause)})`,
            { registry: label, code: 'TLS_UNAVAILABLE' }
          )
        }
        throw describeFailure(e, req, label, this.options.timeoutMs)
      }
    })
  }

  /**
   * The exchange, sent again at once while the pooled connection it took turns out closed:
   * the same attempt, not a retry (at most once per socket the pool can hold).
   */
  private async exchangeOnLiveSocket(
    req: HttpRequest & { headers: Record<string, string> },
    url: URL,
    route: Route
  ): Promise<Omit<HttpResponse, 'url' | 'hops'>> {
    for (let stale = 0; ; stale++) {
      try {
        return await this.exchange(req, url, route, this.attemptBudget())
      } catch (e) {
        if (!(e instanceof StaleConnection)) throw e
        if (stale >= this.options.concurrency * 2) throw e.reason
      }
    }
  }

  /** Ours, the caller's, then the route's: Host and Proxy-Authorization for a forward proxy. */
  private headersFor(req: HttpRequest, route: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent ?? 'digest-gate',
      ...req.headers
    }
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body))
    if (req.socketPath) headers.host ??= 'docker'
    return Object.assign(headers, route)
  }

  /** One request and its answer, read within `budget` ms, headers and body together. */
  private exchange(
    req: HttpRequest & { headers: Record<string, string> },
    url: URL,
    route: Route,
    budget: number
  ): Promise<Omit<HttpResponse, 'url' | 'hops'>> {
    const options = connectionOptions(url, route, req.socketPath)
    const send =
      options.protocol === 'https:'
        ? (import('node:https').then(m => m.request) as Promise<typeof httpRequest>)
        : Promise.resolve(httpRequest)
    return send.then(
      request =>
        new Promise((resolve, reject) => {
          const headers = this.headersFor(req, options.headers)
          let response: IncomingMessage | undefined
          // A probe's failure before the handshake completes means "no TLS here".
          let secured = !req.tlsProbe
          // A proxy that wants credentials wants them for plain HTTP too: no fallback.
          const final = (e: Error): boolean =>
            secured || (e instanceof ProxyRefused && e.credentialsRefused)
          // A kept-alive socket its peer closed while it sat in the pool (tinyproxy closes each
          // one; servers close idle ones): nothing reached anyone, so another connection may.
          const stale = (e: Error): boolean =>
            r.reusedSocket &&
            response === undefined &&
            req.method !== 'POST' &&
            (e as NodeJS.ErrnoException).code === 'ECONNRESET'
          const fail = (e: Error): void =>
            reject(stale(e) ? new StaleConnection(e) : final(e) ? e : new TlsUnavailable(e))
          const timer = setTimeout(() => {
            const err = new AttemptTimeout()
            response?.destroy(err)
            r.destroy(err)
            fail(err)
          }, budget)
          const done = (fn: () => void): void => {
            clearTimeout(timer)
            fn()
          }
          const r = request(
            { ...options, method: req.method, headers, agent: route.agent },
            res => {
              response = res
              const status = res.statusCode ?? 0
              const finish = (body: Buffer): void =>
                done(() => resolve({ status, headers: res.headers, body }))
              if (req.method === 'HEAD') {
                // Drained, so the kept-alive connection goes back to the pool at once.
                res.resume()
                res.on('end', () => finish(Buffer.alloc(0)))
              } else if (req.discardBody && status < 300) {
                // A body we asked not to read (a whole blob where one byte was asked for).
                res.destroy()
                finish(Buffer.alloc(0))
              } else {
                // Error bodies only feed messages: read a little of them and drop the rest.
                readCapped(res, status >= 300 ? ERROR_BODY_CAP : req.maxBytes, status >= 300).then(
                  finish,
                  (e: Error) => done(() => fail(e))
                )
              }
              res.on('error', (e: Error) => done(() => fail(e)))
            }
          )
          if (!secured)
            r.once('socket', socket => {
              // A kept-alive socket has been through its handshake; a new one is still connecting.
              if (!socket.connecting) secured = true
              else socket.once('secureConnect', () => (secured = true))
            })
          r.on('error', (e: Error) => done(() => fail(e)))
          r.end(req.body)
        })
    )
  }
}
