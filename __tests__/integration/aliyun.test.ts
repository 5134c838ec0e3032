/**
 * The aliyun source through the built action, against the verifying stand-in of the API
 * (harness/aliyun-front.ts); the source itself is tested in-process in
 * __tests__/sources/aliyun/api-source.test.ts.
 */
import { MediaTypes } from '../../src/model/manifest.js'
import { digestsOf, runAction } from './harness/action.js'
import { KEYS, type MockApi, REGION, startMockApi } from './harness/aliyun-front.js'

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
