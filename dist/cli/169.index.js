export const id = 169;
export const ids = [169,462];
export const modules = {

/***/ 169:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  judgeRecords: () => (/* binding */ judgeRecords),
  matchRules: () => (/* binding */ matchRules)
});

// EXTERNAL MODULE: ./src/baseline.ts
var src_baseline = __webpack_require__(9860);
// EXTERNAL MODULE: ./src/digest.ts
var src_digest = __webpack_require__(2187);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/manifest.ts
var src_manifest = __webpack_require__(5546);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/policy/attachment-kinds.ts
/** The annotation BuildKit (and cosign's referrers) put on an in-toto layer or descriptor. */
const PREDICATE_ANNOTATION = 'in-toto.io/predicate-type';
/** Sigstore bundles (cosign `--new-bundle-format`) name the predicate of what they carry. */
const BUNDLE_PREDICATE_ANNOTATION = 'dev.sigstore.bundle.predicateType';
/** SLSA provenance v0.1, v0.2 and v1; SPDX and CycloneDX documents (in-toto attestation types). */
function kindOfPredicate(predicateType) {
    if (/^https:\/\/slsa\.dev\/provenance\/v(0\.[12]|1)$/.test(predicateType))
        return 'provenance';
    if (/^https:\/\/spdx\.dev\/Document(\/v[\d.]+)?$/.test(predicateType))
        return 'sbom';
    if (/^https:\/\/cyclonedx\.org\/(bom|schema)(\/.*)?$/.test(predicateType))
        return 'sbom';
    return 'other';
}
const SIGNATURES = new Set([
    // cosign's signature manifests (its OCI 1.1 referrers mode)
    'application/vnd.dev.cosign.artifact.sig.v1+json',
    // Notary Project (notation) signatures
    'application/vnd.cncf.notary.signature'
]);
const BUNDLES = new Set([
    'application/vnd.dev.sigstore.bundle.v0.3+json',
    'application/vnd.dev.sigstore.bundle+json;version=0.3'
]);
const SBOMS = new Set([
    'application/spdx+json',
    'text/spdx',
    'application/vnd.cyclonedx+json',
    'application/vnd.cyclonedx+xml',
    'application/vnd.cyclonedx',
    'application/vnd.syft+json'
]);
const IN_TOTO = new Set(['application/vnd.in-toto+json', 'application/vnd.dsse.envelope.v1+json']);
/**
 * A referrer by its descriptor: its `artifactType` (which registries fill from the config's
 * media type where the manifest has none) and annotations. Returns the kind and the type it
 * was told by: the predicate type where one is named, else the artifact type.
 */
function kindOfReferrer(artifactType, annotations = {}) {
    const predicate = annotations[PREDICATE_ANNOTATION] ?? annotations[BUNDLE_PREDICATE_ANNOTATION];
    if (BUNDLES.has(artifactType))
        return predicate
            ? { kind: kindOfPredicate(predicate), type: predicate }
            : { kind: 'signature', type: artifactType };
    if (SIGNATURES.has(artifactType))
        return { kind: 'signature', type: artifactType };
    if (SBOMS.has(artifactType))
        return { kind: 'sbom', type: artifactType };
    if (IN_TOTO.has(artifactType) && predicate)
        return { kind: kindOfPredicate(predicate), type: predicate };
    return { kind: 'other', type: artifactType };
}

;// CONCATENATED MODULE: ./src/policy/attestations.ts





/**
 * The `attestations` rule's reads: what is attached to each platform's manifest.
 * - BuildKit attestation manifests in the index (their `vnd.docker.reference.digest` names
 *   the platform; resolve.ts lists them per platform): one GET each, for the predicate types
 *   their layers are annotated with (BuildKit docs, "Attestation storage").
 * - OCI 1.1 referrers (distribution-spec "Listing Referrers", with its tag-schema fallback) of
 *   each platform manifest, and of the index, whose referrers count for every platform (cosign
 *   signs what it is given, often the index): one listing per digest.
 * All concurrently, each manifest read once per run. Sets each platform's `attached`.
 */
