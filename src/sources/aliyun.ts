import { createHash, createHmac, randomUUID } from 'node:crypto'
import { type IncomingMessage, request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { DigestGateError, type ErrorKind, isDigestGateError } from '../errors.js'
import { type Manifest, isAttestation, parseManifest } from '../manifest.js'
import { type Platform, formatPlatform, normalizePlatform } from '../platform.js'
import { type RegistryReference, formatName } from '../reference.js'
import { type ImageRecord, type PlatformRecord, emptyRecord, failRecord } from '../resolve.js'

/**
 * `source: aliyun`: Alibaba Cloud Container Registry's own OpenAPI (Personal Edition, product
 * `cr`, API version 2016-06-07, ROA style), operation GetImageManifest:
 * `GET /repos/{RepoNamespace}/{RepoName}/tags/{Tag}/manifest` on `cr.{regionId}.aliyuncs.com`,
 * answering `{"data":{"manifest":{…}},"requestId":…}` (registry-notes §9, seed 001).
 *
 * The API answers the manifest re-serialised inside its own JSON, never the bytes the registry
 * stores, and no content digest: hashing what it sends would not give the registry's digest, so
 * the top digest and schema 1 platform digests stay null, as do sizes that the manifest does not
 * state (contract: "never guessed").
 *
 * Request signing, two methods (both documented by Alibaba Cloud):
 * - V3, `ACS3-HMAC-SHA256` (the default). "Request syntax and signature method V3":
 *   https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
 *   (zh: https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature).
 *   The SDK docs say V2 users should switch to V3, and that V3 works for every product whose SDK
 *   is in OpenAPI Explorer; `cr` 2016-06-07 is (aliyun/alibabacloud-typescript-sdk
 *   cr-20160607: action GetImageManifest, style ROA), and the official client
 *   (aliyun/darabonba-openapi `callApi`) signs with ACS3-HMAC-SHA256 unless told `v2`.
 * - V2 ROA, HMAC-SHA1, `Authorization: acs AccessKeyId:Signature` (`x-acs-signature-version:
 *   1.0`), which Container Registry's own API reference still describes
 *   (https://www.alibabacloud.com/help/doc-detail/72382.htm, common headers
 *   https://www.alibabacloud.com/help/doc-detail/72378.htm) and which the SDK docs mark as no
 *   longer recommended: https://www.alibabacloud.com/help/en/sdk/product-overview/roa-mechanism.
 *   Kept as an option for accounts or gateways that still need it.
 */

/** The API version of Container Registry Personal Edition's OpenAPI (registry-notes §9). */
export const ALIYUN_CR_API_VERSION = '2016-06-07'
/** The operation name the SDK gives GET …/manifest (cr-20160607 client, `x-acs-action`). */
export const ALIYUN_CR_ACTION = 'GetImageManifest'
/** The answer is JSON wrapping one manifest; nothing legitimate comes near this. */
export const ALIYUN_BODY_CAP = 4 * 1024 * 1024

/**
 * `v3`: ACS3-HMAC-SHA256 (the current method). `v2`: the ROA HMAC-SHA1 method the SDK docs call
 * "signature method V2" (it sends `x-acs-signature-version: 1.0`).
 */
export type AliyunSignatureVersion = 'v3' | 'v2'

/** Settings of `source: aliyun`, from the `aliyun-*` inputs (contract: source-specific inputs). */
export interface AliyunOptions {
  /** Region ID, e.g. `cn-hangzhou`: picks the endpoint and is sent as `RegionId`. */
  region: string
  accessKeyId: string
  accessKeySecret: string
  /** STS token: sent as `x-acs-security-token`, which both methods sign. */
  securityToken?: string
  /** Override, e.g. `http://127.0.0.1:PORT`; default `https://cr.{region}.aliyuncs.com`. */
  endpoint?: string
  /** Milliseconds one request may take, connection included. */
  timeoutMs: number
  /** Default `v3`, the method the SDK documentation currently specifies. */
  signatureVersion?: AliyunSignatureVersion
  /**
   * `SchemaVersion` asked for. Default 1: schema 1 states the architecture and os, which a
   * schema 2 manifest leaves to a config blob this API does not serve.
   */
  schemaVersion?: 1 | 2
  /** Clock and nonce, injectable so that signatures can be tested. */
  now?: () => Date
  nonce?: () => string
}

/** A request as the signers see it. Header names lowercase; `path` already percent-encoded. */
export interface SignableRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  body?: Uint8Array
}

