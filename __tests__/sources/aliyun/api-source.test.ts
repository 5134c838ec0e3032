/**
 * The Alibaba Cloud Container Registry API source in-process, against the verifying stand-in
 * of the API the integration suite uses (__tests__/integration/harness/aliyun-front.ts): both
 * signatures, schema 1 and 2 answers, errors, timeouts, caps, and no secret in any message.
 */
import { MediaTypes } from '../../../src/model/manifest.js'
import { type RegistryReference, parseReference } from '../../../src/model/reference.js'
import { HttpClient } from '../../../src/http/client.js'
import { resolveImage } from '../../../src/resolve/resolve.js'
import { AliyunSource, defaultAliyunEndpoint } from '../../../src/sources/aliyun/api-source.js'
import type { AliyunOptions } from '../../../src/sources/aliyun/signer.js'
import { KEYS, type MockApi, REGION, startMockApi } from '../../integration/harness/aliyun-front.js'

/** The source as a run builds it: its own HTTP client with the run's timeout. */
type TestOptions = AliyunOptions & { timeoutMs: number }
const clients: HttpClient[] = []
function aliyun(opts: TestOptions, registry = ''): AliyunSource {
  const http = new HttpClient({ timeoutMs: opts.timeoutMs, concurrency: 4 })
  clients.push(http)
  return new AliyunSource(opts, http, registry)
}
afterAll(() => clients.forEach(c => c.dispose()))

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
