export const id = 462;
export const ids = [462];
export const modules = {

/***/ 6462:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GLOB_OPTIONS: () => (/* binding */ GLOB_OPTIONS),
/* harmony export */   checkPolicy: () => (/* binding */ checkPolicy),
/* harmony export */   isInlinePolicy: () => (/* binding */ isInlinePolicy),
/* harmony export */   loadPolicy: () => (/* binding */ loadPolicy),
/* harmony export */   parsePolicy: () => (/* binding */ parsePolicy)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_8___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_8__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _attestations_classify_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1117);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3728);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8992);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8254);
/* harmony import */ var _sizes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4032);









/**
 * The policy file (README, "Policy file"): YAML 1.2 read with the `yaml` package's Document
 * API, which keeps every node's source range, so each problem names the file, line, column
 * and key, and says what was expected. Every problem is collected before one `invalid-input`
 * error is thrown; an unknown key is a problem, never ignored. Loaded only by runs that have
 * a policy.
 */
const TOP_KEYS = ['default', 'images'];
/** Globs match image names, whose separator is always '/', whatever the runner's OS. */
const GLOB_OPTIONS = Object.freeze({ dot: true, windows: false });
function siteOf(ctx, node) {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = ctx.lines.linePos(offset);
    return ctx.file === undefined ? { line, col } : { file: ctx.file, line, col };
}
function report(ctx, node, what) {
    const { line, col } = siteOf(ctx, node);
    ctx.problems.push(`${ctx.label}:${line}:${col}: ${what}`);
}
/** What a node holds, for "found …" in a message. */
function describe(node) {
    if (!node || ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node) && node.value === null))
        return 'nothing';
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node)) {
        const v = node.value;
        return typeof v === 'string' ? (0,_text_js__WEBPACK_IMPORTED_MODULE_6__/* .quoteVisible */ .Lc)(v) : `${typeof v} ${String(v)}`;
    }
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isSeq */ .oP)(node))
        return 'a list';
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(node))
        return 'a mapping';
    return 'something else';
}
function resolveNode(ctx, node) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isAlias */ .Vj)(node))
        return node.resolve(ctx.doc) ?? null;
    return node ?? null;
}
/** Levenshtein distance ≤ 2 names the key a typo most likely meant. */
function closest(word, candidates) {
    const distance = (a, b) => {
        const row = Array.from({ length: b.length + 1 }, (_, i) => i);
        for (let i = 1; i <= a.length; i++) {
            let previous = row[0];
            row[0] = i;
            for (let j = 1; j <= b.length; j++) {
                const next = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
                previous = row[j];
                row[j] = next;
            }
        }
        return row[b.length];
    };
    let best;
    let bestDistance = 3;
    for (const c of candidates) {
        const d = distance(word, c);
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}
function unknownKey(ctx, keyNode, key, allowed) {
    const guess = closest(key, allowed);
    report(ctx, keyNode, `key '${(0,_text_js__WEBPACK_IMPORTED_MODULE_6__/* .visibleText */ .Q6)(key)}': unknown key; expected one of ${allowed.join(', ')}${guess ? ` (did you mean '${guess}'?)` : ''}`);
}
/** The pairs of a mapping with string keys; a key of another kind is a problem. */
function pairsOf(ctx, node) {
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(node))
        return [];
    const out = [];
    for (const pair of node.items) {
        const keyNode = resolveNode(ctx, pair.key);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(keyNode) || typeof keyNode.value !== 'string') {
            report(ctx, keyNode ?? node, `expected a key name, found ${describe(keyNode)}`);
            continue;
        }
        out.push({ key: keyNode.value, keyNode, value: resolveNode(ctx, pair.value) });
    }
    return out;
}
/** A string, or a list of strings, each with the node it came from. */
function stringItems(ctx, key, node, expected, expectedList) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node) && typeof node.value === 'string') {
        return (0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .splitList */ .ry)(node.value).map(text => ({ text, node }));
    }
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isSeq */ .oP)(node)) {
        const out = [];
        let ok = true;
        for (const raw of node.items) {
            const item = resolveNode(ctx, raw);
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(item) && typeof item.value === 'string')
                out.push({ text: item.value, node: item });
            else {
                report(ctx, item ?? node, `key '${key}': expected ${expected}, found ${describe(item)}`);
                ok = false;
            }
        }
        return ok ? out : undefined;
    }
    report(ctx, node, `key '${key}': expected ${expectedList}, found ${describe(node)}`);
    return undefined;
}
function platformList(ctx, key, node) {
    const items = stringItems(ctx, key, node, "a platform such as 'linux/arm64'", 'a list of platforms such as [linux/amd64, linux/arm64]');
    if (!items)
        return undefined;
    const out = new Map();
    let ok = true;
    for (const { text, node: at } of items) {
        try {
            const p = (0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .parsePlatform */ .Y8)(text);
            out.set((0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPlatform */ .Bq)(p), p);
        }
        catch (e) {
            report(ctx, at, `key '${key}': expected a platform such as 'linux/arm64'; ${e.message}`);
            ok = false;
        }
    }
    return ok ? [...out.values()] : undefined;
}
function integerValue(node) {
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node))
        return undefined;
    const v = node.value;
    return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
}
/** Each key's reader: the parsed value, or undefined after reporting why not. */
const READERS = {
    platforms: (ctx, node) => platformList(ctx, 'platforms', node),
    forbid: (ctx, node) => platformList(ctx, 'forbid', node),
    'max-size': (ctx, node) => {
        const bytes = integerValue(node);
        if (bytes !== undefined && bytes > 0)
            return { bytes, unit: 'B' };
        const text = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node) && typeof node.value === 'string' ? node.value : undefined;
        const size = text === undefined ? null : (0,_sizes_js__WEBPACK_IMPORTED_MODULE_5__/* .parseSize */ .DB)(text);
        if (size)
            return size;
        const meant = text === undefined ? undefined : (0,_sizes_js__WEBPACK_IMPORTED_MODULE_5__/* .misspelledUnit */ .$f)(text);
        report(ctx, node, `key 'max-size': expected ${_sizes_js__WEBPACK_IMPORTED_MODULE_5__/* .SIZE_EXPECTED */ .LV}, found ${describe(node)}${meant ? ` (did you mean '${meant}'?)` : ''}`);
        return undefined;
    },
    'max-layers': (ctx, node) => {
        const n = integerValue(node);
        if (n !== undefined && n >= 1)
            return n;
        report(ctx, node, `key 'max-layers': expected a whole number of at least 1, found ${describe(node)}`);
        return undefined;
    },
    'max-growth': (ctx, node) => {
        const text = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node) && typeof node.value === 'string' ? node.value : undefined;
        const ratio = text === undefined ? null : (0,_sizes_js__WEBPACK_IMPORTED_MODULE_5__/* .parsePercent */ .lo)(text);
        if (ratio !== null)
            return ratio;
        report(ctx, node, `key 'max-growth': expected a percentage such as '10%' or '0.5%', found ${describe(node)}`);
        return undefined;
    },
    attestations: (ctx, node) => {
        const items = stringItems(ctx, 'attestations', node, `one of ${_attestations_classify_js__WEBPACK_IMPORTED_MODULE_2__/* .ATTESTATION_REQUIREMENTS */ .Em.join(', ')}`, `a list of ${_attestations_classify_js__WEBPACK_IMPORTED_MODULE_2__/* .ATTESTATION_REQUIREMENTS */ .Em.join(', ')}`);
        if (!items)
            return undefined;
        let ok = true;
        for (const { text, node: at } of items) {
            if (!(0,_attestations_classify_js__WEBPACK_IMPORTED_MODULE_2__/* .isAttestationRequirement */ .Uj)(text)) {
                report(ctx, at, `key 'attestations': expected one of ${_attestations_classify_js__WEBPACK_IMPORTED_MODULE_2__/* .ATTESTATION_REQUIREMENTS */ .Em.join(', ')}, found ${(0,_text_js__WEBPACK_IMPORTED_MODULE_6__/* .quoteVisible */ .Lc)(text)}`);
                ok = false;
            }
        }
        return ok ? [...new Set(items.map(i => i.text))] : undefined;
    },
    consistent: (ctx, node) => {
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node) && typeof node.value === 'boolean')
            return node.value;
        report(ctx, node, `key 'consistent': expected true or false, found ${describe(node)}`);
        return undefined;
    },
    'fail-on': (ctx, node) => {
        const text = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node) && typeof node.value === 'string' ? node.value : undefined;
        if (text !== undefined && _rule_js__WEBPACK_IMPORTED_MODULE_7__/* .FAIL_ON */ .d.includes(text))
            return text;
        report(ctx, node, `key 'fail-on': expected one of ${_rule_js__WEBPACK_IMPORTED_MODULE_7__/* .FAIL_ON */ .d.join(', ')}, found ${describe(node)}`);
        return undefined;
    }
};
function readRule(ctx, node, where) {
    const written = { rule: {}, sites: {} };
    const allowed = where === 'images' ? ['match', ..._rule_js__WEBPACK_IMPORTED_MODULE_7__/* .RULE_KEYS */ .s] : _rule_js__WEBPACK_IMPORTED_MODULE_7__/* .RULE_KEYS */ .s;
    for (const { key, keyNode, value } of pairsOf(ctx, node)) {
        if (key === 'match') {
            if (where === 'default') {
                report(ctx, keyNode, "key 'match': expected no 'match' in 'default', which applies to every image");
                continue;
            }
            written.site = siteOf(ctx, keyNode);
            const glob = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(value) && typeof value.value === 'string' ? value.value.trim() : '';
            if (!glob) {
                report(ctx, value ?? keyNode, `key 'match': expected a glob such as 'ghcr.io/acme/*', found ${describe(value)}`);
                continue;
            }
            try {
                picomatch__WEBPACK_IMPORTED_MODULE_8___default()(glob, GLOB_OPTIONS);
                written.match = glob;
            }
            catch (e) {
                report(ctx, value, `key 'match': expected a glob such as 'ghcr.io/acme/*'; ${e.message}`);
            }
            continue;
        }
        if (!_rule_js__WEBPACK_IMPORTED_MODULE_7__/* .RULE_KEYS */ .s.includes(key)) {
            unknownKey(ctx, keyNode, key, allowed);
            continue;
        }
        const k = key;
        const parsed = READERS[k](ctx, value);
        if (parsed === undefined)
            continue;
        written.rule[k] = parsed;
        written.sites[k] = siteOf(ctx, keyNode);
    }
    return written;
}
/**
 * Parses a policy's text. Throws one `invalid-input` DigestGateError listing every problem as
 * `<label>:<line>:<col>: key 'x': expected …`.
 */
