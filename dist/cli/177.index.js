export const id = 177;
export const ids = [177];
export const modules = {

/***/ 7177:
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
/* harmony import */ var _report_baseline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7355);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7206);
/* harmony import */ var _policy_judge_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8201);
/* harmony import */ var _report_report_file_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6757);
/* harmony import */ var _run_result_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2932);
/* harmony import */ var _model_sanitize_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4142);








/** One report file's text → its records; an error naming the input, the file and the field. */
function parseReport(text, file) {
    return { file, ...(0,_report_report_file_js__WEBPACK_IMPORTED_MODULE_5__/* .readReportRecords */ .pJ)(text, `Input 'reports': '${file}'`) };
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
    const shards = checkShards(reports, problems);
    return { records, problems, facts: mergedFacts(reports, records.length, shards) };
}
/**
 * The shards the reports cover, when they are shard reports; a problem for shards missing, from
 * different splits, or run over lists of different lengths.
 */
function checkShards(reports, problems) {
    const shardFacts = reports.flatMap(r => (r.run?.shard ? [{ file: r.file, ...r.run.shard }] : []));
    if (!shardFacts.length)
        return undefined;
    let shards;
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
    return shards;
}
/** The run facts of the merged report: the shards' added up, and what was merged. */
function mergedFacts(reports, images, shards) {
    const facts = {
        requests: sum(reports.map(r => r.run?.requests)),
        tokenRequests: sum(reports.map(r => r.run?.tokenRequests)),
        rateLimitRemaining: Object.assign({}, ...reports.map(r => r.run?.rateLimitRemaining ?? {})),
        // The shards ran side by side: the longest of them is how long the whole took.
        durationMs: Math.max(0, ...reports.map(r => r.run?.durationMs ?? 0)),
        merged: {
            reports: reports.map(r => r.file),
            ...(shards ? { shards } : {}),
            images
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
    return facts;
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
 * The `reports` input: each line a file, or a glob matching one or more (the one glob
 * expander, files/walk-glob.ts, loaded only here): every file once, however many lines name
 * it. Lines that match nothing are problems naming the line. A glob is walked from its
 * literal base and never follows a symlink out of it.
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
        globber ??= await Promise.all(/* import() */[__webpack_require__.e(6), __webpack_require__.e(997)]).then(__webpack_require__.bind(__webpack_require__, 997));
        if (!globber.isGlob(line)) {
            problems.push(`Input 'reports': cannot read '${line}' (${literal ? 'not a file' : 'no such file'}); expected a report file from a shard run, or a glob matching them`);
            continue;
        }
        // Absolute lines give absolute paths, relative ones paths relative to the workspace.
        const base = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, globber.globBase(line));
        const matches = await globber.walkGlob(line, { cwd, root: base });
        if (matches.length === 0) {
            problems.push(`Input 'reports': '${line}' matches no file (looked in ${cwd})`);
            continue;
        }
        for (const match of matches)
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
                : (0,_model_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e));
        }
    }
    if (files.length && loaded.length === 0 && problems.length === 0)
        problems.push("Input 'reports': no report file could be read");
    const merged = mergeReports(loaded);
    problems.push(...merged.problems);
    const records = merged.records.map(_model_sanitize_js__WEBPACK_IMPORTED_MODULE_7__/* .sanitizeRecord */ .P);
    // The shards judged their own policies and `platforms`; a merge step that names platforms
    // decides those anew.
    const judge = await _policy_judge_js__WEBPACK_IMPORTED_MODULE_4__/* .Judge */ .I.load({ platforms: settings.platforms, failOn: settings.failOn });
    const judgement = await judge.judge(records, { shardVerdicts: true });
    const { baseline, problems: unread } = await (0,_report_baseline_js__WEBPACK_IMPORTED_MODULE_2__/* .readBaseline */ .mF)(settings);
    problems.push(...unread);
    return (0,_run_result_js__WEBPACK_IMPORTED_MODULE_6__/* .runResult */ .X)({ records, judgement, facts: merged.facts, baseline, problems });
}


/***/ })

};
