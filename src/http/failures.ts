import { STATUS_CODES } from 'node:http'
import { DigestGateError } from '../model/errors.js'
import { proxyLabel } from '../model/proxy-url.js'
import { BodyTooLarge } from './body.js'
import type { HttpRequest } from './types.js'

/** What can go wrong in one attempt, and the typed error each failure becomes. */

/** Failures of the connection itself; worth another try unless the answer cannot change. */
export const NETWORK_CODES = new Set([
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
/** Certificates a TLS handshake refused (OpenSSL's verify codes as Node names them). */
export const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID'
])
/**
 * Failures asking again cannot change: a socket file that is not there, or not ours to open,
 * stays so within a run, and a redirect we refuse (a loop, a downgrade to plain HTTP) is the
 * same redirect next time; a certificate refused, or a peer that speaks no TLS, stays so too.
 */
export const FINAL_CODES = new Set([
  'ENOENT',
  'EACCES',
  'TOO_MANY_REDIRECTS',
  'REDIRECT_REFUSED',
  'PLAIN_HTTP_REFUSED',
  'TLS_UNAVAILABLE',
  'PROXY_AUTH_REQUIRED',
  'PROXY_REFUSED',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
  ...CERTIFICATE_CODES
])

export class AttemptTimeout extends Error {}

/** Connecting to the proxy itself failed (refused, unknown name, unreachable). */
export class ProxyUnreachable extends Error {
  readonly proxy: string
  readonly code?: string
  constructor(proxy: URL, cause: Error) {
    super(cause.message)
    this.proxy = proxyLabel(proxy)
    this.code = (cause as NodeJS.ErrnoException).code
  }
}

/** Failures of opening a connection: to a forward proxy, they are the proxy's. */
export const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH'
])

/**
 * A proxy's refusal: a CONNECT answered with anything but 200, or a 407 to a plain-HTTP
 * request. Names the proxy by host and port only, never with the credentials of its URL.
 */
export class ProxyRefused extends Error {
  readonly proxy: string
  /** Whether the proxy URL carried a user or password. */
  readonly withCredentials: boolean
  constructor(
    proxy: URL,
    readonly target: string,
    readonly status: number
  ) {
    const label = proxyLabel(proxy)
    super(`proxy ${label} refused to reach ${target} (${status} ${STATUS_CODES[status] ?? ''})`)
    this.proxy = label
    this.withCredentials = proxy.username !== '' || proxy.password !== ''
  }

  /**
   * The proxy wants (other) credentials: a 407, or the 401 some proxies (tinyproxy) send for
   * wrong ones, which only an answer to CONNECT proves is the proxy's own.
   */
  get credentialsRefused(): boolean {
    return this.status === 407 || this.status === 401
  }
}

/** A request failed on a pooled connection its peer had already closed, before any answer. */
export class StaleConnection extends Error {
  constructor(readonly reason: Error) {
    super('the kept-alive connection was closed by its peer')
  }
}

/** A probe's connection failed before its TLS handshake completed. */
export class TlsUnavailable extends Error {
  constructor(readonly reason: unknown) {
    super('TLS handshake did not complete')
  }
}

/** A typed error for whatever one attempt threw. */
export function describeFailure(
  e: unknown,
  req: HttpRequest,
  host: string,
  timeoutMs: number
): unknown {
  if (e instanceof AttemptTimeout) {
    return new DigestGateError(
      'timeout',
      `${host} did not answer within ${timeoutMs / 1000} s (${req.method} ${new URL(req.url).pathname})`,
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
  if (e instanceof ProxyRefused) return proxyRefusal(e, host)
  if (e instanceof ProxyUnreachable)
    return new DigestGateError(
      'network',
      e.code && CERTIFICATE_CODES.has(e.code)
        ? `the proxy ${e.proxy}'s TLS certificate was refused (${e.code}) on the way to ${host}; give Node its CA with NODE_EXTRA_CA_CERTS`
        : `cannot reach the proxy ${e.proxy} (for ${host}): ${e.code ?? e.message}; check HTTPS_PROXY and HTTP_PROXY`,
      { registry: host, code: e.code }
    )
  const code = (e as NodeJS.ErrnoException).code
  const tls = code ? tlsProblem(code, host) : undefined
  if (tls) return new DigestGateError('network', tls, { registry: host, code })
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

/** A proxy's refusal, with what to check: its credentials (407), its rules (403), or the peer. */
function proxyRefusal(e: ProxyRefused, host: string): DigestGateError {
  const status = `${e.status} ${STATUS_CODES[e.status] ?? 'from the proxy'}`
  if (e.credentialsRefused)
    return new DigestGateError(
      'network',
      e.withCredentials
        ? `the proxy ${e.proxy} refused the user and password in its URL to reach ${host} (${status}); check them in HTTPS_PROXY or HTTP_PROXY`
        : `the proxy ${e.proxy} asked for credentials to reach ${host} (${status}); give them in the proxy URL (http://user:password@${e.proxy}) in HTTPS_PROXY or HTTP_PROXY`,
      { registry: host, code: 'PROXY_AUTH_REQUIRED' }
    )
  if (e.status === 403)
    return new DigestGateError(
      'network',
      `the proxy ${e.proxy} refused to open a tunnel to ${host} (${status}); allow that host and port in the proxy, or list the host in NO_PROXY`,
      { registry: host, code: 'PROXY_REFUSED' }
    )
  // A 502 or 503: the proxy could not reach the host, which may be passing.
  return new DigestGateError(
    'network',
    `the proxy ${e.proxy} could not reach ${host} (${status})`,
    { registry: host, code: 'PROXY_TUNNEL_FAILED' }
  )
}

/** What a TLS failure means for the user, or undefined when it is not one. */
function tlsProblem(code: string, host: string): string | undefined {
  if (CERTIFICATE_CODES.has(code))
    return `${host}'s TLS certificate was refused (${code}); give Node its CA with NODE_EXTRA_CA_CERTS, or, if it may also be spoken to without verification, list it in insecure-registries`
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO')
    return `${host} did not answer over HTTPS (${code}); if it serves plain HTTP only, list it in insecure-registries`
  return undefined
}

/** The message of a described failure, whatever was thrown. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
