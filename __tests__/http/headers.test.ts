/** Retry-After as registries really send it (headers.ts). */
import { parseRetryAfter } from '../../src/http/headers.js'

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T12:00:00Z')
  test.each([
    ['3', 3000],
    ['0', 0],
    [' 120 ', 120_000],
    ['Sat, 28 Nov 2026 12:00:10 GMT', 10_000],
    ['Sat, 28 Nov 2026 11:59:00 GMT', 0],
    ['soon', null],
    ['-5', null],
    [undefined, null]
  ])('%s → %s ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected)
  })
})
