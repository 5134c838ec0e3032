import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9860:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $A: () => (/* binding */ sizeDeltas),
/* harmony export */   nk: () => (/* binding */ parseBaseline)
/* harmony export */ });
/* unused harmony exports repositoryOf, matchBaseline, droppedPlatforms */
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function bad(source, why) {
    return new Error(`baseline ${source} is not a digest-gate report file: ${why}`);
}
function sizeField(v) {
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
}
/** Parses a report file's text; throws an Error whose message names the file and the problem. */
function parseBaseline(text, source) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (e) {
        throw bad(source, `not valid JSON (${e.message})`);
    }
    if (!isObject(json) || !Array.isArray(json.images))
        throw bad(source, "no 'images' array");
    const images = json.images.map((raw, i) => {
        if (!isObject(raw) || typeof raw.image !== 'string')
            throw bad(source, `images[${i}] has no 'image'`);
        const platforms = Array.isArray(raw.platforms) ? raw.platforms : [];
        return {
            image: raw.image,
            ref: typeof raw.ref === 'string' ? raw.ref : null,
            digest: typeof raw.digest === 'string' ? raw.digest : null,
            platforms: platforms
                .filter(isObject)
                .flatMap(p => typeof p.platform === 'string'
                ? [{ platform: p.platform, size: sizeField(p.size), layers: sizeField(p.layers) }]
                : [])
        };
    });
    return { source, images };
}
/** `registry/repository` of a `ref` (`name[:tag]`), the part that stays across branches. */
function repositoryOf(ref) {
    if (!ref)
        return null;
    const at = ref.indexOf('@');
    const name = at >= 0 ? ref.slice(0, at) : ref;
    const colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}
/**
 * The baseline image to compare a record with: the same image as given, else the only
 * baseline image of the same repository (a pull request's `:pr-12` against the base branch's
 * `:main`). Two candidates of one repository are ambiguous, and none is chosen.
 */
function matchBaseline(record, baseline) {
    const exact = baseline.images.find(b => b.image === record.image);
    if (exact)
        return { image: exact, matchedBy: 'image' };
    const repository = repositoryOf(record.ref);
    if (!repository)
        return undefined;
    const same = baseline.images.filter(b => repositoryOf(b.ref) === repository);
    return same.length === 1 ? { image: same[0], matchedBy: 'repository' } : undefined;
}
/** Per platform of a record, its size against the matched baseline image's, in record order. */
function sizeDeltas(record, baseline) {
    if (record.error)
        return undefined;
    const match = matchBaseline(record, baseline);
    if (!match)
        return undefined;
    const platforms = record.platforms.map((p) => {
        const before = match.image.platforms.find(b => b.platform === p.platform)?.size ?? null;
        const after = p.size;
        const delta = before !== null && after !== null ? after - before : null;
        const ratio = delta !== null && before ? delta / before : null;
        return { platform: p.platform, before, after, delta, ratio };
    });
    return { image: record.image, against: match.image.image, matchedBy: match.matchedBy, platforms };
}
/**
 * The platforms the matched baseline image has and the record does not, in baseline order: a
 * platform dropped by the change under review. None for a failed record or one whose platforms
 * were not read (`detail: digest`).
 */
function droppedPlatforms(record, baseline) {
    if (record.error || record.platforms.length === 0)
        return [];
    const match = matchBaseline(record, baseline);
    if (!match)
        return [];
    const now = new Set(record.platforms.map(p => p.platform));
    return match.image.platforms.map(p => p.platform).filter(p => !now.has(p));
}


/***/ }),

/***/ 5581:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ main)
/* harmony export */ });
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3916);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7729);
/* harmony import */ var _table_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(8719);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(8855);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(8992);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(4165);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(1014);








/**
 * digest-gate from a terminal: the same core as the action, printing the summary's table.
 * Exit status: 0 ok, 1 when the action would fail the step, 2 for bad usage.
 */
const OPTIONS_USAGE = `  -p, --platforms LIST        required platforms, e.g. linux/amd64,linux/arm64
      --fail-on-missing       exit 1 when a required platform is missing
      --fail-on missing|violation|never
                              when to exit 1 (default: missing with --fail-on-missing)
      --policy FILE           judge each image by the rules of a policy file (YAML)
      --registry HOST         registry the username/password are for (default Docker Hub)
  -u, --username USER
      --password-stdin        read the password from standard input
      --insecure-registries LIST
      --source registry|docker|aliyun
      --timeout SECONDS       per request (default 30)
      --concurrency N         requests in flight per registry (default 32)
      --verify-blobs          HEAD every layer too
      --detail layers|platforms|digest
                              how much to read per image (default layers; pin: digest,
                              or platforms with -p; verify: platforms)
      --require-pins          verify: an unpinned reference fails too
      --aliyun-region ID      with --source aliyun; the AccessKey is read from
      --aliyun-endpoint URL   ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (/ ALIBABA_CLOUD_SECURITY_TOKEN)
      --baseline REPORT       compare sizes with an earlier run's report file
      --wait SECONDS          wait up to this long for images that are not there yet
                              or lack a required platform (progress on stderr)
      --shard I/N             resolve only shard I of N (a stable slice by hash)
      --cache DIR             keep manifests in DIR between runs (verified on read)
      --json                  print the report file's JSON instead of the table
  -h, --help`;
const USAGE = `usage: digest-gate [options] IMAGE...
       digest-gate pin [options] FILE...
       digest-gate verify [options] FILE...
       digest-gate merge [--json] [-p LIST] [--fail-on-missing] REPORT...

${OPTIONS_USAGE}

IMAGE is name[:tag][@digest] (Docker Hub defaults apply) or oci-layout://PATH[:tag|@digest].
pin rewrites each image reference in the FILEs to name:tag@digest (what the tag points at
now), changing nothing else; verify changes nothing and exits 1 on a stale, vanished or
single-platform pin. FILE is a path or a glob (quote it), relative to $GITHUB_WORKSPACE if
set, else the current directory; !PATTERN excludes.
merge joins shard runs' report files (paths or globs; from --json) into one report.`;
async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(chunk);
    return Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, '');
}
/**
 * Subcommands: the first argument, when it names one; each takes the same options and its own
 * positionals. Anything else is the images form.
 */
const SUBCOMMANDS = {
    pin: args => runCommand(args, 'pin'),
    verify: args => runCommand(args, 'verify'),
    merge: args => runCommand(args, 'merge')
};
async function main(argv) {
    // An image is never named `pin`, `verify` or `merge` alone (it would be docker.io/library/pin,
    // which the long form still reaches).
    const name = argv[0] ?? '';
    return Object.hasOwn(SUBCOMMANDS, name)
        ? SUBCOMMANDS[name](argv.slice(1))
        : runCommand(argv, 'report');
}
/** The images form (`report`) or a subcommand: options, then IMAGEs, FILEs or REPORTs. */
async function runCommand(argv, mode) {
    let parsed;
    try {
        parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({
            args: argv,
            allowPositionals: true,
            options: {
                platforms: { type: 'string', short: 'p' },
                'fail-on-missing': { type: 'boolean' },
                'fail-on': { type: 'string' },
                policy: { type: 'string' },
                registry: { type: 'string' },
                username: { type: 'string', short: 'u' },
                'password-stdin': { type: 'boolean' },
                'insecure-registries': { type: 'string' },
                source: { type: 'string' },
                timeout: { type: 'string' },
                concurrency: { type: 'string' },
                'verify-blobs': { type: 'boolean' },
                detail: { type: 'string' },
                'require-pins': { type: 'boolean' },
                'aliyun-region': { type: 'string' },
                'aliyun-endpoint': { type: 'string' },
                baseline: { type: 'string' },
                wait: { type: 'string' },
                shard: { type: 'string' },
                cache: { type: 'string' },
                json: { type: 'boolean' },
                help: { type: 'boolean', short: 'h' }
            }
        });
    }
    catch (e) {
        process.stderr.write(`${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}\n\n${USAGE}\n`);
        return 2;
    }
    const { values, positionals } = parsed;
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if ((mode === 'pin' || mode === 'verify') && !positionals.length) {
        process.stderr.write(`digest-gate ${mode}: name one or more files\n\n${USAGE}\n`);
        return 2;
    }
    const raw = {
        mode,
        images: mode === 'report' ? positionals.join('\n') : '',
        files: mode === 'pin' || mode === 'verify' ? positionals.join('\n') : '',
        reports: mode === 'merge' ? positionals.join('\n') : '',
        'require-pins': values['require-pins'] ? 'true' : 'false',
        wait: values.wait,
        shard: values.shard,
        cache: values.cache,
        platforms: values.platforms,
        'fail-on-missing': values['fail-on-missing'] ? 'true' : 'false',
        'fail-on': values['fail-on'],
        policy: values.policy,
        registry: values.registry,
        username: values.username,
        password: values['password-stdin'] ? await readStdin() : undefined,
        'insecure-registries': values['insecure-registries'],
        source: values.source,
        timeout: values.timeout,
        concurrency: values.concurrency,
        'verify-blobs': values['verify-blobs'] ? 'true' : 'false',
        'github-token': process.env.GITHUB_TOKEN,
        detail: values.detail,
        'aliyun-region': values['aliyun-region'],
        'aliyun-endpoint': values['aliyun-endpoint'],
        baseline: values.baseline,
        'aliyun-access-key-id': process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
        'aliyun-access-key-secret': process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
        'aliyun-security-token': process.env.ALIBABA_CLOUD_SECURITY_TOKEN
    };
    try {
        const settings = (0,_settings_js__WEBPACK_IMPORTED_MODULE_4__/* .parseSettings */ .P)(raw);
        const log = (line) => {
            process.stderr.write(`digest-gate: ${line}\n`);
        };
        const result = settings.mode === 'merge'
            ? await (await __nccwpck_require__.e(/* import() */ 107).then(__nccwpck_require__.bind(__nccwpck_require__, 9107))).runMerge(settings)
            : settings.files.length
                ? await (await __nccwpck_require__.e(/* import() */ 428).then(__nccwpck_require__.bind(__nccwpck_require__, 6428))).runFiles(settings, { log })
                : await (0,_run_js__WEBPACK_IMPORTED_MODULE_3__/* .runGate */ .Rg)(settings, { log });
        if (values.json) {
            const report = (0,_outputs_js__WEBPACK_IMPORTED_MODULE_2__/* .buildReport */ .FK)(result.records, result.ok, result.facts, result.files);
            process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        }
        else if (result.files) {
            process.stdout.write(`${[...result.files.lines, result.ok ? 'ok' : 'not ok'].join('\n')}\n`);
        }
        else {
            process.stdout.write(`${(0,_table_js__WEBPACK_IMPORTED_MODULE_5__/* .renderTable */ .b)(result.records, result.ok)}\n`);
        }
        // The images' failures are in the table; these are not.
        for (const line of [
            ...(0,_summary_js__WEBPACK_IMPORTED_MODULE_6__/* .runLines */ .rB)(result.facts, _text_js__WEBPACK_IMPORTED_MODULE_7__/* .plainText */ .wh),
            ...result.warnings,
            ...result.problems,
            ...(result.files?.failures ?? [])
        ])
            if (line)
                process.stderr.write(`digest-gate: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_7__/* .plainText */ .wh)(line)}\n`);
        return (0,_run_js__WEBPACK_IMPORTED_MODULE_3__/* .failureOf */ .g5)(result) ? 1 : 0;
    }
    catch (e) {
        process.stderr.write(`digest-gate: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}\n`);
        if (!(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isDigestGateError */ .Ez)(e) && e instanceof Error && e.stack)
            process.stderr.write(`${e.stack}\n`);
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isDigestGateError */ .Ez)(e) && e.kind === 'invalid-input' ? 2 : 1;
    }
}
process.exitCode = await main(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2187:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   It: () => (/* binding */ manifestDigest),
/* harmony export */   MK: () => (/* binding */ computeDigest),
/* harmony export */   b7: () => (/* binding */ digestedContent),
/* harmony export */   bN: () => (/* binding */ verifyManifestDigest)
/* harmony export */ });
/* unused harmony export schema1Payload */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3916);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(5546);



/**
 * Content digests (image-spec descriptor.md#digests) and what a manifest's digest covers,
 * signed schema 1 included (registry-notes §4). Pure.
 */
function base64UrlDecode(s) {
    return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}
/**
 * The bytes a schema 1 digest covers. For a signed manifest that is the JWS payload, not the
 * body: the body's first `formatLength` bytes plus the decoded `formatTail`, both read from the
 * first signature's protected header (libtrust jsonsign.go). Unsigned: the body itself.
 */
function schema1Payload(body) {
    const json = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .parseJson */ .qF)(body);
    if (!(0,_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .hasSignatures */ .cZ)(json))
        return body;
    const first = json.signatures[0];
    if (!(0,_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .Gv)(first) || typeof first.protected !== 'string')
        throw (0,_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .bad */ .MB)('schema 1 signature has no protected header');
    let header;
    try {
        const parsed = JSON.parse(base64UrlDecode(first.protected).toString('utf8'));
        if (!(0,_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .Gv)(parsed))
            throw new Error('not an object');
        header = parsed;
    }
    catch {
        throw (0,_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .bad */ .MB)('schema 1 signature protected header is not valid base64url JSON');
    }
    const { formatLength, formatTail } = header;
    if (typeof formatLength !== 'number' ||
        formatLength < 0 ||
        formatLength > body.length ||
        typeof formatTail !== 'string') {
        throw (0,_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .bad */ .MB)('schema 1 signature protected header has no valid formatLength/formatTail');
    }
    return Buffer.concat([Buffer.from(body.subarray(0, formatLength)), base64UrlDecode(formatTail)]);
}
/**
 * The bytes a manifest's digest covers, and the only bytes to trust once it matches: the body,
 * or for a signed schema 1 manifest (top-level `schemaVersion` 1 with JWS `signatures`) its
 * signed payload. Parsing the payload rather than the body matters: anything outside the
 * payload is not covered by the digest.
 */
function digestedContent(body) {
    if (!Buffer.from(body.buffer, body.byteOffset, body.byteLength).includes('"signatures"'))
        return body;
    let json;
    try {
        json = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .parseJson */ .qF)(body);
    }
    catch {
        return body;
    }
    return json.schemaVersion === 1 && (0,_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .hasSignatures */ .cZ)(json) ? schema1Payload(body) : body;
}
/** `algo:hex` of data, for the algorithms OCI allows. */
function computeDigest(data, algorithm = 'sha256') {
    return `${algorithm}:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)(algorithm).update(data).digest('hex')}`;
}
/**
 * The content digest of a manifest body: sha256 (or the algorithm of `like`) of the bytes, or
 * of the signed payload for signed schema 1 (registry-notes §4).
 */
function manifestDigest(body, like) {
    const algorithm = like?.startsWith('sha512:') ? 'sha512' : 'sha256';
    return computeDigest(digestedContent(body), algorithm);
}
/**
 * Checks a body against the digest it was fetched by and returns the bytes that digest
 * covers, the only ones to parse. Throws an `integrity` error when they do not match.
 */
function verifyManifestDigest(body, expected) {
    const content = digestedContent(body);
    const actual = computeDigest(content, expected.startsWith('sha512:') ? 'sha512' : 'sha256');
    if (actual !== expected) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('integrity', `manifest content does not match its digest: expected ${expected}, got ${actual}`);
    }
    return content;
}


/***/ }),

