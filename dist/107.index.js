export const id = 107;
export const ids = [107];
export const modules = {

/***/ 9107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findReports: () => (/* binding */ findReports),
/* harmony export */   mergeReports: () => (/* binding */ mergeReports),
/* harmony export */   parseReport: () => (/* binding */ parseReport),
/* harmony export */   runMerge: () => (/* binding */ runMerge)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1237);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6305);
/* harmony import */ var _sanitize_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5540);






function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isStringOrNull = (v) => v === null || typeof v === 'string';
function bad(file, why) {
    return new Error(`Input 'reports': '${file}' is not a digest-gate report file: ${why}`);
}
/** One report file's text → its records; an Error naming the file and the field otherwise. */
function parseReport(text, file) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (e) {
        throw bad(file, `not valid JSON (${e.message})`);
    }
    if (!isObject(json) || !Array.isArray(json.images))
        throw bad(file, "no 'images' array");
    if (typeof json.ok !== 'boolean')
        throw bad(file, "no 'ok'");
    const images = json.images.map((raw, i) => {
        const at = `images[${i}]`;
        if (!isObject(raw) || typeof raw.image !== 'string')
            throw bad(file, `${at} has no 'image'`);
        if (!Array.isArray(raw.platforms) ||
            !raw.platforms.every(p => isObject(p) && typeof p.platform === 'string'))
            throw bad(file, `${at} ('${raw.image}') has no valid 'platforms'`);
        for (const field of ['ref', 'digest', 'mediaType', 'error'])
            if (raw[field] !== undefined && !isStringOrNull(raw[field]))
                throw bad(file, `${at} ('${raw.image}') has a '${field}' that is neither text nor null`);
        const missing = Array.isArray(raw.missing) ? raw.missing : [];
        if (!missing.every(m => typeof m === 'string'))
            throw bad(file, `${at} ('${raw.image}') has a 'missing' that is not a list of platforms`);
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
    const run = isObject(json.run) ? json.run : undefined;
    return { file, ok: json.ok, images, run };
}
/** What decides whether two reports of one image agree: what it resolved to, or that it failed. */
function resultOf(r) {
    return JSON.stringify({
        ref: r.ref,
        digest: r.digest,
        mediaType: r.mediaType,
        failed: r.error !== null,
        platforms: r.platforms.map(p => [p.platform, p.digest, p.layers, p.size])
    });
}
/** Positions from a shard report, when it has one for each of its images. */
function positionsOf(report) {
    const positions = report.run?.shard?.positions;
    return Array.isArray(positions) && positions.length === report.images.length
        ? positions
        : undefined;
}
/**
 * Joins loaded reports. Records keep the whole list's order when every report is a shard
 * report, else the order of the files. Problems: shards missing or from different splits,
 * and an image whose reports disagree.
 */
function mergeReports(reports) {
    const problems = [];
    const entries = [];
    const ordered = reports.every(r => positionsOf(r));
    reports.forEach((report, n) => {
        const positions = positionsOf(report);
        report.images.forEach((record, i) => entries.push({
            record,
            file: report.file,
            position: ordered && positions ? positions[i] : n * 1e9 + i
        }));
    });
    entries.sort((a, b) => a.position - b.position);
    // One image, two reports: the same answer is one image; different answers are a problem.
    const first = new Map();
    const records = [];
    for (const { record, file } of entries) {
        const seen = first.get(record.image);
        if (!seen) {
            first.set(record.image, { result: resultOf(record), file });
            records.push(record);
        }
        else if (seen.file === file) {
            // The same spelling twice in one run's list: a run reports it twice too.
            records.push(record);
        }
        else if (seen.result !== resultOf(record)) {
            problems.push(`'${record.image}' is in '${seen.file}' and in '${file}' with different results (${describe(entries, record.image)}); re-run the shards against the same images, or merge one of them`);
        }
    }
    const shardFacts = reports.flatMap(r => (r.run?.shard ? [{ file: r.file, ...r.run.shard }] : []));
    let shards;
    if (shardFacts.length) {
        const counts = [...new Set(shardFacts.map(s => s.count))];
        const totals = [...new Set(shardFacts.map(s => s.total))];
        if (counts.length > 1) {
            problems.push(`the reports come from different splits: ${shardFacts.map(s => `'${s.file}' is shard ${s.index}/${s.count}`).join(', ')}`);
        }
        else {
            const count = counts[0];
            const indexes = [...new Set(shardFacts.map(s => s.index))].sort((a, b) => a - b);
            const absent = Array.from({ length: count }, (_, i) => i + 1).filter(i => !indexes.includes(i));
            if (absent.length)
                problems.push(`shard${absent.length === 1 ? '' : 's'} ${absent.join(', ')} of ${count} ${absent.length === 1 ? 'is' : 'are'} missing: no report given is ${absent.map(i => `${i}/${count}`).join(' or ')}, so their images are not in the merged report`);
            shards = { count, indexes };
        }
        if (totals.length > 1)
            problems.push(`the shard reports were run over lists of different lengths (${totals.join(', ')} images); give every shard the same 'images'`);
    }
    const facts = {
        requests: sum(reports.map(r => r.run?.requests)),
        tokenRequests: sum(reports.map(r => r.run?.tokenRequests)),
        rateLimitRemaining: Object.assign({}, ...reports.map(r => r.run?.rateLimitRemaining ?? {})),
        // The shards ran side by side: the longest of them is how long the whole took.
        durationMs: Math.max(0, ...reports.map(r => r.run?.durationMs ?? 0)),
        merged: {
            reports: reports.map(r => r.file),
            ...(shards ? { shards } : {}),
            images: records.length
        }
    };
    const waits = reports.flatMap(r => (r.run?.wait ? [r.run.wait] : []));
    if (waits.length)
        facts.wait = mergeWaits(waits);
    const caches = reports.flatMap(r => (r.run?.cache ? [r.run.cache] : []));
    if (caches.length)
        facts.cache = {
            dir: caches[0].dir,
            hits: sum(caches.map(c => c.hits)),
            misses: sum(caches.map(c => c.misses)),
            stored: sum(caches.map(c => c.stored)),
            corrupt: sum(caches.map(c => c.corrupt)),
            writeErrors: sum(caches.map(c => c.writeErrors))
        };
    return { records, problems, facts };
}
function describe(entries, image) {
    return entries
        .filter(e => e.record.image === image)
        .map(e => `${e.file}: ${e.record.error ? 'failed' : (e.record.digest ?? 'no digest')}`)
        .join(', ');
}
function sum(values) {
    return values.reduce((n, v) => n + (typeof v === 'number' ? v : 0), 0);
}
function mergeWaits(waits) {
    const pending = waits.flatMap(w => w.pending ?? []);
    return {
        seconds: Math.max(...waits.map(w => w.seconds)),
        rounds: Math.max(...waits.map(w => w.rounds)),
        waitedMs: Math.max(...waits.map(w => w.waitedMs)),
        timedOut: waits.some(w => w.timedOut),
        pending
    };
}
/**
 * The `reports` input: each line a file, or a glob (tinyglobby, loaded only here) matching
 * one or more; every file once, however many lines name it. Lines that match nothing are
 * problems naming the line.
 */
async function findReports(lines, cwd = process.cwd()) {
    const problems = [];
    const files = [];
    const seen = new Set();
    const add = async (file) => {
        const real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, file)).catch(() => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, file));
        if (seen.has(real))
            return;
        seen.add(real);
        files.push(file);
    };
    let globber;
    for (const line of lines) {
        const literal = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, line)).catch(() => undefined);
        if (literal?.isFile()) {
            await add(line);
            continue;
        }
        globber ??= await Promise.all(/* import() */[__webpack_require__.e(6), __webpack_require__.e(382)]).then(__webpack_require__.bind(__webpack_require__, 3382));
        if (!globber.isDynamicPattern(line)) {
            problems.push(`Input 'reports': cannot read '${line}' (${literal ? 'not a file' : 'no such file'}); expected a report file from a shard run, or a glob matching them`);
            continue;
        }
        // Absolute lines give absolute paths, relative ones paths relative to the workspace.
        const matches = await globber.glob(line, {
            cwd,
            absolute: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(line),
            onlyFiles: true,
            dot: true,
            expandDirectories: false
        });
        if (matches.length === 0) {
            problems.push(`Input 'reports': '${line}' matches no file (looked in ${cwd})`);
            continue;
        }
        for (const match of matches.sort())
            await add(match);
    }
    return { files, problems };
}
/** `mode: merge` end to end: find, read and join the reports; evaluate `platforms` if given. */
async function runMerge(settings) {
    const { files, problems } = await findReports(settings.reports);
    const loaded = [];
    for (const file of files) {
        try {
            loaded.push(parseReport(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8'), file));
        }
        catch (e) {
            problems.push(e.code
                ? `Input 'reports': cannot read '${file}' (${e.code})`
                : (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e));
        }
    }
    if (files.length && loaded.length === 0 && problems.length === 0)
        problems.push("Input 'reports': no report file could be read");
    const merged = mergeReports(loaded);
    problems.push(...merged.problems);
    const records = merged.records.map(_sanitize_js__WEBPACK_IMPORTED_MODULE_5__/* .sanitizeRecord */ .P);
    // The shards evaluated their own `platforms`; a merge step that names platforms decides anew.
    const missing = settings.platforms.length
        ? (0,_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .evaluatePolicy */ .Uz)(records, [...settings.platforms])
        : records.flatMap(r => r.missing.map(platform => ({ image: r.image, platform })));
    const { baseline, problems: unread } = await (0,_run_js__WEBPACK_IMPORTED_MODULE_4__/* .readBaseline */ .mF)(settings);
    problems.push(...unread);
    return {
        records,
        missing,
        ok: (0,_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .isOk */ .HQ)(records) && problems.length === 0,
        baseline,
        problems,
        warnings: [],
        // The shards judged their own policies; their verdicts stand in the merged records.
        violations: records.flatMap(r => r.violations ?? []),
        failOn: records.map(() => settings.failOn),
        facts: merged.facts
    };
}


/***/ })

};
