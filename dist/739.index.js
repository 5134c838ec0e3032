export const id = 739;
export const ids = [739];
export const modules = {

/***/ 36739:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  judgeRecords: () => (/* binding */ judgeRecords)
});

// EXTERNAL MODULE: ./src/report/baseline.ts
var report_baseline = __webpack_require__(67355);
// EXTERNAL MODULE: ./src/policy/attestations.ts + 1 modules
var attestations = __webpack_require__(73216);
// EXTERNAL MODULE: ./src/model/digest.ts
var model_digest = __webpack_require__(95305);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(87206);
// EXTERNAL MODULE: ./src/model/limits.ts
var limits = __webpack_require__(10817);
// EXTERNAL MODULE: ./src/model/manifest.ts
var model_manifest = __webpack_require__(89452);
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
    if (!(0,model_manifest/* isIndexType */.$U)(subject.record.mediaType ?? ''))
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
            ? (0,model_digest/* verifyManifestDigest */.bN)(answer.body, digest)
            : answer.body;
        const manifest = (0,model_manifest/* parseManifest */.Ng)(body, answer.contentType);
        if (manifest.kind !== 'image')
            return { error: `${digest} is not an image manifest` };
        config = manifest.config.digest;
    }
    const body = await source.fetchBlob(repository, config, limits/* CONFIG_CAP */.SM);
    const actual = (0,model_digest/* computeDigest */.MK)(body, config.startsWith('sha512:') ? 'sha512' : 'sha256');
    if (actual !== config)
        throw new errors/* DigestGateError */.ic('integrity', `config blob ${config} hashes to ${actual}`);
    return { platform: (0,model_manifest/* platformFromConfig */.M3)(body), config };
}