/***/ 2841:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Kd: () => (/* binding */ DOCKER_HUB_ALIASES),
/* harmony export */   Mj: () => (/* binding */ DOCKER_HUB_CONFIG_KEY),
/* harmony export */   Xb: () => (/* binding */ DOCKER_HUB),
/* harmony export */   aD: () => (/* binding */ serverAddress),
/* harmony export */   nz: () => (/* binding */ apiHost)
/* harmony export */ });
/**
 * Docker Hub's names, in one place: the registry name references default to, its aliases, the
 * host its distribution API lives on, and the key Docker's config.json and credential helpers
 * use for it (registry-notes §1; docker/cli registry.IndexServer).
 */
/** The canonical registry name of Docker Hub, as `nginx` expands to `docker.io/library/nginx`. */
const DOCKER_HUB = 'docker.io';
/** The host Docker Hub's distribution API really lives on. */
const DOCKER_HUB_API_HOST = 'registry-1.docker.io';
/** Every name that means Docker Hub, in the order config.json keys are tried. */
const DOCKER_HUB_ALIASES = [
    'index.docker.io',
    'docker.io',
    'registry-1.docker.io'
];
/** The key Docker uses for Docker Hub in config.json and with credential helpers. */
const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';
/** The host to send a registry's API requests to. */
function apiHost(registry) {
    return registry === DOCKER_HUB ? DOCKER_HUB_API_HOST : registry;
}
/** The server address Docker's tools name a registry by (config.json keys, helpers, the Engine). */
function serverAddress(registry) {
    return registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry;
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ez: () => (/* binding */ isDigestGateError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   ic: () => (/* binding */ DigestGateError)
/* harmony export */ });
class DigestGateError extends Error {
    kind;
    registry;
    code;
    status;
    retryAfterMs;
    constructor(kind, message, details = {}) {
        super(message);
        this.name = 'DigestGateError';
        this.kind = kind;
        this.registry = details.registry;
        this.code = details.code;
        this.status = details.status;
        this.retryAfterMs = details.retryAfterMs;
    }
}
function isDigestGateError(e) {
    return e instanceof DigestGateError;
}
/** A message for any thrown value; unexpected errors keep their class name to aid bug reports. */
function errorMessage(e) {
    if (e instanceof DigestGateError)
        return e.message;
    if (e instanceof Error)
        return `${e.name}: ${e.message}`;
    return String(e);
}


/***/ }),

/***/ 6863:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bg: () => (/* binding */ DAEMON_BODY_CAP),
/* harmony export */   FL: () => (/* binding */ MANIFEST_CAP),
/* harmony export */   Nw: () => (/* binding */ ERROR_BODY_CAP),
/* harmony export */   PH: () => (/* binding */ ALIYUN_BODY_CAP),
/* harmony export */   SM: () => (/* binding */ CONFIG_CAP),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   e_: () => (/* binding */ TOKEN_BODY_CAP),
/* harmony export */   ez: () => (/* binding */ socketHost),
/* harmony export */   yv: () => (/* binding */ originOf)
/* harmony export */ });
/**
 * Rules about hosts and sizes that every remote shares: which hosts may be reached over plain
 * HTTP, how an origin is named, and how much of each kind of answer is read at most. Pure.
 */
/** containerd's manifest read limit; distribution refuses to store larger ones anyway. */
const MANIFEST_CAP = 4 * 1024 * 1024;
/** Image configs are small JSON; the same bound as manifests. */
const CONFIG_CAP = 4 * 1024 * 1024;
/** Registry error bodies are small JSON; more than this is noise (or hostile). */
const ERROR_BODY_CAP = 64 * 1024;
/** Token answers are a JWT or two in JSON. */
const TOKEN_BODY_CAP = 64 * 1024;
/** A Docker Engine's /distribution answer: one descriptor and a platform list. */
const DAEMON_BODY_CAP = 1024 * 1024;
/** Alibaba Cloud's API answers one manifest wrapped in JSON. */
const ALIYUN_BODY_CAP = 4 * 1024 * 1024;
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

/***/ 5214:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $J: () => (/* binding */ parseNumber),
/* harmony export */   Gq: () => (/* binding */ invalid),
/* harmony export */   yG: () => (/* binding */ parseBoolean),
/* harmony export */   yL: () => (/* binding */ oneOf)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);

function invalid(input, value, expected) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', `Invalid value for input '${input}': '${value}'. Expected ${expected}.`);
}
/** `'a', 'b' or 'c'` */
function oneOf(values) {
    const quoted = values.map(v => `'${v}'`);
    return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
function parseBoolean(input, raw, fallback) {
    const v = (raw ?? '').trim();
    if (v === '')
        return fallback;
    // The same spellings as core.getBooleanInput (YAML 1.2 core schema).
    if (['true', 'True', 'TRUE'].includes(v))
        return true;
    if (['false', 'False', 'FALSE'].includes(v))
        return false;
    throw invalid(input, v, "'true' or 'false'");
}
function parseNumber(input, raw, fallback, min, max) {
    const v = (raw ?? '').trim();
    if (v === '')
        return fallback;
    const n = Number(v);
    if (!/^\d+(\.\d+)?$/.test(v) || n < min || n > max)
        throw invalid(input, v, `a number from ${min} to ${max}`);
    return n;
}


/***/ }),

/***/ 5546:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ isIndexType),
/* harmony export */   BA: () => (/* binding */ parseDescriptor),
/* harmony export */   B_: () => (/* binding */ stripParameters),
/* harmony export */   Cf: () => (/* binding */ isAttestationPlatform),
/* harmony export */   G1: () => (/* binding */ isImageType),
/* harmony export */   Gv: () => (/* binding */ isObject),
/* harmony export */   H3: () => (/* binding */ isAttestation),
/* harmony export */   M3: () => (/* binding */ platformFromConfig),
/* harmony export */   MB: () => (/* binding */ bad),
/* harmony export */   Ng: () => (/* binding */ parseManifest),
/* harmony export */   bT: () => (/* binding */ REFERENCE_DIGEST_ANNOTATION),
/* harmony export */   cZ: () => (/* binding */ hasSignatures),
/* harmony export */   dY: () => (/* binding */ MANIFEST_ACCEPT),
/* harmony export */   hy: () => (/* binding */ isSchema1Type),
/* harmony export */   mI: () => (/* binding */ MediaTypes),
/* harmony export */   qF: () => (/* binding */ parseJson)
/* harmony export */ });
/* unused harmony exports REFERENCE_TYPE_ANNOTATION, EMPTY_LAYER_DIGEST */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8286);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3728);



/**
 * Media types, parsing and classification of manifest bodies, and the digest rules.
 * Specs: OCI image-spec (manifest.md, image-index.md, descriptor.md), Docker's
 * manifest-v2-2.md and manifest-v2-1.md. Pure.
 */
const MediaTypes = {
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    schema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
    schema1: 'application/vnd.docker.distribution.manifest.v1+json',
    ociConfig: 'application/vnd.oci.image.config.v1+json',
    dockerConfig: 'application/vnd.docker.container.image.v1+json'
};
/**
 * Every manifest type we understand, for `Accept` on both HEAD and GET. Leaving out the
 * Docker list type makes distribution silently answer with the linux/amd64 child.
 */
const MANIFEST_ACCEPT = [
    MediaTypes.ociIndex,
    MediaTypes.dockerList,
    MediaTypes.ociManifest,
    MediaTypes.dockerManifest,
    MediaTypes.schema1Signed,
    MediaTypes.schema1
].join(', ');
const INDEX_TYPES = new Set([MediaTypes.ociIndex, MediaTypes.dockerList]);
const IMAGE_TYPES = new Set([MediaTypes.ociManifest, MediaTypes.dockerManifest]);
const SCHEMA1_TYPES = new Set([MediaTypes.schema1Signed, MediaTypes.schema1]);
/** Content types that say nothing about which manifest this is; the body's shape decides. */
const GENERIC_TYPES = new Set(['', 'application/json', 'text/plain', 'application/octet-stream']);
/** Annotation BuildKit puts on attestation manifests in an index (buildkit docs/attestations). */
const REFERENCE_TYPE_ANNOTATION = 'vnd.docker.reference.type';
const REFERENCE_DIGEST_ANNOTATION = 'vnd.docker.reference.digest';
/** The empty tar that schema 1 uses for history entries without a layer. */
const EMPTY_LAYER_DIGEST = 'sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4';
function isIndexType(mediaType) {
    return INDEX_TYPES.has(mediaType);
}
function isImageType(mediaType) {
    return IMAGE_TYPES.has(mediaType);
}
function isSchema1Type(mediaType) {
    return SCHEMA1_TYPES.has(mediaType);
}
/** `application/json; charset=utf-8` → `application/json`. */
function stripParameters(contentType) {
    return (contentType ?? '').split(';')[0].trim().toLowerCase();
}
function bad(message) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-manifest', message);
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** A manifest body as a JSON object; `invalid-manifest` otherwise. */
function parseJson(body) {
    let value;
    try {
        value = JSON.parse(Buffer.from(body).toString('utf8'));
    }
    catch (e) {
        throw bad(`manifest is not valid JSON (${e.message})`);
    }
    if (!isObject(value))
        throw bad('manifest is not a JSON object');
    return value;
}
function stringMap(v, where) {
    if (v === undefined || v === null)
        return undefined;
    if (!isObject(v) || !Object.values(v).every(s => typeof s === 'string')) {
        throw bad(`${where} must be an object of strings`);
    }
    return v;
}
/** Validates one descriptor (descriptor.md): mediaType, a well-formed digest, a size ≥ 0. */
function parseDescriptor(v, where) {
    if (!isObject(v))
        throw bad(`${where} is not an object`);
    const { mediaType, digest, size } = v;
    if (typeof mediaType !== 'string' || !mediaType)
        throw bad(`${where}.mediaType is missing`);
    if (typeof digest !== 'string')
        throw bad(`${where}.digest is missing`);
    const problem = (0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .digestProblem */ .WQ)(digest);
    if (problem)
        throw bad(`${where}.digest is invalid: ${problem}`);
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
        throw bad(`${where}.size must be a non-negative integer, got ${JSON.stringify(size)}`);
    }
    const d = { mediaType, digest, size };
    if (v.platform !== undefined) {
        const platform = (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformFromJson */ ._I)(v.platform);
        if (!platform)
            throw bad(`${where}.platform needs os and architecture`);
        // A platform no client could name is an entry to skip, never a key in the outputs.
        const problem = (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformProblem */ .J4)(platform);
        if (problem)
            d.platformProblem = problem;
        else
            d.platform = platform;
    }
    const annotations = stringMap(v.annotations, `${where}.annotations`);
    if (annotations)
        d.annotations = annotations;
    if (typeof v.artifactType === 'string')
        d.artifactType = v.artifactType;
    if (Array.isArray(v.urls))
        d.urls = v.urls.filter((u) => typeof u === 'string');
    return d;
}
function shapeOf(json) {
    if (json.schemaVersion === 1)
        return 'schema1';
    if (Array.isArray(json.manifests))
        return 'index';
    if (Array.isArray(json.layers) || isObject(json.config))
        return 'image';
    return null;
}
const SHAPE_NAMES = {
    index: 'an index',
    image: 'an image manifest',
    schema1: 'a schema 1 manifest'
};
function kindOfType(mediaType) {
    if (isIndexType(mediaType))
        return 'index';
    if (isImageType(mediaType))
        return 'image';
    if (isSchema1Type(mediaType))
        return 'schema1';
    return null;
}
/**
 * Parses and classifies a manifest body. The Content-Type decides when it names a manifest
 * type; a generic or missing one leaves it to the body's `mediaType`, then to its shape
 * (registry-notes §2). A body that contradicts its Content-Type is an error, not a guess.
 */
function parseManifest(body, contentType) {
    const json = parseJson(body);
    const header = stripParameters(contentType);
    const declared = typeof json.mediaType === 'string' ? json.mediaType : undefined;
    const shape = shapeOf(json);
    let mediaType;
    if (!GENERIC_TYPES.has(header)) {
        if (declared && declared !== header && !(isSchema1Type(header) && isSchema1Type(declared))) {
            throw bad(`manifest says mediaType '${declared}' but was served as '${header}'`);
        }
        mediaType = header;
    }
    else if (declared) {
        mediaType = declared;
    }
    else if (shape === 'schema1') {
        mediaType = hasSignatures(json) ? MediaTypes.schema1Signed : MediaTypes.schema1;
    }
    else if (shape === 'index') {
        mediaType = MediaTypes.ociIndex;
    }
    else if (shape === 'image') {
        mediaType = MediaTypes.ociManifest;
    }
    else {
        throw bad('manifest has neither manifests, layers nor schemaVersion 1; it is not an image');
    }
    const kind = kindOfType(mediaType);
    if (!kind)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('unsupported', `manifest media type '${mediaType}' is not one digest-gate reads`);
    if (shape && shape !== kind)
        throw bad(`manifest of type '${mediaType}' has the shape of ${SHAPE_NAMES[shape]}`);
    switch (kind) {
        case 'index':
            return parseIndex(json, mediaType);
        case 'image':
            return parseImage(json, mediaType);
        case 'schema1':
            return parseSchema1(json, mediaType);
    }
}
function commonFields(json) {
    const out = {};
    const annotations = stringMap(json.annotations, 'annotations');
    if (annotations)
        out.annotations = annotations;
    if (json.subject !== undefined)
        out.subject = parseDescriptor(json.subject, 'subject');
    if (typeof json.artifactType === 'string')
        out.artifactType = json.artifactType;
    return out;
}
function parseIndex(json, mediaType) {
    if (json.schemaVersion !== 2)
        throw bad(`index schemaVersion must be 2, got ${JSON.stringify(json.schemaVersion)}`);
    if (!Array.isArray(json.manifests))
        throw bad('index has no manifests array');
    const manifests = json.manifests.map((m, i) => parseDescriptor(m, `manifests[${i}]`));
    return { kind: 'index', mediaType, manifests, ...commonFields(json) };
}
function parseImage(json, mediaType) {
    if (json.schemaVersion !== 2)
        throw bad(`manifest schemaVersion must be 2, got ${JSON.stringify(json.schemaVersion)}`);
    const config = parseDescriptor(json.config, 'config');
    if (!Array.isArray(json.layers))
        throw bad('manifest has no layers array');
    const layers = json.layers.map((l, i) => parseDescriptor(l, `layers[${i}]`));
    return { kind: 'image', mediaType, config, layers, ...commonFields(json) };
}
/** Schema 1 JWS signatures present (manifest-v2-1.md "Signed manifests"). */
function hasSignatures(json) {
    return Array.isArray(json.signatures) && json.signatures.length > 0;
}
/**
 * Schema 1 (manifest-v2-1.md): fsLayers[0] is the top layer, history[i].v1Compatibility holds
 * the v1 config as a JSON string (Alibaba's API shows it as an object; both are accepted).
 */
