export const id = 669;
export const ids = [669];
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

/***/ 2541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LL: () => (/* binding */ rewriteFile),
/* harmony export */   aY: () => (/* binding */ loadFiles)
/* harmony export */ });
/* unused harmony export FILE_CAP */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7206);
/* harmony import */ var _fs_regular_file_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5650);
/* harmony import */ var _positions_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2391);
/* harmony import */ var _rewrite_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7903);






/**
 * The files a run reads and, in `mode: pin`, writes: only inside the workspace (a symlink that
 * leads out of it is refused, so a pull request cannot point a pin run at the runner's own
 * files), only up to a size no Dockerfile or manifest reaches, and never rewritten unless the
 * bytes are still the ones scanned (rewrite.ts checks each splice's `expect`). Only regular
 * files are opened, without blocking (regular-file.ts): a FIFO, directly or through a symlink,
 * is that file's problem, never a run that waits forever for a writer.
 */
/** Far above any real Dockerfile, Compose file or rendered chart; a bigger file is a mistake. */
const FILE_CAP = 8 * 1024 * 1024;
/** Files read at once: enough to hide disk latency, few enough for any open-file limit. */
const READ_CONCURRENCY = 16;
/** Reads every file, `READ_CONCURRENCY` at a time; each failure is that file's problem. */
async function loadFiles(files, root) {
    const realRoot = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(root);
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
class TooBig extends Error {
}
const tooBig = (size) => new TooBig(`is ${size} bytes, over the ${FILE_CAP}-byte limit for a file of references`);
async function loadFile(file, root, realRoot) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root, file);
    const problem = (message) => ({
        file,
        path,
        problem: { file, line: 1, column: 1, message: `${file}: ${message}` }
    });
    try {
        const real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(path);
        const inside = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(realRoot, real);
        if (inside === '..' || inside.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(inside))
            // The real path is not named: a path outside the workspace is never printed.
            return problem('leads outside the workspace; not read');
        const decoded = (0,_rewrite_js__WEBPACK_IMPORTED_MODULE_4__/* .decodeText */ .g7)(await (0,_fs_regular_file_js__WEBPACK_IMPORTED_MODULE_3__/* .readRegular */ .VX)(real, FILE_CAP, tooBig), file);
        const loaded = { file, path: real, text: decoded.text };
        if (decoded.problem) {
            // U+FFFD is what the decoder put for the first bad byte; it is where an editor shows it.
            const at = decoded.text.indexOf('\ufffd');
            const position = (0,_positions_js__WEBPACK_IMPORTED_MODULE_5__/* .indexLines */ .u)(decoded.text).positionAt(Math.max(at, 0));
            loaded.unwritable = { file, ...position, message: decoded.problem };
        }
        return loaded;
    }
    catch (e) {
        if (e instanceof TooBig)
            return problem(e.message);
        if (e instanceof _fs_regular_file_js__WEBPACK_IMPORTED_MODULE_3__/* .NotRegularFileError */ .iZ)
            return problem(`is ${e.kind}, not a file; not read`);
        const code = e.code;
        return problem(`cannot be read (${code ?? (0,_model_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e)})`);
    }
}
/**
 * Applies the splices to the file as it is on disk now and writes it when that changes it.
 * Returns whether it wrote. Throws the `invalid-input` error of `rewriteBytes` when the file is
 * not valid UTF-8 or no longer holds what was scanned at a splice, leaving it untouched.
 */
async function rewriteFile(file, splices) {
    const bytes = await (0,_fs_regular_file_js__WEBPACK_IMPORTED_MODULE_3__/* .readRegular */ .VX)(file.path, FILE_CAP, tooBig);
    const rewritten = (0,_rewrite_js__WEBPACK_IMPORTED_MODULE_4__/* .rewriteBytes */ .cY)(bytes, file.file, splices);
    if (Buffer.from(rewritten).equals(bytes))
        return false;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file.path, rewritten);
    return true;
}


