/**
 * Checks on parsed JSON, for every reader of JSON we did not write ourselves (manifests, API
 * answers, report files). Pure, and imports nothing: the bottom layer.
 */

export type Json = Record<string, unknown>

/** A JSON object: not null, not an array. */
export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function isStringOrNull(v: unknown): v is string | null {
  return v === null || typeof v === 'string'
}