function parseSchema1(json, mediaType) {
    if (!Array.isArray(json.fsLayers))
        throw bad('schema 1 manifest has no fsLayers array');
    const history = Array.isArray(json.history) ? json.history : [];
    const layers = [];
    json.fsLayers.forEach((l, i) => {
        if (!isObject(l) || typeof l.blobSum !== 'string')
            throw bad(`fsLayers[${i}].blobSum is missing`);
        const problem = (0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .digestProblem */ .WQ)(l.blobSum);
        if (problem)
            throw bad(`fsLayers[${i}].blobSum is invalid: ${problem}`);
        const v1 = v1Compatibility(history[i], i);
        if (v1?.throwaway === true || l.blobSum === EMPTY_LAYER_DIGEST)
            return;
        layers.push(l.blobSum);
    });
    layers.reverse();
    const top = v1Compatibility(history[0], 0);
    const stated = (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformFromJson */ ._I)({
        os: top?.os ?? 'linux',
        architecture: top?.architecture ?? json.architecture
    });
    const platform = stated && !(0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformProblem */ .J4)(stated) ? stated : null;
    const out = {
        kind: 'schema1',
        mediaType,
        platform,
        layers,
        signed: hasSignatures(json)
    };
    if (typeof json.name === 'string')
        out.name = json.name;
    if (typeof json.tag === 'string')
        out.tag = json.tag;
    return out;
}
function v1Compatibility(entry, i) {
    if (!isObject(entry))
        return undefined;
    const v = entry.v1Compatibility;
    if (isObject(v))
        return v;
    if (typeof v !== 'string')
        return undefined;
    try {
        const parsed = JSON.parse(v);
        return isObject(parsed) ? parsed : undefined;
    }
    catch {
        throw bad(`history[${i}].v1Compatibility is not valid JSON`);
    }
}
function isAttestation(d) {
    return d.annotations?.[REFERENCE_TYPE_ANNOTATION] === 'attestation-manifest';
}
/** Reads os/architecture/variant/os.version from an image config blob (image-spec config.md). */
function platformFromConfig(body) {
    let json;
    try {
        json = parseJson(body);
    }
    catch {
        throw bad('image config is not valid JSON');
    }
    return (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformFromJson */ ._I)(json);
}
/** `unknown/unknown`: what BuildKit gives attestation manifests, and never a real platform. */
function isAttestationPlatform(p) {
    return p?.os === 'unknown' && p.architecture === 'unknown';
}


/***/ }),

/***/ 7729:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ buildReport)
/* harmony export */ });
/* unused harmony exports OUTPUTS, digestsOutput, pinnedOutput, OUTPUT_LIMIT, TRUNCATED_KEY, fitObject, fitArray, fitLines, buildOutputs */
/**
 * Records → the contract's outputs and the report file (contract.md, "Outputs" and "The report
 * file"). Pure: nothing here writes anywhere.
 */
const OUTPUTS = {
    digests: 'digests',
    missing: 'missing',
    pinned: 'pinned',
    ok: 'ok',
    reportFile: 'report-file',
    violations: 'violations',
    /** `mode: pin`: the files rewritten, one path per line, relative to the workspace. */
    changedFiles: 'changed-files'
};
/** The `digests` output: keyed by each image exactly as given. */
function digestsOutput(records) {
    const out = {};
    for (const r of records) {
        if (r.error) {
            out[r.image] = { error: r.error };
            continue;
        }
        const platforms = {};
        for (const p of r.platforms)
            if (!(p.platform in platforms))
                platforms[p.platform] = p.digest;
        out[r.image] = {
            ref: r.ref ?? undefined,
            digest: r.digest,
            mediaType: r.mediaType ?? undefined,
            platforms
        };
    }
    return out;
}
/** The `pinned` output: `name[:tag]@digest`, one line per resolved image. */
function pinnedOutput(records) {
    return pinnedLines(records).join('\n');
}
function pinnedLines(records) {
    return records.filter(r => !r.error && r.digest && r.ref).map(r => `${r.ref}@${r.digest}`);
}
function buildReport(records, ok, run, files) {
    const images = records.map(r => ({ ...r, error: r.error }));
    const report = run ? { ok, images, run } : { ok, images };
    if (files) {
        report.references = files.files;
        if (files.mode === 'pin')
            report.changedFiles = files.changedFiles;
    }
    return report;
}
/**
 * GitHub keeps at most 1 MB per output (and per job's outputs together, counted in UTF-16:
 * docs "Defining outputs for jobs"); a value past it breaks the step or the job. Outputs past
 * this many bytes of UTF-8 are trimmed into valid values that say so.
 */
const OUTPUT_LIMIT = 1_000_000;
/**
 * The key of the marker in a trimmed `digests` object. No image can have it: `images` reads a
 * `#` at the start of an entry as a comment.
 */
const TRUNCATED_KEY = '#truncated';
/** The `violations` output: `[{image, platform, rule, expected, found}]`, `[]` without any. */
function violationsOutput(violations) {
    return JSON.stringify(violations.map(({ image, platform, rule, expected, found }) => ({
        image,
        platform,
        rule,
        expected,
        found
    })));
}
const bytes = (s) => Buffer.byteLength(s);
/** `{"#truncated": marker, ...as many entries as fit}`, or the whole object when it fits. */
function fitObject(entries, reportFile, limit = OUTPUT_LIMIT) {
    const full = JSON.stringify(entries);
    if (bytes(full) <= limit)
        return { text: full, truncated: false };
    const keys = Object.keys(entries);
    const head = (included) => `${JSON.stringify(TRUNCATED_KEY)}:${JSON.stringify(marker(keys.length, included, reportFile))}`;
    // Room for the marker at its longest (`included` as long as `total`) and the braces.
    let size = bytes(head(keys.length)) + 2;
    const parts = [];
    for (const key of keys) {
        const part = `${JSON.stringify(key)}:${JSON.stringify(entries[key])}`;
        if (size + bytes(part) + 1 > limit)
            break;
        parts.push(part);
        size += bytes(part) + 1;
    }
    return { text: `{${[head(parts.length), ...parts].join(',')}}`, truncated: true };
}
/** `[marker, ...as many entries as fit]`, or the whole array when it fits. */
function fitArray(entries, reportFile, limit = OUTPUT_LIMIT) {
    const full = JSON.stringify(entries);
    if (bytes(full) <= limit)
        return { text: full, truncated: false };
    const head = (included) => JSON.stringify(marker(entries.length, included, reportFile));
    let size = bytes(head(entries.length)) + 2;
    const parts = [];
    for (const entry of entries) {
        const part = JSON.stringify(entry);
        if (size + bytes(part) + 1 > limit)
            break;
        parts.push(part);
        size += bytes(part) + 1;
    }
    return { text: `[${[head(parts.length), ...parts].join(',')}]`, truncated: true };
}
/** Lines, the first of them a `#` comment saying how many of how many follow. */
function fitLines(lines, reportFile, limit = OUTPUT_LIMIT) {
    const full = lines.join('\n');
    if (bytes(full) <= limit)
        return { text: full, truncated: false };
    const head = (included) => `# truncated: the first ${included} of ${lines.length} lines; every one is in the report file ${reportFile}`;
    let size = bytes(head(lines.length));
    const kept = [];
    for (const line of lines) {
        if (size + bytes(line) + 1 > limit)
            break;
        kept.push(line);
        size += bytes(line) + 1;
    }
    return { text: [head(kept.length), ...kept].join('\n'), truncated: true };
}
function marker(total, included, reportFile) {
    return { truncated: true, total, included, 'report-file': reportFile };
}
/**
 * The outputs, each within `limit`: a value that would pass it keeps its first entries and
 * says that it was trimmed and where the rest is (README, "Outputs"), never a broken value.
 */
function buildOutputs(records, missing, ok, reportFile = '', violations = [], limit = OUTPUT_LIMIT) {
    const digests = fitObject(digestsOutput(records), reportFile, limit);
    const gaps = fitArray(missing, reportFile, limit);
    const pinned = fitLines(pinnedLines(records), reportFile, limit);
    const broken = fitArray(JSON.parse(violationsOutput(violations)), reportFile, limit);
    const truncated = [
        [OUTPUTS.digests, digests],
        [OUTPUTS.missing, gaps],
        [OUTPUTS.pinned, pinned],
        [OUTPUTS.violations, broken]
    ]
        .filter(([, v]) => v.truncated)
        .map(([name]) => name);
    return {
        digests: digests.text,
        missing: gaps.text,
        pinned: pinned.text,
        ok: String(ok),
        violations: broken.text,
        truncated
    };
}


/***/ }),

/***/ 3728:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bq: () => (/* binding */ formatPlatform),
/* harmony export */   FL: () => (/* binding */ normalizePlatform),
/* harmony export */   J4: () => (/* binding */ platformProblem),
/* harmony export */   J5: () => (/* binding */ platformMatches),
/* harmony export */   Y8: () => (/* binding */ parsePlatform),
/* harmony export */   _I: () => (/* binding */ platformFromJson),
/* harmony export */   ry: () => (/* binding */ splitList)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8992);


function normalizeOs(os) {
    const lower = os.toLowerCase();
    return lower === 'macos' ? 'darwin' : lower;
}
/** containerd's normalizeArch: returns the canonical [architecture, variant]. */
function normalizeArch(arch, variant) {
    const a = arch.toLowerCase();
    const v = variant.toLowerCase();
    switch (a) {
        case 'i386':
            return ['386', ''];
        case 'x86_64':
        case 'x86-64':
        case 'amd64':
            return ['amd64', v === 'v1' ? '' : v];
        case 'aarch64':
        case 'arm64':
            if (v === '8' || v === 'v8' || v === 'v8.0')
                return ['arm64', ''];
            if (v === '9' || v === '9.0' || v === 'v9.0')
                return ['arm64', 'v9'];
            return ['arm64', v];
        case 'armhf':
            return ['arm', 'v7'];
        case 'armel':
            return ['arm', 'v6'];
        case 'arm':
            if (v === '' || v === '7')
                return ['arm', 'v7'];
            if (v === '5' || v === '6' || v === '8')
                return ['arm', `v${v}`];
            return ['arm', v];
        default:
            return [a, v];
    }
}
/** containerd's Normalize, keeping os.version and features untouched. */
function normalizePlatform(p) {
    const [architecture, variant] = normalizeArch(p.architecture, p.variant ?? '');
    const out = { os: normalizeOs(p.os), architecture };
    if (variant)
        out.variant = variant;
    if (p.osVersion)
        out.osVersion = p.osVersion;
    if (p.osFeatures?.length)
        out.osFeatures = [...p.osFeatures];
    if (p.features?.length)
        out.features = [...p.features];
    return out;
}
/** `os(os.version)/arch[/variant]`, the key used in outputs and the report. */
function formatPlatform(p) {
    const os = p.osVersion ? `${p.os}(${p.osVersion})` : p.os;
    return [os, p.architecture, p.variant].filter(Boolean).join('/');
}
const KNOWN_OS = new Set([
    'aix',
    'android',
    'darwin',
    'dragonfly',
    'freebsd',
    'illumos',
    'ios',
    'js',
    'linux',
    'netbsd',
    'openbsd',
    'plan9',
    'solaris',
    'wasip1',
    'windows'
]);
const PART = /^[A-Za-z0-9_.-]+$/;
/** Architectures (and their aliases) that are never an os, for the `arch/variant` shorthand. */
const KNOWN_ARCH = new Set([
    '386',
    'i386',
    'amd64',
    'x86_64',
    'x86-64',
    'arm',
    'armhf',
    'armel',
    'arm64',
    'aarch64',
    'ppc64',
    'ppc64le',
    's390x',
    'riscv64',
    'mips',
    'mipsle',
    'mips64',
    'mips64le',
    'loong64',
    'wasm'
]);
function isArchitectureName(name) {
    const lower = name.toLowerCase();
    return KNOWN_ARCH.has(lower) && !KNOWN_OS.has(lower);
}
function badPlatform(text, why) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', `Invalid platform '${text}': ${why}`);
}
/**
 * Parses containerd's specifier syntax: `os/arch[/variant]`, `os(os.version)/arch[/variant]`,
 * or a bare architecture or alias (`arm64`, `x86_64`, `armhf`), which means linux as in
 * containerd's Parse. Returns the normalised platform; throws `invalid-input`.
 */
function parsePlatform(text) {
    const spec = text.trim();
    if (!spec)
        throw badPlatform(text, 'it is empty');
    let osVersion;
    let body = spec;
    const open = spec.indexOf('(');
    if (open >= 0) {
        const close = spec.indexOf(')', open);
        const slash = spec.indexOf('/');
        // The parentheses follow a non-empty os and end it: at the first '/' or the end of the text.
        if (close < 0 ||
            open === 0 ||
            (slash >= 0 && slash < close) ||
            (close + 1 < spec.length && spec[close + 1] !== '/')) {
            throw badPlatform(text, "os.version goes in parentheses right after the os, e.g. 'windows(10.0.20348)/amd64'");
        }
        osVersion = spec.slice(open + 1, close);
        body = spec.slice(0, open) + spec.slice(close + 1);
        if (!osVersion || !/^[A-Za-z0-9_.-]+$/.test(osVersion))
            throw badPlatform(text, `os.version '${osVersion}' is not valid`);
    }
    const parts = body.split('/');
    if (parts.length > 3 || parts.some(p => !PART.test(p))) {
        throw badPlatform(text, "expected os/arch[/variant], e.g. 'linux/arm64' or 'linux/arm/v7'");
    }
    let platform;
    if (parts.length === 1) {
        const only = parts[0].toLowerCase();
        if (KNOWN_OS.has(normalizeOs(only)) || osVersion) {
            throw badPlatform(text, `'${parts[0]}' is an os; an architecture is needed too, e.g. '${only}/amd64'`);
        }
        platform = { os: 'linux', architecture: only };
    }
    else if (parts.length === 2 && !osVersion && isArchitectureName(parts[0])) {
        // `arm64/v8` is an architecture and its variant, as indexes write them, on linux.
        platform = { os: 'linux', architecture: parts[0], variant: parts[1] };
    }
    else {
        platform = { os: parts[0], architecture: parts[1], variant: parts[2] };
    }
    if (osVersion)
        platform.osVersion = osVersion;
    return normalizePlatform(platform);
}
/**
 * Exact matching after normalisation (containerd's OnlyStrict, not Only): no "compatible"
 * fallbacks. A field the requirement leaves out matches anything, and a required os.version
 * matches found versions that equal it or extend it at a '.' boundary, so `10.0.20348` takes
 * `10.0.20348.1607`.
 */
function platformMatches(required, found) {
    const r = normalizePlatform(required);
    const f = normalizePlatform(found);
    if (r.os !== f.os || r.architecture !== f.architecture)
        return false;
    if (r.variant && r.variant !== f.variant)
        return false;
    if (r.osVersion) {
        const v = f.osVersion ?? '';
        if (v !== r.osVersion && !v.startsWith(`${r.osVersion}.`))
            return false;
    }
    return true;
}
function stringField(v) {
    return typeof v === 'string' && v !== '' ? v : undefined;
}
function stringList(v) {
    return Array.isArray(v) && v.every(s => typeof s === 'string') ? v : undefined;
}
/**
 * Why a platform stated by a registry cannot be a key, or null when it can: each field must
 * match containerd's specifier grammar (platforms.go `specifierRe`), so no markup, spaces,
 * slashes or control characters reach outputs, the log or the summary.
 */
function platformProblem(p) {
    const fields = [
        ['os', p.os],
        ['architecture', p.architecture],
        ['variant', p.variant],
        ['os.version', p.osVersion]
    ];
    const bad = fields
        .filter(([, value]) => value !== undefined && !PART.test(value))
        .map(([name, value]) => `${name} ${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quoteVisible */ .Lc)(value ?? '')}`);
    return bad.length
        ? `platform ${bad.join(' and ')} ${bad.length === 1 ? 'is' : 'are'} not valid (expected letters, digits, '_', '.' and '-')`
        : null;
}
/** Reads a platform object from JSON; null when it lacks an os or architecture. */
function platformFromJson(json) {
    if (!json || typeof json !== 'object')
        return null;
    const os = stringField(json.os);
    const architecture = stringField(json.architecture);
    if (!os || !architecture)
        return null;
    const p = { os, architecture };
    const variant = stringField(json.variant);
    if (variant)
        p.variant = variant;
    const osVersion = stringField(json['os.version']);
    if (osVersion)
        p.osVersion = osVersion;
    const osFeatures = stringList(json['os.features']);
    if (osFeatures?.length)
        p.osFeatures = osFeatures;
    const features = stringList(json.features);
    if (features?.length)
        p.features = features;
    return p;
}
/** Splits a comma- or newline-separated list, dropping blanks and `#` comments. */
function splitList(text) {
    return text
        .split(/\r?\n/)
        .map(line => line.replace(/(^|\s)#.*$/, ''))
        .flatMap(line => line.split(','))
        .map(s => s.trim())
        .filter(Boolean);
}


/***/ }),

