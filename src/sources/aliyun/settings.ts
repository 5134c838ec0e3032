import { type RawInputs, invalid } from '../../model/input-values.js'

/**
 * The `aliyun-*` inputs of `source: aliyun` (contract.md: sources that need their own settings
 * add inputs named after the source). Pure.
 */

/** The inputs this source adds, as action.yml declares them. */
export const ALIYUN_INPUTS = [
  'aliyun-region',
  'aliyun-access-key-id',
  'aliyun-access-key-secret',
  'aliyun-security-token',
  'aliyun-endpoint',
  'aliyun-signature-version'
] as const

/** Settings of `source: aliyun` (Alibaba Cloud Container Registry OpenAPI, 2016-06-07). */
export interface AliyunSettings {
  region: string
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
  endpoint?: string
  signatureVersion: 'v3' | 'v2'
}

/** The `aliyun-*` inputs; region and the AccessKey pair are required together. */
export function parseAliyun(raw: RawInputs, problems: string[]): AliyunSettings | undefined {
  const get = (name: string): string => (raw[name] ?? '').trim()
  const missing = ['aliyun-region', 'aliyun-access-key-id', 'aliyun-access-key-secret'].filter(
    n => !get(n)
  )
  if (missing.length) {
    problems.push(`Input 'source: aliyun' needs ${missing.map(n => `'${n}'`).join(', ')}.`)
  }
  const version = get('aliyun-signature-version') || 'v3'
  if (version !== 'v3' && version !== 'v2') {
    problems.push(invalid('aliyun-signature-version', version, "'v3' or 'v2'").message)
  }
  const region = get('aliyun-region')
  if (region && !/^[a-z0-9-]+$/.test(region)) {
    problems.push(invalid('aliyun-region', region, "a region ID such as 'cn-hangzhou'").message)
  }
  if (missing.length) return undefined
  return {
    region,
    accessKeyId: get('aliyun-access-key-id'),
    accessKeySecret: get('aliyun-access-key-secret'),
    securityToken: get('aliyun-security-token') || undefined,
    endpoint: get('aliyun-endpoint') || undefined,
    signatureVersion: version === 'v2' ? 'v2' : 'v3'
  }
}
