/** "Did you mean" hints (nearest.ts): edit distance with transpositions, and no guess on a tie. */
import { nearest } from '../../src/model/nearest.js'

test.each([
  ['amd46', ['amd64', 'arm64', '386'], 'amd64'],
  ['arm46', ['amd64', 'arm64'], 'arm64'],
  ['lnux', ['linux', 'windows'], 'linux'],
  ['windos', ['linux', 'windows'], 'windows'],
  ['v5', ['v1', 'v4'], undefined],
  ['s390', ['s390x', 'ppc64le'], 's390x'],
  ['riscv', ['amd64', 'arm64'], undefined]
])('%s among %j → %s', (word, candidates, want) => {
  expect(nearest(word, candidates)).toBe(want)
})

test('maxDistance bounds how far a hint may be', () => {
  expect(nearest('amd', ['amd64'])).toBe('amd64')
  expect(nearest('amd', ['amd64'], 1)).toBeUndefined()
  expect(nearest('amd64', ['amd64'], 0)).toBe('amd64')
})

test('the same candidate listed twice is not a tie with itself', () => {
  expect(nearest('lnux', ['linux', 'linux'])).toBe('linux')
})

describe('nearest', () => {
  test.each<[string, string[], string | undefined]>([
    ['amd46', ['amd64', 'arm64'], 'amd64'],
    ['max-sise', ['max-size', 'max-layers'], 'max-size'],
    ['v5', ['v1', 'v2', 'v3', 'v4'], undefined],
    ['potato', ['linux', 'windows'], undefined],
    ['', ['a'], 'a']
  ])('%j in %j → %j', (word, candidates, want) => {
    expect(nearest(word, candidates)).toBe(want)
  })
})
