import type { IncomingHttpHeaders } from 'node:http'

/** What goes into the HTTP layer and what comes out of it. */

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
  /**
   * Called with every secret before it could be printed: the password of a proxy URL and the
   * Proxy-Authorization made of it (core.setSecret in the action).
   */
  onSecret?: (secret: string) => void
}
