import { DigestGateError } from '../model/errors.js'
import type { HttpRequest } from './types.js'

/** Refuses a plain-HTTP hop to a host the request does not allow plain HTTP. */
export function refusePlainHttp(req: HttpRequest, url: string): void {
  if (!req.plainHttp || req.socketPath) return
  const target = new URL(url)
  if (target.protocol === 'https:' || req.plainHttp(target.host)) return
  throw new DigestGateError(
    'network',
    `refused to send a request to ${target.host} over plain HTTP: only loopback hosts and those in insecure-registries may be reached without TLS`,
    { registry: target.host, code: 'PLAIN_HTTP_REFUSED' }
  )
}
