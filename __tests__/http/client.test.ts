/**
 * src/http/client.ts against real local servers: node:http on 127.0.0.1 and [::1], a Unix
 * socket, and one HTTPS server with a throwaway certificate. Retry waits go through an injected
 * `sleep` that records them, so nothing here waits for real beyond a few tens of milliseconds.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import { Agent as HttpsAgent, createServer as createHttpsServer } from 'node:https'
import net, { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { DigestGateError } from '../../src/model/errors.js'
import { HttpClient, type HttpOptions, type HttpRequest } from '../../src/http/client.js'
import { ERROR_BODY_CAP } from '../../src/model/limits.js'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

interface Running {
  server: Server
  port: number
  /** `http://host:port` as a URL prefix. */
  base: string
  /** The origin HttpClient counts it under. */
  origin: string
  /** Requests seen, in order. */
  seen: IncomingMessage[]
}

const servers: Server[] = []
const rawServers: net.Server[] = []
const clients: HttpClient[] = []

async function listen(server: Server, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, resolve)
  })
  servers.push(server)
  return (server.address() as AddressInfo).port
}

/** A node:http server on `host` (a literal: 127.0.0.1, ::1 or ::). */
async function serve(handler: Handler, host = '127.0.0.1'): Promise<Running> {
  const seen: IncomingMessage[] = []
  const server = createServer((req, res) => {
    seen.push(req)
    handler(req, res)
  })
  const port = await listen(server, host)
  const name = host.includes(':') ? (host === '::' ? '127.0.0.1' : `[${host}]`) : host
  return { server, port, base: `http://${name}:${port}`, origin: `http://${name}:${port}`, seen }
}

/** A client whose retry waits are recorded, not slept. */
function client(options: Partial<HttpOptions> = {}): { http: HttpClient; sleeps: number[] } {
  const sleeps: number[] = []
  const http = new HttpClient({
    timeoutMs: 2000,
    concurrency: 4,
    sleep: ms => {
      sleeps.push(ms)
      return Promise.resolve()
    },
    ...options
  })
  clients.push(http)
  return { http, sleeps }
}

function get(url: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  return { method: 'GET', url, maxBytes: 1024 * 1024, ...extra }
}

async function failure(p: Promise<unknown>): Promise<DigestGateError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(DigestGateError)
    return e as DigestGateError
  }
  throw new Error('expected the request to fail')
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose()
  await Promise.all(rawServers.splice(0).map(s => new Promise(resolve => s.close(resolve))))
  await Promise.all(
    servers.splice(0).map(
      s =>
        new Promise<void>(resolve => {
          s.closeAllConnections()
          s.close(() => resolve())
        })
    )
  )
})

describe('concurrency per origin', () => {
  test('at most `concurrency` requests in flight to each origin, each independently', async () => {
    let inFlight = 0
    let maxTotal = 0
    const perServer: { now: number; max: number }[] = []
    const held: (() => void)[] = []
    const releaseAll = (): void => {
      for (const r of held.splice(0)) r()
    }
    // Each request is held until six are in flight over both servers, so a global limit of 3
    // (rather than 3 per origin) would show; the timer only stops a broken client from hanging.
    const handler =
      (n: number): Handler =>
      (_req, res) => {
        const mine = perServer[n]
        inFlight++
        mine.now++
        mine.max = Math.max(mine.max, mine.now)
        maxTotal = Math.max(maxTotal, inFlight)
        held.push(() => {
          inFlight--
          mine.now--
          res.end('ok')
        })
        if (inFlight >= 6) releaseAll()
        else setTimeout(releaseAll, 500).unref()
      }
    perServer.push({ now: 0, max: 0 }, { now: 0, max: 0 })
    const [a, b] = await Promise.all([serve(handler(0)), serve(handler(1))])
    const { http } = client({ concurrency: 3 })

    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => http.send(get(`${i % 2 ? b.base : a.base}/r/${i}`)))
    )

    expect(answers.every(r => r.status === 200)).toBe(true)
    expect(perServer.map(s => s.max)).toEqual([3, 3])
    expect(maxTotal).toBe(6)
    expect(http.requestsTo(a.origin)).toBe(12)
    expect(http.requestsTo(b.origin)).toBe(12)
    expect(http.totalRequests).toBe(24)
  })
})

