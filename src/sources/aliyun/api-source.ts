import type { IncomingHttpHeaders } from 'node:http'
import { DigestGateError, type ErrorKind, isDigestGateError } from '../../model/errors.js'
import type { HttpClient } from '../../http/client.js'
import { originOf } from '../../http/rules.js'
import { ALIYUN_BODY_CAP } from '../../model/limits.js'
import { type Json, isObject } from '../../model/json-shape.js'
import type { FetchedManifest, Source, SourceAbilities, SourceLimit } from '../source.js'
import {
  type AliyunOptions,
  type ManifestRequestParts,
  buildSignedRequest,
  defaultAliyunEndpoint,
  percentEncode
} from './signer.js'

/**
 * `source: aliyun`: Alibaba Cloud Container Registry's own OpenAPI (Personal Edition, product
 * `cr`, API version 2016-06-07, ROA style), operation GetImageManifest:
 * `GET /repos/{RepoNamespace}/{RepoName}/tags/{Tag}/manifest` on `cr.{regionId}.aliyuncs.com`,
 * answering `{"data":{"manifest":{…}},"requestId":…}` (registry-notes §9, seed 001).
 *
 * The API answers the manifest re-serialised inside its own JSON, never the bytes the registry
 * stores, and no content digest: hashing what it sends would not give the registry's digest, so
 * resolve.ts leaves the digests null, as it does sizes that the manifest does not state
 * (contract: "never guessed"). One request per image, through the shared HTTP layer.
 */

export { defaultAliyunEndpoint }

/** The API serves one manifest per call and no blobs. */
const ABILITIES: SourceAbilities = Object.freeze({
  exactBytes: false,
  manifestsByDigest: false,
  blobs: false,
  blobSizes: false
})

interface ApiResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

interface ApiError {
  code?: string
  message?: string
  requestId?: string
}

/** Error codes that mean the credentials (not the permissions) are wrong; 403 is used for both. */
const CREDENTIAL_CODES =
  /^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|InvalidAccessKeySecret|InvalidSecurityToken|SecurityTokenExpired|InvalidAuthorization|MissingAuthorization|InvalidTimeStamp|InvalidDate|MissingDate|SignatureNonceUsed|UnsupportedSignature)/i
const THROTTLING_CODES = /^Throttling/i

function stringField(json: Json, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = json[n]
    if (typeof v === 'string' && v) return v
  }
  return undefined
}

export class AliyunSource implements Source {
  readonly kind = 'aliyun'
  readonly abilities = ABILITIES
  readonly notes: readonly string[]
  private readonly endpoint: URL
  private readonly endpointProblem?: string

