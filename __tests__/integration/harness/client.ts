// Minimal distribution (registry v2) HTTP client used only to seed test registries.
// Deliberately independent of src/ so that a bug in the code under test cannot hide itself
// by also corrupting the fixtures.
import http from 'node:http'
import https from 'node:https'
import { createHash } from 'node:crypto'

/**
 * Either a ready `Authorization` header value, or a function producing one for a token scope
 * (`repository:<name>:pull,push`) so token suites can mint a scope-specific bearer token.
 */
export type AuthProvider = (scope: string) => string | undefined | Promise<string | undefined>
export type Auth = string | AuthProvider

export interface RegistryEndpoint {
  url: string
}

export interface HttpResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export interface RequestInit {
  method?: string
  headers?: Record<string, string>
  body?: Buffer | string
  timeoutMs?: number
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly responseBody: string
  ) {
    super(message)
    this.name = 'RegistryError'
  }
}

export function sha256(data: Buffer | string): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex')
}

export function basicAuth(user: string, password: string): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64')
}

export async function request(url: string | URL, init: RequestInit = {}): Promise<HttpResponse> {
  const target = typeof url === 'string' ? new URL(url) : url
  const body = init.body === undefined ? undefined : Buffer.from(init.body)
  const headers: Record<string, string> = { ...init.headers }
  if (body !== undefined) headers['Content-Length'] = String(body.length)
  return new Promise<HttpResponse>((resolve, reject) => {
    // A TLS test registry's certificate is self-signed: the fixtures trust it as they find it.
    const send = target.protocol === 'https:' ? https.request : http.request
    const req = send(
      target,
      // agent:false so no keep-alive socket outlives the registry or holds jest open
      { method: init.method ?? 'GET', headers, agent: false, rejectUnauthorized: false },
      res => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks)
          })
        )
      }
    )
    req.setTimeout(init.timeoutMs ?? 30_000, () => {
      req.destroy(new Error(`${init.method ?? 'GET'} ${target.href} timed out`))
    })
    req.on('error', reject)
    req.end(body)
  })
}

export async function resolveAuth(
  auth: Auth | undefined,
  scope: string
): Promise<string | undefined> {
  return typeof auth === 'function' ? auth(scope) : auth
}

function pushScope(repo: string): string {
  return `repository:${repo}:pull,push`
}

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()]
  return Array.isArray(v) ? v[0] : v
}

function fail(what: string, res: HttpResponse): never {
  const text = res.body.toString('utf8')
  throw new RegistryError(`${what}: HTTP ${res.status} ${text}`, res.status, text)
}

export async function pushBlob(
  reg: RegistryEndpoint,
  repo: string,
  bytes: Buffer,
  auth?: Auth
): Promise<{ digest: string; size: number }> {
  const digest = sha256(bytes)
  const authorization = await resolveAuth(auth, pushScope(repo))
  const authHeaders: Record<string, string> = authorization ? { Authorization: authorization } : {}

  const start = await request(`${reg.url}/v2/${repo}/blobs/uploads/`, {
    method: 'POST',
    headers: authHeaders
  })
  if (start.status !== 202) fail(`POST blob upload ${repo}`, start)
  const location = header(start, 'location')
  if (!location) throw new Error(`POST blob upload ${repo}: 202 without Location`)

  // Location may be absolute or relative and already carries a `_state` query, so digest must be
  // merged into the existing query rather than appended blindly.
  const put = new URL(location, reg.url)
  put.searchParams.set('digest', digest)
  const done = await request(put, {
    method: 'PUT',
    headers: { ...authHeaders, 'Content-Type': 'application/octet-stream' },
    body: bytes
  })
  if (done.status !== 201) fail(`PUT blob ${repo}@${digest}`, done)
  const echoed = header(done, 'docker-content-digest')
  if (echoed !== undefined && echoed !== digest) {
    throw new Error(`registry stored blob as ${echoed}, expected ${digest}`)
  }
  return { digest, size: bytes.length }
}

/** Returns the Docker-Content-Digest the registry answered with (not a locally computed one). */
export async function pushManifest(
  reg: RegistryEndpoint,
  repo: string,
  reference: string,
  body: Buffer | string,
  mediaType: string,
  auth?: Auth
): Promise<string> {
  const authorization = await resolveAuth(auth, pushScope(repo))
  const res = await request(`${reg.url}/v2/${repo}/manifests/${reference}`, {
    method: 'PUT',
    headers: {
      'Content-Type': mediaType,
      ...(authorization ? { Authorization: authorization } : {})
    },
    body
  })
  if (res.status !== 201) fail(`PUT manifest ${repo}:${reference} (${mediaType})`, res)
  const digest = header(res, 'docker-content-digest')
  if (!digest) throw new Error(`PUT manifest ${repo}:${reference}: no Docker-Content-Digest`)
  return digest
}

/** Raw GET/HEAD of a manifest; no status check so tests can assert on negotiation failures. */
export async function getManifest(
  reg: RegistryEndpoint,
  repo: string,
  reference: string,
  opts: { accept?: string | string[]; auth?: Auth; method?: 'GET' | 'HEAD' } = {}
): Promise<HttpResponse & { digest?: string; contentType?: string }> {
  const authorization = await resolveAuth(opts.auth, `repository:${repo}:pull`)
  const headers: Record<string, string> = {}
  if (opts.accept !== undefined) {
    headers.Accept = Array.isArray(opts.accept) ? opts.accept.join(', ') : opts.accept
  }
  if (authorization) headers.Authorization = authorization
  const res = await request(`${reg.url}/v2/${repo}/manifests/${reference}`, {
    method: opts.method ?? 'GET',
    headers
  })
  return {
    ...res,
    digest: header(res, 'docker-content-digest'),
    contentType: header(res, 'content-type')
  }
}

/** Size as the registry reports it, i.e. what a client resolving sizes via HEAD will see. */
export async function headBlob(
  reg: RegistryEndpoint,
  repo: string,
  digest: string,
  auth?: Auth
): Promise<{ status: number; size?: number }> {
  const authorization = await resolveAuth(auth, `repository:${repo}:pull`)
  const res = await request(`${reg.url}/v2/${repo}/blobs/${digest}`, {
    method: 'HEAD',
    headers: authorization ? { Authorization: authorization } : {}
  })
  const len = header(res, 'content-length')
  return { status: res.status, size: len === undefined ? undefined : Number(len) }
}

export async function deleteManifest(
  reg: RegistryEndpoint,
  repo: string,
  digest: string,
  auth?: Auth
): Promise<void> {
  const authorization = await resolveAuth(auth, `repository:${repo}:delete`)
  const res = await request(`${reg.url}/v2/${repo}/manifests/${digest}`, {
    method: 'DELETE',
    headers: authorization ? { Authorization: authorization } : {}
  })
  if (res.status !== 202) fail(`DELETE manifest ${repo}@${digest}`, res)
}
