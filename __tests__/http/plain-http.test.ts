import { readFile } from 'node:fs/promises'
import { type Server, createServer } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import { HttpClient } from '../../src/http/client.js'
import { isLoopbackHost } from '../../src/http/rules.js'
import { selfSignedCertificate } from '../integration/harness/tls.js'

async function serve(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return server
}
const portOf = (s: Server): number => (s.address() as AddressInfo).port
const close = (s: Server): Promise<void> =>
  new Promise(resolve => {
    s.closeAllConnections()
    s.close(() => resolve())
  })

describe('the HTTP client', () => {
  let target: Server
  let hits = 0
  let redirector: Server
  beforeAll(async () => {
    target = await serve((_req, res) => {
      hits++
      res.end('ok')
    })
    // Its own name is not loopback by the rules, yet resolves here (see the control below).
    const elsewhere = `http://${os.hostname()}:${portOf(target)}/blob`
    redirector = await serve((_req, res) => {
      res.writeHead(302, { location: elsewhere }).end()
    })
  })
  afterAll(async () => {
    await close(target)
    await close(redirector)
  })

  test('refuses a plain-HTTP redirect to a host not allowed plain HTTP, sending nothing there', async () => {
    hits = 0
    const http = new HttpClient({ timeoutMs: 2000, concurrency: 1 })
    const request = {
      method: 'GET' as const,
      url: `http://127.0.0.1:${portOf(redirector)}/v2/a/blobs/x`,
      maxBytes: 100,
      followRedirects: true
    }
    const refused = http.send({ ...request, plainHttp: isLoopbackHost })
    await expect(refused).rejects.toMatchObject({ code: 'PLAIN_HTTP_REFUSED' })
    await expect(refused).rejects.toThrow(
      /over plain HTTP: only loopback hosts and those in insecure/
    )
    expect(hits).toBe(0)
    // Control: without the rule, the same redirect arrives there.
    const res = await http.send(request)
    expect(res.status).toBe(200)
    expect(hits).toBe(1)
    http.dispose()
  })

  test('a TLS probe to a plain-HTTP peer is a failed connection, not a request', async () => {
    hits = 0
    const http = new HttpClient({ timeoutMs: 2000, concurrency: 1, unverifiedTls: () => true })
    await expect(
      http.send({
        method: 'GET',
        url: `https://127.0.0.1:${portOf(target)}/v2/`,
        maxBytes: 100,
        tlsProbe: true
      })
    ).rejects.toMatchObject({ code: 'TLS_UNAVAILABLE' })
    expect(hits).toBe(0)
    expect(http.totalRequests).toBe(0)
    expect(http.failedTlsProbes.get(`https://127.0.0.1:${portOf(target)}`)).toBe(1)
    http.dispose()
  })

  test('only the first hop probes: a redirect whose TLS fails is an ordinary failure', async () => {
    const cert = await selfSignedCertificate()
    const tls = createTlsServer(
      { cert: await readFile(cert.certificate), key: await readFile(cert.key) },
      (_req, res) => {
        // On to a plain-HTTP peer, over https: its handshake fails.
        res.writeHead(302, { location: `https://127.0.0.1:${portOf(target)}/blob` }).end()
      }
    )
    await new Promise<void>(resolve => tls.listen(0, '127.0.0.1', resolve))
    const http = new HttpClient({
      timeoutMs: 2000,
      concurrency: 1,
      attempts: 1,
      unverifiedTls: () => true
    })
    try {
      const sent = http.send({
        method: 'GET',
        url: `https://127.0.0.1:${portOf(tls)}/v2/a/blobs/x`,
        maxBytes: 100,
        followRedirects: true,
        tlsProbe: true
      })
      await expect(sent).rejects.toThrow(/did not answer over HTTPS/)
      await expect(sent).rejects.not.toMatchObject({ code: 'TLS_UNAVAILABLE' })
      expect(http.failedTlsProbes.size).toBe(0)
      expect(http.totalRequests).toBe(2)
    } finally {
      http.dispose()
      tls.closeAllConnections()
      await new Promise(resolve => tls.close(resolve))
      await cert.stop()
    }
  })
})
