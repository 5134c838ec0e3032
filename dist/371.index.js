export const id = 371;
export const ids = [371];
export const modules = {

/***/ 79662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ readCapped),
/* harmony export */   K: () => (/* binding */ BodyTooLarge)
/* harmony export */ });
/** A body read with a cap, so a hostile or careless peer cannot fill memory. */
class BodyTooLarge extends Error {
}
/** Reads at most `maxBytes`, stopping (not buffering) past it: throws, or truncates if asked. */
async function readCapped(stream, maxBytes, truncate = false) {
    const declared = Number(stream.headers['content-length']);
    if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
        stream.destroy();
        throw new BodyTooLarge();
    }
    const chunks = [];
    let total = 0;
    for await (const chunk of stream) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        total += buf.length;
        if (total > maxBytes) {
            stream.destroy();
            if (truncate) {
                chunks.push(buf.subarray(0, buf.length - (total - maxBytes)));
                return Buffer.concat(chunks);
            }
            throw new BodyTooLarge();
        }
        chunks.push(buf);
    }
    return Buffer.concat(chunks);
}


/***/ }),

/***/ 79245:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FI: () => (/* binding */ AttemptTimeout),
/* harmony export */   Ic: () => (/* binding */ describeFailure),
/* harmony export */   K0: () => (/* binding */ TlsUnavailable),
/* harmony export */   Lo: () => (/* binding */ ProxyUnreachable),
/* harmony export */   M8: () => (/* binding */ FINAL_CODES),
/* harmony export */   di: () => (/* binding */ ProxyRefused),
/* harmony export */   g0: () => (/* binding */ StaleConnection),
/* harmony export */   kc: () => (/* binding */ errorText),
/* harmony export */   u8: () => (/* binding */ CONNECT_CODES)
/* harmony export */ });
/* unused harmony exports NETWORK_CODES, CERTIFICATE_CODES */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87206);
/* harmony import */ var _model_proxy_url_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12913);
/* harmony import */ var _body_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79662);




/** What can go wrong in one attempt, and the typed error each failure becomes. */
/** Failures of the connection itself; worth another try unless the answer cannot change. */
const NETWORK_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'ENOTFOUND',
    'ECONNABORTED',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOENT',
    'EACCES'
]);
/** Certificates a TLS handshake refused (OpenSSL's verify codes as Node names them). */
const CERTIFICATE_CODES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'ERR_TLS_CERT_ALTNAME_INVALID'
]);
/**
 * Failures asking again cannot change: a socket file that is not there, or not ours to open,
 * stays so within a run, and a redirect we refuse (a loop, a downgrade to plain HTTP) is the
 * same redirect next time; a certificate refused, or a peer that speaks no TLS, stays so too.
 */
const FINAL_CODES = new Set([
    'ENOENT',
    'EACCES',
    'TOO_MANY_REDIRECTS',
    'REDIRECT_REFUSED',
    'PLAIN_HTTP_REFUSED',
    'TLS_UNAVAILABLE',
    'PROXY_AUTH_REQUIRED',
    'PROXY_REFUSED',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    'EPROTO',
    ...CERTIFICATE_CODES
]);
class AttemptTimeout extends Error {
}
/** Connecting to the proxy itself failed (refused, unknown name, unreachable). */
class ProxyUnreachable extends Error {
    proxy;
    code;
    constructor(proxy, cause) {
        super(cause.message);
        this.proxy = (0,_model_proxy_url_js__WEBPACK_IMPORTED_MODULE_2__/* .proxyLabel */ .LE)(proxy);
        this.code = cause.code;
    }
}
/** Failures of opening a connection: to a forward proxy, they are the proxy's. */
const CONNECT_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH'
]);
/**
 * A proxy's refusal: a CONNECT answered with anything but 200, or a 407 to a plain-HTTP
 * request. Names the proxy by host and port only, never with the credentials of its URL.
 */
class ProxyRefused extends Error {
    target;
    status;
    proxy;
    /** Whether the proxy URL carried a user or password. */
    withCredentials;
    constructor(proxy, target, status) {
        const label = (0,_model_proxy_url_js__WEBPACK_IMPORTED_MODULE_2__/* .proxyLabel */ .LE)(proxy);
        super(`proxy ${label} refused to reach ${target} (${status} ${node_http__WEBPACK_IMPORTED_MODULE_0__.STATUS_CODES[status] ?? ''})`);
        this.target = target;
        this.status = status;
        this.proxy = label;
        this.withCredentials = proxy.username !== '' || proxy.password !== '';
    }
    /**
     * The proxy wants (other) credentials: a 407, or the 401 some proxies (tinyproxy) send for
     * wrong ones, which only an answer to CONNECT proves is the proxy's own.
     */
    get credentialsRefused() {
        return this.status === 407 || this.status === 401;
    }
}
/** A request failed on a pooled connection its peer had already closed, before any answer. */
class StaleConnection extends Error {
    reason;
    constructor(reason) {
        super('the kept-alive connection was closed by its peer');
        this.reason = reason;
    }
}
/** A probe's connection failed before its TLS handshake completed. */
class TlsUnavailable extends Error {
    reason;
    constructor(reason) {
        super('TLS handshake did not complete');
        this.reason = reason;
    }
}
/** A typed error for whatever one attempt threw. */
function describeFailure(e, req, host, timeoutMs) {
    if (e instanceof AttemptTimeout) {
        return new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('timeout', `${host} did not answer within ${timeoutMs / 1000} s (${req.method} ${new URL(req.url).pathname})`, { registry: host });
    }
    if (e instanceof _body_js__WEBPACK_IMPORTED_MODULE_3__/* .BodyTooLarge */ .K) {
        return new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('invalid-manifest', `${host} sent more than ${req.maxBytes} bytes for ${new URL(req.url).pathname}; stopped reading`, { registry: host, code: 'TOO_LARGE' });
    }
    if (e instanceof _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic)
        return e;
    if (e instanceof ProxyRefused)
        return proxyRefusal(e, host);
    if (e instanceof ProxyUnreachable)
        return new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('network', e.code && CERTIFICATE_CODES.has(e.code)
            ? `the proxy ${e.proxy}'s TLS certificate was refused (${e.code}) on the way to ${host}; give Node its CA with NODE_EXTRA_CA_CERTS`
            : `cannot reach the proxy ${e.proxy} (for ${host}): ${e.code ?? e.message}; check HTTPS_PROXY and HTTP_PROXY`, { registry: host, code: e.code });
    const code = e.code;
    const tls = code ? tlsProblem(code, host) : undefined;
    if (tls)
        return new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('network', tls, { registry: host, code });
    if (code && NETWORK_CODES.has(code)) {
        return new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('network', `cannot reach ${host}: ${code}`, {
            registry: host,
            code
        });
    }
    if (e instanceof Error) {
        return new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('network', `request to ${host} failed: ${e.message}`, {
            registry: host,
            code
        });
    }
    return e;
}
/** A proxy's refusal, with what to check: its credentials (407), its rules (403), or the peer. */
function proxyRefusal(e, host) {
    const status = `${e.status} ${node_http__WEBPACK_IMPORTED_MODULE_0__.STATUS_CODES[e.status] ?? 'from the proxy'}`;
    if (e.credentialsRefused)
        return new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('network', e.withCredentials
            ? `the proxy ${e.proxy} refused the user and password in its URL to reach ${host} (${status}); check them in HTTPS_PROXY or HTTP_PROXY`
            : `the proxy ${e.proxy} asked for credentials to reach ${host} (${status}); give them in the proxy URL (http://user:password@${e.proxy}) in HTTPS_PROXY or HTTP_PROXY`, { registry: host, code: 'PROXY_AUTH_REQUIRED' });
    if (e.status === 403)
        return new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('network', `the proxy ${e.proxy} refused to open a tunnel to ${host} (${status}); allow that host and port in the proxy, or list the host in NO_PROXY`, { registry: host, code: 'PROXY_REFUSED' });
    // A 502 or 503: the proxy could not reach the host, which may be passing.
    return new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('network', `the proxy ${e.proxy} could not reach ${host} (${status})`, { registry: host, code: 'PROXY_TUNNEL_FAILED' });
}
/** What a TLS failure means for the user, or undefined when it is not one. */
function tlsProblem(code, host) {
    if (CERTIFICATE_CODES.has(code))
        return `${host}'s TLS certificate was refused (${code}); give Node its CA with NODE_EXTRA_CA_CERTS, or, if it may also be spoken to without verification, list it in insecure-registries`;
    if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO')
        return `${host} did not answer over HTTPS (${code}); if it serves plain HTTP only, list it in insecure-registries`;
    return undefined;
}
/** The message of a described failure, whatever was thrown. */
function errorText(e) {
    return e instanceof Error ? e.message : String(e);
}


