export const id = 51;
export const ids = [51];
export const modules = {

/***/ 65650:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VX: () => (/* binding */ readRegular),
/* harmony export */   Wy: () => (/* binding */ readRegularSync),
/* harmony export */   iZ: () => (/* binding */ NotRegularFileError),
/* harmony export */   lf: () => (/* binding */ openRegular)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);


/**
 * Opening only regular files, without ever blocking. A plain `open` of a FIFO waits for a
 * writer forever, and no timeout can interrupt it (a synchronous open stops the event loop; an
 * asynchronous one holds a libuv thread), so a FIFO committed to a workspace, restored into the
 * cache or put in an OCI layout's blobs/ would hang the run. Here the file is opened with
 * O_NONBLOCK, which returns at once for a FIFO, and then checked with fstat: what was opened,
 * after every symlink was followed, is what is checked, so no swap between a check and the
 * open can get past it. Anything but a regular file is closed again and refused.
 */
/** O_NONBLOCK where the platform has it (not on Windows, which has no FIFOs to fear there). */
const FLAGS = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0) | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOCTTY ?? 0);
/** What a file that is not a regular one is, for messages. */
function kindOf(stats) {
    if (stats.isFIFO())
        return 'a FIFO';
    if (stats.isDirectory())
        return 'a directory';
    if (stats.isSocket())
        return 'a socket';
    if (stats.isCharacterDevice())
        return 'a character device';
    if (stats.isBlockDevice())
        return 'a block device';
    return 'not a regular file';
}
/** The error for something that is not a regular file; `code` is `ENOTREG`. */
class NotRegularFileError extends Error {
    path;
    code = 'ENOTREG';
    /** `a FIFO`, `a directory` … */
    kind;
    constructor(path, stats) {
        const kind = kindOf(stats);
        super(`${path} is ${kind === 'not a regular file' ? 'no regular file' : kind}`);
        this.path = path;
        this.kind = kind;
    }
}
/** The file opened for reading, when it is a regular file; throws NotRegularFileError if not. */
async function openRegular(path) {
    const file = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, FLAGS);
    try {
        const stats = await file.stat();
        if (!stats.isFile())
            throw new NotRegularFileError(path, stats);
        return { file, size: stats.size };
    }
    catch (e) {
        await file.close();
        throw e;
    }
}
/**
 * The bytes of a regular file of at most `maxBytes`; `tooBig` says what to throw when it is
 * bigger. Throws NotRegularFileError, or the open's own error.
 */
async function readRegular(path, maxBytes, tooBig) {
    const { file, size } = await openRegular(path);
    try {
        if (size > maxBytes)
            throw tooBig(size);
        return await file.readFile();
    }
    finally {
        await file.close();
    }
}
/**
 * The bytes of a regular file of at most `maxBytes`, read synchronously; `tooBig` says what
 * to throw when it is bigger. Throws NotRegularFileError, or the open's own error.
 */
function readRegularSync(path, maxBytes, tooBig) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, FLAGS);
    try {
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        if (!stats.isFile())
            throw new NotRegularFileError(path, stats);
        if (stats.size > maxBytes)
            throw tooBig(stats.size);
        const buf = Buffer.alloc(stats.size);
        let read = 0;
        while (read < stats.size) {
            const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buf, read, stats.size - read, read);
            if (n === 0)
                break;
            read += n;
        }
        return read === stats.size ? buf : buf.subarray(0, read);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}


/***/ }),

/***/ 33051:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 13 modules
var core = __webpack_require__(91889);
// EXTERNAL MODULE: ./src/report/baseline.ts
var report_baseline = __webpack_require__(67355);
// EXTERNAL MODULE: ./src/policy/judge.ts
var policy_judge = __webpack_require__(18201);
// EXTERNAL MODULE: ./src/run/run-result.ts
var run_result = __webpack_require__(72932);
// EXTERNAL MODULE: ./src/run/session.ts + 9 modules
var run_session = __webpack_require__(93167);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(87206);
;// CONCATENATED MODULE: ./src/model/input-values.ts

function invalid(input, value, expected) {
    return new errors/* DigestGateError */.ic('invalid-input', `Invalid value for input '${input}': '${value}'. Expected ${expected}.`);
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

;// CONCATENATED MODULE: ./src/run/shard.ts


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
        throw invalid('shard', value, `i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS}: this job's shard and the number of shards, e.g. '2/4' (\${{ matrix.shard }}/4 with shard: [1, 2, 3, 4])`);
    }
    return { index, count };
}
/** The 0-based shard an image belongs to among `count`: sha256 of the text, first 8 bytes mod n. */
function shardOf(image, count) {
    const head = (0,external_node_crypto_.createHash)('sha256').update(image.trim(), 'utf8').digest().readBigUInt64BE(0);
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

;// CONCATENATED MODULE: ./src/run/run.ts





/**
 * One run of the gate, shared by the action and the CLI: references → session → records →
 * judgement. No @actions/core here; the caller passes what to do with secrets.
 */
// The shell's view of a run, wherever its parts live.

async function runGate(settings, hooks = {}) {
    const started = Date.now();
    // A bad policy fails the step before any request; only runs with one load its parser.
    const judge = await policy_judge/* Judge */.I.load(settings);
    // A matrix job's slice of the images; the others are another job's.
    const slice = settings.shard ? selectShard(settings.images, settings.shard) : undefined;
    const images = slice?.images ?? settings.images;
    // Every image is named up front, so the first token request carries every repository.
    const session = new run_session/* Session */.Nn(settings, hooks, images);
    try {
        const { baseline, problems } = await (0,report_baseline/* readBaseline */.mF)(settings);
        const wait = await waitIfAsked(settings, hooks, session, judge, images, started);
        const records = await session.resolve(images);
        const judgement = await judge.judge(records, {
            sourceOf: image => session.sourceOf(image),
            baseline
        });
        const facts = { ...session.facts(), durationMs: Date.now() - started };
        if (slice && settings.shard)
            facts.shard = shardFacts(settings.shard, slice, settings.images.length);
        if (wait)
            facts.wait = wait.outcome;
        return (0,run_result/* runResult */.X)({
            records,
            judgement,
            facts,
            baseline,
            problems,
            warnings: wait?.warnings ?? []
        });
    }
    finally {
        session.dispose();
    }
}
/**
 * With `wait`, re-reads the images until each has what its rule requires or the wait runs out;
 * the records the run reports are read after it, through the same session.
 */
async function waitIfAsked(settings, hooks, session, judge, images, started) {
    if (settings.waitSeconds <= 0)
        return undefined;
    const waitFor = (0,run_session/* distinctImages */.PO)(images);
    const { waitUntilComplete, waitTimeoutMessage } = await __webpack_require__.e(/* import() */ 300).then(__webpack_require__.bind(__webpack_require__, 40300));
    const waited = await waitUntilComplete(await session.resolve(waitFor), {
        seconds: settings.waitSeconds,
        deadline: started + settings.waitSeconds * 1000,
        required: record => judge.platformsFor(record),
        log: hooks.log,
        reresolve: positions => session.refresh(positions.map(i => waitFor[i]))
    });
    const outcome = waited.outcome;
    return { outcome, warnings: outcome.timedOut ? [waitTimeoutMessage(outcome)] : [] };
}
function shardFacts(shard, slice, total) {
    return {
        index: shard.index,
        count: shard.count,
        images: slice.images.length,
        total,
        positions: slice.positions
    };
}

;// CONCATENATED MODULE: ./src/run/dispatch.ts

/**
 * The one place the action and the CLI choose what a run does: merge shard reports, read
 * references from files (pin, verify, report over files), or resolve images (the gate, whose
 * module both shells load anyway for `failureOf`). A merge or files run's code is loaded only
 * by the runs that choose it: a gate never loads the merging, the globbing, the scanners or
 * the YAML parser.
 */
async function dispatch(settings, hooks = {}) {
    if (settings.mode === 'merge')
        return (await __webpack_require__.e(/* import() */ 177).then(__webpack_require__.bind(__webpack_require__, 57177))).runMerge(settings);
    if (settings.files.length)
        return (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(669)]).then(__webpack_require__.bind(__webpack_require__, 68669))).runFiles(settings, hooks);
    return runGate(settings, hooks);
}

// EXTERNAL MODULE: ./src/model/proxy-url.ts
var proxy_url = __webpack_require__(12913);
;// CONCATENATED MODULE: ./src/model/mode.ts
/**
 * What a run does: `report` resolves `images` (and lists the references found in `files`);
 * `pin` rewrites each reference in `files` to `name:tag@digest`; `verify` changes nothing and
 * fails on stale, vanished or single-platform pins (and, with `require-pins`, unpinned
 * references); `merge` joins shard runs' report files into one. A list, so that further modes
 * are one more entry here.
 */
const MODES = ['report', 'pin', 'verify', 'merge'];

// EXTERNAL MODULE: ./src/model/platform.ts + 1 modules
var platform = __webpack_require__(3065);
// EXTERNAL MODULE: ./src/model/docker-hub.ts
var docker_hub = __webpack_require__(55963);
;// CONCATENATED MODULE: ./src/sources/aliyun/settings.ts

/**
 * The `aliyun-*` inputs of `source: aliyun` (contract.md: sources that need their own settings
 * add inputs named after the source). Pure.
 */
/** The inputs this source adds, as action.yml declares them. */
const ALIYUN_INPUTS = [
    'aliyun-region',
    'aliyun-access-key-id',
    'aliyun-access-key-secret',
    'aliyun-security-token',
    'aliyun-endpoint',
    'aliyun-signature-version'
];
/** The `aliyun-*` inputs; region and the AccessKey pair are required together. */
function parseAliyun(raw, problems) {
    const get = (name) => (raw[name] ?? '').trim();
    const missing = ['aliyun-region', 'aliyun-access-key-id', 'aliyun-access-key-secret'].filter(n => !get(n));
    if (missing.length) {
        problems.push(`Input 'source: aliyun' needs ${missing.map(n => `'${n}'`).join(', ')}.`);
    }
    const version = get('aliyun-signature-version') || 'v3';
    if (version !== 'v3' && version !== 'v2') {
        problems.push(invalid('aliyun-signature-version', version, "'v3' or 'v2'").message);
    }
    const region = get('aliyun-region');
    if (region && !/^[a-z0-9-]+$/.test(region)) {
        problems.push(invalid('aliyun-region', region, "a region ID such as 'cn-hangzhou'").message);
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

// EXTERNAL MODULE: ./src/model/reference.ts
var reference = __webpack_require__(86676);
// EXTERNAL MODULE: ./src/policy/rule.ts
var rule = __webpack_require__(68254);
;// CONCATENATED MODULE: ./src/run/settings.ts









const SOURCES = ['registry', 'docker', 'aliyun'];
const DETAILS = ['layers', 'platforms', 'digest'];
const COMMENT_MODES = ['false', 'true', 'on-change'];
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
        problems.push(invalid('mode', mode, oneOf(MODES)).message);
    const { images, files, reports, shard, requirePins } = readTargets(raw, mode, problems, attempt);
    const platforms = readPlatforms(raw, attempt);
    const source = ((raw.source ?? '').trim() || 'registry');
    if (!SOURCES.includes(source)) {
        problems.push(invalid('source', source, oneOf(SOURCES)).message);
    }
    const detail = readDetail(raw, mode, platforms, problems);
    const comment = attempt(() => parseCommentMode(raw.comment), 'false');
    const aliyun = source === 'aliyun' ? parseAliyun(raw, problems) : undefined;
    const credential = readCredential(raw, problems);
    const { failOnMissing, failOn } = readFailOn(raw, problems, attempt);
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
        timeoutSeconds: attempt(() => parseNumber('timeout', raw.timeout, 30, 1, 3600), 30),
        summary: attempt(() => parseBoolean('summary', raw.summary, true), true),
        concurrency: attempt(() => parseNumber('concurrency', raw.concurrency, DEFAULT_CONCURRENCY, 1, 64), DEFAULT_CONCURRENCY),
        verifyBlobs: attempt(() => parseBoolean('verify-blobs', raw['verify-blobs'], false), false),
        githubToken: (raw['github-token'] ?? '').trim() || undefined,
        baseline: (raw.baseline ?? '').trim() || undefined,
        trustedRoot: (raw['trusted-root'] ?? '').trim() || undefined,
        comment,
        waitSeconds: attempt(() => parseNumber('wait', raw.wait, 0, 0, MAX_WAIT_SECONDS), 0),
        shard,
        reports,
        cache: (raw.cache ?? '').trim() || undefined
    };
    if (files.length && settings.waitSeconds > 0)
        problems.push("Input 'wait' waits for images being pushed, and 'files' names images already in use; run a separate step for each.");
    if (settings.concurrency !== Math.floor(settings.concurrency)) {
        problems.push(invalid('concurrency', String(settings.concurrency), 'a whole number from 1 to 64').message);
    }
    if (problems.length)
        throw new errors/* DigestGateError */.ic('invalid-input', problems.join('\n'));
    return Object.freeze(settings);
}
/**
 * What the run reads images from (`images`, `files`, or `reports` to merge) and its slice of
 * them, each refused where the mode does not read it.
 */
function readTargets(raw, mode, problems, attempt) {
    const merging = mode === 'merge';
    const images = (0,platform/* splitList */.ry)(raw.images ?? '');
    const files = splitLines(raw.files ?? '');
    const filesMode = mode === 'pin' || mode === 'verify';
    const reports = splitLines(raw.reports ?? '');
    const shard = attempt(() => parseShard(raw.shard), undefined);
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
    if (filesMode && files.length)
        problems.push(...promotionConflicts(mode, images));
    if (files.length && shard)
        problems.push("Input 'shard' splits the images given across a matrix, and 'files' is read whole by every job; use one or the other.");
    const requirePins = attempt(() => parseBoolean('require-pins', raw['require-pins'], false), false);
    if (requirePins && mode !== 'verify')
        problems.push(`Input 'require-pins' applies to 'mode: verify' only (mode is '${mode}'); set 'mode: verify' or remove it.`);
    return { images, files, reports, shard, requirePins };
}
/** `platforms`, normalised, each named once however it is spelt. */
function readPlatforms(raw, attempt) {
    // Each platform on its own, so that every bad one is reported, not only the first.
    const parsedPlatforms = (0,platform/* splitList */.ry)(raw.platforms ?? '').flatMap(p => attempt(() => {
        try {
            return [(0,platform/* parsePlatformSpec */.k1)(p)];
        }
        catch (e) {
            throw new errors/* DigestGateError */.ic('invalid-input', `Input 'platforms': ${e.message}`);
        }
    }, []));
    // `linux/arm64, aarch64` name one platform; it is required, and missing, once.
    const platforms = [...new Map(parsedPlatforms.map(p => [(0,platform/* formatPlatform */.Bq)(p), p])).values()];
    return platforms;
}
/** `detail`, or the least the mode needs; refused where it cannot check what was asked. */
function readDetail(raw, mode, platforms, problems) {
    const givenDetail = (raw.detail ?? '').trim();
    const detail = (givenDetail || defaultDetail(mode, platforms.length > 0));
    if (!DETAILS.includes(detail)) {
        problems.push(invalid('detail', detail, oneOf(DETAILS)).message);
    }
    if (detail === 'digest' && mode === 'verify') {
        problems.push("Input 'detail: digest' reads no platforms, and 'mode: verify' checks them (single-platform pins, required platforms); use 'detail: platforms', or leave 'detail' empty.");
    }
    else if (detail === 'digest' && platforms.length) {
        problems.push("Input 'detail: digest' reads no platforms, so it cannot check 'platforms'; use 'detail: platforms' (one request per image) instead.");
    }
    return detail;
}
/** The one explicit credential: `username` and `password` together, for `registry`. */
function readCredential(raw, problems) {
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
    return credential;
}
/** `fail-on`, or what `fail-on-missing` implies; the two must not contradict. */
function readFailOn(raw, problems, attempt) {
    const failOnMissing = attempt(() => parseBoolean('fail-on-missing', raw['fail-on-missing'], false), false);
    const failOnText = (raw['fail-on'] ?? '').trim();
    let failOn = failOnMissing ? 'missing' : 'never';
    if (failOnText) {
        if (!rule/* FAIL_ON */.d.includes(failOnText)) {
            problems.push(invalid('fail-on', failOnText, oneOf(rule/* FAIL_ON */.d)).message);
        }
        else if (failOnMissing && failOnText === 'never') {
            problems.push("Inputs 'fail-on: never' and 'fail-on-missing: true' contradict each other: 'fail-on-missing: true' means 'fail-on: missing'. Set one of them.");
        }
        else {
            failOn = failOnText;
        }
    }
    return { failOnMissing, failOn };
}
/** `comment`: `on-change`, or a boolean in core.getBooleanInput's spellings. */
function parseCommentMode(raw) {
    const v = (raw ?? '').trim();
    if (v === 'on-change')
        return 'on-change';
    try {
        return parseBoolean('comment', v, false) ? 'true' : 'false';
    }
    catch {
        throw invalid('comment', v, oneOf(COMMENT_MODES));
    }
}
/**
 * With `files` in `mode: pin` or `verify`, each image of `images` with a tag is the release of
 * its repository (src/files/promote-plan.ts): two tags of one repository would ask for both.
 */
