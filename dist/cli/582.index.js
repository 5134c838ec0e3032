export const id = 582;
export const ids = [582];
export const modules = {

/***/ 3961:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TT: () => (/* binding */ readInterpolatedImage),
/* harmony export */   i$: () => (/* binding */ parseDotEnv)
/* harmony export */ });
/* unused harmony export interpolate */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _positions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2391);
/* harmony import */ var _yaml_scan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2768);



const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;
/** Reads `KEY=value`, `KEY="value"`, `KEY='value'` lines; `#` starts a comment line. */
function parseDotEnv(file, text) {
    const vars = new Map();
    const lines = (0,_positions_js__WEBPACK_IMPORTED_MODULE_2__/* .indexLines */ .u)(text);
    const starts = lines.starts;
    for (let i = 0; i < starts.length; i++) {
        const lineEnd = i + 1 < starts.length ? starts[i + 1] : text.length;
        const line = text.slice(starts[i], lineEnd).replace(/\r?\n$|\r$/, '');
        const m = LINE.exec(line);
        if (!m)
            continue;
        const from = starts[i] + m[0].length;
        const rest = line.slice(m[0].length);
        let start = from;
        let value;
        let exact = true;
        const quote = rest[0];
        if ((quote === '"' || quote === "'") && rest.indexOf(quote, 1) > 0) {
            const close = rest.indexOf(quote, 1);
            value = rest.slice(1, close);
            start = from + 1;
            if (quote === '"' && /[\\$]/.test(value))
                exact = false;
        }
        else {
            // An unquoted value ends before ` #` (an inline comment) and trailing blanks.
            const comment = rest.search(/[ \t]#/);
            value = (comment < 0 ? rest : rest.slice(0, comment)).replace(/[ \t]+$/, '');
            if (value.includes('$'))
                exact = false;
        }
        vars.set(m[1], { value, start, end: start + value.length, exact, ...lines.positionAt(start) });
    }
    return { file, vars };
}
const EXPR = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
/** Interpolates `value` with `env` as Compose does (defaults, `:?` errors, `:+` alternates). */
function interpolate(value, env) {
    let missing;
    const get = (name) => env?.vars.get(name)?.value;
    const out = value.replace(EXPR, (all, braced, op, arg, bare) => {
        if (all === '$$')
            return '$';
        const name = (braced ?? bare);
        const set = get(name);
        const empty = set === undefined || (op?.startsWith(':') && set === '');
        if (op === ':-' || op === '-')
            return empty ? (arg ?? '') : (set ?? '');
        if (op === ':+' || op === '+')
            return empty ? '' : (arg ?? '');
        if (set === undefined || (op === ':?' && set === ''))
            missing ??= name;
        return set ?? '';
    });
    if (missing)
        return { missing };
    // `${VAR}`, `$VAR`, or `${VAR:-default}` with VAR set: the whole reference is VAR's value.
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(:?-[^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(value);
    const whole = m?.[1] ?? m?.[3];
    const set = whole ? get(whole) : undefined;
    return whole && set && set === out ? { value: out, whole } : { value: out };
}
/**
 * Adds the reference of a Compose `image:` value with `$` in it: pinned in `.env` when one
 * variable set there is the whole value, else checked as interpolated and not pinned.
 */
function readInterpolatedImage(scan, doc, raw, where, env) {
    const node = (0,_yaml_scan_js__WEBPACK_IMPORTED_MODULE_1__/* .deref */ .LA)(raw, doc);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) || typeof node.value !== 'string' || !node.range)
        return;
    const written = node.value;
    const at = scan.lines.positionAt(node.range[0]);
    const result = interpolate(written, env);
    const envName = env?.file ?? '.env';
    if (result.value === undefined) {
        const reason = `\${${result.missing ?? ''}} is not set in ${envName} and has no default; Compose takes it from the environment when it runs`;
        scan.skipped.push({ file: scan.file, ...at, kind: scan.kind, where, text: written, reason });
        return;
    }
    const ref = {
        file: scan.file,
        ...at,
        start: node.range[0],
        end: node.range[1],
        text: written,
        image: result.value,
        kind: scan.kind,
        where,
        pinnable: false,
        reason: `the reference is put together from ${envName} and defaults (${written}); keep the whole reference in one variable of ${envName} to have it pinned`
    };
    const from = result.whole ? env?.vars.get(result.whole) : undefined;
    if (from && env) {
        Object.assign(ref, { spanFile: env.file, start: from.start, end: from.end, text: from.value });
        ref.where = `${where} (\${${result.whole}} from ${env.file}:${from.line})`;
        ref.pinnable = from.exact;
        if (from.exact)
            delete ref.reason;
        else
            ref.reason = `${env.file}:${from.line} writes the value with escapes or variables; rewriting it in place is not safe`;
    }
    scan.references.push(ref);
}


/***/ }),

/***/ 2916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ detectFileKind),
  I: () => (/* binding */ isActionMetadata)
});

;// CONCATENATED MODULE: ./src/files/detect-reach-kind.ts
/**
 * The file kinds known by their names alone, beyond Dockerfiles, Compose, Kubernetes and
 * GitHub workflows (detect-kind.ts asks here first), and Helm values known by their shape.
 * Pure, and free of the YAML parser.
 *
 * - `kustomization.yaml`, `kustomization.yml`, `Kustomization` → kustomize
 * - `.gitlab-ci.yml` (and `*.gitlab-ci.yml`, anything under `.gitlab/ci/`) → gitlab-ci
 * - `.circleci/config.yml` → circleci
 * - `bitbucket-pipelines.yml` → bitbucket-pipelines
 * - `azure-pipelines*.yml`, anything under `.azure-pipelines/` or `.azuredevops/` → azure-pipelines
 * - `.devcontainer/devcontainer.json`, `.devcontainer/<name>/devcontainer.json`,
 *   `.devcontainer.json` → devcontainer
 * - `values*.yaml` → helm; other YAML by its keys: `detectValuesKind`
 */
