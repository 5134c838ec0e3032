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
  'github-token'
] as const

/** Reads the inputs, masking secrets before anything else can print them. */
export function readInputs(): Settings {
  const raw: RawInputs = {}
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name)
  if (raw.password) core.setSecret(raw.password)
  if (raw['github-token']) core.setSecret(raw['github-token'])
  return parseSettings(raw)
}