function promotionConflicts(mode, images) {
    const tags = new Map();
    const out = [];
    for (const image of images) {
        let name;
        let tag;
        try {
            const parsed = (0,reference/* parseReference */.F2)(image);
            if (parsed.kind !== 'registry')
                continue;
            [name, tag] = [(0,reference/* formatName */.nD)(parsed, false), parsed.tag];
        }
        catch {
            continue; // reported as an invalid image on its own
        }
        const seen = tags.get(name);
        if (tag && seen && seen !== tag)
            out.push(`Input 'images' names ${name} at two tags (${seen} and ${tag}); with 'files' and 'mode: ${mode}' each image is the release its repository's references are ${mode === 'pin' ? 'moved' : 'held'} to, so give one.`);
        if (tag && !seen)
            tags.set(name, tag);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/shell/inputs.ts



/** Every input action.yml declares; read raw, validated in settings.ts. */
const INPUT_NAMES = [
    'images',
    'platforms',
    'fail-on-missing',
    'fail-on',
    'policy',
    'registry',
    'username',
    'password',
    'insecure-registries',
    'source',
    'timeout',
    'summary',
    'concurrency',
    'verify-blobs',
    'github-token',
    'detail',
    'baseline',
    'trusted-root',
    'files',
    'require-pins',
    'comment',
    'wait',
    'shard',
    'mode',
    'reports',
    'cache',
    ...ALIYUN_INPUTS
];
/** Inputs whose values are secrets, masked before anything else can print them. */
const SECRET_INPUTS = [
    'password',
    'github-token',
    'aliyun-access-key-secret',
    'aliyun-security-token'
];
/**
 * Reads the inputs through the toolkit, masking secrets first, and validates them. A proxy
 * URL's credentials in the environment are masked too, before any request: the pull request
 * comment goes through the proxy by Octokit's own HTTP stack, which masks nothing.
 */
function readInputs(toolkit, env = process.env) {
    const raw = {};
    for (const name of INPUT_NAMES)
        raw[name] = toolkit.getInput(name);
    for (const secret of SECRET_INPUTS)
        if (raw[secret])
            toolkit.setSecret(raw[secret]);
    for (const secret of (0,proxy_url/* proxySecretsIn */.NT)(env))
        toolkit.setSecret(secret);
    return parseSettings(raw);
}

// EXTERNAL MODULE: ./src/model/located-error.ts
var located_error = __webpack_require__(51840);
;// CONCATENATED MODULE: ./src/report/outputs.ts
/**
 * Records → the contract's outputs (contract.md, "Outputs"); the report file is
 * src/report/report-file.ts. Pure: nothing here writes anywhere.
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

// EXTERNAL MODULE: ./src/report/report-file.ts
var report_file = __webpack_require__(66757);
// EXTERNAL MODULE: ./src/policy/platforms.ts
var platforms = __webpack_require__(51494);
// EXTERNAL MODULE: ./src/model/text.ts
var model_text = __webpack_require__(5086);
;// CONCATENATED MODULE: ./src/render/verified-section.ts

/**
 * The summary's table of the Sigstore signatures verified per platform (issue 21): what was
 * verified (the predicate type), by whom (identity and issuer, or the key), proved how (log
 * index or timestamp), and which trust root verified it. Every value came from a bundle, so
 * each is escaped.
 */
function verifiedLines(platforms) {
    const read = platforms.filter(p => p.verified);
    if (!read.length)
        return [];
    const lines = ['| Platform | Verified |', '| --- | --- |'];
    for (const p of read) {
        const what = (p.verified ?? []).map(describe);
        lines.push(`| ${(0,model_text/* code */.aY)(p.platform)} | ${what.join('<br>') || 'nothing verified'} |`);
    }
    lines.push('');
    return lines;
}
function describe(v) {
    const who = v.identity
        ? `${(0,model_text/* escapeMarkdown */.FV)(v.identity)} (issuer ${(0,model_text/* escapeMarkdown */.FV)(v.issuer ?? 'none')})`
        : (0,model_text/* escapeMarkdown */.FV)(v.root);
    const proved = v.logIndex
        ? `log index ${(0,model_text/* escapeMarkdown */.FV)(v.logIndex)}`
        : v.timestamp
            ? `timestamp ${(0,model_text/* escapeMarkdown */.FV)(v.timestamp)}`
            : 'no timestamp';
    const whose = v.subject === 'index' ? ' of the index' : '';
    return `${(0,model_text/* escapeMarkdown */.FV)(v.predicateType)}${whose} by ${who}, ${proved}, root ${(0,model_text/* escapeMarkdown */.FV)(v.root)}`;
}

;// CONCATENATED MODULE: ./src/render/policy-section.ts



const VIA = {
    index: 'attestation manifest in the index',
    referrers: 'referrer',
    'referrers-tag': 'referrer, by tag schema'
};
function where(site, label) {
    return site ? ` (${(0,model_text/* escapeMarkdown */.FV)(`${site.file ?? label}:${site.line}`)})` : '';
}
/** The Markdown lines that open image `index`'s section of the summary. */
function renderPolicySection(judged, index) {
    const record = judged.records[index];
    if (record.error)
        return [];
    const lines = [];
    const rule = judged.policy?.rules[index];
    if (judged.policy && rule) {
        const violations = record.violations ?? [];
        const label = judged.policy.policy.label;
        const which = rule.matched === 'default'
            ? `the default rule${where(rule.matchedAt, label)}`
            : `rule ${(0,model_text/* code */.aY)(rule.matched)}${where(rule.matchedAt, label)}`;
        const failing = (0,platforms/* failsOn */.Hu)(judged.failOn[index]).violations;
        lines.push(violations.length
            ? `**Policy:** ${violations.length} violation${violations.length === 1 ? '' : 's'} of ${which}${failing ? '' : " (not failing the step: 'fail-on' is " + (0,model_text/* code */.aY)(judged.failOn[index]) + ')'}`
            : `**Policy:** no violations of ${which}`, '');
        if (violations.length) {
            lines.push('| Platform | Rule | Expected | Found |', '| --- | --- | --- | --- |');
            for (const v of violations)
                lines.push(`| ${(0,model_text/* code */.aY)(v.platform)} | ${(0,model_text/* code */.aY)(v.rule)} | ${(0,model_text/* escapeMarkdown */.FV)(v.expected)} | ${(0,model_text/* escapeMarkdown */.FV)(v.found)} |`);
            lines.push('');
        }
        const read = record.platforms.filter(p => p.attached);
        if (read.length) {
            lines.push('| Platform | Attached |', '| --- | --- |');
            for (const p of read) {
                const what = (p.attached ?? []).map(a => `${(0,model_text/* escapeMarkdown */.FV)(a.kind)}: ${(0,model_text/* escapeMarkdown */.FV)(a.name)} (${VIA[a.via]}${a.subject === 'index' ? ' of the index' : ''})`);
                lines.push(`| ${(0,model_text/* code */.aY)(p.platform)} | ${what.join('<br>') || 'nothing'} |`);
            }
            lines.push('');
        }
        lines.push(...verifiedLines(record.platforms));
    }
    return lines;
}
/** Error when the record's `fail-on` fails the step on violations, else warning. */
function violationAnnotations(judged) {
    const out = [];
    judged.records.forEach((record, i) => {
        const rule = judged.policy?.rules[i];
        const level = (0,platforms/* failsOn */.Hu)(judged.failOn[i]).violations ? 'error' : 'warning';
        for (const v of record.violations ?? []) {
            const site = rule?.sites[v.rule];
            const annotation = {
                level,
                message: violationLine(v),
                title: `digest-gate: ${v.rule} (${(0,model_text/* plainText */.wh)(v.platform)})`
            };
            if (site?.file) {
                annotation.file = site.file;
                annotation.startLine = site.line;
            }
            out.push(annotation);
        }
    });
    return out;
}
/** `image (platform): rule: expected …, found …`, one plain line. */
function violationLine(v) {
    return (0,model_text/* plainText */.wh)(`${v.image} (${v.platform}): ${v.rule}: expected ${v.expected}, found ${v.found}`);
}

;// CONCATENATED MODULE: ./src/render/chart.ts
/**
 * A size chart per image as a Mermaid XY chart (https://mermaid.js.org/syntax/xyChart.html),
 * which GitHub renders from a ```mermaid block in Markdown: job summaries and comments alike.
 * Pure. The platform table stays the source of truth; the chart only draws its sizes.
 */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
/** Characters that are inert in a quoted xychart label; anything else becomes `_`. */
const LABEL_UNSAFE = /[^A-Za-z0-9_./()-]/g;
const LABEL_MAX = 48;
/**
 * A platform name as an xychart category: only `[A-Za-z0-9_./()-]` survive, so a hostile
 * platform key cannot end the quoted label, start a statement or close the code fence.
 */
function chartLabel(platform) {
    const safe = platform.replace(LABEL_UNSAFE, '_').slice(0, LABEL_MAX);
    return safe || '_';
}
/** The largest binary unit the biggest figure reaches, so the axis reads in whole units. */
function unitFor(max) {
    let unit = 0;
    while (unit < UNITS.length - 1 && max >= 1024 ** (unit + 1))
        unit++;
    return unit;
}
/**
 * A figure for the chart's number grammar (`[+-]?(\d+(\.\d+)?|\.\d+)`, no exponent): two
 * decimals at most, and never scientific notation, which toFixed avoids below 1e21.
 */
function chartNumber(value) {
    const fixed = value.toFixed(2);
    return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
/** A round top for the y axis: 1, 2, 2.5 or 5 times a power of ten, at least `max`. */
function axisTop(max) {
    if (max <= 0)
        return 1;
    const power = 10 ** Math.floor(Math.log10(max));
    for (const step of [1, 2, 2.5, 5, 10])
        if (step * power >= max)
            return step * power;
    return 10 * power;
}
/**
 * A bar chart of size per platform, with the baseline's sizes as a line over the bars when
 * every charted platform has one. Mermaid draws several `bar` series at the same x position
 * (on top of each other, or stacked in newer releases) rather than side by side, so a second
 * bar series would hide or add up; a line reads the same in every release. The y axis starts
 * at 0 (Mermaid's automatic range starts at the smallest value, which would make the smallest
 * bar empty) in one unit per image (B, KiB, MiB, GiB). Platforms with no known size are left
 * out. No chart (undefined) when no size is known, or for a lone bar with nothing to compare
 * it with, which says nothing the table does not.
 */
function renderSizeChart(points) {
    const known = points.filter((p) => typeof p.size === 'number' && Number.isFinite(p.size) && p.size >= 0);
    if (known.length === 0)
        return undefined;
    const withBase = known.every(p => typeof p.before === 'number' && Number.isFinite(p.before) && p.before >= 0);
    if (known.length < 2 && !withBase)
        return undefined;
    const figures = known.flatMap(p => (withBase ? [p.size, p.before] : [p.size]));
    const unit = unitFor(Math.max(...figures));
    const scale = (bytes) => chartNumber(bytes / 1024 ** unit);
    const top = axisTop(Math.max(...figures) / 1024 ** unit);
    const left = points.length - known.length;
    const caption = [
        `Size per platform (${UNITS[unit]})`,
        withBase ? ': bars this run, line the baseline' : '',
        left ? `; ${left} platform${left === 1 ? '' : 's'} without a known size left out` : '',
        '.'
    ].join('');
    return [
        caption,
        '',
        '```mermaid',
        'xychart-beta',
        `  x-axis [${known.map(p => `"${chartLabel(p.platform)}"`).join(', ')}]`,
        `  y-axis "Size (${UNITS[unit]})" 0 --> ${chartNumber(top)}`,
        `  bar [${known.map(p => scale(p.size)).join(', ')}]`,
        ...(withBase ? [`  line [${known.map(p => scale(p.before)).join(', ')}]`] : []),
        '```'
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/render/size-change.ts

/**
 * A platform's size change against the baseline as one table cell (src/baseline.ts computes
 * it). Pure. `new` when the baseline has no figure for the platform, `n/a` when this run has
 * none, else a signed size and, when the baseline's size is not 0, the percentage.
 */
function formatSizeChange(d) {
    if (d.after === null)
        return 'n/a';
    if (d.before === null || d.delta === null)
        return 'new';
    if (d.delta === 0)
        return '±0';
    const sign = d.delta > 0 ? '+' : '-';
    const size = `${sign}${(0,model_text/* humanSize */.Xe)(Math.abs(d.delta))}`;
    return d.ratio === null ? size : `${size} (${sign}${Math.abs(d.ratio * 100).toFixed(1)}%)`;
}
/** The change of the image's total, when every platform's is known; else undefined. */
function totalChange(deltas) {
    if (deltas.length === 0 || deltas.some(d => d.delta === null))
        return undefined;
    const before = deltas.reduce((n, d) => n + (d.before ?? 0), 0);
    const after = deltas.reduce((n, d) => n + (d.after ?? 0), 0);
    const delta = after - before;
    return { before, after, delta, ratio: before ? delta / before : null };
}

;// CONCATENATED MODULE: ./src/render/summary.ts




/** Records → the job summary's Markdown, within GitHub's size limit. Pure rendering. */
function summary_unavailableReason(r) {
    if (r.source === 'docker') {
        return 'The Docker Engine API gives no per-platform digests, layer counts or sizes; they are shown as n/a.';
    }
    return undefined;
}
/** GitHub refuses a step summary over 1 MiB; stay clear of it. */
const SUMMARY_LIMIT = 1000 * 1024;
/** The headline's verdict from the step's failure (undefined: it passes) and the run's facts. */
function verdictOf(failure, facts) {
    if (failure)
        return 'failed';
    const noted = facts.records.some(r => r.error ||
        r.missing.length ||
        r.violations?.length ||
        r.platforms.some(p => p.layerList?.some(l => l.problem)));
    return noted || facts.warnings?.length ? 'findings' : 'passed';
}
const VERDICT_MARK = { passed: '✅', findings: '⚠️', failed: '❌' };
function verdictMark(verdict) {
    return VERDICT_MARK[typeof verdict === 'boolean' ? (verdict ? 'passed' : 'failed') : verdict];
}
function markOf(r) {
    return r.error ? '❌' : r.missing.length || r.violations?.length ? '⚠️' : '✅';
}
/**
 * The job summary within GitHub's size limit: the full form when it fits, else the full form
 * without charts, else one row per image, else as many rows as fit and a pointer to the report
 * file. `files` is kept whole in every form: its maker bounds it (src/files/render.ts,
 * FILES_SUMMARY_LIMIT).
 */
function renderSummaryWithinLimit(records, verdict, run, options = {}) {
    for (const charts of [true, false]) {
        const full = renderSummary(records, verdict, run, { ...options, charts });
        if (Buffer.byteLength(full) <= SUMMARY_LIMIT)
            return full;
    }
    const head = [
        ...summaryHeadline(records, verdict, run),
        ...(options.files ? [options.files, ''] : [])
    ];
    const rows = records.map(r => {
        const state = markOf(r);
        const broken = r.violations?.length
            ? `; ${r.violations.length} policy violation${r.violations.length === 1 ? '' : 's'}`
            : '';
        const what = r.error
            ? (0,model_text/* escapeMarkdown */.FV)(r.errorDetail?.message ?? r.error)
            : `${r.platforms.length} platforms${r.missing.length ? `; missing ${r.missing.map(model_text/* code */.aY).join(', ')}` : ''}${broken}`;
        return `| ${state} | ${(0,model_text/* code */.aY)(r.image)} | ${(0,model_text/* code */.aY)((0,model_text/* shortDigest */.VK)(r.digest))} | ${what} |`;
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
function summaryHeadline(records, verdict, run) {
    const failed = records.filter(r => r.error).length;
    const gaps = records.reduce((n, r) => n + r.missing.length, 0);
    const judged = records.some(r => r.violations);
    const violations = records.reduce((n, r) => n + (r.violations?.length ?? 0), 0);
    const broken = judged ? `, ${violations} policy violation${violations === 1 ? '' : 's'}` : '';
    return [
        `## digest-gate ${verdictMark(verdict)}`,
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
function runLines(run, span = model_text/* code */.aY) {
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
        lines.push(`| ${(0,model_text/* code */.aY)(p.platform)} | ${(0,model_text/* code */.aY)((0,model_text/* shortDigest */.VK)(p.digest))} | ${p.layers ?? 'n/a'} | ${(0,model_text/* humanSize */.Xe)(p.size)} |${d ? ` ${formatSizeChange(d)} |` : ''}`);
    });
    const known = r.platforms.every(p => p.size !== null && p.layers !== null);
    const layers = r.platforms.reduce((n, p) => n + (p.layers ?? 0), 0);
    const size = r.platforms.reduce((n, p) => n + (p.size ?? 0), 0);
    const total = delta ? totalChange(delta.platforms) : undefined;
    lines.push(`| **Total: ${r.platforms.length} platform${r.platforms.length === 1 ? '' : 's'}** | | ${known ? layers : 'n/a'} | ${known ? (0,model_text/* humanSize */.Xe)(size) : 'n/a'} |${delta ? ` ${total ? formatSizeChange(total) : 'n/a'} |` : ''}`);
    return lines;
}
/**
 * What the baseline comparison of one image says beside its table, if anything: no match,
 * which baseline image it was compared with when not the same name, platforms it dropped.
 */
function baselineNote(r, baseline, delta = (0,report_baseline/* sizeDeltas */.$A)(r, baseline)) {
    if (!delta)
        return 'No image in the baseline matches this one; no size change is shown.';
    const notes = [];
    if (delta.against !== r.image)
        notes.push(`Compared with ${(0,model_text/* code */.aY)(delta.against)} in the baseline.`);
    const dropped = (0,report_baseline/* droppedPlatforms */.Rv)(r, baseline);
    if (dropped.length)
        notes.push(`In the baseline but not here: ${dropped.map(model_text/* code */.aY).join(', ')}.`);
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
function renderSummary(records, verdict, run, options = {}) {
    const { baseline, charts = true, sections, files } = options;
    const lines = summaryHeadline(records, verdict, run);
    if (files)
        lines.push(files, '');
    for (const [i, r] of records.entries()) {
        lines.push(`### ${markOf(r)} ${(0,model_text/* code */.aY)(r.image)}`, '');
        if (sections)
            lines.push(...sections(i));
        if (r.error) {
            lines.push(`**Error:** ${(0,model_text/* escapeMarkdown */.FV)(r.errorDetail?.message ?? r.error)}`, '');
            continue;
        }
        lines.push(`${(0,model_text/* code */.aY)(`${r.ref}@${r.digest}`)}  `, `${(0,model_text/* escapeMarkdown */.FV)(r.mediaType ?? '')}`, '');
        const delta = baseline ? (0,report_baseline/* sizeDeltas */.$A)(r, baseline) : undefined;
        lines.push(...renderPlatformTable(r, delta), '');
        const compared = baseline ? baselineNote(r, baseline, delta) : undefined;
        if (compared)
            lines.push(compared, '');
        const chart = charts ? imageChart(r, delta) : undefined;
        if (chart)
            lines.push(chart, '');
        if (r.missing.length)
            lines.push(`**Missing:** ${r.missing.map(model_text/* code */.aY).join(', ')}`, '');
        if (r.attestations)
            lines.push(`Attestations: ${r.attestations}`, '');
        const why = summary_unavailableReason(r);
        if (why)
            lines.push(`> ${why}`, '');
        const broken = r.platforms.flatMap(p => (p.layerList ?? []).filter(l => l.problem).map(l => ({ p, l })));
        if (broken.length) {
            lines.push(`**Layer problems:** ${broken.length}`, '', ...broken.map(({ p, l }) => `- ${(0,model_text/* code */.aY)(p.platform)} ${(0,model_text/* code */.aY)((0,model_text/* shortDigest */.VK)(l.digest))}: ${(0,model_text/* escapeMarkdown */.FV)(l.problem ?? '')}`), '');
        }
        if (r.blobHosts?.length)
            lines.push(`Layers served from ${r.blobHosts.map(model_text/* code */.aY).join(', ')}`, '');
        if (r.notes.length) {
            lines.push('<details><summary>Notes</summary>', '', ...r.notes.map(n => `- ${(0,model_text/* escapeMarkdown */.FV)(n)}`), '', '</details>', '');
        }
    }
    if (run?.rateLimitRemaining && Object.keys(run.rateLimitRemaining).length) {
        const items = Object.entries(run.rateLimitRemaining).map(([host, v]) => `${(0,model_text/* code */.aY)(host)}: ${(0,model_text/* escapeMarkdown */.FV)(v)}`);
        lines.push(`Rate limit remaining: ${items.join(', ')}`, '');
    }
    return lines.join('\n');
}
/** The same table for a terminal. */

;// CONCATENATED MODULE: ./src/review/comment-body.ts





/**
 * The sticky pull request comment's Markdown: what needs a reviewer's attention first
 * (run problems, missing platforms, policy violations, images that failed), then each image's
 * platform table with the size change against the baseline and a chart. Pure: the caller
 * posts it (src/review/comment.ts).
 */
/** GitHub refuses an issue comment body over 65,536 characters ("Body is too long"). */
const COMMENT_LIMIT = 65_536;
/**
 * A marker value as RFC 3986 unreserved characters, the rest percent-encoded as UTF-8: no
 * space to end the attribute, no `>` or `!` to close the HTML comment, however the workflow
 * is named.
 */
function markerValue(value) {
    return Array.from(new TextEncoder().encode(value), byte => {
        const c = String.fromCharCode(byte);
        return /[A-Za-z0-9._~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }).join('');
}
/**
 * The hidden first line that finds this workflow's and job's comment again:
 * `<!-- digest-gate:comment workflow=<GITHUB_WORKFLOW> job=<GITHUB_JOB> -->`.
 */
function commentMarker(workflow, job) {
    return `<!-- digest-gate:comment workflow=${markerValue(workflow)} job=${markerValue(job)} -->`;
}
const HASH_LINE = /^<!-- digest-gate:content sha256=([0-9a-f]{64}) -->$/m;
/** The content hash embedded in a comment body this module wrote, if any. */
function contentHashOf(body) {
    return HASH_LINE.exec(body)?.[1];
}
function isViolation(v) {
    if (typeof v !== 'object' || v === null)
        return false;
    const o = v;
    return (typeof o.image === 'string' &&
        typeof o.rule === 'string' &&
        (o.platform === undefined || o.platform === null || typeof o.platform === 'string'));
}
/** The record's `violations`, when the policy stage set them; invalid entries are ignored. */
function violationsOf(record) {
    const list = record.violations;
    return Array.isArray(list) ? list.filter(isViolation) : [];
}
function figure(value) {
    if (value === undefined || value === null)
        return '';
    return (0,model_text/* escapeMarkdown */.FV)(typeof value === 'string' ? value : JSON.stringify(value));
}
function mark(r) {
    return r.error ? '❌' : r.missing.length || violationsOf(r).length ? '⚠️' : '✅';
}
/**
 * Whether `on-change` should post a first comment: something failed, is missing or breaks a
 * rule, or a size moved or a platform went against the baseline. A clean run with nothing to
 * compare stays quiet.
 */
function isNoteworthy(content) {
    if (!content.ok || content.problems.length || content.missing.length)
        return true;
    if (content.verdict && content.verdict !== 'passed')
        return true;
    if (content.records.some(r => r.error || violationsOf(r).length))
        return true;
    const { baseline } = content;
    if (!baseline)
        return false;
    return content.records.some(r => (0,report_baseline/* sizeDeltas */.$A)(r, baseline)?.platforms.some(d => d.delta !== 0) ||
        (0,report_baseline/* droppedPlatforms */.Rv)(r, baseline).length > 0);
}
/** The sections a reviewer needs first; each a list of lines, separately cuttable. */
function attentionSections(content) {
    const sections = [];
    if (content.problems.length) {
        sections.push([
            '**Problems of the run**',
            '',
            ...content.problems.map(p => `- ${(0,model_text/* escapeMarkdown */.FV)(p)}`)
        ]);
    }
    if (content.missing.length) {
        const found = new Map(content.records.map(r => [r.image, r.platforms.map(p => p.platform)]));
        sections.push([
            '**Missing platforms**',
            '',
            '| Image | Missing | Found |',
            '| --- | --- | --- |',
            ...content.missing.map(m => `| ${(0,model_text/* code */.aY)(m.image)} | ${(0,model_text/* code */.aY)(m.platform)} | ${(found.get(m.image) ?? []).map(model_text/* code */.aY).join(', ') || 'none'} |`)
        ]);
    }
    const violations = content.records.flatMap(violationsOf);
    if (violations.length) {
        sections.push([
            '**Policy violations**',
            '',
            '| Image | Platform | Rule | Expected | Found |',
            '| --- | --- | --- | --- | --- |',
            ...violations.map(v => `| ${(0,model_text/* code */.aY)(v.image)} | ${v.platform ? (0,model_text/* code */.aY)(v.platform) : ''} | ${(0,model_text/* code */.aY)(v.rule)} | ${figure(v.expected)} | ${figure(v.found)} |`)
        ]);
    }
    const failed = content.records.filter(r => r.error);
    if (failed.length) {
        sections.push([
            '**Could not resolve**',
            '',
            ...failed.map(r => `- ${(0,model_text/* code */.aY)(r.image)}: ${(0,model_text/* escapeMarkdown */.FV)(r.errorDetail?.message ?? r.error ?? '')}`)
        ]);
    }
    return sections;
}
function deltaOf(r, baseline) {
    return baseline ? (0,report_baseline/* sizeDeltas */.$A)(r, baseline) : undefined;
}
/** Each resolved image: its table, the baseline note, and (when asked) its chart. */
function imageSections(content, charts) {
    return content.records
        .filter(r => !r.error)
        .map(r => {
        const delta = deltaOf(r, content.baseline);
        const lines = [`### ${mark(r)} ${(0,model_text/* code */.aY)(r.image)}`, '', `${(0,model_text/* code */.aY)(`${r.ref}@${r.digest}`)}`, ''];
        if (r.platforms.length)
            lines.push(...renderPlatformTable(r, delta), '');
        const compared = content.baseline ? baselineNote(r, content.baseline, delta) : undefined;
        if (compared)
            lines.push(compared, '');
        const why = summary_unavailableReason(r);
        if (why)
            lines.push(`> ${why}`, '');
        const chart = charts ? imageChart(r, delta) : undefined;
        if (chart)
            lines.push(chart, '');
        while (lines.at(-1) === '')
            lines.pop();
        return lines;
    });
}
/** One row per resolved image: platforms, total size and its change. */
function briefTable(content) {
    const resolved = content.records.filter(r => !r.error);
    if (!resolved.length)
        return [];
    const withChange = !!content.baseline;
    return [
        [
            `| | Image | Platforms | Size |${withChange ? ' Change |' : ''}`,
            `| --- | --- | ---: | ---: |${withChange ? ' ---: |' : ''}`,
            ...resolved.map(r => {
                const known = r.platforms.every(p => p.size !== null);
                const size = known ? (0,model_text/* humanSize */.Xe)(r.platforms.reduce((n, p) => n + (p.size ?? 0), 0)) : 'n/a';
                const delta = deltaOf(r, content.baseline);
                const total = delta ? totalChange(delta.platforms) : undefined;
                const change = withChange ? ` ${total ? formatSizeChange(total) : 'n/a'} |` : '';
                return `| ${mark(r)} | ${(0,model_text/* code */.aY)(r.image)} | ${r.platforms.length} | ${size} |${change}`;
            })
        ]
    ];
}
function hashOf(content) {
    return (0,external_node_crypto_.createHash)('sha256').update(content).digest('hex');
}
function footer(place, shortened) {
    const where = place.runUrl ? `[the job summary](${place.runUrl})` : "the run's job summary";
    const lead = shortened
        ? `Shortened to fit GitHub's comment size limit: every figure is in ${where} and the report file.`
        : `Full report: ${where}.`;
    return `<sub>${lead} Written by digest-gate and updated in place on each run.</sub>`;
}
function assemble(marker, sections, place, shortened) {
    // Registry text reaches here escaped (src/text.ts): its mentions, issue references and
    // links are code spans, which GitHub neither links nor notifies from.
    const content = sections.map(s => s.join('\n')).join('\n\n');
    const hash = hashOf(content);
    const body = [
        marker,
        `<!-- digest-gate:content sha256=${hash} -->`,
        content,
        '',
        footer(place, shortened)
    ].join('\n');
    return { body, hash };
}
/**
 * The comment body within `limit` characters (GitHub counts characters; a UTF-16 length is
 * never below that): in full; else without charts; else the attention sections and one row
 * per image; else that cut to as many lines as fit, saying how many were left out. Every
 * shortened form points to the job summary. Registry-supplied text is escaped (src/text.ts):
 * it can neither mention anyone nor reference an issue.
 */
function renderCommentBody(content, place, limit = COMMENT_LIMIT) {
    const marker = commentMarker(place.workflow, place.job);
    const head = summaryHeadline(content.records, content.verdict ?? content.ok).slice(0, 3);
    const attention = attentionSections(content);
    const forms = [
        ['full', [head, ...attention, ...imageSections(content, true)]],
        ['no-charts', [head, ...attention, ...imageSections(content, false)]],
        ['brief', [head, ...attention, ...briefTable(content)]]
    ];
    for (const [form, sections] of forms) {
        const out = assemble(marker, sections, place, form !== 'full');
        if (out.body.length <= limit)
            return { ...out, form };
    }
    // Cut line by line: the reserve covers the marker, hash line, footer and the cut notice.
    const lines = forms[2][1].flatMap((s, i) => (i ? ['', ...s] : s));
    const reserve = assemble(marker, [['…and 0000000 more lines, in the job summary.']], place, true);
    let budget = limit - reserve.body.length - 2;
    const kept = [];
    for (const line of lines) {
        const cost = line.length + 1;
        if (cost > budget)
            break;
        budget -= cost;
        kept.push(line);
    }
    const cut = [...kept, '', `…and ${lines.length - kept.length} more lines, in the job summary.`];
    return { ...assemble(marker, [cut], place, true), form: 'cut' };
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
;// CONCATENATED MODULE: ./src/review/api-failure.ts


/** Failures of opening a connection: through a forward proxy, they are the proxy's. */
const CONNECT_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH'
]);
const isObject = (v) => typeof v === 'object' && v !== null;
/**
 * The proxy @actions/github sends requests to `apiUrl` through, read as its dispatcher reads
 * it (https_proxy/HTTPS_PROXY, no_proxy/NO_PROXY, loopback always direct), or undefined when
 * they go direct. Loaded only on the comment's path, like Octokit.
 */
async function apiRoute(apiUrl) {
    const { getProxyUrl } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 19783));
    let proxy;
    try {
        proxy = getProxyUrl(new URL(apiUrl));
    }
    catch {
        proxy = undefined;
    }
    // As the toolkit's getAgentDispatcher: a proxy URL without a host is no proxy.
    return { url: apiUrl, proxy: proxy?.hostname ? proxy : undefined };
}
function isHttpError(e) {
    return isObject(e) && typeof e.status === 'number' && typeof e.message === 'string';
}
/** GitHub's own words from an error answer (`{"message": …}`), else the error's message. */
function answerOf(e) {
    if (isObject(e) && isObject(e.response) && isObject(e.response.data)) {
        const message = e.response.data.message;
        if (typeof message === 'string')
            return message;
    }
    return e instanceof Error ? e.message : String(e);
}
/** The error and its causes, outermost first (Octokit wraps fetch's, which wraps undici's). */
function causes(e) {
    const chain = [];
    for (let at = e; isObject(at) && chain.length < 8; at = at.cause)
        chain.push(at);
    return chain;
}
/**
 * What stopped a request that went through `proxy` before any answer from GitHub: the proxy
 * could not be reached, or it answered CONNECT with something other than 200 (undici says
 * so only in a message: "Proxy response (407) !== 200 when HTTP Tunneling").
 */
function proxyProblem(e, route) {
    const label = (0,proxy_url/* proxyLabel */.LE)(route.proxy);
    const variable = new URL(route.url).protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
    const api = `GitHub's API at ${route.url}`;
    for (const c of causes(e)) {
        const code = c.code;
        if (typeof code === 'string' && CONNECT_CODES.has(code))
            return `cannot reach the proxy ${label} (for ${api}): ${code}; check ${variable}, or list the API's host in NO_PROXY`;
        const refused = /Proxy response \((\d{3})\) !== 200/.exec(String(c.message));
        if (!refused)
            continue;
        const status = Number(refused[1]);
        const said = `${status} ${external_node_http_.STATUS_CODES[status] ?? 'from the proxy'}`;
        // tinyproxy answers wrong credentials with 401, others with 407.
        if (status === 407 || status === 401)
            return route.proxy.username || route.proxy.password
                ? `the proxy ${label} refused the user and password in its URL to reach ${api} (${said}); check them in ${variable}`
                : `the proxy ${label} asked for credentials to reach ${api} (${said}); give them in the proxy URL (http://user:password@${label}) in ${variable}`;
        if (status === 403)
            return `the proxy ${label} refused to open a tunnel to ${api} (${said}); allow that host and port in the proxy, or list the host in NO_PROXY`;
        return `the proxy ${label} could not reach ${api} (${said})`;
    }
    return undefined;
}
const PERMISSION = 'The job needs `permissions: pull-requests: write` (or `issues: write`; the issue-comments API accepts either for a pull request) for the token in `github-token`.';
/** The one warning for a failed `stage` (read, create, update) of the comment. */
function explainFailure(stage, e, route) {
    const what = `Cannot ${stage} the pull request comment`;
    // Octokit reports a request that got no answer (refused, reset, timed out) with status 500
    // and no response; only an answer has GitHub's status and message.
    const answered = isHttpError(e) && isObject(e.response);
    if (!answered) {
        const cause = e instanceof Error ? e.message : String(e);
        const { proxy } = route;
        if (!proxy)
            return `${what}: GitHub's API at ${route.url} could not be reached (${cause}). Skipping the comment.`;
        const problem = proxyProblem(e, { url: route.url, proxy });
        if (problem)
            return `${what}: ${problem}. Skipping the comment.`;
        return `${what}: GitHub's API at ${route.url} could not be reached through the proxy ${(0,proxy_url/* proxyLabel */.LE)(proxy)} (${cause}). Skipping the comment.`;
    }
    if (e.status === 403 || e.status === 404) {
        return `${what}: GitHub answered ${e.status} (${answerOf(e)}). ${PERMISSION} Skipping the comment.`;
    }
    if (e.status === 401) {
        return `${what}: GitHub answered 401 (${answerOf(e)}): the token in 'github-token' is not valid. Skipping the comment.`;
    }
    return `${what}: GitHub answered ${e.status} (${answerOf(e)}). Skipping the comment.`;
}

;// CONCATENATED MODULE: ./src/review/identity.ts
/**
 * Whose comment the sticky comment may be. The marker line can be written by anyone who can
 * comment on the pull request, so a comment is this job's only when the identity the token
 * writes as wrote it: only that one is updated, and only its content hash is trusted by
 * `on-change`. Pure, but for the one request whoAmI makes.
 */
/** The login the workflow's GITHUB_TOKEN writes as (GitHub: "About the GITHUB_TOKEN"). */
const ACTIONS_BOT = 'github-actions[bot]';
/**
 * Who a token writes comments as. An installation token (`ghs_`, GitHub's documented prefix
 * for the workflow's GITHUB_TOKEN and any GitHub App's) cannot ask `GET /user` ("Resource not
 * accessible by integration"); the workflow's token writes as github-actions[bot], so that is
 * who is expected, without a request. Any other token (a personal access token, classic or
 * fine-grained; an OAuth or user-to-server token) asks `GET /user`. When that is refused, no
 * existing comment is trusted and the author of the comment this run creates says who it is.
 */
async function whoAmI(token, getAuthenticated) {
    if (token.startsWith('ghs_'))
        return { login: ACTIONS_BOT, how: 'an installation token' };
    try {
        const { data } = await getAuthenticated();
        return { login: data.login, how: 'GET /user' };
    }
    catch {
        return { how: 'GET /user was refused' };
    }
}
/** GitHub logins are case-insensitive. */
function sameLogin(a, b) {
    return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}
/**
 * Of the comments that carry this job's marker, the one `login` wrote (the first: oldest
 * first, as GitHub lists them), and those it must ignore because someone else wrote them.
 */
function sortMarked(marked, login) {
    const ours = marked.find(c => sameLogin(c.user?.login, login));
    return { ours, ignored: marked.filter(c => c !== ours && !sameLogin(c.user?.login, login)) };
}

;// CONCATENATED MODULE: ./src/review/comment.ts



const PR_EVENTS = ['pull_request', 'pull_request_target'];
const comment_isObject = (v) => typeof v === 'object' && v !== null;
/** The number and the head and base repositories of a pull_request event payload. */
function pullRequestFacts(payload) {
    if (!comment_isObject(payload))
        return {};
    const pr = comment_isObject(payload.pull_request) ? payload.pull_request : undefined;
    const number = typeof pr?.number === 'number' ? pr.number : payload.number;
    const repoOf = (side) => {
        const repo = comment_isObject(side) && comment_isObject(side.repo) ? side.repo : undefined;
        return typeof repo?.full_name === 'string' ? repo.full_name : null;
    };
    return {
        number: typeof number === 'number' ? number : undefined,
        head: pr ? repoOf(pr.head) : undefined,
        base: pr ? repoOf(pr.base) : undefined
    };
}
/**
 * A `pull_request` event from a fork runs with a read-only token (GitHub: "Permissions for
 * the GITHUB_TOKEN"), so no comment can be written. A deleted fork leaves `head.repo` null.
 * `pull_request_target` runs in the base repository's context and may write.
 */
function isForkPullRequest(event, facts) {
    return event === 'pull_request' && !!facts.base && facts.head !== facts.base;
}
/**
 * Whether a comment body is this workflow's and job's: it begins with the marker line (a
 * comment edited in GitHub's web editor comes back with CRLF line ends). Quoting the marker
 * further down is not writing it.
 */
function isOurs(body, marker) {
    return !!body && body.startsWith(marker) && /^\r?\n/.test(body.slice(marker.length));
}
/** What to do, given the mode, the comment found (if any) and the body now. */
function planComment(mode, existing, hash, noteworthy) {
    if (existing) {
        return mode === 'on-change' && contentHashOf(existing.body) === hash ? 'unchanged' : 'update';
    }
    return mode === 'on-change' && !noteworthy ? 'quiet' : 'create';
}
/**
 * This job's comment among the pull request's, oldest first: the first one carrying the
 * marker that the token's identity wrote. Comments others wrote with the marker are named in
 * the log and otherwise ignored. Throws what the listing throws.
 */
async function findOwnComment(octokit, issue, marker, identity, log) {
    const marked = [];
    let existing;
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        ...issue,
        per_page: 100
    });
    for await (const page of pages) {
        marked.push(...page.data.filter(c => isOurs(c.body, marker)));
        // Oldest first: the first comment the token's identity wrote with the marker is the sticky one.
        const found = sortMarked(marked, identity.login).ours;
        if (found) {
            existing = { id: found.id, body: found.body ?? '' };
            log.debug(`Found this workflow's and job's comment: #${found.id} by ${found.user?.login}`);
            break;
        }
    }
    for (const c of sortMarked(marked, identity.login).ignored)
        log.info(`Comment #${c.id} by ${c.user?.login ?? 'an unknown user'} carries this job's marker but was not written by ${identity.login ?? 'this token'}: not trusted.`);
    return { existing, marked };
}
/**
 * When the token's identity was not known before writing (a GitHub App's installation token;
 * a token GET /user refused), the comment just created tells it: the job's earlier comments
 * by that author are deleted, so one stays. Whatever goes wrong is a log line.
 */
async function dropEarlier(identity, author, marked, remove, log) {
    if (!author || sameLogin(author, identity.login))
        return;
    log.info(`The token writes as ${author}: this job's earlier comments by ${author} are removed.`);
    for (const c of marked.filter(m => sameLogin(m.user?.login, author))) {
        try {
            await remove(c.id);
            log.info(`Deleted this job's earlier comment #${c.id}.`);
        }
        catch (e) {
            log.info(`Could not delete this job's earlier comment #${c.id}: ${answerOf(e)}`);
        }
    }
}
/** Updates this job's comment, or creates it (and drops earlier ones, see dropEarlier). */
async function writeComment(octokit, issue, body, known) {
    const { existing, marked, identity, route, log } = known;
    const { issue_number, ...where } = issue;
    try {
        if (existing) {
            const { data } = await octokit.rest.issues.updateComment({
                ...where,
                comment_id: existing.id,
                body
            });
            log.info(`Updated the pull request comment: ${data.html_url}`);
            return { action: 'updated', id: data.id, url: data.html_url };
        }
        const { data } = await octokit.rest.issues.createComment({
            ...where,
            issue_number,
            body
        });
        log.info(`Posted the pull request comment: ${data.html_url}`);
        await dropEarlier(identity, data.user?.login, marked, id => octokit.rest.issues.deleteComment({ ...where, comment_id: id }), log);
        return { action: 'created', id: data.id, url: data.html_url };
    }
    catch (e) {
        const reason = explainFailure(existing ? 'update' : 'create', e, route);
        log.warning(reason);
        return { action: 'failed', reason };
    }
}
/**
 * Posts or updates the comment for this run. Skips quietly (an info line) outside pull
 * request events; warns and skips for a fork's read-only token, a missing token, missing
 * permissions and any API or network failure. Never throws for those.
 */
async function postComment(request, log) {
    const { env } = log;
    const skip = (reason, warn = false) => skipped(log, reason, warn);
    const mode = request.mode;
    if (mode === 'false')
        return { action: 'skipped', reason: "input 'comment' is false" };
    const event = env.GITHUB_EVENT_NAME ?? '';
    // Decided before Octokit is loaded: most runs that have `comment` set are not pull requests.
    if (!PR_EVENTS.includes(event)) {
        return skip(`Not a pull request event (${event || 'no GITHUB_EVENT_NAME'}): no pull request comment.`);
    }
    if (!request.token) {
        return skip("Input 'comment' needs a token to write the pull request comment, and 'github-token' is empty; skipping the comment.", true);
    }
    const github = await __webpack_require__.e(/* import() */ 157).then(__webpack_require__.bind(__webpack_require__, 50157));
    const target = pullRequestOf(github.context, event, log);
    if ('action' in target)
        return target;
    const { number, repo } = target;
    const place = placeOf(env);
    const rendered = renderCommentBody(request.result, place);
    const marker = commentMarker(place.workflow, place.job);
    // GHES: the API is at GITHUB_API_URL (https://HOST/api/v3).
    const apiUrl = env.GITHUB_API_URL || 'https://api.github.com';
    const octokit = octokitFor(github.getOctokit, request.token, request.timeoutSeconds, apiUrl);
    const route = await apiRoute(apiUrl);
    const where = { owner: repo.owner, repo: repo.repo };
    const identity = await whoAmI(request.token, () => octokit.rest.users.getAuthenticated());
    log.debug(`The token writes as ${identity.login ?? 'someone it cannot tell'} (${identity.how}).`);
    let found;
    try {
        found = await findOwnComment(octokit, { ...where, issue_number: number }, marker, identity, log);
    }
    catch (e) {
        const reason = explainFailure('read', e, route);
        log.warning(reason);
        return { action: 'failed', reason };
    }
    const { existing, marked } = found;
    const plan = planComment(mode, existing, rendered.hash, isNoteworthy(request.result));
    if (plan === 'unchanged' && existing) {
        log.info(`The pull request comment is up to date (on-change): #${existing.id} left as it is.`);
        return { action: 'unchanged', id: existing.id };
    }
    if (plan === 'quiet') {
        return skip('Nothing to report on the pull request (on-change: every image resolved, nothing missing, no size change); no comment posted.');
    }
    return writeComment(octokit, { ...where, issue_number: number }, rendered.body, {
        existing,
        marked,
        identity,
        route,
        log
    });
}
/** Says why no comment is written, as an info line, or a warning for what the user can fix. */
function skipped(log, reason, warn = false) {
    if (warn)
        log.warning(reason);
    else
        log.info(reason);
    return { action: 'skipped', reason };
}
/** The pull request and repository the event names, or why no comment can be written there. */
function pullRequestOf(context, event, log) {
    const skip = (reason, warn = false) => skipped(log, reason, warn);
    const facts = pullRequestFacts(context.payload);
    if (!facts.number) {
        return skip(`The ${event} event payload (GITHUB_EVENT_PATH) names no pull request number: no pull request comment.`);
    }
    if (isForkPullRequest(event, facts)) {
        return skip(`Pull request #${facts.number} comes from ${facts.head ?? 'a deleted fork'}, and the workflow's token is read-only for pull requests from forks (pull_request events); skipping the comment. The job summary has the same report.`, true);
    }
    let repo;
    try {
        repo = context.repo;
    }
    catch {
        return skip('GITHUB_REPOSITORY is not set: no pull request comment.', true);
    }
    return { number: facts.number, repo };
}
/** The workflow, job and run the comment names, from the runner's environment. */
function placeOf(env) {
    const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
    return { workflow: env.GITHUB_WORKFLOW ?? '', job: env.GITHUB_JOB ?? '', runUrl };
}
/**
 * Octokit for the API at `apiUrl`. Its own fetch (undici, through the toolkit's proxy
 * dispatcher for https_proxy/no_proxy) carries the requests; each gets the `timeout` input as
 * its deadline, since Octokit sets none.
 */
function octokitFor(get, token, timeoutSeconds, apiUrl) {
    const octokit = get(token, { baseUrl: apiUrl });
    const timeoutMs = timeoutSeconds * 1000;
    // A `before` hook, changing the options every later hook and the request itself read (a
    // `wrap` hook's own options never reach the request: the auth hook is bound to the originals).
    octokit.hook.before('request', options => {
        options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) };
    });
    return octokit;
}

// EXTERNAL MODULE: ./src/model/sanitize.ts
var sanitize = __webpack_require__(54142);
;// CONCATENATED MODULE: ./src/render/table.ts



/** Records → the terminal table the CLI prints. Pure rendering. */
function renderTable(records, ok) {
    const out = [];
    for (const r of records) {
        if (r.error) {
            out.push(`✗ ${plainText(r.image)}`, `  error: ${plainText(r.errorDetail?.message ?? r.error)}`, '');
            continue;
        }
        out.push(`${r.missing.length || r.violations?.length ? '!' : '✓'} ${plainText(r.image)}`, `  ${plainText(`${r.ref}@${r.digest}`)}`, `  ${plainText(r.mediaType ?? '')}`);
        const rows = [['PLATFORM', 'DIGEST', 'LAYERS', 'SIZE']];
        for (const p of r.platforms)
            rows.push([
                plainText(p.platform),
                shortDigest(p.digest),
                String(p.layers ?? 'n/a'),
                humanSize(p.size)
            ]);
        const known = r.platforms.every(p => p.size !== null && p.layers !== null);
        rows.push([
            `total (${r.platforms.length})`,
            '',
            known ? String(r.platforms.reduce((n, p) => n + (p.layers ?? 0), 0)) : 'n/a',
            known ? humanSize(r.platforms.reduce((n, p) => n + (p.size ?? 0), 0)) : 'n/a'
        ]);
        const widths = rows[0].map((_, i) => Math.max(...rows.map(row => row[i].length)));
        for (const row of rows)
            out.push(`  ${row.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')}`);
        if (r.missing.length)
            out.push(`  missing: ${plainText(r.missing.join(', '))}`);
        for (const v of r.violations ?? [])
            out.push(`  violation: ${plainText(`${v.rule} (${v.platform}): expected ${v.expected}, found ${v.found}`)}`);
        if (r.attestations)
            out.push(`  attestations: ${r.attestations}`);
        const why = unavailableReason(r);
        if (why)
            out.push(`  note: ${why}`);
        for (const n of r.notes)
            out.push(`  note: ${plainText(n)}`);
        out.push('');
    }
    out.push(ok ? 'ok' : 'not ok');
    return out.join('\n');
}
/**
 * One line per resolved image for the step log, so a reader of the log alone knows what was
 * resolved: the reference, its digest, the required platforms found out of those required, and
 * the total size, e.g. `docker.io/library/nginx:1.27 sha256:… 2/2 platforms (linux/amd64,
 * linux/arm64) 68.1 MiB`. Images that failed have their error annotation instead. `required` is
 * the `platforms` input; a policy rule's own platforms win. Plain text (plainText). Pure.
 */
function imageLogLines(run, required) {
    const images = new Set(run.imageRecords ?? run.records);
    return run.records.flatMap((r, i) => images.has(r) && !r.error
        ? [imageLogLine(r, (run.policy?.rules[i]?.platforms ?? required).map(platform/* formatPlatform */.Bq))]
        : []);
}
function imageLogLine(r, required) {
    const found = r.platforms.map(p => p.platform);
    const platforms = required.length
        ? `${required.length - r.missing.length}/${required.length} platforms (${[
            required.filter(p => !r.missing.includes(p)).join(', ') || 'none',
            ...(r.missing.length ? [`missing ${r.missing.join(', ')}`] : [])
        ].join('; ')})`
        : `${found.length} platform${found.length === 1 ? '' : 's'}${found.length ? ` (${found.join(', ')})` : ''}, none required`;
    const known = r.platforms.length > 0 && r.platforms.every(p => p.size !== null);
    const size = known ? (0,model_text/* humanSize */.Xe)(r.platforms.reduce((n, p) => n + (p.size ?? 0), 0)) : 'size n/a';
    return (0,model_text/* plainText */.wh)(`${r.ref ?? r.image} ${r.digest ?? 'no digest'} ${platforms} ${size}`);
}

;// CONCATENATED MODULE: ./src/main.ts

















/**
 * The shell: inputs → the mode's run (dispatch.ts) → outputs, report file, summary,
 * annotations. The only place besides inputs.ts that talks to the runner, through the toolkit
 * it is handed: @actions/core itself by default, as the runner and `@github/local-action`
 * call it (`run()`), or a typed fixture in tests.
 */
async function run(toolkit = core) {
    toolkit = (0,sanitize/* plainLog */.L)(toolkit); // every log line and annotation through one rule (model/text.ts)
    try {
        const settings = readInputs(toolkit);
        const hooks = {
            onSecret: (secret) => toolkit.setSecret(secret),
            log: (line) => toolkit.info(line)
        };
        const result = await dispatch(settings, hooks);
        // First the report, so that an output trimmed to its limit can point at it.
        const reportFile = await writeReport(result);
        const outputs = buildOutputs(result.records, result.missing, result.ok, reportFile, result.violations);
        toolkit.setOutput(OUTPUTS.digests, outputs.digests);
        toolkit.setOutput(OUTPUTS.missing, outputs.missing);
        toolkit.setOutput(OUTPUTS.pinned, outputs.pinned);
        toolkit.setOutput(OUTPUTS.ok, outputs.ok);
        toolkit.setOutput(OUTPUTS.violations, outputs.violations);
        // Every output is set in every mode, so a workflow can test it: empty unless a pin wrote.
        toolkit.setOutput(OUTPUTS.changedFiles, (result.files?.changedFiles ?? []).join('\n'));
        toolkit.setOutput(OUTPUTS.reportFile, reportFile);
        for (const name of outputs.truncated)
            toolkit.warning(`The '${name}' output holds the first of its entries only: the whole would pass GitHub's limit of 1 MB per output. It says so itself (see the README, "Outputs"); every entry is in the report file ${reportFile}.`, { title: `digest-gate: '${name}' trimmed` });
        // Only a run with `files` loads the files section's rendering, as only it loads the scanners.
        const filesView = result.files && (await __webpack_require__.e(/* import() */ 749).then(__webpack_require__.bind(__webpack_require__, 71749)));
        for (const line of result.files && filesView ? filesView.filesText(result.files) : [])
            toolkit.info(line);
        for (const line of imageLogLines(result, settings.platforms))
            toolkit.info(line);
        for (const warning of result.warnings)
            toolkit.warning(warning, { title: 'digest-gate' });
        annotate(toolkit, result, settings);
        for (const a of result.policy ? violationAnnotations(result) : []) {
            const properties = { title: a.title, file: a.file, startLine: a.startLine };
            if (a.level === 'error')
                toolkit.error(a.message, properties);
            else
                toolkit.warning(a.message, properties);
        }
        if (settings.summary)
            await writeSummary(toolkit, result, result.policy ? i => renderPolicySection(result, i) : undefined, result.files && filesView?.filesSummary(result.files));
        // Octokit and its fetch load only when a comment is asked for (review/comment.ts).
        if (settings.comment !== 'false')
            await comment(toolkit, result, settings);
        for (const problem of result.problems)
            toolkit.error(problem, { title: 'digest-gate' });
        const failure = (0,run_result/* failureOf */.g)(result);
        if (failure)
            toolkit.setFailed(failure);
    }
    catch (e) {
        // Expected failures (bad inputs) get their message only; anything else is a bug worth a trace.
        if (!(0,errors/* isDigestGateError */.Ez)(e) && e instanceof Error && e.stack)
            toolkit.debug(e.stack);
        // A policy file's problems are annotated at their lines too, as verify's findings are.
        for (const { file, line, col, message } of (0,located_error/* locationsOf */.U)(e))
            toolkit.error(message, {
                title: 'digest-gate: policy',
                file,
                startLine: line,
                startColumn: col
            });
        toolkit.setFailed((0,errors/* errorMessage */.gJ)(e));
    }
}
async function writeReport(result) {
    // Off a runner (local-action, a shell), the OS's temporary folder: never the checkout, where
    // a report would be committed by mistake, and where ncc would bundle it as an asset.
    const dir = process.env.RUNNER_TEMP || (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'digest-gate');
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = (0,external_node_path_.join)(dir, `digest-gate-report-${process.pid}-${Date.now()}.json`);
    await (0,promises_.writeFile)(file, `${JSON.stringify((0,report_file/* buildReport */.FK)(result.records, result.ok, result.facts, result.files), null, 2)}\n`);
    return file;
}
function annotate(toolkit, result, settings) {
    // On the line that names it, so it shows on the pull request's diff.
    for (const a of result.files?.annotations ?? []) {
        const { title, file, line, column, endColumn } = a;
        toolkit[a.level](a.message, {
            title,
            file,
            startLine: line,
            endLine: line,
            startColumn: column,
            endColumn
        });
    }
    const images = new Set(result.imageRecords ?? result.records);
    for (const [i, r] of result.records.entries()) {
        if (images.has(r))
            annotateRecord(toolkit, result, i, settings);
        // Verify and report annotate a reference's missing platforms at the reference; pin does
        // not check them there, so they are said per image.
        else if (result.files?.mode === 'pin')
            annotateMissing(toolkit, result, i);
    }
}
function annotateRecord(toolkit, result, i, settings) {
    const r = result.records[i];
    if (r.error) {
        // The message names the image; registry errors name the registry and its answer too.
        toolkit.error(r.error, { title: `digest-gate: cannot resolve ${r.image}` });
        return;
    }
    // Resolved, but nothing to gate on: worth a look even when no platform is required
    // (detail: digest lists none by design).
    if (r.platforms.length === 0 && settings.detail !== 'digest') {
        const why = r.notes.length ? r.notes.join('; ') : 'no platform images were found';
        toolkit.warning(`${r.image} resolved to ${r.digest ?? 'a manifest'}, but ${why}`, {
            title: 'digest-gate: no platforms'
        });
    }
    for (const p of r.platforms) {
        for (const layer of p.layerList ?? []) {
            if (!layer.problem)
                continue;
            toolkit.warning(`${r.image} (${p.platform}): layer ${layer.digest}: ${layer.problem}`, {
                title: 'digest-gate: layer blob problem'
            });
        }
    }
    annotateMissing(toolkit, result, i);
}
function annotateMissing(toolkit, result, i) {
    const r = result.records[i];
    // A requirement from the policy file is annotated at its `platforms` key.
    const site = result.policy?.rules[i].sites.platforms;
    const at = site?.file ? { file: site.file, startLine: site.line } : {};
    for (const platform of r.missing) {
        const message = `${r.image} has no ${platform} image (found: ${r.platforms.map(p => p.platform).join(', ') || 'none'})`;
        const title = `digest-gate: ${platform} missing`;
        if ((0,platforms/* failsOn */.Hu)(result.failOn[i]).missing)
            toolkit.error(message, { title, ...at });
        else
            toolkit.warning(message, { title, ...at });
    }
}
/** The pull request comment; whatever goes wrong there is a warning, never a failed step. */
async function comment(toolkit, result, settings) {
    try {
        await postComment({
            result: { ...result, verdict: verdictOf((0,run_result/* failureOf */.g)(result), result) },
            mode: settings.comment,
            token: settings.githubToken,
            timeoutSeconds: settings.timeoutSeconds
        }, {
            env: process.env,
            info: message => toolkit.info(message),
            debug: message => toolkit.debug(message),
            warning: message => toolkit.warning(message, { title: 'digest-gate: pull request comment' })
        });
    }
    catch (e) {
        toolkit.warning(`The pull request comment was not written: ${(0,errors/* errorMessage */.gJ)(e)}`, {
            title: 'digest-gate: pull request comment'
        });
    }
}
async function writeSummary(toolkit, result, sections, filesMarkdown) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await toolkit.summary
        .addRaw(renderSummaryWithinLimit(result.records, verdictOf((0,run_result/* failureOf */.g)(result), result), result.facts, {
        baseline: result.baseline,
        sections,
        files: filesMarkdown
    }), true)
        .write();
}


/***/ }),

