import { createHash, createHmac } from 'node:crypto'
import {
  EMPTY_MD5,
  EMPTY_SHA256,
  acsDate,
  buildSignedRequest,
  canonicalRequestV3,
  percentEncode,
  roaSignature,
  signV2,
  signV3,
  stringToSignV2,
  type AliyunOptions,
  type SignableRequest
} from '../../../src/sources/aliyun/signer.js'

/**
 * The signers against Alibaba Cloud's own vectors, byte for byte.
 *
 * V3 (ACS3-HMAC-SHA256): the "Fixed parameter values" worked example of "Request syntax and
 * signature method V3",
 * https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
 * (the same example in zh: https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature).
 *
 * V2 ROA (HMAC-SHA1): the stored V2 ROA page
 * (https://www.alibabacloud.com/help/en/sdk/product-overview/roa-mechanism) shows an example
 * request, but with a placeholder AccessKey whose secret it never states (and a Content-MD5 that
 * is not the MD5 of its body), so it cannot be recomputed. The vectors used instead are the ones
 * Alibaba's official client tests its V2 ROA helpers with (aliyun/darabonba-openapi,
 * ts/test/util.spec.ts: `getStringToSign`, `getROASignature`), plus a re-derivation from the
 * documented algorithm written out by hand.
 */

