export const id = 462;
export const ids = [462];
export const modules = {

/***/ 1117:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A9: () => (/* binding */ applyPredicate),
/* harmony export */   Em: () => (/* binding */ ATTESTATION_REQUIREMENTS),
/* harmony export */   Et: () => (/* binding */ attestationKindsSatisfied),
/* harmony export */   Uj: () => (/* binding */ isAttestationRequirement),
/* harmony export */   WO: () => (/* binding */ readAttestationManifest),
/* harmony export */   aS: () => (/* binding */ classifyArtifactManifest),
/* harmony export */   oh: () => (/* binding */ AttachedMediaTypes),
/* harmony export */   qk: () => (/* binding */ classifyReferrer)
/* harmony export */ });
/* unused harmony exports EMPTY_JSON_DIGEST, classifyPredicateType, attestationManifestsFor */
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5546);

/** The attachment kinds a policy may require, in the order they are reported. */
const ATTESTATION_REQUIREMENTS = ['provenance', 'sbom', 'signature', 'vex'];
/** BuildKit's layer annotation (attestation-storage.md "Attestation Manifest"). */
const PREDICATE_TYPE_ANNOTATION = 'in-toto.io/predicate-type';
/** What cosign puts on DSSE attestation layers (cosign cmd/cosign/cli/attest/attest.go). */
const COSIGN_PREDICATE_ANNOTATION = 'predicateType';
/** Sigstore bundle manifest annotations (cosign specs/BUNDLE_SPEC.md "Annotations"). */
const BUNDLE_PREDICATE_ANNOTATION = 'dev.sigstore.bundle.predicateType';
const BUNDLE_CONTENT_ANNOTATION = 'dev.sigstore.bundle.content';
const AttachedMediaTypes = {
    /** image-spec manifest.md "Guidance for an Empty Descriptor": the blob `{}`. */
    empty: 'application/vnd.oci.empty.v1+json',
    inToto: 'application/vnd.in-toto+json',
    dsse: 'application/vnd.dsse.envelope.v1+json',
    /** BuildKit with `oci-artifact=true`: the attestation manifest's artifactType. */
    buildkitAttestation: 'application/vnd.docker.attestation.manifest.v1+json',
    sigstoreBundleV03: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    /** Older spelling with a `version` parameter (0.1, 0.2, 0.3). */
    sigstoreBundle: 'application/vnd.dev.sigstore.bundle+json',
    cosignSignature: 'application/vnd.dev.cosign.artifact.sig.v1+json',
    cosignSimpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
    cosignSbom: 'application/vnd.dev.cosign.artifact.sbom.v1+json',
    notation: 'application/vnd.cncf.notary.signature'
};
/** The digest of `{}`, the empty descriptor's blob (image-spec manifest.md). */
const EMPTY_JSON_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';
// Versions are matched as a family rather than listed, because new minor versions of SPDX and
// CycloneDX keep appearing and are the same kind of document.
const PREDICATE_RULES = [
    // in-toto spec/predicates/provenance.md; in-toto-golang also used `v1?draft` before v1 was final.
    {
        pattern: /^https:\/\/slsa\.dev\/provenance\/v(\d+(?:\.\d+)?)(?:\?draft)?$/,
        kind: 'provenance',
        name: 'SLSA provenance v$1'
    },
    // The deprecated name of the same predicate (provenance.md "Deprecated Type URI").
    {
        pattern: /^https:\/\/in-toto\.io\/Provenance\/v(0\.1)$/,
        kind: 'provenance',
        name: 'in-toto provenance v$1'
    },
    // spdx2.md (`Document`, `Document/v2.3`), spdx3.md (`Document/v3`); BuildKit writes `Document`.
    { pattern: /^https:\/\/spdx\.dev\/Document$/, kind: 'sbom', name: 'SPDX SBOM' },
    {
        pattern: /^https:\/\/spdx\.dev\/Document\/v(\d+(?:\.\d+)*)$/,
        kind: 'sbom',
        name: 'SPDX SBOM v$1'
    },
    // cyclonedx.md: `https://cyclonedx.org/bom`, examples carry `/v1.4`.
    { pattern: /^https:\/\/cyclonedx\.org\/bom$/, kind: 'sbom', name: 'CycloneDX SBOM' },
    {
        pattern: /^https:\/\/cyclonedx\.org\/bom\/v(\d+(?:\.\d+)*)$/,
        kind: 'sbom',
        name: 'CycloneDX SBOM v$1'
    },
    // openvex ATTESTING.md and cosign's OpenVexNamespace; documents carry versioned namespaces.
    { pattern: /^https:\/\/openvex\.dev\/ns\/?$/, kind: 'vex', name: 'OpenVEX' },
    { pattern: /^https:\/\/openvex\.dev\/ns\/v(\d+\.\d+\.\d+)$/, kind: 'vex', name: 'OpenVEX v$1' },
    // cosign v3 `sign` wraps the signature in a DSSE statement with this predicate (pkg/types).
    {
        pattern: /^https:\/\/sigstore\.dev\/cosign\/sign\/v(\d+)$/,
        kind: 'signature',
        name: 'cosign signature v$1'
    },
    // Named so reports read well; none of these is provenance, an SBOM or VEX.
    {
        pattern: /^https:\/\/slsa\.dev\/verification_summary\/v(\d+)$/,
        kind: 'other',
        name: 'SLSA verification summary v$1'
    },
    {
        pattern: /^https:\/\/in-toto\.io\/attestation\/vulns\/v(\d+\.\d+)$/,
        kind: 'other',
        name: 'vulnerability scan v$1'
    },
    {
        pattern: /^https:\/\/cosign\.sigstore\.dev\/attestation\/vuln\/v(\d+)$/,
        kind: 'other',
        name: 'cosign vulnerability scan v$1'
    },
    {
        pattern: /^https:\/\/in-toto\.io\/attestation\/link\/v(\d+\.\d+)$/,
        kind: 'other',
        name: 'in-toto link v$1'
    },
    { pattern: /^https:\/\/in-toto\.io\/Link\/v(1)$/, kind: 'other', name: 'in-toto link v$1' },
    {
        pattern: /^https:\/\/cosign\.sigstore\.dev\/attestation\/v(1)$/,
        kind: 'other',
        name: 'cosign custom predicate v$1'
    }
];
/**
 * Classifies an in-toto predicate type URI (in-toto/attestation spec/v1/statement.md
 * `predicateType`). Exact families only: a look-alike URI on another host is `other`, never
 * provenance, so a policy cannot be satisfied by a lookalike name.
 */