// EXTERNAL MODULE: ./src/attestations/classify.ts + 1 modules
var classify = __webpack_require__(15398);
// EXTERNAL MODULE: ./src/model/platform.ts + 1 modules
var platform = __webpack_require__(3065);
// EXTERNAL MODULE: ./src/model/text.ts
var model_text = __webpack_require__(5086);
// EXTERNAL MODULE: ./src/policy/signer-checks.ts
var signer_checks = __webpack_require__(97262);
// EXTERNAL MODULE: ./src/policy/sizes.ts
var sizes = __webpack_require__(84032);
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
/** `signed-by` and `provenance` (signer-checks.ts), against the bundles verified for `p`. */
function checkSigners({ p, rule, findings }) {
    const signer = rule['signed-by'];
    const found = p.digest ? findings.signatures?.get(p.digest) : undefined;
    return [
        ...(signer ? (0,signer_checks/* checkSignedBy */.i7)(signer, found) : []),
        ...(rule.provenance ? (0,signer_checks/* checkProvenance */.ch)(rule.provenance, signer, found) : [])
    ];
}
/** The checks, in the order their violations are listed (README's order of the rule's keys). */
const CHECKS = [
    checkForbid,
    checkMaxSize,
    checkMaxLayers,
    checkMaxGrowth,
    checkAttestations,
    checkSigners,
    checkConsistent
];
/** The violations of one resolved image; an image that failed to resolve has none. */
function evaluateRule(record, rule, findings = {}) {
    if (record.error)
        return [];
    return record.platforms.flatMap(p => {
        const checked = { record, p, found: platformOf(p), rule, findings };
        return CHECKS.flatMap(check => check(checked)).map(v => ({
            image: record.image,
            platform: p.platform,
            ...v
        }));
    });
}
function checkForbid({ p, found, rule }) {
    return (rule.forbid ?? [])
        .filter(f => found && (0,platform/* platformCovers */.A0)(f, found))
        .map(f => ({ rule: 'forbid', expected: `no ${(0,platform/* formatPlatform */.Bq)(f)} image`, found: p.platform }));
}
function checkMaxSize({ record, p, rule }) {
    const budget = rule['max-size'];
    if (!budget)
        return [];
    const expected = `≤ ${(0,sizes/* formatBudget */.H0)(budget)}`;
    if (p.size === null)
        return [{ rule: 'max-size', expected, found: unknownBecause(record, p, 'sizes') }];
    if (p.size > budget.bytes)
        return [{ rule: 'max-size', expected, found: (0,sizes/* formatSize */.Xq)(p.size, budget.unit, budget.bytes) }];
    return [];
}
function checkMaxLayers({ record, p, rule }) {
    const maxLayers = rule['max-layers'];
    if (maxLayers === undefined)
        return [];
    const expected = `≤ ${evaluate_layers(maxLayers)}`;
    if (p.layers === null)
        return [{ rule: 'max-layers', expected, found: unknownBecause(record, p, 'layers') }];
    if (p.layers > maxLayers)
        return [{ rule: 'max-layers', expected, found: evaluate_layers(p.layers) }];
    return [];
}
function checkMaxGrowth({ record, p, rule, findings }) {
    const maxGrowth = rule['max-growth'];
    const change = findings.delta?.platforms.find(d => d.platform === p.platform);
    if (maxGrowth === undefined || !change || change.before === null)
        return [];
    const expected = `growth ≤ ${(0,sizes/* formatPercent */.l9)(maxGrowth)} against the baseline (${(0,model_text/* humanSize */.Xe)(change.before)})`;
    if (change.after === null)
        return [{ rule: 'max-growth', expected, found: unknownBecause(record, p, 'sizes') }];
    // A ratio compared in whole bytes, so 10% of 1000 B allows 1100 B and not 1100.0001.
    if (change.after - change.before > Math.floor(change.before * maxGrowth))
        return [
            {
                rule: 'max-growth',
                expected,
                found: `+${(0,sizes/* formatPercent */.l9)(change.ratio ?? 0)} (${(0,model_text/* humanSize */.Xe)(change.before)} → ${(0,model_text/* humanSize */.Xe)(change.after)})`
            }
        ];
    return [];
}
function checkAttestations({ p, rule, findings }) {
    const required = rule.attestations ?? [];
    if (!required.length)
        return [];
    const expected = required.join(', ');
    const unknown = (why) => [{ rule: 'attestations', expected, found: why }];
    if (!p.digest)
        return unknown('unknown: this source gives no per-platform digest to look up');
    const finding = findings.attached?.get(p.digest);
    if (!finding)
        return unknown('unknown: not read');
    if ('error' in finding)
        return unknown(`unknown: ${(0,model_text/* visibleText */.Q6)(finding.error)}`);
    const lacking = (0,classify/* attestationKindsSatisfied */.Et)(required, finding.attached);
    if (!lacking.length)
        return [];
    const kinds = new Set(finding.attached.map(a => a.kind));
    const have = classify/* ATTESTATION_REQUIREMENTS */.Em.filter(k => kinds.has(k)).join(', ') || 'none';
    return [{ rule: 'attestations', expected, found: `${have} (no ${lacking.join(', ')})` }];
}
/** A single manifest's platform comes from its config already; only index entries can lie. */
function checkConsistent({ record, p, found, rule, findings }) {
    if (!rule.consistent || !(0,model_manifest/* isIndexType */.$U)(record.mediaType ?? ''))
        return [];
    const expected = `${p.platform} (as the index says)`;
    const says = (what) => [{ rule: 'consistent', expected, found: what }];
    if (!p.digest)
        return says('unknown: this source gives no per-platform digest to read a config by');
    const finding = findings.configs?.get(p.digest);
    if (!finding)
        return says('unknown: not read');
    if ('error' in finding)
        return says(`unknown: ${(0,model_text/* visibleText */.Q6)(finding.error)}`);
    if (!finding.platform)
        return says(`config ${(0,model_text/* shortDigest */.VK)(finding.config)} names no os and architecture`);
    if (!samePlatform(found, finding.platform))
        return says(`${(0,model_text/* visibleText */.Q6)((0,platform/* formatPlatform */.Bq)((0,platform/* normalizePlatform */.FL)(finding.platform)))} (as config ${(0,model_text/* shortDigest */.VK)(finding.config)} says)`);
    return [];
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

;// CONCATENATED MODULE: ./src/policy/subject.ts
/** One per run: reads shared by every image and every spelling of one. */
function newReadMemo() {
    return { configs: new Map(), attached: new Map(), bundles: new Map() };
}

;// CONCATENATED MODULE: ./src/policy/apply.ts





/**
 * Reads what each rule needs and judges each record: sets `violations` (and, for
 * `attestations`, each platform's `attached`) on the records, and returns every violation in
 * record order.
 */
async function judgeRecords(records, rules, sourceOf, baseline, trust = { keys: new Map() }) {
    const memo = newReadMemo();
    const judged = await Promise.all(records.map(async (record, i) => {
        const rule = rules[i];
        if (record.error)
            return [];
        const findings = {};
        if (baseline && rule['max-growth'] !== undefined)
            findings.delta = (0,report_baseline/* sizeDeltas */.$A)(record, baseline);
        const needsConfigs = rule.consistent === true;
        const signer = rule['signed-by'];
        const needsSignatures = !!signer || !!rule.provenance;
        const needsAttached = (rule.attestations?.length ?? 0) > 0 || needsSignatures;
        if (needsConfigs || needsAttached) {
            const where = await sourceOf(i);
            if (where) {
                const subject = { record, ...where, memo };
                const [configs, attached] = await Promise.all([
                    needsConfigs ? readConfigs(subject) : undefined,
                    needsAttached ? (0,attestations/* readAttached */.P)(subject) : undefined
                ]);
                if (configs)
                    findings.configs = configs;
                if (attached)
                    findings.attached = attached;
                // The Sigstore libraries load only for a run whose rules ask who signed.
                if (attached && signer)
                    findings.signatures = await (await Promise.all(/* import() */[__webpack_require__.e(168), __webpack_require__.e(429)]).then(__webpack_require__.bind(__webpack_require__, 66429))).readSignatures(subject, attached, signer, trust, rule.provenance);
            }
        }
        record.violations = evaluateRule(record, rule, findings);
        return record.violations;
    }));
    return judged.flat();
}


/***/ }),