/***/ 1237:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   HQ: () => (/* binding */ isOk),
/* harmony export */   I9: () => (/* binding */ gateFailure),
/* harmony export */   Uz: () => (/* binding */ evaluatePolicy),
/* harmony export */   z3: () => (/* binding */ missingPlatforms)
/* harmony export */ });
/* unused harmony export failsOn */
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3728);

/** The platforms a record lacks; an image that failed to resolve is an error, not a gap. */
function missingPlatforms(record, required) {
    if (record.error)
        return [];
    const found = record.platforms
        .map(p => p.declared ?? safeParse(p.platform))
        .filter((p) => !!p);
    return required.filter(r => !found.some(f => (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformMatches */ .J5)(r, f))).map(_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPlatform */ .Bq);
}
function safeParse(key) {
    try {
        return (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .parsePlatform */ .Y8)(key);
    }
    catch {
        return null;
    }
}
/**
 * Fills each record's `missing` and returns the flat list the `missing` output carries. The
 * required platforms are the same for every record, or each record's own (its policy rule).
 */
function evaluatePolicy(records, required) {
    const out = [];
    for (const [i, record] of records.entries()) {
        record.missing = missingPlatforms(record, Array.isArray(required) ? required : required(record, i));
        for (const platform of record.missing)
            out.push({ image: record.image, platform });
    }
    return out;
}
/**
 * `ok` as the contract defines it: everything resolved and nothing required is missing; with a
 * policy, no violation either.
 */
function isOk(records) {
    return records.every(r => !r.error && r.missing.length === 0 && !r.violations?.length);
}
/** Whether `fail-on` makes this record's gaps fail the step: missing platforms, violations. */
function failsOn(failOn) {
    return { missing: failOn !== 'never', violations: failOn === 'violation' };
}
/**
 * Why the step fails for missing platforms or violations, each record judged by its own
 * `fail-on`; undefined when neither fails it. Unresolved images fail it whatever `fail-on`
 * says, and are the caller's to report first.
 */
function gateFailure(records, failOn) {
    let missing = 0;
    let violations = 0;
    records.forEach((r, i) => {
        const fails = failsOn(failOn[i] ?? 'never');
        if (fails.missing)
            missing += r.missing.length;
        if (fails.violations)
            violations += r.violations?.length ?? 0;
    });
    const parts = [];
    if (missing)
        parts.push(`${missing} required platform${missing === 1 ? ' is' : 's are'} missing`);
    if (violations)
        parts.push(`${violations} policy violation${violations === 1 ? '' : 's'}`);
    return parts.length ? parts.join('; ') : undefined;
}


/***/ }),

/***/ 8254:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ FAIL_ON),
/* harmony export */   s: () => (/* binding */ RULE_KEYS)
/* harmony export */ });
const FAIL_ON = ['missing', 'violation', 'never'];
const RULE_KEYS = [
    'platforms',
    'forbid',
    'max-size',
    'max-layers',
    'max-growth',
    'attestations',
    'consistent',
    'fail-on'
];


/***/ }),

/***/ 8286:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   WQ: () => (/* binding */ digestProblem),
/* harmony export */   i7: () => (/* binding */ canonicalRegistry),
/* harmony export */   nD: () => (/* binding */ formatName)
/* harmony export */ });
/* unused harmony export formatPinned */
/* harmony import */ var _docker_hub_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2841);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);


const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6 = /^\[[a-fA-F0-9:]+\]$/;
const PORT = /^[0-9]+$/;
const MAX_PATH = 255;
const DIGEST_RULES = {
    sha256: /^[a-f0-9]{64}$/,
    sha512: /^[a-f0-9]{128}$/
};
function invalid(image, why) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', `Invalid image reference '${image}': ${why}`);
}
/** Checks `algo:hex` per the OCI image spec (descriptor.md#digests); returns why not, or null. */
function digestProblem(digest) {
    const colon = digest.indexOf(':');
    if (colon <= 0)
        return `digest '${digest}' must be algorithm:hex, e.g. sha256:<64 hex digits>`;
    const algo = digest.slice(0, colon);
    const hex = digest.slice(colon + 1);
    const rule = DIGEST_RULES[algo];
    if (!rule)
        return `digest algorithm '${algo}' is not supported (expected sha256 or sha512)`;
    if (!rule.test(hex)) {
        if (rule.test(hex.toLowerCase()))
            return `digest '${digest}' must use lowercase hex`;
        const want = algo === 'sha256' ? 64 : 128;
        return `digest '${digest}' must have ${want} lowercase hex digits after '${algo}:'`;
    }
    return null;
}
function validDomain(domain) {
    let host = domain;
    let port;
    if (domain.startsWith('[')) {
        const end = domain.indexOf(']');
        if (end < 0)
            return false;
        host = domain.slice(0, end + 1);
        const rest = domain.slice(end + 1);
        if (rest) {
            if (!rest.startsWith(':'))
                return false;
            port = rest.slice(1);
        }
        if (!IPV6.test(host))
            return false;
    }
    else {
        const colon = domain.lastIndexOf(':');
        if (colon >= 0) {
            host = domain.slice(0, colon);
            port = domain.slice(colon + 1);
        }
        if (!host.split('.').every(c => DOMAIN_COMPONENT.test(c)))
            return false;
    }
    return port === undefined || (PORT.test(port) && Number(port) >= 1 && Number(port) <= 65535);
}
/** `docker.io`, `index.docker.io` and `registry-1.docker.io` are one registry. */
function canonicalRegistry(domain) {
    const lower = domain.toLowerCase();
    return _docker_hub_js__WEBPACK_IMPORTED_MODULE_1__/* .DOCKER_HUB_ALIASES */ .Kd.includes(lower) ? _docker_hub_js__WEBPACK_IMPORTED_MODULE_1__/* .DOCKER_HUB */ .Xb : lower;
}
/**
 * Parses one image as the `images` input takes it: `name[:tag][@digest]`, or
 * `oci-layout://PATH[:tag|@digest]`. Throws an `invalid-input` DigestGateError naming the
 * image and what is wrong with it.
 */
function parseReference(input) {
    const image = input.trim();
    if (!image)
        throw invalid(input, 'it is empty');
    if (image.startsWith('oci-layout://'))
        return parseLayoutReference(image);
    if (/\s/.test(image))
        throw invalid(image, 'it contains whitespace');
    // The first '@' starts the digest: no name or tag may contain one.
    const split = splitTagAndDigest(image, image, image.indexOf('@'), false);
    const { rest, digest } = split;
    let tag = split.tag;
    if (!rest)
        throw invalid(image, 'it has no repository name');
    const parts = rest.split('/');
    let domain = _docker_hub_js__WEBPACK_IMPORTED_MODULE_1__/* .DOCKER_HUB */ .Xb;
    const first = parts[0];
    if (parts.length > 1 &&
        (first === 'localhost' ||
            first.includes('.') ||
            first.includes(':') ||
            first !== first.toLowerCase())) {
        domain = first;
        parts.shift();
        if (!validDomain(domain))
            throw invalid(image, `registry '${domain}' is not a valid host[:port]`);
    }
    const registry = canonicalRegistry(domain);
    if (registry === _docker_hub_js__WEBPACK_IMPORTED_MODULE_1__/* .DOCKER_HUB */ .Xb && parts.length === 1)
        parts.unshift('library');
    const repository = parts.join('/');
    for (const component of parts) {
        if (COMPONENT.test(component))
            continue;
        if (COMPONENT.test(component.toLowerCase())) {
            throw invalid(image, `repository name must be lowercase ('${component}')`);
        }
        if (!component)
            throw invalid(image, 'repository path has an empty component');
        throw invalid(image, `repository path component '${component}' must be lowercase letters, digits and single separators (. _ __ -)`);
    }
    if (repository.length > MAX_PATH) {
        throw invalid(image, `repository name is ${repository.length} characters long (at most ${MAX_PATH})`);
    }
    if (!tag && !digest)
        tag = 'latest';
    return { kind: 'registry', image, registry, repository, tag, digest };
}
/**
 * Splits `name[:tag][@digest]` at `at` (the digest's '@', or -1) and at the last ':' after the
 * last '/' (before it, a ':' is a port), validating both parts. In a layout path (`isPath`) '\'
 * separates too, and a drive letter's ':' (`C:\`, `C:/`, a bare `C:`) is not a tag separator.
 */
function splitTagAndDigest(image, text, at, isPath) {
    let rest = text;
    let digest;
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        const problem = digestProblem(digest);
        if (problem)
            throw invalid(image, problem);
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    const separator = isPath
        ? Math.max(rest.lastIndexOf('/'), rest.lastIndexOf('\\'))
        : rest.lastIndexOf('/');
    const driveLetter = isPath && colon === 1 && /^[A-Za-z]:([\\/]|$)/.test(rest);
    if (colon > separator && !driveLetter) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag)) {
            throw invalid(image, tag.length > 128
                ? `tag is ${tag.length} characters long (at most 128)`
                : `tag '${tag}' must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`);
        }
    }
    return { rest, tag, digest };
}
/**
 * `oci-layout://PATH[:tag|@digest]` as buildx names a local layout. A ':' is taken as the tag
 * separator only after the last '/' or '\', and never as a drive letter's, so Windows paths
 * (`C:\layouts\app`, `examples\hello-layout`) and dotted paths survive. The same string
 * parses the same on every platform; only opening the directory is the platform's business.
 */
function parseLayoutReference(image) {
    const path = image.slice('oci-layout://'.length);
    // A path may hold '@' and ':', so the last of each decide.
    const { rest, tag, digest } = splitTagAndDigest(image, path, path.lastIndexOf('@'), true);
    if (!rest)
        throw invalid(image, 'oci-layout:// needs a directory path');
    return { kind: 'oci-layout', image, path: rest, tag, digest };
}
/** `registry/repository[:tag]`, the name a user would pull, fully qualified. */
function formatName(ref, withTag = true) {
    const base = ref.kind === 'registry' ? `${ref.registry}/${ref.repository}` : `oci-layout://${ref.path}`;
    return withTag && ref.tag ? `${base}:${ref.tag}` : base;
}
/** The pinned form: `name[:tag]@digest`. */
function formatPinned(ref, digest) {
    return `${formatName(ref)}@${digest}`;
}


/***/ }),

/***/ 4165:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  g5: () => (/* binding */ failureOf),
  Zy: () => (/* binding */ judgeRun),
  Ib: () => (/* binding */ loadRunPolicy),
  fA: () => (/* binding */ openSession),
  mF: () => (/* binding */ readBaseline),
  Rg: () => (/* binding */ runGate)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: ./src/baseline.ts
var baseline = __nccwpck_require__(9860);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/policy.ts
var src_policy = __nccwpck_require__(1237);
;// CONCATENATED MODULE: ./src/record.ts

function emptyRecord(image) {
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
    };
}
function failRecord(record, e, image) {
    const message = (0,errors/* errorMessage */.gJ)(e);
    const detail = (0,errors/* isDigestGateError */.Ez)(e)
        ? { kind: e.kind, message, registry: e.registry, code: e.code }
        : { kind: 'registry-error', message };
    if ((0,errors/* isDigestGateError */.Ez)(e) && e.retryAfterMs !== undefined)
        detail.retryAfterMs = e.retryAfterMs;
    return { ...record, platforms: [], error: `${image}: ${message}`, errorDetail: detail };
}

// EXTERNAL MODULE: ./src/reference.ts
var src_reference = __nccwpck_require__(8286);
// EXTERNAL MODULE: ./src/digest.ts
var src_digest = __nccwpck_require__(2187);
// EXTERNAL MODULE: ./src/http/rules.ts
var rules = __nccwpck_require__(6863);
// EXTERNAL MODULE: ./src/manifest.ts
var src_manifest = __nccwpck_require__(5546);
// EXTERNAL MODULE: ./src/platform.ts
var platform = __nccwpck_require__(3728);
;// CONCATENATED MODULE: ./src/resolve.ts







/** Far more platforms than any real image has; a hostile index must not exhaust memory. */
const MAX_ENTRIES = 1000;
/** Resolves one image reference to its record. */
async function resolveImage(ref, source, options = {}) {
    const record = emptyRecord(ref.image);
    record.ref = (0,src_reference/* formatName */.nD)(ref);
    record.source = source.kind;
    if (source.notes)
        record.notes.push(...source.notes);
    const repository = ref.kind === 'registry' ? ref.repository : '';
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const walk = {
        ref,
        repository,
        subject: `${repository}${reference.includes(':') ? '@' : ':'}${reference}`,
        source,
        options,
        record,
        entries: 0,
        children: new Map(),
        listings: new Map(),
        explained: new Set()
    };
    try {
        if (options.detail === 'digest' && (await resolveByHead(walk, reference)))
            return record;
        const answer = await fetchCached(walk, reference);
        if (answer.kind === 'described') {
            describe(walk, answer);
            return record;
        }
        const top = verify(walk, answer, reference, ref.digest);
        record.digest = top.digest;
        record.mediaType = top.manifest.mediaType;
        if (top.manifest.kind !== 'schema1' && top.manifest.annotations)
            record.annotations = top.manifest.annotations;
        const key = top.digest ?? reference;
        collect(record, await visit(walk, top.manifest, top.digest, undefined, 0, new Set([key])));
        if (options.detail === 'platforms' && record.platforms.some(p => p.layers === null)) {
            record.notes.push('detail: platforms: layer counts and sizes were not read');
        }
        if (options.verifyBlobs)
            await verifyBlobs(walk);
        return record;
    }
    catch (e) {
        return failRecord(record, e, ref.image);
    }
}
/**
 * `detail: digest`: one HEAD. True when it answered a usable digest; a HEAD refused as such
 * (405) or without Docker-Content-Digest leaves it to the GET, as registry-notes §2 says.
 */
async function resolveByHead(walk, reference) {
    const { source, repository, ref, record } = walk;
    if (!source.headManifest)
        return false;
    const head = await source.headManifest(repository, reference).catch((e) => {
        if ((0,errors/* isDigestGateError */.Ez)(e) && e.status === 405)
            return undefined;
        throw e;
    });
    const digest = ref.digest ?? head?.digest;
    if (!head || !digest || (0,src_reference/* digestProblem */.WQ)(digest))
        return false;
    record.digest = digest;
    record.mediaType = (0,src_manifest/* stripParameters */.B_)(head.contentType) || null;
    record.notes.push('detail: digest: the digest is what the registry stated in answer to a HEAD; no manifest was read, so no platforms are listed and nothing was verified');
    return true;
}
/**
 * What of a run's manifest memo (`ResolveOptions.cache`) stays true when tags move: answers
 * fetched by digest, and fetched successfully (a child that was missing may be there now).
 * Used to re-read images afresh while waiting for them, without refetching their children.
 */