/** Every intermediate of a V3 signature, so tests can compare each documented step. */
export interface V3Signature {
  canonicalRequest: string
  stringToSign: string
  signature: string
  signedHeaders: string
  authorization: string
}

/** The V2 ROA StringToSign, its base64 signature and the `Authorization` value. */
export interface V2Signature {
  stringToSign: string
  signature: string
  authorization: string
}

/** `https://cr.{region}.aliyuncs.com`, the endpoint the API reference gives (doc-detail/72380). */
export function defaultAliyunEndpoint(region: string): string {
  return `https://cr.${region}.aliyuncs.com`
}

/**
 * RFC 3986 percent-encoding as the V3 document specifies it: only `A-Za-z0-9-_.~` stay, space is
 * `%20`, `*` is `%2A`, `~` is kept. encodeURIComponent leaves `!'()*` alone, so those are fixed.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** The hash of an empty body, which every GET here signs (V3 "HashedRequestPayload"). */
export const EMPTY_SHA256 = sha256Hex('')
/** Base64 MD5 of an empty body, the V2 `Content-MD5` of a GET. */
export const EMPTY_MD5 = createHash('md5').update('').digest('base64')

/** Sorted `k=v` pairs, both percent-encoded, joined by `&` (V3 "CanonicalQueryString"). */
function canonicalQueryV3(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map(k => `${percentEncode(k)}=${percentEncode(query[k])}`)
    .join('&')
}

/**
 * V3 step 1 (CanonicalRequest): method, the encoded path, the canonical query, then every
 * `x-acs-*`, `host` and `content-type` header lowercased, trimmed and sorted, their names again
 * as SignedHeaders, and the hex SHA-256 of the body. Other headers (accept, user-agent) are not
 * signed, as in the document's Step 4 request.
 */
export function canonicalRequestV3(req: SignableRequest): {
  canonicalRequest: string
  signedHeaders: string
} {
  const names = Object.keys(req.headers)
    .map(n => n.toLowerCase())
    .filter(n => n.startsWith('x-acs-') || n === 'host' || n === 'content-type')
    .sort()
  const lower = lowerCaseHeaders(req.headers)
  const canonicalHeaders = names.map(n => `${n}:${lower[n].trim()}\n`).join('')
  const signedHeaders = names.join(';')
  const payload = lower['x-acs-content-sha256'] ?? sha256Hex(req.body ?? new Uint8Array())
  const canonicalRequest = [
    req.method.toUpperCase(),
    req.path,
    canonicalQueryV3(req.query),
    canonicalHeaders,
    signedHeaders,
    payload
  ].join('\n')
  return { canonicalRequest, signedHeaders }
}