/***/ 95305:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   It: () => (/* binding */ manifestDigest),
/* harmony export */   MK: () => (/* binding */ computeDigest),
/* harmony export */   b7: () => (/* binding */ digestedContent),
/* harmony export */   bN: () => (/* binding */ verifyManifestDigest)
/* harmony export */ });
/* unused harmony export schema1Payload */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87206);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(89452);



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
            throw (0,_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .bad */ .MB)('not an object');
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

/***/ 55963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
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

/***/ 87206:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ez: () => (/* binding */ isDigestGateError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   ic: () => (/* binding */ DigestGateError)
/* harmony export */ });
/* unused harmony export redactCredentials */
class DigestGateError extends Error {
    kind;
    registry;
    code;
    status;
    retryAfterMs;
    constructor(kind, message, details = {}) {
        // Messages quote registry text (error bodies, challenges): no credential survives in one.
        super(redactCredentials(message));
        this.name = 'DigestGateError';
        this.kind = kind;
        this.registry = details.registry;
        this.code = details.code;
        this.status = details.status;
        this.retryAfterMs = details.retryAfterMs;
    }
}
/** Challenge parameters (RFC 9110 §11.6.1, RFC 6750 §3) that follow a scheme name as `name=`. */
const CHALLENGE_PARAMS = new Set([
    'realm',
    'service',
    'scope',
    'error',
    'error_description',
    'error_uri',
    'charset'
]);
/**
 * Text with every `Basic …` and `Bearer …` credential replaced by `[redacted]`, wherever it
 * stands (a header echoed in an error body, JSON, a URL). A challenge's own parameters
 * (`Bearer realm="…"`) are kept. Pure.
 */
