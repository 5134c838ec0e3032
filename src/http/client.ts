import { Agent as HttpAgent, type IncomingMessage, type RequestOptions } from 'node:http'
import { request as httpRequest } from 'node:http'
import type { Agent as HttpsAgent } from 'node:https'
import { DigestGateError } from '../model/errors.js'
import { readCapped } from './body.js'
import {
  AttemptTimeout,
  FINAL_CODES,
  ProxyRefused,
  TlsUnavailable,
  describeFailure,
  errorText
} from './failures.js'
import { headerValue, parseRetryAfter } from './headers.js'
import { refusePlainHttp } from './plain-http.js'
import { originOf, socketHost } from './rules.js'
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
/** How one request travels: its agent, and the forward proxy a plain-HTTP request goes to. */
interface Route {
  agent: HttpAgent | HttpsAgent
  /** The forward proxy a plain-HTTP request is sent to, and its Proxy-Authorization. */
  via?: { url: URL; authorization?: string }
}

interface Target {
  origin: string
  /** The host as messages name it (`host:port`, or the socket's path). */
  label: string
}

function targetOf(req: { url: string; socketPath?: string }): Target {
  if (req.socketPath) return { origin: `unix:${req.socketPath}`, label: req.socketPath }
  return { origin: originOf(req.url), label: new URL(req.url).host }
}

/**
 * Where the request's bytes go: the Docker Engine's socket, the target itself (directly or
 * through a tunnel its agent opens), or a forward proxy asked for the absolute URI.
 */
function requestOptions(
  req: HttpRequest,
  url: URL,
  route: Route
): Pick<RequestOptions, 'protocol' | 'hostname' | 'port' | 'socketPath' | 'path'> & {
  headers: Record<string, string>
} {
  if (req.socketPath)
    return {
      protocol: 'http:',
      socketPath: req.socketPath,
      path: `${url.pathname}${url.search}`,
      headers: {}
    }
  const { via } = route
  if (via) {
    const authorization = via.authorization
    return {
      protocol: via.url.protocol,
      hostname: socketHost(via.url.hostname),
      port: via.url.port || (via.url.protocol === 'https:' ? 443 : 80),
      path: `${url.protocol}//${url.host}${url.pathname}${url.search}`,
      headers: {
        host: url.host,
        ...(authorization ? { 'proxy-authorization': authorization } : {})
      }
    }
  }
  return {
    protocol: url.protocol,
    hostname: socketHost(url.hostname),
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    headers: {}
  }
}

export class HttpClient {
  /** Requests sent, redirects and retries each counted, by origin. */
  readonly counts = new Map<string, number>()
  /** TLS probes whose handshake failed, by origin: connections, not requests (see tlsProbe). */
  readonly failedTlsProbes = new Map<string, number>()
  private readonly limits = new Map<string, Semaphore>()
  private readonly sleep: (ms: number) => Promise<void>
  private readonly plainAgent: HttpAgent
  private tlsAgent?: Promise<HttpsAgent>
  private unverifiedTlsAgent?: Promise<HttpsAgent>
  /** Tunnels through a proxy, by origin (each with its own certificate rule). */
  private readonly proxyAgents = new Map<string, HttpsAgent>()
  private readonly maskedProxies = new Set<string>()
  private proxy?: Promise<typeof import('./proxy.js')>

