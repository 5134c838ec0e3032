export const id = 856;
export const ids = [856];
export const modules = {

/***/ 57856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TunnelAgent: () => (/* binding */ TunnelAgent),
/* harmony export */   proxyAuthorization: () => (/* binding */ proxyAuthorization),
/* harmony export */   proxyFor: () => (/* binding */ proxyFor)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(19783);
/* harmony import */ var _model_proxy_url_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(12913);
/* harmony import */ var _failures_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(79245);
/* harmony import */ var _rules_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(46863);








/**
 * Proxy support for self-hosted runners, as Docker (Go's net/http) has it: the toolkit's
 * reading of `https_proxy`, `http_proxy` and `no_proxy` (loopback always goes direct), HTTPS
 * through a CONNECT tunnel kept alive like any connection, with the same certificate rules as
 * without a proxy, and plain HTTP as absolute-URI requests to the proxy (which is what
 * proxies that only tunnel to port 443 still take). Loaded only by runs whose environment
 * names a proxy.
 */
/** The proxy a request to `url` must go through, if any, read from the environment. */
function proxyFor(url) {
    return (0,_actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_4__.getProxyUrl)(url);
}
/** `Proxy-Authorization` for a proxy URL that carries a user or password (percent-decoded). */
function proxyAuthorization(proxy) {
    return (0,_model_proxy_url_js__WEBPACK_IMPORTED_MODULE_6__/* .proxyCredentials */ .FF)(proxy)?.authorization;
}
/** A request to the proxy itself, over TLS when its URL says https. */
function toProxy(proxy, options) {
    const send = proxy.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_1__.request : node_http__WEBPACK_IMPORTED_MODULE_0__.request;
    return send({
        ...options,
        host: (0,_rules_js__WEBPACK_IMPORTED_MODULE_7__/* .socketHost */ .ez)(proxy.hostname),
        port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80)
    });
}
/**
 * An HTTPS agent whose connections are TLS inside a CONNECT tunnel. It pools like any agent,
 * so one tunnel carries many requests, and verifies certificates as its options say. A
 * connection is handed over only once its handshake completes, so a failed handshake is the
 * request's error before it has a socket, as without a proxy.
 */
class TunnelAgent extends node_https__WEBPACK_IMPORTED_MODULE_1__.Agent {
    proxy;
    connecting = new Set();
    constructor(proxy, options) {
        super(options);
        this.proxy = proxy;
    }
    createConnection(options, callback) {
        const done = callback;
        const host = String(options.host);
        const target = `${(0,node_net__WEBPACK_IMPORTED_MODULE_2__.isIPv6)(host) ? `[${host}]` : host}:${options.port ?? 443}`;
        const auth = proxyAuthorization(this.proxy);
        const connect = toProxy(this.proxy, {
            method: 'CONNECT',
            path: target,
            headers: { host: target, ...(auth ? { 'proxy-authorization': auth } : {}) },
            agent: false
        });
        this.connecting.add(connect);
        connect.once('error', e => {
            this.connecting.delete(connect);
            done(new _failures_js__WEBPACK_IMPORTED_MODULE_5__/* .ProxyUnreachable */ .Lo(this.proxy, e));
        });
        connect.once('connect', (res, socket, head) => {
            this.connecting.delete(connect);
            if (res.statusCode !== 200) {
                socket.destroy();
                done(new _failures_js__WEBPACK_IMPORTED_MODULE_5__/* .ProxyRefused */ .di(this.proxy, target, res.statusCode ?? 0));
                return;
            }
            if (head.length > 0)
                socket.unshift(head);
            // servername, rejectUnauthorized and the rest come from the agent and the request.
            const secure = (0,node_tls__WEBPACK_IMPORTED_MODULE_3__.connect)({ ...options, socket });
            const failed = (e) => {
                socket.destroy();
                done(e);
            };
            secure.once('error', failed);
            secure.once('secureConnect', () => {
                secure.off('error', failed);
                done(null, secure);
            });
        });
        connect.end();
        return undefined;
    }
    /** Closes pooled tunnels and abandons those still being opened (a proxy that hangs). */
    destroy() {
        for (const connect of this.connecting)
            connect.destroy();
        this.connecting.clear();
        super.destroy();
    }
}


/***/ })

};