function redactCredentials(text) {
    return text.replace(/\b(basic|bearer)(\s+|%20|\+)([A-Za-z0-9\-._~+/]+=*)/gi, (whole, scheme, gap, value, at) => {
        const next = text.charAt(at + whole.length);
        const name = value.replace(/=+$/, '');
        if (value.endsWith('=') && CHALLENGE_PARAMS.has(name.toLowerCase()) && next !== '')
            return whole;
        // A sentence's full stop after the value is kept.
        const stop = /\.+$/.exec(value)?.[0] ?? '';
        return looksLikeCredential(value) ? `${scheme}${gap}[redacted]${stop}` : whole;
    });
}
/**
 * Whether the word after `Basic`/`Bearer` is a credential (base64, a JWT, an opaque token)
 * rather than prose such as "Basic credentials" or "basic auth": it has a digit or a symbol,
 * a capital letter past its first, or the length of a token.
 */
function looksLikeCredential(value) {
    return (/[0-9+/=._~-]/.test(value) ||
        (/[A-Z]/.test(value.slice(1)) && /[a-z]/.test(value)) ||
        value.length >= 20);
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

/***/ 50663:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ isStringOrNull),
/* harmony export */   G: () => (/* binding */ isObject)
/* harmony export */ });
/**
 * Checks on parsed JSON, for every reader of JSON we did not write ourselves (manifests, API
 * answers, report files). Pure, and imports nothing: the bottom layer.
 */