function detectReachKind(path, base) {
    if (/^(kustomization\.ya?ml|Kustomization)$/.test(base))
        return 'kustomize';
    if (/^\.devcontainer\.json$/.test(base))
        return 'devcontainer';
    if (/(^|\/)\.devcontainer\/([^/]+\/)?devcontainer\.json$/.test(path))
        return 'devcontainer';
    if (!/\.ya?ml$/i.test(base))
        return null;
    if (/(^|\.)gitlab-ci\.ya?ml$/.test(base) || /(^|\/)\.gitlab\/ci\//.test(path))
        return 'gitlab-ci';
    if (/(^|\/)\.circleci\/config\.ya?ml$/.test(path))
        return 'circleci';
    if (/^bitbucket-pipelines\.ya?ml$/.test(base))
        return 'bitbucket-pipelines';
    if (/^azure-pipelines.*\.ya?ml$/.test(base) ||
        /(^|\/)\.(azure-pipelines|azuredevops)\//.test(path))
        return 'azure-pipelines';
    if (/^values([.-][^/]*)?\.ya?ml$/.test(base))
        return 'helm';
    return null;
}
/**
 * A YAML file named in `files` that is none of the other kinds: a GitLab CI file included from
 * `.gitlab-ci.yml` when a job in it has a `script:` key (`ci/build.yml`), else Helm values when
 * it holds an `image:` or `repository:` key (a values file for an environment, `prod.yaml`).
 */
function detectValuesKind(base, text) {
    if (!/\.ya?ml$/i.test(base))
        return null;
    if (/^[ \t]+["']?script["']?[ \t]*:/m.test(text))
        return 'gitlab-ci';
    return /^[ \t]*["']?(image|repository)["']?[ \t]*:/m.test(text) ? 'helm' : null;
}

;// CONCATENATED MODULE: ./src/files/detect-kind.ts

/**
 * Which finder reads a file, from its path and, for YAML that could be anything, its text.
 * Cheap and free of the YAML parser, so the caller can decide before loading it. Pure.
 *
 * - `Dockerfile`, `Containerfile`, `Dockerfile.*`, `Containerfile.*`, `*.Dockerfile`,
 *   `*.dockerfile` (any case; `.dockerignore` files are not Dockerfiles) → dockerfile
 * - `.github/workflows/*.yml|yaml`, and `action.yml|yaml` (Docker and composite actions) → workflow
 * - `compose.yaml`, `compose.yml`, `compose.<anything>.yaml`, `docker-compose*.yml|yaml` → compose
 * - any other `.yml`/`.yaml` with a top-level `apiVersion` and `kind` → kubernetes
 * - the rest: `detectReachKind` (detect-reach-kind.ts): Helm values, Kustomize, other CI
 *   systems, dev containers
 */
function detectFileKind(path, text) {
    const normal = path.replace(/\\/g, '/');
    const base = normal.slice(normal.lastIndexOf('/') + 1);
    if (/\.(docker|container)ignore$/i.test(base))
        return null;
    const reach = detectReachKind(normal, base);
    if (reach)
        return reach;
    if (/^(dockerfile|containerfile)(\..+)?$/i.test(base) ||
        /\.(dockerfile|containerfile)$/i.test(base))
        return 'dockerfile';
    if (!/\.ya?ml$/i.test(base))
        return null;
    if (/(^|\/)\.github\/workflows\/[^/]+$/.test(normal))
        return 'workflow';
    if (/^action\.ya?ml$/.test(base))
        return 'workflow';
    if (/^compose(\.[^/]+)?\.ya?ml$/i.test(base) || /^docker-compose.*\.ya?ml$/i.test(base))
        return 'compose';
    if (/^["']?apiVersion["']?[ \t]*:/m.test(text) && /^["']?kind["']?[ \t]*:/m.test(text))
        return 'kubernetes';
    return detectValuesKind(base, text);
}
/** True for `action.yml` / `action.yaml`: an action's metadata, not a workflow. */
function isActionMetadata(path) {
    return /(^|[\\/])action\.ya?ml$/.test(path);
}


/***/ }),

/***/ 1582:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  findReferences: () => (/* binding */ findReferences)
});

// EXTERNAL MODULE: ./src/model/reference.ts
var reference = __webpack_require__(6676);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
// EXTERNAL MODULE: ./src/files/detect-kind.ts + 1 modules
var detect_kind = __webpack_require__(2916);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/files/yaml-scan.ts
var yaml_scan = __webpack_require__(2768);
;// CONCATENATED MODULE: ./src/files/find-ci.ts


/**
 * Container images in the pipeline files of CI systems other than GitHub Actions, each by its
 * own documented syntax:
 * - GitLab CI (`.gitlab-ci.yml` and the files it includes): `image` and `services` at the top,
 *   under `default:` and in each job, as a string or `{name: …}`;
 * - CircleCI (`.circleci/config.yml`): `docker: - image:` in jobs and executors (a `machine:`
 *   image is a VM, not a container, and is not read);
 * - Bitbucket Pipelines (`bitbucket-pipelines.yml`): `image` at any level, a string or `{name}`;
 * - Azure Pipelines: `container:` (an image, or `{image}`) in jobs and `services:` of jobs, and
 *   `resources.containers[].image`; a `container:` naming one of those resources is an alias.
 * A value holding a CI variable (`$VAR`, `$(var)`, `${{ … }}`) is known only when the pipeline
 * runs, so it is reported as not followed. Pure.
 */
const skipReason = (value) => value.includes('$')
    ? 'the value holds a CI variable, filled in only when the pipeline runs'
    : undefined;
/** Deeper than any pipeline; a limit so a hostile file cannot recurse without end. */
const MAX_DEPTH = 64;
/** GitLab's top-level keywords that are not jobs (docs: "CI/CD YAML syntax reference"). */
const GITLAB_GLOBAL = new Set([
    'default',
    'include',
    'stages',
    'variables',
    'workflow',
    'spec',
    'before_script',
    'after_script',
    'cache'
]);
/** An image written as a string or as `{name: …}` (GitLab, Bitbucket). */
function readNamedImage(scan, doc, raw, where) {
    const node = (0,yaml_scan/* deref */.LA)(raw, doc);
    if ((0,dist/* isScalar */.jn)(node))
        (0,yaml_scan/* readImageNode */.SP)(scan, doc, raw, where, { skipReason });
    else if ((0,dist/* isMap */.jh)(node)) {
        const name = (0,yaml_scan/* mapGetRaw */.tr)(node, 'name', doc);
        if (name !== undefined)
            (0,yaml_scan/* readImageNode */.SP)(scan, doc, name, `${where}.name`, { skipReason });
    }
}
function findGitlabReferences(scan) {
    for (const doc of (0,yaml_scan/* parseYamlDocuments */.v)(scan)) {
        const readJob = (job, path) => {
            const image = (0,yaml_scan/* mapGetRaw */.tr)(job, 'image', doc);
            if (image !== undefined)
                readNamedImage(scan, doc, image, `${path}image`);
            (0,yaml_scan/* seqItems */.Sg)((0,yaml_scan/* mapGet */.ZX)(job, 'services', doc), doc).forEach((service, i) => readNamedImage(scan, doc, service, `${path}services[${i}]`));
        };
        readJob(doc.contents, '');
        readJob((0,yaml_scan/* mapGet */.ZX)(doc.contents, 'default', doc), 'default.');
        for (const [name, job] of (0,yaml_scan/* mapEntries */.Nn)(doc.contents, doc)) {
            if (GITLAB_GLOBAL.has(name) || name === 'image' || name === 'services')
                continue;
            if ((0,dist/* isMap */.jh)((0,yaml_scan/* deref */.LA)(job, doc)))
                readJob(job, `${name}.`);
        }
    }
}
function findCircleciReferences(scan) {
    for (const doc of (0,yaml_scan/* parseYamlDocuments */.v)(scan)) {
        for (const section of ['jobs', 'executors']) {
            for (const [name, job] of (0,yaml_scan/* mapEntries */.Nn)((0,yaml_scan/* mapGet */.ZX)(doc.contents, section, doc), doc)) {
                (0,yaml_scan/* seqItems */.Sg)((0,yaml_scan/* mapGet */.ZX)(job, 'docker', doc), doc).forEach((entry, i) => {
                    const image = (0,yaml_scan/* mapGetRaw */.tr)(entry, 'image', doc);
                    if (image !== undefined)
                        (0,yaml_scan/* readImageNode */.SP)(scan, doc, image, `${section}.${name}.docker[${i}].image`, { skipReason });
                });
            }
        }
    }
}
function findBitbucketReferences(scan) {
    for (const doc of (0,yaml_scan/* parseYamlDocuments */.v)(scan)) {
        const walk = (raw, path, depth) => {
            const node = (0,yaml_scan/* deref */.LA)(raw, doc);
            if (depth > MAX_DEPTH)
                return;
            if ((0,dist/* isSeq */.oP)(node))
                node.items.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
            if (!(0,dist/* isMap */.jh)(node))
                return;
            for (const [key, value] of (0,yaml_scan/* mapEntries */.Nn)(node, doc)) {
                const at = path ? `${path}.${key}` : key;
                if (key === 'image')
                    readNamedImage(scan, doc, value, at);
                else
                    walk(value, at, depth + 1);
            }
        };
        walk(doc.contents, '', 0);
    }
}
function findAzureReferences(scan) {
    for (const doc of (0,yaml_scan/* parseYamlDocuments */.v)(scan)) {
        const aliases = new Set();
        const resources = (0,yaml_scan/* mapGet */.ZX)((0,yaml_scan/* mapGet */.ZX)(doc.contents, 'resources', doc), 'containers', doc);
        (0,yaml_scan/* seqItems */.Sg)(resources, doc).forEach((entry, i) => {
            const alias = (0,yaml_scan/* mapGet */.ZX)(entry, 'container', doc);
            if ((0,dist/* isScalar */.jn)(alias))
                aliases.add(String(alias.value));
            const image = (0,yaml_scan/* mapGetRaw */.tr)(entry, 'image', doc);
            if (image !== undefined)
                (0,yaml_scan/* readImageNode */.SP)(scan, doc, image, `resources.containers[${i}].image`, { skipReason });
        });
        const readContainer = (raw, where) => {
            const node = (0,yaml_scan/* deref */.LA)(raw, doc);
            if ((0,dist/* isScalar */.jn)(node)) {
                // A name from resources.containers is an alias for the image read there.
                if (!aliases.has(String(node.value)))
                    (0,yaml_scan/* readImageNode */.SP)(scan, doc, raw, where, { skipReason });
            }
            else if ((0,dist/* isMap */.jh)(node)) {
                const image = (0,yaml_scan/* mapGetRaw */.tr)(node, 'image', doc);
                if (image !== undefined)
                    (0,yaml_scan/* readImageNode */.SP)(scan, doc, image, `${where}.image`, { skipReason });
            }
        };
        const walk = (raw, path, depth) => {
            const node = (0,yaml_scan/* deref */.LA)(raw, doc);
            if (depth > MAX_DEPTH)
                return;
            if ((0,dist/* isSeq */.oP)(node))
                node.items.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
            if (!(0,dist/* isMap */.jh)(node))
                return;
            for (const [key, value] of (0,yaml_scan/* mapEntries */.Nn)(node, doc)) {
                const at = path ? `${path}.${key}` : key;
                if (key === 'resources' && !path)
                    continue;
                // A step's `target: container-alias` names where it runs, never an image.
                if (key === 'target')
                    continue;
                if (key === 'container')
                    readContainer(value, at);
                else if (key === 'services' && (0,dist/* isMap */.jh)((0,yaml_scan/* deref */.LA)(value, doc)))
                    for (const [name, service] of (0,yaml_scan/* mapEntries */.Nn)(value, doc))
                        readContainer(service, `${at}.${name}`);
                else
                    walk(value, at, depth + 1);
            }
        };
        walk(doc.contents, '', 0);
    }
}

// EXTERNAL MODULE: ./src/files/compose-env.ts
var compose_env = __webpack_require__(3961);
;// CONCATENATED MODULE: ./src/files/find-compose.ts


/**
 * `services.<name>.image` of a Compose file (compose-spec 05-services.md#image). A service
 * that also has `build` names the image Compose builds and tags, not one it pulls, so it is
 * skipped. Values with `$` are interpolated from the `.env` beside the file, as Compose does
 * (compose-env.ts). Pure.
 */
function findComposeReferences(scan, env) {
    for (const doc of (0,yaml_scan/* parseYamlDocuments */.v)(scan)) {
        for (const [name, service] of (0,yaml_scan/* mapEntries */.Nn)((0,yaml_scan/* mapGet */.ZX)(doc.contents, 'services', doc), doc)) {
            const image = (0,yaml_scan/* mapGetRaw */.tr)(service, 'image', doc);
            if (!image)
                continue;
            const where = `services.${name}.image`;
            const built = (0,yaml_scan/* mapGet */.ZX)(service, 'build', doc) !== undefined;
            const value = (0,yaml_scan/* mapString */.EH)(service, 'image', doc);
            if (!built && value?.includes('$')) {
                (0,compose_env/* readInterpolatedImage */.TT)(scan, doc, image, where, env);
                continue;
            }
            (0,yaml_scan/* readImageNode */.SP)(scan, doc, image, where, {
                skipReason: () => built
                    ? 'the service has build:, so image: names the image Compose builds, not one it pulls'
                    : undefined
            });
        }
    }
}

;// CONCATENATED MODULE: ./src/files/jsonc.ts
/**
 * A small scanner for JSON with comments (JSONC, as VS Code reads `devcontainer.json`):
 * `//` and `/* … *\/` comments and trailing commas are allowed. It reads only what a finder
 * needs: the string values of the top-level object's keys, each with the exact span of its
 * characters inside the quotes, so a rewrite replaces those and keeps every comment and space.
 * Nothing is evaluated; it never throws, and reports the first syntax error with its offset.
 */
/** Nesting deeper than any real file; a limit so a hostile one cannot exhaust the stack. */
const jsonc_MAX_DEPTH = 256;
class Reader {
    text;
    at = 0;
    constructor(text) {
        this.text = text;
    }
    fail(message) {
        throw new JsoncSyntax(this.at, message);
    }
    /** Skips whitespace and comments. */
    space() {
        const t = this.text;
        for (;;) {
            const c = t[this.at];
            if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff')
                this.at++;
            else if (t.startsWith('//', this.at)) {
                while (this.at < t.length && t[this.at] !== '\n' && t[this.at] !== '\r')
                    this.at++;
            }
            else if (t.startsWith('/*', this.at)) {
                const close = t.indexOf('*/', this.at + 2);
                if (close < 0)
                    this.fail('a comment opened with /* is never closed');
                this.at = close + 2;
            }
            else
                return;
        }
    }
    string() {
        const t = this.text;
        const start = ++this.at;
        let value = '';
        let escaped = false;
        while (this.at < t.length && t[this.at] !== '"') {
            const c = t[this.at];
            if (c === '\n' || c === '\r')
                this.fail('a string runs to the end of its line');
            if (c !== '\\') {
                value += c;
                this.at++;
                continue;
            }
            escaped = true;
            const e = t[this.at + 1];
            const simple = {
                '"': '"',
                '\\': '\\',
                '/': '/',
                b: '\b',
                f: '\f',
                n: '\n',
                r: '\r',
                t: '\t'
            };
            if (e in simple) {
                value += simple[e];
                this.at += 2;
            }
            else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(this.at + 2, this.at + 6))) {
                value += String.fromCharCode(parseInt(t.slice(this.at + 2, this.at + 6), 16));
                this.at += 6;
            }
            else
                this.fail('an invalid escape in a string');
        }
        if (this.at >= t.length)
            this.fail('a string is never closed');
        const end = this.at++;
        return { value, start, end, escaped };
    }
    /** Skips any value; returns it when it is a string. */
    value(depth) {
        if (depth > jsonc_MAX_DEPTH)
            this.fail(`values nested deeper than ${jsonc_MAX_DEPTH}`);
        this.space();
        const c = this.text[this.at];
        if (c === '"')
            return this.string();
        if (c === '{' || c === '[') {
            this.items(c === '{' ? '}' : ']', c === '{', depth);
            return undefined;
        }
        const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.at, this.at + 400));
        if (!literal)
            this.fail('expected a value (a string, number, object, array, true, false or null)');
        this.at += literal[0].length;
        return undefined;
    }
    /** The members of an object or the items of an array, after its opening bracket. */
    items(close, object, depth, onMember) {
        this.at++;
        for (;;) {
            this.space();
            if (this.text[this.at] === close) {
                this.at++;
                return;
            }
            let key = '';
            if (object) {
                if (this.text[this.at] !== '"')
                    this.fail(`expected a key in double quotes or '${close}'`);
                key = this.string().value;
                this.space();
                if (this.text[this.at] !== ':')
                    this.fail("expected ':' after a key");
                this.at++;
            }
            const value = this.value(depth + 1);
            onMember?.(key, value);
            this.space();
            if (this.text[this.at] === ',')
                this.at++;
            else if (this.text[this.at] !== close)
                this.fail(`expected ',' or '${close}'`);
        }
    }
}
/** A syntax error at an offset; caught in readJsoncTop, never seen outside this module. */
class JsoncSyntax extends Error {
    offset;
    constructor(offset, message) {
        super(message);
        this.offset = offset;
    }
}
/** The top-level object's string members (the last of a key written twice, as JSON.parse). */
function readJsoncTop(text) {
    const reader = new Reader(text);
    const strings = new Map();
    try {
        reader.space();
        if (text[reader.at] !== '{')
            reader.fail("expected the file to hold an object, '{'");
        reader.items('}', true, 0, (key, value) => {
            if (value)
                strings.set(key, value);
            else
                strings.delete(key);
        });
        reader.space();
        if (reader.at < text.length)
            reader.fail('unexpected text after the object');
    }
    catch (e) {
        if (e instanceof JsoncSyntax)
            return { strings, error: { offset: e.offset, message: e.message } };
        throw e;
    }
    return { strings };
}

