import type { IncomingHttpHeaders } from 'node:http'
import { HttpClient } from '@actions/http-client'
import { DigestGateError } from '../../errors.js'

/**
 * The one HTTP layer every registry request goes through: per-request timeouts, retries with
 * backoff and Retry-After, body caps, redirects that never carry credentials to another
 * origin, a concurrency bound per host, and request counting.
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
  /** Requests in flight per host at most. */
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
}

/** Registry error bodies are small JSON; more than this is noise (or hostile). */
const ERROR_BODY_CAP = 64 * 1024

/** Statuses worth another try for idempotent reads (registry-notes §7). */
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504])
const REDIRECTS = new Set([301, 302, 303, 307, 308])
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
  'UND_ERR_SOCKET'
])

export function originOf(url: string): string {
  const u = new URL(url)
  const port = u.port || (u.protocol === 'https:' ? '443' : '80')
  return `${u.protocol}//${u.hostname}:${port}`
}

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

class Semaphore {
  private active = 0
  private readonly waiting: (() => void)[] = []
  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>(resolve => this.waiting.push(resolve))
    this.active++
    try {
      return await fn()
    } finally {
      this.active--
      this.waiting.shift()?.()
    }
  }
}

class BodyTooLarge extends Error {}
class AttemptTimeout extends Error {}

export class RegistryHttp {
  /** Requests sent, redirects and retries each counted, by origin. */
  readonly counts = new Map<string, number>()
  private readonly client: HttpClient
  private readonly limits = new Map<string, Semaphore>()
  private readonly sleep: (ms: number) => Promise<void>

  constructor(private readonly options: HttpOptions) {
    this.client = new HttpClient(options.userAgent ?? 'digest-gate', [], {
      allowRedirects: false,
      allowRetries: false,
      keepAlive: true,
      socketTimeout: options.timeoutMs,
      // The semaphore bounds requests in flight; the pool only needs room for attempts we gave
      // up on whose sockets have not closed yet.
      maxSockets: options.concurrency * 2
    })
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)))
  }

  get totalRequests(): number {
    let n = 0
    for (const c of this.counts.values()) n += c
    return n
  }

  /** Closes kept-alive sockets so the process can exit promptly. */
  dispose(): void {
    this.client.dispose()
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
        failure = e
      }
      // POST is not idempotent (the OAuth2 token grant); everything else here only reads.
      const retryable = failure !== undefined || RETRYABLE.has(response?.status ?? 0)
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
      const host = new URL(req.url).host
      throw new DigestGateError(
        'timeout',
        `gave up on ${host}: the run's overall time limit was reached before ${req.method} ${new URL(req.url).pathname}`,
        { registry: host }
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
    const firstOrigin = originOf(req.url)
    const hops: string[] = []
    let url = req.url
    for (let redirects = 0; ; redirects++) {
      const origin = originOf(url)
      hops.push(origin)
      const headers: Record<string, string> = { ...(req.headers ?? {}) }
      // Credentials belong to the origin they were issued for; a CDN or a different port
      // gets none (ggcr compares host:port too; http-client compares only the hostname).
      if (req.authorization && origin === firstOrigin) headers.authorization = req.authorization
      const res = await this.attempt({ ...req, url, headers })
      if (!req.followRedirects || !REDIRECTS.has(res.status)) return { ...res, url, hops }
      const location = headerValue(res.headers, 'location')
      if (!location) return { ...res, url, hops }
      if (redirects >= maxRedirects) {
        throw new DigestGateError(
          'network',
          `too many redirects (more than ${maxRedirects}) starting at ${req.url}`
        )
      }
      const next = new URL(location, url)
      if (new URL(url).protocol === 'https:' && next.protocol !== 'https:') {
        throw new DigestGateError(
          'network',
          `refused a redirect from HTTPS to ${next.protocol}// (${next.host})`
        )
      }
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
    const origin = originOf(req.url)
    return this.limiter(origin).run(async () => {
      // A request that waited in the queue past the run's deadline is not sent at all.
      this.checkDeadline(req)
      this.counts.set(origin, (this.counts.get(origin) ?? 0) + 1)
      const host = new URL(req.url).host
      let timer: NodeJS.Timeout | undefined
      let destroy: (() => void) | undefined
      const budget = this.attemptBudget()
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          destroy?.()
          reject(new AttemptTimeout())
        }, budget)
      })
      try {
        const work = (async () => {
          const res = await this.client.request(req.method, req.url, req.body ?? null, req.headers)
          destroy = () => res.message.destroy()
          const status = res.message.statusCode ?? 0
          let body: Buffer = Buffer.alloc(0)
          if (req.method === 'HEAD') {
            // Drained, so the kept-alive connection goes back to the pool at once.
            res.message.resume()
          } else if (req.discardBody && status < 300) {
            // A body we asked not to read (a whole blob where one byte was asked for).
            res.message.destroy()
          } else {
            // Error bodies only feed messages: read a little of them and drop the rest.
            body =
              status >= 300
                ? await readCapped(res.message, ERROR_BODY_CAP, true)
                : await readCapped(res.message, req.maxBytes)
          }
          return { status: res.message.statusCode ?? 0, headers: res.message.headers, body }
        })()
        // Keep a late rejection from the abandoned attempt from becoming unhandled.
        work.catch(() => undefined)
        return await Promise.race([work, timeout])
      } catch (e) {
        if (
          e instanceof AttemptTimeout ||
          (e instanceof Error && /^Request timeout/.test(e.message))
        ) {
          throw new DigestGateError(
            'timeout',
            `${host} did not answer within ${this.options.timeoutMs / 1000} s (${req.method} ${new URL(req.url).pathname})`,
            { registry: host }
          )
        }
        if (e instanceof BodyTooLarge) {
          throw new DigestGateError(
            'invalid-manifest',
            `${host} sent more than ${req.maxBytes} bytes for ${new URL(req.url).pathname}; stopped reading`,
            { registry: host }
          )
        }
        const code = (e as NodeJS.ErrnoException).code
        if (code && NETWORK_CODES.has(code)) {
          throw new DigestGateError('network', `cannot reach ${host}: ${code}`, {
            registry: host,
            code
          })
        }
        if (e instanceof Error) {
          throw new DigestGateError('network', `request to ${host} failed: ${e.message}`, {
            registry: host
          })
        }
        throw e
      } finally {
        clearTimeout(timer)
      }
    })
  }
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
  stream: NodeJS.ReadableStream & { destroy(): void },
  maxBytes: number,
  truncate = false
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
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