  constructor(private readonly options: HttpOptions) {
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)))
    // The semaphore bounds requests in flight; the pool only needs room for attempts we gave
    // up on whose sockets have not closed yet.
    this.plainAgent = new HttpAgent({ keepAlive: true, maxSockets: options.concurrency * 2 })
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
    this.plainAgent.destroy()
    void this.tlsAgent?.then(a => a.destroy())
    void this.unverifiedTlsAgent?.then(a => a.destroy())
    for (const agent of this.proxyAgents.values()) agent.destroy()
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

  /**
   * How a request to `url` goes: its agent (kept-alive plain or TLS sockets, or TLS through a
   * proxy's tunnel), and `via`, the proxy a plain-HTTP request is sent to, if any.
   */
  private async route(url: URL, socketPath?: string): Promise<Route> {
    if (socketPath) return { agent: this.plainAgent }
    const env = process.env
    if (env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY) {
      // Only runs behind a proxy load the proxy support.
      this.proxy ??= import('./proxy.js')
      const proxy = await this.proxy
      const via = proxy.proxyFor(url)
      if (via) {
        const authorization = proxy.proxyAuthorization(via)
        this.maskProxyCredentials(via, authorization)
        // Plain HTTP goes to the proxy itself, as an absolute-URI request (as Docker does).
        if (url.protocol !== 'https:') {
          const agent = via.protocol === 'https:' ? await this.tls(false) : this.plainAgent
          return { agent, via: { url: via, authorization } }
        }
        const key = `${url.protocol}//${url.host}`
        let agent = this.proxyAgents.get(key)
        if (!agent) {
          agent = new proxy.TunnelAgent(via, {
            keepAlive: true,
            maxSockets: this.options.concurrency * 2,
            rejectUnauthorized: !this.options.unverifiedTls?.(url.host)
          })
          this.proxyAgents.set(key, agent)
        }
        return { agent }
      }
    }
    if (url.protocol !== 'https:') return { agent: this.plainAgent }
    return { agent: await this.tls(this.options.unverifiedTls?.(url.host) === true) }
  }

  /** The kept-alive TLS agent, verifying certificates or not (loopback, insecure-registries). */
  private tls(unverified: boolean): Promise<HttpsAgent> {
    const maxSockets = this.options.concurrency * 2
    if (unverified) {
      this.unverifiedTlsAgent ??= import('node:https').then(
        https => new https.Agent({ keepAlive: true, maxSockets, rejectUnauthorized: false })
      )
      return this.unverifiedTlsAgent
    }
    this.tlsAgent ??= import('node:https').then(
      https => new https.Agent({ keepAlive: true, maxSockets })
    )
    return this.tlsAgent
  }

  /** A proxy URL's password, and the header made of it, are secrets like any credential. */
  private maskProxyCredentials(proxy: URL, authorization: string | undefined): void {
    if (!authorization || this.maskedProxies.has(proxy.href)) return
    this.maskedProxies.add(proxy.href)
    if (proxy.password) this.options.onSecret?.(proxy.password)
    this.options.onSecret?.(authorization.slice('Basic '.length))
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
      const route = await this.route(url, req.socketPath)
      try {
        const res = await this.exchange(req, url, route, this.attemptBudget())
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

  /** One request and its answer, read within `budget` ms, headers and body together. */
  private exchange(
    req: HttpRequest & { headers: Record<string, string> },
    url: URL,
    route: Route,
    budget: number
  ): Promise<Omit<HttpResponse, 'url' | 'hops'>> {
    const options = requestOptions(req, url, route)
    const send =
      options.protocol === 'https:'
        ? (import('node:https').then(m => m.request) as Promise<typeof httpRequest>)
        : Promise.resolve(httpRequest)
    return send.then(
      request =>
        new Promise((resolve, reject) => {
          const headers: Record<string, string> = {
            'user-agent': this.options.userAgent ?? 'digest-gate',
            ...req.headers
          }
          if (req.body !== undefined)
            headers['content-length'] = String(Buffer.byteLength(req.body))
          if (req.socketPath) headers.host ??= 'docker'
          Object.assign(headers, options.headers)
          let response: IncomingMessage | undefined
          // A probe's failure before the handshake completes means "no TLS here".
          let secured = !req.tlsProbe
          // A proxy that wants credentials wants them for plain HTTP too: no fallback.
          const final = (e: Error): boolean =>
            secured || (e instanceof ProxyRefused && e.credentialsRefused)
          const fail = (e: Error): void => reject(final(e) ? e : new TlsUnavailable(e))
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