;// CONCATENATED MODULE: ./src/files/find-devcontainer.ts

/**
 * The `image` of a dev container configuration (`.devcontainer/devcontainer.json`,
 * `.devcontainer.json`; containers.dev's JSON reference), read as JSON with comments. The
 * span is the string's characters inside its quotes, so a pin keeps every comment. A value
 * with `${localEnv:…}` or another variable is filled in by the tool that opens the container,
 * so it is reported as not followed. Pure.
 */
function findDevcontainerReferences(file, text, lines) {
    const top = readJsoncTop(text);
    const out = {
        references: [],
        skipped: [],
        problems: []
    };
    if (top.error) {
        const at = lines.positionAt(top.error.offset);
        out.problems.push({
            file,
            ...at,
            message: `${file}:${at.line}:${at.column}: not valid JSON with comments: ${top.error.message}`
        });
        return out;
    }
    const image = top.strings.get('image');
    if (!image)
        return out;
    const position = lines.positionAt(image.start);
    if (image.value.includes('${')) {
        out.skipped.push({
            file,
            ...position,
            kind: 'devcontainer',
            where: 'image',
            text: image.value,
            reason: 'the value holds a variable (${…}), filled in by the tool that opens the container'
        });
        return out;
    }
    const ref = {
        file,
        ...position,
        start: image.start,
        end: image.end,
        text: image.escaped ? text.slice(image.start, image.end) : image.value,
        image: image.value,
        kind: 'devcontainer',
        where: 'image',
        pinnable: !image.escaped
    };
    if (image.escaped)
        ref.reason = 'the value is written with escapes; rewriting it in place is not safe';
    out.references.push(ref);
    return out;
}

