export const id = 428;
export const ids = [428];
export const modules = {

/***/ 2391:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ indexLines)
/* harmony export */ });
/** Builds the index once per file; each lookup is a binary search. */
function indexLines(text) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10)
            starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10)
            starts.push(i + 1);
    }
    return {
        starts,
        positionAt(offset) {
            let lo = 0;
            let hi = starts.length - 1;
            while (lo < hi) {
                const mid = (lo + hi + 1) >> 1;
                if (starts[mid] <= offset)
                    lo = mid;
                else
                    hi = mid - 1;
            }
            let from = starts[lo];
            if (lo === 0 && text.charCodeAt(0) === 0xfeff)
                from = Math.min(1, offset);
            return { line: lo + 1, column: [...text.slice(from, offset)].length + 1 };
        }
    };
}


/***/ }),

/***/ 6428:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runFiles: () => (/* binding */ runFiles)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/platform.ts
var platform = __webpack_require__(3728);
// EXTERNAL MODULE: ./src/policy.ts
var src_policy = __webpack_require__(1237);
// EXTERNAL MODULE: ./src/run.ts + 3 modules
var run = __webpack_require__(6305);
;// CONCATENATED MODULE: ./src/files/entries.ts
/**
 * The plans' results (pin-plan.ts, verify-plan.ts) as a run reports them: one entry per
 * reference at the level the run's mode gives it, the annotations that show on a pull request's
 * diff, and why the step fails. Pure.
 */
const RANK = { error: 2, warning: 1, notice: 0 };
/**
 * The level of a verify finding in a run of `mode`:
 * - `missing-platforms` follows `fail-on-missing` in every mode, as an image's missing
 *   platform does (contract.md, "Failing");
 * - `verify` keeps the plan's severity: a stale, vanished or single-platform pin fails it;
 * - `report` fails only on what would fail for an image given in `images`: a reference that is
 *   invalid or cannot be resolved, or a pinned digest that is gone (the build would not pull);
 *   everything else it reports as a warning or a notice.
 */
function findingLevel(finding, mode, failOnMissing) {
    if (finding.status === 'missing-platforms')
        return failOnMissing ? 'error' : 'warning';
    if (mode === 'verify')
        return finding.severity;
    if (UNRESOLVED.includes(finding.status))
        return 'error';
    return finding.severity === 'error' ? 'warning' : finding.severity;
}
const UNRESOLVED = ['invalid', 'failed', 'not-found'];
/** One entry per reference from verify findings (in the plan's order, grouped by reference). */
function verifyEntries(findings, mode, failOnMissing) {
    const byRef = new Map();
    for (const f of findings)
        byRef.set(f.reference, [...(byRef.get(f.reference) ?? []), f]);
    const out = new Map();
    for (const [ref, list] of byRef) {
        const leveled = list.map(f => ({ f, level: findingLevel(f, mode, failOnMissing) }));
        const worst = leveled.reduce((a, b) => (RANK[b.level] > RANK[a.level] ? b : a));
        const entry = {
            ...place(ref),
            status: worst.f.status,
            level: worst.level,
            message: worst.f.message
        };
        const digest = list.find(f => f.pinnedDigest)?.pinnedDigest;
        const current = list.find(f => f.currentDigest)?.currentDigest;
        const missing = [...new Set(list.flatMap(f => f.missing ?? []))];
        if (digest)
            entry.digest = digest;
        if (current)
            entry.current = current;
        if (missing.length)
            entry.missing = missing;
        if (list.length > 1)
            entry.findings = leveled.map(({ f, level }) => ({
                status: f.status,
                level,
                message: f.message
            }));
        out.set(ref, entry);
    }
    return out;
}
/** The entry of one pin outcome: a failed pin is an error, a skipped one a warning. */
function pinEntry(outcome) {
    const level = outcome.status === 'failed' ? 'error' : outcome.status === 'skipped' ? 'warning' : 'notice';
    const entry = {
        ...place(outcome.reference),
        status: outcome.status,
        level,
        message: outcome.message
    };
    const digest = outcome.newDigest ?? outcome.oldDigest;
    if (digest)
        entry.digest = digest;
    if (outcome.to !== undefined)
        entry.to = outcome.to;
    return entry;
}
function place(ref) {
    return { line: ref.line, column: ref.column, text: ref.text, image: ref.image, where: ref.where };
}
/** Statuses that need no annotation: the summary and the report file list them. */
const QUIET = new Set(['ok', 'unchanged']);
const TITLES = {
    stale: 'stale pin',
    'tag-missing': 'pinned tag gone',
    'single-platform': 'single-platform pin',
    'missing-platforms': 'platform missing',
    'not-found': 'pinned digest gone',
    unpinned: 'not pinned',
    invalid: 'invalid reference',
    failed: 'cannot resolve',
    pinned: 'pinned',
    updated: 'pin updated',
    skipped: 'not pinned'
};
/**
 * An annotation per problem, per reference worth one, and per entry that was not followed.
 * One span reached twice (a Compose anchor merged into two services) is said once.
 */
