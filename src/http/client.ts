import { Agent as HttpAgent, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { request as httpRequest } from 'node:http'
import type { Agent as HttpsAgent } from 'node:https'
import { DigestGateError } from '../errors.js'
import { ERROR_BODY_CAP, originOf, socketHost } from './rules.js'

/**
 * The one HTTP layer every remote goes through: registries, token endpoints, CDNs, the Docker
 * Engine's socket and Alibaba Cloud's API. Per-attempt timeouts, retries with backoff and
 * Retry-After, a deadline for the whole run, body caps, redirects that never carry credentials
 * to another origin, a concurrency bound per origin, and request counting, written once.
 */

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST'
  url: string
  headers?: Record<string, string>
  body?: string
  /** Bytes of body to accept at most; reading stops there. */
  maxBytes: number
  /** Only the status and headers matter: the body is dropped (a GET's connection is closed). */
  discardBody?: boolean
  /** Follow redirects (blobs to CDNs, registry.k8s.io's manifests to its upstream). */
  followRedirects?: boolean
  /**
   * Credentials for the origin of `url` only. Re-sent on a redirect to the same origin
   * (scheme, host and port), never elsewhere.
   */
  authorization?: string
  /** A Unix socket to speak HTTP over (a Docker Engine); `url` then names only the path. */
  socketPath?: string
  /**
   * Retry 408, 429 and 5xx answers (default). Off for a peer whose 5xx already is the final
   * word of someone else's retries (a Docker Engine relaying a registry's answer).
   */
  retryStatuses?: boolean
  /**
   * Hosts this request and each of its redirects may reach over plain HTTP. When given, a
   * plain-HTTP hop to any other host is refused before anything is sent to it.
   */
  plainHttp?: (host: string) => boolean
  /**
   * The first HTTPS request to a host that may also speak plain HTTP: one attempt, and a
   * failure before the TLS handshake completes is not a request (nothing HTTP reached the
   * peer), is not retried and is thrown with code TLS_UNAVAILABLE so the caller can fall back.
   */
  tlsProbe?: boolean
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  /** The URL that finally answered, after redirects. */
  url: string
  /** Origins (scheme://host:port) that answered along the redirect chain, in order. */
  hops: string[]
}

export interface HttpOptions {
  /** Milliseconds one attempt may take, headers and body together. */
  timeoutMs: number
  /** Requests in flight per origin at most. */
  concurrency: number
  /** Attempts for a retryable failure, the first included. */
  attempts?: number
  /** Longest single wait before a retry, whatever Retry-After says. */
  maxRetryDelayMs?: number
  /** Redirects followed at most per request. */
  maxRedirects?: number
  userAgent?: string
  /** Epoch ms after which no request is sent and waits are cut short: the run's overall bound. */
  deadline?: number
  /** Injected for tests of the retry schedule; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>
  /**
   * Hosts whose TLS certificates are not verified: those allowed plain HTTP anyway (loopback
   * and insecure-registries), as Docker does. Every other host's certificate is verified.
   */
  unverifiedTls?: (host: string) => boolean
}

/** Statuses worth another try for idempotent reads (registry-notes §7). */
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504])
const REDIRECTS = new Set([301, 302, 303, 307, 308])
/** Failures of the connection itself; worth another try unless the answer cannot change. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOENT',
  'EACCES'
])
/**
 * Failures asking again cannot change: a socket file that is not there, or not ours to open,
 * stays so within a run, and a redirect we refuse (a loop, a downgrade to plain HTTP) is the
 * same redirect next time.
 */
const FINAL_CODES = new Set([
  'ENOENT',
  'EACCES',
  'TOO_MANY_REDIRECTS',
  'REDIRECT_REFUSED',
  'PLAIN_HTTP_REFUSED',
  'TLS_UNAVAILABLE'
])

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now; null if absent. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  // Every HTTP-date form starts with the day's name; Date.parse alone would take "-5" as a year.
  if (!/^[A-Za-z]{3}/.test(trimmed)) return null
  const when = Date.parse(trimmed)
  return Number.isNaN(when) ? null : Math.max(0, when - now)
}

/**
 * At most `limit` holders at once. A released slot passes straight to the next waiter, so a
 * caller arriving between the release and the waiter's wake-up cannot take it as well.
 */
export class Semaphore {
  private active = 0
  private readonly waiting: (() => void)[] = []
  constructor(private readonly limit: number) {}