function classifyPredicateType(predicateType) {
    const type = predicateType.trim();
    for (const rule of PREDICATE_RULES) {
        const m = rule.pattern.exec(type);
        if (m)
            return { kind: rule.kind, name: rule.name.replace('$1', m[1] ?? '') };
    }
    return { kind: 'other', name: type || '(empty predicate type)' };
}
// Keyed by media type without parameters, lowercased. The in-toto, DSSE, BuildKit and sigstore
// bundle types are handled in code: their kind depends on the predicate.
const ARTIFACT_TYPES = {
    // cosign OCI 1.1 mode: internal/pkg/oci/remote ArtifactType("sig") as config.mediaType; layers
    // are simple signing payloads (pkg/types/media.go).
    [AttachedMediaTypes.cosignSignature]: {
        kind: 'signature',
        format: 'cosign',
        name: 'cosign signature',
        signed: true
    },
    [AttachedMediaTypes.cosignSimpleSigning]: {
        kind: 'signature',
        format: 'cosign',
        name: 'cosign signature',
        signed: true
    },
    // notaryproject signature-specification.md: artifactType, or config.mediaType before OCI 1.1.
    [AttachedMediaTypes.notation]: {
        kind: 'signature',
        format: 'notation',
        name: 'notation signature',
        signed: true
    },
    // cosign `attach sbom` in OCI 1.1 mode (cmd/cosign/cli/attach/sbom.go).
    [AttachedMediaTypes.cosignSbom]: {
        kind: 'sbom',
        format: 'cosign',
        name: 'SBOM (cosign attach)',
        signed: false
    },
    // IANA: application/spdx+json, text/spdx; cosign also writes text/spdx+json (pkg/types/media.go).
    'application/spdx+json': { kind: 'sbom', format: 'spdx', name: 'SPDX SBOM', signed: false },
    'text/spdx': { kind: 'sbom', format: 'spdx', name: 'SPDX SBOM (tag-value)', signed: false },
    'text/spdx+json': { kind: 'sbom', format: 'spdx', name: 'SPDX SBOM', signed: false },
    // IANA: application/vnd.cyclonedx+json and +xml.
    'application/vnd.cyclonedx+json': {
        kind: 'sbom',
        format: 'cyclonedx',
        name: 'CycloneDX SBOM',
        signed: false
    },
    'application/vnd.cyclonedx+xml': {
        kind: 'sbom',
        format: 'cyclonedx',
        name: 'CycloneDX SBOM',
        signed: false
    },
    'application/vnd.syft+json': { kind: 'sbom', format: 'syft', name: 'Syft SBOM', signed: false },
    // Harbor's generated SBOM accessory (goharbor/harbor, artifactType of the SBOM manifest).
    'application/vnd.goharbor.harbor.sbom.v1': {
        kind: 'sbom',
        format: 'harbor',
        name: 'Harbor SBOM',
        signed: false
    },
    // Not registered with IANA; what `oras attach` users and Harbor use for OpenVEX documents.
    'application/vnd.openvex+json': { kind: 'vex', format: 'openvex', name: 'OpenVEX', signed: false }
};
/** Config media types that say nothing about what an artifact is. */
const GENERIC_CONFIG_TYPES = new Set([
    AttachedMediaTypes.empty,
    _manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaTypes */ .mI.ociConfig,
    _manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaTypes */ .mI.dockerConfig
]);
const IN_TOTO_LAYER_TYPES = new Set([AttachedMediaTypes.inToto, AttachedMediaTypes.dsse]);
function isSigstoreBundleType(base) {
    return (base === AttachedMediaTypes.sigstoreBundle ||
        /^application\/vnd\.dev\.sigstore\.bundle\.v\d+\.\d+\+json$/.test(base));
}
/** What the type says before any predicate is known; undefined for a type this module lacks. */
function ruleFor(mediaType) {
    const base = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .stripParameters */ .B_)(mediaType);
    const rule = ARTIFACT_TYPES[base];
    if (rule)
        return rule;
    if (isSigstoreBundleType(base)) {
        return { kind: 'attestation', format: 'sigstore-bundle', name: 'sigstore bundle', signed: true };
    }
    if (base === AttachedMediaTypes.inToto) {
        return { kind: 'attestation', format: 'in-toto', name: 'in-toto attestation', signed: false };
    }
    if (base === AttachedMediaTypes.dsse) {
        return { kind: 'attestation', format: 'dsse', name: 'DSSE attestation', signed: true };
    }
    if (base === AttachedMediaTypes.buildkitAttestation) {
        return {
            kind: 'attestation',
            format: 'buildkit',
            name: 'BuildKit attestation manifest',
            signed: false
        };
    }
    return undefined;
}
/** A predicate type stated in annotations, under any of the keys producers use. */
function statedPredicate(annotations) {
    const value = annotations?.[PREDICATE_TYPE_ANNOTATION] ??
        annotations?.[BUNDLE_PREDICATE_ANNOTATION] ??
        annotations?.[COSIGN_PREDICATE_ANNOTATION];
    return value?.trim() ? value.trim() : undefined;
}
const FORMAT_LABELS = {
    buildkit: 'BuildKit',
    dsse: 'DSSE',
    'sigstore-bundle': 'sigstore bundle',
    cosign: 'cosign'
};
/** Refines an attestation-kind rule by its predicate type. */
function withPredicate(rule, mediaType, predicateType) {
    return applyPredicate(fromRule(rule, mediaType), predicateType);
}
/**
 * A classification finished by the predicate type its statement names: kind and name from
 * classifyPredicateType, `needs` and `layer` dropped. For classifyStatementBlob and callers that
 * learnt the predicate elsewhere.
 */
