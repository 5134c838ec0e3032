// An OCI 1.1 referrers front for a real distribution 2.8 registry, which has no referrers API:
// everything is proxied verbatim, and the front adds only what a 1.1 registry adds (distribution-
// spec spec.md "Pushing Manifests with Subject", "Listing Referrers"): it answers a manifest PUT
// that carries a `subject` with `OCI-Subject`, and serves `GET /v2/<name>/referrers/<digest>` from
// the manifests with a subject that were PUT (and not DELETEd) through it. Node built-ins only and
// nothing from src/, so the front cannot share a bug with the code under test.
import http from 'node:http'
import type net from 'node:net'
import { pipeline } from 'node:stream'
import { first, forwardable } from './fault-front.js'

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
/** distribution refuses larger manifests; the front buffers PUT bodies, so it bounds them too. */
const MANIFEST_LIMIT = 4 * 1024 * 1024
// spec.md "Content Digests" grammar, with OCI's registered encodings.
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/

/** A referrers list entry as the spec shapes it. */
export interface ReferrerDescriptor {
  mediaType: string
  digest: string
  size: number
  artifactType?: string
  annotations?: Record<string, string>
}

export interface ReferrersFrontRequest {
  method: string
  /** Path plus query, as received. */
  path: string
  status: number
  /** Answered by the front itself (referrers, refused PUTs) rather than by the registry. */
  served: boolean
}

export interface ReferrersFront {
  /** `127.0.0.1:PORT`, i.e. what goes into an image reference. */
  host: string
  url: string
  /** Arrival order; the same array for the front's lifetime. */
  requests: ReferrersFrontRequest[]
  /** The referrers recorded for `repository` and subject digest, in push order. */
  referrers(repository: string, subject: string): ReferrerDescriptor[]
  stop(): Promise<void>
}

export interface ReferrersFrontOptions {
  /**
   * Apply the `artifactType` filter (default true). A registry SHOULD support it, not MUST; false
   * gives one that ignores it and so sends no `OCI-Filters-Applied`.
   */
  filtering?: boolean
}

function errorBody(code: string, message: string, detail: unknown = null): string {
  return JSON.stringify({ errors: [{ code, message, detail }] })
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined
  const entries = Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string')
  return entries.length ? Object.fromEntries(entries) : undefined
}

/**
 * What a PUT body says about referrers: nothing (no subject), a problem (a subject that is no
 * descriptor, which a 1.1 registry refuses), or the subject digest and the fields the listing
 * descriptor copies (spec.md "Listing Referrers": artifactType, else config.mediaType for an image
 * manifest, omitted for an index; all annotations).
 */
function readSubject(
  body: Buffer,
  contentType: string
):
  | { subject: undefined }
  | { problem: string }
  | { subject: string; entry: Omit<ReferrerDescriptor, 'digest'> } {
  let json: unknown
  try {
    json = JSON.parse(body.toString('utf8'))
  } catch {
    return { subject: undefined } // the registry will say what is wrong with it
  }
  if (!isObject(json) || json.subject === undefined) return { subject: undefined }
  const s = json.subject
  if (
    !isObject(s) ||
    typeof s.mediaType !== 'string' ||
    typeof s.digest !== 'string' ||
    !DIGEST.test(s.digest) ||
    typeof s.size !== 'number'
  ) {
    return { problem: 'subject is not a valid descriptor' }
  }
  const mediaType = typeof json.mediaType === 'string' ? json.mediaType : contentType
  const entry: Omit<ReferrerDescriptor, 'digest'> = { mediaType, size: body.length }
  const config = isObject(json.config) ? json.config : undefined
  const artifactType =
    typeof json.artifactType === 'string' && json.artifactType
      ? json.artifactType
      : !Array.isArray(json.manifests) && typeof config?.mediaType === 'string'
        ? config.mediaType
        : undefined
  if (artifactType) entry.artifactType = artifactType
  const annotations = stringMap(json.annotations)
  if (annotations) entry.annotations = annotations
  return { subject: s.digest, entry }
}