async function keepContentAddressed(cache) {
    const kept = new Map();
    if (!cache)
        return kept;
    const byDigest = [...cache].filter(([key]) => !(0,src_reference/* digestProblem */.WQ)(key.slice(key.lastIndexOf('@') + 1)));
    const settled = await Promise.allSettled(byDigest.map(([, pending]) => pending));
    byDigest.forEach(([key, pending], i) => {
        if (settled[i].status === 'fulfilled')
            kept.set(key, pending);
    });
    return kept;
}
function fetchCached(walk, reference) {
    const { source, repository, options } = walk;
    const key = `${source.kind}:${source.label}/${repository}@${reference}`;
    let pending = options.cache?.get(key);
    if (!pending) {
        pending = source.fetchManifest(repository, reference);
        options.cache?.set(key, pending);
    }
    return pending;
}
/** A note saying what the source cannot supply, once per image. */
function explain(walk, limit) {
    if (walk.explained.has(limit) || !walk.source.explain)
        return;
    walk.explained.add(limit);
    walk.record.notes.push(walk.source.explain(limit, walk.subject));
}
/**
 * Checks a body against its digest and parses only the bytes the digest covers (a signed
 * schema 1 body carries more). A source whose bytes are not the registry's own (a
 * re-serialised API answer) gets a null digest: a hash of other bytes is not the digest.
 */
function verify(walk, fetched, reference, expected) {
    const { source } = walk;
    let content = fetched.body;
    let digest = null;
    if (source.abilities.exactBytes) {
        content = expected
            ? (0,src_digest/* verifyManifestDigest */.bN)(fetched.body, expected)
            : (0,src_digest/* digestedContent */.b7)(fetched.body);
        digest =
            expected ??
                (0,src_digest/* computeDigest */.MK)(content, fetched.claimedDigest?.startsWith('sha512:') ? 'sha512' : 'sha256');
        // By tag: our own hash decides; a header that disagrees means a tampered or broken answer.
        if (!expected && fetched.claimedDigest && fetched.claimedDigest !== digest) {
            throw new errors/* DigestGateError */.ic('integrity', `${source.label} said the manifest for '${reference}' is ${fetched.claimedDigest}, but its content hashes to ${digest}`, { registry: source.label });
        }
    }
    else {
        explain(walk, 'digest');
    }
    let manifest;
    try {
        manifest = (0,src_manifest/* parseManifest */.Ng)(content, fetched.contentType);
    }
    catch (e) {
        if ((0,errors/* isDigestGateError */.Ez)(e))
            throw new errors/* DigestGateError */.ic(e.kind, `${source.label} ${digest ?? walk.subject}: ${e.message}`, {
                registry: source.label
            });
        throw e;
    }
    if (manifest.kind === 'schema1' && content !== fetched.body)
        manifest.signed = true;
    return { manifest, digest };
}
/** A source that describes rather than serves manifests: the top digest and its platforms. */
function describe(walk, answer) {
    const { record, ref, source } = walk;
    if (ref.digest && answer.digest !== ref.digest) {
        throw new errors/* DigestGateError */.ic('integrity', `${source.label} answered ${answer.digest} for ${walk.subject}, which asked for ${ref.digest}`);
    }
    record.digest = answer.digest;
    record.mediaType = answer.mediaType;
    const seen = new Set();
    for (const raw of answer.platforms) {
        const p = (0,platform/* platformFromJson */._I)(raw);
        if (!p)
            continue;
        // Attestation manifests are listed as unknown/unknown platforms.
        if ((0,src_manifest/* isAttestationPlatform */.Cf)(p)) {
            record.attestations++;
            continue;
        }
        const problem = (0,platform/* platformProblem */.J4)(p);
        if (problem) {
            record.notes.push(`skipped a platform entry: ${problem}`);
            continue;
        }
        const key = (0,platform/* formatPlatform */.Bq)((0,platform/* normalizePlatform */.FL)(p));
        if (seen.has(key))
            continue;
        seen.add(key);
        record.platforms.push({
            platform: key,
            digest: null,
            mediaType: null,
            layers: null,
            size: null,
            declared: p
        });
    }
    if (answer.platforms.length === 0)
        explain(walk, 'platforms');
    explain(walk, 'children');
}
function emptyFound(notes = []) {
    return { platforms: [], attestations: [], notes };
}
async function visit(walk, manifest, digest, entry, depth, seen) {
    const found = emptyFound();
    const { source } = walk;
    if (manifest.kind === 'index') {
        const name = digest ?? walk.subject;
        if (manifest.manifests.length === 0)
            found.notes.push(`index ${name} lists no manifests`);
        walk.entries += manifest.manifests.length;
        if (walk.entries > MAX_ENTRIES) {
            throw new errors/* DigestGateError */.ic('invalid-manifest', `index ${name} brings the entries walked past ${MAX_ENTRIES}; refusing to go on`);
        }
        // Children in parallel once the index is known; the HTTP layer bounds concurrency. A digest
        // listed twice is walked once.
        const children = await Promise.all(manifest.manifests.map(child => {
            addListing(walk, name, child.digest);
            let pending = walk.children.get(child.digest);
            if (!pending) {
                pending = visitChild(walk, child, name, depth, seen);
                walk.children.set(child.digest, pending);
                return pending;
            }
            // Waiting on a walk that leads back here would never end (a source that does not
            // verify digests can serve such indexes): that is a cycle.
            if (reaches(walk, child.digest, name)) {
                return Promise.reject(new errors/* DigestGateError */.ic('invalid-manifest', `index ${name} refers back to ${child.digest} (a cycle)`));
            }
            return pending.then(() => emptyFound());
        }));
        for (const c of children) {
            found.platforms.push(...c.platforms);
            found.attestations.push(...c.attestations);
            found.notes.push(...c.notes);
        }
        return found;
    }
    if (manifest.kind === 'schema1') {
        const declared = entry?.platform ?? manifest.platform ?? undefined;
        if (!declared)
            found.notes.push(`the schema 1 manifest ${digest ?? walk.subject} names no architecture`);
        if (!source.abilities.blobSizes || !source.locateBlob) {
            // Schema 1 states no sizes; a source that cannot measure blobs leaves them unknown.
            explain(walk, 'blob-sizes');
            found.platforms.push({
                ...keyOf(declared),
                digest,
                mediaType: manifest.mediaType,
                layers: manifest.layers.length,
                size: null
            });
            return found;
        }
        const locate = source.locateBlob.bind(source);
        const sizes = await Promise.all(manifest.layers.map(l => locate(walk.repository, l)));
        const layerList = manifest.layers.map((d, i) => ({
            digest: d,
            size: sizes[i].size,
            mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
            servedBy: sizes[i].servedBy
        }));
        addBlobHosts(walk.record, sizes.map(s => s.servedBy));
        found.platforms.push(platformRecord({
            declared,
            digest,
            mediaType: manifest.mediaType,
            config: null,
            layerList
        }));
        found.notes.push(`${digest ?? walk.subject} is a legacy schema 1 manifest; sizes come from blob Content-Length`);
        return found;
    }
    let declared = entry?.platform;
    if (!declared) {
        if (!source.abilities.blobs || !source.fetchBlob) {
            // The platform is in the config, which this source cannot read.
            explain(walk, 'config');
            found.platforms.push(imageRecord(manifest, digest, undefined));
            return found;
        }
        // A single manifest, or an index entry without a platform: the config says what it is.
        const config = await source.fetchBlob(walk.repository, manifest.config.digest, rules/* CONFIG_CAP */.SM);
        const actual = (0,src_digest/* computeDigest */.MK)(config, manifest.config.digest.startsWith('sha512:') ? 'sha512' : 'sha256');
        if (actual !== manifest.config.digest) {
            throw new errors/* DigestGateError */.ic('integrity', `config blob ${manifest.config.digest} hashes to ${actual}`);
        }
        const fromConfig = isImageConfig(manifest.config.mediaType) ? (0,src_manifest/* platformFromConfig */.M3)(config) : null;
        const problem = fromConfig && (0,platform/* platformProblem */.J4)(fromConfig);
        if (problem) {
            found.notes.push(`skipped ${digest ?? walk.subject}: its config's ${problem}`);
            return found;
        }
        declared = fromConfig ?? undefined;
        if (!declared) {
            found.notes.push(`skipped ${digest ?? walk.subject}: not an image for a platform (config ${manifest.config.mediaType})`);
            return found;
        }
    }
    found.platforms.push(imageRecord(manifest, digest, declared));
    return found;
}
function imageRecord(manifest, digest, declared) {
    return platformRecord({
        declared,
        digest,
        mediaType: manifest.mediaType,
        config: manifest.config.digest,
        layerList: manifest.layers.map(l => ({
            digest: l.digest,
            size: l.size,
            mediaType: l.mediaType
        })),
        annotations: manifest.annotations
    });
}
async function visitChild(walk, child, parent, depth, seen) {
    const skip = (why) => emptyFound([`skipped ${child.digest}: ${why}`]);
    if ((0,src_manifest/* isAttestation */.H3)(child)) {
        return {
            platforms: [],
            attestations: [
                { digest: child.digest, target: child.annotations?.[src_manifest/* REFERENCE_DIGEST_ANNOTATION */.bT] }
            ],
            notes: []
        };
    }
    if (child.platformProblem)
        return skip(child.platformProblem);
    if ((0,src_manifest/* isAttestationPlatform */.Cf)(child.platform)) {
        return skip('platform unknown/unknown is not an image for a platform');
    }
    if (child.artifactType)
        return skip(`artifact ${child.artifactType}`);
    const maxDepth = walk.options.maxDepth ?? 4;
    if ((0,src_manifest/* isIndexType */.$U)(child.mediaType)) {
        if (seen.has(child.digest)) {
            throw new errors/* DigestGateError */.ic('invalid-manifest', `index ${parent} refers back to ${child.digest} (a cycle)`);
        }
        if (depth + 1 > maxDepth) {
            throw new errors/* DigestGateError */.ic('invalid-manifest', `indexes nested deeper than ${maxDepth} levels at ${child.digest}`);
        }
    }
    else if (!(0,src_manifest/* isImageType */.G1)(child.mediaType) && !(0,src_manifest/* isSchema1Type */.hy)(child.mediaType)) {
        return skip(`media type ${child.mediaType} is not an image manifest`);
    }
    const readable = walk.source.abilities.manifestsByDigest;
    const wantsLayers = !walk.options.detail || walk.options.detail === 'layers';
    if (!(0,src_manifest/* isIndexType */.$U)(child.mediaType) && (!readable || !wantsLayers)) {
        // The index states platform and digest; only layer counts and sizes need the manifest.
        if (!child.platform)
            return skip('the index entry names no platform');
        if (!readable)
            explain(walk, 'children');
        return {
            platforms: [
                platformRecord({
                    declared: child.platform,
                    digest: child.digest,
                    mediaType: child.mediaType,
                    config: undefined,
                    layerList: null
                })
            ],
            attestations: [],
            notes: []
        };
    }
    if (!readable) {
        explain(walk, 'children');
        return skip('a nested index, which this source cannot read by digest');
    }
    const m = await fetchChild(walk, child);
    return visit(walk, m, child.digest, child, depth + 1, new Set([...seen, child.digest]));
}
function addListing(walk, index, child) {
    let listed = walk.listings.get(index);
    if (!listed) {
        listed = new Set();
        walk.listings.set(index, listed);
    }
    listed.add(child);
}
/** Whether `to` is `from` or listed below it, along the listings read so far. */
function reaches(walk, from, to) {
    const stack = [from];
    const visited = new Set();
    while (stack.length) {
        const digest = stack.pop();
        if (digest === to)
            return true;
        if (visited.has(digest))
            continue;
        visited.add(digest);
        stack.push(...(walk.listings.get(digest) ?? []));
    }
    return false;
}
function isImageConfig(mediaType) {
    return mediaType === src_manifest/* MediaTypes */.mI.ociConfig || mediaType === src_manifest/* MediaTypes */.mI.dockerConfig;
}
async function fetchChild(walk, child) {
    const answer = await fetchCached(walk, child.digest);
    if (answer.kind !== 'manifest') {
        throw new errors/* DigestGateError */.ic('unsupported', `${walk.source.label} described ${child.digest} instead of serving it`);
    }
    const { manifest } = verify(walk, answer, child.digest, child.digest);
    const sameKind = manifest.mediaType === child.mediaType ||
        ((0,src_manifest/* isSchema1Type */.hy)(manifest.mediaType) && (0,src_manifest/* isSchema1Type */.hy)(child.mediaType));
    if (!sameKind) {
        throw new errors/* DigestGateError */.ic('invalid-manifest', `index entry ${child.digest} says ${child.mediaType} but the manifest is ${manifest.mediaType}`);
    }
    return manifest;
}
function addBlobHosts(record, hosts) {
    record.blobHosts = [...new Set([...(record.blobHosts ?? []), ...hosts])];
}
/** The record's platform key and declared platform; `unknown` when nothing states one. */
function keyOf(declared) {
    const out = {
        platform: declared ? (0,platform/* formatPlatform */.Bq)((0,platform/* normalizePlatform */.FL)(declared)) : 'unknown'
    };
    if (declared)
        out.declared = declared;
    return out;
}
function platformRecord(p) {
    const { platform, declared } = keyOf(p.declared);
    const out = {
        platform,
        digest: p.digest,
        mediaType: p.mediaType,
        layers: p.layerList ? p.layerList.length : null,
        size: p.layerList ? p.layerList.reduce((sum, l) => sum + l.size, 0) : null
    };
    if (p.config !== undefined)
        out.config = p.config;
    if (p.layerList)
        out.layerList = p.layerList;
    if (p.annotations)
        out.annotations = p.annotations;
    if (declared)
        out.declared = declared;
    return out;
}
/** Same manifest reached twice (nested indexes) counts once; a key claimed twice is noted. */
function collect(record, found) {
    for (const p of found.platforms) {
        if (record.platforms.some(e => e.platform === p.platform && e.digest === p.digest))
            continue;
        if (record.platforms.some(e => e.platform === p.platform)) {
            record.notes.push(`platform ${p.platform} appears more than once; ${p.digest} also claims it`);
        }
        record.platforms.push(p);
    }
    record.attestations += found.attestations.length;
    for (const a of found.attestations) {
        const target = record.platforms.find(p => p.digest === a.target);
        if (target)
            (target.attestations ??= []).push(a.digest);
    }
    record.notes.push(...found.notes);
}
async function verifyBlobs(walk) {
    const { record, source, repository } = walk;
    if (!source.locateBlob || !source.abilities.blobSizes) {
        explain(walk, 'blob-sizes');
        return;
    }
    const locate = source.locateBlob.bind(source);
    const checks = record.platforms.flatMap(p => p.layerList ?? []);
    const hosts = await Promise.all(checks.map(async (layer) => {
        try {
            const where = await locate(repository, layer.digest);
            layer.servedBy = where.servedBy;
            layer.storedSize = where.size;
            if (where.size !== layer.size)
                layer.problem = `store says ${where.size} bytes, manifest says ${layer.size}`;
            return where.servedBy;
        }
        catch (e) {
            layer.problem = (0,errors/* errorMessage */.gJ)(e);
            return undefined;
        }
    }));
    addBlobHosts(record, hosts.filter((h) => !!h));
    for (const p of record.platforms) {
        for (const l of p.layerList ?? []) {
            if (l.problem)
                record.notes.push(`layer ${l.digest} of ${p.platform}: ${l.problem}`);
        }
    }
}

// EXTERNAL MODULE: ./src/sanitize.ts
var sanitize = __nccwpck_require__(5540);
// EXTERNAL MODULE: ./src/shard.ts
var shard = __nccwpck_require__(7903);
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/sources/source.ts
var source = __nccwpck_require__(813);
;// CONCATENATED MODULE: ./src/sources/oci-layout.ts