async function readAttached(subject) {
    const { record, source } = subject;
    const byIndex = record.digest && (0,src_manifest/* isIndexType */.$U)(record.mediaType ?? '')
        ? listReferrers(subject, record.digest, 'index')
        : Promise.resolve([]);
    if (!source.fetchReferrers)
        record.notes.push(`the ${source.kind} source cannot list OCI referrers; only attestation manifests in the index were looked for`);
    const out = new Map();
    await Promise.all(record.platforms.map(async (p) => {
        if (!p.digest)
            return;
        const reads = [
            byIndex,
            listReferrers(subject, p.digest, 'platform'),
            ...(p.attestations ?? []).map(a => readAttestation(subject, a))
        ];
        const settled = await Promise.allSettled(reads);
        const failed = settled.find((s) => s.status === 'rejected');
        const attached = settled.flatMap(s => (s.status === 'fulfilled' ? s.value : []));
        p.attached = attached;
        out.set(p.digest, failed ? { error: (0,errors/* errorMessage */.gJ)(failed.reason) } : { attached });
    }));
    return out;
}
function memoised(subject, key, read) {
    const full = `${key} ${subject.source.label}/${subject.repository}`;
    let pending = subject.memo.attached.get(full);
    if (!pending) {
        pending = read();
        // Read once, however many platforms or spellings of the image ask.
        pending.catch(() => undefined);
        subject.memo.attached.set(full, pending);
    }
    return pending;
}
/** A BuildKit attestation manifest: each layer's predicate type is one attachment. */
function readAttestation(subject, digest) {
    return memoised(subject, `attestation ${digest}`, async () => {
        const { source, repository } = subject;
        const answer = await source.fetchManifest(repository, digest);
        if (answer.kind !== 'manifest')
            throw new Error(`the ${source.kind} source does not serve attestation manifests`);
        const body = source.abilities.exactBytes
            ? (0,src_digest/* verifyManifestDigest */.bN)(answer.body, digest)
            : answer.body;
        const manifest = (0,src_manifest/* parseManifest */.Ng)(body, answer.contentType);
        if (manifest.kind !== 'image')
            return [];
        return manifest.layers.map(layer => {
            const type = layer.annotations?.[PREDICATE_ANNOTATION];
            return {
                kind: type ? kindOfPredicate(type) : 'other',
                type: (0,src_text/* visibleText */.Q6)(type ?? layer.mediaType),
                digest,
                via: 'index',
                subject: 'platform'
            };
        });
    });
}
/** The referrers of `digest`, classified by their artifact types. */
function listReferrers(subject, digest, whose) {
    const { source, repository } = subject;
    if (!source.fetchReferrers)
        return Promise.resolve([]);
    const list = source.fetchReferrers.bind(source);
    return memoised(subject, `referrers ${digest}`, async () => {
        const answer = await list(repository, digest);
        if (!answer)
            return [];
        return answer.manifests.flatMap((entry) => {
            if (!(0,src_manifest/* isObject */.Gv)(entry) || typeof entry.digest !== 'string')
                return [];
            const artifactType = typeof entry.artifactType === 'string'
                ? entry.artifactType
                : typeof entry.mediaType === 'string'
                    ? entry.mediaType
                    : '';
            const annotations = (0,src_manifest/* isObject */.Gv)(entry.annotations)
                ? Object.fromEntries(Object.entries(entry.annotations).filter(([, v]) => typeof v === 'string'))
                : {};
            const { kind, type } = kindOfReferrer(artifactType, annotations);
            return [
                {
                    kind,
                    type: (0,src_text/* visibleText */.Q6)(type),
                    digest: (0,src_text/* visibleText */.Q6)(entry.digest),
                    via: answer.via,
                    subject: whose
                }
            ];
        });
    }).then(found => found.map(a => ({ ...a, subject: whose })));
}

// EXTERNAL MODULE: ./src/http/rules.ts
var rules = __webpack_require__(6863);
;// CONCATENATED MODULE: ./src/policy/consistency.ts




