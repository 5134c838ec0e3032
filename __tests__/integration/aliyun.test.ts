import { createHash, createHmac } from 'node:crypto'
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { EMPTY_LAYER_DIGEST, MediaTypes } from '../../src/model/manifest.js'
import { type RegistryReference, parseReference } from '../../src/model/reference.js'
import { digestsOf, runAction } from './harness/action.js'
import { HttpClient } from '../../src/http/client.js'
import { resolveImage } from '../../src/resolve/resolve.js'
import { AliyunSource, defaultAliyunEndpoint } from '../../src/sources/aliyun/api-source.js'
import type { AliyunOptions } from '../../src/sources/aliyun/signer.js'

/** The source as a run builds it: its own HTTP client with the run's timeout. */
type TestOptions = AliyunOptions & { timeoutMs: number }
const clients: HttpClient[] = []
function aliyun(opts: TestOptions, registry = ''): AliyunSource {
  const http = new HttpClient({ timeoutMs: opts.timeoutMs, concurrency: 4 })
  clients.push(http)
  return new AliyunSource(opts, http, registry)
}
afterAll(() => clients.forEach(c => c.dispose()))

/**
 * A stand-in for cr.{region}.aliyuncs.com (API 2016-06-07, GetImageManifest). It verifies every
 * request the way the documents describe, written here independently of src/: V3
 * (https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature)
 * and V2 ROA (https://www.alibabacloud.com/help/doc-detail/72382.htm). It answers the seed's
 * response shape (seed 001) for testns/app:v1, and the API's error JSON otherwise.
 */