/**
 * A local OCI image layout (image-spec image-layout.md): `oci-layout`, `index.json`, and
 * `blobs/<alg>/<hex>`. Tags are the `org.opencontainers.image.ref.name` annotations of
 * index.json's entries, as buildx and skopeo write them. Files are read synchronously: they are
 * small and local, and a run over a layout is done before an event loop hop would pay off.
 */
const REF_NAME = 'org.opencontainers.image.ref.name';
class OciLayoutSource {
    label;
    kind = 'oci-layout';
    abilities = source/* FULL_ABILITIES */.b;
    root;
    index;
    constructor(path) {
        this.root = (0,external_node_path_.resolve)(path);
        this.label = `oci-layout://${path}`;
    }
    fetchManifest(_repository, reference) {
        return settle(() => this.manifest(reference));
    }
    manifest(reference) {
        const entries = this.entries();
        let descriptor;
        if (reference.includes(':') && /^sha(256|512):/.test(reference)) {
            descriptor = { mediaType: '', digest: reference, size: -1 };
        }
        else {
            descriptor = entries.find(e => e.annotations?.[REF_NAME] === reference);
            if (!descriptor && reference === 'latest' && entries.length === 1)
                descriptor = entries[0];
            if (!descriptor) {
                const tags = entries.map(e => e.annotations?.[REF_NAME]).filter(Boolean);
                throw new errors/* DigestGateError */.ic('not-found', `${this.label} has no tag '${reference}' in index.json (tags: ${tags.length ? tags.join(', ') : 'none'})`, { code: 'MANIFEST_UNKNOWN' });
            }
        }
        const body = this.readBlob(descriptor.digest, rules/* MANIFEST_CAP */.FL);
        return {
            kind: 'manifest',
            body,
            contentType: descriptor.mediaType,
            claimedDigest: descriptor.digest
        };
    }
    fetchBlob(_repository, digest, maxBytes) {
        return settle(() => this.readBlob(digest, maxBytes));
    }
    locateBlob(_repository, digest) {
        return settle(() => {
            try {
                return { size: (0,external_node_fs_namespaceObject.statSync)(this.blobPath(digest)).size, servedBy: 'local' };
            }
            catch {
                throw this.missing(digest);
            }
        });
    }
    blobPath(digest) {
        const [algorithm, hex] = digest.split(':');
        return (0,external_node_path_.join)(this.root, 'blobs', algorithm, hex);
    }
    missing(digest) {
        return new errors/* DigestGateError */.ic('not-found', `${this.label} has no blob ${digest}`, {
            code: 'BLOB_UNKNOWN'
        });
    }
    readBlob(digest, maxBytes) {
        let fd;
        try {
            fd = (0,external_node_fs_namespaceObject.openSync)(this.blobPath(digest), 'r');
        }
        catch {
            throw this.missing(digest);
        }
        try {
            const { size } = (0,external_node_fs_namespaceObject.fstatSync)(fd);
            if (size > maxBytes) {
                throw new errors/* DigestGateError */.ic('invalid-manifest', `${this.label}: blob ${digest} is ${size} bytes, over the ${maxBytes}-byte cap`);
            }
            const buf = Buffer.alloc(size);
            (0,external_node_fs_namespaceObject.readSync)(fd, buf, 0, size, 0);
            return buf;
        }
        finally {
            (0,external_node_fs_namespaceObject.closeSync)(fd);
        }
    }
    entries() {
        this.index ??= this.loadIndex();
        return this.index;
    }
    loadIndex() {
        let layout;
        try {
            layout = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)((0,external_node_path_.join)(this.root, 'oci-layout'), 'utf8'));
        }
        catch {
            throw new errors/* DigestGateError */.ic('invalid-input', `${this.label} is not an OCI image layout: no readable 'oci-layout' file in ${this.root}`);
        }
        if (typeof layout !== 'object' || layout === null || !('imageLayoutVersion' in layout)) {
            throw new errors/* DigestGateError */.ic('invalid-input', `${this.label}: 'oci-layout' has no imageLayoutVersion`);
        }
        let index;
        try {
            index = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)((0,external_node_path_.join)(this.root, 'index.json'), 'utf8'));
        }
        catch {
            throw new errors/* DigestGateError */.ic('invalid-input', `${this.label}: index.json is missing or not valid JSON`);
        }
        if (!Array.isArray(index.manifests)) {
            throw new errors/* DigestGateError */.ic('invalid-input', `${this.label}: index.json has no manifests array`);
        }
        return index.manifests.map((m, i) => (0,src_manifest/* parseDescriptor */.BA)(m, `index.json manifests[${i}]`));
    }
}
/** A synchronous read as the promise the Source interface answers with. */
function settle(read) {
    try {
        return Promise.resolve(read());
    }
    catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
}

;// CONCATENATED MODULE: ./src/run.ts










/**
 * One run of the gate, shared by the action and the CLI: references → sources → records →
 * policy. No @actions/core here; the caller passes what to do with secrets.
 */
/** Without `wait`, the run may take this many `timeout`s in all (300 s at the default 30 s). */
const RUN_BUDGET_TIMEOUTS = 10;
/**
 * With `wait`, a round of re-reading may start just before the wait runs out, and it needs
 * time of its own: a tag, then its children, then a config, one after another, each allowed a
 * `timeout`. So the run's overall bound is at least `wait` plus that many timeouts, and a late
 * round is never cut short by the bound the wait itself set.
 */
const WAIT_TAIL_TIMEOUTS = 3;
/** Epoch ms past which the run sends nothing more. */
function runDeadline(settings, started) {
    const timeout = settings.timeoutSeconds * 1000;
    return (started +
        Math.max(RUN_BUDGET_TIMEOUTS * timeout, settings.waitSeconds * 1000 + WAIT_TAIL_TIMEOUTS * timeout));
}
/**
 * Why the step fails, or undefined when it passes (contract.md, "Failing"): a run problem; an
 * image that cannot be resolved; with `files`, whatever the files part says fails it; missing
 * platforms and violations, each record judged by its own `fail-on`. One message for the
 * action's `setFailed` and the CLI's exit status.
 */
function failureOf(result) {
    if (result.problems.length)
        return result.problems.join('\n');
    const images = result.imageRecords ?? result.records;
    const failed = images.filter(r => r.error).length;
    const reasons = [];
    if (failed)
        reasons.push(`${failed} of ${images.length} image${images.length === 1 ? '' : 's'} could not be resolved`);
    reasons.push(...(result.files?.failures ?? []));
    const gate = failed ? undefined : (0,src_policy/* gateFailure */.I9)(result.records, result.failOn);
    if (gate)
        reasons.push(gate);
    return reasons.length ? reasons.join('\n') : undefined;
}
/** Identical references (after Docker Hub defaults) are resolved once and shared. */
function identityOf(ref) {
    const where = ref.kind === 'registry' ? `${ref.registry}/${ref.repository}` : `oci-layout://${ref.path}`;
    return `${where}@${ref.digest ?? `:${ref.tag ?? 'latest'}`}${ref.digest && ref.tag ? `:${ref.tag}` : ''}`;
}
/**
 * Opens a session. `images` are every image the run will resolve, as far as known now: their
 * repositories go into the first token request's scopes. Later calls may resolve others; their
 * scopes join before their first request. Secrets are handed to `hooks.onSecret` first.
 */
function openSession(settings, hooks = {}, images = settings.images) {
    const started = Date.now();
    const env = hooks.env ?? process.env;
    if (settings.credential)
        hooks.onSecret?.(settings.credential.password);
    const githubToken = settings.githubToken ?? env.GITHUB_TOKEN;
    if (githubToken)
        hooks.onSecret?.(githubToken);
    for (const secret of [settings.aliyun?.accessKeySecret, settings.aliyun?.securityToken]) {
        if (secret)
            hooks.onSecret?.(secret);
    }
    // The scopes are read when a token is asked for, so every repository known by then is in it.
    const scopes = new Map();
    const addScope = (ref) => {
        if (ref?.kind !== 'registry')
            return;
        const set = scopes.get(ref.registry) ?? new Set();
        set.add(`repository:${ref.repository}:pull`);
        scopes.set(ref.registry, set);
    };
    for (const image of images)
        addScope(parse(image).ref);
    // A run that names no remote image loads no HTTP, credential or token code at all.
    let remote;
    let loaded;
    const remoteFor = () => (remote ??= __nccwpck_require__.e(/* import() */ 72).then(__nccwpck_require__.bind(__nccwpck_require__, 1072)).then(({ Remote }) => {
        loaded = new Remote({
            settings,
            env,
            deadline: runDeadline(settings, started),
            onSecret: hooks.onSecret,
            scopes
        });
        return loaded;
    }));
    // Only a run with `cache` loads the cache; only registry sources are worth caching (a
    // layout is local already, and the other sources serve no exact bytes).
    let store;
    let opening;
    const storeFor = () => (opening ??= settings.cache
        ? __nccwpck_require__.e(/* import() */ 807).then(__nccwpck_require__.bind(__nccwpck_require__, 3807)).then(m => (store = new m.BlobStore(settings.cache ?? '')))
        : Promise.resolve(undefined));
    const cached = new Map();
    const withCache = async (source) => {
        const blobs = source.abilities.exactBytes ? await storeFor() : undefined;
        if (!blobs)
            return source;
        let wrapped = cached.get(source);
        if (!wrapped) {
            wrapped = __nccwpck_require__.e(/* import() */ 170).then(__nccwpck_require__.bind(__nccwpck_require__, 7170)).then(m => new m.CachedSource(source, blobs));
            cached.set(source, wrapped);
        }
        return wrapped;
    };
    const layouts = new Map();
    const sourceFor = async (ref) => {
        if (ref.kind === 'registry')
            return withCache(await (await remoteFor()).sourceFor(ref.registry));
        let layout = layouts.get(ref.path);
        if (!layout) {
            layout = new OciLayoutSource(ref.path);
            layouts.set(ref.path, layout);
        }
        return layout;
    };
    const options = {
        verifyBlobs: settings.verifyBlobs,
        detail: settings.detail,
        cache: new Map()
    };
    const pending = new Map();
    const resolveOnce = (ref) => {
        const id = identityOf(ref);
        let shared = pending.get(id);
        if (!shared) {
            // Anything a source throws (a bad DOCKER_HOST, say) costs this image only.
            shared = sourceFor(ref)
                .then(source => resolveImage(ref, source, options))
                .catch(e => failRecord(emptyRecord(ref.image), e, ref.image));
            pending.set(id, shared);
        }
        return shared;
    };
    const resolve = (list) => {
        const parsed = list.map(parse);
        for (const p of parsed)
            addScope(p.ref);
        return Promise.all(parsed.map(async ({ image, ref, error }) => {
            if (!ref)
                return failRecord(emptyRecord(image.trim()), error, image.trim());
            const record = await resolveOnce(ref);
            // The same resolution, reported under this spelling of the image.
            return (0,sanitize/* sanitizeRecord */.P)({
                ...structuredClone(record),
                image: ref.image,
                error: record.error?.replace(record.image, ref.image) ?? null
            });
        }));
    };
    return {
        resolve,
        async refresh(list) {
            options.cache = await keepContentAddressed(options.cache);
            for (const { ref } of list.map(parse))
                if (ref)
                    pending.delete(identityOf(ref));
            return resolve(list);
        },
        async sourceOf(image) {
            const { ref } = parse(image);
            if (!ref)
                return undefined;
            const source = await sourceFor(ref).catch(() => undefined);
            return source && { source, repository: ref.kind === 'registry' ? ref.repository : '' };
        },
        facts: () => {
            const facts = {
                requests: loaded?.http.totalRequests ?? 0,
                tokenRequests: loaded?.auth.tokenRequests ?? 0,
                rateLimitRemaining: loaded?.rateLimits() ?? {},
                durationMs: Date.now() - started
            };
            if (store)
                facts.cache = { dir: settings.cache ?? store.root, ...store.stats };
            return facts;
        },
        dispose: () => loaded?.dispose()
    };
}
function parse(image) {
    try {
        return { image, ref: (0,src_reference/* parseReference */.F2)(image) };
    }
    catch (e) {
        return { image, error: e };
    }
}
async function runGate(settings, hooks = {}) {
    const started = Date.now();
    // A bad policy fails the step before any request; only runs with one load its parser.
    const policy = await loadRunPolicy(settings);
    // A matrix job's slice of the images; the others are another job's.
    const slice = settings.shard ? (0,shard/* selectShard */.Xm)(settings.images, settings.shard) : undefined;
    const images = slice?.images ?? settings.images;
    // Every image is named up front, so the first token request carries every repository.
    const session = openSession(settings, hooks, images);
    try {
        const { baseline, problems } = await readBaseline(settings);
        const warnings = [];
        let wait;
        if (settings.waitSeconds > 0) {
            // Each distinct image once, under its first spelling, so a round re-reads it once.
            const distinct = new Map();
            for (const { image, ref } of images.map(parse))
                if (ref && !distinct.has(identityOf(ref)))
                    distinct.set(identityOf(ref), image);
            const waitFor = [...distinct.values()];
            const { waitUntilComplete, waitTimeoutMessage } = await __nccwpck_require__.e(/* import() */ 910).then(__nccwpck_require__.bind(__nccwpck_require__, 910));
            const ruleFor = policy?.ruleFor;
            const waited = await waitUntilComplete(await session.resolve(waitFor), {
                seconds: settings.waitSeconds,
                deadline: started + settings.waitSeconds * 1000,
                required: ruleFor
                    ? record => ruleFor(record).platforms ?? settings.platforms
                    : settings.platforms,
                log: hooks.log,
                reresolve: positions => session.refresh(positions.map(i => waitFor[i]))
            });
            wait = waited.outcome;
            if (wait.timedOut)
                warnings.push(waitTimeoutMessage(wait));
        }
        const records = await session.resolve(images);
        const judged = await judgeRun(policy, records, session, baseline);
        const rules = judged.policy?.rules;
        const missing = (0,src_policy/* evaluatePolicy */.Uz)(records, (_, i) => rules?.[i].platforms ?? [...settings.platforms]);
        const facts = { ...session.facts(), durationMs: Date.now() - started };
        if (slice && settings.shard)
            facts.shard = {
                index: settings.shard.index,
                count: settings.shard.count,
                images: slice.images.length,
                total: settings.images.length,
                positions: slice.positions
            };
        if (wait)
            facts.wait = wait;
        return {
            records,
            missing,
            ok: (0,src_policy/* isOk */.HQ)(records) && problems.length === 0,
            baseline,
            problems,
            warnings,
            violations: judged.violations,
            failOn: records.map((_, i) => rules?.[i]['fail-on'] ?? settings.failOn),
            policy: judged.policy,
            facts
        };
    }
    finally {
        session.dispose();
    }
}
/** The policy file, read and compiled, when `policy` is given; a bad one throws, naming it. */
async function loadRunPolicy(settings) {
    if (!settings.policy)
        return undefined;
    const policy = await (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(6), __nccwpck_require__.e(644), __nccwpck_require__.e(462)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6462))).loadPolicy(settings.policy, { baseline: !!settings.baseline, detail: settings.detail });
    const ruleFor = (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(6), __nccwpck_require__.e(644), __nccwpck_require__.e(563)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6563))).compileRules(policy, {
        platforms: [...settings.platforms],
        failOn: settings.failOn
    });
    return { policy, ruleFor };
}
/**
 * Each record's policy rule, and its violations (sizes, layers, attestations, consistency),
 * read through the session's sources only where a rule needs more than the record holds.
 */