/***/ }),

/***/ 7903:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Wm: () => (/* binding */ pinnedText),
/* harmony export */   cY: () => (/* binding */ rewriteBytes),
/* harmony export */   g7: () => (/* binding */ decodeText)
/* harmony export */ });
/* unused harmony export applySplices */
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7206);
/* harmony import */ var _model_reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6676);


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
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', `${file}: two different rewrites of offsets ${s.start}-${s.end} ('${last.replacement}' and '${s.replacement}')`);
        }
        if (s.start < at || s.end < s.start || s.end > text.length) {
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', `${file}: rewrite of offsets ${s.start}-${s.end} overlaps another or lies outside the text`);
        }
        const current = text.slice(s.start, s.end);
        if (s.expect !== undefined && current !== s.expect) {
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', `${file}: expected '${s.expect}' at offset ${s.start} but found '${current}'; the file changed since it was read`);
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
    const problem = (0,_model_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .digestProblem */ .WQ)(digest);
    if (problem)
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', `Cannot pin '${text}': ${problem}`);
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
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', decoded.problem);
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


/***/ }),

/***/ 5991:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ks: () => (/* binding */ insertionPoint),
/* harmony export */   Lb: () => (/* binding */ scalarSpan),
/* harmony export */   OO: () => (/* binding */ splitSplices),
/* harmony export */   cF: () => (/* binding */ pairOf),
/* harmony export */   vg: () => (/* binding */ splitDisplay)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7206);
/* harmony import */ var _model_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6676);
/* harmony import */ var _yaml_scan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2768);




/**
 * References written over several values of one YAML map: a Helm values image map
 * (`{registry, repository, tag, digest}`, the Bitnami layout) or a Kustomize `images:` entry
 * (`{name, newName, newTag, digest}`). Reading one keeps each value's exact span; writing one
 * (a pin: the digest; a promotion: the tag and the digest) splices each value in place and adds
 * a missing key on a line of its own, at the indentation of its neighbours, so every other byte
 * of the file is kept. Pure.
 */
/** A scalar's own characters, when they are its value exactly; else why they are not. */
function scalarSpan(scan, node, asWritten = false) {
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) || !node.range)
        return 'the value is not a string';
    const [from, to] = node.range;
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
        return 'the value is a block scalar; rewriting it in place is not safe';
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const start = quoted ? from + 1 : from;
    const end = quoted ? to - 1 : to;
    const text = scan.text.slice(start, end);
    if (quoted && text !== String(node.value))
        return 'the value is written with escapes';
    if (!quoted && node.value === null) {
        // `digest:` with nothing after it: a value written there needs a space after the colon.
        return { start, end, text: '', plain: true, lead: scan.text[start - 1] === ':' ? ' ' : '' };
    }
    // Helm reads values untyped (`tag: 1.10` is the number 1.1); Kustomize reads strings as written.
    if (!asWritten && !quoted && typeof node.value !== 'string' && String(node.value) !== text)
        return `YAML reads '${text}' as ${String(node.value)}, so the chart sees that; quote the value`;
    return { start, end, text, plain: !quoted };
}
/** A pair of a map by its key (no merge keys: a map written in place is what is rewritten). */
function pairOf(map, key, doc) {
    const node = (0,_yaml_scan_js__WEBPACK_IMPORTED_MODULE_3__/* .deref */ .LA)(map, doc);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node))
        return undefined;
    return node.items.find(p => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(p.key) && p.key.value === key);
}
/**
 * Where keys missing from `map` are added: after `anchor` (the pair whose line they follow).
 * In a block map, at the end of the anchor's last line (after any comment on it), on new lines
 * indented as the anchor's key; in a flow map, right after the anchor's value.
 */
