/** A platform's size change as one table cell, and the image's total (size-change.ts). */
import { formatSizeChange, totalChange } from '../../src/render/size-change.js'

test.each([
  [{ before: 1000, after: null, delta: null, ratio: null }, 'n/a'],
  [{ before: null, after: 1000, delta: null, ratio: null }, 'new'],
  [{ before: 1000, after: 1000, delta: 0, ratio: 0 }, '±0'],
  [{ before: 1024, after: 2048, delta: 1024, ratio: 1 }, '+1.00 KiB (+100.0%)'],
  [{ before: 2048, after: 1536, delta: -512, ratio: -0.25 }, '-512 B (-25.0%)'],
  [{ before: 0, after: 100, delta: 100, ratio: null }, '+100 B']
])('%j → %s', (d, want) => {
  expect(formatSizeChange(d)).toBe(want)
})

test('the total when every platform is known, else none', () => {
  const a = { platform: 'linux/amd64', before: 100, after: 150, delta: 50, ratio: 0.5 }
  const b = { platform: 'linux/arm64', before: 300, after: 250, delta: -50, ratio: -1 / 6 }
  expect(totalChange([a, b])).toEqual({ before: 400, after: 400, delta: 0, ratio: 0 })
  expect(totalChange([a])).toEqual({ before: 100, after: 150, delta: 50, ratio: 0.5 })
  expect(totalChange([a, { ...b, before: null, delta: null, ratio: null }])).toBeUndefined()
  expect(totalChange([])).toBeUndefined()
})