/** A JSON object: not null, not an array. */
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isStringOrNull(v) {
    return v === null || typeof v === 'string';
}


/***/ }),

/***/ 10817:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bg: () => (/* binding */ DAEMON_BODY_CAP),
/* harmony export */   FL: () => (/* binding */ MANIFEST_CAP),
/* harmony export */   Nw: () => (/* binding */ ERROR_BODY_CAP),
/* harmony export */   PH: () => (/* binding */ ALIYUN_BODY_CAP),
/* harmony export */   SM: () => (/* binding */ CONFIG_CAP),
/* harmony export */   e_: () => (/* binding */ TOKEN_BODY_CAP)
/* harmony export */ });
/**
 * How much of each kind of answer is read at most, wherever it comes from (a registry, a
 * Docker Engine, a layout on disk, the cache). Plain numbers, so the walk and the sources share
 * them without knowing about HTTP.
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


/***/ }),

/***/ 51840:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ LocatedError),
/* harmony export */   U: () => (/* binding */ locationsOf)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87206);

/**
 * An `invalid-input` error whose problems are at lines of a file the user wrote (the policy
 * file), so the shell can annotate each at its line, as verify's findings are. Its message
 * still lists every problem as `file:line:col: …`, for the CLI and the log. Pure.
 */
class LocatedError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic {
    locations;
    /** Problems without a file (inline YAML) stay in the message only. */
    constructor(message, problems) {
        super('invalid-input', message);
        this.locations = problems.filter((p) => p.file !== undefined);
    }
}
/** The located problems of any thrown value: none unless it is a LocatedError. */
function locationsOf(e) {
    return e instanceof LocatedError ? e.locations : [];
}


/***/ }),

/***/ 89452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ isIndexType),
/* harmony export */   BA: () => (/* binding */ parseDescriptor),
/* harmony export */   B_: () => (/* binding */ stripParameters),
/* harmony export */   Cf: () => (/* binding */ isAttestationPlatform),
/* harmony export */   G1: () => (/* binding */ isImageType),
/* harmony export */   Gv: () => (/* reexport safe */ _json_shape_js__WEBPACK_IMPORTED_MODULE_3__.G),
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
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87206);
/* harmony import */ var _json_shape_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(50663);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(86676);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3065);




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
// The manifest readers (digest.ts, attestations/, cached-source.ts) take them from here.

/** A manifest body as a JSON object; `invalid-manifest` otherwise. */
function parseJson(body) {
    let value;
    try {
        value = JSON.parse(Buffer.from(body).toString('utf8'));
    }
    catch (e) {
        throw bad(`manifest is not valid JSON (${e.message})`);
    }
    if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(value))
        throw bad('manifest is not a JSON object');
    return value;
}
function stringMap(v, where) {
    if (v === undefined || v === null)
        return undefined;
    if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(v) || !Object.values(v).every(s => typeof s === 'string')) {
        throw bad(`${where} must be an object of strings`);
    }
    return v;
}
/** Validates one descriptor (descriptor.md): mediaType, a well-formed digest, a size ≥ 0. */
function parseDescriptor(v, where) {
    if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(v))
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
    if (Array.isArray(json.layers) || (0,_json_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(json.config))
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
        if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(l) || typeof l.blobSum !== 'string')
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
    if (!(0,_json_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(entry))
        return undefined;
    const v = entry.v1Compatibility;
    if ((0,_json_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(v))
        return v;
    if (typeof v !== 'string')
        return undefined;
    try {
        const parsed = JSON.parse(v);
        return (0,_json_shape_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(parsed) ? parsed : undefined;
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

/***/ 59179:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ nearest)
/* harmony export */ });
/**
 * The known word a typo most likely meant, for "did you mean …?" hints. Pure.
 *
 * Distance is optimal string alignment (Levenshtein plus adjacent transpositions), so
 * `amd46` is one edit from `amd64`. A tie names none: `v5` is as near to `v1` as to `v4`, and
 * guessing one of them would mislead.
 */
function nearest(word, candidates, maxDistance = 2) {
    let best;
    let bestDistance = maxDistance + 1;
    let tied = false;
    for (const candidate of candidates) {
        const d = editDistance(word, candidate);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
            tied = false;
        }
        else if (d === bestDistance && candidate !== best)
            tied = true;
    }
    return tied ? undefined : best;
}
function editDistance(a, b) {
    // Three rows: the transposition looks two rows back.
    let before = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d = Math.min(d, before[j - 2] + 1);
            row.push(d);
        }
        before = previous;
        previous = row;
    }
    return previous[b.length];
}


/***/ }),

/***/ 3065:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Bq: () => (/* binding */ formatPlatform),
  FL: () => (/* binding */ normalizePlatform),
  Y8: () => (/* binding */ parsePlatform),
  k1: () => (/* binding */ parsePlatformSpec),
  A0: () => (/* binding */ platformCovers),
  _I: () => (/* binding */ platformFromJson),
  J5: () => (/* binding */ platformMatches),
  J4: () => (/* binding */ platformProblem),
  ry: () => (/* binding */ splitList)
});

// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(87206);
// EXTERNAL MODULE: ./src/model/nearest.ts
var nearest = __webpack_require__(59179);
;// CONCATENATED MODULE: ./src/model/platform-names.ts

/**
 * The platform names a user may write, so that a typo in a required or forbidden platform is an
 * input error instead of a platform that no image ever has. Pure data and checks.
 *
 * Operating systems and architectures are Go's first-class ports (`go tool dist list`), plus
 * containerd's aliases (database.go normalizeOS/normalizeArch). Variants are the ones
 * containerd knows per architecture (database.go normalizeArch, compare.go's arm64 table).
 * Only user input is checked here: what a registry states is reported as it is, never refused.
 */
/** GOOS values of `go tool dist list`, the common first. */
const KNOWN_OS = [
    'linux',
    'windows',
    'darwin',
    'freebsd',
    'netbsd',
    'openbsd',
    'dragonfly',
    'illumos',
    'solaris',
    'aix',
    'android',
    'ios',
    'js',
    'plan9',
    'wasip1'
];
/** GOARCH values of `go tool dist list`, the common first. */
const KNOWN_ARCH = [
    'amd64',
    'arm64',
    'arm',
    '386',
    'ppc64le',
    's390x',
    'riscv64',
    'ppc64',
    'loong64',
    'mips',
    'mipsle',
    'mips64',
    'mips64le',
    'wasm'
];
/** containerd's aliases: `macos` is darwin. */
const OS_ALIASES = ['macos'];
/** containerd's aliases, and what they normalise to. */
const ARCH_ALIASES = {
    x86_64: 'amd64',
    'x86-64': 'amd64',
    aarch64: 'arm64',
    i386: '386',
    armhf: 'arm/v7',
    armel: 'arm/v6'
};
/** The variant that accepts any variant of its architecture: `linux/amd64/*`. */
const ANY_VARIANT = '*';
function range(prefix, from, to) {
    return Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
}
/**
 * Each architecture's variants as a user may write them. The bare numbers are the spellings
 * containerd's normalizeArch accepts (`arm64/8`, `arm/7`).
 */
const VARIANTS = {
    amd64: range('v', 1, 4),
    arm64: ['v8', ...range('v8.', 0, 9), 'v9', ...range('v9.', 0, 7), '8', '9', '9.0'],
    arm: [...range('v', 5, 8), ...range('', 5, 8)]
};
/** How the variants read in a message: the canonical spellings only. */
const VARIANTS_SAID = {
    amd64: 'v1, v2, v3, v4',
    arm64: 'v8, v8.0 to v8.9, v9, v9.0 to v9.7',
    arm: 'v5, v6, v7, v8'
};
function didYouMean(word, candidates) {
    const guess = (0,nearest/* nearest */.p)(word, candidates, Math.max(2, Math.floor(word.length / 3)));
    return guess ? ` (did you mean '${guess}'?)` : '';
}
function osProblem(os) {
    const lower = os.toLowerCase();
    if (KNOWN_OS.includes(lower) || OS_ALIASES.includes(lower))
        return null;
    const hint = didYouMean(lower, [...KNOWN_OS, ...OS_ALIASES]);
    return `unknown operating system '${os}'${hint || '; expected a Go GOOS such as linux, windows or darwin'}`;
}
function alias(arch) {
    return Object.hasOwn(ARCH_ALIASES, arch) ? ARCH_ALIASES[arch] : undefined;
}
function archProblem(arch) {
    const lower = arch.toLowerCase();
    if (KNOWN_ARCH.includes(lower) || alias(lower))
        return null;
    const hint = didYouMean(lower, [...KNOWN_ARCH, ...Object.keys(ARCH_ALIASES)]);
    return `unknown architecture '${arch}'${hint || '; expected a Go GOARCH such as amd64, arm64, arm, 386, ppc64le, s390x or riscv64'}`;
}
function variantProblem(arch, variant) {
    const v = variant.toLowerCase();
    const [canonical, fixed] = (alias(arch.toLowerCase()) ?? arch.toLowerCase()).split('/');
    if (fixed) {
        return `'${arch}' means ${canonical}/${fixed} and takes no variant; write '${canonical}/${v}' instead`;
    }
    const known = Object.hasOwn(VARIANTS, canonical) ? VARIANTS[canonical] : undefined;
    if (!known) {
        return `architecture '${canonical}' has no variants (found '${variant}'); leave the variant out`;
    }
    if (v === ANY_VARIANT || known.includes(v))
        return null;
    const said = VARIANTS_SAID[canonical];
    const spelled = known.filter(k => k.startsWith('v'));
    return `unknown ${canonical} variant '${variant}'${didYouMean(v, spelled)}; expected ${said}, or '*' for any`;
}
/**
 * Why a platform as written is not one a user can mean, or null when it is. Takes the fields
 * before normalisation, so that an alias with a variant (`armhf/v6`) is caught.
 */
function platformNameProblem(p) {
    return (osProblem(p.os) ??
        archProblem(p.architecture) ??
        (p.variant ? variantProblem(p.architecture, p.variant) : null));
}