function insertionPoint(scan, map, anchor, doc) {
    const node = (0,_yaml_scan_js__WEBPACK_IMPORTED_MODULE_3__/* .deref */ .LA)(map, doc);
    const keyRange = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(anchor.key) ? anchor.key.range : undefined;
    const valueEnd = anchor.value?.range?.[1];
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node) || !keyRange || valueEnd === undefined)
        return undefined;
    if (node.flow)
        return { at: valueEnd, before: ', ', after: '' };
    const text = scan.text;
    const lineStart = Math.max(text.lastIndexOf('\n', keyRange[0] - 1), text.lastIndexOf('\r', keyRange[0] - 1)) + 1;
    const indent = ' '.repeat([...text.slice(lineStart, keyRange[0])].length);
    let at = valueEnd;
    while (at < text.length && text[at] !== '\n' && text[at] !== '\r')
        at++;
    const eol = text.startsWith('\r\n', at) ? '\r\n' : text[at] === '\r' ? '\r' : '\n';
    return { at, before: eol + indent, after: '' };
}
/** How a new value is written where it goes: quoted when YAML would not read it as a string. */
function yamlValue(value, span) {
    if (span && !span.plain)
        return value;
    let plainReadsAs;
    try {
        plainReadsAs = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(value);
    }
    catch {
        plainReadsAs = undefined;
    }
    return plainReadsAs === value ? value : JSON.stringify(value);
}
/**
 * The splices that write `digest` (and, for a promotion, `tag`) into a split reference. A value
 * already equal is left alone; missing keys are added together in one insertion, tag first.
 */
function splitSplices(ref, split, values) {
    const problem = (0,_model_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .digestProblem */ .WQ)(values.digest);
    if (problem)
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('invalid-input', `Cannot pin '${ref.image}': ${problem}`);
    const out = [];
    const added = [];
    const write = (key, span, value) => {
        if (value === undefined)
            return;
        if (!span)
            added.push(`${split.insert.before}${key}: ${yamlValue(value)}${split.insert.after}`);
        else if (span.text !== value)
            out.push({
                start: span.start,
                end: span.end,
                replacement: (span.lead ?? '') + yamlValue(value, span),
                expect: span.text
            });
    };
    write(split.tagKey, split.tag, values.tag);
    write(split.digestKey, split.digest, values.digest);
    if (added.length) {
        const { at } = split.insert;
        out.push({ start: at, end: at, replacement: added.join(''), expect: '' });
    }
    return out;
}
/** `name:tag@digest` as a person reads a split reference, for messages and the summary. */
function splitDisplay(name, tag, digest) {
    return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}


/***/ }),

/***/ 2768:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EH: () => (/* binding */ mapString),
/* harmony export */   LA: () => (/* binding */ deref),
/* harmony export */   Nn: () => (/* binding */ mapEntries),
/* harmony export */   SP: () => (/* binding */ readImageNode),
/* harmony export */   Sg: () => (/* binding */ seqItems),
/* harmony export */   ZX: () => (/* binding */ mapGet),
/* harmony export */   tr: () => (/* binding */ mapGetRaw),
/* harmony export */   v: () => (/* binding */ parseYamlDocuments)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);

/**
 * The documents of a stream that parsed cleanly. Each syntax error becomes a problem naming
 * the file, line and column; its document is left out, the others are kept.
 */
