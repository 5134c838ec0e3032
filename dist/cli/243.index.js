export const id = 243;
export const ids = [243];
export const modules = {

/***/ 1243:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AliyunSource: () => (/* binding */ AliyunSource)
});

// UNUSED EXPORTS: defaultAliyunEndpoint

// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
// EXTERNAL MODULE: ./src/http/rules.ts
var rules = __webpack_require__(6863);
// EXTERNAL MODULE: ./src/model/limits.ts
var limits = __webpack_require__(817);
// EXTERNAL MODULE: ./src/model/json-shape.ts
var json_shape = __webpack_require__(663);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/sources/aliyun/signer.ts

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
const ALIYUN_CR_API_VERSION = '2016-06-07';
/** The operation name the SDK gives GET …/manifest (cr-20160607 client, `x-acs-action`). */
const ALIYUN_CR_ACTION = 'GetImageManifest';
/** `https://cr.{region}.aliyuncs.com`, the endpoint the API reference gives (doc-detail/72380). */
function defaultAliyunEndpoint(region) {
    return `https://cr.${region}.aliyuncs.com`;
}
/**
 * RFC 3986 percent-encoding as the V3 document specifies it: only `A-Za-z0-9-_.~` stay, space is
 * `%20`, `*` is `%2A`, `~` is kept. encodeURIComponent leaves `!'()*` alone, so those are fixed.
 */
function percentEncode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}
/** The hash of an empty body, which every GET here signs (V3 "HashedRequestPayload"). */
const EMPTY_SHA256 = sha256Hex('');
/** Base64 MD5 of an empty body, the V2 `Content-MD5` of a GET. */
const EMPTY_MD5 = (0,external_node_crypto_.createHash)('md5').update('').digest('base64');
/** Sorted `k=v` pairs, both percent-encoded, joined by `&` (V3 "CanonicalQueryString"). */
function canonicalQueryV3(query) {
    return Object.keys(query)
        .sort()
        .map(k => `${percentEncode(k)}=${percentEncode(query[k])}`)
        .join('&');
}
/**
 * V3 step 1 (CanonicalRequest): method, the encoded path, the canonical query, then every
 * `x-acs-*`, `host` and `content-type` header lowercased, trimmed and sorted, their names again
 * as SignedHeaders, and the hex SHA-256 of the body. Other headers (accept, user-agent) are not
 * signed, as in the document's Step 4 request.
 */
function canonicalRequestV3(req) {
    const names = Object.keys(req.headers)
        .map(n => n.toLowerCase())
        .filter(n => n.startsWith('x-acs-') || n === 'host' || n === 'content-type')
        .sort();
    const lower = lowerCaseHeaders(req.headers);
    const canonicalHeaders = names.map(n => `${n}:${lower[n].trim()}\n`).join('');
    const signedHeaders = names.join(';');
    const payload = lower['x-acs-content-sha256'] ?? sha256Hex(req.body ?? new Uint8Array());
    const canonicalRequest = [
        req.method.toUpperCase(),
        req.path,
        canonicalQueryV3(req.query),
        canonicalHeaders,
        signedHeaders,
        payload
    ].join('\n');
    return { canonicalRequest, signedHeaders };
}
/** V3 steps 2–4: `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request, HMAC-SHA256 hex. */
function signV3(req, accessKeyId, accessKeySecret) {
    const { canonicalRequest, signedHeaders } = canonicalRequestV3(req);
    const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
    const signature = (0,external_node_crypto_.createHmac)('sha256', accessKeySecret).update(stringToSign).digest('hex');
    return {
        canonicalRequest,
        stringToSign,
        signature,
        signedHeaders,
        authorization: `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`
    };
}
function lowerCaseHeaders(headers) {
    const out = {};
    for (const [k, v] of Object.entries(headers))
        out[k.toLowerCase()] = v;
    return out;
}
/**
 * V2 ROA StringToSign (roa-mechanism; CR doc-detail/72382): `METHOD\nAccept\nContent-MD5\n
 * Content-Type\nDate\n`, an empty line for each one absent; then every `x-acs-*` header as
 * `name:value\n`, names lowercased and sorted, tabs and line breaks in values made spaces; then
 * the path, plus `?` and the query sorted as `k=v` joined by `&`, not encoded.
 */