function applyPredicate(c, predicateType) {
    const p = classifyPredicateType(predicateType);
    const label = FORMAT_LABELS[c.format];
    const done = {
        ...c,
        kind: p.kind,
        predicateType,
        name: label ? `${p.name} (${label})` : p.name
    };
    delete done.needs;
    delete done.layer;
    return done;
}
function fromRule(rule, mediaType) {
    return { kind: rule.kind, format: rule.format, mediaType, name: rule.name, signed: rule.signed };
}
function unknown(mediaType, needs) {
    const c = {
        kind: 'other',
        format: 'unknown',
        mediaType,
        name: mediaType || '(no artifact type)',
        signed: false
    };
    if (needs)
        c.needs = needs;
    return c;
}
/** The type a referrer or artifact manifest declares: artifactType, else a telling config type. */
function declaredType(artifactType, configType) {
    if (artifactType?.trim() && !GENERIC_CONFIG_TYPES.has((0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .stripParameters */ .B_)(artifactType))) {
        return artifactType.trim();
    }
    if (configType && !GENERIC_CONFIG_TYPES.has((0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .stripParameters */ .B_)(configType)))
        return configType;
    return undefined;
}
/**
 * Classifies one entry of a referrers list (distribution-spec "Listing Referrers") or of a
 * referrers tag-schema index, from the descriptor alone: its `artifactType` (which a 1.1 registry
 * sets from the manifest's artifactType, else its config media type) and the annotations the
 * registry copied from the manifest. An unknown artifactType is `other`, never an error
 * (image-spec manifest.md: implementations MUST NOT error on an unknown artifactType). When the
 * descriptor cannot tell (an in-toto artifact without a predicate annotation, a generic config
 * type), `needs: 'manifest'` says to read the artifact manifest.
 */
