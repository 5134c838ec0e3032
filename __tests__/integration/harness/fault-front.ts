// A fault-injecting HTTP front for a real registry: everything not matched by a rule is proxied
// verbatim, so reliability and benchmark suites exercise the real distribution behaviour and only
// the failure they ask for is synthetic. Node built-ins only, so the front cannot share a bug with
// the HTTP stack under test.
import { createHmac, randomBytes } from 'node:crypto'
import http from 'node:http'
import type net from 'node:net'
import { pipeline } from 'node:stream'

export type Fault =
  /** Answer `status` for the first `times` matches (Infinity: always), then stop matching. */
  | { kind: 'status'; status: number; times: number; retryAfter?: string; body?: string }
  /** Accept the request and never answer; stop() destroys it. */
  | { kind: 'hang' }
  /** 200 with `bytes` of JSON-ish data, chunked (no Content-Length), streamed with backpressure. */
  | { kind: 'huge'; bytes: number; contentType?: string }
  /** A fixed answer; Content-Length is the body's unless `headers` overrides it. */
  | {
      kind: 'body'
      body: string | Buffer
      contentType?: string
      status?: number
      headers?: Record<string, string>
    }
  /** Proxy, then flip exactly one body byte; status and all headers are kept. */
  | { kind: 'tamper' }
  /** 307 forever, alternating between `?_loop=1` and `?_loop=2` on the same path. */
  | { kind: 'redirect-loop' }
  /** 307 to a presigned-looking URL on a separate CDN server (see startFaultFront). */
  | { kind: 'cdn'; refuseHead?: boolean }
  /** Wait `ms` (on top of opts.latencyMs), then proxy. */
  | { kind: 'latency'; ms: number }

export interface FaultRule {
  /** Case-insensitive; any method when omitted. */
  method?: string
  /** Tested against the pathname only (no query), so anchored patterns survive added params. */
  path: RegExp
  fault: Fault
}

export interface FaultFrontRequest {
  method: string
  /** Path plus query, as received. */
  path: string
  /** 0 while (or if never) answered, e.g. for `hang`. */
  status: number
  authorization?: string
  range?: string
  /** Date.now() when the request arrived. */
  at: number
  /** Body bytes the front has written so far for a `huge` fault: how far the client let it get. */
  bytes?: number
  server: 'front' | 'cdn'
}

export interface FaultFront {
  /** `127.0.0.1:PORT`, i.e. what goes into an image reference. */
  host: string
  url: string
  /** Host of the CDN server used by `cdn` faults: 127.0.0.2 when that can be bound. */
  cdnHost?: string
  /** Arrival order; the same array for the front's lifetime (reset() empties it in place). */
  requests: FaultFrontRequest[]
  /** Replaces the rules and their `times` counters. */
  setRules(rules: FaultRule[]): void
  /** Clears the request log and the per-rule counters; rules and CDN grants stay. */
  reset(): void
  /** Ends hanging and in-flight requests and destroys every socket; idempotent. */
  stop(): Promise<void>
}

export interface FaultFrontOptions {
  /** Added before every proxied request (front and CDN), for benchmarks. */
  latencyMs?: number
  /**
   * Waits out a latency (opts.latencyMs, `latency` faults); a real timer unless injected, as the
   * self-check does to see each wait asked for and to hold the answer until it ends.
   */
  wait?: (ms: number) => Promise<void>
}

// RFC 9110 7.6.1: meaningful for one connection only, so never forwarded either way.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade'
])

// What an object store sends back; registry-specific headers such as Docker-Content-Digest are
// deliberately dropped, as a real CDN would not know them.
const CDN_RESPONSE_HEADERS = [
  'content-length',
  'content-range',
  'content-type',
  'accept-ranges',
  'etag',
  'last-modified',
  'cache-control'
]

/** The request's headers a proxy passes on: none of the hop-by-hop ones (RFC 9110 7.6.1). */
export function forwardable(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const listed = String(headers.connection ?? '')
    .split(',')
    .map(s => s.trim().toLowerCase())
  const out: http.OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.includes(name)) continue
    out[name] = value
  }
  return out
}

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

