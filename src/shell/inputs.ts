import type { RawInputs } from '../model/input-values.js'
import { proxySecretsIn } from '../model/proxy-url.js'
import { type Settings, parseSettings } from '../run/settings.js'
import { ALIYUN_INPUTS } from '../sources/aliyun/settings.js'
import type { Toolkit } from './toolkit.js'

/** Every input action.yml declares; read raw, validated in settings.ts. */
export const INPUT_NAMES = [
  'images',
  'platforms',
  'fail-on-missing',
  'fail-on',
  'policy',
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
  'baseline',
  'trusted-root',
  'files',
  'require-pins',
  'comment',
  'wait',
  'shard',
  'mode',
  'reports',
  'cache',
  ...ALIYUN_INPUTS
] as const

/** Inputs whose values are secrets, masked before anything else can print them. */
const SECRET_INPUTS = [
  'password',
  'github-token',
  'aliyun-access-key-secret',
  'aliyun-security-token'
]

/**
 * Reads the inputs through the toolkit, masking secrets first, and validates them. A proxy
 * URL's credentials in the environment are masked too, before any request: the pull request
 * comment goes through the proxy by Octokit's own HTTP stack, which masks nothing.
 */
export function readInputs(toolkit: Toolkit, env: NodeJS.ProcessEnv = process.env): Settings {
  const raw: RawInputs = {}
  for (const name of INPUT_NAMES) raw[name] = toolkit.getInput(name)
  for (const secret of SECRET_INPUTS) if (raw[secret]) toolkit.setSecret(raw[secret])
  for (const secret of proxySecretsIn(env)) toolkit.setSecret(secret)
  return parseSettings(raw)
}
