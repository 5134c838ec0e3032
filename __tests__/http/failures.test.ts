/**
 * What one failed attempt is told (failures.ts), from real failures: a refused connection, a
 * TLS handshake with a plain-HTTP server, a timeout and a body over its cap.
 */
import { type Server, createServer } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'
import { request as httpRequest } from 'node:http'
import { BodyTooLarge } from '../../src/http/body.js'
import {
  AttemptTimeout,
  ProxyRefused,
  ProxyUnreachable,
  describeFailure,
  errorText
} from '../../src/http/failures.js'
import type { HttpRequest } from '../../src/http/types.js'
import { DigestGateError } from '../../src/model/errors.js'

let plain: Server
let port: number

beforeAll(async () => {
  plain = createServer((_req, res) => res.end('plain'))
  await new Promise<void>(resolve => plain.listen(0, '127.0.0.1', resolve))
  port = (plain.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise(resolve => plain.close(resolve))
})

/** What a real request to `url` threw. */
function thrownBy(url: string): Promise<unknown> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest
  return new Promise(resolve => {
    const req = send(url, { rejectUnauthorized: false }, res => {
      res.resume()
      resolve(undefined)
    })
    req.on('error', resolve)
    req.end()
  })
}

const req = (url: string): HttpRequest => ({ method: 'GET', url, maxBytes: 100 })

test('a refused connection: cannot reach the host, with its code', async () => {
  // A port just closed: nothing listens there.
  const closed = createServer()
  await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
  const closedPort = (closed.address() as AddressInfo).port
  await new Promise(resolve => closed.close(resolve))
  const url = `http://127.0.0.1:${closedPort}/v2/`
  const e = describeFailure(await thrownBy(url), req(url), `127.0.0.1:${closedPort}`, 5000)
  expect(e).toBeInstanceOf(DigestGateError)
  expect((e as DigestGateError).kind).toBe('network')
  expect((e as DigestGateError).message).toBe(`cannot reach 127.0.0.1:${closedPort}: ECONNREFUSED`)
})

test('HTTPS to a plain-HTTP server says to list it in insecure-registries', async () => {
  const url = `https://127.0.0.1:${port}/v2/`
  const e = describeFailure(await thrownBy(url), req(url), `127.0.0.1:${port}`, 5000)
  expect((e as DigestGateError).kind).toBe('network')
  expect((e as DigestGateError).message).toMatch(
    new RegExp(
      `^127\\.0\\.0\\.1:${port} did not answer over HTTPS \\((ERR_SSL_WRONG_VERSION_NUMBER|EPROTO)\\); if it serves plain HTTP only, list it in insecure-registries$`
    )
  )
})

test('a timeout and a body over its cap name the host, the path and the figure', () => {
  const url = 'https://ghcr.io/v2/a/manifests/1'
  const timeout = describeFailure(
    new AttemptTimeout(),
    req(url),
    'ghcr.io',
    2500
  ) as DigestGateError
  expect(timeout.kind).toBe('timeout')
  expect(timeout.message).toBe('ghcr.io did not answer within 2.5 s (GET /v2/a/manifests/1)')
  const large = describeFailure(new BodyTooLarge(), req(url), 'ghcr.io', 2500) as DigestGateError
  expect(large.kind).toBe('invalid-manifest')
  expect(large.code).toBe('TOO_LARGE')
  expect(large.message).toBe(
    'ghcr.io sent more than 100 bytes for /v2/a/manifests/1; stopped reading'
  )
})

test('a typed error passes as it is; anything else thrown keeps its text', () => {
  const typed = new DigestGateError('denied', 'no')
  expect(describeFailure(typed, req('http://x/'), 'x', 1)).toBe(typed)
  expect(errorText(new Error('boom'))).toBe('boom')
  expect(errorText('plain')).toBe('plain')
})

describe("a proxy's refusal", () => {
  const target = 'registry.example:5000'
  const describe407 = (proxy: string, status = 407): DigestGateError =>
    describeFailure(
      new ProxyRefused(new URL(proxy), target, status),
      req(`https://${target}/v2/`),
      target,
      1000
    ) as DigestGateError

  test('credentials wanted: what to put where, final', () => {
    const e = describe407('http://proxy.corp:3128')
    expect(e.code).toBe('PROXY_AUTH_REQUIRED')
    expect(e.message).toBe(
      `the proxy proxy.corp:3128 asked for credentials to reach ${target} (407 Proxy Authentication Required); give them in the proxy URL (http://user:password@proxy.corp:3128) in HTTPS_PROXY or HTTP_PROXY`
    )
  })

  test('credentials refused (407, or 401 from tinyproxy): named, never quoted', () => {
    for (const status of [407, 401]) {
      const e = describe407('http://alice:Sup3r-secret@proxy.corp', status)
      expect(e.code).toBe('PROXY_AUTH_REQUIRED')
      expect(e.message).toMatch(
        /^the proxy proxy\.corp:80 refused the user and password in its URL to reach registry\.example:5000 \(40[17] /
      )
      expect(e.message).not.toMatch(/alice|Sup3r/)
    }
  })

  test('a 403: what to allow; anything else: the proxy could not reach the host', () => {
    expect(describe407('https://proxy.corp', 403)).toMatchObject({
      code: 'PROXY_REFUSED',
      message: `the proxy proxy.corp:443 refused to open a tunnel to ${target} (403 Forbidden); allow that host and port in the proxy, or list the host in NO_PROXY`
    })
    expect(describe407('http://proxy.corp:3128', 502)).toMatchObject({
      code: 'PROXY_TUNNEL_FAILED',
      message: `the proxy proxy.corp:3128 could not reach ${target} (502 Bad Gateway)`
    })
  })
})

test('a proxy that cannot be reached, or whose certificate is refused: the proxy is named', () => {
  const unreachable = (code: string): DigestGateError =>
    describeFailure(
      new ProxyUnreachable(
        new URL('https://u:Sup3r@proxy.corp:8443'),
        Object.assign(new Error(`boom ${code}`), { code })
      ),
      req('https://r.example/v2/'),
      'r.example',
      1000
    ) as DigestGateError
  expect(unreachable('ECONNREFUSED')).toMatchObject({
    code: 'ECONNREFUSED',
    message:
      'cannot reach the proxy proxy.corp:8443 (for r.example): ECONNREFUSED; check HTTPS_PROXY and HTTP_PROXY'
  })
  expect(unreachable('SELF_SIGNED_CERT_IN_CHAIN')).toMatchObject({
    code: 'SELF_SIGNED_CERT_IN_CHAIN',
    message:
      "the proxy proxy.corp:8443's TLS certificate was refused (SELF_SIGNED_CERT_IN_CHAIN) on the way to r.example; give Node its CA with NODE_EXTRA_CA_CERTS"
  })
})