describe('retries', () => {
  /** Answers `statuses` in turn, then 200. */
  function sequence(statuses: [number, Record<string, string>?][]): Handler {
    let i = 0
    return (_req, res) => {
      const [status, headers] = statuses[i++] ?? [200]
      res.writeHead(status, headers).end(status === 200 ? 'fine' : 'busy')
    }
  }

  test('503 with Retry-After (seconds) is retried after exactly that long', async () => {
    const s = await serve(
      sequence([
        [503, { 'retry-after': '2' }],
        [503, { 'retry-after': '1' }]
      ])
    )
    const { http, sleeps } = client()
    const res = await http.send(get(`${s.base}/v2/`))
    expect(res.status).toBe(200)
    expect(res.body.toString()).toBe('fine')
    expect(sleeps).toEqual([2000, 1000])
    expect(http.requestsTo(s.origin)).toBe(3)
  })

  test('Retry-After as an HTTP date', async () => {
    const when = new Date(Date.now() + 5000).toUTCString()
    const s = await serve(sequence([[429, { 'retry-after': when }]]))
    const { http, sleeps } = client()
    expect((await http.send(get(`${s.base}/`))).status).toBe(200)
    expect(sleeps).toHaveLength(1)
    expect(sleeps[0]).toBeGreaterThan(3000)
    expect(sleeps[0]).toBeLessThanOrEqual(5000)
  })

  test('without Retry-After: growing jittered backoff, then the last answer', async () => {
    const s = await serve((_req, res) => res.writeHead(502).end())
    const { http, sleeps } = client()
    const res = await http.send(get(`${s.base}/`))
    expect(res.status).toBe(502)
    expect(http.requestsTo(s.origin)).toBe(4)
    expect(sleeps).toHaveLength(3)
    ;[500, 1000, 2000].forEach((full, i) => {
      expect(sleeps[i]).toBeGreaterThanOrEqual(full / 2)
      expect(sleeps[i]).toBeLessThanOrEqual(full)
    })
  })

  test('a Retry-After longer than we would wait: the answer at once', async () => {
    const s = await serve(sequence([[503, { 'retry-after': '3600' }]]))
    const { http, sleeps } = client()
    expect((await http.send(get(`${s.base}/`))).status).toBe(503)
    expect(sleeps).toEqual([])
    expect(http.requestsTo(s.origin)).toBe(1)
  })

  test.each([
    ['a 404', get, 404, {}],
    ['a POST', (url: string) => ({ ...get(url), method: 'POST' as const, body: 'grant' }), 503, {}],
    ['retryStatuses: false', get, 503, { retryStatuses: false }]
  ])('%s is not retried', async (_name, build, status, extra) => {
    const s = await serve((_req, res) => res.writeHead(status).end())
    const { http, sleeps } = client()
    expect((await http.send({ ...build(`${s.base}/x`), ...extra })).status).toBe(status)
    expect(sleeps).toEqual([])
    expect(http.requestsTo(s.origin)).toBe(1)
  })

  test('a refused connection is retried, then named', async () => {
    const s = await serve((_req, res) => res.end())
    const { port } = s
    await new Promise<void>(resolve => s.server.close(() => resolve()))
    const { http, sleeps } = client()
    const e = await failure(http.send(get(`http://127.0.0.1:${port}/v2/`)))
    expect(e.kind).toBe('network')
    expect(e.code).toBe('ECONNREFUSED')
    expect(e.message).toBe(`cannot reach 127.0.0.1:${port}: ECONNREFUSED`)
    expect(sleeps).toHaveLength(3)
    expect(http.requestsTo(`http://127.0.0.1:${port}`)).toBe(4)
  })
})

