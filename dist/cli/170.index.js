export const id = 170;
export const ids = [170];
export const modules = {

/***/ 7170:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CachedSource: () => (/* binding */ CachedSource)
/* harmony export */ });
/* harmony import */ var _model_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5305);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7206);
/* harmony import */ var _model_limits_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(817);
/* harmony import */ var _model_manifest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9452);
/* harmony import */ var _model_reference_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6676);





/**
 * Any Source that serves exact bytes, with a content-addressed cache in front (the `cache`
 * input). By tag: one HEAD for the digest the tag names now, then that digest's bytes from
 * the cache when it holds them; by digest (an index's children, configs): the cache first.
 * Whatever the registry sends is stored once it matches its digest. Nothing read from the
 * cache is trusted: it is checked against its digest here and checked again in resolve.ts, so a
 * tampered cache file is refetched, and can never change a result.
 */
class CachedSource {
    inner;
    store;
    label;
    kind;
    abilities;
    notes;
    headManifest;
    locateBlob;
    explain;
    fetchReferrers;
    constructor(inner, store) {
        this.inner = inner;
        this.store = store;
        if (!inner.abilities.exactBytes)
            throw new Error(`${inner.label} serves no exact bytes to cache`);
        this.label = inner.label;
        this.kind = inner.kind;
        this.abilities = inner.abilities;
        this.notes = inner.notes;
        // detail: digest and verify-blobs want the registry's word now, not a stored one.
        if (inner.headManifest)
            this.headManifest = inner.headManifest.bind(inner);
        if (inner.locateBlob)
            this.locateBlob = inner.locateBlob.bind(inner);
        if (inner.explain)
            this.explain = inner.explain.bind(inner);
        // Referrers change whenever something is attached, so they are always listed anew; the
        // manifests and blobs they name are content-addressed and go through the cache below.
        if (inner.fetchReferrers)
            this.fetchReferrers = inner.fetchReferrers.bind(inner);
    }
    async fetchManifest(repository, reference) {
        const byDigest = !(0,_model_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .digestProblem */ .WQ)(reference);
        let digest = byDigest ? reference : undefined;
        if (!byDigest && this.inner.headManifest) {
            const head = await this.inner.headManifest(repository, reference).catch((e) => {
                // A registry that refuses HEAD as such is asked with GET, as without the cache.
                if ((0,_model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isDigestGateError */ .Ez)(e) && e.status === 405)
                    return undefined;
                throw e;
            });
            if (head?.digest && !(0,_model_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .digestProblem */ .WQ)(head.digest))
                digest = head.digest;
        }
        if (digest) {
            const cached = await this.readManifest(digest);
            if (cached)
                return cached;
        }
        this.store.stats.misses++;
        const answer = await this.inner.fetchManifest(repository, reference);
        if (answer.kind === 'manifest')
            await this.storeManifest(answer, byDigest ? reference : undefined);
        return answer;
    }
    async fetchBlob(repository, digest, maxBytes) {
        if (!this.inner.fetchBlob)
            throw new Error(`${this.label} cannot read blobs`);
        const cached = await this.store.read(digest, Math.min(maxBytes, _model_limits_js__WEBPACK_IMPORTED_MODULE_4__/* .CONFIG_CAP */ .SM));
        if (cached) {
            if ((0,_model_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .computeDigest */ .MK)(cached.bytes, algorithmOf(digest)) === digest) {
                this.store.stats.hits++;
                return cached.bytes;
            }
            await this.store.discard(digest);
        }
        this.store.stats.misses++;
        const bytes = await this.inner.fetchBlob(repository, digest, maxBytes);
        if ((0,_model_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .computeDigest */ .MK)(bytes, algorithmOf(digest)) === digest)
            await this.store.write(digest, bytes);
        return bytes;
    }
    /** A stored manifest that still hashes to its digest and agrees with its stored type. */
    async readManifest(digest) {
        const cached = await this.store.read(digest, _model_limits_js__WEBPACK_IMPORTED_MODULE_4__/* .MANIFEST_CAP */ .FL);
        if (!cached)
            return undefined;
        if (!matches(cached.bytes, digest) || !typeAgrees(cached.bytes, cached.mediaType)) {
            await this.store.discard(digest);
            return undefined;
        }
        this.store.stats.hits++;
        // resolve.ts hashes the bytes again and compares them with this claim.
        return {
            kind: 'manifest',
            body: cached.bytes,
            contentType: cached.mediaType,
            claimedDigest: digest
        };
    }
    /**
     * Stores what the registry sent, under the digest it was asked by, or by tag under the
     * digest of its content when the registry's Docker-Content-Digest (if any) says the same.
     */
    async storeManifest(answer, asked) {
        const claimed = asked ?? answer.claimedDigest;
        let digest;
        try {
            digest = claimed && !(0,_model_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .digestProblem */ .WQ)(claimed) ? claimed : (0,_model_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .manifestDigest */ .It)(answer.body);
            if (!matches(answer.body, digest))
                return;
        }
        catch {
            return;
        }
        await this.store.write(digest, answer.body, (0,_model_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .stripParameters */ .B_)(answer.contentType));
    }
}
function algorithmOf(digest) {
    return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}
function matches(body, digest) {
    try {
        (0,_model_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .verifyManifestDigest */ .bN)(body, digest);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * The stored media type is not covered by the digest, so it must not contradict the body:
 * when the body names its own `mediaType` (Docker types always do), the two must agree.
 */
function typeAgrees(body, stored) {
    let json;
    try {
        json = JSON.parse(Buffer.from(body).toString('utf8'));
    }
    catch {
        return false;
    }
    if (!(0,_model_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .Gv)(json))
        return false;
    const own = json.mediaType;
    return typeof own !== 'string' || stored === '' || (0,_model_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .stripParameters */ .B_)(own) === stored;
}


/***/ })

};
