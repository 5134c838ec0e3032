import { type ErrorKind, errorMessage, isDigestGateError } from './errors.js'
import type { Platform } from './platform.js'

/**
 * The one record shape every source's answer becomes, and what every later stage (policy,
 * outputs, summary, pins) reads. Plain data: the report file is these records as JSON.
 */

export interface LayerRecord {
  digest: string
  size: number
  mediaType: string
  /** Set by verify-blobs: the host that served it, and what it said its size was. */
  servedBy?: string
  storedSize?: number
  problem?: string
}

export interface PlatformRecord {
  /** Normalised key: `os(os.version)/arch[/variant]`. */
  platform: string
  digest: string | null
  mediaType: string | null
  layers: number | null
  size: number | null
  /** Config blob digest (schema 1 has none). */
  config?: string | null
  layerList?: LayerRecord[]
  annotations?: Record<string, string>
  /** Digests of attestation manifests that name this platform's manifest. */
  attestations?: string[]
  /** The platform as the index or config stated it, before normalisation. */
  declared?: Platform
}

export interface ImageError {
  kind: ErrorKind
  message: string
  registry?: string
  code?: string
  /** The wait a rate-limited registry asked for (Retry-After), in ms. */
  retryAfterMs?: number
}

export interface ImageRecord {
  /** The image exactly as given, trimmed. */
  image: string
  ref: string | null
  digest: string | null
  mediaType: string | null
  platforms: PlatformRecord[]
  attestations: number
  missing: string[]
  error: string | null
  errorDetail?: ImageError
  /** Things skipped or worth knowing that are not errors. */
  notes: string[]
  annotations?: Record<string, string>
  /** Which source answered (`registry`, `oci-layout`, `docker`), and why figures are null if so. */
  source?: string
  /** Hosts that served layer blobs (verify-blobs, schema 1). */
  blobHosts?: string[]
}

export function emptyRecord(image: string): ImageRecord {
  return {
    image,
    ref: null,
    digest: null,
    mediaType: null,
    platforms: [],
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  }
}

export function failRecord(record: ImageRecord, e: unknown, image: string): ImageRecord {
  const message = errorMessage(e)
  const detail: ImageError = isDigestGateError(e)
    ? { kind: e.kind, message, registry: e.registry, code: e.code }
    : { kind: 'registry-error', message }
  if (isDigestGateError(e) && e.retryAfterMs !== undefined) detail.retryAfterMs = e.retryAfterMs
  return { ...record, platforms: [], error: `${image}: ${message}`, errorDetail: detail }
}
