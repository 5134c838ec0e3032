import { DigestGateError } from './errors.js'

/**
 * Reading one input's raw string as a typed value, with the message a user needs when it is
 * wrong: the input's name, the value, and what was expected (actions/checkout's style). Pure.
 */

export type RawInputs = Partial<Record<string, string>>

export function invalid(input: string, value: string, expected: string): DigestGateError {
  return new DigestGateError(
    'invalid-input',
    `Invalid value for input '${input}': '${value}'. Expected ${expected}.`
  )
}

/** `'a', 'b' or 'c'` */
export function oneOf(values: readonly string[]): string {
  const quoted = values.map(v => `'${v}'`)
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`
}

export function parseBoolean(input: string, raw: string | undefined, fallback: boolean): boolean {
  const v = (raw ?? '').trim()
  if (v === '') return fallback
  // The same spellings as core.getBooleanInput (YAML 1.2 core schema).
  if (['true', 'True', 'TRUE'].includes(v)) return true
  if (['false', 'False', 'FALSE'].includes(v)) return false
  throw invalid(input, v, "'true' or 'false'")
}

export function parseNumber(
  input: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number
): number {
  const v = (raw ?? '').trim()
  if (v === '') return fallback
  const n = Number(v)
  if (!/^\d+(\.\d+)?$/.test(v) || n < min || n > max)
    throw invalid(input, v, `a number from ${min} to ${max}`)
  return n
}
