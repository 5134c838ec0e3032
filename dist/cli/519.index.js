export const id = 519;
export const ids = [519];
export const modules = {

/***/ 9519:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  judgeRecords: () => (/* binding */ judgeRecords)
});

// EXTERNAL MODULE: ./src/baseline.ts
var src_baseline = __webpack_require__(9860);
// EXTERNAL MODULE: ./src/attestations/classify.ts
var classify = __webpack_require__(1117);
// EXTERNAL MODULE: ./src/digest.ts
var src_digest = __webpack_require__(2187);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/manifest.ts
var src_manifest = __webpack_require__(5546);
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
        const actual = (0,src_digest/* computeDigest */.MK)(body, algorithm);
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
    if (!(0,src_manifest/* isObject */.Gv)(value))
        throw invalid(where, `${what} is not a JSON object`);
    return value;
}
/** The statement inside a DSSE envelope (envelope.md: `payloadType`, base64 `payload`). */
function openEnvelope(envelope, where) {
    const { payloadType, payload } = envelope;
    if (payloadType !== classify/* AttachedMediaTypes */.oh.inToto) {
        throw invalid(where, `DSSE payloadType is ${JSON.stringify(payloadType)}, expected '${classify/* AttachedMediaTypes */.oh.inToto}'`);
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
        if (!(0,src_manifest/* isObject */.Gv)(s) || !(0,src_manifest/* isObject */.Gv)(s.digest))
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
    if ((0,src_manifest/* isObject */.Gv)(json.dsseEnvelope)) {
        return readStatement(openEnvelope(json.dsseEnvelope, where), where, 'sigstore-bundle');
    }
    if ((0,src_manifest/* isObject */.Gv)(json.messageSignature)) {
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
    if ((0,src_manifest/* isObject */.Gv)(json.messageSignature) && !(0,src_manifest/* isObject */.Gv)(json.dsseEnvelope)) {
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

// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
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
    const byIndex = record.digest && (0,src_manifest/* isIndexType */.$U)(record.mediaType ?? '')
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
    const body = source.abilities.exactBytes ? (0,src_digest/* verifyManifestDigest */.bN)(answer.body, digest) : answer.body;
    return (0,src_manifest/* parseManifest */.Ng)(body, answer.contentType);
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
        name: (0,src_text/* visibleText */.Q6)(c.name),
        mediaType: (0,src_text/* visibleText */.Q6)(c.mediaType),
        signed: c.signed,
        digest,
        via,
        subject: whose
    };
    if (c.predicateType)
        out.predicateType = (0,src_text/* visibleText */.Q6)(c.predicateType);
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
        const each = await Promise.all(answer.referrers.map(async ({ descriptor, classification }) => {
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
                const lacking = (0,classify/* attestationKindsSatisfied */.Et)(required, finding.attached);
                const kinds = new Set(finding.attached.map(a => a.kind));
                if (lacking.length)
                    add(p, {
                        rule: 'attestations',
                        expected,
                        found: `${classify/* ATTESTATION_REQUIREMENTS */.Em.filter(k => kinds.has(k)).join(', ') || 'none'} (no ${lacking.join(', ')})`
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

;// CONCATENATED MODULE: ./src/policy/subject.ts
/** One per run: reads shared by every image and every spelling of one. */
function newReadMemo() {
    return { configs: new Map(), attached: new Map() };
}

;// CONCATENATED MODULE: ./src/policy/apply.ts





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


/***/ })

};