/***/ 73216:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  p: () => (/* binding */ manifestByDigest),
  P: () => (/* binding */ readAttached)
});

// EXTERNAL MODULE: ./src/attestations/classify.ts + 1 modules
var classify = __webpack_require__(15398);
// EXTERNAL MODULE: ./src/model/digest.ts
var model_digest = __webpack_require__(95305);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(87206);
// EXTERNAL MODULE: ./src/model/manifest.ts
var manifest = __webpack_require__(89452);
// EXTERNAL MODULE: ./src/attestations/artifact-types.ts
var artifact_types = __webpack_require__(71029);
;// CONCATENATED MODULE: ./src/attestations/statement.ts





/**
 * Reading an attestation blob for its predicate type, for the rare layer that does not name it
 * in an annotation: a bare in-toto statement (in-toto/attestation spec/v1/statement.md), a DSSE
 * envelope around one (secure-systems-lab/dsse envelope.md), or a sigstore bundle holding a
 * DSSE envelope or a message signature (sigstore protobuf-specs Bundle). Pure.
 */
/**
 * The most a statement blob may be. BuildKit caps each attestation file at 40 MiB before wrapping
 * it (attestation-storage.md), but only the predicate type is wanted here, and every producer we
 * know annotates its layers, so a blob is read only as a fallback: the caller passes this to the
 * blob fetch, and a larger layer is reported as unreadable rather than buffered.
 */