// EXTERNAL MODULE: ./src/model/text.ts
var model_text = __webpack_require__(5086);
;// CONCATENATED MODULE: ./src/model/platform.ts



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
/** containerd's Normalize: os.features sorted and without repeats, the rest as given. */
function normalizePlatform(p) {
    const [architecture, variant] = normalizeArch(p.architecture, p.variant ?? '');
    const out = { os: normalizeOs(p.os), architecture };
    if (variant)
        out.variant = variant;
    if (p.osVersion)
        out.osVersion = p.osVersion;
    if (p.osFeatures?.length)
        out.osFeatures = [...new Set(p.osFeatures)].sort();
    if (p.features?.length)
        out.features = [...p.features];
    return out;
}
/**
 * containerd's FormatAll: `os[(os.version[+feature…])]/arch[/variant]`, the key used in
 * outputs and the report. The os options are percent-encoded where they would read as syntax
 * (`+` → `%2B`), and the features are sorted, so that one platform has one key.
 */
function formatPlatform(p) {
    const features = [...new Set(p.osFeatures ?? [])].filter(Boolean).sort().map(encodeOption);
    const options = [encodeOption(p.osVersion ?? ''), ...features].join('+');
    const os = options && options !== '+' ? `${p.os}(${options})` : p.os;
    return [os, p.architecture, p.variant].filter(Boolean).join('/');
}
/** containerd's osOptionReplacer: '%' first, so nothing is encoded twice. */
function encodeOption(value) {
    return value.replace(/[%+()/]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
const PART = /^[A-Za-z0-9_.-]+$/;
/** An os option as written: containerd's osRe, percent-encoding allowed. */
const OPTION = /^[A-Za-z0-9_.%-]+$/;
/** An os option once decoded: what can be encoded back; no spaces, markup or controls. */
const OPTION_DECODED = /^[A-Za-z0-9_.%+()/-]+$/;
function isArchitectureName(name) {
    const lower = name.toLowerCase();
    return (KNOWN_ARCH.includes(lower) || Object.hasOwn(ARCH_ALIASES, lower)) && !isOsName(lower);
}
function isOsName(name) {
    const lower = name.toLowerCase();
    return KNOWN_OS.includes(lower) || OS_ALIASES.includes(lower);
}
function badPlatform(text, why) {
    return new errors/* DigestGateError */.ic('invalid-input', `Invalid platform '${text}': ${why}`);
}
/** One os option (the version or a feature), percent-decoded as containerd's url.PathUnescape. */
function decodeOption(text, what, encoded) {
    let decoded;
    try {
        if (OPTION.test(encoded))
            decoded = decodeURIComponent(encoded);
    }
    catch {
        // A '%' not followed by two hex digits: said below.
    }
    if (decoded === undefined || !OPTION_DECODED.test(decoded))
        throw badPlatform(text, `${what} '${encoded}' is not valid`);
    return decoded;
}
/**
 * The os and its options: `os`, `os(version)`, `os(+feature)`, `os(version+feature+…)`, as
 * containerd's osRe reads them. The parentheses follow a non-empty os and end it.
 */
function parseOs(text, spec) {
    const open = spec.indexOf('(');
    if (open < 0)
        return { body: spec };
    const close = spec.indexOf(')', open);
    const slash = spec.indexOf('/');
    if (close < 0 ||
        open === 0 ||
        (slash >= 0 && slash < close) ||
        (close + 1 < spec.length && spec[close + 1] !== '/')) {
        throw badPlatform(text, "os.version goes in parentheses right after the os, e.g. 'windows(10.0.20348)/amd64'");
    }
    const [version, ...features] = spec.slice(open + 1, close).split('+');
    const out = {
        body: spec.slice(0, open) + spec.slice(close + 1)
    };
    if (version || !features.length)
        out.osVersion = decodeOption(text, 'os.version', version);
    if (features.length)
        out.osFeatures = features.map(f => decodeOption(text, 'os feature', f));
    return out;
}
/**
 * Parses containerd's specifier syntax: `os/arch[/variant]`, with the os's options in
 * parentheses (`windows(10.0.20348)/amd64`, `linux(+gpu)/amd64`, percent-encoded as
 * containerd writes them), or a bare architecture or alias (`arm64`, `x86_64`, `armhf`),
 * which means linux as in containerd's Parse. A variant of `*` is kept for
 * `parsePlatformSpec`. Returns the normalised platform; throws `invalid-input`. Checks the
 * syntax only, so that it reads any key a registry's platform was formatted to.
 */
function parsePlatform(text) {
    return normalizePlatform(parseWritten(text));
}
function parseWritten(text) {
    const spec = text.trim();
    if (!spec)
        throw badPlatform(text, 'it is empty');
    const { body, osVersion, osFeatures } = parseOs(text, spec);
    const parts = body.split('/');
    // `*` may stand for the variant only: the third part, or the second after an architecture.
    const variantAt = parts.length === 2 && isArchitectureName(parts[0]) ? 1 : 2;
    const isAny = (p, i) => i === variantAt && p === ANY_VARIANT;
    if (parts.length > 3 || parts.some((p, i) => !PART.test(p) && !isAny(p, i))) {
        throw badPlatform(text, "expected os/arch[/variant], e.g. 'linux/arm64' or 'linux/arm/v7'");
    }
    let platform;
    const options = osVersion !== undefined || osFeatures !== undefined;
    if (parts.length === 1) {
        const only = parts[0].toLowerCase();
        if (isOsName(only) || options) {
            throw badPlatform(text, `'${parts[0]}' is an os; an architecture is needed too, e.g. '${only}/amd64'`);
        }
        platform = { os: 'linux', architecture: only };
    }
    else if (parts.length === 2 && !options && isArchitectureName(parts[0])) {
        // `arm64/v8` is an architecture and its variant, as indexes write them, on linux.
        platform = { os: 'linux', architecture: parts[0], variant: parts[1] };
    }
    else {
        platform = { os: parts[0], architecture: parts[1], variant: parts[2] };
    }
    if (osVersion)
        platform.osVersion = osVersion;
    if (osFeatures)
        platform.osFeatures = osFeatures;
    return platform;
}
/**
 * A platform a user requires or forbids (the `platforms` input, a policy's `platforms` and
 * `forbid`, the CLI's `-p`): parsePlatform, and then the os, architecture and variant must be
 * ones Go and containerd know, so that a typo is an input error rather than a platform that no
 * image ever has. The message starts with the text as written: `'linux/amd46': unknown
 * architecture 'amd46' (did you mean 'amd64'?)`.
 */
function parsePlatformSpec(text) {
    const written = parseWritten(text);
    const problem = platformNameProblem(written);
    if (problem)
        throw new errors/* DigestGateError */.ic('invalid-input', `'${text.trim()}': ${problem}`);
    return normalizePlatform(written);
}
/** os.features: the found platform's must all be in the required one's (containerd's matcher). */
function featuresAllowed(required, found) {
    // containerd ignores win32k on Windows, which older images state and hosts do not require.
    const needed = (found.osFeatures ?? []).filter(f => !(found.os === 'windows' && f === 'win32k'));
    return needed.every(f => required.osFeatures?.includes(f));
}
function osVersionMatches(required, found) {
    if (!required.osVersion)
        return true;
    const v = found.osVersion ?? '';
    return v === required.osVersion || v.startsWith(`${required.osVersion}.`);
}
/**
 * Whether a found platform satisfies a required one, as containerd's strict matcher decides
 * (OnlyStrict, not Only): equal os, architecture and variant after normalisation, so an
 * empty variant is the architecture's baseline (amd64 v1, arm64 v8, arm v7) and
 * `linux/amd64` is not satisfied by `amd64/v3`, which the baseline CPU cannot run. A variant
 * of `*` takes any. A required os.version matches found versions that equal it or extend it
 * at a '.' boundary (`10.0.20348` takes `10.0.20348.1607`); left out, it matches any build.
 */
function platformMatches(required, found) {
    const r = normalizePlatform(required);
    const f = normalizePlatform(found);
    if (r.os !== f.os || r.architecture !== f.architecture)
        return false;
    if (r.variant !== ANY_VARIANT && (r.variant ?? '') !== (f.variant ?? ''))
        return false;
    return osVersionMatches(r, f) && featuresAllowed(r, f);
}
/**
 * Whether a `forbid` rule names a found platform: broad, every field the rule leaves out
 * matches anything (`linux/amd64` forbids every amd64 variant), and its os.features must all
 * be among the found platform's.
 */
function platformCovers(rule, found) {
    const r = normalizePlatform(rule);
    const f = normalizePlatform(found);
    if (r.os !== f.os || r.architecture !== f.architecture)
        return false;
    if (r.variant && r.variant !== ANY_VARIANT && r.variant !== f.variant)
        return false;
    return osVersionMatches(r, f) && (r.osFeatures ?? []).every(x => f.osFeatures?.includes(x));
}
function stringField(v) {
    return typeof v === 'string' && v !== '' ? v : undefined;
}
function stringList(v) {
    return Array.isArray(v) && v.every(s => typeof s === 'string') ? v : undefined;
}
function validField(name, value) {
    return name === 'os.version' || name === 'os feature'
        ? OPTION_DECODED.test(value)
        : PART.test(value);
}
/**
 * Why a platform stated by a registry cannot be a key, or null when it can: each field must
 * match containerd's specifier grammar (platforms.go `specifierRe`; the os options also what
 * formatPlatform percent-encodes), so no markup, spaces or control characters reach outputs,
 * the log or the summary.
 */
function platformProblem(p) {
    const fields = [
        ['os', p.os],
        ['architecture', p.architecture],
        ['variant', p.variant],
        ['os.version', p.osVersion]
    ];
    for (const feature of p.osFeatures ?? [])
        fields.push(['os feature', feature]);
    const bad = fields.filter(([name, value]) => value !== undefined && !validField(name, value));
    if (!bad.length)
        return null;
    const option = bad.some(([name]) => name.startsWith('os.') || name === 'os feature');
    return `platform ${bad.map(([name, value]) => `${name} ${(0,model_text/* quoteVisible */.Lc)(value ?? '')}`).join(' and ')} ${bad.length === 1 ? 'is' : 'are'} not valid (expected letters, digits, '_', '.' and '-'${option ? "; in os.version and os.features also '+', '%', '(', ')' and '/'" : ''})`;
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

/***/ 12913:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FF: () => (/* binding */ proxyCredentials),
/* harmony export */   LE: () => (/* binding */ proxyLabel),
/* harmony export */   NT: () => (/* binding */ proxySecretsIn)
/* harmony export */ });
/* unused harmony export PROXY_VARIABLES */
/**
 * What the proxy URLs of the environment (`http://user:password@proxy:3128`) say, wherever a
 * proxy is used: the registry's HTTP layer sends their credentials, the shell masks them before
 * anything runs (the pull request comment goes through the same proxy by Octokit's own HTTP
 * stack), and both name a proxy the same way in their messages. Pure.
 */
/** The variables a proxy is named in, as the toolkit reads them. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
/** A URL's user or password as written, percent-decoded (`p%40ss` is `p@ss`). */
function decoded(part) {
    try {
        return decodeURIComponent(part);
    }
    catch {
        return part;
    }
}
/**
 * `Proxy-Authorization` for a proxy URL that carries a user or password, and the secrets to
 * mask: the password as written and decoded, and the header's base64. Read from the URL's
 * text, decoded once here: the toolkit's URL for a proxy already decodes its user and
 * password, and decoding those again would change a password holding `%`.
 */
function proxyCredentials(proxy) {
    const written = new URL(proxy.href);
    if (!written.username && !written.password)
        return undefined;
    const password = decoded(written.password);
    const basic = Buffer.from(`${decoded(written.username)}:${password}`).toString('base64');
    return {
        authorization: `Basic ${basic}`,
        secrets: [...new Set([written.password, password, basic].filter(Boolean))]
    };
}
/** The secrets of every proxy URL in `env`; a value that is not a URL names none. */
function proxySecretsIn(env) {
    const secrets = PROXY_VARIABLES.flatMap(name => {
        const value = env[name];
        if (!value)
            return [];
        try {
            return proxyCredentials(new URL(value))?.secrets ?? [];
        }
        catch {
            return [];
        }
    });
    return [...new Set(secrets)];
}
/** A proxy as messages name it: host and port, never the credentials of its URL. */
function proxyLabel(proxy) {
    return `${proxy.hostname}:${proxy.port || (proxy.protocol === 'https:' ? '443' : '80')}`;
}


/***/ }),

/***/ 86676:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   WQ: () => (/* binding */ digestProblem),
/* harmony export */   i7: () => (/* binding */ canonicalRegistry),
/* harmony export */   nD: () => (/* binding */ formatName)
/* harmony export */ });
/* unused harmony export formatPinned */
/* harmony import */ var _docker_hub_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(55963);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87206);


const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6 = /^\[[a-fA-F0-9:]+\]$/;
const PORT = /^[0-9]+$/;
const MAX_PATH = 255;
/** An image ID (distribution/reference's anchoredIdentifierRegexp). */
const IMAGE_ID = /^[a-f0-9]{64}$/;
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
    const familiar = registry === _docker_hub_js__WEBPACK_IMPORTED_MODULE_1__/* .DOCKER_HUB */ .Xb ? repository.replace(/^library\//, '') : null;
    if (familiar !== null && IMAGE_ID.test(familiar)) {
        // distribution/reference's ParseNormalizedNamed: such a name reads as an image ID.
        throw invalid(image, `repository name '${familiar}' is 64 hexadecimal digits, which reads as an image ID: cannot specify 64-byte hexadecimal strings as a repository name; to pin by digest, write name@sha256:<64 hex digits>`);
    }
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

/***/ 54142:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ plainLog),
/* harmony export */   P: () => (/* binding */ sanitizeRecord)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5086);

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
/**
 * The same toolkit, with every message, and every annotation's title, made plain (logText)
 * before it reaches the log: registry error text, file names and file contents can carry
 * terminal escapes (SGR colours, OSC 8 hyperlinks), BEL or NUL, and the Actions log shows
 * them to whoever reads it. Outputs, secrets and the summary pass as they are. Pure wrapper.
 */
function plainLog(sink) {
    const text = (message) => (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .logText */ .kc)(message instanceof Error ? message.toString() : message);
    const props = (p) => p?.title === undefined ? p : { ...p, title: (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .logText */ .kc)(p.title) };
    return {
        ...sink,
        info: (message) => sink.info(text(message)),
        debug: (message) => sink.debug(text(message)),
        warning: (message, p) => sink.warning(text(message), props(p)),
        error: (message, p) => sink.error(text(message), props(p)),
        notice: (message, p) => sink.notice(text(message), props(p)),
        setFailed: (message) => sink.setFailed(text(message))
    };
}


/***/ }),

/***/ 5086:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   Lc: () => (/* binding */ quoteVisible),
/* harmony export */   Q6: () => (/* binding */ visibleText),
/* harmony export */   VK: () => (/* binding */ shortDigest),
/* harmony export */   Xe: () => (/* binding */ humanSize),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   kc: () => (/* binding */ logText),
/* harmony export */   wh: () => (/* binding */ plainText)
/* harmony export */ });
/* unused harmony export codeSpan */
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
 * Escapes a registry-supplied string for Markdown and HTML in the job summary and the pull
 * request comment: a hostile tag or annotation must not inject links, tables or tags, notify
 * anyone or reference an issue. Nothing visible is inserted: what a reader copies is what the
 * registry sent (controls and line breaks aside).
 * - A word GitHub would turn into a mention, an issue reference or a mail link (NOTIFYING)
 *   becomes a code span, where GitHub neither links nor notifies.
 * - Everything else is escaped character by character, and a URL's `://` or a `www.` gets an
 *   empty HTML comment inside (GFM autolinks match within one run of text; GitHub drops the
 *   comment from the page, so the URL reads and copies whole).
 */
function escapeMarkdown(text) {
    const line = cleanLine(text);
    let out = '';
    let from = 0;
    // The text between notifying words is escaped in one go: per word, a long line of short
    // words would cost seconds.
    for (const word of line.matchAll(WORD)) {
        if (!NOTIFYING.test(word[0]))
            continue;
        out += unlinked(escapeChars(line.slice(from, word.index))) + codeSpan(word[0]);
        from = word.index + word[0].length;
    }
    return out + unlinked(escapeChars(line.slice(from)));
}
/** One line of visible text: invisible controls shown, line breaks a space, controls gone. */
function cleanLine(text) {
    return visibleText(text).replace(LINE_BREAKS, ' ').replace(CONTROLS, '');
}
/**
 * A word GitHub would make live outside code: an `@user` or `@org/team` mention (an `@` not
 * after a word character, GitHub's rule), an issue reference (`#12`, `org/repo#12`, `GH-12`),
 * or an email address (GFM's extended email autolink).
 */
const NOTIFYING = /(?<![A-Za-z0-9_])@[A-Za-z0-9]|#\d|\bgh-\d|[A-Za-z0-9._+-]@[A-Za-z0-9_-]+\.[A-Za-z0-9]/i;
/**
 * A run of text between the characters a mention or a link cannot reach past unescaped:
 * whitespace, table pipes, brackets, parentheses and angle brackets. So a code span made of
 * one never holds a `|` (which would end a table cell) and never touches another backtick.
 */