function fileAnnotations(files) {
    const out = [];
    const said = new Set();
    const push = (a) => {
        const key = JSON.stringify([a.file, a.line, a.column, a.level, a.message]);
        if (said.has(key))
            return;
        said.add(key);
        out.push(a);
    };
    for (const f of files) {
        for (const p of f.problems) {
            push({ ...p, file: f.file, title: 'digest-gate: file problem', message: p.message });
        }
        for (const e of f.references) {
            if (QUIET.has(e.status))
                continue;
            const title = `digest-gate: ${TITLES[e.status] ?? e.status}`;
            const base = { file: f.file, line: e.line, column: e.column, title };
            const endColumn = e.column + [...e.text].length;
            push({ ...base, level: e.level, endColumn, message: e.message });
            // Every other finding (a stale pin whose digest is gone, say) is said too, under its title.
            for (const other of e.findings ?? []) {
                if (other.message === e.message)
                    continue;
                const t = `digest-gate: ${TITLES[other.status] ?? other.status}`;
                push({ ...base, title: t, level: other.level, endColumn, message: other.message });
            }
        }
        for (const s of f.skipped) {
            push({
                level: 'notice',
                file: f.file,
                line: s.line,
                column: s.column,
                title: 'digest-gate: not followed',
                message: `'${s.text}' (${s.where}) is not checked: ${s.reason}`
            });
        }
    }
    return out;
}
/**
 * Why the files part of a run fails the step: any error-level entry or problem, and a run
 * that read no file of a supported kind (`kind` null: unreadable, or not a kind it knows),
 * since a gate that checked nothing must not pass.
 */
function filesFailures(mode, files) {
    const out = [];
    if (files.length && !files.some(f => f.kind !== null)) {
        out.push(`files: none of the ${files.length} file${files.length === 1 ? '' : 's'} matched could be read as a Dockerfile, Compose file, Kubernetes manifest or workflow (${files
            .slice(0, 5)
            .map(f => f.file)
            .join(', ')}${files.length > 5 ? ', …' : ''}); nothing was checked`);
    }
    const counts = new Map();
    const failing = new Set();
    for (const f of files) {
        for (const e of f.references) {
            const statuses = e.level === 'error'
                ? (e.findings?.filter(x => x.level === 'error').map(x => x.status) ?? [e.status])
                : [];
            for (const s of statuses)
                counts.set(s, (counts.get(s) ?? 0) + 1);
            if (statuses.length)
                failing.add(f.file);
        }
        const problems = f.problems.filter(p => p.level === 'error').length;
        if (problems) {
            counts.set('file problem', (counts.get('file problem') ?? 0) + problems);
            failing.add(f.file);
        }
    }
    if (counts.size) {
        const n = [...counts.values()].reduce((a, b) => a + b, 0);
        const what = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
        out.push(`${mode}: ${n} error${n === 1 ? '' : 's'} in ${failing.size} file${failing.size === 1 ? '' : 's'} (${what}); each is annotated at its line`);
    }
    return out;
}

// EXTERNAL MODULE: ./src/reference.ts
var reference = __webpack_require__(8286);
;// CONCATENATED MODULE: ./src/files/resolve-plan.ts

/** The keys of a reference; null for a reference whose image is invalid (`error` set). */
function referenceKeys(ref) {
    if (ref.error)
        return null;
    let parsed;
    try {
        parsed = (0,reference/* parseReference */.F2)(ref.image);
    }
    catch {
        return null;
    }
    if (parsed.kind !== 'registry')
        return null;
    const name = (0,reference/* formatName */.nD)(parsed, false);
    const keys = {
        primary: parsed.tag ? (0,reference/* formatName */.nD)(parsed) : `${name}@${parsed.digest}`
    };
    if (parsed.tag)
        keys.tag = parsed.tag;
    if (parsed.digest) {
        keys.pinned = parsed.digest;
        if (parsed.tag)
            keys.digestForm = `${name}@${parsed.digest}`;
    }
    return keys;
}
/** Phase 1: the distinct images to resolve, in the order first found. */
function referencesToResolve(found) {
    const out = new Set();
    for (const ref of found) {
        const keys = referenceKeys(ref);
        if (keys)
            out.add(keys.primary);
    }
    return [...out];
}
/** Records by the image they were resolved for. */
function indexRecords(records) {
    return new Map(records.map(r => [r.image, r]));
}
/**
 * Whether the tag's record already answers for the pinned digest: the tag points at it, or at
 * an index listing it as one platform's manifest.
 */
function tagDescribesPin(tagRecord, pinned) {
    if (tagRecord.error)
        return false;
    return tagRecord.digest === pinned || tagRecord.platforms.some(p => p.digest === pinned);
}
/**
 * Phase 2 (verify only): the digest forms phase 1 could not answer for, given its records.
 * A tag that failed for another reason than not-found (auth, network) asks nothing more: the
 * digest would fail the same way, and the tag's error is what verify reports.
 */
function followUpReferences(found, records) {
    const byImage = indexRecords(records);
    const out = new Set();
    for (const ref of found) {
        const keys = referenceKeys(ref);
        if (!keys?.digestForm || !keys.pinned)
            continue;
        const tagRecord = byImage.get(keys.primary);
        if (!tagRecord)
            continue;
        const tagGone = tagRecord.error !== null && tagRecord.errorDetail?.kind === 'not-found';
        if (tagGone || (!tagRecord.error && !tagDescribesPin(tagRecord, keys.pinned)))
            out.add(keys.digestForm);
    }
    return [...out];
}

;// CONCATENATED MODULE: ./src/files/rewrite.ts


/**
 * Applies splices in one pass. Identical splices (one ARG default used by two FROMs) count
 * once; overlapping different ones, spans outside the text, or an `expect` that does not
 * match throw an `invalid-input` DigestGateError naming `file`.
 */