const STATEMENT_CAP = 16 * 1024 * 1024;
/** `https://in-toto.io/Statement/v1` and `/v0.1` (statement.md `_type`). */
const STATEMENT_TYPE = /^https:\/\/in-toto\.io\/Statement\/v\d+(?:\.\d+)?$/;
function invalid(where, problem) {
    return new errors/* DigestGateError */.ic('invalid-manifest', `${where}: ${problem}`);
}
function checkBytes(body, opts) {
    const cap = opts.cap ?? STATEMENT_CAP;
    if (body.length > cap) {
        throw new errors/* DigestGateError */.ic('unsupported', `${opts.where}: ${body.length} bytes is more than the ${cap} digest-gate reads for a predicate type`);
    }
    if (opts.digest) {
        const algorithm = opts.digest.startsWith('sha512:') ? 'sha512' : 'sha256';
        const actual = (0,model_digest/* computeDigest */.MK)(body, algorithm);
        if (actual !== opts.digest) {
            throw new errors/* DigestGateError */.ic('integrity', `${opts.where}: content does not match its digest: expected ${opts.digest}, got ${actual}`);
        }
    }
}
function parseObject(bytes, where, what) {
    let value;
    try {
        value = JSON.parse(Buffer.from(bytes).toString('utf8'));
    }
    catch (e) {
        throw invalid(where, `${what} is not valid JSON (${e.message})`);
    }
    if (!(0,manifest/* isObject */.Gv)(value))
        throw invalid(where, `${what} is not a JSON object`);
    return value;
}
/** The statement inside a DSSE envelope (envelope.md: `payloadType`, base64 `payload`). */
function openEnvelope(envelope, where) {
    const { payloadType, payload } = envelope;
    if (payloadType !== artifact_types/* AttachedMediaTypes */.oh.inToto) {
        throw invalid(where, `DSSE payloadType is ${JSON.stringify(payloadType)}, expected '${artifact_types/* AttachedMediaTypes */.oh.inToto}'`);
    }
    if (typeof payload !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload)) {
        throw invalid(where, 'DSSE payload is not a base64 string');
    }
    return parseObject(Buffer.from(payload, 'base64'), where, 'DSSE payload');
}
function readStatement(json, where, envelope) {
    const { _type: type, predicateType, subject } = json;
    if (typeof type !== 'string' || !STATEMENT_TYPE.test(type)) {
        throw invalid(where, `not an in-toto statement: _type is ${JSON.stringify(type ?? null)}, expected https://in-toto.io/Statement/v1`);
    }
    if (typeof predicateType !== 'string' || !predicateType.trim()) {
        throw invalid(where, 'in-toto statement has no predicateType');
    }
    if (!Array.isArray(subject))
        throw invalid(where, 'in-toto statement has no subject array');
    const subjectDigests = [];
    for (const s of subject) {
        if (!(0,manifest/* isObject */.Gv)(s) || !(0,manifest/* isObject */.Gv)(s.digest))
            continue;
        for (const [algorithm, hex] of Object.entries(s.digest)) {
            if (typeof hex === 'string')
                subjectDigests.push(`${algorithm}:${hex.toLowerCase()}`);
        }
    }
    return { type, predicateType: predicateType.trim(), subjectDigests, envelope };
}
/**
 * Parses an attestation blob into its in-toto statement: bare, in a DSSE envelope, or in a
 * sigstore bundle's `dsseEnvelope`. Checks the size cap and, when `digest` is given, the content
 * digest before parsing. Every failure is a DigestGateError naming `where` and what was expected;
 * a bundle holding a message signature is not a statement (see classifyStatementBlob).
 */
function parseInTotoStatement(body, opts) {
    checkBytes(body, opts);
    const json = parseObject(body, opts.where, 'attestation');
    return statementOf(json, opts.where);
}
function statementOf(json, where) {
    if ((0,manifest/* isObject */.Gv)(json.dsseEnvelope)) {
        return readStatement(openEnvelope(json.dsseEnvelope, where), where, 'sigstore-bundle');
    }
    if ((0,manifest/* isObject */.Gv)(json.messageSignature)) {
        throw invalid(where, 'sigstore bundle holds a message signature, not an in-toto statement');
    }
    if ('payloadType' in json || 'payload' in json) {
        return readStatement(openEnvelope(json, where), where, 'dsse');
    }
    return readStatement(json, where, 'none');
}
/**
 * Finishes a classification that said `needs: 'blob'`: reads that layer's bytes (fetched by the
 * caller, at most STATEMENT_CAP, digest checked here) and classifies it by the predicate type
 * inside, or as a signature for a sigstore bundle with a `messageSignature`. Throws as
 * parseInTotoStatement does; the caller keeps the pending classification and notes why.
 */
function classifyStatementBlob(body, pending, opts) {
    const digest = opts.digest ?? pending.layer?.digest;
    checkBytes(body, { ...opts, digest });
    const json = parseObject(body, opts.where, 'attestation');
    if ((0,manifest/* isObject */.Gv)(json.messageSignature) && !(0,manifest/* isObject */.Gv)(json.dsseEnvelope)) {
        const done = {
            ...pending,
            kind: 'signature',
            name: 'signature (sigstore bundle)',
            signed: true
        };
        delete done.needs;
        delete done.layer;
        return done;
    }
    const statement = statementOf(json, opts.where);
    const done = (0,classify/* applyPredicate */.A9)(pending, statement.predicateType);
    if (statement.envelope !== 'none')
        done.signed = true;
    return done;
}

// EXTERNAL MODULE: ./src/model/text.ts
var model_text = __webpack_require__(5086);
;// CONCATENATED MODULE: ./src/policy/attestations.ts






/**
 * The `attestations` rule's reads: what is attached to each platform's manifest, classified by
 * src/attestations/classify.ts.
 * - BuildKit attestation manifests in the index (their `vnd.docker.reference.digest` names the
 *   platform; resolve.ts lists them per platform): one GET each, for the predicate types their
 *   layers are annotated with (BuildKit docs, attestation-storage.md).
 * - OCI 1.1 referrers (distribution-spec "Listing Referrers", with its tag-schema fallback) of
 *   each platform manifest, and of the index, whose referrers count for every platform (cosign
 *   signs what it is given, often the index): one listing per digest.
 * Only where a descriptor cannot tell what it is does the artifact manifest cost a GET, and an
 * in-toto layer without its predicate annotation a blob GET. All concurrently, each read once
 * per run. Sets each platform's `attached`.
 */
