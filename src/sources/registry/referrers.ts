import { DigestGateError } from '../../model/errors.js'
import {
  type Descriptor,
  MediaTypes,
  isObject,
  parseDescriptor,
  stripParameters
} from '../../model/manifest.js'
import { digestProblem } from '../../model/reference.js'

/**
 * The OCI 1.1 referrers list: the API answer `GET /v2/<name>/referrers/<digest>`, its
 * `artifactType` filter and `Link` paging, and the tag-schema fallback for registries without
 * the API (opencontainers/distribution-spec spec.md "Listing Referrers", "Unavailable Referrers
 * API", "Referrers Tag Schema"). Pure: builds paths and reads answers; the caller sends requests.
 */

export interface ReferrersList {
  /** The listed descriptors; what each one is, is for the caller to classify. */
  referrers: Descriptor[]
  /** Entries skipped (malformed, duplicate, filtered here), each saying which and why. */
  notes: string[]
}

export interface ReferrersOptions {
  /** Names the answer in messages: `referrers of ghcr.io/o/app@sha256:…`. */
  where: string
  /** The answer's Content-Type, parameters allowed; missing or generic leaves it to the body. */
  contentType?: string | null
  /** The `artifactType` filter that was asked for, if any. */
  artifactType?: string
  /** The `OCI-Filters-Applied` header of the answer. */
  filtersApplied?: string | null
}

const GENERIC_TYPES = new Set(['', 'application/json', 'text/plain', 'application/octet-stream'])

/** A registry with the API answers every valid request with 200 (spec.md "Listing Referrers"). */
const REFERRERS_MISSING_STATUS = 404

/**
 * `/v2/<name>/referrers/<digest>`, with `?artifactType=` when filtering (end-12a, end-12b).
 * Validates the digest, since a registry answers 400 to a malformed one.
 */
export function referrersPath(repository: string, digest: string, artifactType?: string): string {
  const problem = digestProblem(digest)
  if (problem) throw new DigestGateError('invalid-input', `referrers subject: ${problem}`)
  const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : ''
  return `/v2/${repository}/referrers/${digest}${query}`
}

/**
 * The tag of the referrers tag schema for a subject digest: the algorithm truncated to 32
 * characters, `-`, the encoded part truncated to 64, with characters a tag cannot hold replaced by
 * `-` (spec.md "Referrers Tag Schema"). So `sha256:<hex>` → `sha256-<hex>`, and `sha512:<hex>` →
 * `sha512-` and the first 64 hex digits. Only digests OCI registers (sha256, sha512) are accepted.
 */
export function referrersTag(digest: string): string {
  const problem = digestProblem(digest)
  if (problem) throw new DigestGateError('invalid-input', `referrers tag: ${problem}`)
  const colon = digest.indexOf(':')
  const algorithm = digest.slice(0, colon).slice(0, 32)
  const encoded = digest.slice(colon + 1).slice(0, 64)
  return `${algorithm}-${encoded}`.replace(/[^a-zA-Z0-9._-]/g, '-')
}

/** The filter names in `OCI-Filters-Applied` (a comma-separated list, spec.md). */
export function parseFiltersApplied(header: string | null | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
}

/**
 * The `rel="next"` target of a `Link` header (RFC 8288), as written: often relative, so resolve
 * it against the request URL. Null when there is no next page. A scan rather than one regex
 * over the header: the registry writes it, and a regex would retry from every `<` that has no
 * `>`, quadratic in the header; each link's `<…>` and parameters are read once here.
 */
export function parseNextLink(header: string | null | undefined): string | null {
  if (!header) return null
  let open = header.indexOf('<')
  while (open !== -1) {
    const close = header.indexOf('>', open + 1)
    if (close === -1) return null
    const next = header.indexOf('<', close + 1)
    const params = header.slice(close + 1, next === -1 ? undefined : next)
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params)
    const values = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/)
    if (values.includes('next')) return header.slice(open + 1, close)
    open = next
  }
  return null
}

/**
 * Reads a referrers answer, or the index a referrers tag holds: an OCI image index whose
 * descriptors carry `artifactType` and the referrers' annotations. Each entry is classified; an
 * entry that is not a valid descriptor is skipped with a note, duplicates (by digest) are listed
 * once, and when an `artifactType` filter was asked for but `OCI-Filters-Applied` does not say it
 * was applied, the filter is applied here (the registry SHOULD, not MUST, support it). A body that
 * is not an OCI index is an `invalid-manifest` error; for the tag fallback the spec says to take
 * that as "no referrers" (spec.md "Listing Referrers", last paragraph), which is the caller's call.
 */
export function parseReferrers(body: Uint8Array, opts: ReferrersOptions): ReferrersList {
  const fail = (problem: string): DigestGateError =>
    new DigestGateError('invalid-manifest', `${opts.where}: ${problem}`)
  const header = stripParameters(opts.contentType)
  if (!GENERIC_TYPES.has(header) && header !== MediaTypes.ociIndex) {
    throw fail(`served as '${header}', expected an image index (${MediaTypes.ociIndex})`)
  }
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'))
  } catch (e) {
    throw fail(`answer is not valid JSON (${(e as Error).message})`)
  }
  if (!isObject(json)) throw fail('answer is not a JSON object')
  if (json.mediaType !== undefined && json.mediaType !== MediaTypes.ociIndex) {
    throw fail(`mediaType is ${JSON.stringify(json.mediaType)}, expected '${MediaTypes.ociIndex}'`)
  }
  if (json.schemaVersion !== 2) {
    throw fail(`schemaVersion must be 2, got ${JSON.stringify(json.schemaVersion ?? null)}`)
  }
  if (!Array.isArray(json.manifests)) throw fail('has no manifests array')

  const filter = opts.artifactType
  const filterHere =
    filter !== undefined &&
    !parseFiltersApplied(opts.filtersApplied).some(f => f.toLowerCase() === 'artifacttype')
  const notes: string[] = []
  if (filterHere) {
    notes.push(`${opts.where}: the registry did not apply the artifactType filter; applied here`)
  }
  const seen = new Set<string>()
  const referrers: Descriptor[] = []
  json.manifests.forEach((entry: unknown, i) => {
    let d: Descriptor
    try {
      d = parseDescriptor(entry, `manifests[${i}]`)
    } catch (e) {
      notes.push(`${opts.where}: skipped ${(e as Error).message}`)
      return
    }
    if (seen.has(d.digest)) {
      notes.push(`${opts.where}: ${d.digest} is listed more than once; counted once`)
      return
    }
    seen.add(d.digest)
    if (filterHere && d.artifactType !== filter) return
    referrers.push(d)
  })
  return { referrers, notes }
}

/**
 * Whether an answer to the referrers path means "this registry has no referrers API", so the
 * tag schema is next: a 404 and nothing else (spec.md "Unavailable Referrers API"; a registry
 * with the API MUST NOT answer 404). distribution 2.8 answers a plain-text `404 page not found`.
 */
export function lacksReferrersApi(status: number): boolean {
  return status === REFERRERS_MISSING_STATUS
}