/***/ }),

/***/ 46863:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   ez: () => (/* binding */ socketHost),
/* harmony export */   yv: () => (/* binding */ originOf)
/* harmony export */ });
/**
 * Rules about hosts that every remote shares: which hosts may be reached over plain HTTP and
 * how an origin is named. Pure. (How much of each answer is read at most: model/limits.ts.)
 */
/** `[::1]:5000` → `[::1]`, `host:5000` → `host`. */
function hostName(host) {
    return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
}
/** A URL's hostname as sockets want it: IPv6 literals without their brackets. */
function socketHost(hostname) {
    return hostname.replace(/^\[|\]$/g, '');
}
/** Loopback hosts may always be plain http, as in Docker (registry/config.go). */
function isLoopbackHost(host) {
    const name = hostName(host).toLowerCase();
    return (name === 'localhost' ||
        name === '[::1]' ||
        name === '::1' ||
        /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name));
}
/** `scheme://host:port`, the unit credentials and concurrency belong to (RFC 6454). */
function originOf(url) {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    return `${u.protocol}//${u.hostname}:${port}`;
}


/***/ }),

/***/ 93371:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Remote: () => (/* binding */ Remote)
});

// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(87206);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: ./src/http/body.ts
var body = __webpack_require__(79662);
// EXTERNAL MODULE: ./src/http/failures.ts
var failures = __webpack_require__(79245);
;// CONCATENATED MODULE: ./src/http/headers.ts
/** Reading the headers registries send: single and repeated values, Retry-After. Pure. */
/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now; null if absent. */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return null;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    // Every HTTP-date form starts with the day's name; Date.parse alone would take "-5" as a year.
    if (!/^[A-Za-z]{3}/.test(trimmed))
        return null;
    const when = Date.parse(trimmed);
    return Number.isNaN(when) ? null : Math.max(0, when - now);
}
function headerValue(headers, name) {
    const v = headers?.[name];
    return Array.isArray(v) ? v[0] : v;
}
/** Every value of a header that may repeat (WWW-Authenticate). */
function headerValues(headers, name) {
    const v = headers?.[name];
    if (v === undefined)
        return [];
    return Array.isArray(v) ? v : [v];
}

;// CONCATENATED MODULE: ./src/http/plain-http.ts

/** Refuses a plain-HTTP hop to a host the request does not allow plain HTTP. */
function refusePlainHttp(req, url) {
    if (!req.plainHttp || req.socketPath)
        return;
    const target = new URL(url);
    if (target.protocol === 'https:' || req.plainHttp(target.host))
        return;
    throw new errors/* DigestGateError */.ic('network', `refused to send a request to ${target.host} over plain HTTP: only loopback hosts and those in insecure-registries may be reached without TLS`, { registry: target.host, code: 'PLAIN_HTTP_REFUSED' });
}

// EXTERNAL MODULE: ./src/http/rules.ts
var rules = __webpack_require__(46863);
// EXTERNAL MODULE: ./src/model/proxy-url.ts
var proxy_url = __webpack_require__(12913);
;// CONCATENATED MODULE: ./src/http/routes.ts



/**
 * Where a request's bytes go: the Docker Engine's socket, the target itself (directly or
 * through the tunnel its agent opens), or a forward proxy asked for the absolute URI.
 */
function connectionOptions(url, route, socketPath) {
    const path = `${url.pathname}${url.search}`;
    if (socketPath)
        return { protocol: 'http:', socketPath, path, headers: {} };
    const { via } = route;
    if (!via)
        return {
            protocol: url.protocol,
            hostname: (0,rules/* socketHost */.ez)(url.hostname),
            port: url.port || undefined,
            path,
            headers: {}
        };
    return {
        protocol: via.url.protocol,
        hostname: (0,rules/* socketHost */.ez)(via.url.hostname),
        port: via.url.port || (via.url.protocol === 'https:' ? 443 : 80),
        path: `${url.protocol}//${url.host}${path}`,
        headers: {
            host: url.host,
            ...(via.authorization ? { 'proxy-authorization': via.authorization } : {})
        }
    };
}
class Routes {
    options;
    plainAgent;
    tlsAgent;
    unverifiedTlsAgent;
    /** Tunnels through a proxy, by origin (each with its own certificate rule). */
    tunnels = new Map();
    maskedProxies = new Set();
    proxy;
    constructor(options) {
        this.options = options;
        this.plainAgent = new external_node_http_.Agent({ keepAlive: true, maxSockets: options.maxSockets });
    }
    /** Closes kept-alive sockets (and tunnels being opened) so the process can exit promptly. */
    dispose() {
        this.plainAgent.destroy();
        void this.tlsAgent?.then(a => a.destroy());
        void this.unverifiedTlsAgent?.then(a => a.destroy());
        for (const agent of this.tunnels.values())
            agent.destroy();
    }
    /** How a request to `url` goes, read from the environment's proxy settings each time. */
    async route(url, socketPath) {
        if (socketPath)
            return { agent: this.plainAgent };
        const env = process.env;
        if (env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY) {
            // Only runs behind a proxy load the proxy support.
            this.proxy ??= __webpack_require__.e(/* import() */ 856).then(__webpack_require__.bind(__webpack_require__, 57856));
            const proxy = await this.proxy;
            const via = proxy.proxyFor(url);
            if (via) {
                const credentials = (0,proxy_url/* proxyCredentials */.FF)(via);
                this.maskProxyCredentials(via, credentials?.secrets ?? []);
                // Plain HTTP goes to the proxy itself, as an absolute-URI request (as Docker does).
                if (url.protocol !== 'https:') {
                    const agent = via.protocol === 'https:' ? await this.tls(false) : this.plainAgent;
                    return { agent, via: { url: via, authorization: credentials?.authorization } };
                }
                const key = `${url.protocol}//${url.host}`;
                let agent = this.tunnels.get(key);
                if (!agent) {
                    agent = new proxy.TunnelAgent(via, {
                        keepAlive: true,
                        maxSockets: this.options.maxSockets,
                        rejectUnauthorized: !this.options.unverifiedTls?.(url.host)
                    });
                    this.tunnels.set(key, agent);
                }
                return { agent };
            }
        }
        if (url.protocol !== 'https:')
            return { agent: this.plainAgent };
        return { agent: await this.tls(this.options.unverifiedTls?.(url.host) === true) };
    }
    /** The kept-alive TLS agent, verifying certificates or not (loopback, insecure-registries). */
    tls(unverified) {
        const { maxSockets } = this.options;
        if (unverified) {
            this.unverifiedTlsAgent ??= Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 44708, 23)).then(https => new https.Agent({ keepAlive: true, maxSockets, rejectUnauthorized: false }));
            return this.unverifiedTlsAgent;
        }
        this.tlsAgent ??= Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 44708, 23)).then(https => new https.Agent({ keepAlive: true, maxSockets }));
        return this.tlsAgent;
    }
    /** A proxy URL's password, and the header made of it, are secrets like any credential. */
    maskProxyCredentials(proxy, secrets) {
        if (this.maskedProxies.has(proxy.href))
            return;
        this.maskedProxies.add(proxy.href);
        for (const secret of secrets)
            this.options.onSecret?.(secret);
    }
}

// EXTERNAL MODULE: ./src/model/limits.ts
var limits = __webpack_require__(10817);
;// CONCATENATED MODULE: ./src/http/semaphore.ts
/**
 * At most `limit` holders at once. A released slot passes straight to the next waiter, so a
 * caller arriving between the release and the waiter's wake-up cannot take it as well.
 */