// The repeated unit looks like an index entry so a client that parses before capping sees
// plausible JSON rather than an immediate syntax error.
const HUGE_PREFIX = Buffer.from(
  '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":['
)
const HUGE_CHUNK = (() => {
  const entry =
    '{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:' +
    '0'.repeat(64) +
    '","size":1024,"platform":{"architecture":"amd64","os":"linux"}},'
  return Buffer.from(entry.repeat(Math.floor((64 * 1024) / entry.length)))
})()

const HEX = '0123456789abcdef'

/**
 * Prefers a hex digit of the first sha256 digest in the body, swapped for another hex digit, so a
 * tampered manifest still parses and only digest verification can notice. Otherwise (binary blobs)
 * the middle byte's low bit is flipped.
 */
function flipOneByte(body: Buffer): Buffer {
  const out = Buffer.from(body)
  if (out.length === 0) return out
  const m = /sha256:[0-9a-f]{64}/.exec(out.toString('latin1'))
  if (m) {
    const i = m.index + 'sha256:'.length + 63
    out[i] = HEX.charCodeAt(HEX.indexOf(String.fromCharCode(out[i])) ^ 1)
  } else {
    out[out.length >> 1] ^= 0x01
  }
  return out
}

function amzDate(d: Date): string {
  // 2024-01-02T03:04:05.678Z -> 20240102T030405Z
  return d.toISOString().replace(/[-:]|\.\d{3}/g, '')
}

function xmlError(code: string, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${message}</Message>` +
    `<RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId></Error>`
  )
}

function registryError(status: number): string {
  const code =
    status === 429
      ? 'TOOMANYREQUESTS'
      : status === 401
        ? 'UNAUTHORIZED'
        : status === 403
          ? 'DENIED'
          : status >= 500
            ? 'UNAVAILABLE'
            : 'UNKNOWN'
  return JSON.stringify({
    errors: [{ code, message: `injected by fault front: HTTP ${status}`, detail: null }]
  })
}

interface Listening {
  server: http.Server
  sockets: Set<net.Socket>
  origin: string
  host: string
}

async function listen(handler: http.RequestListener, addresses: string[]): Promise<Listening> {
  let lastError: unknown
  for (const address of addresses) {
    const server = http.createServer(handler)
    const sockets = new Set<net.Socket>()
    server.on('connection', s => {
      sockets.add(s)
      s.once('close', () => sockets.delete(s))
    })
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(0, address, () => {
          server.off('error', reject)
          resolve()
        })
      })
    } catch (err) {
      // EADDRNOTAVAIL where only 127.0.0.1 is configured (some containers, macOS).
      lastError = err
      continue
    }
    const addr = server.address()
    if (addr === null || typeof addr === 'string') throw new Error('unexpected server address')
    const host = `${address}:${addr.port}`
    return { server, sockets, origin: `http://${host}`, host }
  }
  throw lastError
}

async function shut(l: Listening): Promise<void> {
  await new Promise<void>(resolve => {
    l.server.close(() => resolve())
    l.server.closeAllConnections()
    for (const s of l.sockets) s.destroy()
  })
}

interface Grant {
  cdnPath: string
  upstreamPath: string
  authorization?: string
  refuseHead: boolean
}

/**
 * `cdn` faults: the front first asks the upstream with the client's own request (so 401
 * challenges and 404s pass through untouched) and only redirects a 2xx. The redirect carries a
 * grant, like a presigned URL: the CDN later fetches from the upstream with the Authorization the
 * front saw, while itself refusing any request that carries one. (Real S3 answers 400
 * InvalidArgument to presigned-plus-Authorization; 403 is the stricter, CDN-like choice.)
 */
