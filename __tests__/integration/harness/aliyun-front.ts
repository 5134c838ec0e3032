// A verifying stand-in for Alibaba Cloud's Container Registry API, shared by the in-process
// source test (__tests__/sources/aliyun/api-source.test.ts) and the suite that runs the built
// action (__tests__/integration/aliyun.test.ts).
import { createHash, createHmac } from 'node:crypto'
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { EMPTY_LAYER_DIGEST, MediaTypes } from '../../../src/model/manifest.js'

/**
 * A stand-in for cr.{region}.aliyuncs.com (API 2016-06-07, GetImageManifest). It verifies every
 * request the way the documents describe, written here independently of src/: V3
 * (https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature)
 * and V2 ROA (https://www.alibabacloud.com/help/doc-detail/72382.htm). It answers the seed's
 * response shape (seed 001) for testns/app:v1, and the API's error JSON otherwise.
 */

export const REGION = 'cn-hangzhou'
export const KEYS: Record<string, { secret: string; token?: string }> = {
  testid: { secret: 'testsecret-0123456789' },
  stsid: { secret: 'sts-secret-abcdefghij', token: 'CAIS-sts-token-9876543210' }
}
const LAYER_1 = `sha256:${'1'.repeat(64)}`
const LAYER_2 = `sha256:${'2'.repeat(64)}`

/** The seed's schema 1 manifest shape; v1Compatibility given both as an object and a string. */
const SCHEMA1 = {
  name: 'testns/app',
  tag: 'v1',
  architecture: 'arm64',
  schemaVersion: 1,
  fsLayers: [{ blobSum: EMPTY_LAYER_DIGEST }, { blobSum: LAYER_2 }, { blobSum: LAYER_1 }],
  history: [
    {
      v1Compatibility: {
        id: 'c',
        parent: 'b',
        os: 'linux',
        architecture: 'arm64',
        created: '2018-01-01T00:00:00.000000001Z',
        container_config: {},
        config: {},
        docker_version: '17.12.0-ce',
        throwaway: true
      }
    },
    { v1Compatibility: JSON.stringify({ id: 'b', parent: 'a' }) },
    { v1Compatibility: JSON.stringify({ id: 'a' }) }
  ],
  signatures: [{ signature: 'e', header: { alg: 'ES256', jwk: {} }, protected: 'f' }]
}

const SCHEMA2 = {
  schemaVersion: 2,
  mediaType: MediaTypes.dockerManifest,
  config: {
    mediaType: MediaTypes.dockerConfig,
    size: 1234,
    digest: `sha256:${'c'.repeat(64)}`
  },
  layers: [
    { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 100, digest: LAYER_1 },
    { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 2500, digest: LAYER_2 }
  ]
}

/** RFC 3986 as the V3 document states it, spelled out separately from src/. */
function rfc3986(s: string): string {
  return Buffer.from(s, 'utf8')
    .toString('latin1')
    .split('')
    .map(c =>
      /[A-Za-z0-9\-_.~]/.test(c)
        ? c
        : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
    )
    .join('')
}

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  signedHeaders?: string[]
}

export interface MockApi {
  endpoint: string
  host: string
  seen: Seen[]
  stop(): Promise<void>
}