class Semaphore {
    limit;
    active = 0;
    waiting = [];
    constructor(limit) {
        this.limit = limit;
    }
    get inFlight() {
        return this.active;
    }
    async run(fn) {
        if (this.active >= this.limit)
            await new Promise(resolve => this.waiting.push(resolve));
        else
            this.active++;
        try {
            return await fn();
        }
        finally {
            const next = this.waiting.shift();
            if (next)
                next();
            else
                this.active--;
        }
    }
}

;// CONCATENATED MODULE: ./src/http/client.ts












/**
 * The one HTTP layer every remote goes through: registries, token endpoints, CDNs, the Docker
 * Engine's socket and Alibaba Cloud's API. Per-attempt timeouts, retries with backoff and
 * Retry-After, a deadline for the whole run, body caps, redirects that never carry credentials
 * to another origin, a concurrency bound per origin, and request counting, written once.
 */
/** Statuses worth another try for idempotent reads (registry-notes §7). */
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
function targetOf(req) {
    if (req.socketPath)
        return { origin: `unix:${req.socketPath}`, label: req.socketPath };
    return { origin: (0,rules/* originOf */.yv)(req.url), label: new URL(req.url).host };
}
class HttpClient {
    options;
    /** Requests sent, redirects and retries each counted, by origin. */
    counts = new Map();
    /** TLS probes whose handshake failed, by origin: connections, not requests (see tlsProbe). */
    failedTlsProbes = new Map();
    limits = new Map();
    sleep;
    routes;
    constructor(options) {
        this.options = options;
        this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
        // The semaphore bounds requests in flight; the pool only needs room for attempts we gave
        // up on whose sockets have not closed yet.
        this.routes = new Routes({
            maxSockets: options.concurrency * 2,
            unverifiedTls: options.unverifiedTls,
            onSecret: options.onSecret
        });
    }
    get totalRequests() {
        let n = 0;
        for (const c of this.counts.values())
            n += c;
        return n;
    }
    /** Milliseconds one attempt may take. */
    get timeoutMs() {
        return this.options.timeoutMs;
    }
    /** Requests sent to one origin (`scheme://host:port`, or `unix:PATH`). */
    requestsTo(origin) {
        return this.counts.get(origin) ?? 0;
    }
    /** Closes kept-alive sockets so the process can exit promptly. */
    dispose() {
        this.routes.dispose();
    }
    /**
     * Sends a request, following redirects if asked and retrying what is retryable. Answers
     * with any final status; throws DigestGateError for timeouts, network failures and caps.
     */
    async send(req) {
        const attempts = this.options.attempts ?? 4;
        const maxDelay = this.options.maxRetryDelayMs ?? 30_000;
        for (let attempt = 1;; attempt++) {
            this.checkDeadline(req);
            let response;
            let failure;
            try {
                response = await this.follow(req);
            }
            catch (e) {
                if (!(e instanceof errors/* DigestGateError */.ic) || (e.kind !== 'timeout' && e.kind !== 'network'))
                    throw e;
                if (e.code && failures/* FINAL_CODES */.M8.has(e.code))
                    throw e;
                failure = e;
            }
            // POST is not idempotent (the OAuth2 token grant); everything else here only reads.
            const retryable = failure !== undefined ||
                (req.retryStatuses !== false && RETRYABLE.has(response?.status ?? 0));
            if (!retryable || attempt >= attempts || req.method === 'POST') {
                if (failure)
                    throw failure;
                return response;
            }
            const retryAfter = parseRetryAfter(headerValue(response?.headers, 'retry-after'));
            // A registry asking for a longer pause than we will wait gets its answer back now,
            // rather than a job stalled on a hostile or careless header.
            if (retryAfter !== null && retryAfter > maxDelay && response)
                return response;
            const backoff = Math.min(maxDelay, 500 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
            const delay = retryAfter ?? backoff;
            if (this.options.deadline !== undefined && Date.now() + delay >= this.options.deadline) {
                if (failure)
                    throw failure;
                return response;
            }
            await this.sleep(delay);
        }
    }
    /** The run's overall bound: past it, nothing more is sent. */
    checkDeadline(req) {
        if (this.options.deadline !== undefined && Date.now() >= this.options.deadline) {
            const { label } = targetOf(req);
            throw new errors/* DigestGateError */.ic('timeout', `gave up on ${label}: the run's overall time limit was reached before ${req.method} ${new URL(req.url).pathname}`, { registry: label });
        }
    }
    /** Milliseconds the next attempt may take: the per-request timeout, or less near the deadline. */
    attemptBudget() {
        const { timeoutMs, deadline } = this.options;
        return deadline === undefined
            ? timeoutMs
            : Math.max(1, Math.min(timeoutMs, deadline - Date.now()));
    }
    async follow(req) {
        const maxRedirects = this.options.maxRedirects ?? 10;
        const firstOrigin = targetOf(req).origin;
        const hops = [];
        let url = req.url;
        for (let redirects = 0;; redirects++) {
            const origin = targetOf({ url, socketPath: req.socketPath }).origin;
            refusePlainHttp(req, url);
            hops.push(origin);
            const headers = { ...(req.headers ?? {}) };
            // Credentials belong to the origin they were issued for; a CDN or a different port
            // gets none (ggcr compares host:port too).
            if (req.authorization && origin === firstOrigin)
                headers.authorization = req.authorization;
            // Only the first hop probes: a redirect's host says nothing about the registry's TLS.
            const tlsProbe = req.tlsProbe === true && redirects === 0;
            const res = await this.attempt({ ...req, url, headers, tlsProbe });
            if (!req.followRedirects || !REDIRECTS.has(res.status))
                return { ...res, url, hops };
            const location = headerValue(res.headers, 'location');
            if (!location)
                return { ...res, url, hops };
            if (redirects >= maxRedirects) {
                throw new errors/* DigestGateError */.ic('network', `too many redirects (more than ${maxRedirects}) starting at ${req.url}`, { code: 'TOO_MANY_REDIRECTS' });
            }
            const next = new URL(location, url);
            if (new URL(url).protocol === 'https:' && next.protocol !== 'https:') {
                throw new errors/* DigestGateError */.ic('network', `refused a redirect from HTTPS to ${next.protocol}// (${next.host})`, { code: 'REDIRECT_REFUSED' });
            }
            // A redirect leaves the socket: a Location names a host, never the daemon's socket.
            if (req.socketPath)
                return { ...res, url, hops };
            url = next.toString();
        }
    }
    limiter(origin) {
        let s = this.limits.get(origin);
        if (!s) {
            s = new Semaphore(Math.max(1, this.options.concurrency));
            this.limits.set(origin, s);
        }
        return s;
    }
    async attempt(req) {
        const { origin, label } = targetOf(req);
        return this.limiter(origin).run(async () => {
            // A request that waited in the queue past the run's deadline is not sent at all.
            this.checkDeadline(req);
            this.counts.set(origin, (this.counts.get(origin) ?? 0) + 1);
            const url = new URL(req.url);
            const route = await this.routes.route(url, req.socketPath);
            try {
                const res = await this.exchangeOnLiveSocket(req, url, route).catch((e) => {
                    // A connection that could not be opened was one to the forward proxy.
                    const code = e.code;
                    throw route.via && code && failures/* CONNECT_CODES */.u8.has(code)
                        ? new failures/* ProxyUnreachable */.Lo(route.via.url, e)
                        : e;
                });
                // The proxy's own refusal, not the registry's answer.
                if (route.via && res.status === 407)
                    throw new failures/* ProxyRefused */.di(route.via.url, url.host, 407);
                return res;
            }
            catch (e) {
                if (e instanceof failures/* TlsUnavailable */.K0) {
                    // Nothing HTTP reached the peer: a connection, not a request.
                    this.counts.set(origin, (this.counts.get(origin) ?? 1) - 1);
                    this.failedTlsProbes.set(origin, (this.failedTlsProbes.get(origin) ?? 0) + 1);
                    const cause = (0,failures/* describeFailure */.Ic)(e.reason, req, label, this.options.timeoutMs);
                    throw new errors/* DigestGateError */.ic('network', `${label} did not complete a TLS handshake (${(0,failures/* errorText */.kc)(cause)})`, { registry: label, code: 'TLS_UNAVAILABLE' });
                }
                throw (0,failures/* describeFailure */.Ic)(e, req, label, this.options.timeoutMs);
            }
        });
    }
    /**
     * The exchange, sent again at once while the pooled connection it took turns out closed:
     * the same attempt, not a retry (at most once per socket the pool can hold).
     */
    async exchangeOnLiveSocket(req, url, route) {
        for (let stale = 0;; stale++) {
            try {
                return await this.exchange(req, url, route, this.attemptBudget());
            }
            catch (e) {
                if (!(e instanceof failures/* StaleConnection */.g0))
                    throw e;
                if (stale >= this.options.concurrency * 2)
                    throw e.reason;
            }
        }
    }
    /** Ours, the caller's, then the route's: Host and Proxy-Authorization for a forward proxy. */
    headersFor(req, route) {
        const headers = {
            'user-agent': this.options.userAgent ?? 'digest-gate',
            ...req.headers
        };
        if (req.body !== undefined)
            headers['content-length'] = String(Buffer.byteLength(req.body));
        if (req.socketPath)
            headers.host ??= 'docker';
        return Object.assign(headers, route);
    }
    /** One request and its answer, read within `budget` ms, headers and body together. */
    exchange(req, url, route, budget) {
        const options = connectionOptions(url, route, req.socketPath);
        const send = options.protocol === 'https:'
            ? Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 44708, 23)).then(m => m.request)
            : Promise.resolve(external_node_http_.request);
        return send.then(request => new Promise((resolve, reject) => {
            const headers = this.headersFor(req, options.headers);
            let response;
            // A probe's failure before the handshake completes means "no TLS here".
            let secured = !req.tlsProbe;
            // A proxy that wants credentials wants them for plain HTTP too: no fallback.
            const final = (e) => secured || (e instanceof failures/* ProxyRefused */.di && e.credentialsRefused);
            // A kept-alive socket its peer closed while it sat in the pool (tinyproxy closes each
            // one; servers close idle ones): nothing reached anyone, so another connection may.
            const stale = (e) => r.reusedSocket &&
                response === undefined &&
                req.method !== 'POST' &&
                e.code === 'ECONNRESET';
            const fail = (e) => reject(stale(e) ? new failures/* StaleConnection */.g0(e) : final(e) ? e : new failures/* TlsUnavailable */.K0(e));
            const timer = setTimeout(() => {
                const err = new failures/* AttemptTimeout */.FI();
                response?.destroy(err);
                r.destroy(err);
                fail(err);
            }, budget);
            const done = (fn) => {
                clearTimeout(timer);
                fn();
            };
            const r = request({ ...options, method: req.method, headers, agent: route.agent }, res => {
                response = res;
                const status = res.statusCode ?? 0;
                const finish = (body) => done(() => resolve({ status, headers: res.headers, body }));
                if (req.method === 'HEAD') {
                    // Drained, so the kept-alive connection goes back to the pool at once.
                    res.resume();
                    res.on('end', () => finish(Buffer.alloc(0)));
                }
                else if (req.discardBody && status < 300) {
                    // A body we asked not to read (a whole blob where one byte was asked for).
                    res.destroy();
                    finish(Buffer.alloc(0));
                }
                else {
                    // Error bodies only feed messages: read a little of them and drop the rest.
                    (0,body/* readCapped */.E)(res, status >= 300 ? limits/* ERROR_BODY_CAP */.Nw : req.maxBytes, status >= 300).then(finish, (e) => done(() => fail(e)));
                }
                res.on('error', (e) => done(() => fail(e)));
            });
            if (!secured)
                r.once('socket', socket => {
                    // A kept-alive socket has been through its handshake; a new one is still connecting.
                    if (!socket.connecting)
                        secured = true;
                    else
                        socket.once('secureConnect', () => (secured = true));
                });
            r.on('error', (e) => done(() => fail(e)));
            r.end(req.body);
        }));
    }
}

