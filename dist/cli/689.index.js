export const id = 689;
export const ids = [689];
export const modules = {

/***/ 5455:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SO: () => (/* binding */ compileGlob)
});

// UNUSED EXPORTS: GLOB_OPTIONS, MAX_GLOB_LENGTH, MAX_REGEX_REPEATS, isLinearGlob

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var node_modules_picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(node_modules_picomatch);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
;// CONCATENATED MODULE: ./src/model/glob-nfa.ts
/**
 * picomatch's regex for a glob, run as a Thompson automaton: every state is followed at once,
 * so a name is read once per state and nothing backtracks. Only the regex picomatch emits is
 * understood: literals and escapes, `.`, classes, groups (capturing or not), alternation, the
 * quantifiers `*`, `+`, `?` (lazy or not), `^`, `$`, and lookaheads whose body repeats nothing
 * unboundedly (picomatch's dot-segment checks), which are tested in place with the regex
 * engine at a cost bounded by their own size. Anything else yields undefined, and the caller
 * decides (glob.ts). Pure.
 */
class Unsupported extends Error {
}
const isLineEnd = (c) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
/** A recursive-descent reader of the regex source. */
class Reader {
    src;
    i = 0;
    constructor(src) {
        this.src = src;
    }
    alt() {
        const options = [this.seq()];
        while (this.src[this.i] === '|') {
            this.i++;
            options.push(this.seq());
        }
        return options.length === 1 ? options[0] : { kind: 'alt', options };
    }
    seq() {
        const items = [];
        while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
            items.push(this.quantified(this.atom()));
        }
        return { kind: 'seq', items };
    }
    quantified(node) {
        const q = this.src[this.i];
        if (q !== '*' && q !== '+' && q !== '?') {
            if (q === '{')
                throw new Unsupported();
            return node;
        }
        this.i++;
        if (this.src[this.i] === '?')
            this.i++; // laziness changes which match, never whether
        if (node.kind === 'assert')
            throw new Unsupported();
        return { kind: 'repeat', node, min: q === '+' ? 1 : 0, max: q === '?' ? 1 : Infinity };
    }
    atom() {
        const { src } = this;
        const c = src[this.i];
        if (src.startsWith('(?=', this.i) || src.startsWith('(?!', this.i))
            return this.lookahead();
        if (src.startsWith('(?<', this.i))
            throw new Unsupported(); // lookbehind, named group
        if (c === '(') {
            this.i += src.startsWith('(?:', this.i) ? 3 : 1;
            const inner = this.alt();
            if (src[this.i] !== ')')
                throw new Unsupported();
            this.i++;
            return inner;
        }
        this.i++;
        if (c === '^')
            return { kind: 'assert', test: (_n, at) => at === 0 };
        if (c === '$')
            return { kind: 'assert', test: (n, at) => at === n.length };
        if (c === '.')
            return { kind: 'char', test: ch => !isLineEnd(ch) };
        if (c === '[')
            return this.charClass();
        if (c === '\\')
            return { kind: 'char', test: this.escape() };
        if ('*+?{}|)]'.includes(c))
            throw new Unsupported();
        return { kind: 'char', test: ch => ch === c };
    }
    /** After a `\`: a literal character (letters and digits escape to classes: refused). */
    escape() {
        const e = this.src[this.i++];
        if (e === undefined || /[0-9A-Za-z]/.test(e))
            throw new Unsupported();
        return ch => ch === e;
    }
    charClass() {
        const { src } = this;
        const negated = src[this.i] === '^';
        if (negated)
            this.i++;
        const ranges = [];
        // As in JavaScript, `[]` is an empty class (nothing matches) and `[^]` matches anything.
        while (src[this.i] !== ']') {
            if (this.i >= src.length || src[this.i] === '[')
                throw new Unsupported(); // [:alpha:]
            const lo = this.classChar();
            if (src[this.i] === '-' && src[this.i + 1] !== ']') {
                this.i++;
                ranges.push([lo, this.classChar()]);
            }
            else
                ranges.push([lo, lo]);
        }
        this.i++;
        const inClass = (ch) => ranges.some(([a, b]) => ch >= a && ch <= b);
        return { kind: 'char', test: ch => inClass(ch) !== negated };
    }
    classChar() {
        const c = this.src[this.i++];
        if (c !== '\\')
            return c;
        const e = this.src[this.i++];
        if (e === undefined || /[0-9A-Za-z]/.test(e))
            throw new Unsupported();
        return e;
    }
    /** `(?=…)` / `(?!…)` with a body that repeats nothing unboundedly, tested in place. */
    lookahead() {
        const { src } = this;
        const negative = src[this.i + 2] === '!';
        let depth = 0;
        let j = this.i;
        for (; j < src.length; j++) {
            if (src[j] === '\\')
                j++;
            else if (src[j] === '(')
                depth++;
            else if (src[j] === ')' && --depth === 0)
                break;
        }
        const body = src.slice(this.i + 3, j);
        if (j >= src.length || /(^|[^\\])[*+]/.test(body))
            throw new Unsupported();
        this.i = j + 1;
        const sticky = new RegExp(`(?:${body})`, 'y');
        return {
            kind: 'assert',
            test: (name, at) => {
                sticky.lastIndex = at;
                return sticky.test(name) !== negative;
            }
        };
    }
}
/** Compiles `node` to states leading to `next`; returns its entry state. */
function compile(node, next, states) {
    const add = (s) => states.push(s) - 1;
    switch (node.kind) {
        case 'char':
        case 'assert':
            return add({ ...node, next });
        case 'seq':
            return node.items.reduceRight((to, item) => compile(item, to, states), next);
        case 'alt':
            return add({ kind: 'split', next: node.options.map(o => compile(o, next, states)) });
        case 'repeat': {
            if (node.max === 1)
                return add({ kind: 'split', next: [compile(node.node, next, states), next] });
            // A loop: the fork is made first so the body can point back at it.
            const fork = add({ kind: 'split', next: [] });
            const body = compile(node.node, fork, states);
            states[fork].next = [body, next];
            return node.min === 1 ? body : fork;
        }
    }
}
/** A matcher for the regex source, or undefined when it uses something not understood. */
function glob_nfa_compileAutomaton(source) {
    let root;
    try {
        const reader = new Reader(source);
        root = reader.alt();
        if (reader.i !== source.length)
            return undefined;
    }
    catch (e) {
        if (e instanceof Unsupported)
            return undefined;
        throw e;
    }
    const states = [{ kind: 'match' }];
    const start = compile(root, 0, states);
    return name => run(states, start, name);
}
/** Adds `state` and all it reaches without reading, at `at`, to `into`. */
function glob_nfa_close(states, name, at, state, into) {
    const stack = [state];
    while (stack.length) {
        const s = stack.pop();
        if (into.has(s))
            continue;
        into.add(s);
        const st = states[s];
        if (st.kind === 'split')
            stack.push(...st.next);
        else if (st.kind === 'assert' && st.test(name, at))
            stack.push(st.next);
    }
}
function run(states, start, name) {
    let current = new Set();
    glob_nfa_close(states, name, 0, start, current);
    for (let at = 0; at < name.length && current.size; at++) {
        const next = new Set();
        for (const s of current) {
            const st = states[s];
            if (st.kind === 'char' && st.test(name[at]))
                glob_nfa_close(states, name, at + 1, st.next, next);
        }
        current = next;
    }
    return current.has(0);
}