// EXTERNAL MODULE: ./src/files/split-reference.ts
var split_reference = __webpack_require__(5991);
;// CONCATENATED MODULE: ./src/files/read-split.ts


/** Adds the reference `map` holds under `spec` to the scan, or the entry it skips. */
function readSplitReference(scan, doc, map, spec) {
    const named = spec.nameKeys
        .map(key => (0,split_reference/* pairOf */.cF)(map, key, doc))
        .filter(pair => pair && !isEmpty((0,yaml_scan/* deref */.LA)(pair.value, doc)));
    const first = named[0]?.value;
    const at = first?.range?.[0] ?? 0;
    const skip = (text, reason) => {
        scan.skipped.push({
            file: scan.file,
            ...scan.lines.positionAt(at),
            kind: scan.kind,
            where: spec.where,
            text,
            reason
        });
    };
    const spans = [];
    for (const pair of named) {
        const span = (0,split_reference/* scalarSpan */.Lb)(scan, (0,yaml_scan/* deref */.LA)(pair?.value, doc), spec.asWritten);
        if (typeof span === 'string')
            return skip('', `${spec.where}: ${span}`);
        spans.push(span);
    }
    if (!spans.length)
        return skip('', 'the map names no repository');
    const name = spans.map(s => s.text).join('/');
    const tagPair = (0,split_reference/* pairOf */.cF)(map, spec.tagKey, doc);
    const digestPair = (0,split_reference/* pairOf */.cF)(map, spec.digestKey, doc);
    const tag = tagPair ? (0,split_reference/* scalarSpan */.Lb)(scan, (0,yaml_scan/* deref */.LA)(tagPair.value, doc), spec.asWritten) : undefined;
    const digest = digestPair
        ? (0,split_reference/* scalarSpan */.Lb)(scan, (0,yaml_scan/* deref */.LA)(digestPair.value, doc), spec.asWritten)
        : undefined;
    const values = [
        name,
        typeof tag === 'object' ? tag.text : '',
        typeof digest === 'object' ? digest.text : ''
    ];
    for (const value of values) {
        const reason = spec.skipReason?.(value);
        if (reason)
            return skip(value, reason);
    }
    const [, tagText, digestText] = values;
    const display = (0,split_reference/* splitDisplay */.vg)(name, tagText, digestText);
    if (typeof tag === 'string')
        return skip(display, `${spec.tagKey}: ${tag}`);
    if (typeof digest === 'string')
        return skip(display, `${spec.digestKey}: ${digest}`);
    if (!tagText && !digestText)
        return skip(name, spec.noTagReason);
    const anchor = tagPair ?? named[named.length - 1];
    const insert = anchor ? (0,split_reference/* insertionPoint */.Ks)(scan, map, anchor, doc) : undefined;
    if (!insert)
        return skip(display, 'the map is not written in a way a key can be added to');
    const split = { tagKey: spec.tagKey, digestKey: spec.digestKey, insert };
    const ref = {
        file: scan.file,
        ...scan.lines.positionAt(spans[0].start),
        start: spans[0].start,
        end: spans[0].end,
        text: display,
        image: display,
        kind: scan.kind,
        where: spec.where,
        pinnable: true,
        split
    };
    // An empty `digest: ""` is a value to write in place, as a written tag is one to replace.
    if (tag)
        split.tag = tag;
    if (digest)
        split.digest = digest;
    scan.references.push(ref);
}
function isEmpty(node) {
    const value = node?.value;
    return node === undefined || value === null || value === '';
}

;// CONCATENATED MODULE: ./src/files/find-helm.ts



/**
 * Images in a Helm chart's values file, wherever in the tree they sit (charts nest them under
 * any key: `image`, `metrics.image`, `sidecars[0].image`):
 * - a map `{repository, tag, digest}` with an optional `registry` (the Bitnami layout): the
 *   image is `registry/repository:tag`, pinned by writing `digest` (added beside `tag` when
 *   absent; `tag` is kept, as charts render `repository@digest` when a digest is set);
 * - a map `{image: {name, tag}}` (`name` the repository, `tag` its tag);
 * - a string `image: repo:tag`, pinned as any reference (`repo:tag@sha256:…`).
 * A value holding a template (`{{ … }}`, for `tpl`) is rendered only by Helm, so it is
 * reported as not followed. Pure.
 */
const TEMPLATE_REASON = 'the value is a Helm template ({{ … }}), rendered only when the chart is installed; scan the rendered manifest (helm template) instead';
const find_helm_skipReason = (value) => value.includes('{{') ? TEMPLATE_REASON : undefined;
const NO_TAG = 'the map gives no tag or digest; the chart fills one in (often its appVersion), which the values file does not say';
/** Deeper than any chart's values; a limit so a hostile file cannot recurse without end. */
const find_helm_MAX_DEPTH = 64;
/** Adds the images of every map and `image:` string in every clean document to `scan`. */
function findHelmReferences(scan) {
    for (const doc of (0,yaml_scan/* parseYamlDocuments */.v)(scan))
        walk(scan, doc, doc.contents, '', '', 0);
}
function walk(scan, doc, raw, path, parentKey, depth) {
    const node = (0,yaml_scan/* deref */.LA)(raw, doc);
    if (depth > find_helm_MAX_DEPTH)
        return;
    if ((0,dist/* isSeq */.oP)(node)) {
        (0,yaml_scan/* seqItems */.Sg)(node, doc).forEach((item, i) => walk(scan, doc, item, `${path}[${i}]`, parentKey, depth + 1));
        return;
    }
    if (!(0,dist/* isMap */.jh)(node))
        return;
    if (readImageMap(scan, doc, node, path, parentKey))
        return;
    for (const [key, value] of (0,yaml_scan/* mapEntries */.Nn)(node, doc)) {
        const at = path ? `${path}.${key}` : key;
        const child = (0,yaml_scan/* deref */.LA)(value, doc);
        if (key === 'image' && (0,dist/* isScalar */.jn)(child)) {
            if (typeof child.value === 'string' && child.value !== '')
                (0,yaml_scan/* readImageNode */.SP)(scan, doc, value, at, { skipReason: find_helm_skipReason });
            continue;
        }
        walk(scan, doc, value, at, key, depth + 1);
    }
}
/** Reads `node` when it is an image map; returns whether it was one. */
function readImageMap(scan, doc, node, path, parentKey) {
    const has = (key) => (0,yaml_scan/* mapGet */.ZX)(node, key, doc) !== undefined;
    const underImage = /image$/i.test(parentKey);
    const repository = (0,yaml_scan/* mapGet */.ZX)(node, 'repository', doc);
    if ((0,dist/* isScalar */.jn)(repository) && typeof repository.value === 'string') {
        // `repository` alone is also a word for chart repositories; an image map has a tag or digest.
        if (!underImage && !has('tag') && !has('digest'))
            return false;
        readSplitReference(scan, doc, node, {
            where: path || '(top level)',
            nameKeys: ['registry', 'repository'],
            tagKey: 'tag',
            digestKey: 'digest',
            skipReason: find_helm_skipReason,
            noTagReason: NO_TAG
        });
        return true;
    }
    const name = (0,yaml_scan/* mapGet */.ZX)(node, 'name', doc);
    if (parentKey === 'image' && (0,dist/* isScalar */.jn)(name) && typeof name.value === 'string' && has('tag')) {
        readSplitReference(scan, doc, node, {
            where: path,
            nameKeys: ['name'],
            tagKey: 'tag',
            digestKey: 'digest',
            skipReason: find_helm_skipReason,
            noTagReason: NO_TAG
        });
        return true;
    }
    return false;
}

;// CONCATENATED MODULE: ./src/files/find-kustomize.ts



/**
 * The `images:` entries of a Kustomization (`kustomization.yaml`, `kustomization.yml`,
 * `Kustomization`; kustomize's images transformer): `name` is the image the resources name,
 * `newName` what to pull instead, `newTag` and `digest` its tag and pin. The image an entry
 * resolves to is `newName` (else `name`) at `newTag`. A pin writes `digest` and keeps `newTag`;
 * an entry with neither `newTag` nor `digest` takes its tag from the resources it applies to,
 * which the Kustomization does not say, so it is reported as not followed. Pure.
 */