/** V3 steps 2–4: `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request, HMAC-SHA256 hex. */
export function signV3(
  req: SignableRequest,
  accessKeyId: string,
  accessKeySecret: string
): V3Signature {
  const { canonicalRequest, signedHeaders } = canonicalRequestV3(req)
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`
  const signature = createHmac('sha256', accessKeySecret).update(stringToSign).digest('hex')
  return {
    canonicalRequest,
    stringToSign,
    signature,
    signedHeaders,
    authorization: `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`
  }
}

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v
  return out
}

/**
 * V2 ROA StringToSign (roa-mechanism; CR doc-detail/72382): `METHOD\nAccept\nContent-MD5\n
 * Content-Type\nDate\n`, an empty line for each one absent; then every `x-acs-*` header as
 * `name:value\n`, names lowercased and sorted, tabs and line breaks in values made spaces; then
 * the path, plus `?` and the query sorted as `k=v` joined by `&`, not encoded.
 */
export function stringToSignV2(req: SignableRequest): string {
  const h = lowerCaseHeaders(req.headers)
  const head = [
    req.method.toUpperCase(),
    h.accept ?? '',
    h['content-md5'] ?? '',
    h['content-type'] ?? '',
    h.date ?? ''
  ]
    .map(v => `${v}\n`)
    .join('')
  const acs = Object.keys(h)
    .filter(n => n.startsWith('x-acs-'))
    .sort()
    .map(n => `${n}:${h[n].replace(/[\t\n\r\f]/g, ' ').trim()}\n`)
    .join('')
  const keys = Object.keys(req.query).sort()
  const resource = keys.length
    ? `${req.path}?${keys.map(k => `${k}=${req.query[k]}`).join('&')}`
    : req.path
  return head + acs + resource
}

/** V2: base64 HMAC-SHA1 keyed with the secret itself (no `&`, unlike RPC-style V2). */
export function roaSignature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha1', accessKeySecret).update(stringToSign, 'utf8').digest('base64')
}

/** V2 ROA: the StringToSign, its signature, and `Authorization: acs AccessKeyId:Signature`. */
export function signV2(
  req: SignableRequest,
  accessKeyId: string,
  accessKeySecret: string
): V2Signature {
  const stringToSign = stringToSignV2(req)
  const signature = roaSignature(stringToSign, accessKeySecret)
  return { stringToSign, signature, authorization: `acs ${accessKeyId}:${signature}` }
}

/** `yyyy-MM-ddTHH:mm:ssZ`, the V3 `x-acs-date` format (no fractions). */
export function acsDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** What the source needs to build one GetImageManifest request. */
export interface ManifestRequestParts {
  namespace: string
  repository: string
  tag: string
}

/**
 * The full signed GetImageManifest request: the path, query and every header as sent,
 * `authorization` included. Exported so that tests can check the bytes that go on the wire.
 */
export function buildSignedRequest(
  opts: AliyunOptions,
  parts: ManifestRequestParts,
  host: string
): SignableRequest {
  const now = (opts.now ?? (() => new Date()))()
  const nonce = (opts.nonce ?? randomUUID)()
  const path = `/repos/${percentEncode(parts.namespace)}/${percentEncode(parts.repository)}/tags/${percentEncode(parts.tag)}/manifest`
  const query: Record<string, string> = {
    RegionId: opts.region,
    SchemaVersion: String(opts.schemaVersion ?? 1)
  }
  const req: SignableRequest = { method: 'GET', path, query, headers: {} }
  const token = opts.securityToken?.trim()
  if ((opts.signatureVersion ?? 'v3') === 'v3') {
    req.headers = {
      host,
      accept: 'application/json',
      'x-acs-action': ALIYUN_CR_ACTION,
      'x-acs-version': ALIYUN_CR_API_VERSION,
      'x-acs-date': acsDate(now),
      'x-acs-signature-nonce': nonce,
      'x-acs-content-sha256': EMPTY_SHA256
    }
    if (token) {
      // As the official client does with STS credentials; both are x-acs-*, so both are signed.
      req.headers['x-acs-accesskey-id'] = opts.accessKeyId
      req.headers['x-acs-security-token'] = token
    }
    req.headers.authorization = signV3(req, opts.accessKeyId, opts.accessKeySecret).authorization
  } else {
    // All four standard headers are always sent, so no SDK disagreement about empty lines arises
    // (registry-notes §9); x-acs-region-id is a required common header in doc-detail/72378.
    req.headers = {
      host,
      accept: 'application/json',
      'content-md5': EMPTY_MD5,
      'content-type': 'application/json',
      date: now.toUTCString(),
      'x-acs-version': ALIYUN_CR_API_VERSION,
      'x-acs-region-id': opts.region,
      'x-acs-signature-method': 'HMAC-SHA1',
      'x-acs-signature-nonce': nonce,
      'x-acs-signature-version': '1.0'
    }
    if (token) req.headers['x-acs-security-token'] = token
    req.headers.authorization = signV2(req, opts.accessKeyId, opts.accessKeySecret).authorization
  }
  return req
}

interface ApiResponse {
  status: number
  headers: IncomingMessage['headers']
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

type Json = Record<string, unknown>

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function stringField(json: Json, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = json[n]
    if (typeof v === 'string' && v) return v
  }
  return undefined
}

/**
 * The Alibaba Cloud Container Registry OpenAPI as a source. One request per image; it never
 * throws for an expected failure: the record carries the error.
 */
export class AliyunSource {
  /** Requests sent to the API, for the report. */
  requests = 0
  private readonly endpoint: URL
  private readonly endpointProblem?: string

  constructor(private readonly opts: AliyunOptions) {
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
  }

  /** `cr.{region}.aliyuncs.com` or the override's host, for messages. */
  get label(): string {
    return this.endpoint.host
  }

  async resolve(ref: RegistryReference): Promise<ImageRecord> {
    const record = emptyRecord(ref.image)
    record.ref = formatName(ref)
    record.source = 'aliyun'
    try {
      const parts = this.partsOf(ref)
      const what = `${parts.namespace}/${parts.repository}:${parts.tag}`
      const regionNote = this.regionMismatch(ref.registry)
      if (regionNote) record.notes.push(regionNote)
      const res = await this.call(parts)
      if (res.status < 200 || res.status >= 300) throw this.failure(res, what)
      const manifest = this.manifestOf(res, what)
      this.fill(record, manifest, what)
      return record
    } catch (e) {
      return failRecord(record, this.scrub(e), ref.image)
    }
  }

  private partsOf(ref: RegistryReference): ManifestRequestParts {
    if (this.endpointProblem)
      throw new DigestGateError('invalid-input', `source aliyun: ${this.endpointProblem}`)
    if (ref.digest) {
      // GetImageManifest takes a tag; it answers no digest, so a pinned digest cannot be checked.
      throw new DigestGateError(
        'invalid-input',
        `source aliyun resolves tags only: the Container Registry API (GetImageManifest) takes a tag and answers no digest, so '${ref.image}' with @${ref.digest} cannot be resolved or checked; use source 'registry' for digests`
      )
    }
    const segments = ref.repository.split('/')
    if (segments.length !== 2 || segments.some(s => !s)) {
      throw new DigestGateError(
        'invalid-input',
        `source aliyun needs exactly <namespace>/<repository> after the registry host, got '${ref.repository}'`
      )
    }
    return { namespace: segments[0], repository: segments[1], tag: ref.tag ?? 'latest' }
  }

  /** A note, not an error: the API region decides, and the image's host may just be a mirror. */
  private regionMismatch(registry: string): string | undefined {
    const m = /^registry(?:-vpc|-intl|-internal)*\.([a-z0-9-]+)\.aliyuncs\.com$/.exec(registry)
    if (m && m[1] !== this.opts.region)
      return `the image names region ${m[1]} but the API is asked in region ${this.opts.region}`
    return undefined
  }

  private manifestOf(res: ApiResponse, what: string): Manifest {
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
    try {
      // Re-serialised: parseManifest reads the shape, and its hash is never used as a digest.
      return parseManifest(Buffer.from(JSON.stringify(manifest)), 'application/json')
    } catch (e) {
      if (isDigestGateError(e))
        throw new DigestGateError(e.kind, `${this.where()} manifest for ${what}: ${e.message}`, {
          registry: this.label
        })
      throw e
    }
  }

  private fill(record: ImageRecord, manifest: Manifest, what: string): void {
    record.mediaType = manifest.mediaType
    record.digest = null
    const noDigest = `source aliyun: digests are null because the Container Registry API answers the manifest re-serialised inside its own JSON and states no content digest; a hash of that JSON is not the registry's digest`
    if (manifest.kind === 'schema1') {
      record.platforms.push(
        platformRecord(manifest.platform, {
          digest: null,
          mediaType: manifest.mediaType,
          layers: manifest.layers.length,
          size: null
        })
      )
      record.notes.push(
        noDigest,
        `source aliyun: sizes are null because ${what} is a schema 1 manifest, which states no layer sizes, and the API serves no blobs to measure`
      )
      if (!manifest.platform)
        record.notes.push(`the schema 1 manifest for ${what} names no architecture`)
      return
    }
    if (manifest.kind === 'image') {
      record.platforms.push(
        platformRecord(null, {
          digest: null,
          mediaType: manifest.mediaType,
          layers: manifest.layers.length,
          size: manifest.layers.reduce((sum, l) => sum + l.size, 0),
          config: manifest.config.digest,
          layerList: manifest.layers.map(l => ({
            digest: l.digest,
            size: l.size,
            mediaType: l.mediaType
          }))
        })
      )
      record.notes.push(
        noDigest,
        `source aliyun: the platform of ${what} is unknown because a schema 2 manifest leaves it to the config blob, which this API does not serve; ask for SchemaVersion 1 to get it`
      )
      return
    }
    // An index: its entries state their children's digests, which are the registry's own.
    for (const entry of manifest.manifests) {
      if (isAttestation(entry)) {
        record.attestations++
        continue
      }
      if (!entry.platform) {
        record.notes.push(`skipped ${entry.digest}: the index entry names no platform`)
        continue
      }
      record.platforms.push(
        platformRecord(entry.platform, {
          digest: entry.digest,
          mediaType: entry.mediaType,
          layers: null,
          size: null
        })
      )
    }
    record.notes.push(
      `source aliyun: the top digest is null because the Container Registry API states no content digest for the index; per-platform digests are as the index states them, and layer counts and sizes are not available without fetching each manifest`
    )
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

  private call(parts: ManifestRequestParts): Promise<ApiResponse> {
    this.requests++
    const url = this.endpoint
    const signed = buildSignedRequest(this.opts, parts, url.host)
    const search = Object.keys(signed.query)
      .sort()
      .map(k => `${percentEncode(k)}=${percentEncode(signed.query[k])}`)
      .join('&')
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const headers = { ...signed.headers, 'user-agent': 'digest-gate' }
    const label = `${url.protocol}//${url.host}`
    return new Promise((resolve, reject) => {
      // One budget for the whole request, connection and body alike.
      const signal = AbortSignal.timeout(this.opts.timeoutMs)
      let settled = false
      const fail = (e: DigestGateError): void => {
        if (settled) return
        settled = true
        req.destroy()
        reject(e)
      }
      const failed = (e: NodeJS.ErrnoException): void =>
        fail(signal.aborted ? timedOut(label, this.opts.timeoutMs) : unreachable(label, e))
      const req = send(
        {
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || undefined,
          method: signed.method,
          path: `${signed.path}?${search}`,
          headers,
          signal
        },
        res => {
          const declared = Number(res.headers['content-length'])
          if (Number.isFinite(declared) && declared > ALIYUN_BODY_CAP) {
            fail(tooLarge(label))
            return
          }
          const chunks: Buffer[] = []
          let total = 0
          res.on('data', (c: Buffer) => {
            total += c.length
            if (total > ALIYUN_BODY_CAP) {
              fail(tooLarge(label))
              return
            }
            chunks.push(c)
          })
          res.on('end', () => {
            if (settled) return
            settled = true
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks)
            })
          })
          res.on('error', failed)
        }
      )
      signal.addEventListener('abort', () => fail(timedOut(label, this.opts.timeoutMs)), {
        once: true
      })
      req.on('error', failed)
      req.end()
    })
  }
}

function timedOut(label: string, ms: number): DigestGateError {
  return new DigestGateError(
    'timeout',
    `Alibaba Cloud Container Registry API at ${label} did not answer within ${ms / 1000} s`
  )
}

function tooLarge(label: string): DigestGateError {
  return new DigestGateError(
    'registry-error',
    `Alibaba Cloud Container Registry API at ${label} sent more than ${ALIYUN_BODY_CAP} bytes; refusing to read it`
  )
}

function unreachable(label: string, e: NodeJS.ErrnoException): DigestGateError {
  return new DigestGateError(
    'network',
    `cannot reach the Alibaba Cloud Container Registry API at ${label} (${e.code ?? e.message}); check the region and the endpoint`
  )
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
export function parseApiError(res: {
  body: Uint8Array
  headers: IncomingMessage['headers']
}): ApiError {
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

function platformRecord(
  declared: Platform | null,
  fields: Omit<PlatformRecord, 'platform' | 'declared'>
): PlatformRecord {
  const out: PlatformRecord = {
    platform: declared ? formatPlatform(normalizePlatform(declared)) : 'unknown',
    ...fields
  }
  if (declared) out.declared = declared
  return out
}
