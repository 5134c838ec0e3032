import type { Agent } from 'node:http'
import { getProxyUrl } from '@actions/http-client/lib/proxy'

/**
 * Proxy support for self-hosted runners, from the toolkit: its reading of `https_proxy`,
 * `http_proxy` and `no_proxy` (loopback always bypasses), and its tunnelling agent. Loaded
 * only by runs whose environment names a proxy.
 */

/** The proxy a request to `url` must go through, if any, read from the environment. */
export function proxyFor(url: URL): URL | undefined {
  return getProxyUrl(url)
}

/** A kept-alive agent that tunnels to `url`'s origin through the proxy the environment names. */
export async function proxyAgent(url: URL, maxSockets: number): Promise<Agent> {
  const { HttpClient } = await import('@actions/http-client')
  const client = new HttpClient('digest-gate', [], { keepAlive: true, maxSockets })
  return client.getAgent(url.toString())
}
