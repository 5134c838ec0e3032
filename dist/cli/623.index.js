export const id = 623;
export const ids = [623];
export const modules = {

/***/ 24989:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IF: () => (/* binding */ verifyBundle),
/* harmony export */   ML: () => (/* binding */ verifySigned),
/* harmony export */   t1: () => (/* binding */ parseTrustedRoot),
/* harmony export */   y$: () => (/* binding */ keyTrust)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61040);
/* harmony import */ var _sigstore_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83917);
/* harmony import */ var _sigstore_core__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(_sigstore_core__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(19654);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(_sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _sigstore_verify__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(54187);





const IN_TOTO_PAYLOAD = 'application/vnd.in-toto+json';
const SOURCE_REPOSITORY_OID = '1.3.6.1.4.1.57264.1.12';
/** A trusted_root.json's text as a trust root; throws saying why it is not one. */
function parseTrustedRoot(text, label) {
    let root;
    try {
        root = _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__.TrustedRoot.fromJSON(JSON.parse(text));
    }
    catch (e) {
        throw new Error(`${label} is not a Sigstore trusted_root.json (${e.message})`);
    }
    if (!root.certificateAuthorities.length && !root.tlogs.length)
        throw new Error(`${label} names no certificate authority and no transparency log`);
    return { label, material: (0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_4__.toTrustMaterial)(root), ctlogs: root.ctlogs.length };
}
/** A PEM public key file's text as the only key a key-pair signature may verify with. */
function keyTrust(pem, label) {
    let publicKey;
    try {
        publicKey = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(pem);
    }
    catch (e) {
        throw new Error(`${label} is not a PEM public key (${e.message})`);
    }
    const empty = _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__.TrustedRoot.fromJSON({
        mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1'
    });
    return {
        label,
        material: (0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_4__.toTrustMaterial)(empty, () => ({ publicKey, validFor: () => true })),
        ctlogs: 0
    };
}
/** Reads a bundle's JSON; throws saying why it is not a bundle this can verify. */
function readBundle(json) {
    let bundle;
    try {
        bundle = (0,_sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__/* .bundleFromJSON */ .vw)(json);
    }
    catch (e) {
        throw new Error(`not a Sigstore bundle v0.1 to v0.3 (${e.message})`);
    }
    if (bundle.content.$case !== 'dsseEnvelope')
        throw new Error('a message-signature bundle, which signs a file, not a statement about a manifest digest');
    return bundle;
}
/** The DSSE payload as an in-toto statement: its predicate type and its subjects' digests. */
function readStatement(payloadType, payload) {
    if (payloadType !== IN_TOTO_PAYLOAD)
        throw new Error(`its payload is ${payloadType || 'untyped'}, not an in-toto statement`);
    let raw;
    try {
        raw = JSON.parse(payload.toString('utf8'));
    }
    catch {
        throw new Error('its payload is not JSON');
    }
    if (typeof raw.predicateType !== 'string' || !Array.isArray(raw.subject))
        throw new Error('its payload is not an in-toto statement (no predicateType or subject)');
    const subjects = raw.subject
        .map(s => s?.digest?.sha256)
        .filter((d) => typeof d === 'string')
        .map(hex => `sha256:${hex.toLowerCase()}`);
    return { predicateType: raw.predicateType, subjects, predicate: raw.predicate };
}
/** The builder id a SLSA predicate names: v1 `runDetails.builder.id`, v0.2 `builder.id`. */
function builderOf(predicate) {
    const p = predicate;
    const id = p?.runDetails?.builder?.id ?? p?.builder?.id;
    return typeof id === 'string' ? id : undefined;
}
/** A Fulcio extension's text: DER UTF8String (v2 extensions), read with @sigstore/core's ASN.1. */
function extensionText(oids, oid) {
    const found = oids.find(o => o.oid?.id.join('.') === oid);
    if (!found)
        return undefined;
    try {
        return _sigstore_core__WEBPACK_IMPORTED_MODULE_2__.ASN1Obj.parseBuffer(found.value).value.toString('utf8');
    }
    catch {
        return found.value.toString('utf8');
    }
}
/** When the bundle proves the signature was made: a TSA's time, else the log's. */
function provedAt(bundle) {
    const entry = bundle.verificationMaterial.tlogEntries[0];
    const tsa = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps[0];
    const out = {};
    if (entry)
        out.logIndex = entry.logIndex;
    if (tsa)
        out.timestamp = _sigstore_core__WEBPACK_IMPORTED_MODULE_2__.RFC3161Timestamp.parse(tsa.signedTimestamp).signingTime.toISOString();
    else if (entry && entry.integratedTime !== '0')
        out.timestamp = new Date(Number(entry.integratedTime) * 1000).toISOString();
    return out;
}
/**
 * Verifies a parsed bundle (over `artifact`, for a message signature) with @sigstore/verify:
 * the signer's identity, and when the signature was proved. Throws saying why not.
 */
function verifySigned(bundle, trust, artifact) {
    const keyPair = bundle.verificationMaterial.content.$case === 'publicKey';
    const verifier = new _sigstore_verify__WEBPACK_IMPORTED_MODULE_4__/* .Verifier */ .BL(trust.material, {
        tlogThreshold: 0,
        ctlogThreshold: keyPair ? 0 : Math.min(1, trust.ctlogs),
        // A certificate is short-lived: a log entry or a timestamp must say it was valid then.
        timestampThreshold: keyPair ? 0 : 1
    });
    let signer;
    try {
        signer = verifier.verify((0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_4__/* .toSignedEntity */ .DC)(bundle, artifact));
    }
    catch (e) {
        // @sigstore/verify wraps the reason a chain fails (expired, wrong issuer, …) as `cause`.
        const cause = e.cause;
        const why = cause instanceof Error ? ` (${cause.message})` : '';
        throw new Error(`does not verify against ${trust.label}: ${e.message}${why}`);
    }
    const out = {
        root: trust.label,
        ...provedAt(bundle)
    };
    const identity = signer.identity;
    if (identity?.subjectAlternativeName)
        out.identity = identity.subjectAlternativeName;
    if (identity?.extensions?.issuer)
        out.issuer = identity.extensions.issuer;
    const repo = extensionText(identity?.oids ?? [], SOURCE_REPOSITORY_OID);
    if (repo)
        out.sourceRepository = repo;
    return out;
}
/**
 * Verifies a bundle's JSON against `trust` and the digests it must be about (the platform's
 * manifest, or the index's for an index-level attestation). Throws an Error whose message says
 * why it does not verify, for a violation's `found`.
 */
function verifyBundle(json, digests, trust) {
    const bundle = readBundle(json);
    const signed = verifySigned(bundle, trust);
    const { payloadType, payload } = bundle.content.dsseEnvelope;
    const statement = readStatement(payloadType, payload);
    if (!statement.subjects.some(s => digests.includes(s)))
        throw new Error(`its statement is about ${statement.subjects.join(', ') || 'no sha256 digest'}, not ${digests.join(' or ')}`);
    const out = { ...signed, predicateType: statement.predicateType };
    const builder = builderOf(statement.predicate);
    if (builder)
        out.builder = builder;
    return out;
}


/***/ }),