/**
 * The `consistent` rule's reads: each index entry's config, for the platform it states
 * (image-spec config.md `os`, `architecture`, `variant`, `os.version`), to compare with what the
 * index entry says. One config GET per platform, concurrently (the HTTP layer bounds them);
 * two where the platform's manifest was not read (`detail: platforms`). A single manifest's
 * platform already came from its config, so it costs nothing.
 */
async function readConfigs(subject) {
    const out = new Map();
    if (!(0,src_manifest/* isIndexType */.$U)(subject.record.mediaType ?? ''))
        return out;
    await Promise.all(subject.record.platforms.map(async (p) => {
        if (!p.digest)
            return;
        const key = `${subject.source.label}/${subject.repository}@${p.digest}`;
        let pending = subject.memo.configs.get(key);
        if (!pending) {
            pending = readConfig(subject, p, p.digest).catch((e) => ({
                error: (0,errors/* errorMessage */.gJ)(e)
            }));
            subject.memo.configs.set(key, pending);
        }
        out.set(p.digest, await pending);
    }));
    return out;
}
async function readConfig({ source, repository }, p, digest) {
    if (!source.fetchBlob || !source.abilities.blobs)
        return { error: `the ${source.kind} source cannot read image configs` };
    if (p.config === null)
        return { error: 'a schema 1 manifest has no config' };
    let config = p.config;
    if (config === undefined) {
        // detail: platforms read the index only; the manifest names the config.
        const answer = await source.fetchManifest(repository, digest);
        if (answer.kind !== 'manifest')
            return { error: `the ${source.kind} source does not serve manifests by digest` };
        const body = source.abilities.exactBytes
            ? (0,src_digest/* verifyManifestDigest */.bN)(answer.body, digest)
            : answer.body;
        const manifest = (0,src_manifest/* parseManifest */.Ng)(body, answer.contentType);
        if (manifest.kind !== 'image')
            return { error: `${digest} is not an image manifest` };
        config = manifest.config.digest;
    }
    const body = await source.fetchBlob(repository, config, rules/* CONFIG_CAP */.SM);
    const actual = (0,src_digest/* computeDigest */.MK)(body, config.startsWith('sha512:') ? 'sha512' : 'sha256');
    if (actual !== config)
        throw new errors/* DigestGateError */.ic('integrity', `config blob ${config} hashes to ${actual}`);
    return { platform: (0,src_manifest/* platformFromConfig */.M3)(body), config };
}

// EXTERNAL MODULE: ./src/platform.ts
var platform = __webpack_require__(3728);
// EXTERNAL MODULE: ./src/policy/rule.ts
var policy_rule = __webpack_require__(8254);
// EXTERNAL MODULE: ./src/policy/sizes.ts
var sizes = __webpack_require__(4032);
;// CONCATENATED MODULE: ./src/policy/evaluate.ts





