export const id = 479;
export const ids = [479];
export const modules = {

/***/ 19479:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DockerEngine: () => (/* binding */ DockerEngine),
/* harmony export */   DockerEngineSource: () => (/* binding */ DockerEngineSource),
/* harmony export */   parseDockerHost: () => (/* binding */ parseDockerHost)
/* harmony export */ });
/* unused harmony export registryAuthHeader */
/* harmony import */ var _model_docker_hub_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(55963);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87206);
/* harmony import */ var _http_rules_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46863);
/* harmony import */ var _model_limits_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(10817);




/**
 * A Docker Engine's `GET /distribution/{name}/json` (Engine API, "Get image information from
 * the registry"; registry-notes §8). The daemon contacts the registry itself; it answers the
 * top descriptor and the platforms, but no per-platform digests, layers or sizes, so
 * resolve.ts leaves those null and says why.
 */
/** The oldest API with /distribution (1.30); the daemon's own version is used when newer. */
const MIN_API = '1.30';
/**
 * `DOCKER_HOST` → where to connect, as the docker CLI reads it: `unix://PATH` (default
 * /var/run/docker.sock), `tcp://H:P`, and on Windows `npipe:////./pipe/NAME` (the default there,
 * `npipe:////./pipe/docker_engine`), which Node opens as the pipe path `\\.\pipe\NAME`.
 */
