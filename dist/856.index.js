export const id = 856;
export const ids = [856];
export const modules = {

/***/ 57856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   proxyAgent: () => (/* binding */ proxyAgent),
/* harmony export */   proxyFor: () => (/* binding */ proxyFor)
/* harmony export */ });
/* harmony import */ var _actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19783);

/**
 * Proxy support for self-hosted runners, from the toolkit: its reading of `https_proxy`,
 * `http_proxy` and `no_proxy` (loopback always bypasses), and its tunnelling agent. Loaded
 * only by runs whose environment names a proxy.
 */
/** The proxy a request to `url` must go through, if any, read from the environment. */
function proxyFor(url) {
    return (0,_actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_0__/* .getProxyUrl */ .s)(url);
}
/** A kept-alive agent that tunnels to `url`'s origin through the proxy the environment names. */
async function proxyAgent(url, maxSockets) {
    const { HttpClient } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 22779));
    const client = new HttpClient('digest-gate', [], { keepAlive: true, maxSockets });
    return client.getAgent(url.toString());
}


/***/ })

};