const REGION = 'cn-hangzhou'
const KEYS: Record<string, { secret: string; token?: string }> = {
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

interface MockApi {
  endpoint: string
  host: string
  seen: Seen[]
  stop(): Promise<void>
}

async function startMockApi(): Promise<MockApi> {
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

function ref(image: string): RegistryReference {
  const r = parseReference(image)
  if (r.kind !== 'registry') throw new Error('not a registry reference')
  return r
}

describe('source aliyun against a verifying stand-in of the Container Registry API', () => {
  let api: MockApi
  const options = (extra: Partial<TestOptions> = {}): TestOptions => ({
    region: REGION,
    accessKeyId: 'testid',
    accessKeySecret: KEYS.testid.secret,
    endpoint: api.endpoint,
    timeoutMs: 5000,
    ...extra
  })
  const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/testns/app:v1'

  beforeAll(async () => {
    api = await startMockApi()
  })
  afterAll(async () => {
    await api?.stop()
  })

  it('rejects an unsigned request with the API error shape (the stand-in itself)', async () => {
    const res = await fetch(`${api.endpoint}/repos/testns/app/tags/v1/manifest?RegionId=${REGION}`)
    expect(res.status).toBe(400)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toEqual({
      code: 'MissingAuthorization',
      message: expect.any(String) as string,
      requestId: expect.stringMatching(/^REQ-/) as string
    })
  })

  it.each(['v3', 'v2'] as const)(
    'resolves a tag (%s signature): platform, layer count, null digests and sizes, notes',
    async signatureVersion => {
      const source = aliyun(options({ signatureVersion }))
      const record = await resolveImage(ref(IMAGE), source)
      expect(record.error).toBeNull()
      expect(record).toMatchObject({
        image: IMAGE,
        ref: IMAGE,
        digest: null,
        mediaType: MediaTypes.schema1Signed,
        source: 'aliyun',
        attestations: 0
      })
      expect(record.platforms).toEqual([
        {
          platform: 'linux/arm64',
          digest: null,
          mediaType: MediaTypes.schema1Signed,
          layers: 2,
          size: null,
          declared: { os: 'linux', architecture: 'arm64' }
        }
      ])
      expect(record.notes.join('\n')).toMatch(/digests are null because .*no content digest/)
      expect(record.notes.join('\n')).toMatch(/sizes are null because .*schema 1/)
      expect(source.requests).toBe(1)
      const last = api.seen[api.seen.length - 1]
      expect(last.url).toBe(`/repos/testns/app/tags/v1/manifest?RegionId=${REGION}&SchemaVersion=1`)
      if (signatureVersion === 'v3') {
        expect(last.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=testid,/)
        expect(last.headers['x-acs-action']).toBe('GetImageManifest')
        expect(last.headers['x-acs-version']).toBe('2016-06-07')
      } else {
        expect(last.headers.authorization).toMatch(/^acs testid:[A-Za-z0-9+/]{27}=$/)
        expect(last.headers['x-acs-signature-method']).toBe('HMAC-SHA1')
        expect(last.headers['x-acs-signature-version']).toBe('1.0')
      }
    }
  )

  it('handles a schema 2 answer: layer sizes known, digest still null, platform unknown', async () => {
    const record = await resolveImage(ref(IMAGE), aliyun(options({ schemaVersion: 2 })))
    expect(record.error).toBeNull()
    expect(record.digest).toBeNull()
    expect(record.mediaType).toBe(MediaTypes.dockerManifest)
    expect(record.platforms).toHaveLength(1)
    expect(record.platforms[0]).toMatchObject({
      platform: 'unknown',
      digest: null,
      layers: 2,
      size: 2600,
      config: `sha256:${'c'.repeat(64)}`
    })
    expect(record.notes.join('\n')).toMatch(/platform .* is unknown/)
    expect(api.seen[api.seen.length - 1].url).toContain('SchemaVersion=2')
  })

  it.each(['v3', 'v2'] as const)(
    'a wrong secret is a clear unauthorized error with the requestId (%s)',
    async signatureVersion => {
      const secret = 'not-the-secret-42'
      const record = await resolveImage(
        ref(IMAGE),
        aliyun(options({ accessKeySecret: secret, signatureVersion }))
      )
      expect(record.errorDetail).toMatchObject({
        kind: 'unauthorized',
        code: 'SignatureDoesNotMatch',
        registry: api.host
      })
      expect(record.error).toMatch(
        new RegExp(
          `^${IMAGE}: Alibaba Cloud Container Registry API at ${api.host} answered HTTP 403`
        )
      )
      expect(record.error).toMatch(/SignatureDoesNotMatch/)
      expect(record.error).toMatch(/testns\/app:v1 \(requestId REQ-\d+\)/)
      expect(record.error).toMatch(/AccessKey ID and secret/)
      expect(record.error).not.toContain(secret)
      expect(record.platforms).toEqual([])
    }
  )

  it('an unknown AccessKey ID is unauthorized too (the API answers 404 for it)', async () => {
    const record = await resolveImage(ref(IMAGE), aliyun(options({ accessKeyId: 'nobody' })))
    expect(record.errorDetail?.kind).toBe('unauthorized')
    expect(record.error).toMatch(/InvalidAccessKeyId\.NotFound/)
  })

  it('an unknown tag is not-found, naming the image and the requestId', async () => {
    const image = 'registry.cn-hangzhou.aliyuncs.com/testns/app:nope'
    const record = await resolveImage(ref(image), aliyun(options()))
    expect(record.errorDetail).toMatchObject({ kind: 'not-found', code: 'TAG_NOT_EXIST' })
    expect(record.error).toMatch(
      /^registry\.cn-hangzhou\.aliyuncs\.com\/testns\/app:nope: .*HTTP 404 TAG_NOT_EXIST: tag not exist for testns\/app:nope \(requestId REQ-\d+\)/
    )
  })

  it.each([
    ['busy', 'unavailable'],
    ['throttled', 'rate-limited']
  ])('maps tag %s to %s', async (tag, kind) => {
    const record = await resolveImage(
      ref(`registry.cn-hangzhou.aliyuncs.com/testns/app:${tag}`),
      aliyun(options())
    )
    expect(record.errorDetail?.kind).toBe(kind)
    expect(record.error).toMatch(/requestId REQ-\d+/)
  })

  it.each(['v3', 'v2'] as const)(
    'sends the STS token as x-acs-security-token, covered by the signature (%s)',
    async signatureVersion => {
      const source = aliyun(
        options({
          accessKeyId: 'stsid',
          accessKeySecret: KEYS.stsid.secret,
          securityToken: KEYS.stsid.token,
          signatureVersion
        })
      )
      const record = await resolveImage(ref(IMAGE), source)
      expect(record.error).toBeNull()
      const last = api.seen[api.seen.length - 1]
      expect(last.headers['x-acs-security-token']).toBe(KEYS.stsid.token)
      if (signatureVersion === 'v3') expect(last.signedHeaders).toContain('x-acs-security-token')

      // Without the token the stand-in refuses, as the real API does for STS keys.
      const without = await resolveImage(
        ref(IMAGE),
        aliyun(
          options({ accessKeyId: 'stsid', accessKeySecret: KEYS.stsid.secret, signatureVersion })
        )
      )
      expect(without.errorDetail?.kind).toBe('unauthorized')
      expect(without.error).toMatch(/InvalidSecurityToken/)
    }
  )

  it('uses the endpoint override (trailing slash allowed) and signs its host', async () => {
    const source = aliyun(options({ endpoint: `${api.endpoint}/` }))
    expect(source.label).toBe(api.host)
    const before = api.seen.length
    const record = await resolveImage(ref(IMAGE), source)
    expect(record.error).toBeNull()
    expect(api.seen.length).toBe(before + 1)
    expect(api.seen[api.seen.length - 1].headers.host).toBe(api.host)
    expect(api.seen[api.seen.length - 1].signedHeaders).toContain('host')
  })

  it('defaults to https://cr.{region}.aliyuncs.com', () => {
    expect(defaultAliyunEndpoint('cn-hangzhou')).toBe('https://cr.cn-hangzhou.aliyuncs.com')
    const source = aliyun({ ...options(), endpoint: undefined })
    expect(source.label).toBe('cr.cn-hangzhou.aliyuncs.com')
  })

  it('refuses an endpoint with a path, without sending anything', async () => {
    const source = aliyun(options({ endpoint: `${api.endpoint}/prefix` }))
    const record = await resolveImage(ref(IMAGE), source)
    expect(record.errorDetail?.kind).toBe('invalid-input')
    expect(record.error).toMatch(/bare origin/)
    expect(source.requests).toBe(0)
  })

  it('only the path matters: any registry host maps to the same API call', async () => {
    const record = await resolveImage(ref('example.com/testns/app:v1'), aliyun(options()))
    expect(record.error).toBeNull()
    expect(record.ref).toBe('example.com/testns/app:v1')
    expect(record.platforms[0].platform).toBe('linux/arm64')
  })

  it('notes a registry host in another region than the API is asked in', async () => {
    const image = ref('registry.cn-shanghai.aliyuncs.com/testns/app:v1')
    const record = await resolveImage(image, aliyun(options(), image.registry))
    expect(record.notes).toContain(
      'the image names region cn-shanghai but the API is asked in region cn-hangzhou'
    )
  })

  it.each([
    [`registry.cn-hangzhou.aliyuncs.com/testns/app@sha256:${'a'.repeat(64)}`, /tags only/],
    [`registry.cn-hangzhou.aliyuncs.com/testns/app:v1@sha256:${'a'.repeat(64)}`, /tags only/],
    ['registry.cn-hangzhou.aliyuncs.com/a/b/c:v1', /exactly <namespace>\/<repository>/],
    ['registry.cn-hangzhou.aliyuncs.com/solo:v1', /exactly <namespace>\/<repository>/]
  ])('%s is invalid-input, and nothing is sent', async (image, why) => {
    const source = aliyun(options())
    const record = await resolveImage(ref(image), source)
    expect(record.errorDetail?.kind).toBe('invalid-input')
    expect(record.error).toMatch(why)
    expect(source.requests).toBe(0)
  })

  it('times out with a clear message', async () => {
    const record = await resolveImage(
      ref('registry.cn-hangzhou.aliyuncs.com/testns/app:slow'),
      aliyun(options({ timeoutMs: 300 }))
    )
    expect(record.errorDetail?.kind).toBe('timeout')
    expect(record.error).toMatch(/did not answer within 0\.3 s/)
  })

  it('refuses a body over 4 MiB', async () => {
    const record = await resolveImage(
      ref('registry.cn-hangzhou.aliyuncs.com/testns/app:huge'),
      aliyun(options())
    )
    expect(record.errorDetail?.kind).toBe('registry-error')
    expect(record.error).toMatch(/more than 4194304 bytes/)
  })

  it('reports a refused connection clearly', async () => {
    const closed = await startMockApi()
    const endpoint = closed.endpoint
    await closed.stop()
    const record = await resolveImage(ref(IMAGE), aliyun(options({ endpoint })))
    expect(record.errorDetail?.kind).toBe('network')
    expect(record.error).toMatch(
      /cannot reach the Alibaba Cloud Container Registry API at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/
    )
  })

  it('never puts the secret or the STS token in any error message', async () => {
    const sts = {
      accessKeyId: 'stsid',
      accessKeySecret: KEYS.stsid.secret,
      securityToken: KEYS.stsid.token
    }
    const cases: [Partial<TestOptions>, string][] = [
      [sts, 'echo'], // the stand-in echoes both back in its message
      [{ ...sts, accessKeySecret: `${KEYS.stsid.secret}x` }, 'v1'],
      [{ ...sts, securityToken: `${KEYS.stsid.token}x` }, 'v1'],
      [sts, 'nope'],
      [sts, 'busy'],
      [{ ...sts, timeoutMs: 200 }, 'slow'],
      [{ ...sts, signatureVersion: 'v2' }, 'echo']
    ]
    for (const [extra, tag] of cases) {
      const record = await resolveImage(
        ref(`registry.cn-hangzhou.aliyuncs.com/testns/app:${tag}`),
        aliyun(options(extra))
      )
      expect(record.error).not.toBeNull()
      for (const text of [record.error ?? '', record.errorDetail?.message ?? '']) {
        expect(text).not.toContain(KEYS.stsid.secret)
        expect(text).not.toContain(KEYS.stsid.token)
      }
    }
  })
})

describe('source aliyun through the built action', () => {
  let api: MockApi
  beforeAll(async () => {
    api = await startMockApi()
  })
  afterAll(async () => {
    await api?.stop()
  })

  it('resolves with the aliyun-* inputs, masks the secret, and pins nothing it cannot verify', async () => {
    const image = 'registry.cn-hangzhou.aliyuncs.com/testns/app:v1'
    const missing = 'registry.cn-hangzhou.aliyuncs.com/testns/app:nope'
    const run = await runAction({
      images: `${image}\n${missing}`,
      source: 'aliyun',
      platforms: 'linux/arm64',
      'aliyun-region': REGION,
      'aliyun-access-key-id': 'testid',
      'aliyun-access-key-secret': KEYS.testid.secret,
      'aliyun-endpoint': api.endpoint
    })
    expect(run.code).toBe(1)
    const digests = digestsOf(run)
    expect(digests[image]).toEqual({
      ref: image,
      digest: null,
      mediaType: MediaTypes.schema1Signed,
      platforms: { 'linux/arm64': null }
    })
    expect(digests[missing].error).toMatch(/requestId|RequestId/)
    expect(JSON.parse(run.outputs.missing)).toEqual([])
    expect(run.outputs.pinned).toBe('')
    expect(run.stdout).toContain(`::add-mask::${KEYS.testid.secret}`)
    const visible = run.stdout
      .split('\n')
      .filter(l => !l.startsWith('::add-mask::'))
      .join('\n')
    expect(visible + run.stderr + run.summary + JSON.stringify(run.report)).not.toContain(
      KEYS.testid.secret
    )
  })
})
