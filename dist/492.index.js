export const id = 492;
export const ids = [492];
export const modules = {

/***/ 35492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lacksReferrersApi: () => (/* binding */ lacksReferrersApi),
/* harmony export */   parseFiltersApplied: () => (/* binding */ parseFiltersApplied),
/* harmony export */   parseNextLink: () => (/* binding */ parseNextLink),
/* harmony export */   parseReferrers: () => (/* binding */ parseReferrers),
/* harmony export */   referrersPath: () => (/* binding */ referrersPath),
/* harmony export */   referrersTag: () => (/* binding */ referrersTag)
/* harmony export */ });
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87206);
/* harmony import */ var _model_manifest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89452);
/* harmony import */ var _model_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86676);



const GENERIC_TYPES = new Set(['', 'application/json', 'text/plain', 'application/octet-stream']);
/** A registry with the API answers every valid request with 200 (spec.md "Listing Referrers"). */
const REFERRERS_MISSING_STATUS = 404;
/**
 * `/v2/<name>/referrers/<digest>`, with `?artifactType=` when filtering (end-12a, end-12b).
 * Validates the digest, since a registry answers 400 to a malformed one.
 */
function referrersPath(repository, digest, artifactType) {
    const problem = (0,_model_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .digestProblem */ .WQ)(digest);
    if (problem)
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', `referrers subject: ${problem}`);
    const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '';
    return `/v2/${repository}/referrers/${digest}${query}`;
}
/**
 * The tag of the referrers tag schema for a subject digest: the algorithm truncated to 32
 * characters, `-`, the encoded part truncated to 64, with characters a tag cannot hold replaced by
 * `-` (spec.md "Referrers Tag Schema"). So `sha256:<hex>` → `sha256-<hex>`, and `sha512:<hex>` →
 * `sha512-` and the first 64 hex digits. Only digests OCI registers (sha256, sha512) are accepted.
 */
function referrersTag(digest) {
    const problem = (0,_model_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .digestProblem */ .WQ)(digest);
    if (problem)
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-input', `referrers tag: ${problem}`);
    const colon = digest.indexOf(':');
    const algorithm = digest.slice(0, colon).slice(0, 32);
    const encoded = digest.slice(colon + 1).slice(0, 64);
    return `${algorithm}-${encoded}`.replace(/[^a-zA-Z0-9._-]/g, '-');
}
/** The filter names in `OCI-Filters-Applied` (a comma-separated list, spec.md). */
function parseFiltersApplied(header) {
    return (header ?? '')
        .split(',')
        .map(s => s.trim())
        .filter(Boolean);
}
/**
 * The `rel="next"` target of a `Link` header (RFC 8288), as written: often relative, so resolve
 * it against the request URL. Null when there is no next page. A scan rather than one regex
 * over the header: the registry writes it, and a regex would retry from every `<` that has no
 * `>`, quadratic in the header; each link's `<…>` and parameters are read once here.
 */
function parseNextLink(header) {
    if (!header)
        return null;
    let open = header.indexOf('<');
    while (open !== -1) {
        const close = header.indexOf('>', open + 1);
        if (close === -1)
            return null;
        const next = header.indexOf('<', close + 1);
        const params = header.slice(close + 1, next === -1 ? undefined : next);
        const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
        const values = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
        if (values.includes('next'))
            return header.slice(open + 1, close);
        open = next;
    }
    return null;
}
/**
 * Reads a referrers answer, or the index a referrers tag holds: an OCI image index whose
 * descriptors carry `artifactType` and the referrers' annotations. Each entry is classified; an
 * entry that is not a valid descriptor is skipped with a note, duplicates (by digest) are listed
 * once, and when an `artifactType` filter was asked for but `OCI-Filters-Applied` does not say it
 * was applied, the filter is applied here (the registry SHOULD, not MUST, support it). A body that
 * is not an OCI index is an `invalid-manifest` error; for the tag fallback the spec says to take
 * that as "no referrers" (spec.md "Listing Referrers", last paragraph), which is the caller's call.
 */
function parseReferrers(body, opts) {
    const fail = (problem) => new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestGateError */ .ic('invalid-manifest', `${opts.where}: ${problem}`);
    const header = (0,_model_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .stripParameters */ .B_)(opts.contentType);
    if (!GENERIC_TYPES.has(header) && header !== _model_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaTypes */ .mI.ociIndex) {
        throw fail(`served as '${header}', expected an image index (${_model_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaTypes */ .mI.ociIndex})`);
    }
    let json;
    try {
        json = JSON.parse(Buffer.from(body).toString('utf8'));
    }
    catch (e) {
        throw fail(`answer is not valid JSON (${e.message})`);
    }
    if (!(0,_model_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(json))
        throw fail('answer is not a JSON object');
    if (json.mediaType !== undefined && json.mediaType !== _model_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaTypes */ .mI.ociIndex) {
        throw fail(`mediaType is ${JSON.stringify(json.mediaType)}, expected '${_model_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaTypes */ .mI.ociIndex}'`);
    }
    if (json.schemaVersion !== 2) {
        throw fail(`schemaVersion must be 2, got ${JSON.stringify(json.schemaVersion ?? null)}`);
    }
    if (!Array.isArray(json.manifests))
        throw fail('has no manifests array');
    const filter = opts.artifactType;
    const filterHere = filter !== undefined &&
        !parseFiltersApplied(opts.filtersApplied).some(f => f.toLowerCase() === 'artifacttype');
    const notes = [];
    if (filterHere) {
        notes.push(`${opts.where}: the registry did not apply the artifactType filter; applied here`);
    }
    const seen = new Set();
    const referrers = [];
    json.manifests.forEach((entry, i) => {
        let d;
        try {
            d = (0,_model_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDescriptor */ .BA)(entry, `manifests[${i}]`);
        }
        catch (e) {
            notes.push(`${opts.where}: skipped ${e.message}`);
            return;
        }
        if (seen.has(d.digest)) {
            notes.push(`${opts.where}: ${d.digest} is listed more than once; counted once`);
            return;
        }
        seen.add(d.digest);
        if (filterHere && d.artifactType !== filter)
            return;
        referrers.push(d);
    });
    return { referrers, notes };
}
/**
 * Whether an answer to the referrers path means "this registry has no referrers API", so the
 * tag schema is next: a 404 and nothing else (spec.md "Unavailable Referrers API"; a registry
 * with the API MUST NOT answer 404). distribution 2.8 answers a plain-text `404 page not found`.
 */
function lacksReferrersApi(status) {
    return status === REFERRERS_MISSING_STATUS;
}


/***/ })

};