function parseYamlDocuments(scan) {
    const docs = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseAllDocuments */ .hR)(scan.text, { prettyErrors: false });
    const good = [];
    const report = (errors) => {
        for (const e of errors) {
            const position = scan.lines.positionAt(e.pos[0]);
            scan.problems.push({
                file: scan.file,
                ...position,
                message: `${scan.file}:${position.line}:${position.column}: not valid YAML: ${e.message}`
            });
        }
    };
    if (!Array.isArray(docs))
        return good;
    if ('empty' in docs)
        report(docs.errors);
    for (const doc of docs) {
        if (doc.errors.length)
            report(doc.errors);
        else
            good.push(doc);
    }
    return good;
}
/** Follows an alias to the node it names (once per hop, refusing cycles). */
function deref(node, doc) {
    let current = node;
    for (let hops = 0; (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(current); hops++) {
        if (hops > 32)
            return undefined;
        current = current.resolve(doc);
    }
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(current) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(current) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(current) ? current : undefined;
}
/**
 * The value under `key` in a mapping as written (an alias stays an alias), looking through
 * merge keys when it is not there.
 */
function mapGetRaw(node, key, doc, depth = 0) {
    const map = deref(node, doc);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(map) || depth > 32)
        return undefined;
    for (const pair of map.items) {
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) && pair.key.value === key)
            return pair.value ?? undefined;
    }
    for (const pair of map.items) {
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) || pair.key.value !== '<<')
            continue;
        const sources = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(pair.value) ? pair.value.items : [pair.value];
        for (const source of sources) {
            const found = mapGetRaw(source, key, doc, depth + 1);
            if (found !== undefined)
                return found;
        }
    }
    return undefined;
}
/** The value under `key` in a mapping, aliases followed. */
function mapGet(node, key, doc) {
    return deref(mapGetRaw(node, key, doc), doc);
}
/** The string-keyed entries of a mapping, in order. */
function mapEntries(node, doc) {
    const map = deref(node, doc);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(map))
        return [];
    return map.items
        .filter(pair => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) && typeof pair.key.value === 'string')
        .map(pair => [pair.key.value, pair.value]);
}
/** The items of a sequence (aliases followed). */
function seqItems(node, doc) {
    const seq = deref(node, doc);
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(seq) ? seq.items : [];
}
/** A mapping's string value under `key`, or undefined. */
function mapString(node, key, doc) {
    const value = mapGet(node, key, doc);
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(value) && typeof value.value === 'string' ? value.value : undefined;
}
/**
 * Records the image a scalar holds at `where`. The span is the value's own characters
 * (inside the quotes, for a quoted scalar); a value whose source differs from its value
 * (escapes, folding, block scalars) is reported but not pinnable.
 */
function readImageNode(scan, doc, raw, where, options = {}) {
    const node = deref(raw, doc);
    const at = node?.range?.[0] ?? raw?.range?.[0] ?? 0;
    const skip = (text, reason) => {
        scan.skipped.push({
            file: scan.file,
            ...scan.lines.positionAt(at),
            kind: scan.kind,
            where,
            text,
            reason
        });
    };
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) || !node.range) {
        skip('', 'the value is not a string');
        return;
    }
    if (node.value === null || node.value === '') {
        skip('', 'the value is empty');
        return;
    }
    if (typeof node.value !== 'string') {
        skip(scan.text.slice(node.range[0], node.range[1]), 'the value is not a string');
        return;
    }
    const value = node.value;
    const prefix = options.prefix ?? '';
    const image = value.slice(prefix.length);
    const reason = options.skipReason?.(image);
    if (reason) {
        skip(value, reason);
        return;
    }
    const [from, to] = node.range;
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const innerFrom = quoted ? from + 1 : from;
    const innerTo = quoted ? to - 1 : to;
    const written = scan.text.slice(innerFrom, innerTo);
    const exact = written === value && node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED';
    const start = exact ? innerFrom + prefix.length : from;
    const end = exact ? innerTo : to;
    const ref = {
        file: scan.file,
        ...scan.lines.positionAt(start),
        start,
        end,
        text: exact ? image : scan.text.slice(from, to),
        image,
        kind: scan.kind,
        where: (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(raw) ? `${where} (through alias *${raw.source})` : where,
        pinnable: exact
    };
    if (!exact) {
        ref.reason =
            'the value is written with escapes, line folding or as a block scalar; rewriting it in place is not safe';
    }
    scan.references.push(ref);
}


/***/ }),