describe('kept-alive connections', () => {
  /**
   * A small fake: answers the first request on each connection keep-alive, then drops the
   * connection when the next one arrives, as a peer that closed it while it sat in the pool
   * (tinyproxy closes every connection; servers close idle ones). No real server does this
   * on demand.
   */
  async function closesAfterOne(): Promise<{ port: number; answered: () => number }> {
    let answered = 0
    const server = net.createServer(socket => {
      let served = false
      socket.on('data', (chunk: Buffer) => {
        if (served) return void socket.destroy()
        if (!chunk.includes('\r\n\r\n')) return
        served = true
        answered++
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
      })
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    rawServers.push(server)
    return { port: (server.address() as AddressInfo).port, answered: () => answered }
  }

  test('a pooled connection found closed: sent again on another at once, no retry, no extra count', async () => {
    const peer = await closesAfterOne()
    const { http, sleeps } = client({ attempts: 1 })
    for (let i = 0; i < 3; i++) {
      const res = await http.send(get(`http://127.0.0.1:${peer.port}/v2/`))
      expect(res.body.toString()).toBe('ok')
    }
    expect(peer.answered()).toBe(3)
    expect(sleeps).toEqual([])
    expect(http.requestsTo(`http://127.0.0.1:${peer.port}`)).toBe(3)
  })

  test('a POST is never sent twice: it fails as the connection did', async () => {
    const peer = await closesAfterOne()
    const { http } = client({ attempts: 1 })
    await http.send(get(`http://127.0.0.1:${peer.port}/v2/`))
    const e = await failure(
      http.send({ ...get(`http://127.0.0.1:${peer.port}/token`), method: 'POST', body: 'grant' })
    )
    expect(e.code).toBe('ECONNRESET')
    expect(peer.answered()).toBe(1)
  })
})

describe('body caps', () => {
  const cap = 1000

  test.each([
    ['declared by Content-Length', true],
    ['streamed without a length', false]
  ])('a body over the cap, %s: invalid-manifest TOO_LARGE', async (_name, declared) => {
    const s = await serve((_req, res) => {
      if (declared) res.setHeader('content-length', 1500)
      res.write(Buffer.alloc(600, 'a'))
      res.write(Buffer.alloc(600, 'b'))
      res.end(Buffer.alloc(300, 'c'))
    })
    const { http, sleeps } = client()
    const e = await failure(http.send(get(`${s.base}/v2/app/manifests/1`, { maxBytes: cap })))
    expect(e.kind).toBe('invalid-manifest')
    expect(e.code).toBe('TOO_LARGE')
    expect(e.message).toBe(
      `127.0.0.1:${s.port} sent more than ${cap} bytes for /v2/app/manifests/1; stopped reading`
    )
    expect(sleeps).toEqual([])
  })

  test('a body of exactly the cap is read whole', async () => {
    const s = await serve((_req, res) => res.end(Buffer.alloc(cap, 'x')))
    const { http } = client()
    const res = await http.send(get(`${s.base}/`, { maxBytes: cap }))
    expect(res.body.length).toBe(cap)
  })

  test.each([
    ['declared', true],
    ['streamed', false]
  ])('an error body over its cap (%s) is truncated, not thrown', async (_name, declared) => {
    const size = ERROR_BODY_CAP * 3
    const s = await serve((_req, res) => {
      res.statusCode = 404
      if (declared) res.setHeader('content-length', size)
      res.end(Buffer.alloc(size, 'e'))
    })
    const { http } = client()
    const res = await http.send(get(`${s.base}/`, { maxBytes: 10 }))
    expect(res.status).toBe(404)
    expect(res.body.length).toBe(ERROR_BODY_CAP)
  })
})

describe('redirects', () => {
  test('followed, with the credentials kept on the same origin', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: '/next?x=1' }).end()
      else res.end('arrived')
    })
    const { http } = client()
    const res = await http.send(
      get(`${s.base}/start`, { followRedirects: true, authorization: 'Bearer same' })
    )
    expect(res.status).toBe(200)
    expect(res.body.toString()).toBe('arrived')
    expect(res.url).toBe(`${s.base}/next?x=1`)
    expect(res.hops).toEqual([s.origin, s.origin])
    expect(s.seen.map(r => [r.url, r.headers.authorization])).toEqual([
      ['/start', 'Bearer same'],
      ['/next?x=1', 'Bearer same']
    ])
    expect(http.requestsTo(s.origin)).toBe(2)
  })

  test('to another port: followed without the credentials', async () => {
    const cdn = await serve((_req, res) => res.end('blob'))
    const s = await serve((_req, res) =>
      res.writeHead(307, { location: `${cdn.base}/blob/1` }).end()
    )
    const { http } = client()
    const res = await http.send(
      get(`${s.base}/v2/app/blobs/1`, { followRedirects: true, authorization: 'Bearer secret' })
    )
    expect(res.body.toString()).toBe('blob')
    expect(res.hops).toEqual([s.origin, cdn.origin])
    expect(s.seen[0].headers.authorization).toBe('Bearer secret')
    expect(cdn.seen[0].headers.authorization).toBeUndefined()
    expect(http.requestsTo(cdn.origin)).toBe(1)
  })

  test('to another host on the same port: followed without the credentials', async () => {
    // One dual-stack server answers both 127.0.0.1 and [::1]: the same port, another origin.
    const s = await serve((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: `http://[::1]:${port}/end` }).end()
      else res.end('other host')
    }, '::')
    const { port } = s
    const { http } = client()
    const res = await http.send(
      get(`${s.base}/start`, { followRedirects: true, authorization: 'Bearer secret' })
    )
    expect(res.body.toString()).toBe('other host')
    expect(res.hops).toEqual([`http://127.0.0.1:${port}`, `http://[::1]:${port}`])
    expect(s.seen.map(r => r.headers.authorization)).toEqual(['Bearer secret', undefined])
  })

  test('not followed unless asked', async () => {
    const s = await serve((_req, res) => res.writeHead(302, { location: '/elsewhere' }).end())
    const { http } = client()
    const res = await http.send(get(`${s.base}/`))
    expect(res.status).toBe(302)
    expect(s.seen).toHaveLength(1)
  })

  test('a loop ends with an error', async () => {
    const s = await serve((_req, res) => res.writeHead(302, { location: '/loop' }).end())
    const { http, sleeps } = client({ maxRedirects: 5 })
    const e = await failure(http.send(get(`${s.base}/loop`, { followRedirects: true })))
    expect(e.kind).toBe('network')
    expect(e.message).toBe(`too many redirects (more than 5) starting at ${s.base}/loop`)
    // The first request and five redirects; a loop is not worth another try.
    expect(sleeps).toEqual([])
    expect(http.requestsTo(s.origin)).toBe(6)
  })

  describe('from HTTPS', () => {
    let dir: string
    let key: Buffer
    let cert: Buffer
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dg-tls-'))
      await promisify(execFile)('openssl', [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1'
      ])
      ;[key, cert] = await Promise.all([
        readFile(join(dir, 'key.pem')),
        readFile(join(dir, 'cert.pem'))
      ])
    })
    afterAll(() => rm(dir, { recursive: true, force: true }))

    test('to HTTP is refused', async () => {
      const plain = await serve((_req, res) => res.end('downgraded'))
      const tls = createHttpsServer({ key, cert }, (_req, res) =>
        res.writeHead(302, { location: `${plain.base}/blob` }).end()
      )
      const port = await listen(tls, '127.0.0.1')
      const { http, sleeps } = client()
      // Node trusts only its built-in CAs (NODE_EXTRA_CA_CERTS is read once, at start-up), so
      // this client's TLS agent is given one that trusts the throwaway certificate. The field is
      // private (its routes' tlsAgent); should it be renamed, the handshake fails and so does
      // this test.
      Object.assign((http as unknown as { routes: object }).routes, {
        tlsAgent: Promise.resolve(new HttpsAgent({ ca: cert }))
      })
      const e = await failure(
        http.send(get(`https://127.0.0.1:${port}/blob`, { followRedirects: true }))
      )
      expect(e.kind).toBe('network')
      expect(e.message).toBe(`refused a redirect from HTTPS to http:// (127.0.0.1:${plain.port})`)
      expect(plain.seen).toHaveLength(0)
      // A refusal is final: asking again gets the same redirect.
      expect(sleeps).toEqual([])
      expect(http.requestsTo(`https://127.0.0.1:${port}`)).toBe(1)
    })
  })
})