function parseDockerHost(value, platform = process.platform) {
    const fallback = platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';
    const v = (value ?? '').trim() || fallback;
    if (v.startsWith('unix://'))
        return { socketPath: v.slice('unix://'.length), label: v };
    const pipe = /^npipe:\/\/(?:\/\/\.|\/\.)?\/pipe\/([^/]+)$/.exec(v);
    if (pipe && platform === 'win32')
        return { socketPath: `\\\\.\\pipe\\${pipe[1]}`, label: v };
    if (v.startsWith('tcp://') || v.startsWith('http://')) {
        const u = new URL(v.replace(/^tcp:/, 'http:'));
        return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 2375), label: v };
    }
    throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', `DOCKER_HOST '${v}' is not supported: expected unix:///path/to/docker.sock, tcp://host:port${platform === 'win32' ? ' or npipe:////./pipe/docker_engine' : ''} (TLS daemons are not supported)`);
}
/** base64url (padded) of the auth JSON, as the docker CLI sends X-Registry-Auth. */
function registryAuthHeader(credential, serverAddress) {
    if (!credential)
        return undefined;
    const json = credential.identityToken
        ? { identitytoken: credential.identityToken, serveraddress: serverAddress }
        : credential.username
            ? {
                username: credential.username,
                password: credential.password ?? '',
                serveraddress: serverAddress
            }
            : undefined;
    if (!json)
        return undefined;
    return Buffer.from(JSON.stringify(json))
        .toString('base64')
        .replace(/\+/g, '-')
        .replace(/\//g, '_');
}
/** One daemon, shared by the sources of every registry it is asked about. */
class DockerEngine {
    endpoint;
    http;
    lookup;
    onSecret;
    apiVersion;
    base;
    origin;
    constructor(endpoint, http, lookup, 
    /** Told each X-Registry-Auth value before it is sent: it is a credential as a whole. */
    onSecret) {
        this.endpoint = endpoint;
        this.http = http;
        this.lookup = lookup;
        this.onSecret = onSecret;
        const { host, port } = endpoint;
        this.base = host
            ? `http://${host.includes(':') ? `[${host}]` : host}:${port ?? 2375}`
            : 'http://docker';
        this.origin = endpoint.socketPath ? `unix:${endpoint.socketPath}` : (0,_http_rules_js__WEBPACK_IMPORTED_MODULE_1__/* .originOf */ .yv)(this.base);
    }
    /** Requests sent to the daemon. */
    get requests() {
        return this.http.requestsTo(this.origin);
    }
    get label() {
        return this.endpoint.label;
    }
    /** GET a path of the Engine API, through the shared HTTP layer. */
    async get(path, headers) {
        try {
            return await this.http.send({
                method: 'GET',
                url: `${this.base}${path}`,
                socketPath: this.endpoint.socketPath,
                headers,
                maxBytes: _model_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .DAEMON_BODY_CAP */ .Bg,
                // The daemon's 5xx carries the registry's answer after its own retries.
                retryStatuses: false
            });
        }
        catch (e) {
            throw this.unreachable(e);
        }
    }
    negotiate() {
        this.apiVersion ??= (async () => {
            const res = await this.get('/_ping', {});
            if (res.status !== 200) {
                throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('unavailable', `Docker Engine at ${this.label} answered HTTP ${res.status} to /_ping`);
            }
            const header = res.headers['api-version'];
            const version = (Array.isArray(header) ? header[0] : header) ?? MIN_API;
            return compareVersions(version, MIN_API) < 0 ? MIN_API : version;
        })();
        return this.apiVersion;
    }
    unreachable(e) {
        if (!(0,_model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigestGateError */ .Ez)(e))
            return e;
        if (e.kind === 'timeout')
            return new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('timeout', `Docker Engine at ${this.label} did not answer within ${this.http.timeoutMs / 1000} s`);
        if (e.code === 'TOO_LARGE')
            return new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('registry-error', `Docker Engine at ${this.label} sent more than ${_model_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .DAEMON_BODY_CAP */ .Bg} bytes`);
        if (e.kind === 'network')
            return new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('unavailable', `cannot reach the Docker Engine at ${this.label} (${e.code ?? e.message}); is dockerd running, and is DOCKER_HOST right?`);
        return e;
    }
}
/** The Engine can describe an image, not serve its manifests or blobs. */
const ABILITIES = Object.freeze({
    exactBytes: false,
    manifestsByDigest: false,
    blobs: false,
    blobSizes: false
});
/** `source: docker` for the images of one registry. */
class DockerEngineSource {
    registry;
    engine;
    kind = 'docker';
    abilities = ABILITIES;
    constructor(registry, engine) {
        this.registry = registry;
        this.engine = engine;
    }
    get label() {
        return `Docker Engine at ${this.engine.label}`;
    }
    explain(limit) {
        if (limit === 'platforms')
            return 'the Docker Engine listed no platforms; it does so for a single OCI manifest, whose platform only its config states';
        return 'source docker: per-platform digests, layer counts and sizes are not available from the Docker Engine API';
    }
    async fetchManifest(repository, reference) {
        const name = `${this.registry}/${repository}${reference.includes(':') ? '@' : ':'}${reference}`;
        const headers = {};
        const credential = await this.engine.lookup(this.registry);
        const auth = registryAuthHeader(credential, (0,_model_docker_hub_js__WEBPACK_IMPORTED_MODULE_3__/* .serverAddress */ .aD)(this.registry));
        if (auth) {
            // The header carries the password in the clear: only over a socket or loopback.
            const { host } = this.engine.endpoint;
            if (host && !(0,_http_rules_js__WEBPACK_IMPORTED_MODULE_1__/* .isLoopbackHost */ .cW)(host.includes(':') ? `[${host}]` : host)) {
                throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', `refusing to send credentials for ${this.registry} to the Docker Engine at ${this.engine.label} over plain TCP; use a unix socket or a loopback address`);
            }
            this.engine.onSecret?.(auth);
            headers['x-registry-auth'] = auth;
        }
        // Only now is the daemon contacted: a refusal above sends nothing anywhere.
        const version = await this.engine.negotiate();
        const res = await this.engine.get(`/v${version}/distribution/${name}/json`, headers);
        if (res.status !== 200) {
            throw this.failure(res, `${this.registry}/${repository}`, auth ? credential : undefined);
        }
        const json = parseJsonBody(res.body, this.engine.label);
        const digest = json.Descriptor?.digest;
        if (typeof digest !== 'string') {
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('registry-error', `Docker Engine at ${this.engine.label} answered without a descriptor digest for ${name}`);
        }
        return {
            kind: 'described',
            digest,
            mediaType: typeof json.Descriptor?.mediaType === 'string' ? json.Descriptor.mediaType : null,
            platforms: Array.isArray(json.Platforms) ? json.Platforms : []
        };
    }
    /** `sent`: the credential that went in X-Registry-Auth, if one did. */
    failure(res, name, sent) {
        let message = '';
        try {
            const m = JSON.parse(res.body.toString('utf8')).message;
            if (typeof m === 'string')
                message = m;
        }
        catch {
            message = res.body.toString('utf8').slice(0, 200);
        }
        const where = `Docker Engine at ${this.engine.label}`;
        // The Engine turns a registry's 401 into its own 401 (or, for Basic-auth registries, a 500
        // "no basic auth credentials"), and a registry that hides private repositories answers
        // 401 for missing ones too: from here, private and missing look the same.
        const authProblem = /no basic auth credentials|unauthorized|authentication required|access denied|denied:/i;
        if (res.status === 401 || res.status === 403 || authProblem.test(message)) {
            // With credentials sent, "not given" would send the reader looking for a missing login.
            const why = sent
                ? `The credentials given for ${this.registry} (${describeCredential(sent)}) were sent; the registry refused them, or the image does not exist.`
                : 'The Engine says this both when the image does not exist and when it needs credentials the daemon was not given.';
            return new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('unauthorized', `${where} answered HTTP ${res.status} for ${name}: ${message || 'unauthorized'}. ${why}`, { registry: this.registry, status: res.status });
        }
        if (res.status === 404) {
            return new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('not-found', `${where} answered HTTP 404 for ${name}: ${message}`, { registry: this.registry, status: 404 });
        }
        return new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('registry-error', `${where} answered HTTP ${res.status} for ${name}: ${message}`, { registry: this.registry, status: res.status });
    }
}
/** Which credential, for a message: never the secret. */
function describeCredential(c) {
    const who = c.identityToken ? 'an identity token' : `user ${c.username}`;
    return c.origin ? `${who}, from ${c.origin}` : who;
}
function parseJsonBody(body, label) {
    try {
        return JSON.parse(body.toString('utf8'));
    }
    catch {
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('registry-error', `Docker Engine at ${label} answered with invalid JSON`);
    }
}
function compareVersions(a, b) {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d)
            return d;
    }
    return 0;
}


/***/ })

};