function platformOf(p) {
    if (p.declared)
        return p.declared;
    try {
        return (0,platform/* parsePlatform */.Y8)(p.platform);
    }
    catch {
        return null;
    }
}
function evaluate_layers(n) {
    return `${n} layer${n === 1 ? '' : 's'}`;
}
/** Why a figure the rule needs is not in the record. */
function unknownBecause(record, p, what) {
    if (record.source === 'docker')
        return `unknown: the docker source states no ${what}`;
    if (p.layers === null)
        return `unknown: the ${what} were not read`;
    return `unknown: no ${what} known`;
}
/** The violations of one resolved image; an image that failed to resolve has none. */
function evaluateRule(record, rule, findings = {}) {
    if (record.error)
        return [];
    const out = [];
    const add = (p, v) => {
        out.push({ image: record.image, platform: p.platform, ...v });
    };
    for (const p of record.platforms) {
        const found = platformOf(p);
        for (const f of rule.forbid ?? []) {
            if (found && (0,platform/* platformMatches */.J5)(f, found))
                add(p, { rule: 'forbid', expected: `no ${(0,platform/* formatPlatform */.Bq)(f)} image`, found: p.platform });
        }
        const budget = rule['max-size'];
        if (budget) {
            if (p.size === null)
                add(p, {
                    rule: 'max-size',
                    expected: `≤ ${(0,sizes/* formatBudget */.H0)(budget)}`,
                    found: unknownBecause(record, p, 'sizes')
                });
            else if (p.size > budget.bytes)
                add(p, {
                    rule: 'max-size',
                    expected: `≤ ${(0,sizes/* formatBudget */.H0)(budget)}`,
                    found: (0,sizes/* formatSize */.Xq)(p.size, budget.unit, budget.bytes)
                });
        }
        const maxLayers = rule['max-layers'];
        if (maxLayers !== undefined) {
            if (p.layers === null)
                add(p, {
                    rule: 'max-layers',
                    expected: `≤ ${evaluate_layers(maxLayers)}`,
                    found: unknownBecause(record, p, 'layers')
                });
            else if (p.layers > maxLayers)
                add(p, {
                    rule: 'max-layers',
                    expected: `≤ ${evaluate_layers(maxLayers)}`,
                    found: evaluate_layers(p.layers)
                });
        }
        const maxGrowth = rule['max-growth'];
        const change = findings.delta?.platforms.find(d => d.platform === p.platform);
        if (maxGrowth !== undefined && change && change.before !== null) {
            const expected = `growth ≤ ${(0,sizes/* formatPercent */.l9)(maxGrowth)} against the baseline (${(0,src_text/* humanSize */.Xe)(change.before)})`;
            if (change.after === null)
                add(p, { rule: 'max-growth', expected, found: unknownBecause(record, p, 'sizes') });
            // A ratio compared in whole bytes, so 10% of 1000 B allows 1100 B and not 1100.0001.
            else if (change.after - change.before > Math.floor(change.before * maxGrowth))
                add(p, {
                    rule: 'max-growth',
                    expected,
                    found: `+${(0,sizes/* formatPercent */.l9)(change.ratio ?? 0)} (${(0,src_text/* humanSize */.Xe)(change.before)} → ${(0,src_text/* humanSize */.Xe)(change.after)})`
                });
        }
        const required = rule.attestations ?? [];
        if (required.length) {
            const finding = p.digest ? findings.attached?.get(p.digest) : undefined;
            const expected = required.join(', ');
            if (!p.digest)
                add(p, {
                    rule: 'attestations',
                    expected,
                    found: 'unknown: this source gives no per-platform digest to look up'
                });
            else if (!finding)
                add(p, { rule: 'attestations', expected, found: 'unknown: not read' });
            else if ('error' in finding)
                add(p, { rule: 'attestations', expected, found: `unknown: ${(0,src_text/* visibleText */.Q6)(finding.error)}` });
            else {
                const kinds = new Set(finding.attached.map(a => a.kind));
                const lacking = required.filter(k => !kinds.has(k));
                if (lacking.length)
                    add(p, {
                        rule: 'attestations',
                        expected,
                        found: `${policy_rule/* ATTESTATION_KINDS */.r1.filter(k => kinds.has(k)).join(', ') || 'none'} (no ${lacking.join(', ')})`
                    });
            }
        }
        // A single manifest's platform comes from its config already; only index entries can lie.
        if (rule.consistent && (0,src_manifest/* isIndexType */.$U)(record.mediaType ?? '')) {
            const expected = `${p.platform} (as the index says)`;
            const finding = p.digest ? findings.configs?.get(p.digest) : undefined;
            if (!p.digest)
                add(p, {
                    rule: 'consistent',
                    expected,
                    found: 'unknown: this source gives no per-platform digest to read a config by'
                });
            else if (!finding)
                add(p, { rule: 'consistent', expected, found: 'unknown: not read' });
            else if ('error' in finding)
                add(p, { rule: 'consistent', expected, found: `unknown: ${(0,src_text/* visibleText */.Q6)(finding.error)}` });
            else if (!finding.platform)
                add(p, {
                    rule: 'consistent',
                    expected,
                    found: `config ${(0,src_text/* shortDigest */.VK)(finding.config)} names no os and architecture`
                });
            else if (!samePlatform(found, finding.platform))
                add(p, {
                    rule: 'consistent',
                    expected,
                    found: `${(0,src_text/* visibleText */.Q6)((0,platform/* formatPlatform */.Bq)((0,platform/* normalizePlatform */.FL)(finding.platform)))} (as config ${(0,src_text/* shortDigest */.VK)(finding.config)} says)`
                });
        }
    }
    return out;
}
/** Equal after containerd's normalisation, field by field: os, architecture, variant, os.version. */
function samePlatform(index, config) {
    if (!index)
        return false;
    const a = (0,platform/* normalizePlatform */.FL)(index);
    const b = (0,platform/* normalizePlatform */.FL)(config);
    return (a.os === b.os &&
        a.architecture === b.architecture &&
        (a.variant ?? '') === (b.variant ?? '') &&
        (a.osVersion ?? '') === (b.osVersion ?? ''));
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/policy/file.ts
var file = __webpack_require__(6462);
;// CONCATENATED MODULE: ./src/policy/match.ts



function match_layer(target, written) {
    for (const key of policy_rule/* RULE_KEYS */.sL) {
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
        test: picomatch_default()(rule.match ?? '', file.GLOB_OPTIONS)
    }));
    return record => {
        const effective = { 'fail-on': base.failOn, sites: {}, matched: 'default' };
        if (base.platforms?.length)
            effective.platforms = base.platforms;
        match_layer(effective, policy.default);
        if (policy.default.site)
            effective.matchedAt = policy.default.site;
        const names = [record.image.trim(), record.ref].filter((n) => !!n);
        const hit = matchers.find(m => names.some(name => m.test(name)));
        if (hit) {
            match_layer(effective, hit.rule);
            effective.matched = hit.rule.match ?? 'default';
            if (hit.rule.site)
                effective.matchedAt = hit.rule.site;
        }
        return effective;
    };
}