export async function startMockApi(): Promise<MockApi> {
  const seen: Seen[] = []
  let counter = 0
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handle(req, res, Buffer.concat(chunks)))
  })
  server.on('connection', s => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body)
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' })
    res.end(text)
  }
  const fail = (res: ServerResponse, status: number, code: string, message: string): void =>
    send(res, status, { code, message, requestId: `REQ-${++counter}` })

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer): void => {
    const rawUrl = req.url ?? '/'
    const q = rawUrl.indexOf('?')
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q)
    const params = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1))
    const query = new Map<string, string>()
    params.forEach((v, k) => query.set(k, v))
    const h = req.headers
    const header = (n: string): string | undefined => {
      const v = h[n]
      return Array.isArray(v) ? v.join(',') : v
    }
    const record: Seen = { method: req.method ?? '', url: rawUrl, headers: h }
    seen.push(record)

    const auth = header('authorization') ?? ''
    let keyId: string
    let expected: string
    let given: string
    let tokenSigned: boolean
    if (auth.startsWith('ACS3-HMAC-SHA256 ')) {
      const fields = new Map(
        auth
          .slice('ACS3-HMAC-SHA256 '.length)
          .split(',')
          .map(p => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const)
      )
      keyId = fields.get('Credential') ?? ''
      given = fields.get('Signature') ?? ''
      const signed = (fields.get('SignedHeaders') ?? '').split(';')
      record.signedHeaders = signed
      const date = header('x-acs-date')
      if (!date) return fail(res, 400, 'MissingDate', 'x-acs-date is mandatory for this action.')
      if (Math.abs(Date.parse(date) - Date.now()) > 15 * 60 * 1000)
        return fail(res, 403, 'InvalidTimeStamp.Expired', 'Specified time stamp is expired.')
      // Every x-acs-* header, host and content-type must be signed when present.
      const mustSign = Object.keys(h).filter(
        n => n.startsWith('x-acs-') || n === 'host' || n === 'content-type'
      )
      if (mustSign.some(n => !signed.includes(n)))
        return fail(res, 400, 'IncompleteSignature', 'Some headers are not signed.')
      const payload = createHash('sha256').update(body).digest('hex')
      if (header('x-acs-content-sha256') !== payload)
        return fail(res, 400, 'InvalidContentSha256', 'x-acs-content-sha256 does not match.')
      const canonicalQuery = [...query.keys()]
        .sort()
        .map(k => `${rfc3986(k)}=${rfc3986(query.get(k) ?? '')}`)
        .join('&')
      const canonicalRequest = [
        req.method,
        path,
        canonicalQuery,
        signed.map(n => `${n}:${(header(n) ?? '').trim()}\n`).join(''),
        signed.join(';'),
        payload
      ].join('\n')
      const toSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`
      const secret = KEYS[keyId]?.secret ?? ''
      expected = createHmac('sha256', secret).update(toSign).digest('hex')
      tokenSigned = signed.includes('x-acs-security-token')
    } else if (auth.startsWith('acs ')) {
      const cred = auth.slice(4)
      keyId = cred.slice(0, cred.indexOf(':'))
      given = cred.slice(cred.indexOf(':') + 1)
      const date = header('date')
      if (!date) return fail(res, 400, 'MissingDate', 'Date is mandatory for this action.')
      if (Math.abs(Date.parse(date) - Date.now()) > 15 * 60 * 1000)
        return fail(res, 403, 'InvalidTimeStamp.Expired', 'Specified time stamp is expired.')
      const acs = Object.keys(h)
        .filter(n => n.startsWith('x-acs-'))
        .sort()
        .map(n => `${n}:${(header(n) ?? '').replace(/[\t\n\r\f]/g, ' ').trim()}\n`)
        .join('')
      const keys = [...query.keys()].sort()
      const resource = keys.length
        ? `${path}?${keys.map(k => `${k}=${query.get(k)}`).join('&')}`
        : path
      const toSign = `${req.method}\n${header('accept') ?? ''}\n${header('content-md5') ?? ''}\n${header('content-type') ?? ''}\n${date}\n${acs}${resource}`
      expected = createHmac('sha1', KEYS[keyId]?.secret ?? '')
        .update(toSign)
        .digest('base64')
      tokenSigned = header('x-acs-security-token') !== undefined
    } else {
      return fail(res, 400, 'MissingAuthorization', 'Authorization is mandatory.')
    }

    const key = KEYS[keyId]
    if (!key)
      return fail(res, 404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.')
    if (given !== expected)
      return fail(
        res,
        403,
        'SignatureDoesNotMatch',
        'Specified signature is not matched with our calculation.'
      )
    if (key.token && (header('x-acs-security-token') !== key.token || !tokenSigned))
      return fail(
        res,
        403,
        'InvalidSecurityToken.MismatchWithAccessKey',
        'The security token does not match.'
      )
    if (query.get('RegionId') !== REGION)
      return fail(res, 400, 'InvalidRegionId', 'The specified region does not exist.')

    const m = /^\/repos\/([^/]+)\/([^/]+)\/tags\/([^/]+)\/manifest$/.exec(path)
    if (m && m[1] === 'testns' && m[2] === 'app' && m[3] === 'v1') {
      const manifest = query.get('SchemaVersion') === '2' ? SCHEMA2 : SCHEMA1
      return send(res, 200, { data: { manifest }, requestId: `REQ-${++counter}` })
    }
    if (m && m[3] === 'slow') return // never answers: the client's timeout must fire
    if (m && m[3] === 'huge') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(Buffer.alloc(5 * 1024 * 1024, 0x20))
      return
    }
    if (m && m[3] === 'echo') {
      // A misbehaving gateway that echoes what it was given, secrets included.
      return fail(res, 403, 'Forbidden.RAM', `denied for ${KEYS.stsid.secret} ${KEYS.stsid.token}`)
    }
    if (m && m[3] === 'busy') return fail(res, 503, 'ServiceUnavailable', 'Try again later.')
    if (m && m[3] === 'throttled') return fail(res, 429, 'Throttling.User', 'Request was denied.')
    return fail(res, 404, 'TAG_NOT_EXIST', 'tag not exist')
  }

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    endpoint: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