async function judgeRun(policy, records, session, baseline) {
    if (!policy)
        return { violations: [] };
    const { judgeRecords } = await Promise.all(/* import() */[__nccwpck_require__.e(644), __nccwpck_require__.e(519)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9519));
    const rules = records.map(r => policy.ruleFor(r));
    const violations = await judgeRecords(records, rules, i => session.sourceOf(records[i].image), baseline);
    return { policy: { policy: policy.policy, rules }, violations };
}
/** The `baseline` report when one is given; an unreadable one is a run problem, not a throw. */
async function readBaseline(settings) {
    if (!settings.baseline)
        return { problems: [] };
    try {
        return { baseline: await loadBaseline(settings.baseline), problems: [] };
    }
    catch (e) {
        return { problems: [(0,errors/* errorMessage */.gJ)(e)] };
    }
}
/** The `baseline` input's report file; a message naming the input and the file if unusable. */
async function loadBaseline(path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (e) {
        throw new Error(`Input 'baseline': cannot read '${path}' (${e.code ?? (0,errors/* errorMessage */.gJ)(e)}); expected the path of a report file from an earlier run`);
    }
    return (0,baseline/* parseBaseline */.nk)(text, `'${path}' (input 'baseline')`);
}


/***/ }),

/***/ 5540:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ sanitizeRecord)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8992);

/**
 * Registry-supplied text in a record, made safe for every place a record reaches: the log,
 * the summary, the outputs and the report file. Bidi and zero-width controls become visible
 * (`<U+202E>`), so nothing a registry sends can reorder what a reviewer reads. The image as
 * the user gave it is left alone: it is the key workflows look results up by. Pure.
 */
function sanitizeRecord(record) {
    const { image, ...rest } = record;
    return { image, ...visibleDeep(rest) };
}
function visibleDeep(value) {
    if (typeof value === 'string')
        return (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .visibleText */ .Q6)(value);
    if (Array.isArray(value))
        return value.map(visibleDeep);
    if (value && typeof value === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(value))
            out[(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .visibleText */ .Q6)(k)] = visibleDeep(v);
        return out;
    }
    return value;
}


/***/ }),

/***/ 1014:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  P: () => (/* binding */ parseSettings)
});

// UNUSED EXPORTS: DEFAULT_CONCURRENCY

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/platform.ts
var platform = __nccwpck_require__(3728);
// EXTERNAL MODULE: ./src/docker-hub.ts
var docker_hub = __nccwpck_require__(2841);
// EXTERNAL MODULE: ./src/input-values.ts
var input_values = __nccwpck_require__(5214);
;// CONCATENATED MODULE: ./src/sources/aliyun/settings.ts

/**
 * The `aliyun-*` inputs of `source: aliyun` (contract.md: sources that need their own settings
 * add inputs named after the source). Pure.
 */
/** The inputs this source adds, as action.yml declares them. */
const ALIYUN_INPUTS = (/* unused pure expression or super */ null && ([
    'aliyun-region',
    'aliyun-access-key-id',
    'aliyun-access-key-secret',
    'aliyun-security-token',
    'aliyun-endpoint',
    'aliyun-signature-version'
]));
/** The `aliyun-*` inputs; region and the AccessKey pair are required together. */
function parseAliyun(raw, problems) {
    const get = (name) => (raw[name] ?? '').trim();
    const missing = ['aliyun-region', 'aliyun-access-key-id', 'aliyun-access-key-secret'].filter(n => !get(n));
    if (missing.length) {
        problems.push(`Input 'source: aliyun' needs ${missing.map(n => `'${n}'`).join(', ')}.`);
    }
    const version = get('aliyun-signature-version') || 'v3';
    if (version !== 'v3' && version !== 'v2') {
        problems.push((0,input_values/* invalid */.Gq)('aliyun-signature-version', version, "'v3' or 'v2'").message);
    }
    const region = get('aliyun-region');
    if (region && !/^[a-z0-9-]+$/.test(region)) {
        problems.push((0,input_values/* invalid */.Gq)('aliyun-region', region, "a region ID such as 'cn-hangzhou'").message);
    }
    if (missing.length)
        return undefined;
    return {
        region,
        accessKeyId: get('aliyun-access-key-id'),
        accessKeySecret: get('aliyun-access-key-secret'),
        securityToken: get('aliyun-security-token') || undefined,
        endpoint: get('aliyun-endpoint') || undefined,
        signatureVersion: version === 'v2' ? 'v2' : 'v3'
    };
}

// EXTERNAL MODULE: ./src/reference.ts
var reference = __nccwpck_require__(8286);
// EXTERNAL MODULE: ./src/policy/rule.ts
var rule = __nccwpck_require__(8254);
// EXTERNAL MODULE: ./src/shard.ts
var src_shard = __nccwpck_require__(7903);
;// CONCATENATED MODULE: ./src/settings.ts








const SOURCES = ['registry', 'docker', 'aliyun'];
const DETAILS = ['layers', 'platforms', 'digest'];
const COMMENT_MODES = ['false', 'true', 'on-change'];
/**
 * What a run does: `report` resolves `images` (and lists the references found in `files`);
 * `pin` rewrites each reference in `files` to `name:tag@digest`; `verify` changes nothing and
 * fails on stale, vanished or single-platform pins (and, with `require-pins`, unpinned
 * references); `merge` joins shard runs' report files into one. A list, so that further modes
 * are one more entry here.
 */
const MODES = ['report', 'pin', 'verify', 'merge'];
/** The longest `wait`: a GitHub-hosted job's own limit, 6 hours. */
const MAX_WAIT_SECONDS = 6 * 60 * 60;
const DEFAULT_CONCURRENCY = 32;
/** One entry per line (paths may hold commas); blank lines and `#` comment lines dropped. */
function splitLines(text) {
    return text
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(line => line && !line.startsWith('#'));
}
function normaliseHost(value) {
    return value
        .replace(/^[a-z]+:\/\//i, '')
        .replace(/\/.*$/, '')
        .toLowerCase();
}
/** `detail` when the input is empty: the least each mode needs (see Settings.detail). */
function defaultDetail(mode, platformsRequired) {
    if (mode === 'pin')
        return platformsRequired ? 'platforms' : 'digest';
    if (mode === 'verify')
        return 'platforms';
    return 'layers';
}
/**
 * Parses and validates every input. Collects all problems before throwing, so a user fixes
 * their workflow in one go.
 */
function parseSettings(raw) {
    const problems = [];
    const attempt = (fn, fallback) => {
        try {
            return fn();
        }
        catch (e) {
            problems.push(e.message);
            return fallback;
        }
    };
    const mode = ((raw.mode ?? '').trim() || 'report');
    if (!MODES.includes(mode))
        problems.push((0,input_values/* invalid */.Gq)('mode', mode, (0,input_values/* oneOf */.yL)(MODES)).message);
    const merging = mode === 'merge';
    const images = (0,platform/* splitList */.ry)(raw.images ?? '');
    const files = splitLines(raw.files ?? '');
    const filesMode = mode === 'pin' || mode === 'verify';
    const reports = splitLines(raw.reports ?? '');
    const shard = attempt(() => (0,src_shard/* parseShard */.uK)(raw.shard), undefined);
    if (merging) {
        if (reports.length === 0)
            problems.push("Input 'reports' is required with 'mode: merge': give the shard runs' report files (paths or globs, one per line).");
        if (images.length)
            problems.push("Input 'images' is not read with 'mode: merge': the images come from the report files in 'reports'; remove it.");
        if (files.length)
            problems.push("Input 'files' is not read with 'mode: merge': the images come from the report files in 'reports'; remove it.");
        if (shard)
            problems.push("Input 'shard' has no meaning with 'mode: merge', which joins every shard.");
    }
    else {
        if (images.length === 0 && files.length === 0)
            problems.push("Input 'images' is required when 'files' is not set: give one or more image references, one per line or comma-separated, or name the files to read them from in 'files'.");
        if (reports.length)
            problems.push("Input 'reports' is only read with 'mode: merge'; set 'mode: merge' or remove it.");
    }
    if (filesMode && files.length === 0)
        problems.push(`Input 'mode: ${mode}' works on the files named in 'files', and 'files' is empty: give glob patterns (one per line) such as '**/Dockerfile'.`);
    if (files.length && shard)
        problems.push("Input 'shard' splits the images given across a matrix, and 'files' is read whole by every job; use one or the other.");
    const requirePins = attempt(() => (0,input_values/* parseBoolean */.yG)('require-pins', raw['require-pins'], false), false);
    if (requirePins && mode !== 'verify')
        problems.push(`Input 'require-pins' applies to 'mode: verify' only (mode is '${mode}'); set 'mode: verify' or remove it.`);
    // Each platform on its own, so that every bad one is reported, not only the first.
    const parsedPlatforms = (0,platform/* splitList */.ry)(raw.platforms ?? '').flatMap(p => attempt(() => {
        try {
            return [(0,platform/* parsePlatform */.Y8)(p)];
        }
        catch (e) {
            throw new errors/* DigestGateError */.ic('invalid-input', `Input 'platforms': ${e.message}`);
        }
    }, []));
    // `linux/arm64, aarch64` name one platform; it is required, and missing, once.
    const platforms = [...new Map(parsedPlatforms.map(p => [(0,platform/* formatPlatform */.Bq)(p), p])).values()];
    const source = ((raw.source ?? '').trim() || 'registry');
    if (!SOURCES.includes(source)) {
        problems.push((0,input_values/* invalid */.Gq)('source', source, (0,input_values/* oneOf */.yL)(SOURCES)).message);
    }
    const givenDetail = (raw.detail ?? '').trim();
    const detail = (givenDetail || defaultDetail(mode, platforms.length > 0));
    if (!DETAILS.includes(detail)) {
        problems.push((0,input_values/* invalid */.Gq)('detail', detail, (0,input_values/* oneOf */.yL)(DETAILS)).message);
    }
    if (detail === 'digest' && mode === 'verify') {
        problems.push("Input 'detail: digest' reads no platforms, and 'mode: verify' checks them (single-platform pins, required platforms); use 'detail: platforms', or leave 'detail' empty.");
    }
    else if (detail === 'digest' && platforms.length) {
        problems.push("Input 'detail: digest' reads no platforms, so it cannot check 'platforms'; use 'detail: platforms' (one request per image) instead.");
    }
    const comment = attempt(() => parseCommentMode(raw.comment), 'false');
    const aliyun = source === 'aliyun' ? parseAliyun(raw, problems) : undefined;
    const username = (raw.username ?? '').trim();
    const password = raw.password ?? '';
    let credential;
    if (username || password) {
        if (!username || !password) {
            problems.push("Inputs 'username' and 'password' go together: set both, or neither.");
        }
        else {
            const registry = (raw.registry ?? '').trim();
            credential = {
                registry: registry ? (0,reference/* canonicalRegistry */.i7)(normaliseHost(registry)) : docker_hub/* DOCKER_HUB */.Xb,
                username,
                password
            };
        }
    }
    const failOnMissing = attempt(() => (0,input_values/* parseBoolean */.yG)('fail-on-missing', raw['fail-on-missing'], false), false);
    const failOnText = (raw['fail-on'] ?? '').trim();
    let failOn = failOnMissing ? 'missing' : 'never';
    if (failOnText) {
        if (!rule/* FAIL_ON */.d.includes(failOnText)) {
            problems.push((0,input_values/* invalid */.Gq)('fail-on', failOnText, (0,input_values/* oneOf */.yL)(rule/* FAIL_ON */.d)).message);
        }
        else if (failOnMissing && failOnText === 'never') {
            problems.push("Inputs 'fail-on: never' and 'fail-on-missing: true' contradict each other: 'fail-on-missing: true' means 'fail-on: missing'. Set one of them.");
        }
        else {
            failOn = failOnText;
        }
    }
    const settings = {
        mode: MODES.includes(mode) ? mode : 'report',
        images,
        platforms,
        failOnMissing,
        failOn,
        policy: (raw.policy ?? '').trim() || undefined,
        credential,
        insecureRegistries: (0,platform/* splitList */.ry)(raw['insecure-registries'] ?? '').map(normaliseHost),
        source: SOURCES.includes(source) ? source : 'registry',
        detail: DETAILS.includes(detail) ? detail : 'layers',
        files,
        requirePins,
        aliyun,
        timeoutSeconds: attempt(() => (0,input_values/* parseNumber */.$J)('timeout', raw.timeout, 30, 1, 3600), 30),
        summary: attempt(() => (0,input_values/* parseBoolean */.yG)('summary', raw.summary, true), true),
        concurrency: attempt(() => (0,input_values/* parseNumber */.$J)('concurrency', raw.concurrency, DEFAULT_CONCURRENCY, 1, 64), DEFAULT_CONCURRENCY),
        verifyBlobs: attempt(() => (0,input_values/* parseBoolean */.yG)('verify-blobs', raw['verify-blobs'], false), false),
        githubToken: (raw['github-token'] ?? '').trim() || undefined,
        baseline: (raw.baseline ?? '').trim() || undefined,
        comment,
        waitSeconds: attempt(() => (0,input_values/* parseNumber */.$J)('wait', raw.wait, 0, 0, MAX_WAIT_SECONDS), 0),
        shard,
        reports,
        cache: (raw.cache ?? '').trim() || undefined
    };
    if (files.length && settings.waitSeconds > 0)
        problems.push("Input 'wait' waits for images being pushed, and 'files' names images already in use; run a separate step for each.");
    if (settings.concurrency !== Math.floor(settings.concurrency)) {
        problems.push((0,input_values/* invalid */.Gq)('concurrency', String(settings.concurrency), 'a whole number from 1 to 64').message);
    }
    if (problems.length)
        throw new errors/* DigestGateError */.ic('invalid-input', problems.join('\n'));
    return Object.freeze(settings);
}
/** `comment`: `on-change`, or a boolean in core.getBooleanInput's spellings. */
function parseCommentMode(raw) {
    const v = (raw ?? '').trim();
    if (v === 'on-change')
        return 'on-change';
    try {
        return (0,input_values/* parseBoolean */.yG)('comment', v, false) ? 'true' : 'false';
    }
    catch {
        throw (0,input_values/* invalid */.Gq)('comment', v, (0,input_values/* oneOf */.yL)(COMMENT_MODES));
    }
}


/***/ }),

/***/ 7903:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Xm: () => (/* binding */ selectShard),
/* harmony export */   uK: () => (/* binding */ parseShard)
/* harmony export */ });
/* unused harmony export shardOf */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _input_values_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5214);


/** More shards than GitHub lets one matrix have (256 jobs) would be a typo. */
const MAX_SHARDS = 256;
/** `i/n` → a Shard; empty → undefined; anything else an `invalid-input` error naming the input. */
function parseShard(raw) {
    const value = (raw ?? '').trim();
    if (!value)
        return undefined;
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
    const index = m ? Number(m[1]) : NaN;
    const count = m ? Number(m[2]) : NaN;
    if (!m || index < 1 || count < 1 || index > count || count > MAX_SHARDS) {
        throw (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .invalid */ .Gq)('shard', value, `i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS}: this job's shard and the number of shards, e.g. '2/4' (\${{ matrix.shard }}/4 with shard: [1, 2, 3, 4])`);
    }
    return { index, count };
}
/** The 0-based shard an image belongs to among `count`: sha256 of the text, first 8 bytes mod n. */
function shardOf(image, count) {
    const head = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(image.trim(), 'utf8').digest().readBigUInt64BE(0);
    return Number(head % BigInt(count));
}
/**
 * The images of one shard with their positions in the full list (for merging the shards'
 * reports back into the order a single run would have had).
 */