describe('time limits', () => {
  test('no answer within the timeout: a timeout, retried', async () => {
    const s = await serve(() => undefined)
    const { http, sleeps } = client({ timeoutMs: 30, attempts: 2 })
    const e = await failure(http.send(get(`${s.base}/v2/`)))
    expect(e.kind).toBe('timeout')
    expect(e.message).toBe(`127.0.0.1:${s.port} did not answer within 0.03 s (GET /v2/)`)
    expect(e.registry).toBe(`127.0.0.1:${s.port}`)
    expect(sleeps).toHaveLength(1)
    expect(http.requestsTo(s.origin)).toBe(2)
  })

  test('a body that stalls after the headers is a timeout too', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': 100 })
      res.write('partial')
    })
    const { http } = client({ timeoutMs: 30, attempts: 1 })
    expect((await failure(http.send(get(`${s.base}/`)))).kind).toBe('timeout')
  })

  test('past the deadline nothing is sent', async () => {
    const s = await serve((_req, res) => res.end())
    const { http } = client({ deadline: Date.now() - 1 })
    const e = await failure(http.send(get(`${s.base}/v2/app/manifests/1`)))
    expect(e.kind).toBe('timeout')
    expect(e.message).toBe(
      `gave up on 127.0.0.1:${s.port}: the run's overall time limit was reached before GET /v2/app/manifests/1`
    )
    expect(s.seen).toHaveLength(0)
    expect(http.totalRequests).toBe(0)
  })

  test('the deadline cuts an attempt short, and no retry starts past it', async () => {
    const s = await serve(() => undefined)
    const { http, sleeps } = client({ timeoutMs: 60_000, deadline: Date.now() + 40 })
    const e = await failure(http.send(get(`${s.base}/`)))
    expect(e.kind).toBe('timeout')
    expect(sleeps).toEqual([])
    expect(http.requestsTo(s.origin)).toBe(1)
  })

  test('a Retry-After that would end past the deadline: the answer at once', async () => {
    const s = await serve((_req, res) => res.writeHead(503, { 'retry-after': '5' }).end())
    const { http, sleeps } = client({ deadline: Date.now() + 2000 })
    expect((await http.send(get(`${s.base}/`))).status).toBe(503)
    expect(sleeps).toEqual([])
  })
})

