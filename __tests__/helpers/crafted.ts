/**
 * Small builders for crafted test inputs, shared by the unit tests: JSON bodies, fake digests
 * made of one repeated hex digit, and the DigestGateError a call throws.
 */
import { DigestGateError } from '../../src/model/errors.js'

export const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))
/** `n` copies of one hex digit: the hex part of a fake digest. */
export const HEX = (c: string, n = 64): string => c.repeat(n)
export const digestOf = (c: string): string => `sha256:${HEX(c)}`

/** The DigestGateError `fn` throws; fails the test if it throws anything else, or nothing. */
export function thrown(fn: () => unknown): DigestGateError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(DigestGateError)
    return e as DigestGateError
  }
  throw new Error('expected an error')
}
