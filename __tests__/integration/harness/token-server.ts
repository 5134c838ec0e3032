// A real distribution token server (spec/auth/token.md, jwt.md, oauth.md) for token-auth suites.
// It signs RS256 JWTs with a throwaway self-signed certificate that the registry trusts through
// `auth.token.rootcertbundle`, so the registry's own verifier (not a mock) judges every token.
import { execFile } from 'node:child_process'
import { X509Certificate, createHash, createPrivateKey, randomBytes, sign } from 'node:crypto'
import { rmSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

const DEFAULT_ISSUER = 'digest-gate-token-issuer'
const DEFAULT_EXPIRES_IN = 300
const MAX_BODY = 64 * 1024

export interface Scope {
  type: string
  name: string
  actions: string[]
}

export interface TokenServerOptions {
  /** Must equal the registry's `auth.token.service`; requests naming another service get 400. */
  service: string
  issuer?: string
  /** Basic credentials accepted on the token endpoint; anonymous allowed unless requireAuth. */
  users?: Record<string, string>
  /** Anonymous token requests get 401. */
  requireAuth?: boolean
  /**
   * Which actions an identity ('' for anonymous) gets for a requested scope. The result is used
   * as-is, so a grant may deliberately over- or under-grant. Default: everyone pulls every
   * repository, authenticated users may also push; nothing for non-repository resources.
   */
  grant?: (identity: string, scope: Scope) => string[]
  /** refresh_token -> identity, for the OAuth2 `POST grant_type=refresh_token` flow. */
  refreshTokens?: Record<string, string>
  /** Default true; false makes POST answer 404 so clients must fall back to GET. */
  oauthPost?: boolean
  /** Seconds; null omits expires_in from the answer (as GHCR does) while exp stays 300 s. */
  expiresIn?: number | null
  /** Which answer field(s) carry the token. Default 'both'. */
  tokenField?: 'token' | 'access_token' | 'both'
}

export interface TokenRequestRecord {
  method: string
  url: string
  query: Record<string, string[]>
  authorization?: string
  body?: string
  status: number
}

export interface MintOptions {
  /**
   * Lifetime in seconds from now (default: the server's expiresIn, or 300). Negative values give
   * an already-expired token; distribution allows 60 s of clock-skew leeway on exp and nbf, so
   * use -120 or less to get a rejection.
   */
  ttlSeconds?: number
  /** nbf relative to now in seconds (default 0). */
  notBeforeSeconds?: number
  audience?: string | string[]
  issuer?: string
  /** How the signing key is identified in the JOSE header. Default 'x5c+kid'. */
  keyHeader?: 'x5c+kid' | 'x5c' | 'kid'
}

export interface TokenServer {
  /** `http://127.0.0.1:PORT/token` */
  realm: string
  service: string
  issuer: string
  /** PEM certificate for the registry's rootcertbundle. */
  rootCertBundlePath: string
  /** Temp dir holding key and certificate; removed by stop(). */
  dir: string
  /** Every request to the server, in arrival order. */
  requests: TokenRequestRecord[]
  /** Mint a token directly, bypassing grant (for pushing fixtures and crafting bad tokens). */
  mint(identity: string, scopes: string[], opts?: MintOptions): string
  /** An Auth provider for the harness push helpers: scope -> `Bearer <token>` as `identity`. */
  pushAuth(identity?: string): (scope: string) => string
  stop(): Promise<void>
}

export interface DecodedToken {
  header: Record<string, unknown>
  claims: {
    iss: string
    sub: string
    aud: string | string[]
    exp: number
    nbf: number
    iat: number
    jti: string
    access: Scope[]
  }
  signature: Buffer
}

/** Splits a compact JWT without verifying it, for assertions on what a server issued. */
export function decodeToken(token: string): DecodedToken {
  const parts = token.split('.')
  if (parts.length !== 3) throw new Error('not a compact JWS')
  const json = (s: string): unknown => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
  return {
    header: json(parts[0]) as DecodedToken['header'],
    claims: json(parts[1]) as DecodedToken['claims'],
    signature: Buffer.from(parts[2], 'base64url')
  }
}

/**
 * `type[(class)]:name:action,action`. The name is everything between the first and last colon:
 * repository names never contain one, but the spec's grammar does not forbid it for other
 * resource types, and this split keeps such names intact.
 */
export function parseScope(raw: string): Scope | undefined {
  const first = raw.indexOf(':')
  const last = raw.lastIndexOf(':')
  if (first <= 0 || last === first) return undefined
  // The resource class (`repository(plugin)`) does not change what the registry checks in 2.8.
  const type = raw.slice(0, first).replace(/\(.*\)$/, '')
  const name = raw.slice(first + 1, last)
  const actions = raw
    .slice(last + 1)
    .split(',')
    .filter(a => a !== '')
  if (name === '') return undefined
  return { type, name, actions }
}

/**
 * libtrust key ID: base32 of the first 240 bits of SHA-256 over the PKIX DER public key, in
 * colon-separated groups of four. distribution 2.8 indexes the rootcertbundle keys by this, so a
 * header carrying only `kid` is also accepted.
 */
function libtrustKeyId(cert: X509Certificate): string {
  const der = cert.publicKey.export({ type: 'spki', format: 'der' })
  const digest = createHash('sha256').update(der).digest().subarray(0, 30)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of digest) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  // 240 bits is a multiple of 5, so there is no partial group and no padding.
  return out.match(/.{4}/g)?.join(':') ?? out
}