function applySplices(text, splices, file = 'the file') {
    const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
    let out = '';
    let at = 0;
    let last;
    for (const s of sorted) {
        if (last && s.start === last.start && s.end === last.end) {
            if (s.replacement === last.replacement)
                continue;
            throw new errors/* DigestGateError */.ic('invalid-input', `${file}: two different rewrites of offsets ${s.start}-${s.end} ('${last.replacement}' and '${s.replacement}')`);
        }
        if (s.start < at || s.end < s.start || s.end > text.length) {
            throw new errors/* DigestGateError */.ic('invalid-input', `${file}: rewrite of offsets ${s.start}-${s.end} overlaps another or lies outside the text`);
        }
        const current = text.slice(s.start, s.end);
        if (s.expect !== undefined && current !== s.expect) {
            throw new errors/* DigestGateError */.ic('invalid-input', `${file}: expected '${s.expect}' at offset ${s.start} but found '${current}'; the file changed since it was read`);
        }
        out += text.slice(at, s.start) + s.replacement;
        at = s.end;
        last = s;
    }
    return out + text.slice(at);
}
/**
 * The pinned form of a reference as written: the name and tag kept, the digest added or
 * replaced (`nginx:1.27` → `nginx:1.27@sha256:…`, `nginx:1.27@sha256:old` and `nginx@sha256:old`
 * → the new digest). A reference with neither tag nor digest gets `:latest` written out, so the
 * pin keeps saying which tag it follows and a later pin run can update it. Throws
 * `invalid-input` for a malformed digest (OCI image-spec descriptor.md#digests).
 */
function pinnedText(text, digest) {
    const problem = (0,reference/* digestProblem */.WQ)(digest);
    if (problem)
        throw new errors/* DigestGateError */.ic('invalid-input', `Cannot pin '${text}': ${problem}`);
    const at = text.indexOf('@');
    const name = at < 0 ? text : text.slice(0, at);
    const hasTag = name.lastIndexOf(':') > name.lastIndexOf('/');
    return hasTag || at >= 0 ? `${name}@${digest}` : `${name}:latest@${digest}`;
}
/**
 * Decodes file bytes as UTF-8, keeping a BOM as U+FEFF so offsets and rewrites see every
 * character. Invalid bytes decode to U+FFFD for scanning, and `problem` is set: such a file
 * can be reported on but not rewritten.
 */
function decodeText(bytes, file) {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const bad = firstInvalidUtf8(bytes);
    if (bad < 0)
        return { text };
    let line = 1;
    for (let i = 0; i < bad; i++)
        if (bytes[i] === 10)
            line++;
    return {
        text,
        problem: `${file} is not valid UTF-8 (byte ${bad}, line ${line}); refusing to rewrite it, as writing the text back would change bytes it does not understand`
    };
}
/**
 * Decodes, applies the splices and encodes back. Throws an `invalid-input` DigestGateError
 * for a file that is not valid UTF-8, or for splices `applySplices` refuses.
 */
function rewriteBytes(bytes, file, splices) {
    const decoded = decodeText(bytes, file);
    if (decoded.problem)
        throw new errors/* DigestGateError */.ic('invalid-input', decoded.problem);
    return new TextEncoder().encode(applySplices(decoded.text, splices, file));
}
/** Offset of the first byte that breaks UTF-8 (RFC 3629 §4: no overlongs or surrogates), or -1. */
function firstInvalidUtf8(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        let need;
        let min;
        let max = 0xbf;
        if (b >= 0xc2 && b <= 0xdf)
            [need, min] = [1, 0x80];
        else if (b === 0xe0)
            [need, min] = [2, 0xa0];
        else if (b === 0xed)
            [need, min, max] = [2, 0x80, 0x9f];
        else if (b >= 0xe1 && b <= 0xef)
            [need, min] = [2, 0x80];
        else if (b === 0xf0)
            [need, min] = [3, 0x90];
        else if (b === 0xf4)
            [need, min, max] = [3, 0x80, 0x8f];
        else if (b >= 0xf1 && b <= 0xf3)
            [need, min] = [3, 0x80];
        else
            return i;
        for (let k = 1; k <= need; k++) {
            const c = bytes[i + k];
            const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
            if (c === undefined || c < lo || c > hi)
                return i;
        }
        i += need + 1;
    }
    return -1;
}

;// CONCATENATED MODULE: ./src/files/pin-plan.ts


