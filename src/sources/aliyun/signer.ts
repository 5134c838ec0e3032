import { createHash, createHmac, randomUUID } from 'node:crypto'

/**
 * Signing for Alibaba Cloud Container Registry's OpenAPI (`source: aliyun`; the client is
 * api-source.ts). Pure: requests in, headers and signatures out.
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
const ALIYUN_CR_API_VERSION = '2016-06-07'
/** The operation name the SDK gives GET …/manifest (cr-20160607 client, `x-acs-action`). */
const ALIYUN_CR_ACTION = 'GetImageManifest'

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