const defaultGrant = (identity: string, scope: Scope): string[] => {
  if (scope.type !== 'repository') return []
  const allowed = identity === '' ? ['pull'] : ['pull', 'push']
  return scope.actions.filter(a => allowed.includes(a))
}

// Servers whose owners never called stop() still must not leave key material in /tmp.
const liveDirs = new Set<string>()
let exitHookInstalled = false
function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true })
  })
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

function parseBasic(header: string): { user: string; password: string } | undefined {
  const m = /^basic\s+(\S+)\s*$/i.exec(header)
  if (!m) return undefined
  const decoded = Buffer.from(m[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = chunk as Buffer
    size += buf.length
    if (size > MAX_BODY) throw new HttpError(413, 'SIZE_INVALID', 'request body too large')
    chunks.push(buf)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function toMultiMap(params: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [k, v] of params) (out[k] ??= []).push(v)
  return out
}

export async function startTokenServer(opts: TokenServerOptions): Promise<TokenServer> {
  const service = opts.service
  const issuer = opts.issuer ?? DEFAULT_ISSUER
  const users = opts.users ?? {}
  const grant = opts.grant ?? defaultGrant
  const oauthPost = opts.oauthPost ?? true
  const expiresIn = opts.expiresIn === undefined ? DEFAULT_EXPIRES_IN : opts.expiresIn
  const tokenField = opts.tokenField ?? 'both'
  // Copied so refresh tokens issued for access_type=offline do not mutate the caller's object.
  const refreshTokens = new Map(Object.entries(opts.refreshTokens ?? {}))

  const dir = await mkdtemp(path.join(os.tmpdir(), 'digest-gate-token-'))
  liveDirs.add(dir)
  installExitHook()
  let server: http.Server | undefined
  try {
    const keyPath = path.join(dir, 'key.pem')
    const certPath = path.join(dir, 'cert.pem')
    await execFileAsync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      '/CN=digest-gate-token'
    ])
    const privateKey = createPrivateKey(await readFile(keyPath))
    const cert = new X509Certificate(await readFile(certPath))
    const x5c = [cert.raw.toString('base64')]
    const kid = libtrustKeyId(cert)

    const mintScopes = (identity: string, access: Scope[], o: MintOptions = {}): string => {
      const now = Math.floor(Date.now() / 1000)
      const keyHeader = o.keyHeader ?? 'x5c+kid'
      const header: Record<string, unknown> = { typ: 'JWT', alg: 'RS256' }
      if (keyHeader !== 'x5c') header.kid = kid
      if (keyHeader !== 'kid') header.x5c = x5c
      const claims = {
        iss: o.issuer ?? issuer,
        sub: identity,
        aud: o.audience ?? service,
        exp: now + (o.ttlSeconds ?? expiresIn ?? DEFAULT_EXPIRES_IN),
        nbf: now + (o.notBeforeSeconds ?? 0),
        iat: now,
        jti: randomBytes(16).toString('hex'),
        access
      }
      const enc = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url')
      const signingInput = `${enc(header)}.${enc(claims)}`
      const signature = sign('sha256', Buffer.from(signingInput), privateKey)
      return `${signingInput}.${signature.toString('base64url')}`
    }

    const parseAll = (raws: string[]): Scope[] => {
      const scopes: Scope[] = []
      for (const raw of raws) {
        // OAuth2 (POST) joins scopes with spaces; GET may repeat the parameter. Accept both.
        for (const part of raw.split(' ').filter(s => s !== '')) {
          const scope = parseScope(part)
          if (!scope) throw new HttpError(400, 'INVALID_SCOPE', `malformed scope ${part}`)
          scopes.push(scope)
        }
      }
      return scopes
    }

    const answer = (
      identity: string,
      requested: Scope[],
      withRefresh: boolean
    ): Record<string, unknown> => {
      const access = requested
        .map(s => ({ type: s.type, name: s.name, actions: grant(identity, s) }))
        .filter(s => s.actions.length > 0)
      const token = mintScopes(identity, access)
      const body: Record<string, unknown> = {}
      if (tokenField !== 'access_token') body.token = token
      if (tokenField !== 'token') body.access_token = token
      if (expiresIn !== null) body.expires_in = expiresIn
      body.issued_at = new Date(decodeToken(token).claims.iat * 1000).toISOString()
      if (withRefresh) {
        const refresh = randomBytes(24).toString('hex')
        refreshTokens.set(refresh, identity)
        body.refresh_token = refresh
      }
      return body
    }

    const checkService = (given: string | null): void => {
      // Strict on purpose: a client that drops or rewrites the challenge's service is broken
      // against real token servers too.
      if (given !== service) {
        throw new HttpError(400, 'INVALID_REQUEST', `unknown service ${JSON.stringify(given)}`)
      }
    }

    const authenticate = (user: string, password: string): string => {
      if (!Object.prototype.hasOwnProperty.call(users, user) || users[user] !== password) {
        throw new HttpError(401, 'UNAUTHORIZED', 'invalid username or password')
      }
      return user
    }

    const handleGet = (url: URL, authorization: string | undefined): Record<string, unknown> => {
      checkService(url.searchParams.get('service'))
      let identity = ''
      if (authorization !== undefined) {
        const basic = parseBasic(authorization)
        if (!basic) {
          throw new HttpError(401, 'UNAUTHORIZED', 'only Basic credentials are accepted here')
        }
        identity = authenticate(basic.user, basic.password)
      } else if (opts.requireAuth) {
        throw new HttpError(401, 'UNAUTHORIZED', 'authentication required')
      }
      const scopes = parseAll(url.searchParams.getAll('scope'))
      const offline = url.searchParams.get('offline_token') === 'true' && identity !== ''
      return answer(identity, scopes, offline)
    }

    const handlePost = (body: string): Record<string, unknown> => {
      const form = new URLSearchParams(body)
      checkService(form.get('service'))
      if (!form.get('client_id')) {
        throw new HttpError(400, 'INVALID_REQUEST', 'client_id is required')
      }
      let identity: string
      const grantType = form.get('grant_type')
      if (grantType === 'refresh_token') {
        const refresh = form.get('refresh_token') ?? ''
        const owner = refreshTokens.get(refresh)
        if (owner === undefined) throw new HttpError(401, 'UNAUTHORIZED', 'invalid refresh token')
        identity = owner
      } else if (grantType === 'password') {
        identity = authenticate(form.get('username') ?? '', form.get('password') ?? '')
      } else {
        throw new HttpError(400, 'UNSUPPORTED', `unsupported grant_type ${String(grantType)}`)
      }
      const scopes = parseAll(form.getAll('scope'))
      return answer(identity, scopes, form.get('access_type') === 'offline')
    }

    const requests: TokenRequestRecord[] = []
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const authorization = req.headers.authorization
      const record: TokenRequestRecord = {
        method: req.method ?? '',
        url: req.url ?? '',
        query: toMultiMap(url.searchParams),
        ...(authorization !== undefined ? { authorization } : {}),
        status: 0
      }
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        record.status = status
        requests.push(record)
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
        res.end(JSON.stringify(payload))
      }
      void (async () => {
        try {
          if (url.pathname !== '/token') throw new HttpError(404, 'NOT_FOUND', 'not found')
          let payload: Record<string, unknown>
          if (req.method === 'GET') {
            payload = handleGet(url, authorization)
          } else if (req.method === 'POST') {
            record.body = await readBody(req)
            if (!oauthPost) throw new HttpError(404, 'NOT_FOUND', 'OAuth2 POST disabled')
            payload = handlePost(record.body)
          } else {
            throw new HttpError(405, 'UNSUPPORTED', `method ${req.method ?? ''} not allowed`)
          }
          send(200, payload)
        } catch (err) {
          const e =
            err instanceof HttpError
              ? err
              : new HttpError(500, 'UNKNOWN', err instanceof Error ? err.message : String(err))
          // Matches what token servers such as Docker Hub send, so clients see a realistic
          // challenge when they forget credentials.
          const headers: Record<string, string> =
            e.status === 401 ? { 'WWW-Authenticate': 'Basic realm="digest-gate-token"' } : {}
          send(e.status, { errors: [{ code: e.code, message: e.message }] }, headers)
        }
      })()
    })
    const srv = server
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject)
      srv.listen(0, '127.0.0.1', () => resolve())
    })
    const addr = srv.address()
    const port = typeof addr === 'object' && addr ? addr.port : 0

    let stopped: Promise<void> | undefined
    const tokenServer: TokenServer = {
      realm: `http://127.0.0.1:${port}/token`,
      service,
      issuer,
      rootCertBundlePath: certPath,
      dir,
      requests,
      mint: (identity, scopes, o) => {
        const access = scopes.map(raw => {
          const scope = parseScope(raw)
          if (!scope) throw new Error(`malformed scope ${raw}`)
          return scope
        })
        return mintScopes(identity, access, o)
      },
      pushAuth:
        (identity = 'admin') =>
        scope =>
          `Bearer ${tokenServer.mint(identity, [scope])}`,
      stop: () =>
        (stopped ??= (async () => {
          // Keep-alive sockets from clients would otherwise hold close() open indefinitely.
          srv.closeAllConnections()
          await new Promise<void>(resolve => srv.close(() => resolve()))
          await rm(dir, { recursive: true, force: true })
          liveDirs.delete(dir)
        })())
    }
    return tokenServer
  } catch (err) {
    server?.close()
    await rm(dir, { recursive: true, force: true })
    liveDirs.delete(dir)
    throw err
  }
}

/** The registry's `auth.token` settings that trust this token server. */
export function tokenAuthFor(server: TokenServer): {
  realm: string
  service: string
  issuer: string
  rootCertBundlePath: string
} {
  const { realm, service, issuer, rootCertBundlePath } = server
  return { realm, service, issuer, rootCertBundlePath }
}