const WORD = /[^\s|()[\]<>]+/g;
/** GFM's extended autolinks (`http://`, `https://`, `ftp://`, `www.`) broken by a comment. */
function unlinked(escaped) {
    return escaped.replace(/(https?|ftp):\/\//gi, '$1:<!-- -->//').replace(/(www)\./gi, '$1<!-- -->.');
}
function escapeChars(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1');
}
/**
 * A Markdown code span holding `text` literally (CommonMark 6.1): fenced by one more backtick
 * than the longest run inside, and padded with a space when it starts or ends with a backtick
 * (one space each side is stripped again). For one line with no `|`.
 */
function codeSpan(text) {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = /^`|`$/.test(text) ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
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
/**
 * A message for the step log or an annotation: each line as plainText makes it (escape
 * sequences, BEL, NUL and every other control shown as `?`, invisible controls made visible),
 * its own line breaks kept. The one rule for registry- and file-supplied text in the log.
 */
function logText(text) {
    return text.split(/\r?\n/).map(plainText).join('\n');
}
function code(text) {
    // An HTML <code> element is not a Markdown code span: Markdown (links, emphasis, table pipes)
    // is still parsed inside it, so its text needs the same escaping as any other.
    return `<code>${escapeMarkdown(text)}</code>`;
}


/***/ }),

/***/ 18201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ Judge)
/* harmony export */ });
/* harmony import */ var _platforms_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51494);

class Judge {
    inputs;
    file;
    constructor(inputs, 
    /** The policy file, and its rules compiled once for every lookup. */
    file) {
        this.inputs = inputs;
        this.file = file;
    }
    /**
     * The judge for a run: reads and compiles the policy file when `policy` is given, so a bad
     * one throws (naming it) before any request is sent.
     */
    static async load(inputs) {
        if (!inputs.policy)
            return new Judge(inputs);
        const policy = await (await Promise.all(/* import() */[__webpack_require__.e(6), __webpack_require__.e(815), __webpack_require__.e(237), __webpack_require__.e(794)]).then(__webpack_require__.bind(__webpack_require__, 21794))).loadPolicy(inputs.policy, { baseline: !!inputs.baseline, detail: inputs.detail ?? 'layers' });
        const ruleFor = (await Promise.all(/* import() */[__webpack_require__.e(6), __webpack_require__.e(563)]).then(__webpack_require__.bind(__webpack_require__, 6563))).compileRules(policy, {
            platforms: [...inputs.platforms],
            failOn: inputs.failOn
        });
        // Keys and roots are read now, so a bad one is named before any request is sent.
        const signs = [policy.default, ...policy.images].some(w => w.rule['signed-by']);
        const trust = signs
            ? await (await Promise.all(/* import() */[__webpack_require__.e(168), __webpack_require__.e(345)]).then(__webpack_require__.bind(__webpack_require__, 92345))).loadSignatureTrust(policy, inputs.trustedRoot, inputs.cache)
            : undefined;
        return new Judge(inputs, { policy, ruleFor, ...(trust ? { trust } : {}) });
    }
    /** The policy file, when one was given. */
    get policy() {
        return this.file?.policy;
    }
    /** The rule an image gets: its first matching `images` entry over `default` and the inputs. */
    ruleFor(record) {
        return this.file?.ruleFor(record);
    }
    /** The platforms an image must have: its rule's, else the `platforms` input. */
    platformsFor(record) {
        return [...(this.ruleFor(record)?.platforms ?? this.inputs.platforms)];
    }
    /**
     * Judges resolved records: each one's rule, its violations (sizes, layers, attestations,
     * consistency, read through `sourceOf` only where a rule needs more than the record holds)
     * and its missing platforms. Sets `violations` and `missing` on the records.
     */
    async judge(records, options = {}) {
        if (options.shardVerdicts)
            return this.judgeShards(records);
        const file = this.file;
        const rules = file ? records.map(r => file.ruleFor(r)) : undefined;
        let violations = [];
        if (rules) {
            const { judgeRecords } = await Promise.all(/* import() */[__webpack_require__.e(237), __webpack_require__.e(739)]).then(__webpack_require__.bind(__webpack_require__, 36739));
            const sourceOf = options.sourceOf;
            violations = await judgeRecords(records, rules, async (i) => sourceOf?.(records[i].image), options.baseline, file?.trust);
        }
        const required = options.required;
        const missing = (0,_platforms_js__WEBPACK_IMPORTED_MODULE_0__/* .evaluatePolicy */ .Uz)(records, (record, i) => required ? [...required(record)] : [...(rules?.[i].platforms ?? this.inputs.platforms)]);
        return {
            missing,
            violations,
            failOn: records.map((_, i) => rules?.[i]['fail-on'] ?? this.inputs.failOn),
            ...(file && rules ? { policy: { policy: file.policy, rules } } : {})
        };
    }
    /** A merge's verdicts: the shards' own, and `platforms` anew when the merge step names any. */
    judgeShards(records) {
        const platforms = this.inputs.platforms;
        const missing = platforms.length
            ? (0,_platforms_js__WEBPACK_IMPORTED_MODULE_0__/* .evaluatePolicy */ .Uz)(records, [...platforms])
            : records.flatMap(r => r.missing.map(platform => ({ image: r.image, platform })));
        return {
            missing,
            violations: records.flatMap(r => r.violations ?? []),
            failOn: records.map(() => this.inputs.failOn)
        };
    }
}


/***/ }),

/***/ 51494:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HQ: () => (/* binding */ isOk),
/* harmony export */   Hu: () => (/* binding */ failsOn),
/* harmony export */   I9: () => (/* binding */ gateFailure),
/* harmony export */   Uz: () => (/* binding */ evaluatePolicy),
/* harmony export */   z3: () => (/* binding */ missingPlatforms)
/* harmony export */ });
/* harmony import */ var _model_platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3065);

/**
 * Required platforms → what each image lacks. Exact matching only (model/platform.ts): a gate
 * that let linux/arm/v6 stand in for linux/arm/v7 would pass images that fail on the device. Pure.
 */
/** The platforms a record lacks; an image that failed to resolve is an error, not a gap. */
function missingPlatforms(record, required) {
    if (record.error)
        return [];
    const found = record.platforms
        .map(p => p.declared ?? safeParse(p.platform))
        .filter((p) => !!p);
    return required.filter(r => !found.some(f => (0,_model_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformMatches */ .J5)(r, f))).map(_model_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPlatform */ .Bq);
}
function safeParse(key) {
    try {
        return (0,_model_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .parsePlatform */ .Y8)(key);
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

/***/ 68254:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
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
    'signed-by',
    'provenance',
    'consistent',
    'fail-on'
];


/***/ }),

/***/ 67355:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $A: () => (/* binding */ sizeDeltas),
/* harmony export */   Rv: () => (/* binding */ droppedPlatforms),
/* harmony export */   mF: () => (/* binding */ readBaseline)
/* harmony export */ });
/* unused harmony exports parseBaseline, repositoryOf, matchBaseline */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87206);
/* harmony import */ var _report_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(66757);



/** Parses a report file's text; throws an `invalid-input` error naming the file and the problem. */
function parseBaseline(text, source) {
    return { source, images: (0,_report_file_js__WEBPACK_IMPORTED_MODULE_2__/* .readReportSizes */ .F7)(text, `baseline ${source}`) };
}
/** The `baseline` report when one is given; an unreadable one is a run problem, not a throw. */
async function readBaseline(settings) {
    if (!settings.baseline)
        return { problems: [] };
    try {
        return { baseline: await loadBaseline(settings.baseline), problems: [] };
    }
    catch (e) {
        return { problems: [(0,_model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)] };
    }
}
/** The `baseline` input's report file; a message naming the input and the file if unusable. */
async function loadBaseline(path) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
    }
    catch (e) {
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('invalid-input', `Input 'baseline': cannot read '${path}' (${e.code ?? (0,_model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}); expected the path of a report file from an earlier run`);
    }
    return parseBaseline(text, `'${path}' (input 'baseline')`);
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

/***/ 66757:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F7: () => (/* binding */ readReportSizes),
/* harmony export */   FK: () => (/* binding */ buildReport),
/* harmony export */   pJ: () => (/* binding */ readReportRecords)
/* harmony export */ });
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87206);
/* harmony import */ var _model_json_shape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(50663);


/** The report file's content: every record, `ok`, and what the run adds beside the contract. */
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
/** The error for a file that is not ours; `where` names it (`Input 'reports': 'r.json'`). */
function notAReport(where, why) {
    return new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', `${where} is not a digest-gate report file: ${why}`);
}
/** The JSON, the object and the `images` array of objects with an `image` every reader needs. */
function readImages(text, where) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (e) {
        throw notAReport(where, `not valid JSON (${e.message})`);
    }
    if (!(0,_model_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(json) || !Array.isArray(json.images))
        throw notAReport(where, "no 'images' array");
    return { json, images: json.images };
}
function imageAt(raw, i, where) {
    if (!(0,_model_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(raw) || typeof raw.image !== 'string')
        throw notAReport(where, `images[${i}] has no 'image'`);
    return raw;
}
/**
 * Every record of a report file, each field a merge relies on checked; throws an
 * `invalid-input` error naming the file (`where`) and the first field that is wrong.
 */
function readReportRecords(text, where) {
    const { json, images } = readImages(text, where);
    if (typeof json.ok !== 'boolean')
        throw notAReport(where, "no 'ok'");
    const records = images.map((item, i) => {
        const raw = imageAt(item, i, where);
        const at = `images[${i}] ('${raw.image}')`;
        if (!Array.isArray(raw.platforms) ||
            !raw.platforms.every(p => (0,_model_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(p) && typeof p.platform === 'string'))
            throw notAReport(where, `${at} has no valid 'platforms'`);
        for (const field of ['ref', 'digest', 'mediaType', 'error'])
            if (raw[field] !== undefined && !(0,_model_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isStringOrNull */ .C)(raw[field]))
                throw notAReport(where, `${at} has a '${field}' that is neither text nor null`);
        const missing = Array.isArray(raw.missing) ? raw.missing : [];
        if (!missing.every(m => typeof m === 'string'))
            throw notAReport(where, `${at} has a 'missing' that is not a list of platforms`);
        return {
            ...raw,
            ref: raw.ref ?? null,
            digest: raw.digest ?? null,
            mediaType: raw.mediaType ?? null,
            error: raw.error ?? null,
            attestations: typeof raw.attestations === 'number' ? raw.attestations : 0,
            missing,
            notes: Array.isArray(raw.notes) ? raw.notes : []
        };
    });
    const run = (0,_model_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(json.run) ? json.run : undefined;
    return { ok: json.ok, images: records, run };
}
function sizeField(v) {
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
}
/**
 * What a baseline compares of each image: its names and per platform its size and layers.
 * Lenient past the shape every reader needs: a figure that is not a whole non-negative number
 * is unknown, not guessed, and a platform without a name is skipped.
 */
function readReportSizes(text, where) {
    return readImages(text, where).images.map((item, i) => {
        const raw = imageAt(item, i, where);
        const platforms = Array.isArray(raw.platforms) ? raw.platforms : [];
        return {
            image: raw.image,
            ref: typeof raw.ref === 'string' ? raw.ref : null,
            digest: typeof raw.digest === 'string' ? raw.digest : null,
            platforms: platforms
                .filter(_model_json_shape_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)
                .flatMap(p => typeof p.platform === 'string'
                ? [{ platform: p.platform, size: sizeField(p.size), layers: sizeField(p.layers) }]
                : [])
        };
    });
}


/***/ }),

/***/ 72932:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ runResult),
/* harmony export */   g: () => (/* binding */ failureOf)
/* harmony export */ });
/* harmony import */ var _policy_platforms_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51494);

/**
 * The result, with `ok` as the contract defines it: every image resolved (with `files`, every
 * image given; a reference's image fails through the files' own verdicts), nothing required
 * missing, no violation, no run problem, and nothing the files part says fails.
 */
function runResult(parts) {
    const { records, judgement, imageRecords, files } = parts;
    const ok = (0,_policy_platforms_js__WEBPACK_IMPORTED_MODULE_0__/* .isOk */ .HQ)(imageRecords ?? records) &&
        judgement.missing.length === 0 &&
        judgement.violations.length === 0 &&
        parts.problems.length === 0 &&
        !files?.failures.length;
    const result = {
        records,
        missing: judgement.missing,
        ok,
        baseline: parts.baseline,
        problems: parts.problems,
        warnings: parts.warnings ?? [],
        violations: judgement.violations,
        failOn: judgement.failOn,
        facts: parts.facts
    };
    if (judgement.policy)
        result.policy = judgement.policy;
    if (imageRecords)
        result.imageRecords = imageRecords;
    if (files)
        result.files = files;
    return result;
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
    const gate = failed ? undefined : (0,_policy_platforms_js__WEBPACK_IMPORTED_MODULE_0__/* .gateFailure */ .I9)(result.records, result.failOn);
    if (gate)
        reasons.push(gate);
    return reasons.length ? reasons.join('\n') : undefined;
}


/***/ }),

/***/ 93167:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Nn: () => (/* binding */ Session),
  PO: () => (/* binding */ distinctImages),
  qT: () => (/* binding */ runDeadline)
});

// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(87206);
;// CONCATENATED MODULE: ./src/model/record.ts

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
    // A plain Error (a socket closed, say) is told by its message: "Error:" means nothing to the
    // reader of a failed image. A TypeError or the like is a bug, and keeps its name.
    const plain = e instanceof Error && !(0,errors/* isDigestGateError */.Ez)(e) && e.name === 'Error';
    const message = plain ? e.message : (0,errors/* errorMessage */.gJ)(e);
    const detail = (0,errors/* isDigestGateError */.Ez)(e)
        ? { kind: e.kind, message, registry: e.registry, code: e.code }
        : { kind: 'registry-error', message };
    if ((0,errors/* isDigestGateError */.Ez)(e) && e.retryAfterMs !== undefined)
        detail.retryAfterMs = e.retryAfterMs;
    return { ...record, platforms: [], error: `${image}: ${message}`, errorDetail: detail };
}

// EXTERNAL MODULE: ./src/model/reference.ts
var model_reference = __webpack_require__(86676);
// EXTERNAL MODULE: ./src/model/manifest.ts
var model_manifest = __webpack_require__(89452);
// EXTERNAL MODULE: ./src/model/platform.ts + 1 modules
var platform = __webpack_require__(3065);
;// CONCATENATED MODULE: ./src/resolve/walk.ts
/** Nothing found, with the notes that say why. */
function emptyFound(notes = []) {
    return { platforms: [], attestations: [], notes };
}
/** A manifest by tag or digest, fetched once per run however many images list it. */
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
/** Adds the hosts that served blobs to the record, each once. */
function addBlobHosts(record, hosts) {
    record.blobHosts = [...new Set([...(record.blobHosts ?? []), ...hosts])];
}