function classifyReferrer(d) {
    const type = declaredType(d.artifactType);
    if (!type)
        return unknown(d.artifactType ?? '', 'manifest');
    const rule = ruleFor(type);
    if (!rule)
        return unknown(type);
    if (rule.kind !== 'attestation')
        return fromRule(rule, type);
    return (refineByAnnotations(rule, type, d.annotations) ?? { ...fromRule(rule, type), needs: 'manifest' });
}
/** A sigstore bundle or in-toto artifact whose annotations already say what it holds. */
function refineByAnnotations(rule, mediaType, annotations) {
    if (rule.format === 'sigstore-bundle' &&
        annotations?.[BUNDLE_CONTENT_ANNOTATION] === 'message-signature') {
        return {
            kind: 'signature',
            format: 'sigstore-bundle',
            mediaType,
            name: 'signature (sigstore bundle)',
            signed: true
        };
    }
    if (rule.format === 'buildkit')
        return undefined;
    const predicate = statedPredicate(annotations);
    return predicate ? withPredicate(rule, mediaType, predicate) : undefined;
}
/** Layers that hold in-toto statements, bare, in DSSE, or in a sigstore bundle. */
function isStatementLayer(layer) {
    const base = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .stripParameters */ .B_)(layer.mediaType);
    return IN_TOTO_LAYER_TYPES.has(base) || isSigstoreBundleType(base);
}
/**
 * Classifies one statement layer of an attestation manifest (BuildKit's, or an in-toto/DSSE
 * referrer's). A predicate annotation decides; without one the answer is `needs: 'blob'` with
 * that layer.
 */
function classifyLayer(layer, format, signed) {
    const base = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .stripParameters */ .B_)(layer.mediaType);
    const own = ruleFor(layer.mediaType);
    const rule = {
        kind: 'attestation',
        // An in-toto artifact's DSSE or bundle layers are better named by what wraps them.
        format: format === 'in-toto' && own ? own.format : format,
        name: own?.name ?? 'attestation',
        signed: signed || base === AttachedMediaTypes.dsse || isSigstoreBundleType(base)
    };
    const predicate = statedPredicate(layer.annotations);
    if (predicate)
        return withPredicate(rule, layer.mediaType, predicate);
    return { ...fromRule(rule, layer.mediaType), needs: 'blob', layer };
}
/**
 * Reads a BuildKit attestation manifest (attestation-storage.md "Attestation Manifest"): each
 * in-toto layer's predicate type from its `in-toto.io/predicate-type` annotation, so one manifest
 * GET answers the question. Layers lacking it are listed in `unlabelled`, for the caller to fetch
 * and pass to classifyStatementBlob.
 */
