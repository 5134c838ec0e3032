/**
 * Errors are values with a kind, so the shell can turn them into annotations and the report
 * without string matching. Anything thrown that is not a DigestGateError is a bug, and only
 * then does a stack trace belong in the log.
 */
export type ErrorKind =
  | 'invalid-input'
  | 'not-found'
  | 'unauthorized'
  | 'denied'
  | 'rate-limited'
  | 'unavailable'
  | 'timeout'
  | 'network'
  | 'integrity'
  | 'invalid-manifest'
  | 'unsupported'
  | 'registry-error'

export interface ErrorDetails {
  /** The registry host the error came from, when there was one. */
  registry?: string
  /** The registry's own error code (`MANIFEST_UNKNOWN`, …) or the HTTP status. */
  code?: string
  status?: number
  /** How long the registry asked to be left alone (Retry-After of a 429 or 503), in ms. */
  retryAfterMs?: number
}

export class DigestGateError extends Error {
  readonly kind: ErrorKind
  readonly registry?: string
  readonly code?: string
  readonly status?: number
  readonly retryAfterMs?: number

  constructor(kind: ErrorKind, message: string, details: ErrorDetails = {}) {
    // Messages quote registry text (error bodies, challenges): no credential survives in one.
    super(redactCredentials(message))
    this.name = 'DigestGateError'
    this.kind = kind
    this.registry = details.registry
    this.code = details.code
    this.status = details.status
    this.retryAfterMs = details.retryAfterMs
  }
}

/** Challenge parameters (RFC 9110 §11.6.1, RFC 6750 §3) that follow a scheme name as `name=`. */
const CHALLENGE_PARAMS = new Set([
  'realm',
  'service',
  'scope',
  'error',
  'error_description',
  'error_uri',
  'charset'
])

/**
 * Text with every `Basic …` and `Bearer …` credential replaced by `[redacted]`, wherever it
 * stands (a header echoed in an error body, JSON, a URL). A challenge's own parameters
 * (`Bearer realm="…"`) are kept. Pure.
 */
export function redactCredentials(text: string): string {
  return text.replace(
    /\b(basic|bearer)(\s+|%20|\+)([A-Za-z0-9\-._~+/]+=*)/gi,
    (whole, scheme: string, gap: string, value: string, at: number) => {
      const next = text.charAt(at + whole.length)
      const name = value.replace(/=+$/, '')
      if (value.endsWith('=') && CHALLENGE_PARAMS.has(name.toLowerCase()) && next !== '')
        return whole
      // A sentence's full stop after the value is kept.
      const stop = /\.+$/.exec(value)?.[0] ?? ''
      return looksLikeCredential(value) ? `${scheme}${gap}[redacted]${stop}` : whole
    }
  )
}

/**
 * Whether the word after `Basic`/`Bearer` is a credential (base64, a JWT, an opaque token)
 * rather than prose such as "Basic credentials" or "basic auth": it has a digit or a symbol,
 * a capital letter past its first, or the length of a token.
 */
function looksLikeCredential(value: string): boolean {
  return (
    /[0-9+/=._~-]/.test(value) ||
    (/[A-Z]/.test(value.slice(1)) && /[a-z]/.test(value)) ||
    value.length >= 20
  )
}

export function isDigestGateError(e: unknown): e is DigestGateError {
  return e instanceof DigestGateError
}

/** A message for any thrown value; unexpected errors keep their class name to aid bug reports. */
export function errorMessage(e: unknown): string {
  if (e instanceof DigestGateError) return e.message
  if (e instanceof Error) return `${e.name}: ${e.message}`
  return String(e)
}
