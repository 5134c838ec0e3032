import * as core from '@actions/core'
import { type RawInputs, type Settings, parseSettings } from './settings.js'

/** Every input action.yml declares; read raw, validated in settings.ts. */
export const INPUT_NAMES = [
  'images',
  'platforms',
  'fail-on-missing',
  'registry',
  'username',
  'password',
  'insecure-registries',
  'source',
  'timeout',
  'summary',
  'concurrency',
  'verify-blobs',
  'github-token',
  'detail',
  'aliyun-region',
  'aliyun-access-key-id',
  'aliyun-access-key-secret',
  'aliyun-security-token',
  'aliyun-endpoint',
  'aliyun-signature-version'
] as const

/** Reads the inputs, masking secrets before anything else can print them. */
export function readInputs(): Settings {
  const raw: RawInputs = {}
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name)
  if (raw.password) core.setSecret(raw.password)
  for (const secret of ['github-token', 'aliyun-access-key-secret', 'aliyun-security-token']) {
    if (raw[secret]) core.setSecret(raw[secret])
  }
  return parseSettings(raw)
}