const find_kustomize_NO_TAG = 'the entry sets neither newTag nor digest, so the tag comes from the manifests it applies to; give newTag to have it checked';
function findKustomizeReferences(scan) {
    for (const doc of (0,yaml_scan/* parseYamlDocuments */.v)(scan)) {
        (0,yaml_scan/* seqItems */.Sg)((0,yaml_scan/* mapGet */.ZX)(doc.contents, 'images', doc), doc).forEach((entry, i) => {
            const name = (0,yaml_scan/* mapString */.EH)(entry, 'name', doc) ?? '(unnamed)';
            const newName = (0,yaml_scan/* mapGet */.ZX)(entry, 'newName', doc);
            const renamed = (0,dist/* isScalar */.jn)(newName) && typeof newName.value === 'string' && newName.value;
            readSplitReference(scan, doc, entry, {
                where: `images[${i}] (${name})`,
                nameKeys: [renamed ? 'newName' : 'name'],
                tagKey: 'newTag',
                digestKey: 'digest',
                skipReason: value => value.includes('$')
                    ? 'the value holds a variable, filled in by a tool before kustomize runs'
                    : undefined,
                noTagReason: find_kustomize_NO_TAG,
                asWritten: true
            });
        });
    }
}

;// CONCATENATED MODULE: ./src/files/dockerfile-lines.ts
/**
 * Dockerfile text → instructions, as BuildKit's parser reads it (moby/buildkit
 * frontend/dockerfile/parser): parser directives at the top (`# escape=`), comments, blank
 * lines, line continuations with the escape character, comment and blank lines inside a
 * continuation dropped, and heredoc bodies (`RUN <<EOF`) stepped over so their lines are never
 * taken for instructions. Each instruction keeps the source offset of every character, so a
 * word can be mapped back to the exact bytes it came from. Pure.
 */
/** `# name=`; the value is cut out by hand (see parseDirective). */
const DIRECTIVE_NAME = /^#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=/;
const HEREDOC = /(?<!<)<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
function splitPhysicalLines(text) {
    const lines = [];
    const breaks = /\r\n|\n|\r/g;
    let start = 0;
    for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
        lines.push({ start, content: text.slice(start, m.index) });
        start = m.index + m[0].length;
    }
    if (start < text.length)
        lines.push({ start, content: text.slice(start) });
    return lines;
}
const isBlank = (s) => /^[ \t]*$/.test(s);
const isComment = (s) => /^[ \t]*#/.test(s);
const isBlankChar = (c) => c === ' ' || c === '\t';
/**
 * `# name=value`, the value without the blanks around it; null when the line is no directive.
 * Written by hand because the regex it replaces, `=[ \t]*(.+?)[ \t]*$`, re-scanned the
 * trailing blanks at every lazy step: a line of 200,000 spaces took almost a minute.
 * Matches exactly what that regex matched (a value of blanks only is its last blank).
 */
function parseDirective(line) {
    const head = DIRECTIVE_NAME.exec(line);
    if (!head)
        return null;
    const rest = line.slice(head[0].length);
    // `.` stops at these, so the old regex never matched a line holding one.
    if (!rest || /[\u2028\u2029]/.test(rest))
        return null;
    let from = 0;
    let to = rest.length;
    while (to > 0 && isBlankChar(rest[to - 1]))
        to--;
    while (from < to && isBlankChar(rest[from]))
        from++;
    const value = from < to ? rest.slice(from, to) : rest[rest.length - 1];
    return { name: head[1], value };
}
/** Reads the instructions of a Dockerfile or Containerfile. Never throws. */
function readInstructions(source) {
    const lines = splitPhysicalLines(source);
    if (lines.length && lines[0].content.startsWith('\uFEFF')) {
        lines[0] = { start: 1, content: lines[0].content.slice(1) };
    }
    let escape = '\\';
    let i = 0;
    // Directives count only before the first comment, blank line or instruction.
    for (; i < lines.length; i++) {
        const directive = parseDirective(lines[i].content);
        if (!directive)
            break;
        if (directive.name.toLowerCase() === 'escape' &&
            (directive.value === '`' || directive.value === '\\'))
            escape = directive.value;
    }
    const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
    const instructions = [];
    while (i < lines.length) {
        const first = lines[i];
        if (isBlank(first.content) || isComment(first.content)) {
            i++;
            continue;
        }
        let text = '';
        const runs = [];
        const line = i + 1;
        for (;;) {
            const { start, content } = lines[i];
            const m = continuation.exec(content);
            const kept = m ? content.slice(0, m.index) : content;
            text += kept;
            if (kept.length)
                runs.push({ at: text.length - kept.length, start });
            i++;
            if (!m)
                break;
            while (i < lines.length && (isBlank(lines[i].content) || isComment(lines[i].content)))
                i++;
            if (i >= lines.length)
                break;
        }
        const keyword = /^[ \t]*(\S+)/.exec(text)?.[1].toUpperCase() ?? '';
        instructions.push({ keyword, text, runs, line });
        if (HEREDOC_INSTRUCTIONS.has(keyword))
            i = skipHeredocs(text, lines, i);
    }
    return { escape, instructions };
}
/** Steps over the bodies of the heredocs an instruction opens, in order; returns the next line. */
function skipHeredocs(text, lines, next) {
    let i = next;
    for (const m of text.matchAll(HEREDOC)) {
        const stripTabs = m[1] === '-';
        const word = m[3];
        while (i < lines.length) {
            const content = stripTabs ? lines[i].content.replace(/^\t+/, '') : lines[i].content;
            i++;
            if (content === word)
                break;
        }
    }
    return i;
}
/**
 * Splits an instruction's arguments (everything after the keyword) into words at unquoted
 * blanks. Quotes and escapes stay in `raw`; callers decide what they mean.
 */
function splitWords(ins, escape) {
    const { text } = ins;
    const words = [];
    let i = /^[ \t]*\S+/.exec(text)?.[0].length ?? text.length;
    while (i < text.length) {
        while (i < text.length && (text[i] === ' ' || text[i] === '\t'))
            i++;
        if (i >= text.length)
            break;
        const from = i;
        let quote = '';
        while (i < text.length) {
            const c = text[i];
            if (quote) {
                if (c === quote)
                    quote = '';
                else if (c === escape && quote === '"')
                    i++;
            }
            else if (c === ' ' || c === '\t')
                break;
            else if (c === '"' || c === "'")
                quote = c;
            else if (c === escape)
                i++;
            i++;
        }
        const to = Math.min(i, text.length);
        words.push({ raw: text.slice(from, to), from, to });
    }
    return words;
}
/**
 * The source span of `text[from, to)` of an instruction, or null when those characters are
 * not one unbroken run of the source (a word split by a line continuation).
 */
function sourceSpan(ins, from, to) {
    if (to <= from)
        return null;
    const start = sourceOffset(ins, from);
    const end = sourceOffset(ins, to - 1) + 1;
    return end - start === to - from ? { start, end } : null;
}
/** The offset in the source of `text[i]` (undefined past the end), found among the runs. */
function sourceOffset(ins, i) {
    const { runs } = ins;
    let lo = 0;
    let hi = runs.length - 1;
    if (hi < 0 || i < 0 || i >= ins.text.length)
        return NaN;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (runs[mid].at <= i)
            lo = mid;
        else
            hi = mid - 1;
    }
    return runs[lo].start + (i - runs[lo].at);
}

;// CONCATENATED MODULE: ./src/files/dockerfile-vars.ts
/**
 * Variable substitution in a Dockerfile word, as BuildKit's shell lexer does it for FROM
 * (frontend/dockerfile/shell/lex.go; docs: "Environment replacement"): `$NAME`, `${NAME}`,
 * `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`, the escape character
 * making a `$` literal. Anything else (`${NAME#pattern}`, `${NAME:?}` …) is reported as
 * unsupported rather than guessed. Pure.
 */
