/**
 * Rules about hosts that every remote shares: which hosts may be reached over plain HTTP and
 * how an origin is named. Pure. (How much of each answer is read at most: model/limits.ts.)
 */

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