function readAttestationManifest(m) {
    const reading = { found: [], unlabelled: [], ignored: [] };
    for (const layer of m.layers) {
        if (!isStatementLayer(layer)) {
            reading.ignored.push(layer);
            continue;
        }
        const c = classifyLayer(layer, 'buildkit', false);
        if (c.needs === 'blob')
            reading.unlabelled.push(c);
        else
            reading.found.push(c);
    }
    return reading;
}
/**
 * Classifies an artifact manifest read by digest after classifyReferrer said `needs: 'manifest'`
 * (or any manifest with a `subject`). The type is its artifactType, else its config media type
 * unless that is generic (image-spec manifest.md "Guidelines for Artifact Usage"), else the first
 * layer media type this module knows. One artifact can hold several attestations (cosign puts
 * every DSSE attestation in one referrer), so the answer is a list, never empty.
 */
function classifyArtifactManifest(m) {
    const config = m.kind === 'image' ? m.config.mediaType : undefined;
    const layers = m.kind === 'image' ? m.layers : [];
    const type = declaredType(m.artifactType, config);
    const rule = type ? ruleFor(type) : undefined;
    if (type && !rule)
        return [unknown(type)];
    if (type && rule && rule.kind !== 'attestation')
        return [fromRule(rule, type)];
    if (type && rule) {
        const stated = refineByAnnotations(rule, type, m.annotations);
        if (stated)
            return [stated];
        const perLayer = layers
            .filter(isStatementLayer)
            .map(l => classifyLayer(l, rule.format, rule.signed));
        if (perLayer.length)
            return perLayer;
        return [{ ...fromRule(rule, type), name: `${rule.name} without statement layers` }];
    }
    // No telling type: a layer may still say (an SBOM pushed with a plain config, say).
    for (const layer of layers) {
        const layerRule = ruleFor(layer.mediaType);
        if (layerRule && layerRule.kind !== 'attestation')
            return [fromRule(layerRule, layer.mediaType)];
    }
    const perLayer = layers.filter(isStatementLayer).map(l => classifyLayer(l, 'in-toto', false));
    return perLayer.length ? perLayer : [unknown(m.artifactType ?? config ?? m.mediaType)];
}
/**
 * The attestation manifests an index lists for one platform manifest: entries with
 * `vnd.docker.reference.type: attestation-manifest` whose `vnd.docker.reference.digest` names it
 * (attestation-storage.md "Attestation Manifest Descriptor").
 */
function attestationManifestsFor(index, platformDigest) {
    return index.manifests.filter(d => isAttestation(d) && d.annotations?.[REFERENCE_DIGEST_ANNOTATION] === platformDigest);
}
const SATISFIES = {
    provenance: ['provenance'],
    sbom: ['sbom'],
    signature: ['signature'],
    vex: ['vex']
};
/**
 * The required kinds nothing attached satisfies, in the order required (duplicates once).
 * `provenance` and `sbom` are met by a BuildKit attestation or a referrer alike, `signature` by
 * any signature format (cosign, notation, a sigstore message-signature bundle, cosign v3's
 * signing statement), `vex` by OpenVEX. Attestations whose predicate is still unknown
 * (`attestation`) and `other` satisfy nothing. A name outside ATTESTATION_REQUIREMENTS is the
 * policy parser's to reject; should one get here it is reported missing, never met.
 */
function attestationKindsSatisfied(required, attached) {
    const present = new Set(attached.map(c => c.kind));
    const missing = [];
    for (const name of required) {
        if (missing.includes(name))
            continue;
        const kinds = Object.hasOwn(SATISFIES, name) ? SATISFIES[name] : [];
        if (!kinds.some(k => present.has(k)))
            missing.push(name);
    }
    return missing;
}
/** Whether `name` is a kind a policy may require (for the policy parser's message). */
function isAttestationRequirement(name) {
    return ATTESTATION_REQUIREMENTS.includes(name);
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
/**
 * Sizes and percentages as a policy file writes them, and sizes written back in the unit a
 * budget used, so `≤ 80 MB` is never compared by eye with a figure in MiB. Units are SI
 * (`kB`, `MB`, `GB`: powers of 1000) and IEC (`KiB`, `MiB`, `GiB`: powers of 1024), spelled
 * as those standards spell them (IEC 80000-13), since `mb` or `Mb` could mean either. Pure.
 */
/** Bytes per unit, by the unit's exact spelling. */
const SIZE_UNITS = Object.freeze({
    B: 1,
    kB: 1000,
    MB: 1000 ** 2,
    GB: 1000 ** 3,
    KiB: 1024,
    MiB: 1024 ** 2,
    GiB: 1024 ** 3
});
/** What a size must look like, for messages. */
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
