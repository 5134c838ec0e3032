export const id = 237;
export const ids = [237];
export const modules = {

/***/ 1029:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rd: () => (/* binding */ GENERIC_CONFIG_TYPES),
/* harmony export */   Zf: () => (/* binding */ isSigstoreBundleType),
/* harmony export */   dD: () => (/* binding */ IN_TOTO_LAYER_TYPES),
/* harmony export */   oh: () => (/* binding */ AttachedMediaTypes),
/* harmony export */   sG: () => (/* binding */ ruleFor)
/* harmony export */ });
/* unused harmony export EMPTY_JSON_DIGEST */
/* harmony import */ var _model_manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9452);

// The media types of what is attached to an image (signatures, SBOMs, VEX, in-toto and sigstore
// bundles) and what each says about its content before any predicate is read.
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
    _model_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaTypes */ .mI.ociConfig,
    _model_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaTypes */ .mI.dockerConfig
]);
const IN_TOTO_LAYER_TYPES = new Set([
    AttachedMediaTypes.inToto,
    AttachedMediaTypes.dsse
]);
function isSigstoreBundleType(base) {
    return (base === AttachedMediaTypes.sigstoreBundle ||
        /^application\/vnd\.dev\.sigstore\.bundle\.v\d+\.\d+\+json$/.test(base));
}
/** What the type says before any predicate is known; undefined for a type this module lacks. */
function ruleFor(mediaType) {
    const base = (0,_model_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .stripParameters */ .B_)(mediaType);
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


/***/ }),

/***/ 5398:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Em: () => (/* binding */ ATTESTATION_REQUIREMENTS),
  A9: () => (/* binding */ applyPredicate),
  Et: () => (/* binding */ attestationKindsSatisfied),
  aS: () => (/* binding */ classifyArtifactManifest),
  qk: () => (/* binding */ classifyReferrer),
  Uj: () => (/* binding */ isAttestationRequirement),
  WO: () => (/* binding */ readAttestationManifest)
});

// UNUSED EXPORTS: attestationManifestsFor

// EXTERNAL MODULE: ./src/model/manifest.ts
var manifest = __webpack_require__(9452);
// EXTERNAL MODULE: ./src/attestations/artifact-types.ts
var artifact_types = __webpack_require__(1029);
;// CONCATENATED MODULE: ./src/attestations/predicate-types.ts
// What an in-toto predicate type URI says its statement is: provenance, an SBOM, VEX, a
// signature, or something else (in-toto/attestation spec/predicates).
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

;// CONCATENATED MODULE: ./src/attestations/classify.ts



/** The attachment kinds a policy may require, in the order they are reported. */
const ATTESTATION_REQUIREMENTS = ['provenance', 'sbom', 'signature', 'vex'];
/** BuildKit's layer annotation (attestation-storage.md "Attestation Manifest"). */
const PREDICATE_TYPE_ANNOTATION = 'in-toto.io/predicate-type';
/** What cosign puts on DSSE attestation layers (cosign cmd/cosign/cli/attest/attest.go). */
const COSIGN_PREDICATE_ANNOTATION = 'predicateType';
/** Sigstore bundle manifest annotations (cosign specs/BUNDLE_SPEC.md "Annotations"). */
const BUNDLE_PREDICATE_ANNOTATION = 'dev.sigstore.bundle.predicateType';
const BUNDLE_CONTENT_ANNOTATION = 'dev.sigstore.bundle.content';
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
    if (artifactType?.trim() && !artifact_types/* GENERIC_CONFIG_TYPES */.Rd.has((0,manifest/* stripParameters */.B_)(artifactType))) {
        return artifactType.trim();
    }
    if (configType && !artifact_types/* GENERIC_CONFIG_TYPES */.Rd.has((0,manifest/* stripParameters */.B_)(configType)))
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
    const rule = (0,artifact_types/* ruleFor */.sG)(type);
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
    const base = (0,manifest/* stripParameters */.B_)(layer.mediaType);
    return artifact_types/* IN_TOTO_LAYER_TYPES */.dD.has(base) || (0,artifact_types/* isSigstoreBundleType */.Zf)(base);
}
/**
 * Classifies one statement layer of an attestation manifest (BuildKit's, or an in-toto/DSSE
 * referrer's). A predicate annotation decides; without one the answer is `needs: 'blob'` with
 * that layer.
 */
function classifyLayer(layer, format, signed) {
    const base = (0,manifest/* stripParameters */.B_)(layer.mediaType);
    const own = (0,artifact_types/* ruleFor */.sG)(layer.mediaType);
    const rule = {
        kind: 'attestation',
        // An in-toto artifact's DSSE or bundle layers are better named by what wraps them.
        format: format === 'in-toto' && own ? own.format : format,
        name: own?.name ?? 'attestation',
        signed: signed || base === artifact_types/* AttachedMediaTypes */.oh.dsse || (0,artifact_types/* isSigstoreBundleType */.Zf)(base)
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
    const rule = type ? (0,artifact_types/* ruleFor */.sG)(type) : undefined;
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
        const layerRule = (0,artifact_types/* ruleFor */.sG)(layer.mediaType);
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