;// CONCATENATED MODULE: ./src/model/glob.ts



/**
 * Policy `match` globs, in picomatch's syntax, matched in time linear in the name for each
 * state of the pattern. picomatch turns every `*` into a lazy `[^/]*?`, and a JavaScript
 * regex backtracks over them: `*a` 22 times then `b`, against 40 `a`s, ran for minutes. So
 * the regex picomatch compiles is not run by the regex engine: it is read into an automaton
 * that follows every state at once (glob-nfa.ts), which never backtracks. That covers what
 * picomatch emits for literals, `?`, `*`, `**`, braces and classes. The rare regex it cannot
 * read (some extglobs, POSIX classes) is run by the regex engine only if it has few enough
 * unbounded repeats that backtracking stays polynomial and small; a pattern with more is
 * refused when the policy is loaded. Pure.
 */
/** picomatch's options for policy globs: dot-names match, `/` is the only separator. */
const GLOB_OPTIONS = Object.freeze({ dot: true, windows: false });
/**
 * Unbounded repeats allowed in a regex the engine runs. Backtracking costs about n^k for k of
 * them; at 3 it stays under a few million steps for the longest name a reference can have.
 */
const MAX_REGEX_REPEATS = 3;
/** Far above any real `match`; a longer glob is a mistake or an attack. */
const MAX_GLOB_LENGTH = 512;
/** Counts the regex's unbounded repeats (`*`, `+`, `{n,}`), escaped characters aside. */
function repeats(source) {
    let n = 0;
    for (let i = 0; i < source.length; i++) {
        if (source[i] === '\\')
            i++;
        else if (source[i] === '*' || source[i] === '+')
            n++;
        else if (source[i] === '{' && /^\{\d*,\}/.test(source.slice(i, i + 12)))
            n++;
    }
    return n;
}
/** True when the glob is matched by the automaton, never by a backtracking regex. */
function isLinearGlob(glob) {
    return compileAutomaton(picomatch.makeRe(glob, GLOB_OPTIONS).source) !== undefined;
}
/**
 * A matcher for one glob, answering as picomatch(glob, GLOB_OPTIONS) does. Throws a
 * DigestGateError saying what to change when the glob could only be matched by a regex that
 * may backtrack for long, or when picomatch refuses it.
 */