;// CONCATENATED MODULE: ./src/resolve/describe.ts




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
        if ((0,model_manifest/* isAttestationPlatform */.Cf)(p)) {
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

;// CONCATENATED MODULE: ./src/resolve/platform-records.ts

// How what the walk found becomes the image record's platforms.
/** The record's platform key and declared platform; `unknown` when nothing states one. */
function keyOf(declared) {
    const out = {
        platform: declared ? (0,platform/* formatPlatform */.Bq)((0,platform/* normalizePlatform */.FL)(declared)) : 'unknown'
    };
    if (declared)
        out.declared = declared;
    return out;
}
/** One platform's record from what was read of its manifest. */
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
/** The record of an image manifest, its layers as the manifest lists them. */
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

;// CONCATENATED MODULE: ./src/resolve/verify-blobs.ts


/**
 * `verify-blobs`: HEADs every layer read, records where it is served from and what size the
 * store says, and notes each layer that is missing or whose size disagrees with the manifest.
 */
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

// EXTERNAL MODULE: ./src/model/digest.ts
var model_digest = __webpack_require__(95305);
;// CONCATENATED MODULE: ./src/resolve/verify-manifest.ts




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
            ? (0,model_digest/* verifyManifestDigest */.bN)(fetched.body, expected)
            : (0,model_digest/* digestedContent */.b7)(fetched.body);
        digest =
            expected ??
                (0,model_digest/* computeDigest */.MK)(content, fetched.claimedDigest?.startsWith('sha512:') ? 'sha512' : 'sha256');
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
        manifest = (0,model_manifest/* parseManifest */.Ng)(content, fetched.contentType);
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

// EXTERNAL MODULE: ./src/model/limits.ts
var limits = __webpack_require__(10817);
;// CONCATENATED MODULE: ./src/resolve/visit.ts








// The walk down from one manifest: an index to its children, each child to its platform
// record, indexes nested to a bounded depth and never in a cycle.
/** Far more platforms than any real image has; a hostile index must not exhaust memory. */
const MAX_ENTRIES = 1000;
/** What one manifest, reached at `depth` through the digests in `seen`, contributes. */
async function visit(walk, manifest, digest, entry, depth, seen) {
    if (manifest.kind === 'index')
        return visitIndex(walk, manifest, digest, depth, seen);
    if (manifest.kind === 'schema1')
        return visitSchema1(walk, manifest, digest, entry);
    return visitImage(walk, manifest, digest, entry);
}
/** An index: its children, each digest walked once however often it is listed. */
async function visitIndex(walk, manifest, digest, depth, seen) {
    const found = emptyFound();
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
/** A legacy schema 1 manifest: no sizes stated, so each layer is measured at the store. */
async function visitSchema1(walk, manifest, digest, entry) {
    const found = emptyFound();
    const { source } = walk;
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
/** An image manifest: its platform from the index entry, or else from its config. */
async function visitImage(walk, manifest, digest, entry) {
    const found = emptyFound();
    const { source } = walk;
    let declared = entry?.platform;
    if (!declared) {
        if (!source.abilities.blobs || !source.fetchBlob) {
            // The platform is in the config, which this source cannot read.
            explain(walk, 'config');
            found.platforms.push(imageRecord(manifest, digest, undefined));
            return found;
        }
        // A single manifest, or an index entry without a platform: the config says what it is.
        const config = await source.fetchBlob(walk.repository, manifest.config.digest, limits/* CONFIG_CAP */.SM);
        const actual = (0,model_digest/* computeDigest */.MK)(config, manifest.config.digest.startsWith('sha512:') ? 'sha512' : 'sha256');
        if (actual !== manifest.config.digest) {
            throw new errors/* DigestGateError */.ic('integrity', `config blob ${manifest.config.digest} hashes to ${actual}`);
        }
        const fromConfig = isImageConfig(manifest.config.mediaType) ? (0,model_manifest/* platformFromConfig */.M3)(config) : null;
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
async function visitChild(walk, child, parent, depth, seen) {
    const skip = (why) => emptyFound([`skipped ${child.digest}: ${why}`]);
    if ((0,model_manifest/* isAttestation */.H3)(child)) {
        return {
            platforms: [],
            attestations: [
                { digest: child.digest, target: child.annotations?.[model_manifest/* REFERENCE_DIGEST_ANNOTATION */.bT] }
            ],
            notes: []
        };
    }
    if (child.platformProblem)
        return skip(child.platformProblem);
    if ((0,model_manifest/* isAttestationPlatform */.Cf)(child.platform)) {
        return skip('platform unknown/unknown is not an image for a platform');
    }
    if (child.artifactType)
        return skip(`artifact ${child.artifactType}`);
    const maxDepth = walk.options.maxDepth ?? 4;
    if ((0,model_manifest/* isIndexType */.$U)(child.mediaType)) {
        if (seen.has(child.digest)) {
            throw new errors/* DigestGateError */.ic('invalid-manifest', `index ${parent} refers back to ${child.digest} (a cycle)`);
        }
        if (depth + 1 > maxDepth) {
            throw new errors/* DigestGateError */.ic('invalid-manifest', `indexes nested deeper than ${maxDepth} levels at ${child.digest}`);
        }
    }
    else if (!(0,model_manifest/* isImageType */.G1)(child.mediaType) && !(0,model_manifest/* isSchema1Type */.hy)(child.mediaType)) {
        return skip(`media type ${child.mediaType} is not an image manifest`);
    }
    const readable = walk.source.abilities.manifestsByDigest;
    const wantsLayers = !walk.options.detail || walk.options.detail === 'layers';
    if (!(0,model_manifest/* isIndexType */.$U)(child.mediaType) && (!readable || !wantsLayers)) {
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
    return mediaType === model_manifest/* MediaTypes */.mI.ociConfig || mediaType === model_manifest/* MediaTypes */.mI.dockerConfig;
}
async function fetchChild(walk, child) {
    const answer = await fetchCached(walk, child.digest);
    if (answer.kind !== 'manifest') {
        throw new errors/* DigestGateError */.ic('unsupported', `${walk.source.label} described ${child.digest} instead of serving it`);
    }
    const { manifest } = verify(walk, answer, child.digest, child.digest);
    const sameKind = manifest.mediaType === child.mediaType ||
        ((0,model_manifest/* isSchema1Type */.hy)(manifest.mediaType) && (0,model_manifest/* isSchema1Type */.hy)(child.mediaType));
    if (!sameKind) {
        throw new errors/* DigestGateError */.ic('invalid-manifest', `index entry ${child.digest} says ${child.mediaType} but the manifest is ${manifest.mediaType}`);
    }
    return manifest;
}

;// CONCATENATED MODULE: ./src/resolve/resolve.ts










/**
 * Tag → index → platforms → layers, over any Source. Every manifest is verified against its
 * digest here, once, whatever the source; whatever a source cannot supply is `null` with a
 * note saying why. Never throws for an expected failure: the record carries the error so the
 * other images keep their results.
 */
/** Resolves one image reference to its record. */
async function resolveImage(ref, source, options = {}) {
    const record = emptyRecord(ref.image);
    record.ref = (0,model_reference/* formatName */.nD)(ref);
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
    if (!head || !digest || (0,model_reference/* digestProblem */.WQ)(digest))
        return false;
    record.digest = digest;
    record.mediaType = (0,model_manifest/* stripParameters */.B_)(head.contentType) || null;
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
    const byDigest = [...cache].filter(([key]) => !(0,model_reference/* digestProblem */.WQ)(key.slice(key.lastIndexOf('@') + 1)));
    const settled = await Promise.allSettled(byDigest.map(([, pending]) => pending));
    byDigest.forEach(([key, pending], i) => {
        if (settled[i].status === 'fulfilled')
            kept.set(key, pending);
    });
    return kept;
}

// EXTERNAL MODULE: ./src/model/sanitize.ts
var sanitize = __webpack_require__(54142);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/fs/regular-file.ts
var regular_file = __webpack_require__(65650);
// EXTERNAL MODULE: ./src/sources/source.ts
var source = __webpack_require__(70813);
;// CONCATENATED MODULE: ./src/sources/oci-layout.ts







/**
 * A local OCI image layout (image-spec image-layout.md): `oci-layout`, `index.json`, and
 * `blobs/<alg>/<hex>`. Tags are the `org.opencontainers.image.ref.name` annotations of
 * index.json's entries, as buildx and skopeo write them. Files are read synchronously: they are
 * small and local, and a run over a layout is done before an event loop hop would pay off.
 * So nothing here may block or grow without bound: only regular files are opened, without
 * blocking (regular-file.ts: a FIFO in blobs/ would stop the run for good); index.json is
 * held to the cap of a manifest index; a blob that is a symlink is followed only while it
 * stays inside the layout.
 */
const REF_NAME = 'org.opencontainers.image.ref.name';
/** index.json is an image index (image-spec image-layout.md), so an index's cap bounds it. */
const INDEX_JSON_CAP = limits/* MANIFEST_CAP */.FL;
/** Far above the `{"imageLayoutVersion": "1.0.0"}` it holds. */
const OCI_LAYOUT_CAP = 64 * 1024;
/** Tags a missing tag's error names; the rest are counted. */
const TAGS_LISTED = 20;
/** `tags: a, b, … and N more`, or `tags: none`. */
function listTags(tags) {
    if (!tags.length)
        return 'tags: none';
    const shown = tags.slice(0, TAGS_LISTED).join(', ');
    const rest = tags.length - TAGS_LISTED;
    return `tags: ${shown}${rest > 0 ? ` and ${rest} more` : ''}`;
}
class OciLayoutSource {
    label;
    kind = 'oci-layout';
    abilities = source/* FULL_ABILITIES */.b;
    root;
    realRoot;
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
                const tags = entries.map(e => e.annotations?.[REF_NAME]).filter((t) => !!t);
                throw new errors/* DigestGateError */.ic('not-found', `${this.label} has no tag '${reference}' in index.json (${listTags(tags)})`, { code: 'MANIFEST_UNKNOWN' });
            }
        }
        const body = this.readBlob(descriptor.digest, limits/* MANIFEST_CAP */.FL);
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
            const path = this.blobPath(digest);
            let size;
            try {
                const stats = (0,external_node_fs_.statSync)(path);
                if (!stats.isFile())
                    throw new Error('not a file');
                size = stats.size;
            }
            catch {
                throw this.missing(digest);
            }
            this.inside(path, digest);
            return { size, servedBy: 'local' };
        });
    }
    blobPath(digest) {
        const [algorithm, hex] = digest.split(':');
        return (0,external_node_path_.join)(this.root, 'blobs', algorithm, hex);
    }
    missing(digest, why = '') {
        return new errors/* DigestGateError */.ic('not-found', `${this.label} has no blob ${digest}${why}`, {
            code: 'BLOB_UNKNOWN'
        });
    }
    /**
     * The blob's path with every symlink resolved, when that is still inside the layout: a
     * symlinked blob (as some tools dedupe them) is followed, but never out of the layout.
     */
    inside(path, digest) {
        let real;
        try {
            this.realRoot ??= (0,external_node_fs_.realpathSync)(this.root);
            real = (0,external_node_fs_.realpathSync)(path);
        }
        catch {
            throw this.missing(digest);
        }
        const rel = (0,external_node_path_.relative)(this.realRoot, real);
        if (rel === '' || rel === '..' || rel.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(rel)) {
            throw new errors/* DigestGateError */.ic('invalid-input', `${this.label}: blob ${digest} is a symlink that leads out of the layout; not read`);
        }
        return real;
    }
    readBlob(digest, maxBytes) {
        const real = this.inside(this.blobPath(digest), digest);
        try {
            return (0,regular_file/* readRegularSync */.Wy)(real, maxBytes, size => this.tooBig(`blob ${digest}`, size, maxBytes));
        }
        catch (e) {
            if (e instanceof errors/* DigestGateError */.ic)
                throw e;
            if (e instanceof regular_file/* NotRegularFileError */.iZ)
                throw this.missing(digest, ` (blobs/ holds ${e.kind})`);
            throw this.missing(digest);
        }
    }
    tooBig(what, size, cap) {
        return new errors/* DigestGateError */.ic('invalid-manifest', `${this.label}: ${what} is ${size} bytes, over the ${cap}-byte cap`);
    }
    /** A file of the layout itself (index.json, oci-layout), as text, within `cap`. */
    readLayoutFile(name, cap) {
        const path = (0,external_node_path_.join)(this.root, name);
        return (0,regular_file/* readRegularSync */.Wy)(path, cap, size => this.tooBig(name, size, cap)).toString('utf8');
    }
    entries() {
        this.index ??= this.loadIndex();
        return this.index;
    }
    loadIndex() {
        let layout;
        try {
            layout = JSON.parse(this.readLayoutFile('oci-layout', OCI_LAYOUT_CAP));
        }
        catch {
            throw new errors/* DigestGateError */.ic('invalid-input', `${this.label} is not an OCI image layout: no readable 'oci-layout' file in ${this.root}`);
        }
        if (typeof layout !== 'object' || layout === null || !('imageLayoutVersion' in layout)) {
            throw new errors/* DigestGateError */.ic('invalid-input', `${this.label}: 'oci-layout' has no imageLayoutVersion`);
        }
        let index;
        try {
            index = JSON.parse(this.readLayoutFile('index.json', INDEX_JSON_CAP));
        }
        catch (e) {
            if (e instanceof errors/* DigestGateError */.ic)
                throw e;
            if (e instanceof regular_file/* NotRegularFileError */.iZ)
                throw new errors/* DigestGateError */.ic('invalid-input', `${this.label}: index.json is ${e.kind}, not a file`);
            throw new errors/* DigestGateError */.ic('invalid-input', `${this.label}: index.json is missing or not valid JSON`);
        }
        if (!Array.isArray(index.manifests)) {
            throw new errors/* DigestGateError */.ic('invalid-input', `${this.label}: index.json has no manifests array`);
        }
        return index.manifests.map((m, i) => (0,model_manifest/* parseDescriptor */.BA)(m, `index.json manifests[${i}]`));
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

;// CONCATENATED MODULE: ./src/run/session.ts





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
function parse(image) {
    try {
        return { image, ref: (0,model_reference/* parseReference */.F2)(image) };
    }
    catch (e) {
        return { image, error: e };
    }
}
/** Identical references (after Docker Hub defaults) are resolved once and shared. */
function identityOf(ref) {
    const where = ref.kind === 'registry' ? `${ref.registry}/${ref.repository}` : `oci-layout://${ref.path}`;
    return `${where}@${ref.digest ?? `:${ref.tag ?? 'latest'}`}${ref.digest && ref.tag ? `:${ref.tag}` : ''}`;
}
/**
 * Each distinct image once, under its first spelling (so a `wait` round re-reads it once);
 * images that are not references are left out.
 */
function distinctImages(images) {
    const distinct = new Map();
    for (const { image, ref } of images.map(parse))
        if (ref && !distinct.has(identityOf(ref)))
            distinct.set(identityOf(ref), image);
    return [...distinct.values()];
}
class Session {
    settings;
    hooks;
    started = Date.now();
    env;
    /** Read when a token is asked for, so every repository known by then is in its scope. */
    scopes = new Map();
    remote;
    loaded;
    opening;
    store;
    cached = new Map();
    layouts = new Map();
    pending = new Map();
    options;
    /**
     * `images` are every image the run will resolve, as far as known now: their repositories go
     * into the first token request's scopes. Later calls may resolve others; their scopes join
     * before their first request. Secrets are handed to `hooks.onSecret` first.
     */
    constructor(settings, hooks = {}, images = settings.images) {
        this.settings = settings;
        this.hooks = hooks;
        this.env = hooks.env ?? process.env;
        this.announceSecrets();
        for (const image of images)
            this.addScope(parse(image).ref);
        this.options = { verifyBlobs: settings.verifyBlobs, detail: settings.detail, cache: new Map() };
    }
    /**
     * Resolves each image string to its record (sanitised, `image` as given, trimmed), in order;
     * identical references, here or in an earlier call, are resolved once. Policy is not applied.
     * Never throws: a bad reference or source is that image's error.
     */
    resolve(images) {
        const parsed = images.map(parse);
        for (const p of parsed)
            this.addScope(p.ref);
        return Promise.all(parsed.map(async ({ image, ref, error }) => {
            if (!ref)
                return failRecord(emptyRecord(image.trim()), error, image.trim());
            const record = await this.resolveOnce(ref);
            // The same resolution, reported under this spelling of the image.
            return (0,sanitize/* sanitizeRecord */.P)({
                ...structuredClone(record),
                image: ref.image,
                error: record.error?.replace(record.image, ref.image) ?? null
            });
        }));
    }
    /**
     * Reads these images again, as `resolve` does, for a `wait` round: their tags may have
     * moved, so not from the memo; what is named by digest still is.
     */
    async refresh(images) {
        this.options.cache = await keepContentAddressed(this.options.cache);
        for (const { ref } of images.map(parse))
            if (ref)
                this.pending.delete(identityOf(ref));
        return this.resolve(images);
    }
    /** The source an image is read from, for the policy's further reads; undefined if none. */
    async sourceOf(image) {
        const { ref } = parse(image);
        if (!ref)
            return undefined;
        const source = await this.sourceFor(ref).catch(() => undefined);
        return source && { source, repository: ref.kind === 'registry' ? ref.repository : '' };
    }
    /** Requests, tokens and cache use so far, and the time since the session opened. */
    facts() {
        const facts = {
            requests: this.loaded?.http.totalRequests ?? 0,
            tokenRequests: this.loaded?.auth.tokenRequests ?? 0,
            rateLimitRemaining: this.loaded?.rateLimits() ?? {},
            durationMs: Date.now() - this.started
        };
        if (this.store)
            facts.cache = { dir: this.settings.cache ?? this.store.root, ...this.store.stats };
        return facts;
    }
    /** Closes idle connections; call once, when every resolve has settled. */
    dispose() {
        this.loaded?.dispose();
    }
    announceSecrets() {
        const { settings, hooks } = this;
        const githubToken = settings.githubToken ?? this.env.GITHUB_TOKEN;
        const secrets = [
            settings.credential?.password,
            githubToken,
            settings.aliyun?.accessKeySecret,
            settings.aliyun?.securityToken
        ];
        for (const secret of secrets)
            if (secret)
                hooks.onSecret?.(secret);
    }
    addScope(ref) {
        if (ref?.kind !== 'registry')
            return;
        const set = this.scopes.get(ref.registry) ?? new Set();
        set.add(`repository:${ref.repository}:pull`);
        this.scopes.set(ref.registry, set);
    }
    /** A run that names no remote image loads no HTTP, credential or token code at all. */
    remoteFor() {
        return (this.remote ??= __webpack_require__.e(/* import() */ 371).then(__webpack_require__.bind(__webpack_require__, 93371)).then(({ Remote }) => {
            this.loaded = new Remote({
                settings: this.settings,
                env: this.env,
                deadline: runDeadline(this.settings, this.started),
                onSecret: this.hooks.onSecret,
                scopes: this.scopes
            });
            return this.loaded;
        }));
    }
    /** Only a run with `cache` loads the cache. */
    storeFor() {
        const dir = this.settings.cache;
        return (this.opening ??= dir
            ? __webpack_require__.e(/* import() */ 807).then(__webpack_require__.bind(__webpack_require__, 63807)).then(m => (this.store = new m.BlobStore(dir)))
            : Promise.resolve(undefined));
    }
    /**
     * Only sources that serve exact bytes are worth caching: a layout is local already, and the
     * other sources serve no exact bytes.
     */
    async withCache(source) {
        const blobs = source.abilities.exactBytes ? await this.storeFor() : undefined;
        if (!blobs)
            return source;
        let wrapped = this.cached.get(source);
        if (!wrapped) {
            wrapped = __webpack_require__.e(/* import() */ 170).then(__webpack_require__.bind(__webpack_require__, 37170)).then(m => new m.CachedSource(source, blobs));
            this.cached.set(source, wrapped);
        }
        return wrapped;
    }
    async sourceFor(ref) {
        if (ref.kind === 'registry')
            return this.withCache(await (await this.remoteFor()).sourceFor(ref.registry));
        let layout = this.layouts.get(ref.path);
        if (!layout) {
            layout = new OciLayoutSource(ref.path);
            this.layouts.set(ref.path, layout);
        }
        return layout;
    }
    resolveOnce(ref) {
        const id = identityOf(ref);
        let shared = this.pending.get(id);
        if (!shared) {
            // Anything a source throws (a bad DOCKER_HOST, say) costs this image only.
            shared = this.sourceFor(ref)
                .then(source => resolveImage(ref, source, this.options))
                .catch(e => failRecord(emptyRecord(ref.image), e, ref.image));
            this.pending.set(id, shared);
        }
        return shared;
    }
}


/***/ }),

/***/ 70813:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ FULL_ABILITIES)
/* harmony export */ });
const FULL_ABILITIES = Object.freeze({
    exactBytes: true,
    manifestsByDigest: true,
    blobs: true,
    blobSizes: true
});


/***/ })

};
