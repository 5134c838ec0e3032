export const id = 563;
export const ids = [563];
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

/***/ 6563:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   compileRules: () => (/* binding */ compileRules)
/* harmony export */ });
/* harmony import */ var _model_glob_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5455);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8254);


function layer(target, written) {
    for (const key of _rule_js__WEBPACK_IMPORTED_MODULE_1__/* .RULE_KEYS */ .s) {
        if (written.rule[key] === undefined)
            continue;
        target[key] = written.rule[key];
        const site = written.sites[key];
        if (site)
            target.sites[key] = site;
        else
            delete target.sites[key];
    }
}
/** The policy's rules with their globs compiled once, for many images. */
function compileRules(policy, base) {
    const matchers = policy.images.map(rule => ({
        rule,
        // Linear in the name (glob.ts); the policy's loading already refused globs it cannot run so.
        test: (0,_model_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .compileGlob */ .SO)(rule.match ?? '')
    }));
    return record => {
        const effective = { 'fail-on': base.failOn, sites: {}, matched: 'default' };
        if (base.platforms?.length)
            effective.platforms = base.platforms;
        layer(effective, policy.default);
        if (policy.default.site)
            effective.matchedAt = policy.default.site;
        const names = [record.image.trim(), record.ref].filter((n) => !!n);
        const hit = matchers.find(m => names.some(name => m.test(name)));
        if (hit) {
            layer(effective, hit.rule);
            effective.matched = hit.rule.match ?? 'default';
            if (hit.rule.site)
                effective.matchedAt = hit.rule.site;
        }
        return effective;
    };
}


/***/ })

};
