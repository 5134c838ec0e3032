export const id = 429;
export const ids = [429];
export const modules = {

/***/ 4989:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IF: () => (/* binding */ verifyBundle),
/* harmony export */   ML: () => (/* binding */ verifySigned),
/* harmony export */   Vk: () => (/* binding */ bundleIssuerOrganization),
/* harmony export */   fP: () => (/* binding */ issuerOrganization),
/* harmony export */   t1: () => (/* binding */ parseTrustedRoot),
/* harmony export */   uE: () => (/* binding */ parseTrustedRoots),
/* harmony export */   y$: () => (/* binding */ keyTrust)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1040);
/* harmony import */ var _sigstore_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3917);
/* harmony import */ var _sigstore_core__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(_sigstore_core__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9654);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(_sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _sigstore_verify__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4187);





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
/**
 * A trusted_root.json's text, or JSON Lines of them (what `gh attestation trusted-root` prints:
 * the public-good root and GitHub's), as the roots to try; throws saying which line is not one.
 */
function parseTrustedRoots(text, label) {
    const lines = text.split('\n').filter(line => line.trim());
    if (lines.length < 2 || !lines.every(isJson))
        return [parseTrustedRoot(text, label)];
    return lines.map((line, i) => parseTrustedRoot(line, `${label} (line ${i + 1})`));
}
function isJson(text) {
    try {
        JSON.parse(text);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * The organization that issued a signing certificate (DER or PEM), read by Node's X.509: it
 * says whose Fulcio signed (`sigstore.dev`, `GitHub, Inc.`), so which root to fetch.
 */
function issuerOrganization(certificate) {
    try {
        const issuer = new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(certificate).issuer;
        const org = issuer.split('\n').find(part => part.startsWith('O='));
        // Node prints the name as RFC 4514 does, escaping `,` `+` `"` `\\` `<` `>` `;` (and
        // control bytes as hex): `O=GitHub\, Inc.`.
        return org
            ?.slice(2)
            .replace(/\\([0-9A-Fa-f]{2}|.)/g, (_, c) => c.length === 2 ? String.fromCharCode(parseInt(c, 16)) : c);
    }
    catch {
        return undefined;
    }
}
/** The issuer organization of a bundle's signing certificate; none for a key or a non-bundle. */
function bundleIssuerOrganization(json) {
    let content;
    try {
        content = (0,_sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__/* .bundleFromJSON */ .vw)(json).verificationMaterial.content;
    }
    catch {
        return undefined;
    }
    if (content.$case === 'certificate')
        return issuerOrganization(content.certificate.rawBytes);
    if (content.$case === 'x509CertificateChain') {
        const leaf = content.x509CertificateChain.certificates[0];
        return leaf ? issuerOrganization(leaf.rawBytes) : undefined;
    }
    return undefined;
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
    // A key's trust is the key alone: it holds no log and no TSA, so a Rekor entry or timestamp
    // (cosign `sign --key` logs in public Rekor by default) cannot be checked against it, and a
    // key pair needs neither. Left out, not failed, as `cosign verify --key` with
    // --insecure-ignore-tlog; and not reported, as nothing vouched for them.
    if (keyPair && !trust.material.tlogs.length && !trust.material.timestampAuthorities.length)
        bundle = {
            ...bundle,
            verificationMaterial: {
                ...bundle.verificationMaterial,
                tlogEntries: [],
                timestampVerificationData: undefined
            }
        };
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

/***/ 6429:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readSignatures: () => (/* binding */ readSignatures)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var dist = __webpack_require__(1040);
// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var core_dist = __webpack_require__(3917);
// EXTERNAL MODULE: ./src/attestations/sigstore.ts
var sigstore = __webpack_require__(4989);
;// CONCATENATED MODULE: ./src/attestations/cosign-legacy.ts




/**
 * cosign's legacy signatures (issue 21): the tag `sha256-<hex>.sig` beside the signed manifest,
 * an image manifest whose layers are simple-signing payloads, each with its signature, its
 * certificate and chain, and the Rekor entry's signed timestamp in layer annotations (cosign
 * pkg/oci/static). Each layer is rebuilt as the Sigstore bundle v0.1 it amounts to and
 * verified by @sigstore/verify like any other; the payload must name the manifest's digest.
 */
const SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
/** The layer type of cosign's legacy attestations (`.att`): a DSSE envelope. */
const DSSE_LAYER = 'application/vnd.dsse.envelope.v1+json';
/** How a verified simple-signing signature is named where a predicate type would be. */
const SIMPLE_SIGNING_KIND = 'cosign simple signing';
const A = {
    signature: 'dev.cosignproject.cosign/signature',
    certificate: 'dev.sigstore.cosign/certificate',
    chain: 'dev.sigstore.cosign/chain',
    bundle: 'dev.sigstore.cosign/bundle'
};
/** The tag cosign keeps a manifest's signatures (`sig`) or attestations (`att`) under. */
function legacySignatureTag(digest, kind = 'sig') {
    return `${digest.replace(':', '-')}.${kind}`;
}
/** Who issued a legacy layer's signing certificate; none for a key pair's signature. */
function legacyIssuerOrganization(annotations) {
    const certificate = annotations[A.certificate];
    return certificate ? (0,sigstore/* issuerOrganization */.fP)(certificate) : undefined;
}
/** The Rekor entry cosign stored in the `bundle` annotation, as a bundle's tlog entry. */
function tlogEntry(text) {
    const rekor = JSON.parse(text);
    const p = rekor.Payload;
    if (!p?.body || !rekor.SignedEntryTimestamp || p.logID === undefined)
        throw new Error('its Rekor bundle annotation lacks a body, log ID or signed entry timestamp');
    const body = JSON.parse(Buffer.from(p.body, 'base64').toString('utf8'));
    return {
        logIndex: String(p.logIndex ?? 0),
        logId: { keyId: Buffer.from(p.logID, 'hex').toString('base64') },
        kindVersion: { kind: body.kind ?? '', version: body.apiVersion ?? '' },
        integratedTime: String(p.integratedTime ?? 0),
        inclusionPromise: { signedEntryTimestamp: rekor.SignedEntryTimestamp },
        canonicalizedBody: p.body
    };
}
/** The certificate (or key) and log entry of a legacy layer, as a bundle's verification material. */
function materialOf(annotations) {
    const certificate = annotations[A.certificate];
    const chain = (annotations[A.chain] ?? '').match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
    const material = {
        tlogEntries: annotations[A.bundle] ? [tlogEntry(annotations[A.bundle])] : []
    };
    if (certificate)
        material.x509CertificateChain = {
            certificates: [certificate, ...chain].map(c => ({
                rawBytes: core_dist.pem.toDER(c).toString('base64')
            }))
        };
    else
        material.publicKey = { hint: '' };
    return material;
}
/** A legacy signature layer as the bundle v0.1 it amounts to. */
function legacyBundle(annotations, payload) {
    const signature = annotations[A.signature];
    if (!signature)
        throw new Error(`its layer has no ${A.signature} annotation`);
    const material = materialOf(annotations);
    return {
        mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
        verificationMaterial: material,
        messageSignature: {
            messageDigest: {
                algorithm: 'SHA2_256',
                digest: (0,external_node_crypto_.createHash)('sha256').update(payload).digest('base64')
            },
            signature
        }
    };
}
/** Verifies one legacy signature layer for `digests`; throws saying why not. */
function verifyLegacySignature(annotations, payload, digests, trust) {
    let bundle;
    try {
        bundle = (0,dist/* bundleFromJSON */.vw)(legacyBundle(annotations, payload));
    }
    catch (e) {
        throw new Error(`not a cosign signature this can read (${e.message})`);
    }
    const signed = (0,sigstore/* verifySigned */.ML)(bundle, trust, Buffer.from(payload));
    let named;
    try {
        const json = JSON.parse(Buffer.from(payload).toString('utf8'));
        named = json.critical?.image?.['docker-manifest-digest'];
    }
    catch {
        named = undefined;
    }
    if (typeof named !== 'string' || !digests.includes(named))
        throw new Error(`its payload signs ${typeof named === 'string' ? named : 'no digest'}, not ${digests.join(' or ')}`);
    return { ...signed, predicateType: SIMPLE_SIGNING_KIND };
}
/**
 * A legacy attestation layer (`.att`): its payload is the DSSE envelope itself, so it becomes a
 * DSSE bundle v0.1, verified as referrer bundles are (src/attestations/sigstore.ts).
 */
function legacyAttestationBundle(annotations, payload) {
    let envelope;
    try {
        envelope = JSON.parse(Buffer.from(payload).toString('utf8'));
    }
    catch {
        throw new Error('its layer is not a DSSE envelope (not JSON)');
    }
    return {
        mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
        verificationMaterial: materialOf(annotations),
        dsseEnvelope: envelope
    };
}

// EXTERNAL MODULE: ./src/model/digest.ts
var model_digest = __webpack_require__(5305);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
// EXTERNAL MODULE: ./src/model/manifest.ts
var model_manifest = __webpack_require__(9452);
// EXTERNAL MODULE: ./src/policy/attestations.ts + 1 modules
var attestations = __webpack_require__(3216);
// EXTERNAL MODULE: ./src/policy/signer-checks.ts
var signer_checks = __webpack_require__(7262);
;// CONCATENATED MODULE: ./src/policy/signatures.ts







/** A bundle blob is small JSON (a certificate chain, a statement): 4 MiB is plenty. */
const BUNDLE_CAP = 4 * 1024 * 1024;
const NO_ROOT = "no trust root to verify it with: give the 'trusted-root' input (--trusted-root), the path of a trusted_root.json";
/** The bundle JSON of a Sigstore bundle referrer: its manifest, then its bundle layer's blob. */
async function readBundle(subject, digest) {
    const { source, repository } = subject;
    const manifest = await (0,attestations/* manifestByDigest */.p)(subject, digest);
    if (manifest.kind !== 'image')
        throw new Error(`its manifest ${digest} is not an artifact manifest`);
    const layer = manifest.layers.find(l => /^application\/vnd\.dev\.sigstore\.bundle/.test(l.mediaType)) ??
        (manifest.layers.length === 1 ? manifest.layers[0] : undefined);
    if (!layer)
        throw new Error(`its manifest ${digest} has no Sigstore bundle layer`);
    if (!source.fetchBlob || !source.abilities.blobs)
        throw new Error(`the ${source.kind} source cannot read blobs`);
    const body = await source.fetchBlob(repository, layer.digest, BUNDLE_CAP);
    // The registry is not trusted to serve what was asked for: the bytes must be the digest.
    if ((0,model_digest/* computeDigest */.MK)(body) !== layer.digest)
        throw new Error(`the bundle blob ${layer.digest} served does not match its digest`);
    try {
        return JSON.parse(Buffer.from(body).toString('utf8'));
    }
    catch {
        throw new Error(`the bundle blob ${layer.digest} is not JSON`);
    }
}
function bundleOnce(subject, digest) {
    const key = `bundle ${digest} ${subject.source.label}/${subject.repository}`;
    let pending = subject.memo.bundles.get(key);
    if (!pending) {
        pending = readBundle(subject, digest);
        pending.catch(() => undefined);
        subject.memo.bundles.set(key, pending);
    }
    return pending;
}
/** One attached bundle, verified for the digests it must be about; a failure says why. */
async function verifyAttached(subject, a, digests, rootsFor) {
    try {
        const json = await bundleOnce(subject, a.digest);
        const verified = await underAny(rootsFor, (0,sigstore/* bundleIssuerOrganization */.Vk)(json), root => (0,sigstore/* verifyBundle */.IF)(json, digests, root));
        return { digest: a.digest, subject: a.subject, ...verified };
    }
    catch (e) {
        return `${a.name} ${a.digest}: ${e instanceof Error ? e.message : (0,errors/* errorMessage */.gJ)(e)}`;
    }
}
/**
 * The first of the roots for a certificate's issuer that `verify` succeeds under; else throws
 * with each root's reason, once.
 */
async function underAny(rootsFor, issuerOrg, verify) {
    const reasons = new Set();
    for (const root of await rootsFor(issuerOrg)) {
        try {
            return verify(root);
        }
        catch (e) {
            reasons.add(e.message);
        }
    }
    throw new Error([...reasons].join('; ') || NO_ROOT);
}
/**
 * cosign's legacy signatures of `digest`: the manifest at its `sha256-<hex>.sig` tag (1 GET; a
 * 404 is none) and each simple-signing layer's payload (1 GET each), read once per run.
 */
function legacyLayers(subject, digest, kind) {
    const { source, repository } = subject;
    const tag = legacySignatureTag(digest, kind);
    const key = `legacy ${tag} ${source.label}/${repository}`;
    let pending = subject.memo.bundles.get(key);
    if (!pending) {
        pending = (async () => {
            let answer;
            try {
                answer = await source.fetchManifest(repository, tag);
            }
            catch (e) {
                if (e instanceof errors/* DigestGateError */.ic && (e.status === 404 || e.kind === 'not-found'))
                    return [];
                throw e;
            }
            if (answer.kind !== 'manifest')
                return [];
            const manifest = (0,model_manifest/* parseManifest */.Ng)(answer.body, answer.contentType);
            if (manifest.kind !== 'image' || !source.fetchBlob)
                return [];
            const fetchBlob = source.fetchBlob.bind(source);
            const layerType = kind === 'sig' ? SIMPLE_SIGNING : DSSE_LAYER;
            const layers = manifest.layers.filter(l => l.mediaType === layerType);
            return Promise.all(layers.map(async (l) => {
                const payload = await fetchBlob(repository, l.digest, BUNDLE_CAP);
                if ((0,model_digest/* computeDigest */.MK)(payload) !== l.digest)
                    throw new Error(`the signature payload ${l.digest} served does not match its digest`);
                return { tag, kind, annotations: l.annotations ?? {}, payload };
            }));
        })();
        pending.catch(() => undefined);
        subject.memo.bundles.set(key, pending);
    }
    return pending;
}
/** One legacy layer verified for `digest`: a signature, or an attestation's DSSE bundle. */
function verifyLayer(l, digest, trust) {
    return l.kind === 'sig'
        ? verifyLegacySignature(l.annotations, l.payload, [digest], trust)
        : (0,sigstore/* verifyBundle */.IF)(legacyAttestationBundle(l.annotations, l.payload), [digest], trust);
}
/** Each legacy signature and attestation of `digest`, verified; a failure says why. */
async function verifyLegacy(subject, digest, whose, rootsFor) {
    const each = await Promise.all(['sig', 'att'].map(async (kind) => {
        const tag = legacySignatureTag(digest, kind);
        let layers;
        try {
            layers = await legacyLayers(subject, digest, kind);
        }
        catch (e) {
            return [`cosign tag ${tag}: ${e instanceof Error ? e.message : (0,errors/* errorMessage */.gJ)(e)}`];
        }
        return Promise.all(layers.map(async (l) => {
            try {
                const verified = await underAny(rootsFor, legacyIssuerOrganization(l.annotations), root => verifyLayer(l, digest, root));
                return { digest, subject: whose, ...verified };
            }
            catch (e) {
                return `cosign tag ${tag}: ${e.message}`;
            }
        }));
    }));
    return each.flat();
}
/** The roots a signer's signatures verify against: its key, else the keyless roots. */
function rootsOf(signer, trust) {
    const key = 'key' in signer ? trust.keys.get(signer.key) : undefined;
    if (key)
        return () => Promise.resolve([key]);
    if (!('key' in signer) && trust.rootsFor)
        return trust.rootsFor;
    return () => Promise.reject(new Error(NO_ROOT));
}
/**
 * Whether `verified` already meets the rule: a signature by its signer and, when it asks for
 * `provenance`, a statement by that signer that passes it. The same checks the verdict makes
 * (signer-checks.ts): what satisfies here satisfies there.
 */
function meetsRule(signer, provenance, verified) {
    const found = { verified, failed: [] };
    if ((0,signer_checks/* checkSignedBy */.i7)(signer, found).length)
        return false;
    return !provenance || (0,signer_checks/* checkProvenance */.ch)(provenance, signer, found).length === 0;
}
/**
 * Each platform's verified bundles (and why others failed), by platform manifest digest. The
 * referrer bundles `attestations` found are verified first; cosign's legacy `.sig` and `.att`
 * tags (of the platform, and of the index) are read only when those do not meet the rule, so an
 * image signed by referrers costs no tag probe, and one that is not still fails closed on what
 * the tags say.
 */
async function readSignatures(subject, attached, signer, trust, provenance) {
    const { record } = subject;
    const rootsFor = rootsOf(signer, trust);
    const out = new Map();
    const isVerified = (r) => typeof r !== 'string';
    await Promise.all(record.platforms.map(async (p) => {
        if (!p.digest)
            return;
        const found = attached.get(p.digest);
        if (!found || 'error' in found) {
            out.set(p.digest, { error: found?.error ?? 'what is attached was not read' });
            return;
        }
        const bundles = found.attached.filter(a => a.format === 'sigstore-bundle');
        const fromReferrers = await Promise.all(bundles.map(a => verifyAttached(subject, a, [a.subject === 'index' ? record.digest : p.digest].filter((d) => !!d), rootsFor)));
        const legacy = meetsRule(signer, provenance, fromReferrers.filter(isVerified))
            ? []
            : await Promise.all([
                verifyLegacy(subject, p.digest, 'platform', rootsFor),
                record.digest && record.digest !== p.digest
                    ? verifyLegacy(subject, record.digest, 'index', rootsFor)
                    : []
            ]);
        const results = [...fromReferrers, ...legacy.flat()];
        const verified = results.filter(isVerified);
        p.verified = verified;
        out.set(p.digest, { verified, failed: results.filter(r => typeof r === 'string') });
    }));
    return out;
}


/***/ })

};