  get inFlight(): number {
    return this.active
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>(resolve => this.waiting.push(resolve))
    else this.active++
    try {
      return await fn()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}

class BodyTooLarge extends Error {}
class AttemptTimeout extends Error {}
/** A probe's connection failed before its TLS handshake completed. */
class TlsUnavailable extends Error {
  constructor(readonly reason: unknown) {
    super('TLS handshake did not complete')
  }
}

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
  private readonly plainAgent: HttpAgent
  private tlsAgent?: Promise<HttpsAgent>
  private unverifiedTlsAgent?: Promise<HttpsAgent>
  private readonly proxyAgents = new Map<string, Promise<HttpAgent>>()
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
    for (const agent of this.proxyAgents.values()) void agent.then(a => a.destroy())
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
      const res = await this.attempt({ ...req, url, headers })
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

  /** The agent for a URL: kept-alive plain or TLS sockets, or a tunnel through a proxy. */
  private async agentFor(url: URL, socketPath?: string): Promise<HttpAgent | HttpsAgent> {
    if (socketPath) return this.plainAgent
    const env = process.env
    if (env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY) {
      // Only runs behind a proxy load the toolkit's proxy support (and its HTTP stack).
      this.proxy ??= import('./proxy.js')
      const proxy = await this.proxy
      if (proxy.proxyFor(url)) {
        const key = `${url.protocol}//${url.host}`
        let agent = this.proxyAgents.get(key)
        if (!agent) {
          agent = proxy.proxyAgent(url, this.options.concurrency * 2)
          this.proxyAgents.set(key, agent)
        }
        return agent
      }
    }
    if (url.protocol !== 'https:') return this.plainAgent
    const maxSockets = this.options.concurrency * 2
    if (this.options.unverifiedTls?.(url.host)) {
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

  private async attempt(
    req: HttpRequest & { headers: Record<string, string> }
  ): Promise<Omit<HttpResponse, 'url' | 'hops'>> {
    const { origin, label } = targetOf(req)
    return this.limiter(origin).run(async () => {
      // A request that waited in the queue past the run's deadline is not sent at all.
      this.checkDeadline(req)
      this.counts.set(origin, (this.counts.get(origin) ?? 0) + 1)
      const url = new URL(req.url)
      const agent = await this.agentFor(url, req.socketPath)
      try {
        return await this.exchange(req, url, agent, this.attemptBudget())
      } catch (e) {
        if (e instanceof TlsUnavailable) {
          // Nothing HTTP reached the peer: a connection, not a request.
          this.counts.set(origin, (this.counts.get(origin) ?? 1) - 1)
          this.failedTlsProbes.set(origin, (this.failedTlsProbes.get(origin) ?? 0) + 1)
          const cause = this.describeFailure(e.reason, req, label)
          throw new DigestGateError(
            'network',
            `${label} did not complete a TLS handshake (${errorText(cause)})`,
            { registry: label, code: 'TLS_UNAVAILABLE' }
          )
        }
        throw this.describeFailure(e, req, label)
      }
    })
  }

  /** One request and its answer, read within `budget` ms, headers and body together. */
  private exchange(
    req: HttpRequest & { headers: Record<string, string> },
    url: URL,
    agent: HttpAgent | HttpsAgent,
    budget: number
  ): Promise<Omit<HttpResponse, 'url' | 'hops'>> {
    const send =
      url.protocol === 'https:' && !req.socketPath
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
          let response: IncomingMessage | undefined
          // A probe's failure before the handshake completes means "no TLS here".
          let secured = !req.tlsProbe
          const fail = (e: Error): void => reject(secured ? e : new TlsUnavailable(e))
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
            {
              protocol: req.socketPath ? 'http:' : url.protocol,
              hostname: req.socketPath ? undefined : socketHost(url.hostname),
              port: req.socketPath ? undefined : url.port || undefined,
              socketPath: req.socketPath,
              path: `${url.pathname}${url.search}`,
              method: req.method,
              headers,
              agent
            },
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

  private describeFailure(e: unknown, req: HttpRequest, host: string): unknown {
    if (e instanceof AttemptTimeout) {
      return new DigestGateError(
        'timeout',
        `${host} did not answer within ${this.options.timeoutMs / 1000} s (${req.method} ${new URL(req.url).pathname})`,
        { registry: host }
      )
    }
    if (e instanceof BodyTooLarge) {
      return new DigestGateError(
        'invalid-manifest',
        `${host} sent more than ${req.maxBytes} bytes for ${new URL(req.url).pathname}; stopped reading`,
        { registry: host, code: 'TOO_LARGE' }
      )
    }
    if (e instanceof DigestGateError) return e
    const code = (e as NodeJS.ErrnoException).code
    if (code && NETWORK_CODES.has(code)) {
      return new DigestGateError('network', `cannot reach ${host}: ${code}`, {
        registry: host,
        code
      })
    }
    if (e instanceof Error) {
      return new DigestGateError('network', `request to ${host} failed: ${e.message}`, {
        registry: host,
        code
      })
    }
    return e
  }
}

/** The message of a described failure, whatever was thrown. */
function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** Refuses a plain-HTTP hop to a host the request does not allow plain HTTP. */
function refusePlainHttp(req: HttpRequest, url: string): void {
  if (!req.plainHttp || req.socketPath) return
  const target = new URL(url)
  if (target.protocol === 'https:' || req.plainHttp(target.host)) return
  throw new DigestGateError(
    'network',
    `refused to send a request to ${target.host} over plain HTTP: only loopback hosts and those in insecure-registries may be reached without TLS`,
    { registry: target.host, code: 'PLAIN_HTTP_REFUSED' }
  )
}

export function headerValue(
  headers: IncomingHttpHeaders | undefined,
  name: string
): string | undefined {
  const v = headers?.[name]
  return Array.isArray(v) ? v[0] : v
}

/** Every value of a header that may repeat (WWW-Authenticate). */
export function headerValues(headers: IncomingHttpHeaders | undefined, name: string): string[] {
  const v = headers?.[name]
  if (v === undefined) return []
  return Array.isArray(v) ? v : [v]
}

/** Reads at most `maxBytes`, stopping (not buffering) past it: throws, or truncates if asked. */
async function readCapped(
  stream: IncomingMessage,
  maxBytes: number,
  truncate = false
): Promise<Buffer> {
  const declared = Number(stream.headers['content-length'])
  if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
    stream.destroy()
    throw new BodyTooLarge()
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    total += buf.length
    if (total > maxBytes) {
      stream.destroy()
      if (truncate) {
        chunks.push(buf.subarray(0, buf.length - (total - maxBytes)))
        return Buffer.concat(chunks)
      }
      throw new BodyTooLarge()
    }
    chunks.push(buf)
  }
  return Buffer.concat(chunks)
}