  /** `registry` is the image's host, which only the region note looks at: the API decides. */
  constructor(
    private readonly opts: AliyunOptions,
    private readonly http: HttpClient,
    registry = ''
  ) {
    const raw = (opts.endpoint ?? '').trim() || defaultAliyunEndpoint(opts.region)
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      url = new URL(defaultAliyunEndpoint('invalid'))
      this.endpointProblem = `endpoint '${raw}' is not a URL; expected e.g. https://cr.${opts.region}.aliyuncs.com`
    }
    if (!this.endpointProblem) {
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        this.endpointProblem = `endpoint '${raw}' must be http:// or https://`
      // The signature covers the path: a prefix a proxy strips would make every signature wrong.
      else if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.username)
        this.endpointProblem = `endpoint '${raw}' must be a bare origin (scheme://host[:port]), without path, query or credentials`
    }
    this.endpoint = url
    const note = this.regionMismatch(registry)
    this.notes = note ? [note] : []
  }

  /** `cr.{region}.aliyuncs.com` or the override's host, for messages. */
  get label(): string {
    return this.endpoint.host
  }

  /** Requests this source sent to the API. */
  get requests(): number {
    return this.http.requestsTo(originOf(this.endpoint.toString()))
  }

  explain(limit: SourceLimit, subject: string): string {
    switch (limit) {
      case 'digest':
        return "source aliyun: digests are null because the Container Registry API answers the manifest re-serialised inside its own JSON and states no content digest; a hash of that JSON is not the registry's digest"
      case 'blob-sizes':
        return `source aliyun: sizes are null because ${subject} is a schema 1 manifest, which states no layer sizes, and the API serves no blobs to measure`
      case 'config':
        return `source aliyun: the platform of ${subject} is unknown because a schema 2 manifest leaves it to the config blob, which this API does not serve; ask for SchemaVersion 1 to get it`
      case 'children':
      case 'platforms':
        return 'source aliyun: per-platform digests are as the index states them, and layer counts and sizes are not available without fetching each manifest'
    }
  }

  async fetchManifest(repository: string, reference: string): Promise<FetchedManifest> {
    try {
      const parts = this.partsOf(repository, reference)
      const what = `${parts.namespace}/${parts.repository}:${parts.tag}`
      const res = await this.call(parts)
      if (res.status < 200 || res.status >= 300) throw this.failure(res, what)
      return {
        kind: 'manifest',
        // Re-serialised: resolve.ts reads its shape, and never takes its hash for a digest.
        body: Buffer.from(JSON.stringify(this.manifestOf(res, what))),
        contentType: 'application/json'
      }
    } catch (e) {
      throw this.scrub(e)
    }
  }

  private partsOf(repository: string, reference: string): ManifestRequestParts {
    if (this.endpointProblem)
      throw new DigestGateError('invalid-input', `source aliyun: ${this.endpointProblem}`)
    if (/^sha(256|512):/.test(reference)) {
      // GetImageManifest takes a tag; it answers no digest, so a pinned digest cannot be checked.
      throw new DigestGateError(
        'invalid-input',
        `source aliyun resolves tags only: the Container Registry API (GetImageManifest) takes a tag and answers no digest, so @${reference} cannot be resolved or checked; use source 'registry' for digests`
      )
    }
    const segments = repository.split('/')
    if (segments.length !== 2 || segments.some(s => !s)) {
      throw new DigestGateError(
        'invalid-input',
        `source aliyun needs exactly <namespace>/<repository> after the registry host, got '${repository}'`
      )
    }
    return { namespace: segments[0], repository: segments[1], tag: reference }
  }

  /** A note, not an error: the API region decides, and the image's host may just be a mirror. */
  private regionMismatch(registry: string): string | undefined {
    const m = /^registry(?:-vpc|-intl|-internal)*\.([a-z0-9-]+)\.aliyuncs\.com$/.exec(registry)
    if (m && m[1] !== this.opts.region)
      return `the image names region ${m[1]} but the API is asked in region ${this.opts.region}`
    return undefined
  }

  private manifestOf(res: ApiResponse, what: string): Json {
    let json: unknown
    try {
      json = JSON.parse(res.body.toString('utf8'))
    } catch {
      throw new DigestGateError(
        'registry-error',
        `${this.where()} answered HTTP ${res.status} with invalid JSON for ${what}`,
        { registry: this.label, status: res.status }
      )
    }
    const data = isObject(json) ? json.data : undefined
    const manifest = isObject(data) ? data.manifest : undefined
    if (!isObject(manifest)) {
      const requestId = isObject(json) ? stringField(json, 'requestId', 'RequestId') : undefined
      throw new DigestGateError(
        'registry-error',
        `${this.where()} answered without data.manifest for ${what}${requestId ? ` (requestId ${requestId})` : ''}`,
        { registry: this.label, status: res.status }
      )
    }
    return manifest
  }

  private where(): string {
    return `Alibaba Cloud Container Registry API at ${this.label}`
  }

  private failure(res: ApiResponse, what: string): DigestGateError {
    const err = parseApiError(res)
    const status = res.status
    const code = err.code
    let kind: ErrorKind
    if (status === 401 || (code && CREDENTIAL_CODES.test(code) && status < 500))
      kind = 'unauthorized'
    else if (status === 403) kind = 'denied'
    else if (status === 404) kind = 'not-found'
    else if (status === 429 || (code && THROTTLING_CODES.test(code))) kind = 'rate-limited'
    else if (status >= 500) kind = 'unavailable'
    else kind = 'registry-error'
    const said = [code, truncate(err.message ?? '', 300)].filter(Boolean).join(': ')
    const id = err.requestId ? ` (requestId ${err.requestId})` : ''
    let hint = ''
    if (kind === 'unauthorized')
      hint =
        '. Check the AccessKey ID and secret (and the STS security token, if one is used) and that the clock is right'
    else if (kind === 'denied')
      hint = '. The credentials were accepted but lack permission (RAM policy cr:GetImageManifest)'
    else if (kind === 'not-found')
      hint = `. Check the namespace, repository and tag, and the region`
    return new DigestGateError(
      kind,
      `${this.where()} answered HTTP ${status}${said ? ` ${said}` : ''} for ${what}${id}${hint}`,
      { registry: this.label, code: code ?? String(status), status }
    )
  }

  /** Belt and braces: no message may carry the secret or the token, whatever a server echoes. */
  private scrub(e: unknown): unknown {
    if (!isDigestGateError(e)) return e
    let message = e.message
    for (const secret of [this.opts.accessKeySecret, this.opts.securityToken]) {
      if (secret && secret.length >= 4) message = message.split(secret).join('***')
    }
    if (message === e.message) return e
    return new DigestGateError(e.kind, message, {
      registry: e.registry,
      code: e.code,
      status: e.status
    })
  }

  private async call(parts: ManifestRequestParts): Promise<ApiResponse> {
    const url = this.endpoint
    const signed = buildSignedRequest(this.opts, parts, url.host)
    const search = Object.keys(signed.query)
      .sort()
      .map(k => `${percentEncode(k)}=${percentEncode(signed.query[k])}`)
      .join('&')
    // The signed headers go as signed (host included); the HTTP layer adds only its user-agent.
    const headers = signed.headers
    const origin = `${url.protocol}//${url.host}`
    try {
      return await this.http.send({
        method: 'GET',
        url: `${origin}${signed.path}?${search}`,
        headers,
        maxBytes: ALIYUN_BODY_CAP
      })
    } catch (e) {
      if (!isDigestGateError(e)) throw e
      if (e.kind === 'network' && e.code)
        throw new DigestGateError(
          'network',
          `cannot reach the Alibaba Cloud Container Registry API at ${origin} (${e.code}); check the region and the endpoint`,
          { registry: this.label, code: e.code }
        )
      if (e.kind === 'timeout')
        throw new DigestGateError(
          'timeout',
          `${this.where()} did not answer within ${this.http.timeoutMs / 1000} s`,
          { registry: this.label }
        )
      if (e.code === 'TOO_LARGE')
        throw new DigestGateError(
          'registry-error',
          `${this.where()} sent more than ${ALIYUN_BODY_CAP} bytes; refusing to read it`,
          { registry: this.label }
        )
      throw e
    }
  }
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s
}

/**
 * The error body: GetImageManifest answers camelCase (`code`, `message`, `requestId`, as its
 * success body's `requestId`); the API gateway answers PascalCase (`Code`, `Message`,
 * `RequestId`). The official client reads either (darabonba-openapi `err["Code"] ||
 * err["code"]`), and so does this. The request ID may also come as `x-acs-request-id`.
 */
function parseApiError(res: { body: Uint8Array; headers: IncomingHttpHeaders }): ApiError {
  const out: ApiError = {}
  try {
    const json: unknown = JSON.parse(Buffer.from(res.body).toString('utf8'))
    if (isObject(json)) {
      const inner = isObject(json.data) ? json.data : {}
      out.code = stringField(json, 'code', 'Code') ?? stringField(inner, 'code', 'Code')
      out.message =
        stringField(json, 'message', 'Message') ?? stringField(inner, 'message', 'Message')
      out.requestId = stringField(json, 'requestId', 'RequestId')
    }
  } catch {
    const text = Buffer.from(res.body).toString('utf8').trim()
    if (text) out.message = text
  }
  const header = res.headers['x-acs-request-id']
  out.requestId ??= (Array.isArray(header) ? header[0] : header) || undefined
  return out
}
