import { createHash } from 'node:crypto'
import { DigestGateError } from './errors.js'
import { type Json, bad, hasSignatures, isObject, parseJson } from './manifest.js'

/**
 * Content digests (image-spec descriptor.md#digests) and what a manifest's digest covers,
 * signed schema 1 included (registry-notes §4). Pure.
 */

function base64UrlDecode(s: string): Buffer {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
}

/**
 * The bytes a schema 1 digest covers. For a signed manifest that is the JWS payload, not the
 * body: the body's first `formatLength` bytes plus the decoded `formatTail`, both read from the
 * first signature's protected header (libtrust jsonsign.go). Unsigned: the body itself.
 */
export function schema1Payload(body: Uint8Array): Uint8Array {
  const json = parseJson(body)
  if (!hasSignatures(json)) return body
  const first = (json.signatures as unknown[])[0]
  if (!isObject(first) || typeof first.protected !== 'string')
    throw bad('schema 1 signature has no protected header')
  let header: Json
  try {
    const parsed: unknown = JSON.parse(base64UrlDecode(first.protected).toString('utf8'))
    if (!isObject(parsed)) throw bad('not an object')
    header = parsed
  } catch {
    throw bad('schema 1 signature protected header is not valid base64url JSON')
  }
  const { formatLength, formatTail } = header
  if (
    typeof formatLength !== 'number' ||
    formatLength < 0 ||
    formatLength > body.length ||
    typeof formatTail !== 'string'
  ) {
    throw bad('schema 1 signature protected header has no valid formatLength/formatTail')
  }
  return Buffer.concat([Buffer.from(body.subarray(0, formatLength)), base64UrlDecode(formatTail)])
}

/**
 * The bytes a manifest's digest covers, and the only bytes to trust once it matches: the body,
 * or for a signed schema 1 manifest (top-level `schemaVersion` 1 with JWS `signatures`) its
 * signed payload. Parsing the payload rather than the body matters: anything outside the
 * payload is not covered by the digest.
 */
export function digestedContent(body: Uint8Array): Uint8Array {
  if (!Buffer.from(body.buffer, body.byteOffset, body.byteLength).includes('"signatures"'))
    return body
  let json: Json
  try {
    json = parseJson(body)
  } catch {
    return body
  }
  return json.schemaVersion === 1 && hasSignatures(json) ? schema1Payload(body) : body
}

/** `algo:hex` of data, for the algorithms OCI allows. */
export function computeDigest(data: Uint8Array, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`
}

/**
 * The content digest of a manifest body: sha256 (or the algorithm of `like`) of the bytes, or
 * of the signed payload for signed schema 1 (registry-notes §4).
 */
export function manifestDigest(body: Uint8Array, like?: string): string {
  const algorithm = like?.startsWith('sha512:') ? 'sha512' : 'sha256'
  return computeDigest(digestedContent(body), algorithm)
}

/**
 * Checks a body against the digest it was fetched by and returns the bytes that digest
 * covers, the only ones to parse. Throws an `integrity` error when they do not match.
 */
export function verifyManifestDigest(body: Uint8Array, expected: string): Uint8Array {
  const content = digestedContent(body)
  const actual = computeDigest(content, expected.startsWith('sha512:') ? 'sha512' : 'sha256')
  if (actual !== expected) {
    throw new DigestGateError(
      'integrity',
      `manifest content does not match its digest: expected ${expected}, got ${actual}`
    )
  }
  return content
}