/** Platform ARGs BuildKit defines in the global scope for every build (docs: "Automatic platform ARGs"). */
const BUILDER_ARGS = new Set([
    'BUILDPLATFORM',
    'BUILDOS',
    'BUILDARCH',
    'BUILDVARIANT',
    'TARGETPLATFORM',
    'TARGETOS',
    'TARGETARCH',
    'TARGETVARIANT'
]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
/** True when the word contains something substitution would change. */
function hasVariables(word, escape) {
    return word.includes('$') || word.includes(escape);
}
/** Expands one word; never throws. */
function expandWord(word, escape, vars) {
    const out = { value: '', names: [], unset: [] };
    let i = 0;
    while (i < word.length) {
        const c = word[i];
        if (c === escape && i + 1 < word.length) {
            out.value += word[i + 1];
            i += 2;
            continue;
        }
        if (c !== '$') {
            out.value += c;
            i++;
            continue;
        }
        if (word[i + 1] === '{') {
            const close = matchingBrace(word, i + 1);
            if (close < 0)
                return { ...out, problem: `'${word}' has a '\${' without its '}'` };
            const inner = word.slice(i + 2, close);
            const expanded = expandBraced(inner, escape, vars, out);
            if (expanded === null) {
                return { ...out, problem: `'\${${inner}}' uses a form of substitution not followed here` };
            }
            out.value += expanded;
            i = close + 1;
            continue;
        }
        const name = NAME.exec(word.slice(i + 1))?.[0];
        if (!name) {
            out.value += '$';
            i++;
            continue;
        }
        out.value += lookup(name, vars, out);
        i += 1 + name.length;
    }
    return out;
}
function matchingBrace(word, open) {
    let depth = 0;
    for (let i = open; i < word.length; i++) {
        if (word[i] === '{')
            depth++;
        else if (word[i] === '}' && --depth === 0)
            return i;
    }
    return -1;
}
function lookup(name, vars, out) {
    out.names.push(name);
    const value = vars.get(name);
    if (value === undefined) {
        out.unset.push(name);
        return '';
    }
    return value;
}
/** `NAME`, `NAME:-word`, `NAME-word`, `NAME:+word`, `NAME+word`; null for anything else. */
function expandBraced(inner, escape, vars, out) {
    const name = NAME.exec(inner)?.[0];
    if (!name)
        return null;
    const rest = inner.slice(name.length);
    if (!rest)
        return lookup(name, vars, out);
    const op = /^(:?[-+])/.exec(rest)?.[1];
    if (!op)
        return null;
    out.names.push(name);
    const value = vars.get(name);
    const set = op.startsWith(':') ? !!value : value !== undefined;
    const useWord = op.endsWith('-') ? !set : set;
    if (!useWord)
        return op.endsWith('-') ? (value ?? '') : '';
    const nested = expandWord(rest.slice(op.length), escape, vars);
    out.names.push(...nested.names);
    out.unset.push(...nested.unset);
    if (nested.problem)
        return null;
    return nested.value;
}

;// CONCATENATED MODULE: ./src/files/find-dockerfile.ts


/** Finds the image references of one Dockerfile's text. */
function findDockerfileReferences(file, text, lines) {
    const { escape, instructions } = readInstructions(text);
    const ctx = {
        file,
        source: text,
        lines,
        escape,
        args: new Map(),
        values: new Map(),
        stages: new Map(),
        stage: 0,
        references: [],
        argReferences: new Map(),
        skipped: []
    };
    for (const ins of instructions) {
        if (ins.keyword === 'FROM')
            readFrom(ctx, ins);
        else if (ins.keyword === 'ARG' && ctx.stage === 0)
            readGlobalArg(ctx, ins);
        else if (ins.keyword === 'COPY' && ctx.stage > 0)
            readCopyFrom(ctx, ins);
    }
    return { references: ctx.references, skipped: ctx.skipped };
}
function defineArg(ctx, name, def) {
    ctx.args.set(name, def);
    ctx.values.set(name, def.value);
}
function readGlobalArg(ctx, ins) {
    for (const word of splitWords(ins, ctx.escape)) {
        const eq = word.raw.indexOf('=');
        const name = eq < 0 ? word.raw : word.raw.slice(0, eq);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            continue;
        if (eq < 0) {
            defineArg(ctx, name, { value: undefined, line: ins.line });
            continue;
        }
        const from = word.from + eq + 1;
        const raw = word.raw.slice(eq + 1);
        const quote = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") ? raw[0] : '';
        const quoted = quote && raw.endsWith(quote) && !raw.slice(1, -1).includes(quote);
        const inner = quoted ? raw.slice(1, -1) : raw;
        const innerFrom = quoted ? from + 1 : from;
        const plain = !/["']/.test(inner) && (quote === "'" || !hasVariables(inner, ctx.escape)) && !!inner;
        const span = plain ? sourceSpan(ins, innerFrom, innerFrom + inner.length) : null;
        const value = quote === "'" && quoted ? inner : expandWord(inner, ctx.escape, ctx.values).value;
        const def = { value, raw, line: ins.line };
        if (span)
            def.literal = { ...span, text: inner };
        defineArg(ctx, name, def);
    }
}
function readFrom(ctx, ins) {
    ctx.stage++;
    const words = splitWords(ins, ctx.escape);
    let i = 0;
    let platform;
    for (; i < words.length && words[i].raw.startsWith('--'); i++) {
        const m = /^--platform=(.*)$/.exec(words[i].raw);
        if (m && m[1] && !hasVariables(m[1], ctx.escape))
            platform = m[1];
    }
    const image = words[i];
    const stageName = words[i + 1]?.raw.toLowerCase() === 'as' && words[i + 2] ? words[i + 2].raw : undefined;
    const where = `FROM (stage ${ctx.stage}${stageName ? `: ${stageName}` : ''})`;
    if (image)
        readImageWord(ctx, ins, image, where, platform);
    if (stageName)
        ctx.stages.set(stageName.toLowerCase(), ins.line);
}
function readCopyFrom(ctx, ins) {
    for (const word of splitWords(ins, ctx.escape)) {
        if (!word.raw.startsWith('--'))
            break;
        const m = /^--from=(.+)$/i.exec(word.raw);
        if (!m)
            continue;
        const value = m[1];
        // A stage by name or index is the build's own, not an image to pin.
        if (/^\d+$/.test(value) || ctx.stages.has(value.toLowerCase()))
            return;
        const where = `COPY --from (stage ${ctx.stage})`;
        const from = word.from + '--from='.length;
        if (hasVariables(value, ctx.escape)) {
            skip(ctx, ins, from, where, value, 'COPY --from with variables is not followed');
            return;
        }
        const span = sourceSpan(ins, from, word.to);
        if (value.toLowerCase() === 'scratch')
            return;
        addReference(ctx, ins, from, span, value, value, where, undefined, splitReason(span));
        return;
    }
}
function splitReason(span) {
    return span ? undefined : 'the reference is split over lines by a line continuation';
}
/**
 * One image word (of FROM, or COPY --from). Exactly one ARG (`${BASE}`) makes that ARG's
 * default the span to edit; ARGs mixed with literal text are reported but not pinnable.
 */
function readImageWord(ctx, ins, word, where, platform) {
    const raw = word.raw;
    if (!hasVariables(raw, ctx.escape)) {
        if (isStageOrScratch(ctx, ins, word.from, where, raw, raw))
            return;
        const span = sourceSpan(ins, word.from, word.to);
        addReference(ctx, ins, word.from, span, raw, raw, where, platform, splitReason(span));
        return;
    }
    const expansion = expandWord(raw, ctx.escape, ctx.values);
    const unknown = whyUnknown(ctx, expansion);
    if (unknown) {
        skip(ctx, ins, word.from, where, raw, unknown);
        return;
    }
    const image = expansion.value;
    if (!image) {
        skip(ctx, ins, word.from, where, raw, `the image is empty once ARGs are substituted`);
        return;
    }
    if (isStageOrScratch(ctx, ins, word.from, where, raw, image))
        return;
    const single = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)(.*))?\})$/.exec(raw);
    const name = single?.[1] ?? single?.[2];
    const def = name ? ctx.args.get(name) : undefined;
    const wordSpan = sourceSpan(ins, word.from, word.to);
    if (name && def?.value !== undefined && (def.value !== '' || single?.[3] !== ':-')) {
        if (def.literal) {
            const usedBy = `ARG ${name} (line ${def.line}), used by ${where} on line ${ins.line}`;
            addArgReference(ctx, def.literal, image, usedBy, platform);
            return;
        }
        const reason = `the default of ARG ${name} (line ${def.line}) is built from other ARGs (${def.raw ?? ''}); pin the ARGs it is made of by hand`;
        addReference(ctx, ins, word.from, wordSpan, raw, image, where, platform, reason);
        return;
    }
    const fallback = single?.[4];
    if (name && fallback !== undefined && !hasVariables(fallback, ctx.escape)) {
        // The ARG has no value, so the `:-` default inside the FROM is what the build uses.
        const from = word.to - 1 - fallback.length;
        const span = sourceSpan(ins, from, word.to - 1);
        addReference(ctx, ins, from, span, fallback, image, where, platform, splitReason(span));
        return;
    }
    const reason = `the image is assembled from ARG values and literal text (${raw}); a pin would have to replace the expression, so pin it by hand or make the whole image one ARG`;
    addReference(ctx, ins, word.from, wordSpan, raw, image, where, platform, reason);
}
function whyUnknown(ctx, expansion) {
    if (expansion.problem)
        return expansion.problem;
    const builder = expansion.unset.find(n => BUILDER_ARGS.has(n));
    if (builder)
        return `it depends on ${builder}, which the builder sets for each platform it builds`;
    const name = expansion.unset[0];
    if (name === undefined)
        return undefined;
    const def = ctx.args.get(name);
    if (def) {
        return `ARG ${name} (line ${def.line}) has no default value; it comes from --build-arg, which the file does not tell`;
    }
    return `${name} is not declared by an ARG before the first FROM (only those are visible to FROM)`;
}
function isStageOrScratch(ctx, ins, from, where, raw, image) {
    const stageLine = ctx.stages.get(image.toLowerCase());
    if (stageLine !== undefined) {
        skip(ctx, ins, from, where, raw, `refers to build stage '${image}' (line ${stageLine})`);
        return true;
    }
    if (image.toLowerCase() === 'scratch') {
        skip(ctx, ins, from, where, raw, 'scratch is the empty image; there is nothing to pin');
        return true;
    }
    return false;
}
function skip(ctx, ins, from, where, text, reason) {
    const position = ctx.lines.positionAt(sourceOffset(ins, from) || 0);
    ctx.skipped.push({ file: ctx.file, ...position, kind: 'dockerfile', where, text, reason });
}
function addReference(ctx, ins, from, span, text, image, where, platform, reason) {
    // A word broken by a continuation is recorded over all the source it covers, as written.
    const start = span?.start ?? sourceOffset(ins, from);
    const end = span?.end ?? sourceOffset(ins, from + text.length - 1) + 1;
    const ref = {
        file: ctx.file,
        ...ctx.lines.positionAt(start),
        start,
        end,
        text: span ? text : ctx.source.slice(start, end),
        image,
        kind: 'dockerfile',
        where,
        pinnable: !reason
    };
    if (platform)
        ref.platform = platform;
    if (reason)
        ref.reason = reason;
    ctx.references.push(ref);
}
/** A reference whose span is an ARG default: several FROMs using one ARG share one reference. */
function addArgReference(ctx, literal, image, usedBy, platform) {
    const key = `${literal.start}:${literal.end}`;
    const same = ctx.argReferences.get(key);
    if (same) {
        same.where += `; ${usedBy.slice(usedBy.indexOf('used by'))}`;
        if (same.platform !== platform)
            delete same.platform;
        return;
    }
    const ref = {
        file: ctx.file,
        ...ctx.lines.positionAt(literal.start),
        start: literal.start,
        end: literal.end,
        text: literal.text,
        image,
        kind: 'dockerfile',
        where: usedBy,
        pinnable: true
    };
    if (platform)
        ref.platform = platform;
    ctx.references.push(ref);
    ctx.argReferences.set(key, ref);
}