;// CONCATENATED MODULE: ./src/policy/subject.ts
function newReadMemo() {
    return { configs: new Map(), attached: new Map() };
}

;// CONCATENATED MODULE: ./src/policy/apply.ts






/** Each record's rule, in record order. */
function matchRules(policy, base, records) {
    const ruleFor = compileRules(policy, base);
    return records.map(r => ruleFor(r));
}
/**
 * Reads what each rule needs and judges each record: sets `violations` (and, for
 * `attestations`, each platform's `attached`) on the records, and returns every violation in
 * record order.
 */
async function judgeRecords(records, rules, sourceOf, baseline) {
    const memo = newReadMemo();
    const judged = await Promise.all(records.map(async (record, i) => {
        const rule = rules[i];
        if (record.error)
            return [];
        const findings = {};
        if (baseline && rule['max-growth'] !== undefined)
            findings.delta = (0,src_baseline/* sizeDeltas */.$A)(record, baseline);
        const needsConfigs = rule.consistent === true;
        const needsAttached = (rule.attestations?.length ?? 0) > 0;
        if (needsConfigs || needsAttached) {
            const where = await sourceOf(i);
            if (where) {
                const subject = { record, ...where, memo };
                const [configs, attached] = await Promise.all([
                    needsConfigs ? readConfigs(subject) : undefined,
                    needsAttached ? readAttached(subject) : undefined
                ]);
                if (configs)
                    findings.configs = configs;
                if (attached)
                    findings.attached = attached;
            }
        }
        record.violations = evaluateRule(record, rule, findings);
        return record.violations;
    }));
    return judged.flat();
}