function stringToSignV2(req) {
    const h = lowerCaseHeaders(req.headers);
    const head = [
        req.method.toUpperCase(),
        h.accept ?? '',
        h['content-md5'] ?? '',
        h['content-type'] ?? '',
        h.date ?? ''
    ]
        .map(v => `${v}\n`)
        .join('');
    const acs = Object.keys(h)
        .filter(n => n.startsWith('x-acs-'))
        .sort()
        .map(n => `${n}:${h[n].replace(/[\t\n\r\f]/g, ' ').trim()}\n`)
        .join('');
    const keys = Object.keys(req.query).sort();
    const resource = keys.length
        ? `${req.path}?${keys.map(k => `${k}=${req.query[k]}`).join('&')}`
        : req.path;
    return head + acs + resource;
}
/** V2: base64 HMAC-SHA1 keyed with the secret itself (no `&`, unlike RPC-style V2). */
function roaSignature(stringToSign, accessKeySecret) {
    return (0,external_node_crypto_.createHmac)('sha1', accessKeySecret).update(stringToSign, 'utf8').digest('base64');
}
/** V2 ROA: the StringToSign, its signature, and `Authorization: acs AccessKeyId:Signature`. */
function signV2(req, accessKeyId, accessKeySecret) {
    const stringToSign = stringToSignV2(req);
    const signature = roaSignature(stringToSign, accessKeySecret);
    return { stringToSign, signature, authorization: `acs ${accessKeyId}:${signature}` };
}
/** `yyyy-MM-ddTHH:mm:ssZ`, the V3 `x-acs-date` format (no fractions). */
function acsDate(d) {
    return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/**
 * The full signed GetImageManifest request: the path, query and every header as sent,
 * `authorization` included. Exported so that tests can check the bytes that go on the wire.
 */
function buildSignedRequest(opts, parts, host) {
    const now = (opts.now ?? (() => new Date()))();
    const nonce = (opts.nonce ?? external_node_crypto_.randomUUID)();
    const path = `/repos/${percentEncode(parts.namespace)}/${percentEncode(parts.repository)}/tags/${percentEncode(parts.tag)}/manifest`;
    const query = {
        RegionId: opts.region,
        SchemaVersion: String(opts.schemaVersion ?? 1)
    };
    const req = { method: 'GET', path, query, headers: {} };
    const token = opts.securityToken?.trim();
    if ((opts.signatureVersion ?? 'v3') === 'v3') {
        req.headers = {
            host,
            accept: 'application/json',
            'x-acs-action': ALIYUN_CR_ACTION,
            'x-acs-version': ALIYUN_CR_API_VERSION,
            'x-acs-date': acsDate(now),
            'x-acs-signature-nonce': nonce,
            'x-acs-content-sha256': EMPTY_SHA256
        };
        if (token) {
            // As the official client does with STS credentials; both are x-acs-*, so both are signed.
            req.headers['x-acs-accesskey-id'] = opts.accessKeyId;
            req.headers['x-acs-security-token'] = token;
        }
        req.headers.authorization = signV3(req, opts.accessKeyId, opts.accessKeySecret).authorization;
    }
    else {
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
        };
        if (token)
            req.headers['x-acs-security-token'] = token;
        req.headers.authorization = signV2(req, opts.accessKeyId, opts.accessKeySecret).authorization;
    }
    return req;
}

;// CONCATENATED MODULE: ./src/sources/aliyun/api-source.ts





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

