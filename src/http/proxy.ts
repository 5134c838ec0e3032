import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http'
import { request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, type AgentOptions, request as httpsRequest } from 'node:https'
import { isIPv6, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { type ConnectionOptions, connect as tlsConnect } from 'node:tls'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { proxyCredentials } from '../model/proxy-url.js'
import { ProxyRefused, ProxyUnreachable } from './failures.js'
import { socketHost } from './rules.js'

/**
 * Proxy support for self-hosted runners, as Docker (Go's net/http) has it: the toolkit's
 * reading of `https_proxy`, `http_proxy` and `no_proxy` (loopback always goes direct), HTTPS
 * through a CONNECT tunnel kept alive like any connection, with the same certificate rules as
 * without a proxy, and plain HTTP as absolute-URI requests to the proxy (which is what
 * proxies that only tunnel to port 443 still take). Loaded only by runs whose environment
 * names a proxy.
 */

/** The proxy a request to `url` must go through, if any, read from the environment. */
export function proxyFor(url: URL): URL | undefined {
  return getProxyUrl(url)
}

/** `Proxy-Authorization` for a proxy URL that carries a user or password (percent-decoded). */
export function proxyAuthorization(proxy: URL): string | undefined {
  return proxyCredentials(proxy)?.authorization
}

/** A request to the proxy itself, over TLS when its URL says https. */
function toProxy(proxy: URL, options: RequestOptions): ClientRequest {
  const send = proxy.protocol === 'https:' ? httpsRequest : httpRequest
  return send({
    ...options,
    host: socketHost(proxy.hostname),
    port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80)
  })
}

/**
 * An HTTPS agent whose connections are TLS inside a CONNECT tunnel. It pools like any agent,
 * so one tunnel carries many requests, and verifies certificates as its options say. A
 * connection is handed over only once its handshake completes, so a failed handshake is the
 * request's error before it has a socket, as without a proxy.
 */
export class TunnelAgent extends HttpsAgent {
  private readonly connecting = new Set<ClientRequest>()

  constructor(
    private readonly proxy: URL,
    options: AgentOptions
  ) {
    super(options)
  }

  override createConnection(
    options: Parameters<HttpsAgent['createConnection']>[0],
    callback?: (err: Error | null, stream: Duplex) => void
  ): undefined {
    const done = callback as (err: Error | null, stream?: Duplex) => void
    const host = String(options.host)
    const target = `${isIPv6(host) ? `[${host}]` : host}:${options.port ?? 443}`
    const auth = proxyAuthorization(this.proxy)
    const connect = toProxy(this.proxy, {
      method: 'CONNECT',
      path: target,
      headers: { host: target, ...(auth ? { 'proxy-authorization': auth } : {}) },
      agent: false
    })
    this.connecting.add(connect)
    connect.once('error', e => {
      this.connecting.delete(connect)
      done(new ProxyUnreachable(this.proxy, e))
    })
    connect.once('connect', (res: IncomingMessage, socket: Socket, head: Buffer) => {
      this.connecting.delete(connect)
      if (res.statusCode !== 200) {
        socket.destroy()
        done(new ProxyRefused(this.proxy, target, res.statusCode ?? 0))
        return
      }
      if (head.length > 0) socket.unshift(head)
      // servername, rejectUnauthorized and the rest come from the agent and the request.
      const secure = tlsConnect({ ...options, socket } as ConnectionOptions)
      const failed = (e: Error): void => {
        socket.destroy()
        done(e)
      }
      secure.once('error', failed)
      secure.once('secureConnect', () => {
        secure.off('error', failed)
        done(null, secure)
      })
    })
    connect.end()
    return undefined
  }

  /** Closes pooled tunnels and abandons those still being opened (a proxy that hangs). */
  override destroy(): void {
    for (const connect of this.connecting) connect.destroy()
    this.connecting.clear()
    super.destroy()
  }
}
