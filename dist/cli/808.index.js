export const id = 808;
export const ids = [808];
export const modules = {

/***/ 9808:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runCredentialHelper: () => (/* binding */ runCredentialHelper)
/* harmony export */ });
/* unused harmony export credentialHelperProgram */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7206);
/* harmony import */ var _credential_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2439);



/**
 * Docker credential helpers (docker-credential-helpers' protocol): the `get` call, bounded in
 * time and output. Loaded only when config.json names a helper for a registry of the run.
 */
const HELPER_OUTPUT_CAP = 64 * 1024;
/**
 * The executable for a credential helper: `docker-credential-<name>` (docker/cli
 * cli/config/credentials/native_store.go), `docker-credential-<name>.exe` on Windows, which is
 * what Go's exec.LookPath finds there for Docker and how `wincred` and Docker Desktop's `desktop`
 * ship. Naming the `.exe` keeps an extensionless file of that name on PATH (a script meant for
 * WSL or Git Bash) from being picked, and puts the exact file name in messages.
 */
function credentialHelperProgram(helper, platform = process.platform) {
    return `docker-credential-${helper}${platform === 'win32' ? '.exe' : ''}`;
}
/**
 * Runs `docker-credential-<helper> get` as Docker does (docker-credential-helpers client.go):
 * the server URL on stdin without a newline, JSON on stdout. "credentials not found" is not an
 * error; a helper that is missing, fails or hangs is, with a message that names it.
 */
function runCredentialHelper(helper, serverUrl, env, timeoutMs) {
    const program = credentialHelperProgram(helper);
    return new Promise((resolve, reject) => {
        let child;
        try {
            child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(program, ['get'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
        }
        catch (e) {
            reject(new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('unauthorized', `credential helper ${program} could not start: ${e.message}`));
            return;
        }
        let stdout = '';
        let stderr = '';
        let settled = false;
        const finish = (fn) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            fn();
        };
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            // A helper that is a wrapper script leaves its own children holding these pipes after the
            // kill; waiting for their end of file would keep the whole run alive until they exit.
            child.stdin.destroy();
            child.stdout.destroy();
            child.stderr.destroy();
            finish(() => reject(new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('timeout', `credential helper ${program} did not answer within ${timeoutMs / 1000} s for ${serverUrl}`)));
        }, timeoutMs);
        child.stdout.on('data', (d) => {
            if (stdout.length < HELPER_OUTPUT_CAP)
                stdout += d.toString('utf8');
        });
        child.stderr.on('data', (d) => {
            if (stderr.length < HELPER_OUTPUT_CAP)
                stderr += d.toString('utf8');
        });
        child.on('error', (e) => {
            finish(() => reject(new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('unauthorized', e.code === 'ENOENT'
                ? `credential helper ${program} is configured for ${serverUrl} but is not on PATH`
                : `credential helper ${program} failed to start: ${e.message}`)));
        });
        child.on('close', code => {
            finish(() => {
                try {
                    resolve(helperAnswer(program, serverUrl, code, stdout, stderr));
                }
                catch (e) {
                    reject(e instanceof Error ? e : new Error(String(e)));
                }
            });
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(serverUrl);
    });
}
/**
 * What a helper's exit and output mean: a credential, none ("credentials not found", or no
 * secret), or an error that quotes the helper's words, never its stdout on success, which holds
 * the secret.
 */
function helperAnswer(program, serverUrl, code, stdout, stderr) {
    const said = (stdout.trim() || stderr.trim()).split('\n')[0].slice(0, 200);
    if (code !== 0) {
        if (/credentials not found/i.test(said))
            return undefined;
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('unauthorized', `credential helper ${program} failed for ${serverUrl} (exit ${code}): ${said}`);
    }
    let parsed;
    try {
        parsed = JSON.parse(stdout);
    }
    catch {
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DigestGateError */ .ic('unauthorized', `credential helper ${program} answered something that is not JSON for ${serverUrl}`);
    }
    if (typeof parsed.Secret !== 'string' || !parsed.Secret)
        return undefined;
    return (0,_credential_js__WEBPACK_IMPORTED_MODULE_2__/* .fromUserSecret */ .c)(typeof parsed.Username === 'string' ? parsed.Username : '', parsed.Secret, `credential helper ${program}`);
}


/***/ })

};
