import { Agent as HttpAgent, type RequestOptions } from 'node:http'
import type { Agent as HttpsAgent } from 'node:https'
import { proxyCredentials } from '../model/proxy-url.js'
import { socketHost } from './rules.js'

/**
 * How each request reaches its peer: the kept-alive agents (plain, TLS verified or not, TLS
 * through a proxy's tunnel) and, for plain HTTP behind a proxy, the proxy it is sent to.
 * Owns every socket the client opens, so one dispose() closes them all.
 */

/** How one request travels: its agent, and the forward proxy a plain-HTTP request goes to. */
export interface Route {
  agent: HttpAgent | HttpsAgent
  /** The forward proxy a plain-HTTP request is sent to, and its Proxy-Authorization. */
  via?: { url: URL; authorization?: string }
}

export interface RoutesOptions {
  /** Sockets per agent at most. */
  maxSockets: number
  /** Hosts whose certificates are not verified (loopback, insecure-registries). */
  unverifiedTls?: (host: string) => boolean
  /** Called with the proxy URL's password and Proxy-Authorization before either is used. */
  onSecret?: (secret: string) => void
}

export type ConnectionOptions = Pick<
  RequestOptions,
  'protocol' | 'hostname' | 'port' | 'socketPath' | 'path'
> & { headers: Record<string, string> }

/**
 * Where a request's bytes go: the Docker Engine's socket, the target itself (directly or
 * through the tunnel its agent opens), or a forward proxy asked for the absolute URI.
 */
export function connectionOptions(url: URL, route: Route, socketPath?: string): ConnectionOptions {
  const path = `${url.pathname}${url.search}`
  if (socketPath) return { protocol: 'http:', socketPath, path, headers: {} }
  const { via } = route
  if (!via)
    return {
      protocol: url.protocol,
      hostname: socketHost(url.hostname),
      port: url.port || undefined,
      path,
      headers: {}
    }
  return {
    protocol: via.url.protocol,
    hostname: socketHost(via.url.hostname),
    port: via.url.port || (via.url.protocol === 'https:' ? 443 : 80),
    path: `${url.protocol}//${url.host}${path}`,
    headers: {
      host: url.host,
      ...(via.authorization ? { 'proxy-authorization': via.authorization } : {})
    }
  }
}

export class Routes {
  private readonly plainAgent: HttpAgent
  private tlsAgent?: Promise<HttpsAgent>
  private unverifiedTlsAgent?: Promise<HttpsAgent>
  /** Tunnels through a proxy, by origin (each with its own certificate rule). */
  private readonly tunnels = new Map<string, HttpsAgent>()
  private readonly maskedProxies = new Set<string>()
  private proxy?: Promise<typeof import('./proxy.js')>

  constructor(private readonly options: RoutesOptions) {
    this.plainAgent = new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets })
  }

  /** Closes kept-alive sockets (and tunnels being opened) so the process can exit promptly. */
  dispose(): void {
    this.plainAgent.destroy()
    void this.tlsAgent?.then(a => a.destroy())
    void this.unverifiedTlsAgent?.then(a => a.destroy())
    for (const agent of this.tunnels.values()) agent.destroy()
  }

  /** How a request to `url` goes, read from the environment's proxy settings each time. */
  async route(url: URL, socketPath?: string): Promise<Route> {
    if (socketPath) return { agent: this.plainAgent }
    const env = process.env
    if (env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY) {
      // Only runs behind a proxy load the proxy support.
      this.proxy ??= import('./proxy.js')
      const proxy = await this.proxy
      const via = proxy.proxyFor(url)
      if (via) {
        const credentials = proxyCredentials(via)
        this.maskProxyCredentials(via, credentials?.secrets ?? [])
        // Plain HTTP goes to the proxy itself, as an absolute-URI request (as Docker does).
        if (url.protocol !== 'https:') {
          const agent = via.protocol === 'https:' ? await this.tls(false) : this.plainAgent
          return { agent, via: { url: via, authorization: credentials?.authorization } }
        }
        const key = `${url.protocol}//${url.host}`
        let agent = this.tunnels.get(key)
        if (!agent) {
          agent = new proxy.TunnelAgent(via, {
            keepAlive: true,
            maxSockets: this.options.maxSockets,
            rejectUnauthorized: !this.options.unverifiedTls?.(url.host)
          })
          this.tunnels.set(key, agent)
        }
        return { agent }
      }
    }
    if (url.protocol !== 'https:') return { agent: this.plainAgent }
    return { agent: await this.tls(this.options.unverifiedTls?.(url.host) === true) }
  }

  /** The kept-alive TLS agent, verifying certificates or not (loopback, insecure-registries). */
  private tls(unverified: boolean): Promise<HttpsAgent> {
    const { maxSockets } = this.options
    if (unverified) {
      this.unverifiedTlsAgent ??= import('node:https').then(
        https => new https.Agent({ keepAlive: true, maxSockets, rejectUnauthorized: false })
      )
      return this.unverifiedTlsAgent
    }
    this.tlsAgent ??= import('node:https').then(
      https => new https.Agent({ keepAlive: true, maxSockets })
    )
    return this.tlsAgent
  }

  /** A proxy URL's password, and the header made of it, are secrets like any credential. */
  private maskProxyCredentials(proxy: URL, secrets: string[]): void {
    if (this.maskedProxies.has(proxy.href)) return
    this.maskedProxies.add(proxy.href)
    for (const secret of secrets) this.options.onSecret?.(secret)
  }
}
