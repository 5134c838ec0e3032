export const id = 807;
export const ids = [807];
export const modules = {

/***/ 3807:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BlobStore: () => (/* binding */ BlobStore)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8286);





class BlobStore {
    root;
    stats = { hits: 0, misses: 0, stored: 0, corrupt: 0, writeErrors: 0 };
    made = new Map();
    /** `dir` as the `cache` input gives it; a leading `~` is the home directory, as in actions/cache. */
    constructor(dir) {
        this.root = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)(dir.replace(/^~(?=$|[\\/])/, (0,node_os__WEBPACK_IMPORTED_MODULE_2__.homedir)()));
    }
    /** `blobs/<alg>/<hex>` for a well-formed digest; never a path outside the root. */
    path(kind, digest) {
        if ((0,_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .digestProblem */ .WQ)(digest))
            throw new Error(`not a digest: ${digest}`);
        const [alg, hex] = digest.split(':');
        return (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.root, kind, alg, hex);
    }
    /**
     * The stored bytes of `digest`, if there are any and no more than `maxBytes`; the caller
     * verifies them. Absent files count as nothing here: `miss` and `corrupt` say what followed.
     */
    async read(digest, maxBytes) {
        let bytes;
        try {
            const file = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(this.path('blobs', digest), 'r');
            try {
                const { size } = await file.stat();
                // Larger than anything we would have stored: not ours.
                if (size > maxBytes) {
                    this.stats.corrupt++;
                    return undefined;
                }
                bytes = await file.readFile();
            }
            finally {
                await file.close();
            }
        }
        catch {
            return undefined;
        }
        const mediaType = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(this.path('types', digest), 'utf8').catch(() => '');
        return { bytes, mediaType: mediaType.trim() };
    }
    /** Stores bytes (and a media type) under `digest`, atomically; failures are counted only. */
    async write(digest, bytes, mediaType) {
        try {
            // The type first: a blob never stands without the type it was served with.
            if (mediaType)
                await this.writeAtomic(this.path('types', digest), mediaType);
            await this.writeAtomic(this.path('blobs', digest), bytes);
            this.stats.stored++;
        }
        catch {
            this.stats.writeErrors++;
        }
    }
    /** Drops a file that failed its check, so the next write replaces it. */
    async discard(digest) {
        this.stats.corrupt++;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(this.path('blobs', digest), { force: true }).catch(() => undefined);
    }
    async writeAtomic(path, data) {
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path);
        let made = this.made.get(dir);
        if (!made) {
            made = (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { recursive: true });
            this.made.set(dir, made);
        }
        await made;
        const temp = `${path}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}.tmp`;
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(temp, data);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temp, path);
        }
        catch (e) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(temp, { force: true }).catch(() => undefined);
            throw e;
        }
    }
}


/***/ })

};