;// CONCATENATED MODULE: ./src/files/find-custom-resources.ts


/**
 * Container images in the Kubernetes custom resources of tools that run pods, whose pod
 * templates and steps are not a core workload's `spec.template.spec`:
 * - Argo Rollouts (`argoproj.io`): Rollout, AnalysisTemplate, ClusterAnalysisTemplate, Experiment;
 * - Argo Workflows (`argoproj.io`): Workflow, WorkflowTemplate, ClusterWorkflowTemplate,
 *   CronWorkflow (`container`, `script`, `containerSet`, init containers and sidecars);
 * - Tekton (`tekton.dev`): Task, ClusterTask, Pipeline, TaskRun, PipelineRun, StepAction
 *   (`steps`, `sidecars`, `stepTemplate`, inline `taskSpec` and `pipelineSpec`);
 * - Knative Serving (`serving.knative.dev`): Service, Configuration, Revision.
 * Under `spec` of these kinds, an `image:` is read where it sits in a container-shaped map:
 * beside a `name:`, as an item of a list of containers, steps or sidecars, or as the map under
 * `container`, `script` or `stepTemplate`. Other custom resources are not read: an `image:`
 * there may mean anything. Pure.
 */
const KNOWN = {
    'argoproj.io': [
        'Rollout',
        'AnalysisTemplate',
        'ClusterAnalysisTemplate',
        'Experiment',
        'Workflow',
        'WorkflowTemplate',
        'ClusterWorkflowTemplate',
        'CronWorkflow'
    ],
    'tekton.dev': ['Task', 'ClusterTask', 'Pipeline', 'TaskRun', 'PipelineRun', 'StepAction'],
    'serving.knative.dev': ['Service', 'Configuration', 'Revision']
};
/** Lists whose items are containers. */
const CONTAINER_LISTS = new Set([
    'containers',
    'initContainers',
    'ephemeralContainers',
    'sidecars',
    'steps'
]);
/** Keys whose value is one container-shaped map. */
const CONTAINER_MAPS = new Set(['container', 'script', 'stepTemplate']);
/** Deeper than any resource; a limit so a hostile file cannot recurse without end. */
const find_custom_resources_MAX_DEPTH = 64;
const find_custom_resources_skipReason = (value) => value.includes('{{')
    ? 'the value is a template expression ({{ … }}), filled in when the resource runs'
    : value.includes('$(')
        ? 'the value holds a parameter ($(params.…)), filled in when the resource runs'
        : undefined;
/** Whether `apiVersion` and `kind` name a custom resource read here. */
function isKnownCustomResource(apiVersion, kind) {
    const group = (apiVersion ?? '').split('/')[0];
    return KNOWN[group]?.includes(kind) ?? false;
}
/** Adds the container images under the object's `spec`, `where` prefixed with `label`. */
function readCustomResource(scan, doc, object, label) {
    const walk = (raw, path, shaped, depth) => {
        const node = (0,yaml_scan/* deref */.LA)(raw, doc);
        if (depth > find_custom_resources_MAX_DEPTH)
            return;
        if ((0,dist/* isSeq */.oP)(node)) {
            node.items.forEach((item, i) => walk(item, `${path}[${i}]`, shaped, depth + 1));
            return;
        }
        if (!(0,dist/* isMap */.jh)(node))
            return;
        const image = (0,yaml_scan/* mapGetRaw */.tr)(node, 'image', doc);
        const named = (0,dist/* isScalar */.jn)((0,yaml_scan/* mapGet */.ZX)(node, 'name', doc));
        if (image !== undefined && (0,dist/* isScalar */.jn)((0,yaml_scan/* deref */.LA)(image, doc)) && (shaped || named))
            (0,yaml_scan/* readImageNode */.SP)(scan, doc, image, `${label} ${path}.image`, { skipReason: find_custom_resources_skipReason });
        for (const [key, value] of (0,yaml_scan/* mapEntries */.Nn)(node, doc)) {
            if (key === 'image')
                continue;
            const list = CONTAINER_LISTS.has(key) && (0,dist/* isSeq */.oP)((0,yaml_scan/* deref */.LA)(value, doc));
            walk(value, `${path}.${key}`, list || CONTAINER_MAPS.has(key), depth + 1);
        }
    };
    walk((0,yaml_scan/* mapGetRaw */.tr)(object, 'spec', doc), 'spec', false, 0);
}

;// CONCATENATED MODULE: ./src/files/find-kubernetes.ts


/**
 * Container images in Kubernetes manifests: `containers`, `initContainers` and
 * `ephemeralContainers` of the pod spec of a Pod, of a workload's pod template, and of a
 * CronJob's job template (Kubernetes API reference, PodSpec). Every document of a stream is
 * read, and the items of a `kind: List` (or `PodList`, `DeploymentList` …), so Helm's rendered
 * output (`---` and `# Source:` comments) works as it is. Pure.
 */