/** Plans the pins; never throws. */
function planPins(found, records) {
    const byImage = indexRecords(records);
    const outcomes = found.map(ref => planOne(ref, byImage));
    const byFile = new Map();
    for (const o of outcomes) {
        if (o.to === undefined)
            continue;
        const { file, start, end, text } = o.reference;
        const splices = byFile.get(file) ?? [];
        // One span reached twice (a YAML alias, say) is written once.
        if (!splices.some(s => s.start === start && s.end === end)) {
            splices.push({ start, end, replacement: o.to, expect: text });
        }
        byFile.set(file, splices);
    }
    const files = [...byFile]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([file, splices]) => ({ file, splices: splices.sort((a, b) => a.start - b.start) }));
    return { files, outcomes };
}
/** The files `pin` changes: the `changed-files` output. */
function changedFiles(plan) {
    return plan.files.filter(f => f.splices.length > 0).map(f => f.file);
}
function planOne(ref, byImage) {
    const base = { reference: ref, from: ref.text };
    const name = `'${ref.image}' (${ref.where})`;
    if (ref.error)
        return { ...base, status: 'failed', message: `${name}: ${ref.error}` };
    if (!ref.pinnable) {
        return { ...base, status: 'skipped', message: `${name} is not pinned: ${ref.reason ?? ''}` };
    }
    const keys = referenceKeys(ref);
    if (!keys)
        return { ...base, status: 'failed', message: `${name} is not a valid reference` };
    if (!keys.tag) {
        return {
            ...base,
            status: 'unchanged',
            oldDigest: keys.pinned,
            message: `${name} is pinned by digest with no tag to follow; left as it is`
        };
    }
    const record = byImage.get(keys.primary);
    if (!record) {
        return { ...base, status: 'failed', message: `${name}: ${keys.primary} was not resolved` };
    }
    if (record.error || !record.digest) {
        const why = record.error ?? `${keys.primary} resolved to no digest`;
        return {
            ...base,
            status: 'failed',
            oldDigest: keys.pinned,
            message: `${name} cannot be pinned: ${why}`
        };
    }
    const digest = record.digest;
    if (keys.pinned === digest) {
        return {
            ...base,
            status: 'unchanged',
            oldDigest: digest,
            newDigest: digest,
            message: `${name} is already pinned to ${digest}, what ${keys.primary} points at`
        };
    }
    const to = pinnedText(ref.text, digest);
    if (!keys.pinned) {
        return { ...base, status: 'pinned', to, newDigest: digest, message: `${name} pinned: ${to}` };
    }
    const child = record.platforms.find(p => p.digest === keys.pinned);
    const why = child
        ? `the old pin was the ${child.platform} manifest of its index only`
        : `${keys.primary} points at another digest than the pin`;
    return {
        ...base,
        status: 'updated',
        to,
        oldDigest: keys.pinned,
        newDigest: digest,
        message: `${name} updated (${why}): ${keys.pinned} → ${digest}`
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/files/positions.ts
var positions = __webpack_require__(2391);
;// CONCATENATED MODULE: ./src/files/read-files.ts





/**
 * The files a run reads and, in `mode: pin`, writes: only inside the workspace (a symlink that
 * leads out of it is refused, so a pull request cannot point a pin run at the runner's own
 * files), only up to a size no Dockerfile or manifest reaches, and never rewritten unless the
 * bytes are still the ones scanned (rewrite.ts checks each splice's `expect`).
 */
/** Far above any real Dockerfile, Compose file or rendered chart; a bigger file is a mistake. */
const FILE_CAP = 8 * 1024 * 1024;
/** Files read at once: enough to hide disk latency, few enough for any open-file limit. */
const READ_CONCURRENCY = 16;
/** Reads every file, `READ_CONCURRENCY` at a time; each failure is that file's problem. */
async function loadFiles(files, root) {
    const realRoot = await (0,promises_.realpath)(root);
    const out = new Array(files.length);
    let next = 0;
    const worker = async () => {
        while (next < files.length) {
            const i = next++;
            out[i] = await loadFile(files[i], root, realRoot);
        }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
    return out;
}
async function loadFile(file, root, realRoot) {
    const path = (0,external_node_path_.resolve)(root, file);
    const problem = (message) => ({
        file,
        path,
        problem: { file, line: 1, column: 1, message: `${file}: ${message}` }
    });
    try {
        const real = await (0,promises_.realpath)(path);
        const inside = (0,external_node_path_.relative)(realRoot, real);
        if (inside === '..' || inside.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(inside))
            return problem(`leads to ${real}, outside the workspace ${realRoot}; not read`);
        const { size } = await (0,promises_.stat)(real);
        if (size > FILE_CAP)
            return problem(`is ${size} bytes, over the ${FILE_CAP}-byte limit for a file of references`);
        const decoded = decodeText(await (0,promises_.readFile)(real), file);
        const loaded = { file, path: real, text: decoded.text };
        if (decoded.problem) {
            // U+FFFD is what the decoder put for the first bad byte; it is where an editor shows it.
            const at = decoded.text.indexOf('\ufffd');
            const position = (0,positions/* indexLines */.u)(decoded.text).positionAt(Math.max(at, 0));
            loaded.unwritable = { file, ...position, message: decoded.problem };
        }
        return loaded;
    }
    catch (e) {
        const code = e.code;
        return problem(`cannot be read (${code ?? (0,errors/* errorMessage */.gJ)(e)})`);
    }
}
/**
 * Applies the splices to the file as it is on disk now and writes it when that changes it.
 * Returns whether it wrote. Throws the `invalid-input` error of `rewriteBytes` when the file is
 * not valid UTF-8 or no longer holds what was scanned at a splice, leaving it untouched.
 */
async function rewriteFile(file, splices) {
    const bytes = await (0,promises_.readFile)(file.path);
    const rewritten = rewriteBytes(bytes, file.file, splices);
    if (Buffer.from(rewritten).equals(bytes))
        return false;
    await (0,promises_.writeFile)(file.path, rewritten);
    return true;
}

// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/files/render.ts

/**
 * The files part of a run for people: a job summary section (Markdown) and lines for a
 * terminal. Every string that came from a file is escaped: in a pull request's verify run the
 * files are the pull request's. Pure.
 */
/** The files section's share of the job summary (summary.ts keeps the whole under 1 MiB). */
const FILES_SUMMARY_LIMIT = 400 * 1024;
const MARK = { error: '❌', warning: '⚠️', notice: 'ℹ️' };
/** Statuses that are all is well: a notice about them gets a check mark, not an info sign. */
const GOOD = new Set(['ok', 'pinned', 'updated', 'unchanged']);
function mark(level, status) {
    return level === 'notice' && (status === undefined || GOOD.has(status)) ? '✅' : MARK[level];
}
/** `2 files, 5 references: 3 ok, 1 stale, 1 not-found` */
function filesHeadline(files) {
    const counts = new Map();
    for (const f of files)
        for (const e of f.references)
            counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
    const refs = [...counts.values()].reduce((a, b) => a + b, 0);
    const what = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
    return `${files.length} file${files.length === 1 ? '' : 's'}, ${refs} reference${refs === 1 ? '' : 's'}${what ? `: ${what}` : ''}`;
}
function worst(f) {
    const levels = [...f.references.map(e => e.level), ...f.problems.map(p => p.level)];
    return levels.includes('error') ? 'error' : levels.includes('warning') ? 'warning' : 'notice';
}
/** The job summary's section: per file, each reference, its status and what was found or done. */
function renderFilesSummary(mode, files, changedFiles, limit = FILES_SUMMARY_LIMIT) {
    const out = [`### Files (${mode})`, '', `${(0,src_text/* escapeMarkdown */.FV)(filesHeadline(files))}.`, ''];
    if (mode === 'pin') {
        out.push(changedFiles.length
            ? `Changed: ${changedFiles.map(src_text/* code */.aY).join(', ')}`
            : 'Changed: nothing; every reference was already pinned to what its tag points at.', '');
    }
    let size = Buffer.byteLength(out.join('\n'));
    let left = 0;
    for (const f of files) {
        const block = renderFile(f);
        const bytes = Buffer.byteLength(block) + 1;
        if (left || size + bytes > limit - 200) {
            left++;
            continue;
        }
        out.push(block);
        size += bytes;
    }
    if (left)
        out.push(`…and ${left} more files, in the report file (output \`report-file\`).`, '');
    return out.join('\n');
}
function renderFile(f) {
    const kind = f.kind ?? 'not a supported kind; not read';
    const lines = [`#### ${mark(worst(f))} ${(0,src_text/* code */.aY)(f.file)} (${(0,src_text/* escapeMarkdown */.FV)(kind)})`, ''];
    for (const p of f.problems)
        lines.push(`- ${MARK[p.level]} ${(0,src_text/* escapeMarkdown */.FV)(p.message)}`);
    if (f.problems.length)
        lines.push('');
    if (f.references.length) {
        lines.push('| Line | Reference | Status | Found |', '| ---: | --- | --- | --- |');
        for (const e of f.references) {
            const said = (e.findings ?? [e]).map(f => (0,src_text/* escapeMarkdown */.FV)(f.message)).join('<br>');
            const found = e.to ? `${(0,src_text/* code */.aY)(e.to)}<br>${said}` : said;
            lines.push(`| ${e.line}:${e.column} | ${(0,src_text/* code */.aY)(e.text)} | ${mark(e.level, e.status)} ${(0,src_text/* escapeMarkdown */.FV)(e.status)} | ${found} |`);
        }
        lines.push('');
    }
    else if (f.kind) {
        lines.push('No image references.', '');
    }
    if (f.skipped.length) {
        lines.push(`<details><summary>Not followed: ${f.skipped.length}</summary>`, '', ...f.skipped.map(s => `- ${s.line}:${s.column} ${(0,src_text/* code */.aY)(s.text)} (${(0,src_text/* escapeMarkdown */.FV)(s.where)}): ${(0,src_text/* escapeMarkdown */.FV)(s.reason)}`), '', '</details>', '');
    }
    return lines.join('\n');
}
/** One line per problem, reference and entry not followed, `file:line:col: status: message`. */
function renderFilesText(mode, files, changedFiles) {
    const out = [`${mode}: ${(0,src_text/* plainText */.wh)(filesHeadline(files))}`];
    for (const f of files) {
        const at = (line, column) => `${(0,src_text/* plainText */.wh)(f.file)}:${line}:${column}`;
        if (!f.kind && !f.problems.length)
            out.push(`${(0,src_text/* plainText */.wh)(f.file)}: not a supported kind; not read`);
        for (const p of f.problems)
            out.push(`${at(p.line, p.column)}: ${p.level}: ${(0,src_text/* plainText */.wh)(p.message)}`);
        for (const e of f.references)
            for (const { status, message } of e.findings ?? [e])
                out.push(`${at(e.line, e.column)}: ${status}: ${(0,src_text/* plainText */.wh)(message)}`);
        for (const s of f.skipped)
            out.push(`${at(s.line, s.column)}: not followed: '${(0,src_text/* plainText */.wh)(s.text)}': ${(0,src_text/* plainText */.wh)(s.reason)}`);
    }
    if (mode === 'pin')
        out.push(`changed: ${changedFiles.length ? changedFiles.map(src_text/* plainText */.wh).join(', ') : 'nothing'}`);
    return out;
}

// EXTERNAL MODULE: ./src/manifest.ts
var manifest = __webpack_require__(5546);
;// CONCATENATED MODULE: ./src/files/verify-plan.ts





/**
 * Severities, as a verify gate reads them: `invalid`, `not-found`, `failed`, `stale` (the file
 * no longer builds what its tag names), `missing-platforms`, `single-platform` with required
 * platforms lacking, and `unpinned` under requirePins are errors; `tag-missing` and a
 * `single-platform` pin when no platforms are required are warnings (the pin still pulls what
 * it always did, and nothing required is lost); `ok` and `unpinned` otherwise are notices.
 * Findings come in the order of the references; a reference with no problem gets one `ok`.
 * `requiredPlatforms` is the run's list, or, with a policy, what the rule of each reference's
 * image asks for.
 */
function planVerify(found, records, requiredPlatforms, requirePins) {
    const byImage = indexRecords(records);
    const requiredOf = typeof requiredPlatforms === 'function' ? requiredPlatforms : () => requiredPlatforms;
    return found.flatMap(ref => verifyOne(ref, byImage, requiredOf(ref), requirePins));
}
function requiredFor(ref, required) {
    if (ref.platform) {
        try {
            return [(0,platform/* parsePlatform */.Y8)(ref.platform)];
        }
        catch {
            // An unparseable --platform is the build's problem; check what the run requires.
        }
    }
    return [...required];
}
function verifyOne(ref, byImage, requiredPlatforms, requirePins) {
    const out = [];
    const add = (status, severity, message, extra = {}) => {
        const { file, line, column } = ref;
        out.push({ file, line, column, reference: ref, status, severity, message, ...extra });
    };
    const name = `'${ref.image}'`;
    const keys = referenceKeys(ref);
    if (!keys) {
        add('invalid', 'error', ref.error ?? `${name} is not a valid image reference`);
        return out;
    }
    const check = {
        ref,
        name,
        keys,
        required: requiredFor(ref, requiredPlatforms),
        byImage,
        add
    };
    const primary = byImage.get(keys.primary);
    if (!primary)
        add('failed', 'error', `${name}: ${keys.primary} was not resolved`);
    else if (!keys.pinned)
        verifyUnpinned(check, primary, requirePins);
    else {
        const pinRecord = keys.digestForm ? compareWithTag(check, primary, keys.pinned) : primary;
        if (pinRecord)
            verifyPinnedDigest(check, pinRecord, keys.pinned, out.length === 0);
    }
    return out;
}
function verifyUnpinned(check, record, requirePins) {
    const { ref, name, add } = check;
    if (record.error) {
        add('failed', 'error', `${name} cannot be resolved: ${record.error}`);
        return;
    }
    checkPlatforms(check, record, undefined);
    const advice = ref.pinnable && record.digest
        ? `; pin it as ${pinnedText(ref.text, record.digest)}`
        : ref.pinnable
            ? ''
            : `, and cannot be pinned in place: ${ref.reason ?? ''}`;
    add('unpinned', requirePins ? 'error' : 'notice', `${name} is not pinned by digest${advice}`, {
        currentDigest: record.digest ?? undefined
    });
}
/**
 * A pinned `name:tag@digest` against what its tag points at now. Returns the record that
 * describes the pinned digest (the tag's own, or phase 2's), or undefined when nothing more
 * is to be checked.
 */
function compareWithTag(check, tagRecord, pinned) {
    const { keys, name, required, add } = check;
    const pinnedDigest = pinned;
    if (tagRecord.error) {
        if (tagRecord.errorDetail?.kind !== 'not-found') {
            const message = `${name}: cannot check the pin, its tag failed to resolve: ${tagRecord.error}`;
            add('failed', 'error', message, { pinnedDigest });
            return undefined;
        }
        const message = `${name}: the tag ${keys.primary} no longer exists, so the pin ${pinned} follows nothing`;
        add('tag-missing', 'warning', message, { pinnedDigest });
        return pinRecordOf(check, pinned);
    }
    const current = tagRecord.digest ?? undefined;
    if (current === pinned)
        return tagRecord;
    const child = tagRecord.platforms.find(p => p.digest === pinned);
    if (!child) {
        const message = `${name} is stale: ${keys.primary} now points at ${current ?? '(no digest)'}, the pin is ${pinned}`;
        add('stale', 'error', message, { pinnedDigest, currentDigest: current });
        return pinRecordOf(check, pinned);
    }
    // The pin is one platform's manifest out of the index the tag names.
    const lacks = required.length
        ? required.filter(r => !childMatches(r, child)).map(platform/* formatPlatform */.Bq)
        : tagRecord.platforms.map(p => p.platform).filter(p => p !== child.platform);
    const index = `${keys.primary}'s index ${current ?? ''}`;
    if (!lacks.length) {
        const message = `${name} pins the ${child.platform} manifest of ${index}, the only platform required`;
        add('ok', 'notice', message, { pinnedDigest, currentDigest: current });
        return undefined;
    }
    add('single-platform', required.length ? 'error' : 'warning', `${name} pins only the ${child.platform} manifest of ${index}, so it lacks ${lacks.join(', ')}; pin the index to keep every platform`, { pinnedDigest, currentDigest: current, missing: required.length ? lacks : undefined });
    return undefined;
}
function pinRecordOf(check, pinned) {
    const { keys, name, byImage, add } = check;
    const record = keys.digestForm ? byImage.get(keys.digestForm) : undefined;
    if (!record) {
        const message = `${name}: the pinned digest (${keys.digestForm ?? pinned}) was not resolved`;
        add('failed', 'error', message, { pinnedDigest: pinned });
    }
    return record;
}
/** The pinned digest itself: does it exist, has it the platforms required. */
function verifyPinnedDigest(check, record, pinned, nothingSoFar) {
    const { keys, name, add } = check;
    const pinnedDigest = pinned;
    if (record.error) {
        if (record.errorDetail?.kind === 'not-found') {
            const message = `${name}: the pinned digest ${pinned} no longer exists in the registry`;
            add('not-found', 'error', message, { pinnedDigest });
        }
        else {
            const message = `${name}: the pinned digest cannot be resolved: ${record.error}`;
            add('failed', 'error', message, { pinnedDigest });
        }
        return;
    }
    const flagged = checkPlatforms(check, record, pinned);
    if (nothingSoFar && !flagged) {
        const why = keys.digestForm ? `what ${keys.primary} points at` : 'which exists';
        add('ok', 'notice', `${name} is pinned to ${pinned}, ${why}`, { pinnedDigest });
    }
}
/** Adds a finding when the record lacks required platforms; returns whether it did. */
function checkPlatforms(check, record, pinned) {
    const { name, required, add } = check;
    if (!required.length)
        return false;
    const missing = (0,src_policy/* missingPlatforms */.z3)(record, required);
    if (!missing.length)
        return false;
    const single = record.platforms.length === 1 && !(0,manifest/* isIndexType */.$U)(record.mediaType ?? '');
    const what = pinned ? `the pinned digest ${pinned}` : (record.digest ?? 'it');
    if (single && pinned) {
        const message = `${name}: ${what} is a single-platform manifest (${record.platforms[0].platform}); it lacks ${missing.join(', ')}`;
        add('single-platform', 'error', message, { pinnedDigest: pinned, missing });
    }
    else {
        const message = `${name}: ${what} lacks the required platforms ${missing.join(', ')}`;
        add('missing-platforms', 'error', message, { pinnedDigest: pinned, missing });
    }
    return true;
}
function childMatches(required, child) {
    try {
        return (0,platform/* platformMatches */.J5)(required, child.declared ?? (0,platform/* parsePlatform */.Y8)(child.platform));
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/files/run-files.ts











/**
 * A run with `files`: expand the globs → read and scan each file → resolve the images given and
 * the references found through one session (one token, one request per manifest, shared with
 * `images`) → plan (pin-plan.ts, verify-plan.ts) → in `mode: pin`, write. The shell (main.ts,
 * cli.ts) turns the result into outputs, annotations and the summary, as for any run.
 *
 * Loaded lazily by the shell, and itself loads the glob and YAML code lazily, so a run without
 * `files` loads none of it.
 */
/** The workspace `files` are relative to: `GITHUB_WORKSPACE`, else the current directory. */
function workspaceRoot(env) {
    return (0,external_node_path_.resolve)(env.GITHUB_WORKSPACE || process.cwd());
}
/**
 * Runs the gate over `settings.images` and the files `settings.files` names. Records of both
 * are in `records` (and so in every output); `imageRecords` are those of `images` alone, for
 * the image-level failures. Throws only for bad input found on the way (a pattern that matches
 * nothing), as a DigestGateError naming the input.
 */
async function runFiles(settings, hooks = {}) {
    const root = workspaceRoot(hooks.env ?? process.env);
    // A bad policy fails the step before any file is read or request sent.
    const policy = await (0,run/* loadRunPolicy */.Ib)(settings);
    const { expandGlobs } = await __webpack_require__.e(/* import() */ 577).then(__webpack_require__.bind(__webpack_require__, 6577));
    const paths = await expandGlobs(settings.files.join('\n'), root);
    const loaded = await loadFiles(paths, root);
    const scans = await scanFiles(loaded);
    const found = scans.flatMap(s => s.references);
    // Pin writes what each tag points at now: a reference without a tag, or one it cannot
    // rewrite, needs nothing resolved.
    const toResolve = referencesToResolve(settings.mode === 'pin' ? found.filter(r => r.pinnable && referenceKeys(r)?.tag) : found);
    const session = (0,run/* openSession */.fA)(settings, hooks, [...settings.images, ...toResolve]);
    let imageRecords;
    let refRecords;
    let baseline;
    let problems;
    let facts;
    let records;
    let judged;
    try {
        let tagRecords;
        [{ baseline, problems }, imageRecords, tagRecords] = await Promise.all([
            (0,run/* readBaseline */.mF)(settings),
            session.resolve(settings.images),
            session.resolve(toResolve)
        ]);
        const followUp = settings.mode === 'pin' ? [] : followUpReferences(found, tagRecords);
        refRecords = [...tagRecords, ...(await session.resolve(followUp))];
        records = uniqueByImage([...imageRecords, ...refRecords]);
        // The policy judges the references' images as it judges the images given.
        judged = await (0,run/* judgeRun */.Zy)(policy, records, session, baseline);
        facts = session.facts();
    }
    finally {
        session.dispose();
    }
    const rules = judged.policy?.rules;
    // What a reference's image must have: its policy rule's platforms, else `platforms`.
    const platformsOf = (rule) => rule?.platforms ?? [...settings.platforms];
    const ruleOf = policy?.ruleFor;
    const refPlatforms = (ref) => {
        const keys = referenceKeys(ref);
        return platformsOf(keys && ruleOf ? ruleOf({ image: ref.image, ref: keys.primary }) : undefined);
    };
    const missing = applyPolicy(records, requirements(settings, found, refPlatforms, records, rules));
    const reports = new Map(loaded.map(f => [f.file, fileReport(f, scans, settings.mode)]));
    const changedFiles = [];
    if (settings.mode === 'pin') {
        const plan = planPins(found, records);
        await writePins(plan, loaded, changedFiles);
        for (const o of plan.outcomes)
            reports.get(o.reference.file)?.references.push(pinEntry(o));
    }
    else {
        const findings = planVerify(found, records, refPlatforms, settings.requirePins);
        const entries = verifyEntries(findings, settings.mode, settings.failOnMissing);
        for (const ref of found) {
            const entry = entries.get(ref);
            if (entry)
                reports.get(ref.file)?.references.push(entry);
        }
    }
    const files = [...reports.values()];
    // In file order, as a reader scans the file (an ARG default is found at its FROM).
    for (const f of files)
        f.references.sort((a, b) => a.line - b.line || a.column - b.column);
    const failures = filesFailures(settings.mode, files);
    const outcome = {
        mode: settings.mode,
        files,
        annotations: fileAnnotations(files),
        changedFiles,
        failures,
        summary: renderFilesSummary(settings.mode, files, changedFiles),
        lines: renderFilesText(settings.mode, files, changedFiles)
    };
    return {
        records,
        imageRecords,
        missing,
        ok: (0,src_policy/* isOk */.HQ)(imageRecords) &&
            !missing.length &&
            !failures.length &&
            !problems.length &&
            !judged.violations.length,
        baseline,
        problems,
        warnings: [],
        violations: judged.violations,
        failOn: records.map((_, i) => rules?.[i]['fail-on'] ?? settings.failOn),
        policy: judged.policy,
        facts,
        files: outcome
    };
}
async function scanFiles(loaded) {
    const readable = loaded.filter(f => f.text !== undefined);
    if (!readable.length)
        return [];
    const { findReferences } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(517)]).then(__webpack_require__.bind(__webpack_require__, 2517));
    return readable.map(f => findReferences(f.file, f.text ?? ''));
}
/** The same image named in `images` and found in a file is one record in the outputs. */
function uniqueByImage(records) {
    const seen = new Map();
    for (const r of records)
        if (!seen.has(r.image))
            seen.set(r.image, r);
    return [...seen.values()];
}
/**
 * What each record must have: for the images given, their policy rule's platforms, else
 * `platforms`; for a reference's image, what the reference needs: its literal
 * `FROM --platform` if it has one (the build pulls nothing else), else its rule's or
 * `platforms`. Keyed by the strings resolve-plan.ts resolves.
 */
function requirements(settings, found, refPlatforms, records, rules) {
    const out = new Map();
    const add = (image, platforms) => {
        const set = out.get(image) ?? new Map();
        for (const p of platforms)
            set.set((0,platform/* formatPlatform */.Bq)(p), p);
        out.set(image, set);
    };
    const given = new Set(settings.images.map(image => image.trim()));
    records.forEach((r, i) => {
        if (given.has(r.image))
            add(r.image, rules?.[i].platforms ?? settings.platforms);
    });
    for (const ref of found) {
        const keys = referenceKeys(ref);
        if (!keys)
            continue;
        const need = literalPlatform(ref) ?? refPlatforms(ref);
        add(keys.primary, need);
        if (keys.digestForm)
            add(keys.digestForm, need);
    }
    return new Map([...out].map(([image, set]) => [image, [...set.values()]]));
}
function literalPlatform(ref) {
    if (!ref.platform)
        return undefined;
    try {
        return [(0,platform/* parsePlatform */.Y8)(ref.platform)];
    }
    catch {
        return undefined;
    }
}
/** evaluatePolicy (policy.ts) with each record's own requirements. */
function applyPolicy(records, required) {
    const out = [];
    for (const record of records) {
        record.missing = (0,src_policy/* missingPlatforms */.z3)(record, required.get(record.image) ?? []);
        for (const platform of record.missing)
            out.push({ image: record.image, platform });
    }
    return out;
}
/** The report of one file before its references' entries are added. */
function fileReport(file, scans, mode) {
    const scan = scans.find(s => s.file === file.file);
    // In pin and verify a file that cannot be read is a hole in the gate; a report only says so.
    const readLevel = mode === 'report' ? 'warning' : 'error';
    const problems = [];
    if (file.problem)
        problems.push(problemEntry(file.problem, readLevel));
    // Not valid UTF-8: still scanned, never rewritten; a pin it blocks fails on its own line.
    if (file.unwritable)
        problems.push(problemEntry(file.unwritable, 'warning'));
    for (const p of scan?.problems ?? [])
        problems.push(problemEntry(p, readLevel));
    return {
        file: file.file,
        kind: scan?.kind ?? null,
        references: [],
        skipped: (scan?.skipped ?? []).map(({ line, column, where, text, reason }) => ({
            line,
            column,
            where,
            text,
            reason
        })),
        problems
    };
}
/** A problem without the `file:line:col: ` it starts with: the report and annotations place it. */
function problemEntry(p, level) {
    let message = p.message;
    for (const prefix of [`${p.file}:${p.line}:${p.column}: `, `${p.file}: `])
        if (message.startsWith(prefix))
            message = message.slice(prefix.length);
    return { line: p.line, column: p.column, level, message };
}
/**
 * Writes each file of the plan. A file that cannot be rewritten (not UTF-8, changed since it
 * was scanned, not writable) is left as it was, and each pin planned in it fails with why.
 */
async function writePins(plan, loaded, changed) {
    const byFile = new Map(loaded.map(f => [f.file, f]));
    for (const edits of plan.files) {
        const file = byFile.get(edits.file);
        let why;
        if (!file)
            why = `${edits.file} was not read`;
        else if (file.unwritable)
            why = file.unwritable.message;
        else {
            try {
                if (await rewriteFile(file, edits.splices))
                    changed.push(edits.file);
            }
            catch (e) {
                why = (0,errors/* errorMessage */.gJ)(e);
            }
        }
        if (why === undefined)
            continue;
        for (const o of plan.outcomes) {
            if (o.reference.file !== edits.file || o.to === undefined)
                continue;
            o.status = 'failed';
            o.message = `'${o.reference.image}' (${o.reference.where}) cannot be pinned: ${why}`;
            delete o.to;
        }
    }
    changed.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}


/***/ })

};
