/** The `aliyun-*` inputs of `source: aliyun` (settings.ts): required together, checked, defaulted. */
import { parseAliyun } from '../../../src/sources/aliyun/settings.js'

const KEYS = {
  'aliyun-region': ' cn-hangzhou ',
  'aliyun-access-key-id': 'id',
  'aliyun-access-key-secret': 'secret'
}

test('region and the AccessKey pair give settings; v3 signatures unless asked', () => {
  const problems: string[] = []
  expect(parseAliyun(KEYS, problems)).toEqual({
    region: 'cn-hangzhou',
    accessKeyId: 'id',
    accessKeySecret: 'secret',
    securityToken: undefined,
    endpoint: undefined,
    signatureVersion: 'v3'
  })
  expect(problems).toEqual([])
  const full = parseAliyun(
    {
      ...KEYS,
      'aliyun-security-token': 'sts',
      'aliyun-endpoint': 'https://cr.example',
      'aliyun-signature-version': 'v2'
    },
    problems
  )
  expect(full).toMatchObject({
    securityToken: 'sts',
    endpoint: 'https://cr.example',
    signatureVersion: 'v2'
  })
  expect(problems).toEqual([])
})

test('every missing required input is named in one problem, and no settings come back', () => {
  const problems: string[] = []
  expect(parseAliyun({ 'aliyun-access-key-id': 'id' }, problems)).toBeUndefined()
  expect(problems).toEqual([
    "Input 'source: aliyun' needs 'aliyun-region', 'aliyun-access-key-secret'."
  ])
})

test('a bad signature version and a region that is no region ID are each a problem naming the input', () => {
  const problems: string[] = []
  parseAliyun(
    { ...KEYS, 'aliyun-region': 'Hangzhou 1', 'aliyun-signature-version': 'v4' },
    problems
  )
  expect(problems).toHaveLength(2)
  expect(problems[0]).toContain("'aliyun-signature-version'")
  expect(problems[0]).toContain("'v4'")
  expect(problems[1]).toContain("'aliyun-region'")
  expect(problems[1]).toContain("a region ID such as 'cn-hangzhou'")
})
