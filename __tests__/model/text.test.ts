/**
 * Registry-supplied text for where it is shown (text.ts): sizes and digests in short, code
 * spans, invisible controls made visible, one plain line for a terminal, the log's rule.
 * (escapeMarkdown and code against GitHub's renderer: __tests__/render/properties.test.ts.)
 */
import {
  codeSpan,
  humanSize,
  logText,
  plainText,
  quoteVisible,
  shortDigest,
  visibleText
} from '../../src/model/text.js'

test.each([
  [null, 'n/a'],
  [undefined, 'n/a'],
  [0, '0 B'],
  [1023, '1023 B'],
  [1024, '1.00 KiB'],
  [10 * 1024, '10.0 KiB'],
  [5 * 1024 ** 2 + 1, '5.00 MiB'],
  [3 * 1024 ** 4, '3.00 TiB'],
  [2048 * 1024 ** 4, '2048.0 TiB']
])('humanSize(%j) → %s', (bytes, want) => {
  expect(humanSize(bytes)).toBe(want)
})

test('shortDigest keeps the algorithm and 12 hex digits', () => {
  expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe('sha256:abababababab')
  expect(shortDigest(null)).toBe('n/a')
  expect(shortDigest('')).toBe('n/a')
})

test('codeSpan fences with one more backtick than the longest run inside', () => {
  expect(codeSpan('nginx:1.27')).toBe('`nginx:1.27`')
  expect(codeSpan('a`b')).toBe('``a`b``')
  expect(codeSpan('``x')).toBe('``` ``x ```')
  expect(codeSpan('x`')).toBe('`` x` ``')
})

test('invisible controls become visible; everything else stays', () => {
  expect(visibleText('a\u202eb\u200bc\ufeff')).toBe('a<U+202E>b<U+200B>c<U+FEFF>')
  expect(visibleText('café ✓ 日本')).toBe('café ✓ 日本')
  expect(quoteVisible('x\u2066')).toBe('"x<U+2066>"')
})

test('plainText is one line with no control characters; logText keeps its own line breaks', () => {
  expect(plainText('a\r\nb\nc\u2028d\u001b[31m\u0007')).toBe('a b c d?[31m?')
  expect(logText('one\u001b]8;;x\u0007\ntwo\u202e')).toBe('one?]8;;x?\ntwo<U+202E>')
})

describe('the one rule for the log: logText and plainLog', () => {
  test('controls shown as ?, invisible controls made visible, line breaks kept', () => {
    expect(logText('a\u001b[30;40mb\u0007c\u0000\u202e\nnext\r\nlast\rcr')).toBe(
      'a?[30;40mb?c?<U+202E>\nnext\nlast cr'
    )
  })
})