function compileGlob(glob) {
    if (glob.length > MAX_GLOB_LENGTH) {
        throw new errors/* DigestGateError */.ic('invalid-input', `the glob is ${glob.length} characters long; at most ${MAX_GLOB_LENGTH} are allowed`);
    }
    const regex = picomatch_default().makeRe(glob, GLOB_OPTIONS);
    const automaton = glob_nfa_compileAutomaton(regex.source);
    // picomatch.test: an empty name never matches, the glob itself always does.
    if (automaton)
        return name => name !== '' && (name === glob || automaton(name));
    const count = repeats(regex.source);
    if (count > MAX_REGEX_REPEATS) {
        throw new errors/* DigestGateError */.ic('invalid-input', `the glob uses extglobs or POSIX classes together with ${count} repeats; at most ${MAX_REGEX_REPEATS} are allowed with those (with '*', '**', '?', braces and [classes] any number is), since more could take minutes to match`);
    }
    const test = picomatch_default()(glob, GLOB_OPTIONS);
    return name => test(name);
}


/***/ }),

/***/ 5689:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkPolicy: () => (/* binding */ checkPolicy),
  isInlinePolicy: () => (/* binding */ isInlinePolicy),
  loadPolicy: () => (/* binding */ loadPolicy)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
;// CONCATENATED MODULE: ./src/model/located-error.ts

/**
 * An `invalid-input` error whose problems are at lines of a file the user wrote (the policy
 * file), so the shell can annotate each at its line, as verify's findings are. Its message
 * still lists every problem as `file:line:col: …`, for the CLI and the log. Pure.
 */