const POD_SPEC_PATHS = {
    Pod: ['spec'],
    PodTemplate: ['template', 'spec'],
    Deployment: ['spec', 'template', 'spec'],
    StatefulSet: ['spec', 'template', 'spec'],
    DaemonSet: ['spec', 'template', 'spec'],
    ReplicaSet: ['spec', 'template', 'spec'],
    ReplicationController: ['spec', 'template', 'spec'],
    Job: ['spec', 'template', 'spec'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec']
};
const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'];
const find_kubernetes_skipReason = (value) => value.includes('{{')
    ? 'the value is a template expression ({{ … }}); scan the rendered manifest (helm template) instead'
    : undefined;
/** Adds the container images of every object in every clean document to `scan`. */
function findKubernetesReferences(scan) {
    for (const doc of (0,yaml_scan/* parseYamlDocuments */.v)(scan))
        readObject(scan, doc, doc.contents, '', 0);
}
function readObject(scan, doc, node, prefix, depth) {
    const kind = (0,yaml_scan/* mapString */.EH)(node, 'kind', doc);
    if (!kind || depth > 8)
        return;
    if (kind === 'List' || kind.endsWith('List')) {
        (0,yaml_scan/* seqItems */.Sg)((0,yaml_scan/* mapGet */.ZX)(node, 'items', doc), doc).forEach((item, i) => readObject(scan, doc, item, `${prefix}items[${i}] `, depth + 1));
        return;
    }
    const path = POD_SPEC_PATHS[kind];
    const name = (0,yaml_scan/* mapString */.EH)((0,yaml_scan/* mapGet */.ZX)(node, 'metadata', doc), 'name', doc) ?? '(unnamed)';
    if (isKnownCustomResource((0,yaml_scan/* mapString */.EH)(node, 'apiVersion', doc), kind)) {
        readCustomResource(scan, doc, node, `${prefix}${kind}/${name}`);
        return;
    }
    if (!path)
        return;
    let spec = node;
    for (const key of path)
        spec = (0,yaml_scan/* mapGet */.ZX)(spec, key, doc);
    for (const field of CONTAINER_FIELDS) {
        (0,yaml_scan/* seqItems */.Sg)((0,yaml_scan/* mapGet */.ZX)(spec, field, doc), doc).forEach((container, i) => {
            const image = (0,yaml_scan/* mapGetRaw */.tr)(container, 'image', doc);
            if (!image)
                return;
            const where = `${prefix}${kind}/${name} ${path.join('.')}.${field}[${i}].image`;
            (0,yaml_scan/* readImageNode */.SP)(scan, doc, image, where, { skipReason: find_kubernetes_skipReason });
        });
    }
}

;// CONCATENATED MODULE: ./src/files/find-workflow.ts


/**
 * Images in a GitHub Actions workflow (docs: "Workflow syntax"): `jobs.<id>.container` (a
 * string or `{image}`), `jobs.<id>.services.<id>.image` and `jobs.<id>.steps[*].uses:
 * docker://image`; and in an action's metadata file (`action.yml`, "Metadata syntax"):
 * `runs.image: docker://image` and `runs.steps[*].uses`. A value holding an expression
 * (`${{ … }}`) is only known when the workflow runs, so it is skipped. Pure.
 */
function findWorkflowReferences(scan, isActionMetadata) {
    const skipReason = (value) => value.includes('${{')
        ? 'the value is a GitHub Actions expression (${{ … }}), known only when the workflow runs'
        : undefined;
    for (const doc of (0,yaml_scan/* parseYamlDocuments */.v)(scan)) {
        const readSteps = (steps, path) => {
            (0,yaml_scan/* seqItems */.Sg)(steps, doc).forEach((step, i) => {
                const uses = (0,yaml_scan/* mapGet */.ZX)(step, 'uses', doc);
                if ((0,dist/* isScalar */.jn)(uses) &&
                    typeof uses.value === 'string' &&
                    uses.value.startsWith('docker://')) {
                    (0,yaml_scan/* readImageNode */.SP)(scan, doc, uses, `${path}[${i}].uses`, { skipReason, prefix: 'docker://' });
                }
            });
        };
        if (isActionMetadata) {
            const runs = (0,yaml_scan/* mapGet */.ZX)(doc.contents, 'runs', doc);
            const image = (0,yaml_scan/* mapGet */.ZX)(runs, 'image', doc);
            // `image: Dockerfile` builds from a file in the action; only docker:// names an image.
            if ((0,dist/* isScalar */.jn)(image) && typeof image.value === 'string' && image.value.startsWith('docker://'))
                (0,yaml_scan/* readImageNode */.SP)(scan, doc, image, 'runs.image', { skipReason, prefix: 'docker://' });
            readSteps((0,yaml_scan/* mapGet */.ZX)(runs, 'steps', doc), 'runs.steps');
            continue;
        }
        for (const [id, job] of (0,yaml_scan/* mapEntries */.Nn)((0,yaml_scan/* mapGet */.ZX)(doc.contents, 'jobs', doc), doc)) {
            const written = (0,yaml_scan/* mapGetRaw */.tr)(job, 'container', doc);
            const container = (0,yaml_scan/* deref */.LA)(written, doc);
            if ((0,dist/* isScalar */.jn)(container))
                (0,yaml_scan/* readImageNode */.SP)(scan, doc, written, `jobs.${id}.container`, { skipReason });
            else if (container) {
                const image = (0,yaml_scan/* mapGetRaw */.tr)(container, 'image', doc);
                if (image)
                    (0,yaml_scan/* readImageNode */.SP)(scan, doc, image, `jobs.${id}.container.image`, { skipReason });
            }
            for (const [name, service] of (0,yaml_scan/* mapEntries */.Nn)((0,yaml_scan/* mapGet */.ZX)(job, 'services', doc), doc)) {
                const image = (0,yaml_scan/* mapGetRaw */.tr)(service, 'image', doc);
                if (image)
                    (0,yaml_scan/* readImageNode */.SP)(scan, doc, image, `jobs.${id}.services.${name}.image`, { skipReason });
            }
            readSteps((0,yaml_scan/* mapGet */.ZX)(job, 'steps', doc), `jobs.${id}.steps`);
        }
    }
}

// EXTERNAL MODULE: ./src/files/positions.ts
var positions = __webpack_require__(2391);
;// CONCATENATED MODULE: ./src/files/find-references.ts












/**
 * Finds the image references of one file's text: dispatches on `detectFileKind`, then checks
 * each image with `parseReference` (reference.ts). An invalid image is a reference with
 * `error` set, a YAML syntax error a problem; neither throws, so one bad file or reference
 * never loses the others. Offsets are into `text` exactly as given: decode the file with
 * `decodeText` (rewrite.ts), which keeps a BOM, so they stay valid for the rewrite. Pure.
 *
 * `env` is the `.env` beside a Compose file (compose-env.ts), for its `${VAR}` values.
 *
 * This module loads the `yaml` package: import it lazily (`await import(...)`).
 */
function findReferences(path, text, kind = (0,detect_kind/* detectFileKind */.i)(path, text), env) {
    const scan = { file: path, kind, references: [], skipped: [], problems: [] };
    if (!kind)
        return scan;
    const lines = (0,positions/* indexLines */.u)(text);
    if (kind === 'dockerfile') {
        const found = findDockerfileReferences(path, text, lines);
        scan.references = found.references;
        scan.skipped = found.skipped;
    }
    else if (kind === 'devcontainer') {
        Object.assign(scan, findDevcontainerReferences(path, text, lines));
    }
    else {
        const yaml = { ...scan, text, lines, kind };
        readYaml(yaml, kind, path, env);
        scan.references = yaml.references;
        scan.skipped = yaml.skipped;
        scan.problems = yaml.problems;
    }
    for (const ref of scan.references)
        validate(ref);
    return scan;
}
function readYaml(scan, kind, path, env) {
    if (kind === 'compose')
        findComposeReferences(scan, env);
    else if (kind === 'kubernetes')
        findKubernetesReferences(scan);
    else if (kind === 'workflow')
        findWorkflowReferences(scan, (0,detect_kind/* isActionMetadata */.I)(path));
    else
        READERS[kind]?.(scan);
}
/** The finders of the kinds added for release pipelines (issue 20). */
const READERS = {
    helm: findHelmReferences,
    kustomize: findKustomizeReferences,
    'gitlab-ci': findGitlabReferences,
    circleci: findCircleciReferences,
    'bitbucket-pipelines': findBitbucketReferences,
    'azure-pipelines': findAzureReferences
};
function validate(ref) {
    let problem;
    try {
        const parsed = (0,reference/* parseReference */.F2)(ref.image);
        if (parsed.kind !== 'registry')
            problem = `'${ref.image}' is not a registry image reference (oci-layout:// is not pulled from a file)`;
    }
    catch (e) {
        problem = (0,errors/* errorMessage */.gJ)(e);
    }
    if (!problem)
        return;
    ref.error = problem;
    ref.pinnable = false;
    ref.reason = 'it is not a valid image reference';
}


/***/ })

};
