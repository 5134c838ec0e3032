export const id = 892;
export const ids = [892];
export const modules = {

/***/ 1892:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TunnelAgent: () => (/* binding */ TunnelAgent),
  proxyAuthorization: () => (/* binding */ proxyAuthorization),
  proxyFor: () => (/* binding */ proxyFor)
});

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(1792);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./src/model/proxy-url.ts
var proxy_url = __webpack_require__(2913);
// EXTERNAL MODULE: ./src/http/failures.ts
var failures = __webpack_require__(9245);
// EXTERNAL MODULE: ./src/http/rules.ts
var rules = __webpack_require__(6863);
;// CONCATENATED MODULE: ./src/http/proxy.ts








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
    return getProxyUrl(url);
}
/** `Proxy-Authorization` for a proxy URL that carries a user or password (percent-decoded). */
function proxyAuthorization(proxy) {
    return (0,proxy_url/* proxyCredentials */.FF)(proxy)?.authorization;
}
/** A request to the proxy itself, over TLS when its URL says https. */
function toProxy(proxy, options) {
    const send = proxy.protocol === 'https:' ? external_node_https_.request : external_node_http_.request;
    return send({
        ...options,
        host: (0,rules/* socketHost */.ez)(proxy.hostname),
        port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80)
    });
}
/**
 * An HTTPS agent whose connections are TLS inside a CONNECT tunnel. It pools like any agent,
 * so one tunnel carries many requests, and verifies certificates as its options say. A
 * connection is handed over only once its handshake completes, so a failed handshake is the
 * request's error before it has a socket, as without a proxy.
 */
class TunnelAgent extends external_node_https_.Agent {
    proxy;
    connecting = new Set();
    constructor(proxy, options) {
        super(options);
        this.proxy = proxy;
    }
    createConnection(options, callback) {
        const done = callback;
        const host = String(options.host);
        const target = `${(0,external_node_net_.isIPv6)(host) ? `[${host}]` : host}:${options.port ?? 443}`;
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
            done(new failures/* ProxyUnreachable */.Lo(this.proxy, e));
        });
        connect.once('connect', (res, socket, head) => {
            this.connecting.delete(connect);
            if (res.statusCode !== 200) {
                socket.destroy();
                done(new failures/* ProxyRefused */.di(this.proxy, target, res.statusCode ?? 0));
                return;
            }
            if (head.length > 0)
                socket.unshift(head);
            // servername, rejectUnauthorized and the rest come from the agent and the request.
            const secure = (0,external_node_tls_.connect)({ ...options, socket });
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
