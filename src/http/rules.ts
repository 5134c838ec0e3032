/**
 * Rules about hosts and sizes that every remote shares: which hosts may be reached over plain
 * HTTP, how an origin is named, and how much of each kind of answer is read at most. Pure.
 */

/** containerd's manifest read limit; distribution refuses to store larger ones anyway. */
export const MANIFEST_CAP = 4 * 1024 * 1024
/** Image configs are small JSON; the same bound as manifests. */
export const CONFIG_CAP = 4 * 1024 * 1024
/** Registry error bodies are small JSON; more than this is noise (or hostile). */
export const ERROR_BODY_CAP = 64 * 1024
/** Token answers are a JWT or two in JSON. */
export const TOKEN_BODY_CAP = 64 * 1024
/** A Docker Engine's /distribution answer: one descriptor and a platform list. */
export const DAEMON_BODY_CAP = 1024 * 1024
/** Alibaba Cloud's API answers one manifest wrapped in JSON. */
export const ALIYUN_BODY_CAP = 4 * 1024 * 1024

/** `[::1]:5000` → `[::1]`, `host:5000` → `host`. */
function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
}

/** A URL's hostname as sockets want it: IPv6 literals without their brackets. */
export function socketHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '')
}

/** Loopback hosts may always be plain http, as in Docker (registry/config.go). */
export function isLoopbackHost(host: string): boolean {
  const name = hostName(host).toLowerCase()
  return (
    name === 'localhost' ||
    name === '[::1]' ||
    name === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  )
}

/** `scheme://host:port`, the unit credentials and concurrency belong to (RFC 6454). */
export function originOf(url: string): string {
  const u = new URL(url)
  const port = u.port || (u.protocol === 'https:' ? '443' : '80')
  return `${u.protocol}//${u.hostname}:${port}`
}
