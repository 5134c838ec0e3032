// A front that gives a real registry the OCI 1.1 referrers API (distribution-spec spec.md,
// "Listing Referrers"), which distribution 2.8 lacks: manifests PUT through it that carry a
// `subject` are remembered, as a registry with the API indexes them, and
// `GET /v2/<name>/referrers/<digest>` answers them as an image index. Everything else is
// proxied verbatim to the real registry, which stores every byte. Node built-ins only, so it
// cannot share a bug with the code under test. Every request is logged, for request counts.
import { createHash } from 'node:crypto'
import http from 'node:http'
import type net from 'node:net'

export interface ReferrersFrontRequest {
  method: string
  path: string
  status: number
}

export interface ReferrersFront {
  /** `127.0.0.1:PORT`, for image references. */
  host: string
  url: string
  requests: ReferrersFrontRequest[]
  /** Empties the request log in place. */
  reset(): void
  /** Referrers per page from now on (see ReferrersFrontOptions.pageSize). */
  setPageSize(size: number | undefined): void
  stop(): Promise<void>
}

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

interface Referrer {
  mediaType: string
  digest: string
  size: number
  artifactType?: string
  annotations?: Record<string, string>
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** The descriptor a registry lists for a manifest with a subject (spec: artifactType rules). */
function referrerOf(
  body: Buffer,
  mediaType: string
): { subject: string; referrer: Referrer } | null {
  let json: Record<string, unknown>
  try {
    json = JSON.parse(body.toString('utf8')) as Record<string, unknown>
  } catch {
    return null
  }
  const subject = json.subject as { digest?: unknown } | undefined
  if (!subject || typeof subject.digest !== 'string') return null
  const config = json.config as { mediaType?: unknown } | undefined
  const artifactType =
    typeof json.artifactType === 'string'
      ? json.artifactType
      : typeof config?.mediaType === 'string'
        ? config.mediaType
        : undefined
  const referrer: Referrer = {
    mediaType: typeof json.mediaType === 'string' ? json.mediaType : mediaType,
    digest: `sha256:${createHash('sha256').update(body).digest('hex')}`,
    size: body.length
  }
  if (artifactType) referrer.artifactType = artifactType
  if (json.annotations && typeof json.annotations === 'object')
    referrer.annotations = json.annotations as Record<string, string>
  return { subject: subject.digest, referrer }
}

export interface ReferrersFrontOptions {
  /**
   * Referrers per page; more are behind a `Link: <…>; rel="next"` header, as the spec lets a
   * registry paginate. Default: all on one page.
   */
  pageSize?: number
}

export async function startReferrersFront(
  upstream: string,
  opts: ReferrersFrontOptions = {}
): Promise<ReferrersFront> {
  const target = new URL(upstream)
  const referrers = new Map<string, Referrer[]>()
  const requests: ReferrersFrontRequest[] = []
  const sockets = new Set<net.Socket>()
  let pageSize = opts.pageSize

  const server = http.createServer((req, res) => {
    const entry: ReferrersFrontRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status: 0
    }
    requests.push(entry)
    const url = new URL(req.url ?? '/', 'http://front')
    const listing = /^\/v2\/(.+)\/referrers\/([^/]+)$/.exec(url.pathname)
    if (listing && req.method === 'GET') {
      const [, name, digest] = listing
      let found = referrers.get(`${name}@${digest}`) ?? []
      const wanted = url.searchParams.get('artifactType')
      const headers: Record<string, string> = { 'content-type': OCI_INDEX }
      if (wanted) {
        found = found.filter(r => r.artifactType === wanted)
        headers['oci-filters-applied'] = 'artifactType'
      }
      const size = pageSize ?? Math.max(found.length, 1)
      const start = Number(url.searchParams.get('page') ?? '0')
      const page = found.slice(start * size, (start + 1) * size)
      if ((start + 1) * size < found.length)
        headers.link = `<${url.pathname}?page=${start + 1}>; rel="next"`
      const body = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: page })
      entry.status = 200
      res.writeHead(200, { ...headers, 'content-length': String(Buffer.byteLength(body)) })
      res.end(body)
      return
    }
    void (async () => {
      const body = await readBody(req)
      const headers = { ...req.headers, host: target.host }
      delete headers.connection
      const upstreamReq = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          agent: false
        },
        upstreamRes => {
          entry.status = upstreamRes.statusCode ?? 0
          const manifestPut = /^\/v2\/(.+)\/manifests\/[^/]+$/.exec(url.pathname)
          if (req.method === 'PUT' && manifestPut && entry.status === 201) {
            const found = referrerOf(body, String(req.headers['content-type'] ?? ''))
            if (found) {
              const key = `${manifestPut[1]}@${found.subject}`
              const list = referrers.get(key) ?? []
              if (!list.some(r => r.digest === found.referrer.digest)) list.push(found.referrer)
              referrers.set(key, list)
            }
          }
          res.writeHead(entry.status, upstreamRes.headers)
          upstreamRes.pipe(res)
        }
      )
      upstreamReq.on('error', e => {
        entry.status = 502
        res.writeHead(502)
        res.end(String(e))
      })
      upstreamReq.end(body)
    })()
  })
  server.on('connection', s => {
    sockets.add(s)
    s.once('close', () => sockets.delete(s))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requests,
    reset: () => void requests.splice(0),
    setPageSize: size => {
      pageSize = size
    },
    stop: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