function selectShard(images, shard) {
    const out = [];
    const positions = [];
    images.forEach((image, i) => {
        if (shardOf(image, shard.count) === shard.index - 1) {
            out.push(image);
            positions.push(i);
        }
    });
    return { images: out, positions };
}


/***/ }),

/***/ 813:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ FULL_ABILITIES)
/* harmony export */ });
const FULL_ABILITIES = Object.freeze({
    exactBytes: true,
    manifestsByDigest: true,
    blobs: true,
    blobSizes: true
});


/***/ }),

/***/ 8855:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   L3: () => (/* binding */ unavailableReason),
/* harmony export */   rB: () => (/* binding */ runLines)
/* harmony export */ });
/* unused harmony exports SUMMARY_LIMIT, renderSummaryWithinLimit, summaryHeadline, renderPlatformTable, baselineNote, imageChart, renderSummary */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8992);




/** Records → the job summary's Markdown, within GitHub's size limit. Pure rendering. */
function unavailableReason(r) {
    if (r.source === 'docker') {
        return 'The Docker Engine API gives no per-platform digests, layer counts or sizes; they are shown as n/a.';
    }
    return undefined;
}
/** GitHub refuses a step summary over 1 MiB; stay clear of it. */
const SUMMARY_LIMIT = (/* unused pure expression or super */ null && (1000 * 1024));
function markOf(r) {
    return r.error ? '❌' : r.missing.length || r.violations?.length ? '⚠️' : '✅';
}
/**
 * The job summary within GitHub's size limit: the full form when it fits, else the full form
 * without charts, else one row per image, else as many rows as fit and a pointer to the report
 * file. `files` is kept whole in every form: its maker bounds it (src/files/render.ts,
 * FILES_SUMMARY_LIMIT).
 */
function renderSummaryWithinLimit(records, ok, run, options = {}) {
    for (const charts of [true, false]) {
        const full = renderSummary(records, ok, run, { ...options, charts });
        if (Buffer.byteLength(full) <= SUMMARY_LIMIT)
            return full;
    }
    const head = [...summaryHeadline(records, ok, run), ...(options.files ? [options.files, ''] : [])];
    const rows = records.map(r => {
        const state = markOf(r);
        const broken = r.violations?.length
            ? `; ${r.violations.length} policy violation${r.violations.length === 1 ? '' : 's'}`
            : '';
        const what = r.error
            ? escapeMarkdown(r.errorDetail?.message ?? r.error)
            : `${r.platforms.length} platforms${r.missing.length ? `; missing ${r.missing.map(code).join(', ')}` : ''}${broken}`;
        return `| ${state} | ${code(r.image)} | ${code(shortDigest(r.digest))} | ${what} |`;
    });
    const note = `Too many images for a detailed summary; every figure is in the report file (output \`report-file\`).`;
    const out = [...head, note, '', '| | Image | Digest | |', '| --- | --- | --- | --- |'];
    let size = Buffer.byteLength(out.join('\n'));
    let shown = 0;
    for (const row of rows) {
        size += Buffer.byteLength(row) + 1;
        if (size > SUMMARY_LIMIT - 200)
            break;
        out.push(row);
        shown++;
    }
    if (shown < rows.length)
        out.push('', `…and ${rows.length - shown} more images, in the report file.`);
    return out.join('\n');
}
/** The heading with the verdict, and the counts of images, failures and gaps. */
function summaryHeadline(records, ok, run) {
    const failed = records.filter(r => r.error).length;
    const gaps = records.reduce((n, r) => n + r.missing.length, 0);
    const judged = records.some(r => r.violations);
    const violations = records.reduce((n, r) => n + (r.violations?.length ?? 0), 0);
    const broken = judged ? `, ${violations} policy violation${violations === 1 ? '' : 's'}` : '';
    return [
        `## digest-gate ${ok ? '✅' : '❌'}`,
        '',
        `${records.length} image${records.length === 1 ? '' : 's'}: ${records.length - failed} resolved, ${failed} failed, ${gaps} required platform${gaps === 1 ? '' : 's'} missing${broken}.`,
        '',
        ...runLines(run)
    ];
}
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/**
 * The run's own facts worth a line: its shard, a merge, the wait, the cache. Image names go
 * through `span` (a Markdown code span here, plain text in a terminal).
 */
function runLines(run, span = _text_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY) {
    const lines = [];
    if (run?.shard) {
        const { index, count, images, total } = run.shard;
        lines.push(`shard ${index}/${count}: ${images} of ${total} images.`);
    }
    if (run?.merged) {
        const { reports, shards, images } = run.merged;
        const covered = shards ? ` (shards ${shards.indexes.join(', ')} of ${shards.count})` : '';
        lines.push(`Merged from ${plural(reports.length, 'report file')}${covered}: ${plural(images, 'image')}.`);
    }
    if (run?.wait) {
        const { waitedMs, rounds, timedOut, pending } = run.wait;
        const spent = `Waited ${Math.round(waitedMs / 1000)} s (${plural(rounds, 'round')} of re-reading)`;
        lines.push(timedOut
            ? `${spent}; still incomplete when wait ran out: ${pending
                .slice(0, 20)
                .map(p => `${span(p.image)}${p.platforms.length ? ` (${p.platforms.map(span).join(', ')})` : ` (${p.reason})`}`)
                .join(', ')}${pending.length > 20 ? `, and ${pending.length - 20} more` : ''}.`
            : `${spent}; every image is complete.`);
    }
    if (run?.cache) {
        const { hits, misses, stored, corrupt, writeErrors } = run.cache;
        lines.push(`Cache: ${plural(hits, 'hit')}, ${misses} ${misses === 1 ? 'miss' : 'misses'}, ${stored} stored, ${corrupt} corrupt${writeErrors ? `, ${plural(writeErrors, 'write error')}` : ''}.`);
    }
    // Our own figures; the image names in them went through code().
    return lines.flatMap(line => [line, '']);
}
/**
 * One image's platform table: short digest, layer count and size per platform, then totals;
 * with a baseline match, a Change column (src/review/size-change.ts). Escaped for Markdown.
 */
function renderPlatformTable(r, delta) {
    const change = delta ? ' Change |' : '';
    const lines = [
        `| Platform | Digest | Layers | Size |${change}`,
        `| --- | --- | ---: | ---: |${delta ? ' ---: |' : ''}`
    ];
    r.platforms.forEach((p, i) => {
        const d = delta?.platforms[i];
        lines.push(`| ${code(p.platform)} | ${code(shortDigest(p.digest))} | ${p.layers ?? 'n/a'} | ${humanSize(p.size)} |${d ? ` ${formatSizeChange(d)} |` : ''}`);
    });
    const known = r.platforms.every(p => p.size !== null && p.layers !== null);
    const layers = r.platforms.reduce((n, p) => n + (p.layers ?? 0), 0);
    const size = r.platforms.reduce((n, p) => n + (p.size ?? 0), 0);
    const total = delta ? totalChange(delta.platforms) : undefined;
    lines.push(`| **Total: ${r.platforms.length} platform${r.platforms.length === 1 ? '' : 's'}** | | ${known ? layers : 'n/a'} | ${known ? humanSize(size) : 'n/a'} |${delta ? ` ${total ? formatSizeChange(total) : 'n/a'} |` : ''}`);
    return lines;
}
/**
 * What the baseline comparison of one image says beside its table, if anything: no match,
 * which baseline image it was compared with when not the same name, platforms it dropped.
 */
function baselineNote(r, baseline, delta = sizeDeltas(r, baseline)) {
    if (!delta)
        return 'No image in the baseline matches this one; no size change is shown.';
    const notes = [];
    if (delta.against !== r.image)
        notes.push(`Compared with ${code(delta.against)} in the baseline.`);
    const dropped = droppedPlatforms(r, baseline);
    if (dropped.length)
        notes.push(`In the baseline but not here: ${dropped.map(code).join(', ')}.`);
    return notes.length ? notes.join(' ') : undefined;
}
/** The size chart of one image, with the baseline's sizes when it was matched. */
function imageChart(r, delta) {
    return renderSizeChart(r.platforms.map((p, i) => ({
        platform: p.platform,
        size: p.size,
        before: delta ? delta.platforms[i].before : undefined
    })));
}
/** The job summary: one section per image, a platform table with totals, gaps flagged. */
function renderSummary(records, ok, run, options = {}) {
    const { baseline, charts = true, sections, files } = options;
    const lines = summaryHeadline(records, ok, run);
    if (files)
        lines.push(files, '');
    for (const [i, r] of records.entries()) {
        lines.push(`### ${markOf(r)} ${code(r.image)}`, '');
        if (sections)
            lines.push(...sections(i));
        if (r.error) {
            lines.push(`**Error:** ${escapeMarkdown(r.errorDetail?.message ?? r.error)}`, '');
            continue;
        }
        lines.push(`${code(`${r.ref}@${r.digest}`)}  `, `${escapeMarkdown(r.mediaType ?? '')}`, '');
        const delta = baseline ? sizeDeltas(r, baseline) : undefined;
        lines.push(...renderPlatformTable(r, delta), '');
        const compared = baseline ? baselineNote(r, baseline, delta) : undefined;
        if (compared)
            lines.push(compared, '');
        const chart = charts ? imageChart(r, delta) : undefined;
        if (chart)
            lines.push(chart, '');
        if (r.missing.length)
            lines.push(`**Missing:** ${r.missing.map(code).join(', ')}`, '');
        if (r.attestations)
            lines.push(`Attestations: ${r.attestations}`, '');
        const why = unavailableReason(r);
        if (why)
            lines.push(`> ${why}`, '');
        const broken = r.platforms.flatMap(p => (p.layerList ?? []).filter(l => l.problem).map(l => ({ p, l })));
        if (broken.length) {
            lines.push(`**Layer problems:** ${broken.length}`, '', ...broken.map(({ p, l }) => `- ${code(p.platform)} ${code(shortDigest(l.digest))}: ${escapeMarkdown(l.problem ?? '')}`), '');
        }
        if (r.blobHosts?.length)
            lines.push(`Layers served from ${r.blobHosts.map(code).join(', ')}`, '');
        if (r.notes.length) {
            lines.push('<details><summary>Notes</summary>', '', ...r.notes.map(n => `- ${escapeMarkdown(n)}`), '', '</details>', '');
        }
    }
    if (run?.rateLimitRemaining && Object.keys(run.rateLimitRemaining).length) {
        const items = Object.entries(run.rateLimitRemaining).map(([host, v]) => `${code(host)}: ${escapeMarkdown(v)}`);
        lines.push(`Rate limit remaining: ${items.join(', ')}`, '');
    }
    return lines.join('\n');
}
/** The same table for a terminal. */


/***/ }),

/***/ 8719:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ renderTable)
/* harmony export */ });
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8855);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8992);


/** Records → the terminal table the CLI prints. Pure rendering. */
function renderTable(records, ok) {
    const out = [];
    for (const r of records) {
        if (r.error) {
            out.push(`✗ ${r.image}`, `  error: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(r.errorDetail?.message ?? r.error)}`, '');
            continue;
        }
        out.push(`${r.missing.length || r.violations?.length ? '!' : '✓'} ${r.image}`, `  ${r.ref}@${r.digest}`, `  ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(r.mediaType ?? '')}`);
        const rows = [['PLATFORM', 'DIGEST', 'LAYERS', 'SIZE']];
        for (const p of r.platforms)
            rows.push([
                (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(p.platform),
                (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .shortDigest */ .VK)(p.digest),
                String(p.layers ?? 'n/a'),
                (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .humanSize */ .Xe)(p.size)
            ]);
        const known = r.platforms.every(p => p.size !== null && p.layers !== null);
        rows.push([
            `total (${r.platforms.length})`,
            '',
            known ? String(r.platforms.reduce((n, p) => n + (p.layers ?? 0), 0)) : 'n/a',
            known ? (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .humanSize */ .Xe)(r.platforms.reduce((n, p) => n + (p.size ?? 0), 0)) : 'n/a'
        ]);
        const widths = rows[0].map((_, i) => Math.max(...rows.map(row => row[i].length)));
        for (const row of rows)
            out.push(`  ${row.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')}`);
        if (r.missing.length)
            out.push(`  missing: ${r.missing.join(', ')}`);
        for (const v of r.violations ?? [])
            out.push(`  violation: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(`${v.rule} (${v.platform}): expected ${v.expected}, found ${v.found}`)}`);
        if (r.attestations)
            out.push(`  attestations: ${r.attestations}`);
        const why = (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .unavailableReason */ .L3)(r);
        if (why)
            out.push(`  note: ${why}`);
        for (const n of r.notes)
            out.push(`  note: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(n)}`);
        out.push('');
    }
    out.push(ok ? 'ok' : 'not ok');
    return out.join('\n');
}


/***/ }),

/***/ 8992:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   Lc: () => (/* binding */ quoteVisible),
/* harmony export */   Q6: () => (/* binding */ visibleText),
/* harmony export */   VK: () => (/* binding */ shortDigest),
/* harmony export */   Xe: () => (/* binding */ humanSize),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   wh: () => (/* binding */ plainText)
/* harmony export */ });
/**
 * Registry-supplied text made safe for where it is shown: Markdown and HTML in the job summary,
 * one plain line in a terminal or the log, and figures in human units. Pure.
 */
/** Binary units as registries and docker report them (KiB = 1024 B). */
function humanSize(bytes) {
    if (bytes === null || bytes === undefined)
        return 'n/a';
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}
function shortDigest(digest) {
    if (!digest)
        return 'n/a';
    const [algo, hex] = digest.split(':');
    return `${algo}:${hex.slice(0, 12)}`;
}
/**
 * Escapes a registry-supplied string for Markdown and HTML in the job summary: a hostile tag
 * or annotation must not inject links, tables or tags.
 */
function escapeMarkdown(text) {
    return (visibleText(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
        .replace(LINE_BREAKS, ' ')
        .replace(CONTROLS, '')
        // A zero-width space keeps GitHub from turning a registry-supplied URL into a live link.
        .replace(/:\/\//g, ':\u200b//')
        .replace(/\bwww\./gi, m => `${m.slice(0, 3)}\u200b.`));
}
/**
 * Unicode controls that change how text reads without showing themselves: bidi embeddings,
 * overrides and isolates, directional marks, zero-width characters and the BOM (Unicode
 * UAX #9; CVE-2021-42574 "Trojan Source"). A registry-supplied string must not reorder what a
 * reviewer reads in the log or the summary.
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** Makes invisible controls visible as `<U+202E>`, leaving every other character as it is. */
function visibleText(text) {
    return text.replace(INVISIBLE, c => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}
/** A JSON-quoted string with invisible controls made visible, for messages about bad values. */
function quoteVisible(text) {
    return visibleText(JSON.stringify(text));
}
/** Every line break Markdown honours, a lone CR included. */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** A registry-supplied string for a terminal: one line, no control characters. */
function plainText(text) {
    return visibleText(text).replace(LINE_BREAKS, ' ').replace(CONTROLS, '?');
}
function code(text) {
    // An HTML <code> element is not a Markdown code span: Markdown (links, emphasis, table pipes)
    // is still parsed inside it, so its text needs the same escaping as any other.
    return `<code>${escapeMarkdown(text)}</code>`;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 3339:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("module");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ var __webpack_exports__main = __webpack_exports__.i;
/******/ export { __webpack_exports__main as main };
/******/ 
