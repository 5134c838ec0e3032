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
/* harmony import */ var _model_reference_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6676);
/* harmony import */ var _fs_regular_file_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5650);






/**
 * The `cache` directory: content-addressed files, as an OCI layout keeps its blobs
 * (image-spec image-layout.md): `blobs/<alg>/<hex>` holds the bytes, `types/<alg>/<hex>` the
 * media type a manifest was served with. Each file is written to a temporary name and renamed,
 * so a run that dies midway leaves no half file under the real name. Nothing is trusted: the
 * caller checks every read against its digest, and a file that fails is counted and replaced.
 * Only regular files are read, opened without blocking (regular-file.ts): actions/cache
 * restores with tar, which can make a FIFO, and a plain open of one waits forever. Anything
 * else at a blob's or a type's name is a miss, counted as corrupt, and replaced when the blob
 * is written again (the rename puts a file in its place).
 */
/** Far above any media type; a bigger types/ file is not one we wrote. */
const MEDIA_TYPE_CAP = 4096;
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
        if ((0,_model_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .digestProblem */ .WQ)(digest))
            throw new Error(`not a digest: ${digest}`);
        const [alg, hex] = digest.split(':');
        return (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.root, kind, alg, hex);
    }
    /**
     * The stored bytes of `digest`, if there are any and no more than `maxBytes`; the caller
     * verifies them. Absent files count as nothing here: `miss` and `corrupt` say what followed.
     */
    async read(digest, maxBytes) {
        const bytes = await this.readFile(this.path('blobs', digest), maxBytes);
        if (!bytes)
            return undefined;
        // A type that is there but unreadable (a FIFO, a directory) poisons the entry: a miss.
        const mediaType = await this.readFile(this.path('types', digest), MEDIA_TYPE_CAP, '');
        if (mediaType === undefined)
            return undefined;
        return { bytes, mediaType: mediaType.toString('utf8').trim() };
    }
    /**
     * A regular file's bytes; `absent` when there is no file (ENOENT), undefined when there is
     * something else or it is over `maxBytes` (counted as corrupt) or cannot be read.
     */
    async readFile(path, maxBytes, absent) {
        try {
            const { file, size } = await (0,_fs_regular_file_js__WEBPACK_IMPORTED_MODULE_5__/* .openRegular */ .lf)(path);
            try {
                // Larger than anything we would have stored: not ours.
                if (size > maxBytes) {
                    this.stats.corrupt++;
                    return undefined;
                }
                return await file.readFile();
            }
            finally {
                await file.close();
            }
        }
        catch (e) {
            if (e instanceof _fs_regular_file_js__WEBPACK_IMPORTED_MODULE_5__/* .NotRegularFileError */ .iZ)
                this.stats.corrupt++;
            const missing = e.code === 'ENOENT';
            return missing && absent !== undefined ? Buffer.from(absent) : undefined;
        }
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