class LocatedError extends errors/* DigestGateError */.ic {
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

// EXTERNAL MODULE: ./src/model/glob.ts + 1 modules
var model_glob = __webpack_require__(5455);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/attestations/classify.ts + 1 modules
var classify = __webpack_require__(5398);
// EXTERNAL MODULE: ./src/model/platform.ts + 1 modules
var platform = __webpack_require__(3065);
// EXTERNAL MODULE: ./src/model/text.ts
var model_text = __webpack_require__(5086);
// EXTERNAL MODULE: ./src/policy/rule.ts
var rule = __webpack_require__(8254);
;// CONCATENATED MODULE: ./src/policy/signers-file.ts

/** The predicate type `provenance` asks for when it names none: SLSA provenance v1. */
const DEFAULT_PROVENANCE_PREDICATE = 'https://slsa.dev/provenance/v1';
const SIGNER_KEYS = ['issuer', 'identity', 'key'];
const PROVENANCE_KEYS = ['predicate', 'builder', 'source-repository'];
/** A non-empty string value, or undefined after reporting what was expected. */
function signers_file_text(kit, key, node, expected) {
    if ((0,dist/* isScalar */.jn)(node) && typeof node.value === 'string' && node.value.trim())
        return node.value.trim();
    kit.report(node, `key '${key}': expected ${expected}, found ${kit.describe(node)}`);
    return undefined;
}
/**
 * `identity` as written: `/…/` is a regular expression matched whole; otherwise a glob where
 * `*` is any characters but `/`, or an exact string when it has no `*`. Returns a problem.
 */
function identityProblem(identity) {
    if (!(identity.length > 2 && identity.startsWith('/') && identity.endsWith('/')))
        return undefined;
    try {
        new RegExp(identity.slice(1, -1), 'u');
        return undefined;
    }
    catch (e) {
        return `not a valid regular expression (${e.message.replace(/^Invalid regular expression: /, '')})`;
    }
}
/** `signed-by: {issuer, identity}` (keyless) or `signed-by: {key: path.pem}` (a key pair). */
function readSignedBy(kit, node) {
    const expected = "a mapping with 'issuer' and 'identity', or with 'key'";
    if (!(0,dist/* isMap */.jh)(node)) {
        kit.report(node, `key 'signed-by': expected ${expected}, found ${kit.describe(node)}`);
        return undefined;
    }
    const found = {};
    let ok = true;
    for (const { key, keyNode, value } of kit.pairs(node)) {
        if (!SIGNER_KEYS.includes(key)) {
            kit.unknownKey(keyNode, key, SIGNER_KEYS);
            ok = false;
            continue;
        }
        const k = key;
        const what = k === 'issuer'
            ? "an OIDC issuer URL such as 'https://token.actions.githubusercontent.com'"
            : k === 'identity'
                ? "a signer identity: exact, a glob such as 'https://github.com/acme/*/.github/workflows/release.yml@refs/tags/*', or /regex/"
                : "the path of a PEM public key file such as 'cosign.pub'";
        const value_ = signers_file_text(kit, `signed-by.${k}`, value, what);
        if (value_ === undefined) {
            ok = false;
            continue;
        }
        if (k === 'identity') {
            const problem = identityProblem(value_);
            if (problem) {
                kit.report(value, `key 'signed-by.identity': ${problem}`);
                ok = false;
                continue;
            }
        }
        found[k] = value_;
    }
    if (!ok)
        return undefined;
    if (found.key !== undefined) {
        if (found.issuer === undefined && found.identity === undefined)
            return { key: found.key };
        kit.report(node, `key 'signed-by': expected either 'key' or 'issuer' and 'identity', not both`);
        return undefined;
    }
    if (found.issuer !== undefined && found.identity !== undefined)
        return { issuer: found.issuer, identity: found.identity };
    const lacking = found.issuer === undefined ? 'issuer' : 'identity';
    kit.report(node, `key 'signed-by': expected '${lacking}' too (${expected})`);
    return undefined;
}
/** `provenance: {predicate?, builder?, source-repository?}`; `provenance: true` takes defaults. */
function readProvenance(kit, node) {
    if ((0,dist/* isScalar */.jn)(node) && node.value === true)
        return { predicate: DEFAULT_PROVENANCE_PREDICATE };
    if (!(0,dist/* isMap */.jh)(node)) {
        kit.report(node, `key 'provenance': expected a mapping with 'predicate', 'builder' or 'source-repository' (or true), found ${kit.describe(node)}`);
        return undefined;
    }
    const out = { predicate: DEFAULT_PROVENANCE_PREDICATE };
    let ok = true;
    for (const { key, keyNode, value } of kit.pairs(node)) {
        if (!PROVENANCE_KEYS.includes(key)) {
            kit.unknownKey(keyNode, key, PROVENANCE_KEYS);
            ok = false;
            continue;
        }
        const what = key === 'predicate'
            ? `a predicate type URI such as '${DEFAULT_PROVENANCE_PREDICATE}'`
            : key === 'builder'
                ? "a builder id such as 'https://github.com/actions/runner/github-hosted'"
                : "a repository URL such as 'https://github.com/acme/app'";
        const v = signers_file_text(kit, `provenance.${key}`, value, what);
        if (v === undefined)
            ok = false;
        else
            out[key] = v;
    }
    return ok ? out : undefined;
}
/** `provenance` is signed by the rule's `signed-by` signer: each one with none, here or in default. */
function unsignedProvenance(policy) {
    return [policy.default, ...policy.images]
        .filter(w => w.rule.provenance && !w.rule['signed-by'] && !policy.default.rule['signed-by'])
        .flatMap(w => (w.sites.provenance ? [w.sites.provenance] : []))
        .map(site => ({
        site,
        what: "key 'provenance': expected 'signed-by' in this rule or in 'default', naming who must sign the provenance"
    }));
}

// EXTERNAL MODULE: ./src/policy/sizes.ts
var sizes = __webpack_require__(4032);
// EXTERNAL MODULE: ./src/model/nearest.ts
var nearest = __webpack_require__(9179);
;// CONCATENATED MODULE: ./src/policy/yaml-reader.ts




/** Where a node starts: the file (if any), line and column. */
function siteOf(ctx, node) {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = ctx.lines.linePos(offset);
    return ctx.file === undefined ? { line, col } : { file: ctx.file, line, col };
}
/** Records a problem at a node's place. */
function report(ctx, node, what) {
    addProblem(ctx, siteOf(ctx, node), what);
}
/** Records a problem at a place, in the message and among the located problems. */
function addProblem(ctx, { line, col }, what) {
    ctx.problems.push(`${ctx.label}:${line}:${col}: ${what}`);
    ctx.located.push({ file: ctx.file, line, col, message: what });
}
/** What a node holds, for "found …" in a message. */
function describe(node) {
    if (!node || ((0,dist/* isScalar */.jn)(node) && node.value === null))
        return 'nothing';
    if ((0,dist/* isScalar */.jn)(node)) {
        const v = node.value;
        return typeof v === 'string' ? (0,model_text/* quoteVisible */.Lc)(v) : `${typeof v} ${String(v)}`;
    }
    if ((0,dist/* isSeq */.oP)(node))
        return 'a list';
    if ((0,dist/* isMap */.jh)(node))
        return 'a mapping';
    return 'something else';
}
/** The node itself, an alias followed to what it names. */
function resolveNode(ctx, node) {
    if ((0,dist/* isAlias */.Vj)(node))
        return node.resolve(ctx.doc) ?? null;
    return node ?? null;
}
/** Records an unknown key, naming the keys allowed there and the nearest of them. */
function unknownKey(ctx, keyNode, key, allowed) {
    const guess = (0,nearest/* nearest */.p)(key, allowed);
    report(ctx, keyNode, `key '${(0,model_text/* visibleText */.Q6)(key)}': unknown key; expected one of ${allowed.join(', ')}${guess ? ` (did you mean '${guess}'?)` : ''}`);
}
/** The pairs of a mapping with string keys; a key of another kind is a problem. */
function pairsOf(ctx, node) {
    if (!(0,dist/* isMap */.jh)(node))
        return [];
    const out = [];
    for (const pair of node.items) {
        const keyNode = resolveNode(ctx, pair.key);
        if (!(0,dist/* isScalar */.jn)(keyNode) || typeof keyNode.value !== 'string') {
            report(ctx, keyNode ?? node, `expected a key name, found ${describe(keyNode)}`);
            continue;
        }
        out.push({ key: keyNode.value, keyNode, value: resolveNode(ctx, pair.value) });
    }
    return out;
}
/** A string, or a list of strings, each with the node it came from. */
function stringItems(ctx, key, node, expected, expectedList) {
    if ((0,dist/* isScalar */.jn)(node) && typeof node.value === 'string') {
        return (0,platform/* splitList */.ry)(node.value).map(text => ({ text, node }));
    }
    if ((0,dist/* isSeq */.oP)(node)) {
        const out = [];
        let ok = true;
        for (const raw of node.items) {
            const item = resolveNode(ctx, raw);
            if ((0,dist/* isScalar */.jn)(item) && typeof item.value === 'string')
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

;// CONCATENATED MODULE: ./src/policy/file.ts










/**
 * The policy file (README, "Policy file"): YAML 1.2 read with the `yaml` package's Document
 * API, which keeps every node's source range, so each problem names the file, line, column
 * and key, and says what was expected. Every problem is collected before one `invalid-input`
 * error is thrown; an unknown key is a problem, never ignored. Loaded only by runs that have
 * a policy.
 */
const TOP_KEYS = ['default', 'images'];
/** Globs match image names, whose separator is always '/', whatever the runner's OS. */

function platformList(ctx, key, node) {
    const items = stringItems(ctx, key, node, "a platform such as 'linux/arm64'", 'a list of platforms such as [linux/amd64, linux/arm64]');
    if (!items)
        return undefined;
    const out = new Map();
    let ok = true;
    for (const { text, node: at } of items) {
        try {
            (0,platform/* parsePlatform */.Y8)(text);
        }
        catch (e) {
            report(ctx, at, `key '${key}': expected a platform such as 'linux/arm64'; ${e.message}`);
            ok = false;
            continue;
        }
        // Well formed: now the names, which say the nearest known one.
        try {
            const p = (0,platform/* parsePlatformSpec */.k1)(text);
            out.set((0,platform/* formatPlatform */.Bq)(p), p);
        }
        catch (e) {
            report(ctx, at, `key '${key}': ${e.message}`);
            ok = false;
        }
    }
    return ok ? [...out.values()] : undefined;
}
function integerValue(node) {
    if (!(0,dist/* isScalar */.jn)(node))
        return undefined;
    const v = node.value;
    return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
}
function kitOf(ctx) {
    return {
        report: (node, what) => report(ctx, node, what),
        describe: describe,
        pairs: node => pairsOf(ctx, node),
        unknownKey: (keyNode, key, allowed) => unknownKey(ctx, keyNode, key, allowed)
    };
}
/** Each key's reader: the parsed value, or undefined after reporting why not. */
const READERS = {
    platforms: (ctx, node) => platformList(ctx, 'platforms', node),
    forbid: (ctx, node) => platformList(ctx, 'forbid', node),
    'max-size': (ctx, node) => {
        const bytes = integerValue(node);
        if (bytes !== undefined && bytes > 0)
            return { bytes, unit: 'B' };
        const text = (0,dist/* isScalar */.jn)(node) && typeof node.value === 'string' ? node.value : undefined;
        const size = text === undefined ? null : (0,sizes/* parseSize */.DB)(text);
        if (size)
            return size;
        const meant = text === undefined ? undefined : (0,sizes/* misspelledUnit */.$f)(text);
        report(ctx, node, `key 'max-size': expected ${sizes/* SIZE_EXPECTED */.LV}, found ${describe(node)}${meant ? ` (did you mean '${meant}'?)` : ''}`);
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
        const text = (0,dist/* isScalar */.jn)(node) && typeof node.value === 'string' ? node.value : undefined;
        const ratio = text === undefined ? null : (0,sizes/* parsePercent */.lo)(text);
        if (ratio !== null)
            return ratio;
        report(ctx, node, `key 'max-growth': expected a percentage such as '10%' or '0.5%', found ${describe(node)}`);
        return undefined;
    },
    attestations: (ctx, node) => {
        const items = stringItems(ctx, 'attestations', node, `one of ${classify/* ATTESTATION_REQUIREMENTS */.Em.join(', ')}`, `a list of ${classify/* ATTESTATION_REQUIREMENTS */.Em.join(', ')}`);
        if (!items)
            return undefined;
        let ok = true;
        for (const { text, node: at } of items) {
            if (!(0,classify/* isAttestationRequirement */.Uj)(text)) {
                report(ctx, at, `key 'attestations': expected one of ${classify/* ATTESTATION_REQUIREMENTS */.Em.join(', ')}, found ${(0,model_text/* quoteVisible */.Lc)(text)}`);
                ok = false;
            }
        }
        return ok ? [...new Set(items.map(i => i.text))] : undefined;
    },
    'signed-by': (ctx, node) => readSignedBy(kitOf(ctx), node),
    provenance: (ctx, node) => readProvenance(kitOf(ctx), node),
    consistent: (ctx, node) => {
        if ((0,dist/* isScalar */.jn)(node) && typeof node.value === 'boolean')
            return node.value;
        report(ctx, node, `key 'consistent': expected true or false, found ${describe(node)}`);
        return undefined;
    },
    'fail-on': (ctx, node) => {
        const text = (0,dist/* isScalar */.jn)(node) && typeof node.value === 'string' ? node.value : undefined;
        if (text !== undefined && rule/* FAIL_ON */.d.includes(text))
            return text;
        report(ctx, node, `key 'fail-on': expected one of ${rule/* FAIL_ON */.d.join(', ')}, found ${describe(node)}`);
        return undefined;
    }
};
function readRule(ctx, node, where) {
    const written = { rule: {}, sites: {} };
    const allowed = where === 'images' ? ['match', ...rule/* RULE_KEYS */.s] : rule/* RULE_KEYS */.s;
    for (const { key, keyNode, value } of pairsOf(ctx, node)) {
        if (key === 'match') {
            if (where === 'default') {
                report(ctx, keyNode, "key 'match': expected no 'match' in 'default', which applies to every image");
                continue;
            }
            written.site = siteOf(ctx, keyNode);
            const glob = (0,dist/* isScalar */.jn)(value) && typeof value.value === 'string' ? value.value.trim() : '';
            if (!glob) {
                report(ctx, value ?? keyNode, `key 'match': expected a glob such as 'ghcr.io/acme/*', found ${describe(value)}`);
                continue;
            }
            try {
                (0,model_glob/* compileGlob */.SO)(glob);
                written.match = glob;
            }
            catch (e) {
                report(ctx, value, `key 'match': expected a glob such as 'ghcr.io/acme/*'; ${e.message}`);
            }
            continue;
        }
        if (!rule/* RULE_KEYS */.s.includes(key)) {
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
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const ctx = { ...source, lines, doc, problems: [], located: [] };
    const fail = () => {
        throw new LocatedError(`The policy ${source.label} has ${ctx.problems.length} problem${ctx.problems.length === 1 ? '' : 's'}:\n${ctx.problems.join('\n')}`, ctx.located);
    };
    for (const e of doc.errors) {
        const { line, col } = lines.linePos(e.pos[0]);
        const message = e.code === 'DUPLICATE_KEY'
            ? `key '${(0,model_text/* visibleText */.Q6)(/^["']?([^"':\n]*)/.exec(text.slice(e.pos[0]))?.[1].trim() ?? '')}': given more than once; expected each key once`
            : `expected valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
        addProblem(ctx, { line, col }, message);
    }
    if (ctx.problems.length)
        fail();
    const top = resolveNode(ctx, doc.contents);
    if (!(0,dist/* isMap */.jh)(top)) {
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
            if (value && !((0,dist/* isScalar */.jn)(value) && value.value === null) && !(0,dist/* isMap */.jh)(value)) {
                report(ctx, value, `key 'default': expected a mapping of rule keys, found ${describe(value)}`);
                continue;
            }
            policy.default = readRule(ctx, value, 'default');
            policy.default.site = siteOf(ctx, keyNode);
        }
        else if (key === 'images') {
            readImages(ctx, value, policy);
        }
        else {
            unknownKey(ctx, keyNode, key, TOP_KEYS);
        }
    }
    for (const p of unsignedProvenance(policy))
        addProblem(ctx, p.site, p.what);
    if (ctx.problems.length)
        fail();
    return policy;
}
/** The `images` list: each entry a rule with a `match` glob, added to the policy in order. */
function readImages(ctx, value, policy) {
    if (!value || ((0,dist/* isScalar */.jn)(value) && value.value === null))
        return;
    if (!(0,dist/* isSeq */.oP)(value)) {
        report(ctx, value, `key 'images': expected a list of rules, each with a 'match' glob, found ${describe(value)}`);
        return;
    }
    value.items.forEach((raw, i) => {
        const item = resolveNode(ctx, raw);
        if (!(0,dist/* isMap */.jh)(item)) {
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

;// CONCATENATED MODULE: ./src/policy/load.ts





// The `policy` input: a path or inline YAML, read, parsed, and checked against what else the
// run was asked for (a baseline, the detail), so a key the run cannot check is refused early.
/**
 * The `policy` input's value: inline YAML when it spans lines, holds `: ` or starts with `{`
 * (no path does), else the path of a file, relative to the working directory.
 */
function isInlinePolicy(value) {
    return /[\r\n]/.test(value.trim()) || value.includes(': ') || value.trim().startsWith('{');
}
/** Keys the run cannot check as it was asked, each named at its place in the policy. */
function checkPolicy(policy, needs) {
    return policyGaps(policy, needs).map(g => `${policy.label}:${g.site.line}:${g.site.col}: ${g.what}`);
}
function policyGaps(policy, needs) {
    const gaps = [];
    for (const written of [policy.default, ...policy.images]) {
        for (const key of rule/* RULE_KEYS */.s) {
            const site = written.sites[key];
            if (!site || written.rule[key] === undefined)
                continue;
            const add = (what) => {
                gaps.push({ site, what: `key '${key}': ${what}` });
            };
            if (key === 'max-growth' && !needs.baseline)
                add("expected a 'baseline' input (--baseline) naming a previous report file to compare sizes with");
            if (key === 'fail-on')
                continue;
            if (needs.detail === 'digest')
                add("expected 'detail: layers' (or 'platforms'); 'detail: digest' reads no platforms to check");
            else if (needs.detail === 'platforms' &&
                ['max-size', 'max-layers', 'max-growth'].includes(key))
                add("expected 'detail: layers'; 'detail: platforms' reads no layer counts or sizes");
        }
    }
    return gaps;
}
/**
 * Reads, parses and checks the `policy` input (a path or inline YAML) against what else the
 * run was asked for; one `invalid-input` error listing every problem if unusable.
 */
async function loadPolicy(value, needs) {
    const policy = await readPolicy(value);
    const gaps = policyGaps(policy, needs);
    if (gaps.length)
        throw new LocatedError(`The policy ${policy.label} asks for what this run cannot check:\n${checkPolicy(policy, needs).join('\n')}`, gaps.map(({ site, what }) => ({ ...site, message: what })));
    return policy;
}
async function readPolicy(value) {
    if (isInlinePolicy(value))
        return parsePolicy(value, { label: "input 'policy'" });
    const path = value.trim();
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (e) {
        throw new errors/* DigestGateError */.ic('invalid-input', `Input 'policy': cannot read '${path}' (${e.code ?? e.message}); expected the path of a policy file (YAML), or the policy itself inline`);
    }
    return parsePolicy(text, { label: path, file: path });
}


/***/ })

};