/***/ 84623:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadSignatureTrust: () => (/* binding */ loadSignatureTrust)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _attestations_sigstore_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(24989);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(87206);





/**
 * The trust a policy's `signed-by` rules need, read before any request is sent so a bad file
 * is named at once: the `trusted-root` input's trusted_root.json (when given, the only root
 * trusted), else Sigstore's public-good root for keyless signers; and each `key:` PEM file,
 * relative to the working directory.
 */
async function loadSignatureTrust(policy, trustedRoot, cache) {
    const trust = { keys: new Map() };
    const rules = [policy.default, ...policy.images];
    if (trustedRoot) {
        const text = await readText(trustedRoot, "Input 'trusted-root'", 'a trusted_root.json');
        trust.root = parse(() => (0,_attestations_sigstore_js__WEBPACK_IMPORTED_MODULE_3__/* .parseTrustedRoot */ .t1)(text, `trusted-root ${trustedRoot}`), "Input 'trusted-root'");
    }
    else if (rules.some(w => w.rule['signed-by'] && !('key' in w.rule['signed-by']))) {
        trust.root = await publicGoodRoot(cache);
    }
    for (const written of rules) {
        const signer = written.rule['signed-by'];
        if (!signer || !('key' in signer) || trust.keys.has(signer.key))
            continue;
        const site = written.sites['signed-by'];
        const where = `${policy.label}${site ? `:${site.line}:${site.col}` : ''}: key 'signed-by.key'`;
        const pem = await readText(signer.key, where, 'a PEM public key file');
        trust.keys.set(signer.key, parse(() => (0,_attestations_sigstore_js__WEBPACK_IMPORTED_MODULE_3__/* .keyTrust */ .y$)(pem, `key ${signer.key}`), where));
    }
    return trust;
}
async function readText(path, who, expected) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
    }
    catch (e) {
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .DigestGateError */ .ic('invalid-input', `${who}: cannot read '${path}' (${e.code ?? e.message}); expected ${expected}`);
    }
}
function parse(read, who) {
    try {
        return read();
    }
    catch (e) {
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .DigestGateError */ .ic('invalid-input', `${who}: ${e.message}`);
    }
}
const MIRROR = 'tuf-repo-cdn.sigstore.dev';
/**
 * Sigstore's public-good trusted root through @sigstore/tuf: one refresh from its TUF
 * repository (5 s, no retry), its metadata kept under the `cache` directory when one is given.
 * When the repository cannot be reached, the trusted_root.json that @sigstore/tuf's embedded
 * seed (or an earlier verified refresh) left in that directory: offline, the package's own
 * seed is the root, as trusted as the package itself.
 */
async function publicGoodRoot(cache) {
    const cachePath = cache ? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(cache, 'sigstore-tuf') : await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'dg-tuf-'));
    const { getTrustedRoot } = await __webpack_require__.e(/* import() */ 694).then(__webpack_require__.bind(__webpack_require__, 84423));
    const { toTrustMaterial } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 54187));
    try {
        const root = await getTrustedRoot({ cachePath, retry: 0, timeout: 5000 });
        return {
            label: 'public-good (Sigstore TUF, refreshed)',
            material: toTrustMaterial(root),
            ctlogs: root.ctlogs.length
        };
    }
    catch (e) {
        const seeded = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(cachePath, MIRROR, 'targets', 'trusted_root.json');
        const why = e.message;
        const text = await readText(seeded, 'The public-good trust root', `@sigstore/tuf's seed (${why})`);
        return parse(() => (0,_attestations_sigstore_js__WEBPACK_IMPORTED_MODULE_3__/* .parseTrustedRoot */ .t1)(text, `public-good (Sigstore TUF seed, offline: ${why})`), 'The public-good trust root');
    }
}


/***/ })

};