;// CONCATENATED MODULE: ./src/sources/registry/challenge.ts
/** Reading WWW-Authenticate challenges, the start of every registry auth flow. Pure. */
/**
 * Parses WWW-Authenticate header values (RFC 9110 §11.6.1): case-insensitive scheme and keys,
 * quoted strings with backslash escapes or bare tokens (gcr.io sends `service=gcr.io`), and
 * several challenges per header or several headers.
 */
function parseWwwAuthenticate(values) {
    const out = [];
    for (const value of values) {
        let i = 0;
        let current;
        const s = value;
        const skip = () => {
            while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === ','))
                i++;
        };
        const token = () => {
            const start = i;
            while (i < s.length && !/[\s,=]/.test(s[i]))
                i++;
            return s.slice(start, i);
        };
        while (i < s.length) {
            skip();
            if (i >= s.length)
                break;
            const word = token();
            let j = i;
            while (j < s.length && (s[j] === ' ' || s[j] === '\t'))
                j++;
            if (s[j] === '=' && current) {
                i = j + 1;
                while (i < s.length && (s[i] === ' ' || s[i] === '\t'))
                    i++;
                let val = '';
                if (s[i] === '"') {
                    i++;
                    while (i < s.length && s[i] !== '"') {
                        if (s[i] === '\\' && i + 1 < s.length)
                            i++;
                        val += s[i++];
                    }
                    i++;
                }
                else {
                    val = token();
                }
                current.params[word.toLowerCase()] = val;
            }
            else if (word) {
                current = { scheme: word.toLowerCase(), params: {} };
                out.push(current);
            }
            else {
                i++;
            }
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/sources/registry/auth.ts






/**
 * Challenge-driven registry auth: the distribution token flow (distribution docs
 * spec/auth/token.md), its OAuth2 variant (spec/auth/oauth.md), and plain Basic.
 */
/** Refresh a little before expiry so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 5_000;
/** Scopes per token request at most, to keep the URL well under proxies' limits. */
const MAX_SCOPES_PER_TOKEN = 25;
/**
 * Keeps one authorization per registry and scope, answers challenges, and remembers each
 * registry's challenge so a new repository gets its token without a 401 round trip first.
 */
class Authenticator {
    http;
    lookup;
    options;
    tokens = new Map();
    pending = new Map();
    challenges = new Map();
    origins = new Map();
    masked = new Set();
    /** Token requests sent, for the benchmark and tests. */
    tokenRequests = 0;
    constructor(http, lookup, options) {
        this.http = http;
        this.lookup = lookup;
        this.options = options;
    }
    /** Where the credential used for a registry came from, for error messages; never the secret. */
    describe(registry) {
        const origin = this.origins.get(registry);
        return origin ? `credentials from ${origin}` : 'anonymous';
    }
    /** A cached, unexpired Authorization for this scope, if any; never makes a request. */
    cached(registry, scope) {
        const t = this.tokens.get(`${registry} ${scope}`);
        return t && t.expiresAt > (this.options.now ?? Date.now)() ? t.authorization : undefined;
    }
    /**
     * Authorization to send before the first request for a scope: the cached one, or one
     * fetched from a challenge this registry already gave for another scope.
     */
    async preemptive(registry, scope) {
        const cached = this.cached(registry, scope);
        if (cached)
            return cached;
        const challenge = this.challenges.get(registry);
        return challenge ? this.authorize(registry, scope, challenge, true) : undefined;
    }
    /**
     * Answers a 401. After an anonymous first try, any token for the scope will do (another
     * image may just have fetched one). After a refused token, only a fresh one for exactly this
     * scope; the caller retries once, and a second 401 is final.
     */
    async onUnauthorized(registry, scope, response, requestUrl, sent) {
        const challenges = parseWwwAuthenticate(headerValues(response.headers, 'www-authenticate'));
        const challenge = challenges.find(c => c.scheme === 'bearer') ?? challenges.find(c => c.scheme === 'basic');
        if (!challenge) {
            throw new errors/* DigestGateError */.ic('unauthorized', `${registry} answered 401 without a Bearer or Basic challenge`, {
                registry,
                status: 401
            });
        }
        if (challenge.scheme === 'bearer' && challenge.params.realm) {
            challenge.params.realm = new URL(challenge.params.realm, requestUrl).toString();
        }
        this.challenges.set(registry, challenge);
        const key = `${registry} ${scope}`;
        if (sent !== undefined && this.tokens.get(key)?.authorization === sent)
            this.tokens.delete(key);
        return this.authorize(registry, scope, challenge, sent === undefined);
    }
    authorize(registry, scope, challenge, bundle) {
        const key = `${registry} ${scope}`;
        const cached = this.cached(registry, scope);
        if (cached)
            return Promise.resolve(cached);
        const inflight = this.pending.get(key);
        if (inflight)
            return inflight.then(t => t.authorization);
        // Bundle the scopes of other repositories of this run that have no token yet.
        const scopes = [scope];
        if (bundle && challenge.scheme === 'bearer') {
            for (const other of this.options.scopeHints?.(registry) ?? []) {
                if (scopes.length >= MAX_SCOPES_PER_TOKEN)
                    break;
                const k = `${registry} ${other}`;
                if (other !== scope && !this.pending.has(k) && !this.cached(registry, other))
                    scopes.push(other);
            }
        }
        const obtain = async (wanted) => {
            const credential = await this.lookup(registry);
            if (credential?.origin)
                this.origins.set(registry, credential.origin);
            return challenge.scheme === 'basic'
                ? this.basic(registry, credential)
                : this.fetchToken(registry, wanted, challenge, credential);
        };
        const bundled = obtain(scopes);
        for (const s of scopes) {
            const key = `${registry} ${s}`;
            // A token endpoint may refuse a request as a whole for one repository it denies; then
            // each repository asks for itself, so one bad image costs no other its result.
            const work = scopes.length > 1 ? bundled.catch(() => obtain([s])) : bundled;
            this.pending.set(key, work);
            work
                .then(token => this.tokens.set(key, token))
                .catch(() => undefined)
                .finally(() => {
                if (this.pending.get(key) === work)
                    this.pending.delete(key);
            });
        }
        return (this.pending.get(key) ?? bundled).then(token => token.authorization);
    }
    basic(registry, credential) {
        if (!credential?.username || credential.password === undefined) {
            throw new errors/* DigestGateError */.ic('unauthorized', `${registry} requires Basic credentials and none were found (set username/password, or log in with docker login)`, { registry, status: 401 });
        }
        return {
            authorization: this.basicHeader(credential.username, credential.password),
            expiresAt: Infinity
        };
    }
    async fetchToken(registry, scopes, challenge, credential) {
        const realm = challenge.params.realm;
        if (!realm)
            throw new errors/* DigestGateError */.ic('unauthorized', `${registry} sent a Bearer challenge without a realm`, { registry });
        const realmUrl = new URL(realm);
        const refusal = plainRealmRefusal(registry, realmUrl, this.options.allowsPlainHttp);
        if (refusal)
            throw new errors/* DigestGateError */.ic('unauthorized', refusal, { registry });
        if (credential?.registryToken) {
            return { authorization: `Bearer ${credential.registryToken}`, expiresAt: Infinity };
        }
        const service = challenge.params.service;
        const started = (this.options.now ?? Date.now)();
        let response;
        if (credential?.identityToken) {
            response = await this.oauth2Refresh(realmUrl, service, scopes, {
                ...credential,
                identityToken: credential.identityToken
            });
        }
        else {
            const url = new URL(realmUrl);
            if (service)
                url.searchParams.set('service', service);
            for (const s of scopes)
                url.searchParams.append('scope', s);
            this.tokenRequests++;
            response = await this.http.send({
                method: 'GET',
                url: url.toString(),
                maxBytes: limits/* TOKEN_BODY_CAP */.e_,
                plainHttp: this.options.allowsPlainHttp,
                authorization: credential?.username && credential.password !== undefined
                    ? this.basicHeader(credential.username, credential.password)
                    : undefined
            });
        }
        return this.tokenFromAnswer(registry, realmUrl, scopes, credential, response, started);
    }
    /**
     * The token in the endpoint's answer, every token in it masked, and when it expires by our
     * clock (`started`: when it was asked for).
     */
    tokenFromAnswer(registry, realmUrl, scopes, credential, response, started) {
        if (response.status !== 200) {
            const who = credential ? 'the credentials' : 'an anonymous token';
            throw new errors/* DigestGateError */.ic(response.status === 401 || response.status === 403 ? 'unauthorized' : 'registry-error', `token endpoint ${(0,rules/* originOf */.yv)(realmUrl.toString())} refused ${who} for ${scopes.join(' ')} with HTTP ${response.status}${errorDetail(response)}`, { registry, status: response.status });
        }
        let body;
        try {
            body = JSON.parse(response.body.toString('utf8'));
        }
        catch {
            throw new errors/* DigestGateError */.ic('registry-error', `token endpoint for ${registry} answered with invalid JSON`, { registry });
        }
        // Every token in the answer is masked, used or not (a refresh_token from the OAuth2 grant).
        for (const value of [body.token, body.access_token, body.refresh_token])
            if (typeof value === 'string' && value)
                this.mask(value);
        const token = typeof body.access_token === 'string' && body.access_token ? body.access_token : body.token;
        if (typeof token !== 'string' || !token) {
            throw new errors/* DigestGateError */.ic('registry-error', `token endpoint for ${registry} answered without a token`, { registry });
        }
        const expiresIn = typeof body.expires_in === 'number' && body.expires_in >= 60 ? body.expires_in : 60;
        const issuedAt = typeof body.issued_at === 'string' ? Date.parse(body.issued_at) : NaN;
        // Our clock, not the server's, when they disagree wildly; a skewed issued_at must not
        // make every token look expired.
        const base = Number.isNaN(issuedAt) || Math.abs(issuedAt - started) > 300_000 ? started : issuedAt;
        return {
            authorization: `Bearer ${token}`,
            expiresAt: base + expiresIn * 1000 - EXPIRY_MARGIN_MS
        };
    }
    /**
     * OAuth2 refresh-token grant (spec/auth/oauth.md). Registries without it answer 404; then
     * the token GET with Basic, as distribution's client falls back (ACR takes its zero-GUID
     * user with the refresh token as password there).
     */
    async oauth2Refresh(realm, service, scopes, credential) {
        const refreshToken = credential.identityToken;
        const form = new URLSearchParams({
            grant_type: 'refresh_token',
            service: service ?? '',
            client_id: 'digest-gate',
            // The OAuth2 form takes one space-separated scope parameter (spec/auth/oauth.md).
            scope: scopes.join(' '),
            refresh_token: refreshToken
        });
        this.tokenRequests++;
        const response = await this.http.send({
            method: 'POST',
            url: realm.toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form.toString(),
            maxBytes: limits/* TOKEN_BODY_CAP */.e_,
            plainHttp: this.options.allowsPlainHttp
        });
        if (response.status !== 404 && response.status !== 405)
            return response;
        const url = new URL(realm);
        if (service)
            url.searchParams.set('service', service);
        for (const s of scopes)
            url.searchParams.append('scope', s);
        this.tokenRequests++;
        return this.http.send({
            method: 'GET',
            url: url.toString(),
            maxBytes: limits/* TOKEN_BODY_CAP */.e_,
            plainHttp: this.options.allowsPlainHttp,
            authorization: this.basicHeader(credential.username ?? '<token>', refreshToken)
        });
    }
    /** `Basic base64(user:password)`; the encoded value is a secret of its own, masked first. */
    basicHeader(username, password) {
        const encoded = Buffer.from(`${username}:${password}`).toString('base64');
        this.mask(encoded);
        return `Basic ${encoded}`;
    }
    /** Each secret handed to onSecret once, however often it is used. */
    mask(secret) {
        if (this.masked.has(secret))
            return;
        this.masked.add(secret);
        this.options.onSecret?.(secret);
    }
}
/**
 * Why a plain-HTTP token realm is refused, or undefined when it may be used. Each host is
 * judged on its own: the realm's host must itself be allowed plain HTTP (loopback or
 * insecure-registries), and so must the registry, so a registry reached under the HTTPS rule
 * never downgrades its credentials to a plain realm.
 */
function plainRealmRefusal(registry, realm, allowsPlainHttp) {
    if (realm.protocol === 'https:')
        return undefined;
    if (!allowsPlainHttp(registry))
        return `${registry} named a plain-http token realm (${realm.origin}); refusing to send credentials or trust tokens over http`;
    if (!allowsPlainHttp(realm.host))
        return `${registry} named a plain-http token realm on another host (${realm.origin}); refusing to send credentials or trust tokens over http to a host that is neither loopback nor in insecure-registries`;
    return undefined;
}
/** `: CODE message` from a distribution error body, when it has one. */
function errorDetail(response) {
    const type = headerValue(response.headers, 'content-type') ?? '';
    if (!response.body.length || !/json/.test(type))
        return '';
    try {
        const json = JSON.parse(response.body.toString('utf8'));
        const first = json.errors?.[0];
        if (first)
            return `: ${[first.code, first.message].filter(v => typeof v === 'string' && v).join(' ')}`;
        const msg = json.error ?? json.details ?? json.message;
        return typeof msg === 'string' ? `: ${msg.slice(0, 300)}` : '';
    }
    catch {
        return '';
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/model/docker-hub.ts
var docker_hub = __webpack_require__(55963);
// EXTERNAL MODULE: ./src/sources/registry/credential.ts
var credential = __webpack_require__(22439);
;// CONCATENATED MODULE: ./src/sources/registry/credentials.ts






/** config.json keys that may hold Docker Hub's entry, the one Docker writes first. */
const DOCKER_HUB_KEYS = [docker_hub/* DOCKER_HUB_CONFIG_KEY */.Mj, ...docker_hub/* DOCKER_HUB_ALIASES */.Kd];
function hostOfKey(key) {
    const trimmed = key.replace(/^[a-z]+:\/\//i, '');
    return trimmed.split('/')[0].toLowerCase();
}
/** Reads one `auths` entry: `auth` is base64 of `user:pass`, split at the first ':'. */
function credentialFromAuth(entry, origin = 'config.json') {
    let c = {};
    if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0)
            c = (0,credential/* fromUserSecret */.c)(decoded.slice(0, colon), decoded.slice(colon + 1), origin);
    }
    else if (entry.username && entry.password !== undefined) {
        c = (0,credential/* fromUserSecret */.c)(entry.username, entry.password, origin);
    }
    if (entry.auth && (c.username || c.identityToken))
        c.authField = entry.auth;
    if (entry.identitytoken)
        c.identityToken = entry.identitytoken;
    if (entry.registrytoken)
        c.registryToken = entry.registrytoken;
    if (!c.username && !c.password && !c.identityToken && !c.registryToken)
        return undefined;
    return { ...c, origin };
}
/** Config keys that may name a registry: the exact key first, then any key whose host matches. */
function findKey(map, registry) {
    if (!map)
        return undefined;
    const candidates = registry === docker_hub/* DOCKER_HUB */.Xb
        ? DOCKER_HUB_KEYS
        : [registry, `https://${registry}`, `http://${registry}`];
    for (const key of candidates)
        if (map[key] !== undefined)
            return map[key];
    const hosts = registry === docker_hub/* DOCKER_HUB */.Xb ? new Set(DOCKER_HUB_KEYS.map(hostOfKey)) : new Set([registry]);
    for (const [key, value] of Object.entries(map))
        if (hosts.has(hostOfKey(key)))
            return value;
    return undefined;
}
async function readDockerConfig(env) {
    const dir = env.DOCKER_CONFIG || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.docker');
    const file = (0,external_node_path_.join)(dir, 'config.json');
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch {
        return undefined;
    }
    try {
        return JSON.parse(text);
    }
    catch {
        throw new errors/* DigestGateError */.ic('invalid-input', `Docker config ${file} is not valid JSON`);
    }
}
/** `DOCKER_AUTH_CONFIG`: config.json's shape in an environment variable (docker/cli 28). */
function envConfig(env) {
    if (!env.DOCKER_AUTH_CONFIG)
        return undefined;
    try {
        return JSON.parse(env.DOCKER_AUTH_CONFIG);
    }
    catch {
        throw new errors/* DigestGateError */.ic('invalid-input', 'DOCKER_AUTH_CONFIG is set but is not valid JSON');
    }
}
/**
 * A lookup from registry to credential, cached per registry so a helper runs once per run.
 * Every secret found is passed to `onSecret` before it is returned.
 */
function createCredentialLookup(options) {
    let config;
    const cache = new Map();
    const find = async (registry) => {
        const { explicit, env } = options;
        if (explicit && explicit.registry === registry) {
            return (0,credential/* fromUserSecret */.c)(explicit.username, explicit.password, "the 'username'/'password' inputs");
        }
        const fromEnv = findKey(envConfig(env)?.auths, registry);
        const envCredential = fromEnv && credentialFromAuth(fromEnv, 'DOCKER_AUTH_CONFIG');
        if (envCredential)
            return envCredential;
        config ??= readDockerConfig(env);
        const file = await config;
        const serverUrl = (0,docker_hub/* serverAddress */.aD)(registry);
        const helper = findKey(file?.credHelpers, registry) ?? file?.credsStore;
        if (helper) {
            // Only runs whose config names a helper load the code that spawns one.
            const { runCredentialHelper } = await __webpack_require__.e(/* import() */ 808).then(__webpack_require__.bind(__webpack_require__, 9808));
            const found = await runCredentialHelper(helper, serverUrl, env, options.timeoutMs ?? 30_000);
            if (found)
                return found;
        }
        const entry = findKey(file?.auths, registry);
        const fromFile = entry && credentialFromAuth(entry);
        if (fromFile)
            return fromFile;
        if (registry === 'ghcr.io' && options.ghcrToken) {
            return { username: 'github-actions', password: options.ghcrToken, origin: 'GITHUB_TOKEN' };
        }
        return undefined;
    };
    return registry => {
        let found = cache.get(registry);
        if (!found) {
            found = find(registry).then(c => {
                for (const s of secretsOf(c))
                    options.onSecret?.(s);
                return c;
            });
            cache.set(registry, found);
        }
        return found;
    };
}
/**
 * Every form a credential's secret can take in text: the password and tokens, config.json's
 * `auth` field as written, and the base64 `user:password` a Basic header carries.
 */
function secretsOf(c) {
    if (!c)
        return [];
    const out = [c.password, c.identityToken, c.registryToken, c.authField];
    if (c.username !== undefined && c.password !== undefined)
        out.push(Buffer.from(`${c.username}:${c.password}`).toString('base64'));
    return [...new Set(out.filter((s) => !!s))];
}

// EXTERNAL MODULE: ./src/model/manifest.ts
var manifest = __webpack_require__(89452);
// EXTERNAL MODULE: ./src/sources/source.ts
var source = __webpack_require__(70813);
;// CONCATENATED MODULE: ./src/sources/registry/registry-source.ts








const STATUS_KINDS = {
    401: 'unauthorized',
    403: 'denied',
    404: 'not-found',
    408: 'timeout',
    429: 'rate-limited',
    502: 'unavailable',
    503: 'unavailable',
    504: 'unavailable'
};
/** Pages of a paginated referrers answer read at most (each a `Link: rel="next"`). */
const REFERRERS_PAGES = 10;
/** Only runs whose policy asks what is attached load the referrers reader. */
const referrersReader = () => __webpack_require__.e(/* import() */ 492).then(__webpack_require__.bind(__webpack_require__, 35492));
/** The distribution API (distribution-spec spec.md) for one registry. */
class RegistrySource {
    registry;
    http;
    auth;
    label;
    kind = 'registry';
    abilities = source/* FULL_ABILITIES */.b;
    /**
     * How the registry answered its first request: HTTPS, or plain HTTP after HTTPS failed its
     * handshake. Unknown until then for hosts allowed plain HTTP (loopback, insecure-registries),
     * which are tried over HTTPS first, as Docker does; decided once per run.
     */
    scheme;
    plainHttp;
    /** Latest `ratelimit-remaining` the registry sent (Docker Hub), for the summary. */
    rateLimitRemaining;
    firstContact;
    /**
     * Whether the registry has the referrers API, learnt from the first referrers request; the
     * others wait for it, so a registry without one costs one 404, not one per manifest.
     */
    referrersApi;
    /** Which credentials a final 401 refused, for its message. */
    refusedWith;
    constructor(registry, http, auth, 
    /** Whether a host may be spoken to over plain HTTP (a boolean: this registry's host only). */
    plainHttp) {
        this.registry = registry;
        this.http = http;
        this.auth = auth;
        this.label = registry;
        this.plainHttp =
            typeof plainHttp === 'function' ? plainHttp : host => plainHttp && host === (0,docker_hub/* apiHost */.nz)(registry);
        if (!this.plainHttp((0,docker_hub/* apiHost */.nz)(registry)))
            this.scheme = 'https';
    }
    get base() {
        return `${this.scheme ?? 'https'}://${(0,docker_hub/* apiHost */.nz)(this.registry)}`;
    }
    /**
     * Sends one request with the run's plain-HTTP rule for every hop. The first request to a
     * host allowed plain HTTP goes over HTTPS as a probe; if no TLS handshake completes, it and
     * every later request go over plain HTTP. The failed handshake is not counted as a request.
     */
    async send(req) {
        const request = { ...req, plainHttp: this.plainHttp };
        if (this.scheme)
            return this.http.send(request);
        try {
            const res = await this.http.send({ ...request, tlsProbe: true });
            this.scheme = 'https';
            return res;
        }
        catch (e) {
            if (!(e instanceof errors/* DigestGateError */.ic) || e.code !== 'TLS_UNAVAILABLE')
                throw e;
            this.scheme = 'http';
            const url = new URL(req.url);
            url.protocol = 'http:';
            return this.http.send({ ...request, url: url.toString() });
        }
    }
    async fetchManifest(repository, reference) {
        const res = await this.get(repository, `/v2/${repository}/manifests/${reference}`, {
            method: 'GET',
            headers: { accept: manifest/* MANIFEST_ACCEPT */.dY },
            maxBytes: limits/* MANIFEST_CAP */.FL,
            // registry.k8s.io answers every manifest request with a redirect to its upstream.
            followRedirects: true
        });
        if (res.status !== 200)
            throw this.failure(res, `manifest ${repository}${reference.includes(':') ? '@' : ':'}${reference}`);
        return {
            kind: 'manifest',
            body: res.body,
            contentType: headerValue(res.headers, 'content-type') ?? '',
            claimedDigest: headerValue(res.headers, 'docker-content-digest')
        };
    }
    async headManifest(repository, reference) {
        const res = await this.get(repository, `/v2/${repository}/manifests/${reference}`, {
            method: 'HEAD',
            headers: { accept: manifest/* MANIFEST_ACCEPT */.dY },
            maxBytes: 0,
            followRedirects: true
        });
        if (res.status !== 200) {
            // A HEAD answer has no body; the same request as a GET says what the registry means.
            if (res.status !== 405)
                await this.fetchManifest(repository, reference);
            throw this.failure(res, `manifest ${repository}${reference.includes(':') ? '@' : ':'}${reference}`);
        }
        return {
            digest: headerValue(res.headers, 'docker-content-digest'),
            contentType: headerValue(res.headers, 'content-type') ?? ''
        };
    }
    async fetchBlob(repository, digest, maxBytes) {
        const res = await this.get(repository, `/v2/${repository}/blobs/${digest}`, {
            method: 'GET',
            maxBytes,
            followRedirects: true
        });
        if (res.status !== 200)
            throw this.failure(res, `blob ${digest} in ${repository}`);
        return res.body;
    }
    async locateBlob(repository, digest) {
        let res = await this.get(repository, `/v2/${repository}/blobs/${digest}`, {
            method: 'HEAD',
            maxBytes: 0,
            followRedirects: true
        });
        // Some stores refuse HEAD on a presigned GET URL (S3 behind GHCR answers 403): ask for one
        // byte instead and read the total from Content-Range.
        if ((res.status === 403 || res.status === 405) && res.hops.length > 1) {
            res = await this.get(repository, `/v2/${repository}/blobs/${digest}`, {
                method: 'GET',
                headers: { range: 'bytes=0-0' },
                maxBytes: 1,
                followRedirects: true,
                discardBody: true
            });
            const total = /\/(\d+)\s*$/.exec(headerValue(res.headers, 'content-range') ?? '');
            if (res.status === 206 && total)
                return { size: Number(total[1]), servedBy: new URL(res.url).host };
            // A store that ignores Range answers 200 with the whole blob; its Content-Length is the size.
        }
        if (res.status !== 200)
            throw this.failure(res, `blob ${digest} in ${repository}`);
        const length = Number(headerValue(res.headers, 'content-length'));
        if (!Number.isSafeInteger(length) || length < 0) {
            throw new errors/* DigestGateError */.ic('registry-error', `${this.registry} gave no Content-Length for blob ${digest}`, {
                registry: this.registry
            });
        }
        return { size: length, servedBy: new URL(res.url).host };
    }
    /**
     * The referrers API (`GET /v2/<name>/referrers/<digest>`); where the registry has none (404,
     * or an answer that is not an image index: distribution 2.8 answers a plain-text 404 for the
     * path) the tag schema's `sha256-<hex>` index; null when neither lists anything.
     */
    async fetchReferrers(repository, digest) {
        const known = this.referrersApi;
        if (!known) {
            let settle;
            this.referrersApi = new Promise(resolve => (settle = resolve));
            let answer;
            try {
                answer = await this.referrersFromApi(repository, digest);
            }
            catch (e) {
                // Still unknown after a failure: those waiting ask the API themselves, and so does the next.
                settle(true);
                this.referrersApi = undefined;
                throw e;
            }
            settle(answer !== undefined);
            return answer ?? this.referrersFromTag(repository, digest);
        }
        if (await known) {
            const answer = await this.referrersFromApi(repository, digest);
            if (answer)
                return answer;
        }
        return this.referrersFromTag(repository, digest);
    }
    async referrersFromApi(repository, digest) {
        const { lacksReferrersApi, parseNextLink, parseReferrers, referrersPath } = await referrersReader();
        const answer = { referrers: [], notes: [], via: 'referrers' };
        const where = `referrers of ${this.registry}/${repository}@${digest}`;
        let path = referrersPath(repository, digest);
        for (let page = 0; page < REFERRERS_PAGES; page++) {
            const res = await this.get(repository, path, {
                method: 'GET',
                headers: { accept: manifest/* MediaTypes */.mI.ociIndex },
                maxBytes: limits/* MANIFEST_CAP */.FL
            });
            if (lacksReferrersApi(res.status))
                return undefined;
            if (res.status !== 200)
                throw this.failure(res, `referrers of ${repository}@${digest}`);
            let list;
            try {
                list = parseReferrers(res.body, {
                    where,
                    contentType: headerValue(res.headers, 'content-type'),
                    filtersApplied: headerValue(res.headers, 'oci-filters-applied')
                });
            }
            catch (e) {
                // Something else answers the path (an HTML page, a proxy's JSON): no referrers API.
                if (e instanceof errors/* DigestGateError */.ic && e.kind === 'invalid-manifest')
                    return undefined;
                throw e;
            }
            answer.referrers.push(...list.referrers);
            answer.notes.push(...list.notes);
            const next = parseNextLink(headerValue(res.headers, 'link'));
            if (!next)
                return answer;
            const url = new URL(next, `${this.base}${path}`);
            if ((0,rules/* originOf */.yv)(url.href) !== (0,rules/* originOf */.yv)(this.base)) {
                answer.notes.push(`${where}: the next page is on another host; not followed`);
                return answer;
            }
            path = `${url.pathname}${url.search}`;
        }
        answer.notes.push(`${where}: more than ${REFERRERS_PAGES} pages; the rest were not read`);
        return answer;
    }
    async referrersFromTag(repository, digest) {
        const { parseReferrers, referrersTag } = await referrersReader();
        const tag = referrersTag(digest);
        let fetched;
        try {
            fetched = await this.fetchManifest(repository, tag);
        }
        catch (e) {
            if (e instanceof errors/* DigestGateError */.ic && e.status === 404)
                return null;
            throw e;
        }
        const where = `referrers tag ${this.registry}/${repository}:${tag}`;
        try {
            const list = parseReferrers(fetched.body, { where, contentType: fetched.contentType });
            return { ...list, via: 'referrers-tag' };
        }
        catch (e) {
            // spec.md "Listing Referrers": a tag that holds no image index lists no referrers.
            if (e instanceof errors/* DigestGateError */.ic && e.kind === 'invalid-manifest')
                return {
                    referrers: [],
                    notes: [`${e.message}; taken as no referrers`],
                    via: 'referrers-tag'
                };
            throw e;
        }
    }
    /**
     * One authorised request: a token up front when the registry's challenge is known, else
     * one anonymous try whose 401 names the challenge; one retry after a fresh token at most.
     * Until the registry has answered once, other requests wait for that answer rather than
     * each collecting the same 401 (no `/v2/` ping needed).
     */
    async get(repository, path, req) {
        if (!this.firstContact) {
            const first = this.authorisedSend(repository, path, req);
            this.firstContact = first.catch(() => undefined);
            return first;
        }
        await this.firstContact;
        return this.authorisedSend(repository, path, req);
    }
    async authorisedSend(repository, path, req) {
        const scope = `repository:${repository}:pull`;
        let url = `${this.base}${path}`;
        let authorization = await this.auth.preemptive(this.registry, scope);
        let res = await this.send({ ...req, url, authorization });
        // The first request settles the scheme; a fallback to plain HTTP changes the URL.
        url = `${this.base}${path}`;
        if (res.status === 401 && (0,rules/* originOf */.yv)(res.url) === (0,rules/* originOf */.yv)(url)) {
            authorization = await this.auth.onUnauthorized(this.registry, scope, res, url, authorization);
            res = await this.send({ ...req, url, authorization });
            if (res.status === 401)
                this.refusedWith = this.auth.describe(this.registry);
        }
        if (res.status === 401 && (0,rules/* originOf */.yv)(res.url) !== (0,rules/* originOf */.yv)(url))
            res = await this.redirected(req, res);
        const remaining = headerValue(res.headers, 'ratelimit-remaining');
        if (remaining)
            this.rateLimitRemaining = remaining;
        return res;
    }
    /**
     * A redirect to another registry that asks for its own token (registry.k8s.io sends every
     * manifest request on to Artifact Registry): that host's challenge is answered for the
     * repository its URL names, with that host's credentials, and the request sent there again.
     */
    async redirected(req, res) {
        const target = new URL(res.url);
        const repository = /^\/v2\/(.+)\/(?:manifests|blobs)\/[^/]+$/.exec(target.pathname)?.[1];
        if (!repository)
            return res;
        const scope = `repository:${repository}:pull`;
        const authorization = await this.auth.onUnauthorized(target.host, scope, res, res.url, undefined);
        const again = await this.send({ ...req, url: res.url, authorization });
        if (again.status === 401)
            this.refusedWith = this.auth.describe(target.host);
        return again;
    }
    /** A typed error naming the registry, what we asked for, and what it answered. */
    failure(res, what) {
        let detail = errorDetail(res);
        // HEAD answers carry no body; the status alone must do.
        if (!detail && res.body.length && res.body.length <= limits/* ERROR_BODY_CAP */.Nw) {
            detail = `: ${res.body.toString('utf8').slice(0, 200).trim()}`;
        }
        const kind = STATUS_KINDS[res.status] ?? (res.status >= 500 ? 'unavailable' : 'registry-error');
        const code = /^: ([A-Z_]+)/.exec(detail)?.[1];
        const retryAfter = headerValue(res.headers, 'retry-after');
        const wait = res.status === 429 || res.status === 503 ? parseRetryAfter(retryAfter) : null;
        if (wait !== null)
            detail += `; the registry asks to retry after ${Math.round(wait / 1000)} s`;
        let refused = '';
        if (res.status === 401 && this.refusedWith) {
            refused =
                this.refusedWith === 'anonymous'
                    ? ' (anonymous access was refused; no credentials are configured for this registry)'
                    : ` (${this.refusedWith} were refused)`;
        }
        return new errors/* DigestGateError */.ic(kind, `${this.registry} answered HTTP ${res.status} for ${what}${detail}${refused}`, {
            registry: this.registry,
            status: res.status,
            code: code ?? String(res.status),
            retryAfterMs: wait ?? undefined
        });
    }
}

;// CONCATENATED MODULE: ./src/run/remote.ts






class Remote {
    options;
    http;
    auth;
    registries = new Map();
    others = new Map();
    lookup;
    engine;
    constructor(options) {
        this.options = options;
        const { settings, env } = options;
        this.http = new HttpClient({
            timeoutMs: settings.timeoutSeconds * 1000,
            concurrency: settings.concurrency,
            deadline: options.deadline,
            // Hosts allowed plain HTTP gain nothing from a verified certificate (a downgrade is open
            // to whoever could forge one), and self-signed ones are what they mostly serve (Docker).
            unverifiedTls: host => this.allowsPlainHttp(host),
            onSecret: options.onSecret
        });
        this.lookup = createCredentialLookup({
            explicit: settings.credential,
            env,
            timeoutMs: settings.timeoutSeconds * 1000,
            ghcrToken: settings.githubToken ?? env.GITHUB_TOKEN,
            onSecret: options.onSecret
        });
        this.auth = new Authenticator(this.http, this.lookup, {
            allowsPlainHttp: host => this.allowsPlainHttp(host),
            onSecret: options.onSecret,
            scopeHints: registry => [...(options.scopes.get(registry) ?? [])]
        });
    }
    allowsPlainHttp(host) {
        return ((0,rules/* isLoopbackHost */.cW)(host) || this.options.settings.insecureRegistries.includes(host.toLowerCase()));
    }
    /** The source that answers for `registry` under the run's `source` setting. */
    sourceFor(registry) {
        const kind = this.options.settings.source;
        if (kind === 'registry')
            return Promise.resolve(this.registry(registry));
        const key = `${kind} ${registry}`;
        let source = this.others.get(key);
        if (!source) {
            source = kind === 'docker' ? this.dockerSource(registry) : this.aliyunSource(registry);
            this.others.set(key, source);
        }
        return source;
    }
    registry(registry) {
        let source = this.registries.get(registry);
        if (!source) {
            source = new RegistrySource(registry, this.http, this.auth, host => this.allowsPlainHttp(host));
            this.registries.set(registry, source);
        }
        return source;
    }
    /** The latest `ratelimit-remaining` each registry sent. */
    rateLimits() {
        const out = {};
        for (const r of this.registries.values())
            if (r.rateLimitRemaining)
                out[r.registry] = r.rateLimitRemaining;
        return out;
    }
    dispose() {
        this.http.dispose();
    }
    async dockerSource(registry) {
        const { DockerEngine, DockerEngineSource, parseDockerHost } = await __webpack_require__.e(/* import() */ 479).then(__webpack_require__.bind(__webpack_require__, 19479));
        this.engine ??= Promise.resolve().then(() => new DockerEngine(parseDockerHost(this.options.env.DOCKER_HOST), this.http, this.lookup, this.options.onSecret));
        return new DockerEngineSource(registry, await this.engine);
    }
    async aliyunSource(registry) {
        const { settings } = this.options;
        if (!settings.aliyun)
            throw new errors/* DigestGateError */.ic('invalid-input', "Input 'source': 'aliyun' was given without its Alibaba Cloud settings; expected aliyun-region and the aliyun-access-key-* inputs");
        const { AliyunSource } = await __webpack_require__.e(/* import() */ 243).then(__webpack_require__.bind(__webpack_require__, 11243));
        return new AliyunSource(settings.aliyun, this.http, registry);
    }
}


/***/ }),

/***/ 22439:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ fromUserSecret)
/* harmony export */ });
/* unused harmony export ACR_TOKEN_USER */
/** ACR's convention: this username means the password is a refresh token (ACR docs, "az acr login --expose-token"). */
const ACR_TOKEN_USER = '00000000-0000-0000-0000-000000000000';
/** A username/password pair, read the way Docker does (`<token>` and ACR's zero GUID mean a refresh token). */
function fromUserSecret(username, secret, origin) {
    if (username === '<token>')
        return { identityToken: secret, origin };
    if (username === ACR_TOKEN_USER)
        return { identityToken: secret, username, origin };
    return { username, password: secret, origin };
}


/***/ })

};
