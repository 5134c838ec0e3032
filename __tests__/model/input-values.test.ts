/** One input's raw string as a typed value, with a message naming the input, value and expectation. */
import { DigestGateError } from '../../src/model/errors.js'
import { invalid, oneOf, parseBoolean, parseNumber } from '../../src/model/input-values.js'

test('the message names the input, the value and what was expected', () => {
  const e = invalid('timeout', 'soon', 'a number from 1 to 300')
  expect(e).toBeInstanceOf(DigestGateError)
  expect(e.kind).toBe('invalid-input')
  expect(e.message).toBe(
    "Invalid value for input 'timeout': 'soon'. Expected a number from 1 to 300."
  )
})

test('oneOf lists values as a sentence does', () => {
  expect(oneOf(['a', 'b', 'c'])).toBe("'a', 'b' or 'c'")
  expect(oneOf(['a', 'b'])).toBe("'a' or 'b'")
})

test.each([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  [' false ', false],
  ['FALSE', false],
  ['', true],
  [undefined, true]
])('parseBoolean(%j) with fallback true → %s', (raw, want) => {
  expect(parseBoolean('summary', raw, true)).toBe(want)
})

test('parseBoolean refuses what core.getBooleanInput refuses', () => {
  expect(() => parseBoolean('summary', 'yes', false)).toThrow(
    "Invalid value for input 'summary': 'yes'. Expected 'true' or 'false'."
  )
})

test('parseNumber: in range, fallback when empty, refused outside or malformed', () => {
  expect(parseNumber('timeout', ' 12 ', 30, 1, 300)).toBe(12)
  expect(parseNumber('timeout', '1.5', 30, 1, 300)).toBe(1.5)
  expect(parseNumber('timeout', '', 30, 1, 300)).toBe(30)
  for (const bad of ['0', '301', '-1', '1e2', '0x10', 'ten'])
    expect(() => parseNumber('timeout', bad, 30, 1, 300)).toThrow(
      `Invalid value for input 'timeout': '${bad}'. Expected a number from 1 to 300.`
    )
})

test.each<[string | undefined, boolean, boolean]>([
  [undefined, false, false],
  ['  ', false, false],
  ['false', true, false]
])('parseBoolean(%j, fallback %s) → %s', (raw, fallback, expected) => {
  expect(parseBoolean('x', raw, fallback)).toBe(expected)
})

test.each<[string | undefined, number]>([
  [undefined, 7],
  ['', 7],
  ['10', 10]
])('parseNumber(%j) with fallback 7 → %d', (raw, n) => {
  expect(parseNumber('x', raw, 7, 1, 100)).toBe(n)
})