/***/ }),

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
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_7___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_7__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3728);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8992);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8254);
/* harmony import */ var _sizes_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4032);








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
        return typeof v === 'string' ? (0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .quoteVisible */ .Lc)(v) : `${typeof v} ${String(v)}`;
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
    report(ctx, keyNode, `key '${(0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .visibleText */ .Q6)(key)}': unknown key; expected one of ${allowed.join(', ')}${guess ? ` (did you mean '${guess}'?)` : ''}`);
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
        return (0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .splitList */ .ry)(node.value).map(text => ({ text, node }));
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
            const p = (0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePlatform */ .Y8)(text);
            out.set((0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .formatPlatform */ .Bq)(p), p);
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
        const size = text === undefined ? null : (0,_sizes_js__WEBPACK_IMPORTED_MODULE_4__/* .parseSize */ .DB)(text);
        if (size)
            return size;
        const meant = text === undefined ? undefined : (0,_sizes_js__WEBPACK_IMPORTED_MODULE_4__/* .misspelledUnit */ .$f)(text);
        report(ctx, node, `key 'max-size': expected ${_sizes_js__WEBPACK_IMPORTED_MODULE_4__/* .SIZE_EXPECTED */ .LV}, found ${describe(node)}${meant ? ` (did you mean '${meant}'?)` : ''}`);
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
        const ratio = text === undefined ? null : (0,_sizes_js__WEBPACK_IMPORTED_MODULE_4__/* .parsePercent */ .lo)(text);
        if (ratio !== null)
            return ratio;
        report(ctx, node, `key 'max-growth': expected a percentage such as '10%' or '0.5%', found ${describe(node)}`);
        return undefined;
    },
    attestations: (ctx, node) => {
        const items = stringItems(ctx, 'attestations', node, `one of ${_rule_js__WEBPACK_IMPORTED_MODULE_6__/* .ATTESTATION_KINDS */ .r1.join(', ')}`, `a list of ${_rule_js__WEBPACK_IMPORTED_MODULE_6__/* .ATTESTATION_KINDS */ .r1.join(', ')}`);
        if (!items)
            return undefined;
        let ok = true;
        for (const { text, node: at } of items) {
            if (!_rule_js__WEBPACK_IMPORTED_MODULE_6__/* .ATTESTATION_KINDS */ .r1.includes(text)) {
                report(ctx, at, `key 'attestations': expected one of ${_rule_js__WEBPACK_IMPORTED_MODULE_6__/* .ATTESTATION_KINDS */ .r1.join(', ')}, found ${(0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .quoteVisible */ .Lc)(text)}`);
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
        if (text !== undefined && _rule_js__WEBPACK_IMPORTED_MODULE_6__/* .FAIL_ON */ .d$.includes(text))
            return text;
        report(ctx, node, `key 'fail-on': expected one of ${_rule_js__WEBPACK_IMPORTED_MODULE_6__/* .FAIL_ON */ .d$.join(', ')}, found ${describe(node)}`);
        return undefined;
    }
};
function readRule(ctx, node, where) {
    const written = { rule: {}, sites: {} };
    const allowed = where === 'images' ? ['match', ..._rule_js__WEBPACK_IMPORTED_MODULE_6__/* .RULE_KEYS */ .sL] : _rule_js__WEBPACK_IMPORTED_MODULE_6__/* .RULE_KEYS */ .sL;
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
                picomatch__WEBPACK_IMPORTED_MODULE_7___default()(glob, GLOB_OPTIONS);
                written.match = glob;
            }
            catch (e) {
                report(ctx, value, `key 'match': expected a glob such as 'ghcr.io/acme/*'; ${e.message}`);
            }
            continue;
        }
        if (!_rule_js__WEBPACK_IMPORTED_MODULE_6__/* .RULE_KEYS */ .sL.includes(key)) {
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DigestGateError */ .ic('invalid-input', `The policy ${source.label} has ${ctx.problems.length} problem${ctx.problems.length === 1 ? '' : 's'}:\n${ctx.problems.join('\n')}`);
    };
    for (const e of doc.errors) {
        const { line, col } = lines.linePos(e.pos[0]);
        const message = e.code === 'DUPLICATE_KEY'
            ? `key '${(0,_text_js__WEBPACK_IMPORTED_MODULE_5__/* .visibleText */ .Q6)(/^["']?([^"':\n]*)/.exec(text.slice(e.pos[0]))?.[1].trim() ?? '')}': given more than once; expected each key once`
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
        for (const key of _rule_js__WEBPACK_IMPORTED_MODULE_6__/* .RULE_KEYS */ .sL) {
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DigestGateError */ .ic('invalid-input', `The policy ${policy.label} asks for what this run cannot check:\n${problems.join('\n')}`);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DigestGateError */ .ic('invalid-input', `Input 'policy': cannot read '${path}' (${e.code ?? e.message}); expected the path of a policy file (YAML), or the policy itself inline`);
    }
    return parsePolicy(text, { label: path, file: path });
}