export async function startFaultFront(
  upstreamUrl: string,
  rules: FaultRule[] = [],
  opts: FaultFrontOptions = {}
): Promise<FaultFront> {
  const upstream = new URL(upstreamUrl)
  if (upstream.protocol !== 'http:') {
    throw new Error(`fault front proxies http only: ${upstreamUrl}`)
  }
  const baseLatency = opts.latencyMs ?? 0

  let active = [...rules]
  let used = new Map<FaultRule, number>()
  const requests: FaultFrontRequest[] = []
  const grants = new Map<string, Grant>()
  const hanging = new Set<http.ServerResponse>()
  const timers = new Set<NodeJS.Timeout>()
  const secret = randomBytes(32)
  let stopping: Promise<void> | undefined
  // keepAlive so benchmark latency is not dominated by connection setup to the upstream.
  const agent = new http.Agent({ keepAlive: true })

  const record = (req: http.IncomingMessage, server: 'front' | 'cdn'): FaultFrontRequest => {
    const entry: FaultFrontRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      status: 0,
      at: Date.now(),
      server
    }
    const authorization = first(req.headers.authorization)
    const range = first(req.headers.range)
    if (authorization !== undefined) entry.authorization = authorization
    if (range !== undefined) entry.range = range
    requests.push(entry)
    return entry
  }

  const send = (
    res: http.ServerResponse,
    entry: FaultFrontRequest,
    status: number,
    headers: http.OutgoingHttpHeaders,
    body: string | Buffer = ''
  ): void => {
    const buf = typeof body === 'string' ? Buffer.from(body) : body
    entry.status = status
    // Node drops the body for HEAD but keeps Content-Length, which is what registries do too.
    res.writeHead(status, { 'content-length': buf.length, ...headers })
    res.end(buf)
  }

  /** Runs fn after ms unless stop() came first or the client went away meanwhile. */
  const after = (ms: number, res: http.ServerResponse, fn: () => void): void => {
    if (ms <= 0) return fn()
    const go = (): void => {
      if (!stopping && !res.destroyed) fn()
    }
    if (opts.wait) return void opts.wait(ms).then(go)
    const t = setTimeout(() => {
      timers.delete(t)
      go()
    }, ms)
    timers.add(t)
  }

  const match = (req: http.IncomingMessage): FaultRule | undefined => {
    const pathname = (req.url ?? '/').split('?')[0]
    for (const rule of active) {
      if (rule.method !== undefined && rule.method.toUpperCase() !== req.method) continue
      // A /g or /y pattern would otherwise alternate between matching and not.
      rule.path.lastIndex = 0
      if (!rule.path.test(pathname)) continue
      if (rule.fault.kind === 'status') {
        const n = used.get(rule) ?? 0
        if (n >= rule.fault.times) continue
        used.set(rule, n + 1)
      }
      return rule
    }
    return undefined
  }

  /**
   * Sends `req` (or the given method/path/headers) upstream. The request body is streamed; the
   * upstream request is destroyed if the client leaves first.
   */
  const toUpstream = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: FaultFrontRequest,
    onResponse: (up: http.IncomingMessage) => void,
    override?: { method: string; path: string; headers: http.OutgoingHttpHeaders }
  ): void => {
    const headers = override?.headers ?? forwardable(req.headers)
    // Host names the upstream, as behind an ordinary reverse proxy; Location is mapped back below.
    headers.host = upstream.host
    const method = override?.method ?? req.method ?? 'GET'
    const bodiless =
      override !== undefined ||
      ((method === 'GET' || method === 'HEAD') &&
        req.headers['content-length'] === undefined &&
        req.headers['transfer-encoding'] === undefined)
    let current: http.ClientRequest | undefined
    res.once('close', () => {
      if (!res.writableFinished) current?.destroy()
    })

    const attempt = (mayRetry: boolean): void => {
      const up = http.request({
        hostname: upstream.hostname,
        port: upstream.port,
        method,
        path: override?.path ?? req.url,
        headers,
        agent
      })
      current = up
      let answered = false
      up.on('response', r => {
        answered = true
        onResponse(r)
      })
      up.on('error', (err: NodeJS.ErrnoException) => {
        // The upstream may close a pooled keep-alive socket just as it is reused; replaying is
        // only safe without a body, and keeps benchmarks from seeing faults nobody injected.
        if (
          mayRetry &&
          !answered &&
          up.reusedSocket &&
          err.code === 'ECONNRESET' &&
          !stopping &&
          !res.destroyed
        ) {
          attempt(false)
          return
        }
        if (res.headersSent || res.destroyed) {
          res.destroy()
          return
        }
        const message = `fault front: upstream ${err.message}`
        send(res, entry, 502, { 'content-type': 'text/plain' }, message)
      })
      if (bodiless) up.end()
      else req.pipe(up)
    }
    if (bodiless && !override) req.resume()
    attempt(bodiless)
  }

  const front = await listen(
    (req, res) => {
      const entry = record(req, 'front')
      const rule = match(req)
      const fault = rule?.fault
      switch (fault?.kind) {
        case undefined:
          return after(baseLatency, res, () => proxy(req, res, entry, false))
        case 'latency':
          return after(baseLatency + fault.ms, res, () => proxy(req, res, entry, false))
        case 'tamper':
          return after(baseLatency, res, () => proxy(req, res, entry, true))
        case 'status': {
          const headers: http.OutgoingHttpHeaders = {
            'content-type': 'application/json',
            'docker-distribution-api-version': 'registry/2.0'
          }
          if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter
          return send(res, entry, fault.status, headers, fault.body ?? registryError(fault.status))
        }
        case 'hang':
          hanging.add(res)
          res.once('close', () => hanging.delete(res))
          return
        case 'huge':
          return huge(req, res, entry, fault.bytes, fault.contentType ?? 'application/json')
        case 'body': {
          const extra: http.OutgoingHttpHeaders = {}
          for (const [k, v] of Object.entries(fault.headers ?? {})) extra[k.toLowerCase()] = v
          return send(
            res,
            entry,
            fault.status ?? 200,
            { 'content-type': fault.contentType ?? 'application/json', ...extra },
            fault.body
          )
        }
        case 'redirect-loop': {
          const next = new URL(req.url ?? '/', front.origin)
          next.searchParams.set('_loop', next.searchParams.get('_loop') === '1' ? '2' : '1')
          return send(res, entry, 307, { location: next.href })
        }
        case 'cdn':
          return after(baseLatency, res, () => redirectToCdn(req, res, entry, !!fault.refuseHead))
      }
    },
    ['127.0.0.1']
  )

  const cdn = await listen((req, res) => serveCdn(req, res), ['127.0.0.2', '127.0.0.1'])

  const mapLocation = (headers: http.OutgoingHttpHeaders): void => {
    const loc = headers.location
    if (typeof loc !== 'string') return
    let u: URL
    try {
      u = new URL(loc)
    } catch {
      return // relative: already resolves against the front
    }
    if (u.origin === upstream.origin) {
      headers.location = front.origin + u.pathname + u.search + u.hash
    }
  }

  function proxy(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: FaultFrontRequest,
    tamper: boolean
  ): void {
    toUpstream(req, res, entry, up => {
      const headers = forwardable(up.headers)
      mapLocation(headers)
      const status = up.statusCode ?? 502
      if (!tamper) {
        entry.status = status
        res.writeHead(status, up.statusMessage, headers)
        pipeline(up, res, () => undefined)
        return
      }
      // Buffered: tamper targets manifests and small blobs, and must see the body to pick a byte.
      const chunks: Buffer[] = []
      up.on('data', (c: Buffer) => chunks.push(c))
      up.on('error', () => res.destroy())
      up.on('end', () => {
        entry.status = status
        res.writeHead(status, up.statusMessage, headers)
        res.end(flipOneByte(Buffer.concat(chunks)))
      })
    })
  }

  function huge(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: FaultFrontRequest,
    bytes: number,
    contentType: string
  ): void {
    entry.status = 200
    // No Content-Length: the client has to cap while reading, not just trust a header.
    res.writeHead(200, {
      'content-type': contentType,
      'docker-distribution-api-version': 'registry/2.0'
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    let left = bytes
    let gone = false
    res.once('close', () => {
      gone = true
    })
    let chunk: Buffer = HUGE_PREFIX
    const pump = (): void => {
      while (!gone && left > 0) {
        const piece = chunk.length > left ? chunk.subarray(0, left) : chunk
        chunk = HUGE_CHUNK
        left -= piece.length
        entry.bytes = (entry.bytes ?? 0) + piece.length
        // Backpressure keeps memory flat; a departed client never drains, so pumping just stops.
        if (!res.write(piece)) {
          res.once('drain', pump)
          return
        }
      }
      if (!gone) res.end()
    }
    pump()
  }

  function redirectToCdn(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: FaultFrontRequest,
    refuseHead: boolean
  ): void {
    toUpstream(req, res, entry, up => {
      const status = up.statusCode ?? 502
      if (status < 200 || status > 299) {
        const headers = forwardable(up.headers)
        mapLocation(headers)
        entry.status = status
        res.writeHead(status, up.statusMessage, headers)
        pipeline(up, res, () => undefined)
        return
      }
      // Only the fact that the upstream would serve it matters; the bytes come from the CDN.
      up.destroy()
      const pathname = (req.url ?? '/').split('?')[0]
      const blob = /\/blobs\/([a-z0-9]+):([a-f0-9]+)$/.exec(pathname)
      const cdnPath = blob
        ? `/docker/registry/v2/blobs/${blob[1]}/${blob[2].slice(0, 2)}/${blob[2]}/data`
        : `/objects${pathname}`
      const now = new Date()
      const signature = createHmac('sha256', secret)
        .update(`${cdnPath}\n${now.getTime()}\n${randomBytes(8).toString('hex')}`)
        .digest('hex')
      grants.set(signature, {
        cdnPath,
        upstreamPath: pathname,
        authorization: first(req.headers.authorization),
        refuseHead
      })
      const query = new URLSearchParams({
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Credential': `DIGESTGATETEST/${amzDate(now).slice(0, 8)}/us-east-1/s3/aws4_request`,
        'X-Amz-Date': amzDate(now),
        'X-Amz-Expires': '1200',
        'X-Amz-SignedHeaders': 'host',
        'X-Amz-Signature': signature
      })
      const location = `${cdn.origin}${cdnPath}?${query.toString()}`
      const body = req.method === 'GET' ? `<a href="${location}">Temporary Redirect</a>.\n` : ''
      send(
        res,
        entry,
        307,
        {
          location,
          'content-type': 'text/html; charset=utf-8',
          'docker-distribution-api-version': 'registry/2.0'
        },
        body
      )
    })
  }

  function serveCdn(req: http.IncomingMessage, res: http.ServerResponse): void {
    const entry = record(req, 'cdn')
    const xml = { 'content-type': 'application/xml' }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, entry, 405, xml, xmlError('MethodNotAllowed', 'Method not allowed'))
    }
    // A client that replays registry credentials to a foreign host is the bug this catches.
    if (req.headers.authorization !== undefined) {
      return send(
        res,
        entry,
        403,
        xml,
        xmlError(
          'AccessDenied',
          'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature ' +
            'query string parameter or the Authorization header should be specified'
        )
      )
    }
    const url = new URL(req.url ?? '/', cdn.origin)
    const grant = grants.get(url.searchParams.get('X-Amz-Signature') ?? '')
    if (!grant || grant.cdnPath !== url.pathname) {
      return send(
        res,
        entry,
        403,
        xml,
        xmlError('SignatureDoesNotMatch', 'The request signature we calculated does not match')
      )
    }
    // S3 answers HEAD errors without a body, and some presigned URLs are GET-only.
    if (req.method === 'HEAD' && grant.refuseHead) return send(res, entry, 403, xml)

    const headers: http.OutgoingHttpHeaders = {}
    if (grant.authorization !== undefined) headers.authorization = grant.authorization
    const range = first(req.headers.range)
    if (range !== undefined) headers.range = range
    after(baseLatency, res, () =>
      toUpstream(
        req,
        res,
        entry,
        up => {
          const out: http.OutgoingHttpHeaders = {}
          for (const name of CDN_RESPONSE_HEADERS) {
            const v = up.headers[name]
            if (v !== undefined) out[name] = v
          }
          entry.status = up.statusCode ?? 502
          res.writeHead(entry.status, out)
          pipeline(up, res, () => undefined)
        },
        { method: req.method ?? 'GET', path: grant.upstreamPath, headers }
      )
    )
  }

  return {
    host: front.host,
    url: front.origin,
    cdnHost: cdn.host,
    requests,
    setRules(next: FaultRule[]): void {
      active = [...next]
      used = new Map()
    },
    reset(): void {
      requests.length = 0
      used = new Map()
    },
    stop: () =>
      (stopping ??= (async () => {
        for (const t of timers) clearTimeout(t)
        timers.clear()
        for (const res of hanging) res.destroy()
        hanging.clear()
        agent.destroy()
        await Promise.all([shut(front), shut(cdn)])
      })())
  }
}
