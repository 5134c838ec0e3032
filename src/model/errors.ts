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
    super(message)
    this.name = 'DigestGateError'
    this.kind = kind
    this.registry = details.registry
    this.code = details.code
    this.status = details.status
    this.retryAfterMs = details.retryAfterMs
  }
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