async function readAttached(subject) {
    const { record, source } = subject;
    const byIndex = record.digest && (0,manifest/* isIndexType */.$U)(record.mediaType ?? '')
        ? listReferrers(subject, record.digest, 'index')
        : Promise.resolve([]);
    if (!source.fetchReferrers)
        record.notes.push(`the ${source.kind} source cannot list OCI referrers; only attestation manifests in the index were looked for`);
    const out = new Map();
    await Promise.all(record.platforms.map(async (p) => {
        if (!p.digest)
            return;
        const settled = await Promise.allSettled([
            byIndex,
            listReferrers(subject, p.digest, 'platform'),
            ...(p.attestations ?? []).map(a => readAttestation(subject, a))
        ]);
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
        // Read once, however many platforms or spellings of the image ask; each asker sees a failure.
        pending.catch(() => undefined);
        subject.memo.attached.set(full, pending);
    }
    return pending;
}
/** A manifest by digest through the image's source, checked against the digest. */
async function manifestByDigest(subject, digest) {
    const { source, repository } = subject;
    const answer = await source.fetchManifest(repository, digest);
    if (answer.kind !== 'manifest')
        throw new errors/* DigestGateError */.ic('unsupported', `the ${source.kind} source does not serve ${digest}`);
    const body = source.abilities.exactBytes ? (0,model_digest/* verifyManifestDigest */.bN)(answer.body, digest) : answer.body;
    return (0,manifest/* parseManifest */.Ng)(body, answer.contentType);
}
/** A classification that still needs its statement blob, finished by reading it. */
async function finish(subject, c, of) {
    if (c.needs !== 'blob' || !c.layer)
        return c;
    const { source, repository } = subject;
    if (!source.fetchBlob || !source.abilities.blobs)
        return c;
    const where = `attestation layer ${c.layer.digest} of ${repository}@${of}`;
    const body = await source.fetchBlob(repository, c.layer.digest, STATEMENT_CAP);
    return classifyStatementBlob(body, c, { where, digest: c.layer.digest });
}
function attachedOf(c, digest, via, whose) {
    // Names and types come from the registry: invisible controls are made visible here, as
    // sanitize.ts does for the rest of the record.
    const out = {
        kind: c.kind,
        format: c.format,
        name: (0,model_text/* visibleText */.Q6)(c.name),
        mediaType: (0,model_text/* visibleText */.Q6)(c.mediaType),
        signed: c.signed,
        digest,
        via,
        subject: whose
    };
    if (c.predicateType)
        out.predicateType = (0,model_text/* visibleText */.Q6)(c.predicateType);
    return out;
}
/** A BuildKit attestation manifest: each in-toto layer is one attachment. */
function readAttestation(subject, digest) {
    return memoised(subject, `attestation ${digest}`, async () => {
        const manifest = await manifestByDigest(subject, digest);
        if (manifest.kind !== 'image')
            return [];
        const reading = (0,classify/* readAttestationManifest */.WO)(manifest);
        const found = [
            ...reading.found,
            ...(await Promise.all(reading.unlabelled.map(c => finish(subject, c, digest))))
        ];
        return found.map(c => attachedOf(c, digest, 'index', 'platform'));
    });
}
/** The referrers of `digest`; where a descriptor cannot tell, its artifact manifest is read. */
function listReferrers(subject, digest, whose) {
    const { source, repository, record } = subject;
    if (!source.fetchReferrers)
        return Promise.resolve([]);
    const list = source.fetchReferrers.bind(source);
    return memoised(subject, `referrers ${digest}`, async () => {
        const answer = await list(repository, digest);
        if (!answer)
            return [];
        record.notes.push(...answer.notes);
        const each = await Promise.all(answer.referrers.map(async (descriptor) => {
            const classification = (0,classify/* classifyReferrer */.qk)(descriptor);
            let found = [classification];
            if (classification.needs === 'manifest') {
                const manifest = await manifestByDigest(subject, descriptor.digest);
                if (manifest.kind !== 'schema1')
                    found = (0,classify/* classifyArtifactManifest */.aS)(manifest);
            }
            found = await Promise.all(found.map(c => finish(subject, c, descriptor.digest)));
            return found.map(c => attachedOf(c, descriptor.digest, answer.via, whose));
        }));
        return each.flat();
    });
}


/***/ }),