export async function startReferrersFront(
  upstreamUrl: string,
  opts: ReferrersFrontOptions = {}
): Promise<ReferrersFront> {
  const upstream = new URL(upstreamUrl)
  if (upstream.protocol !== 'http:')
    throw new Error(`referrers front proxies http only: ${upstreamUrl}`)
  const filtering = opts.filtering ?? true
  const requests: ReferrersFrontRequest[] = []
  /** `name@subject` → referrers, by digest so a second PUT of the same manifest is one entry. */
  const recorded = new Map<string, Map<string, ReferrerDescriptor>>()
  const sockets = new Set<net.Socket>()
  const agent = new http.Agent({ keepAlive: false })
  let origin = ''

  const key = (name: string, subject: string): string => `${name}@${subject}`

  const mapLocation = (headers: http.OutgoingHttpHeaders): void => {
    const loc = headers.location
    if (typeof loc !== 'string') return
    try {
      const u = new URL(loc)
      if (u.origin === upstream.origin) headers.location = origin + u.pathname + u.search
    } catch {
      // relative: already resolves against the front
    }
  }

  const answer = (
    res: http.ServerResponse,
    entry: ReferrersFrontRequest,
    status: number,
    headers: http.OutgoingHttpHeaders,
    body: string
  ): void => {
    entry.status = status
    entry.served = true
    const buf = Buffer.from(body)
    res.writeHead(status, {
      'content-length': buf.length,
      'docker-distribution-api-version': 'registry/2.0',
      ...headers
    })
    res.end(buf)
  }

  /**
   * Sends a request upstream and hands back the answer unread: with the given body, with none for
   * an overridden method, else with the client's body streamed through (blob uploads).
   */
  const toUpstream = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: ReferrersFrontRequest,
    override: { method?: string; path?: string; body?: Buffer },
    onResponse: (up: http.IncomingMessage) => void
  ): void => {
    const headers = forwardable(req.headers)
    headers.host = upstream.host
    if (override.body !== undefined) headers['content-length'] = override.body.length
    if (override.method === 'GET' && override.body === undefined) {
      delete headers['content-length']
      delete headers['content-type']
    }
    const up = http.request({
      hostname: upstream.hostname,
      port: upstream.port,
      method: override.method ?? req.method,
      path: override.path ?? req.url,
      headers,
      agent
    })
    res.once('close', () => {
      if (!res.writableFinished) up.destroy()
    })
    up.on('response', onResponse)
    up.on('error', err => {
      if (res.headersSent) return void res.destroy()
      answer(res, entry, 502, { 'content-type': 'text/plain' }, `referrers front: ${err.message}`)
    })
    if (override.body !== undefined) up.end(override.body)
    else if (override.method !== undefined) up.end()
    else req.pipe(up)
  }

  /** Relays an upstream answer as it is, Location mapped back to the front. */
  const relay = (
    res: http.ServerResponse,
    entry: ReferrersFrontRequest,
    up: http.IncomingMessage,
    extra: http.OutgoingHttpHeaders = {}
  ): void => {
    const headers = { ...forwardable(up.headers), ...extra }
    mapLocation(headers)
    entry.status = up.statusCode ?? 502
    res.writeHead(entry.status, up.statusMessage, headers)
    pipeline(up, res, () => undefined)
  }

  const putManifest = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: ReferrersFrontRequest,
    name: string
  ): void => {
    const chunks: Buffer[] = []
    let length = 0
    req.on('data', (c: Buffer) => {
      length += c.length
      if (length <= MANIFEST_LIMIT + 1) chunks.push(c)
    })
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      if (length > MANIFEST_LIMIT) {
        const message = `manifest is larger than ${MANIFEST_LIMIT} bytes`
        return answer(
          res,
          entry,
          413,
          { 'content-type': 'application/json' },
          errorBody('SIZE_INVALID', message)
        )
      }
      const contentType = (first(req.headers['content-type']) ?? '').split(';')[0].trim()
      const read = readSubject(body, contentType)
      if ('problem' in read) {
        const err = errorBody('MANIFEST_INVALID', 'manifest invalid', read.problem)
        return answer(res, entry, 400, { 'content-type': 'application/json' }, err)
      }
      toUpstream(req, res, entry, { body }, up => {
        const digest = first(up.headers['docker-content-digest'])
        if (up.statusCode !== 201 || read.subject === undefined || !digest)
          return relay(res, entry, up)
        const k = key(name, read.subject)
        const list = recorded.get(k) ?? new Map<string, ReferrerDescriptor>()
        const { mediaType, size, ...rest } = read.entry
        list.set(digest, { mediaType, digest, size, ...rest })
        recorded.set(k, list)
        relay(res, entry, up, { 'oci-subject': read.subject })
      })
    })
    req.on('error', () => res.destroy())
  }

  const deleteManifest = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: ReferrersFrontRequest,
    name: string,
    reference: string
  ): void => {
    toUpstream(req, res, entry, {}, up => {
      if (up.statusCode === 202) {
        for (const [k, list] of recorded) if (k.startsWith(`${name}@`)) list.delete(reference)
      }
      relay(res, entry, up)
    })
  }

  const listReferrers = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: ReferrersFrontRequest,
    name: string,
    digest: string,
    query: URLSearchParams
  ): void => {
    if (!DIGEST.test(digest)) {
      const err = errorBody('DIGEST_INVALID', 'provided digest is invalid', { digest })
      return answer(res, entry, 400, { 'content-type': 'application/json' }, err)
    }
    // The registry decides whether the repository exists and whether this client may pull from
    // it: its answer to a tags listing (same `pull` scope) is relayed unless it is a 200.
    toUpstream(req, res, entry, { method: 'GET', path: `/v2/${name}/tags/list` }, up => {
      if (up.statusCode !== 200) return relay(res, entry, up)
      up.resume()
      const wanted = query.get('artifactType')
      const filter = filtering && wanted ? wanted : undefined
      const all = [...(recorded.get(key(name, digest))?.values() ?? [])]
      const manifests = filter === undefined ? all : all.filter(d => d.artifactType === filter)
      const headers: http.OutgoingHttpHeaders = { 'content-type': OCI_INDEX }
      if (filter !== undefined) headers['oci-filters-applied'] = 'artifactType'
      const body = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests })
      answer(res, entry, 200, headers, body)
    })
  }

  const server = http.createServer((req, res) => {
    const entry: ReferrersFrontRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      status: 0,
      served: false
    }
    requests.push(entry)
    const url = new URL(req.url ?? '/', 'http://front')
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname)
    const referrers = /^\/v2\/(.+)\/referrers\/([^/]+)$/.exec(url.pathname)
    if (req.method === 'PUT' && manifest) return putManifest(req, res, entry, manifest[1])
    if (req.method === 'DELETE' && manifest)
      return deleteManifest(req, res, entry, manifest[1], manifest[2])
    if (req.method === 'GET' && referrers) {
      req.resume()
      return listReferrers(
        req,
        res,
        entry,
        referrers[1],
        decodeURIComponent(referrers[2]),
        url.searchParams
      )
    }
    toUpstream(req, res, entry, {}, up => relay(res, entry, up))
  })
  server.on('connection', s => {
    sockets.add(s)
    s.once('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const addr = server.address()
  if (addr === null || typeof addr === 'string') throw new Error('unexpected server address')
  const host = `127.0.0.1:${addr.port}`
  origin = `http://${host}`

  let stopped: Promise<void> | undefined
  return {
    host,
    url: origin,
    requests,
    referrers: (repository, subject) => [
      ...(recorded.get(key(repository, subject))?.values() ?? [])
    ],
    stop: () =>
      (stopped ??= new Promise<void>(resolve => {
        agent.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
        for (const s of sockets) s.destroy()
      }))
  }
}