describe('V3 signature (ACS3-HMAC-SHA256): the documented worked example', () => {
  // Fixed parameter values, as the document lists them.
  const doc: SignableRequest = {
    method: 'POST',
    path: '/',
    query: {
      ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd',
      RegionId: 'cn-shanghai'
    },
    headers: {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-version': '2014-05-26'
    }
  }
  const DOC_CANONICAL_REQUEST = [
    'POST',
    '/',
    'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
    'host:ecs.cn-shanghai.aliyuncs.com',
    'x-acs-action:RunInstances',
    'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'x-acs-date:2023-10-26T10:22:32Z',
    'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
    'x-acs-version:2014-05-26',
    '',
    'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
  ].join('\n')
  const DOC_STRING_TO_SIGN =
    'ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259'
  const DOC_SIGNATURE = '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0'
  const DOC_AUTHORIZATION =
    'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0'

  it('builds the documented CanonicalRequest (step 1)', () => {
    expect(canonicalRequestV3(doc).canonicalRequest).toBe(DOC_CANONICAL_REQUEST)
  })

  it('builds the documented StringToSign, signature and Authorization (steps 2–4)', () => {
    const s = signV3(doc, 'YourAccessKeyId', 'YourAccessKeySecret')
    expect(s.canonicalRequest).toBe(DOC_CANONICAL_REQUEST)
    expect(s.stringToSign).toBe(DOC_STRING_TO_SIGN)
    expect(s.signature).toBe(DOC_SIGNATURE)
    expect(s.authorization).toBe(DOC_AUTHORIZATION)
  })

  it('leaves unsigned headers out, as the documented step 4 request sends accept and user-agent', () => {
    const withExtras: SignableRequest = {
      ...doc,
      headers: {
        ...doc.headers,
        'user-agent': 'AlibabaCloud (Mac OS X; x86_64) Java/1.8.0_352-b08 tea-util/0.2.6 TeaDSL/1',
        accept: 'application/json'
      }
    }
    expect(signV3(withExtras, 'YourAccessKeyId', 'YourAccessKeySecret').authorization).toBe(
      DOC_AUTHORIZATION
    )
  })

  it('hashes the empty body to the documented HashedRequestPayload', () => {
    expect(EMPTY_SHA256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })
})

describe('V2 ROA signature (HMAC-SHA1): the official client’s test vectors', () => {
  it('signs like getROASignature', () => {
    expect(roaSignature('stringtosign', 'secret')).toBe('OmuTAr79tpI6CRoAdmzKRq5lHs0=')
  })

  it('builds the StringToSign like getStringToSign, case by case', () => {
    const req: SignableRequest = {
      method: 'GET',
      path: '/',
      query: {},
      headers: { accept: 'application/json' }
    }
    expect(stringToSignV2(req)).toBe('GET\napplication/json\n\n\n\n/')

    req.headers = {
      accept: 'application/json',
      'content-md5': 'md5',
      'content-type': 'application/json',
      date: 'date'
    }
    expect(stringToSignV2(req)).toBe('GET\napplication/json\nmd5\napplication/json\ndate\n/')

    req.headers['x-acs-custom-key'] = 'any value'
    expect(stringToSignV2(req)).toBe(
      'GET\napplication/json\nmd5\napplication/json\ndate\nx-acs-custom-key:any value\n/'
    )

    req.query = { key: 'val ue with space' }
    expect(stringToSignV2(req)).toBe(
      'GET\napplication/json\nmd5\napplication/json\ndate\nx-acs-custom-key:any value\n/?key=val ue with space'
    )
  })

  it('lowercases, sorts and unfolds x-acs-* headers as the document describes', () => {
    const req: SignableRequest = {
      method: 'get',
      path: '/p',
      query: { b: '2', a: '1' },
      headers: { Accept: 'application/json', 'X-Acs-Zeta': ' z ', 'x-acs-alpha': 'a\tb\nc' }
    }
    expect(stringToSignV2(req)).toBe(
      'GET\napplication/json\n\n\n\nx-acs-alpha:a b c\nx-acs-zeta:z\n/p?a=1&b=2'
    )
  })
})

describe('the GetImageManifest request, re-derived by hand from the documents', () => {
  const base: AliyunOptions = {
    region: 'cn-hangzhou',
    accessKeyId: 'testid',
    accessKeySecret: 'testsecret',
    now: () => new Date('2023-10-26T10:22:32Z'),
    nonce: () => '3156853299f313e23d1673dc12e1703d'
  }
  const parts = { namespace: 'testns', repository: 'app', tag: 'v1' }
  const host = 'cr.cn-hangzhou.aliyuncs.com'

  it('V3: canonical request, signature and headers', () => {
    const req = buildSignedRequest(base, parts, host)
    const canonical = [
      'GET',
      '/repos/testns/app/tags/v1/manifest',
      'RegionId=cn-hangzhou&SchemaVersion=1',
      'host:cr.cn-hangzhou.aliyuncs.com',
      'x-acs-action:GetImageManifest',
      `x-acs-content-sha256:${createHash('sha256').update('').digest('hex')}`,
      'x-acs-date:2023-10-26T10:22:32Z',
      'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
      'x-acs-version:2016-06-07',
      '',
      'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
      createHash('sha256').update('').digest('hex')
    ].join('\n')
    const toSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`
    const signature = createHmac('sha256', 'testsecret').update(toSign).digest('hex')
    expect(req.path).toBe('/repos/testns/app/tags/v1/manifest')
    expect(req.query).toEqual({ RegionId: 'cn-hangzhou', SchemaVersion: '1' })
    expect(req.headers.authorization).toBe(
      `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=${signature}`
    )
    expect(req.headers.accept).toBe('application/json')
  })

  it('V3 with STS: the token and key id are sent and signed', () => {
    const req = buildSignedRequest({ ...base, securityToken: 'sts-token' }, parts, host)
    expect(req.headers['x-acs-security-token']).toBe('sts-token')
    expect(req.headers['x-acs-accesskey-id']).toBe('testid')
    expect(req.headers.authorization).toContain(
      'SignedHeaders=host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,'
    )
  })

  it('V2: StringToSign and acs Authorization', () => {
    const req = buildSignedRequest({ ...base, signatureVersion: 'v2' }, parts, host)
    const toSign =
      'GET\napplication/json\n1B2M2Y8AsgTpgAmY7PhCfg==\napplication/json\nThu, 26 Oct 2023 10:22:32 GMT\n' +
      'x-acs-region-id:cn-hangzhou\nx-acs-signature-method:HMAC-SHA1\n' +
      'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-signature-version:1.0\n' +
      'x-acs-version:2016-06-07\n/repos/testns/app/tags/v1/manifest?RegionId=cn-hangzhou&SchemaVersion=1'
    expect(stringToSignV2(req)).toBe(toSign)
    const signature = createHmac('sha1', 'testsecret').update(toSign).digest('base64')
    expect(req.headers.authorization).toBe(`acs testid:${signature}`)
    expect(signV2(req, 'testid', 'testsecret').signature).toBe(signature)
    expect(req.headers.date).toBe('Thu, 26 Oct 2023 10:22:32 GMT')
    expect(req.headers['content-md5']).toBe(EMPTY_MD5)
  })

  it('V2 with STS: the token is an x-acs header, so it is in the StringToSign', () => {
    const req = buildSignedRequest(
      { ...base, signatureVersion: 'v2', securityToken: 'sts-token' },
      parts,
      host
    )
    expect(stringToSignV2(req)).toContain('\nx-acs-security-token:sts-token\n')
  })

  it('SchemaVersion follows the option', () => {
    expect(buildSignedRequest({ ...base, schemaVersion: 2 }, parts, host).query.SchemaVersion).toBe(
      '2'
    )
  })
})

describe('helpers', () => {
  it('percent-encodes as RFC 3986 with the document’s three fixes', () => {
    expect(percentEncode('a b*c~d')).toBe('a%20b%2Ac~d')
    expect(percentEncode("!'()")).toBe('%21%27%28%29')
    expect(percentEncode('abc-_.~XYZ019')).toBe('abc-_.~XYZ019')
    expect(percentEncode('é/')).toBe('%C3%A9%2F')
  })

  it('formats x-acs-date without fractions', () => {
    expect(acsDate(new Date('2023-10-26T10:22:32.789Z'))).toBe('2023-10-26T10:22:32Z')
  })
})