/***/ }),

/***/ 4032:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $f: () => (/* binding */ misspelledUnit),
/* harmony export */   DB: () => (/* binding */ parseSize),
/* harmony export */   H0: () => (/* binding */ formatBudget),
/* harmony export */   LV: () => (/* binding */ SIZE_EXPECTED),
/* harmony export */   Xq: () => (/* binding */ formatSize),
/* harmony export */   l9: () => (/* binding */ formatPercent),
/* harmony export */   lo: () => (/* binding */ parsePercent)
/* harmony export */ });
/* unused harmony export SIZE_UNITS */
/**
 * Sizes and percentages as a policy file writes them, and sizes written back in the unit a
 * budget used, so `≤ 80 MB` is never compared by eye with a figure in MiB. Units are SI
 * (`kB`, `MB`, `GB`: powers of 1000) and IEC (`KiB`, `MiB`, `GiB`: powers of 1024), spelled
 * as those standards spell them (IEC 80000-13), since `mb` or `Mb` could mean either. Pure.
 */
const SIZE_UNITS = Object.freeze({
    B: 1,
    kB: 1000,
    MB: 1000 ** 2,
    GB: 1000 ** 3,
    KiB: 1024,
    MiB: 1024 ** 2,
    GiB: 1024 ** 3
});
const SIZE_EXPECTED = "a size such as '80MiB' or '200 MB' (units B, kB, MB, GB, KiB, MiB, GiB, spelled exactly so), or a whole number of bytes";
/** `80MiB`, `1.5 GB`, `512 B`; null when the text is no such size. */
function parseSize(text) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$/.exec(text);
    if (!m || !(m[2] in SIZE_UNITS))
        return null;
    const bytes = Math.floor(Number(m[1]) * SIZE_UNITS[m[2]]);
    return Number.isSafeInteger(bytes) && bytes > 0 ? { bytes, unit: m[2] } : null;
}
/** A unit spelled in another case (`mib`, `Mb`), for a message that says which was meant. */
function misspelledUnit(text) {
    const unit = /^\s*\d+(?:\.\d+)?\s*([A-Za-z]+)\s*$/.exec(text)?.[1];
    if (!unit || unit in SIZE_UNITS)
        return undefined;
    return Object.keys(SIZE_UNITS).find(u => u.toLowerCase() === unit.toLowerCase());
}
/** `10%` or `0.5%` → 0.1 or 0.005; null when the text is no such percentage. */
function parsePercent(text) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
    return m ? Number(m[1]) / 100 : null;
}
function inUnit(bytes, unit, decimals) {
    if (unit === 'B')
        return `${bytes} B`;
    const value = bytes / SIZE_UNITS[unit];
    return `${Number(value.toFixed(decimals))} ${unit}`;
}
/**
 * `bytes` in `unit` (one decimal, fewer when whole), with as many more decimals as it takes
 * to differ from `unlike` when both would read the same (`80 MiB` against `80 MiB` + 1 B),
 * and in bytes when no decimals do.
 */
function formatSize(bytes, unit, unlike) {
    const shown = inUnit(bytes, unit, 1);
    if (unlike === undefined || unlike === bytes || shown !== inUnit(unlike, unit, 1))
        return shown;
    for (let decimals = 2; decimals <= 3; decimals++) {
        const more = inUnit(bytes, unit, decimals);
        if (more !== inUnit(unlike, unit, decimals))
            return more;
    }
    return `${bytes} B`;
}
/** A budget as written back: `80 MiB`. */
function formatBudget(budget) {
    return inUnit(budget.bytes, budget.unit, 3);
}
/** `0.1` → `10%`, `0.1534` → `15.3%`, `-0.02` → `-2%`. */
function formatPercent(ratio) {
    return `${Number((ratio * 100).toFixed(1))}%`;
}


/***/ })

};