describe('where requests go', () => {
  test('an IPv6 literal: http://[::1]:PORT/', async () => {
    const s = await serve((req, res) => res.end(`host ${req.headers.host}`), '::1')
    const { http } = client()
    const res = await http.send(get(`http://[::1]:${s.port}/v2/`))
    expect(res.status).toBe(200)
    expect(res.body.toString()).toBe(`host [::1]:${s.port}`)
    expect(http.requestsTo(`http://[::1]:${s.port}`)).toBe(1)
  })

  describe('a Unix socket', () => {
    let dir: string
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dg-sock-'))
    })
    afterEach(() => rm(dir, { recursive: true, force: true }))

    test('speaks HTTP over the socket, counted under unix:PATH', async () => {
      const socketPath = join(dir, 'docker.sock')
      const seen: IncomingMessage[] = []
      const server = createServer((req, res) => {
        seen.push(req)
        if (req.url === '/redirect') res.writeHead(302, { location: 'http://127.0.0.1:9/' }).end()
        else res.end('OK')
      })
      await new Promise<void>(resolve => server.listen(socketPath, resolve))
      servers.push(server)
      const { http } = client()

      const ping = await http.send(get('http://docker/_ping', { socketPath }))
      expect(ping.status).toBe(200)
      expect(ping.body.toString()).toBe('OK')
      expect(seen[0].headers.host).toBe('docker')
      // A Location names a host, never the socket: the redirect is answered, not followed.
      const moved = await http.send(
        get('http://docker/redirect', { socketPath, followRedirects: true })
      )
      expect(moved.status).toBe(302)
      expect(http.requestsTo(`unix:${socketPath}`)).toBe(2)
      expect(http.totalRequests).toBe(2)
    })

    test('a missing socket is ENOENT, and not retried', async () => {
      const socketPath = join(dir, 'missing.sock')
      const { http, sleeps } = client()
      const e = await failure(http.send(get('http://docker/_ping', { socketPath })))
      expect(e.kind).toBe('network')
      expect(e.code).toBe('ENOENT')
      expect(e.message).toBe(`cannot reach ${socketPath}: ENOENT`)
      expect(sleeps).toEqual([])
      expect(http.requestsTo(`unix:${socketPath}`)).toBe(1)
    })
  })

  test('requests are counted per origin, retries and redirects included', async () => {
    let calls = 0
    const a = await serve((req, res) => {
      if (req.url === '/busy' && calls++ === 0) res.writeHead(503, { 'retry-after': '0' }).end()
      else if (req.url === '/go') res.writeHead(302, { location: `${b.base}/there` }).end()
      else res.end()
    })
    const b = await serve((_req, res) => res.end())
    const { http } = client()
    await http.send(get(`${a.base}/busy`))
    await http.send(get(`${a.base}/go`, { followRedirects: true }))
    await http.send({ method: 'HEAD', url: `${b.base}/head`, maxBytes: 0 })
    expect(Object.fromEntries(http.counts)).toEqual({ [a.origin]: 3, [b.origin]: 2 })
    expect(http.totalRequests).toBe(5)
    expect(http.requestsTo('http://127.0.0.1:1')).toBe(0)
  })
})