function parsePolicy(text, source) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_1__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const ctx = { label: source.label, file: source.file, lines, doc, problems: [] };
    const fail = () => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .DigestGateError */ .ic('invalid-input', `The policy ${source.label} has ${ctx.problems.length} problem${ctx.problems.length === 1 ? '' : 's'}:\n${ctx.problems.join('\n')}`);
    };
    for (const e of doc.errors) {
        const { line, col } = lines.linePos(e.pos[0]);
        const message = e.code === 'DUPLICATE_KEY'
            ? `key '${(0,_text_js__WEBPACK_IMPORTED_MODULE_6__/* .visibleText */ .Q6)(/^["']?([^"':\n]*)/.exec(text.slice(e.pos[0]))?.[1].trim() ?? '')}': given more than once; expected each key once`
            : `expected valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
        ctx.problems.push(`${source.label}:${line}:${col}: ${message}`);
    }
    if (ctx.problems.length)
        fail();
    const top = resolveNode(ctx, doc.contents);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(top)) {
        report(ctx, top, `expected a mapping with the keys 'default' and/or 'images', found ${describe(top)}`);
        fail();
    }
    const policy = {
        label: source.label,
        default: { rule: {}, sites: {} },
        images: []
    };
    if (source.file !== undefined)
        policy.file = source.file;
    for (const { key, keyNode, value } of pairsOf(ctx, top)) {
        if (key === 'default') {
            if (value && !((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(value) && value.value === null) && !(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(value)) {
                report(ctx, value, `key 'default': expected a mapping of rule keys, found ${describe(value)}`);
                continue;
            }
            policy.default = readRule(ctx, value, 'default');
            policy.default.site = siteOf(ctx, keyNode);
        }
        else if (key === 'images') {
            if (!value || ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(value) && value.value === null))
                continue;
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isSeq */ .oP)(value)) {
                report(ctx, value, `key 'images': expected a list of rules, each with a 'match' glob, found ${describe(value)}`);
                continue;
            }
            value.items.forEach((raw, i) => {
                const item = resolveNode(ctx, raw);
                if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(item)) {
                    report(ctx, item ?? value, `key 'images': expected each entry to be a mapping with a 'match' glob, found ${describe(item)}`);
                    return;
                }
                const rule = readRule(ctx, item, 'images');
                if (rule.match)
                    policy.images.push(rule);
                else if (!rule.site)
                    report(ctx, item, `key 'images': expected entry ${i + 1} to have a 'match' key with a glob such as 'ghcr.io/acme/*'`);
            });
        }
        else {
            unknownKey(ctx, keyNode, key, TOP_KEYS);
        }
    }
    if (ctx.problems.length)
        fail();
    return policy;
}
/**
 * The `policy` input's value: inline YAML when it spans lines, holds `: ` or starts with `{`
 * (no path does), else the path of a file, relative to the working directory.
 */
function isInlinePolicy(value) {
    return /[\r\n]/.test(value.trim()) || value.includes(': ') || value.trim().startsWith('{');
}
/** Keys the run cannot check as it was asked, each named at its place in the policy. */
function checkPolicy(policy, needs) {
    const problems = [];
    for (const written of [policy.default, ...policy.images]) {
        for (const key of _rule_js__WEBPACK_IMPORTED_MODULE_7__/* .RULE_KEYS */ .s) {
            const site = written.sites[key];
            if (!site || written.rule[key] === undefined)
                continue;
            const at = `${policy.label}:${site.line}:${site.col}: key '${key}'`;
            if (key === 'max-growth' && !needs.baseline)
                problems.push(`${at}: expected a 'baseline' input (--baseline) naming a previous report file to compare sizes with`);
            if (key === 'fail-on')
                continue;
            if (needs.detail === 'digest')
                problems.push(`${at}: expected 'detail: layers' (or 'platforms'); 'detail: digest' reads no platforms to check`);
            else if (needs.detail === 'platforms' &&
                ['max-size', 'max-layers', 'max-growth'].includes(key))
                problems.push(`${at}: expected 'detail: layers'; 'detail: platforms' reads no layer counts or sizes`);
        }
    }
    return problems;
}
/**
 * Reads, parses and checks the `policy` input (a path or inline YAML) against what else the
 * run was asked for; one `invalid-input` error listing every problem if unusable.
 */
async function loadPolicy(value, needs) {
    const policy = await readPolicy(value);
    const problems = checkPolicy(policy, needs);
    if (problems.length)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .DigestGateError */ .ic('invalid-input', `The policy ${policy.label} asks for what this run cannot check:\n${problems.join('\n')}`);
    return policy;
}
async function readPolicy(value) {
    if (isInlinePolicy(value))
        return parsePolicy(value, { label: "input 'policy'" });
    const path = value.trim();
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .DigestGateError */ .ic('invalid-input', `Input 'policy': cannot read '${path}' (${e.code ?? e.message}); expected the path of a policy file (YAML), or the policy itself inline`);
    }
    return parsePolicy(text, { label: path, file: path });
}


/***/ })

};