/***/ 8669:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runFiles: () => (/* binding */ runFiles)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/report/baseline.ts
var report_baseline = __webpack_require__(7355);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
// EXTERNAL MODULE: ./src/model/platform.ts + 1 modules
var platform = __webpack_require__(3065);
// EXTERNAL MODULE: ./src/policy/judge.ts
var policy_judge = __webpack_require__(8201);
// EXTERNAL MODULE: ./src/run/run-result.ts
var run_result = __webpack_require__(2932);
// EXTERNAL MODULE: ./src/run/session.ts + 9 modules
var run_session = __webpack_require__(3167);
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
    promoted: 'promoted',
    drift: 'drift from the release',
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
        out.push(`files: none of the ${files.length} file${files.length === 1 ? '' : 's'} matched could be read as a Dockerfile, Compose file, Kubernetes manifest, workflow, Helm values, Kustomization, CI pipeline or dev container (${files
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

// EXTERNAL MODULE: ./src/model/reference.ts
var reference = __webpack_require__(6676);
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

// EXTERNAL MODULE: ./src/files/rewrite.ts
var rewrite = __webpack_require__(7903);
// EXTERNAL MODULE: ./src/files/split-reference.ts
var split_reference = __webpack_require__(5991);
;// CONCATENATED MODULE: ./src/files/promote-plan.ts




/** The promotions `images` asks for: each image with a tag, by repository. */
function promotionsOf(images) {
    const out = new Map();
    for (const given of images) {
        const image = given.trim();
        try {
            const parsed = (0,reference/* parseReference */.F2)(image);
            if (parsed.kind !== 'registry' || !parsed.tag)
                continue;
            const name = (0,reference/* formatName */.nD)(parsed, false);
            if (!out.has(name))
                out.set(name, { name, tag: parsed.tag, image });
        }
        catch {
            // An invalid image fails as an image of `images`; it promotes nothing.
        }
    }
    return out;
}
/** The promotion of the reference's repository, if `images` names it. */
function promotionOf(ref, promotions) {
    if (!promotions.size || ref.error)
        return undefined;
    try {
        const parsed = (0,reference/* parseReference */.F2)(ref.image);
        return parsed.kind === 'registry' ? promotions.get((0,reference/* formatName */.nD)(parsed, false)) : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * The references whose own tags a run resolves (`tags`, resolve-plan.ts phase 1) and whose
 * pins it may follow up (`followUp`, phase 2): a reference promoted (pin), or naming its
 * released repository at another tag (verify: drift), needs only the release's record, so
 * requests stay at one per distinct tag. Without promotions, every reference, as before.
 */
function referencesToAsk(found, promotions, mode) {
    const tags = found.filter(ref => {
        const promotion = promotionOf(ref, promotions);
        return !promotion || (mode !== 'pin' && referenceKeys(ref)?.tag === promotion.tag);
    });
    return { tags, followUp: tags.filter(ref => !promotionOf(ref, promotions)) };
}
/**
 * The text a reference is rewritten to and the splices that write it: the digest (a pin), or
 * the tag and the digest (a promotion). For a string, the name as written is kept.
 */
function rewriteOf(ref, digest, tag) {
    if (ref.split) {
        const name = ref.image.replace(/@.*$/, '').replace(/:[^:/]*$/, '');
        const keepTag = tag ?? referenceKeys(ref)?.tag;
        const to = (0,split_reference/* splitDisplay */.vg)(name, keepTag, digest);
        return { to, splices: (0,split_reference/* splitSplices */.OO)(ref, ref.split, { digest, tag }) };
    }
    const to = tag ? (0,rewrite/* pinnedText */.Wm)(`${nameOf(ref.text)}:${tag}`, digest) : (0,rewrite/* pinnedText */.Wm)(ref.text, digest);
    return { to, splices: [{ start: ref.start, end: ref.end, replacement: to, expect: ref.text }] };
}
/** The name part of a reference as written: without its digest and tag. */
function nameOf(text) {
    const at = text.indexOf('@');
    const name = at < 0 ? text : text.slice(0, at);
    const colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}
/** What a verify run says of a reference to a promoted repository, when it drifts. */
function driftMessage(ref, promotion, record) {
    const keys = referenceKeys(ref);
    if (!keys)
        return undefined;
    const release = record?.digest ? `${promotion.image} (${record.digest})` : promotion.image;
    if (keys.tag !== promotion.tag)
        return `'${ref.image}' drifts from the release: it names ${keys.tag ? `tag ${keys.tag}` : `digest ${keys.pinned ?? ''}`}, the release is ${release}`;
    if (keys.pinned && record?.digest && keys.pinned !== record.digest)
        return `'${ref.image}' drifts from the release: it is pinned to ${keys.pinned}, the release is ${release}`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/files/promote-outcome.ts



/**
 * The pin outcome of a reference whose repository `images` promotes: rewritten to the release's
 * tag and the digest that tag points at (the record of the image as given in `images`), from
 * whatever it named before; `old → new` in the message. Pure.
 */
function planPromotion(ref, promotion, byImage) {
    const base = { reference: ref, from: ref.text };
    const name = `'${ref.image}' (${ref.where})`;
    if (!ref.pinnable) {
        const why = ref.reason ?? '';
        return {
            ...base,
            status: 'skipped',
            message: `${name} is not promoted to ${promotion.image}: ${why}`
        };
    }
    const record = byImage.get(promotion.image);
    const digest = record && !record.error ? record.digest : null;
    if (!digest) {
        const why = record?.error ?? `${promotion.image} was not resolved`;
        return { ...base, status: 'failed', message: `${name} cannot be promoted: ${why}` };
    }
    const keys = referenceKeys(ref);
    let rewrite;
    try {
        rewrite = rewriteOf(ref, digest, promotion.tag);
    }
    catch (e) {
        return { ...base, status: 'failed', message: `${name} cannot be promoted: ${(0,errors/* errorMessage */.gJ)(e)}` };
    }
    const { to, splices } = rewrite;
    const oldDigest = keys?.pinned;
    if (!splices.length || to === ref.text) {
        const message = `${name} is already at the release, ${promotion.image} (${digest})`;
        return { ...base, status: 'unchanged', oldDigest, newDigest: digest, message };
    }
    const message = `${name} promoted to ${promotion.image}: ${ref.text} → ${to}`;
    return { ...base, status: 'promoted', to, splices, oldDigest, newDigest: digest, message };
}

;// CONCATENATED MODULE: ./src/files/pin-plan.ts




/**
 * Plans the pins, and the promotions `images` asks for (promote-plan.ts); never throws. Splices
 * go to the file each span lies in (a Compose `${VAR}` is written in its `.env`).
 */
function planPins(found, records, promotions = new Map()) {
    const byImage = indexRecords(records);
    const outcomes = found.map(ref => {
        const promotion = promotionOf(ref, promotions);
        return promotion ? planPromotion(ref, promotion, byImage) : planOne(ref, byImage);
    });
    const byFile = new Map();
    for (const o of outcomes) {
        if (o.to === undefined)
            continue;
        const file = o.reference.spanFile ?? o.reference.file;
        const splices = byFile.get(file) ?? [];
        // One span reached twice (a YAML alias, say) is written once.
        for (const s of o.splices ?? []) {
            if (!splices.some(t => t.start === s.start && t.end === s.end && t.replacement === s.replacement))
                splices.push(s);
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
    let rewrite;
    try {
        rewrite = rewriteOf(ref, digest);
    }
    catch (e) {
        return { ...base, status: 'failed', message: `${name} cannot be pinned: ${(0,errors/* errorMessage */.gJ)(e)}` };
    }
    const { to, splices } = rewrite;
    if (!keys.pinned) {
        const message = `${name} pinned: ${to}`;
        return { ...base, status: 'pinned', to, splices, newDigest: digest, message };
    }
    const child = record.platforms.find(p => p.digest === keys.pinned);
    const why = child
        ? `the old pin was the ${child.platform} manifest of its index only`
        : `${keys.primary} points at another digest than the pin`;
    return {
        ...base,
        status: 'updated',
        to,
        splices,
        oldDigest: keys.pinned,
        newDigest: digest,
        message: `${name} updated (${why}): ${keys.pinned} → ${digest}`
    };
}

// EXTERNAL MODULE: ./src/files/read-files.ts
var read_files = __webpack_require__(2541);
;// CONCATENATED MODULE: ./src/files/scan-files.ts
/**
 * Scans each file read for references (find-references.ts), a Compose file with the `.env`
 * beside it (load-compose-env.ts), which is loaded here too, so a pin can be written into it.
 * Loads the finders (and the `yaml` package) lazily: a run without files loads none of them.
 */
async function scanFiles(loaded, root) {
    const readable = loaded.filter(f => f.text !== undefined);
    if (!readable.length)
        return { scans: [], envFiles: [] };
    const { findReferences } = await __webpack_require__.e(/* import() */ 582).then(__webpack_require__.bind(__webpack_require__, 1582));
    const { loadComposeEnvs } = await __webpack_require__.e(/* import() */ 240).then(__webpack_require__.bind(__webpack_require__, 240));
    const envs = await loadComposeEnvs(readable, root);
    const scans = readable.map(f => {
        const scan = findReferences(f.file, f.text ?? '', undefined, envs.envs.get(f.file));
        const problem = envs.problems.get(f.file);
        if (problem)
            scan.problems.push(problem);
        return scan;
    });
    return { scans, envFiles: envs.loaded };
}

// EXTERNAL MODULE: ./src/model/manifest.ts
var manifest = __webpack_require__(9452);
// EXTERNAL MODULE: ./src/policy/platforms.ts
var platforms = __webpack_require__(1494);
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
function planVerify(found, records, requiredPlatforms, requirePins, promotions = new Map()) {
    const byImage = indexRecords(records);
    const requiredOf = typeof requiredPlatforms === 'function' ? requiredPlatforms : () => requiredPlatforms;
    return found.flatMap(ref => {
        // A repository `images` names must be at the release's tag and digest (promote-plan.ts).
        const promotion = promotionOf(ref, promotions);
        const drift = promotion && driftMessage(ref, promotion, byImage.get(promotion.image));
        if (drift) {
            const { file, line, column } = ref;
            const currentDigest = byImage.get(promotion.image)?.digest ?? undefined;
            const pinnedDigest = referenceKeys(ref)?.pinned;
            return [
                {
                    file,
                    line,
                    column,
                    reference: ref,
                    status: 'drift',
                    severity: 'error',
                    message: drift,
                    pinnedDigest,
                    currentDigest
                }
            ];
        }
        return verifyOne(ref, byImage, requiredOf(ref), requirePins);
    });
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
        ? `; pin it as ${(0,rewrite/* pinnedText */.Wm)(ref.text, record.digest)}`
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
    const missing = (0,platforms/* missingPlatforms */.z3)(record, required);
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

;// CONCATENATED MODULE: ./src/run/files-run.ts














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
    const started = Date.now();
    // A bad policy fails the step before any file is read or request sent.
    const judge = await policy_judge/* Judge */.I.load(settings);
    const { expandGlobs } = await Promise.all(/* import() */[__webpack_require__.e(6), __webpack_require__.e(577)]).then(__webpack_require__.bind(__webpack_require__, 6577));
    // The walk is part of the run: it stops at the run's deadline like every request.
    const paths = await expandGlobs(settings.files.join('\n'), root, {
        deadline: (0,run_session/* runDeadline */.qT)(settings, started)
    });
    const loaded = await (0,read_files/* loadFiles */.aY)(paths, root);
    const { scans, envFiles } = await scanFiles(loaded, root);
    const found = scans.flatMap(s => s.references);
    // `images` naming a tag is the release its repository moves to (pin) or is held to (verify).
    const promotions = settings.mode === 'report' ? new Map() : promotionsOf(settings.images);
    const ask = referencesToAsk(found, promotions, settings.mode);
    // What a reference's image must have: its policy rule's platforms, else `platforms`.
    const refPlatforms = (ref) => {
        const keys = referenceKeys(ref);
        return keys
            ? judge.platformsFor({ image: ref.image, ref: keys.primary })
            : [...settings.platforms];
    };
    const resolved = await resolveAll(settings, hooks, judge, found, ask, refPlatforms);
    const { records } = resolved;
    const reports = new Map(loaded.map(f => [f.file, fileReport(f, scans, settings.mode)]));
    const changedFiles = [];
    if (settings.mode === 'pin') {
        const plan = planPins(found, records, promotions);
        await writePins(plan, [...loaded, ...envFiles], changedFiles);
        for (const o of plan.outcomes)
            reports.get(o.reference.file)?.references.push(pinEntry(o));
    }
    else {
        const findings = planVerify(found, records, refPlatforms, settings.requirePins, promotions);
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
    const outcome = {
        mode: settings.mode,
        files,
        annotations: fileAnnotations(files),
        changedFiles,
        failures: filesFailures(settings.mode, files)
    };
    return (0,run_result/* runResult */.X)({ ...resolved, files: outcome });
}
/**
 * Resolves the images given and the references found through one session, and judges them
 * all: the policy judges the references' images as it judges the images given.
 */
async function resolveAll(settings, hooks, judge, found, ask, refPlatforms) {
    // Pin writes what each tag points at now: a reference without a tag, or one it cannot
    // rewrite, needs nothing resolved.
    const toResolve = referencesToResolve(settings.mode === 'pin' ? ask.tags.filter(r => r.pinnable && referenceKeys(r)?.tag) : ask.tags);
    const session = new run_session/* Session */.Nn(settings, hooks, [...settings.images, ...toResolve]);
    try {
        const [{ baseline, problems }, imageRecords, tagRecords] = await Promise.all([
            (0,report_baseline/* readBaseline */.mF)(settings),
            session.resolve(settings.images),
            session.resolve(toResolve)
        ]);
        const followUp = settings.mode === 'pin' ? [] : followUpReferences(ask.followUp, tagRecords);
        const refRecords = [...tagRecords, ...(await session.resolve(followUp))];
        const records = uniqueByImage([...imageRecords, ...refRecords]);
        const need = requirements(settings, found, refPlatforms, records, judge);
        const judgement = await judge.judge(records, {
            sourceOf: image => session.sourceOf(image),
            baseline,
            required: record => need.get(record.image) ?? []
        });
        return { records, imageRecords, judgement, baseline, problems, facts: session.facts() };
    }
    finally {
        session.dispose();
    }
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
function requirements(settings, found, refPlatforms, records, judge) {
    const out = new Map();
    const add = (image, platforms) => {
        const set = out.get(image) ?? new Map();
        for (const p of platforms)
            set.set((0,platform/* formatPlatform */.Bq)(p), p);
        out.set(image, set);
    };
    const given = new Set(settings.images.map(image => image.trim()));
    for (const r of records)
        if (given.has(r.image))
            add(r.image, judge.platformsFor(r));
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
                if (await (0,read_files/* rewriteFile */.LL)(file, edits.splices))
                    changed.push(edits.file);
            }
            catch (e) {
                why = (0,errors/* errorMessage */.gJ)(e);
            }
        }
        if (why === undefined)
            continue;
        for (const o of plan.outcomes) {
            if ((o.reference.spanFile ?? o.reference.file) !== edits.file || o.to === undefined)
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
