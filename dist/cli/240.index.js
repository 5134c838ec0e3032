export const id = 240;
export const ids = [240];
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

/***/ 240:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadComposeEnvs: () => (/* binding */ loadComposeEnvs)
/* harmony export */ });
/* harmony import */ var _detect_kind_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2916);
/* harmony import */ var _compose_env_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3961);
/* harmony import */ var _read_files_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2541);



async function loadComposeEnvs(files, root) {
    const out = { envs: new Map(), loaded: [], problems: new Map() };
    const wanted = new Map();
    for (const f of files) {
        if (f.text === undefined || (0,_detect_kind_js__WEBPACK_IMPORTED_MODULE_2__/* .detectFileKind */ .i)(f.file, f.text) !== 'compose')
            continue;
        const slash = f.file.lastIndexOf('/');
        const env = slash < 0 ? '.env' : `${f.file.slice(0, slash)}/.env`;
        wanted.set(env, [...(wanted.get(env) ?? []), f.file]);
    }
    if (!wanted.size)
        return out;
    const loaded = await (0,_read_files_js__WEBPACK_IMPORTED_MODULE_1__/* .loadFiles */ .aY)([...wanted.keys()], root);
    for (const env of loaded) {
        const composeFiles = wanted.get(env.file) ?? [];
        if (env.text !== undefined && !env.unwritable) {
            out.loaded.push(env);
            const parsed = (0,_compose_env_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDotEnv */ .i$)(env.file, env.text);
            for (const c of composeFiles)
                out.envs.set(c, parsed);
        }
        else if (!/\(ENOENT\)$/.test(env.problem?.message ?? '')) {
            const problem = env.problem ?? env.unwritable;
            for (const c of composeFiles)
                if (problem)
                    out.problems.set(c, {
                        ...problem,
                        file: c,
                        line: 1,
                        column: 1,
                        message: `${c}: its ${problem.message}`
                    });
        }
    }
    return out;
}


/***/ })

};