/***/ 97262:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ch: () => (/* binding */ checkProvenance),
/* harmony export */   i7: () => (/* binding */ checkSignedBy)
/* harmony export */ });
/* unused harmony exports identityMatches, describeSigner, bySigner */
/**
 * Whether `value` is what `pattern` asks: `/…/` is a regular expression matched whole; a
 * pattern with `*` is a glob whose `*` is any characters but `/`; anything else is exact.
 */
function identityMatches(pattern, value) {
    if (value === undefined)
        return false;
    if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/'))
        return new RegExp(`^(?:${pattern.slice(1, -1)})$`, 'u').test(value);
    if (!pattern.includes('*'))
        return pattern === value;
    const body = pattern
        .split('*')
        .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*');
    return new RegExp(`^${body}$`, 'u').test(value);
}
/** The signer as a violation names it. */
function describeSigner(s) {
    return 'key' in s
        ? `signed with the key ${s.key}`
        : `signed by ${s.identity} (issuer ${s.issuer})`;
}
function describeVerified(v) {
    if (v.identity === undefined)
        return `signed with ${v.root}`;
    return `signed by ${v.identity} (issuer ${v.issuer ?? 'none'})`;
}
/** Whether a verified signature is by the rule's signer. */
function bySigner(s, v) {
    if ('key' in s)
        return v.identity === undefined && v.root === `key ${s.key}`;
    return v.issuer === s.issuer && identityMatches(s.identity, v.identity);
}
/** Why nothing by the signer was found: who did sign, else why nothing verified. */
function foundInstead(f) {
    const others = [...new Set(f.verified.map(describeVerified))];
    if (others.length)
        return others.join('; ');
    if (f.failed.length)
        return `no signature verifies: ${f.failed[0]}${f.failed.length > 1 ? ` (and ${f.failed.length - 1} more)` : ''}`;
    return 'no Sigstore signature or attestation';
}
/** `signed-by`: at least one verified signature by the signer covers the platform. */
function checkSignedBy(s, f) {
    const expected = describeSigner(s);
    if (!f)
        return [{ rule: 'signed-by', expected, found: 'unknown: its signatures were not read' }];
    if ('error' in f)
        return [{ rule: 'signed-by', expected, found: `unknown: ${f.error}` }];
    if (f.verified.some(v => bySigner(s, v)))
        return [];
    return [{ rule: 'signed-by', expected, found: foundInstead(f) }];
}
function provenanceMismatch(p, v) {
    if (p.builder !== undefined && !identityMatches(p.builder, v.builder))
        return `built by ${v.builder ?? 'no builder named'}`;
    const repo = p['source-repository'];
    if (repo !== undefined && !identityMatches(repo, v.sourceRepository))
        return `from ${v.sourceRepository ?? 'no source repository named'}`;
    return undefined;
}
/**
 * `provenance`: a verified statement of the predicate type, by the rule's signer, whose builder
 * and source repository are the ones asked for, when asked.
 */
function checkProvenance(p, s, f) {
    const asks = [
        `a ${p.predicate} statement`,
        s ? describeSigner(s) : undefined,
        p.builder ? `built by ${p.builder}` : undefined,
        p['source-repository'] ? `from ${p['source-repository']}` : undefined
    ];
    const expected = asks.filter(Boolean).join(', ');
    if (!s)
        return [{ rule: 'provenance', expected, found: "unknown: the rule has no 'signed-by'" }];
    if (!f)
        return [{ rule: 'provenance', expected, found: 'unknown: its signatures were not read' }];
    if ('error' in f)
        return [{ rule: 'provenance', expected, found: `unknown: ${f.error}` }];
    const statements = f.verified.filter(v => v.predicateType === p.predicate);
    const mine = statements.filter(v => bySigner(s, v));
    if (mine.some(v => provenanceMismatch(p, v) === undefined))
        return [];
    let found;
    if (mine.length)
        found = provenanceMismatch(p, mine[0]) ?? '';
    else if (statements.length)
        found = statements.map(describeVerified).join('; ');
    else {
        const types = [...new Set(f.verified.map(v => v.predicateType))];
        found = types.length
            ? `verified statements of ${types.join(', ')} only`
            : foundInstead({ verified: [], failed: f.failed });
    }
    return [{ rule: 'provenance', expected, found }];
}


/***/ })

};