/** The API serves one manifest per call and no blobs. */
const ABILITIES = Object.freeze({
    exactBytes: false,
    manifestsByDigest: false,
    blobs: false,
    blobSizes: false
});
/** Error codes that mean the credentials (not the permissions) are wrong; 403 is used for both. */
const CREDENTIAL_CODES = /^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|InvalidAccessKeySecret|InvalidSecurityToken|SecurityTokenExpired|InvalidAuthorization|MissingAuthorization|InvalidTimeStamp|InvalidDate|MissingDate|SignatureNonceUsed|UnsupportedSignature)/i;
const THROTTLING_CODES = /^Throttling/i;
function stringField(json, ...names) {
    for (const n of names) {
        const v = json[n];
        if (typeof v === 'string' && v)
            return v;
    }
    return undefined;
}
class AliyunSource {
    opts;
    http;
    kind = 'aliyun';
    abilities = ABILITIES;
    notes;
    endpoint;
    endpointProblem;
    /** `registry` is the image's host, which only the region note looks at: the API decides. */
    constructor(opts, http, registry = '') {
        this.opts = opts;
        this.http = http;
        const raw = (opts.endpoint ?? '').trim() || defaultAliyunEndpoint(opts.region);
        let url;
        try {
            url = new URL(raw);
        }
        catch {
            url = new URL(defaultAliyunEndpoint('invalid'));
            this.endpointProblem = `endpoint '${raw}' is not a URL; expected e.g. https://cr.${opts.region}.aliyuncs.com`;
        }
        if (!this.endpointProblem) {
            if (url.protocol !== 'https:' && url.protocol !== 'http:')
                this.endpointProblem = `endpoint '${raw}' must be http:// or https://`;
            // The signature covers the path: a prefix a proxy strips would make every signature wrong.
            else if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.username)
                this.endpointProblem = `endpoint '${raw}' must be a bare origin (scheme://host[:port]), without path, query or credentials`;
        }
        this.endpoint = url;
        const note = this.regionMismatch(registry);
        this.notes = note ? [note] : [];
    }
    /** `cr.{region}.aliyuncs.com` or the override's host, for messages. */
    get label() {
        return this.endpoint.host;
    }
    /** Requests this source sent to the API. */
    get requests() {
        return this.http.requestsTo((0,rules/* originOf */.yv)(this.endpoint.toString()));
    }
    explain(limit, subject) {
        switch (limit) {
            case 'digest':
                return "source aliyun: digests are null because the Container Registry API answers the manifest re-serialised inside its own JSON and states no content digest; a hash of that JSON is not the registry's digest";
            case 'blob-sizes':
                return `source aliyun: sizes are null because ${subject} is a schema 1 manifest, which states no layer sizes, and the API serves no blobs to measure`;
            case 'config':
                return `source aliyun: the platform of ${subject} is unknown because a schema 2 manifest leaves it to the config blob, which this API does not serve; ask for SchemaVersion 1 to get it`;
            case 'children':
            case 'platforms':
                return 'source aliyun: per-platform digests are as the index states them, and layer counts and sizes are not available without fetching each manifest';
        }
    }
    async fetchManifest(repository, reference) {
        try {
            const parts = this.partsOf(repository, reference);
            const what = `${parts.namespace}/${parts.repository}:${parts.tag}`;
            const res = await this.call(parts);
            if (res.status < 200 || res.status >= 300)
                throw this.failure(res, what);
            return {
                kind: 'manifest',
                // Re-serialised: resolve.ts reads its shape, and never takes its hash for a digest.
                body: Buffer.from(JSON.stringify(this.manifestOf(res, what))),
                contentType: 'application/json'
            };
        }
        catch (e) {
            throw this.scrub(e);
        }
    }
    partsOf(repository, reference) {
        if (this.endpointProblem)
            throw new errors/* DigestGateError */.ic('invalid-input', `source aliyun: ${this.endpointProblem}`);
        if (/^sha(256|512):/.test(reference)) {
            // GetImageManifest takes a tag; it answers no digest, so a pinned digest cannot be checked.
            throw new errors/* DigestGateError */.ic('invalid-input', `source aliyun resolves tags only: the Container Registry API (GetImageManifest) takes a tag and answers no digest, so @${reference} cannot be resolved or checked; use source 'registry' for digests`);
        }
        const segments = repository.split('/');
        if (segments.length !== 2 || segments.some(s => !s)) {
            throw new errors/* DigestGateError */.ic('invalid-input', `source aliyun needs exactly <namespace>/<repository> after the registry host, got '${repository}'`);
        }
        return { namespace: segments[0], repository: segments[1], tag: reference };
    }
    /** A note, not an error: the API region decides, and the image's host may just be a mirror. */
    regionMismatch(registry) {
        const m = /^registry(?:-vpc|-intl|-internal)*\.([a-z0-9-]+)\.aliyuncs\.com$/.exec(registry);
        if (m && m[1] !== this.opts.region)
            return `the image names region ${m[1]} but the API is asked in region ${this.opts.region}`;
        return undefined;
    }
    manifestOf(res, what) {
        let json;
        try {
            json = JSON.parse(res.body.toString('utf8'));
        }
        catch {
            throw new errors/* DigestGateError */.ic('registry-error', `${this.where()} answered HTTP ${res.status} with invalid JSON for ${what}`, { registry: this.label, status: res.status });
        }
        const data = (0,json_shape/* isObject */.G)(json) ? json.data : undefined;
        const manifest = (0,json_shape/* isObject */.G)(data) ? data.manifest : undefined;
        if (!(0,json_shape/* isObject */.G)(manifest)) {
            const requestId = (0,json_shape/* isObject */.G)(json) ? stringField(json, 'requestId', 'RequestId') : undefined;
            throw new errors/* DigestGateError */.ic('registry-error', `${this.where()} answered without data.manifest for ${what}${requestId ? ` (requestId ${requestId})` : ''}`, { registry: this.label, status: res.status });
        }
        return manifest;
    }
    where() {
        return `Alibaba Cloud Container Registry API at ${this.label}`;
    }
    failure(res, what) {
        const err = parseApiError(res);
        const status = res.status;
        const code = err.code;
        let kind;
        if (status === 401 || (code && CREDENTIAL_CODES.test(code) && status < 500))
            kind = 'unauthorized';
        else if (status === 403)
            kind = 'denied';
        else if (status === 404)
            kind = 'not-found';
        else if (status === 429 || (code && THROTTLING_CODES.test(code)))
            kind = 'rate-limited';
        else if (status >= 500)
            kind = 'unavailable';
        else
            kind = 'registry-error';
        const said = [code, truncate(err.message ?? '', 300)].filter(Boolean).join(': ');
        const id = err.requestId ? ` (requestId ${err.requestId})` : '';
        let hint = '';
        if (kind === 'unauthorized')
            hint =
                '. Check the AccessKey ID and secret (and the STS security token, if one is used) and that the clock is right';
        else if (kind === 'denied')
            hint = '. The credentials were accepted but lack permission (RAM policy cr:GetImageManifest)';
        else if (kind === 'not-found')
            hint = `. Check the namespace, repository and tag, and the region`;
        return new errors/* DigestGateError */.ic(kind, `${this.where()} answered HTTP ${status}${said ? ` ${said}` : ''} for ${what}${id}${hint}`, { registry: this.label, code: code ?? String(status), status });
    }
    /** Belt and braces: no message may carry the secret or the token, whatever a server echoes. */
    scrub(e) {
        if (!(0,errors/* isDigestGateError */.Ez)(e))
            return e;
        let message = e.message;
        for (const secret of [this.opts.accessKeySecret, this.opts.securityToken]) {
            if (secret && secret.length >= 4)
                message = message.split(secret).join('***');
        }
        if (message === e.message)
            return e;
        return new errors/* DigestGateError */.ic(e.kind, message, {
            registry: e.registry,
            code: e.code,
            status: e.status
        });
    }
    async call(parts) {
        const url = this.endpoint;
        const signed = buildSignedRequest(this.opts, parts, url.host);
        const search = Object.keys(signed.query)
            .sort()
            .map(k => `${percentEncode(k)}=${percentEncode(signed.query[k])}`)
            .join('&');
        // The signed headers go as signed (host included); the HTTP layer adds only its user-agent.
        const headers = signed.headers;
        const origin = `${url.protocol}//${url.host}`;
        try {
            return await this.http.send({
                method: 'GET',
                url: `${origin}${signed.path}?${search}`,
                headers,
                maxBytes: limits/* ALIYUN_BODY_CAP */.PH
            });
        }
        catch (e) {
            if (!(0,errors/* isDigestGateError */.Ez)(e))
                throw e;
            if (e.kind === 'network' && e.code)
                throw new errors/* DigestGateError */.ic('network', `cannot reach the Alibaba Cloud Container Registry API at ${origin} (${e.code}); check the region and the endpoint`, { registry: this.label, code: e.code });
            if (e.kind === 'timeout')
                throw new errors/* DigestGateError */.ic('timeout', `${this.where()} did not answer within ${this.http.timeoutMs / 1000} s`, { registry: this.label });
            if (e.code === 'TOO_LARGE')
                throw new errors/* DigestGateError */.ic('registry-error', `${this.where()} sent more than ${limits/* ALIYUN_BODY_CAP */.PH} bytes; refusing to read it`, { registry: this.label });
            throw e;
        }
    }
}
function truncate(s, max) {
    return s.length > max ? `${s.slice(0, max)}…` : s;
}
/**
 * The error body: GetImageManifest answers camelCase (`code`, `message`, `requestId`, as its
 * success body's `requestId`); the API gateway answers PascalCase (`Code`, `Message`,
 * `RequestId`). The official client reads either (darabonba-openapi `err["Code"] ||
 * err["code"]`), and so does this. The request ID may also come as `x-acs-request-id`.
 */
function parseApiError(res) {
    const out = {};
    try {
        const json = JSON.parse(Buffer.from(res.body).toString('utf8'));
        if ((0,json_shape/* isObject */.G)(json)) {
            const inner = (0,json_shape/* isObject */.G)(json.data) ? json.data : {};
            out.code = stringField(json, 'code', 'Code') ?? stringField(inner, 'code', 'Code');
            out.message =
                stringField(json, 'message', 'Message') ?? stringField(inner, 'message', 'Message');
            out.requestId = stringField(json, 'requestId', 'RequestId');
        }
    }
    catch {
        const text = Buffer.from(res.body).toString('utf8').trim();
        if (text)
            out.message = text;
    }
    const header = res.headers['x-acs-request-id'];
    out.requestId ??= (Array.isArray(header) ? header[0] : header) || undefined;
    return out;
}


/***/ })

};
