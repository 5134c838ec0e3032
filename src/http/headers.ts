import type { IncomingHttpHeaders } from 'node:http'

/** Reading the headers registries send: single and repeated values, Retry-After. Pure. */

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
