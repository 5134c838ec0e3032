/** The two shape checks JSON readers share (json-shape.ts). */
import { isObject, isStringOrNull } from '../../src/model/json-shape.js'

test('an object is a plain JSON object: not null, not an array', () => {
  expect(isObject(JSON.parse('{"a":1}'))).toBe(true)
  expect(isObject({})).toBe(true)
  for (const v of [null, [], [1], 'x', 1, true, undefined]) expect(isObject(v)).toBe(false)
})

test('a string or null, and nothing else', () => {
  expect(isStringOrNull('')).toBe(true)
  expect(isStringOrNull(null)).toBe(true)
  for (const v of [undefined, 0, {}, []]) expect(isStringOrNull(v)).toBe(false)
})
