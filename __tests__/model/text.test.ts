/**
 * Registry-supplied text for where it is shown (text.ts): sizes and digests in short, code
 * spans, invisible controls made visible, one plain line for a terminal, the log's rule.
 * (escapeMarkdown and code against GitHub's renderer: __tests__/render/properties.test.ts.)
 */
import {
  codeSpan,
  escapeMarkdown,
  humanSize,
  logText,
  plainText,
  quoteVisible,
  shortDigest,
  visibleText
} from '../../src/model/text.js'
import { D } from '../helpers/records.js'

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

describe('humanSize', () => {
  test.each<[number | null | undefined, string]>([
    [1, '1 B'],
    [1536, '1.50 KiB'],
    [1024 * 1024, '1.00 MiB'],
    [68123456, '65.0 MiB'],
    [5 * 1024 ** 3, '5.00 GiB'],
    [2 * 1024 ** 4, '2.00 TiB']
  ])('%p → %s', (bytes, text) => {
    expect(humanSize(bytes)).toBe(text)
  })
})

describe('shortDigest', () => {
  test.each<[string | null | undefined, string]>([
    [D('a'), 'sha256:aaaaaaaaaaaa'],
    [`sha512:${'b'.repeat(128)}`, 'sha512:bbbbbbbbbbbb'],
    [undefined, 'n/a']
  ])('%p → %s', (digest, short) => {
    expect(shortDigest(digest)).toBe(short)
  })
})

describe('escapeMarkdown', () => {
  test.each<[string, string]>([
    ['plain-text.v1:tag', 'plain-text.v1:tag'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert\\(1\\)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['a|b', 'a\\|b'],
    ['| x | y |', '\\| x \\| y \\|'],
    ['[x](y)', '\\[x\\]\\(y\\)'],
    // An empty HTML comment keeps GitHub from autolinking what a registry sent; GitHub drops
    // it from the page, so nothing is inserted into what a reader sees and copies.
    ['![img](https://e.vil/x.png)', '\\!\\[img\\]\\(https:<!-- -->//e.vil/x.png\\)'],
    ['see https://evil.example/phish', 'see https:<!-- -->//evil.example/phish'],
    ['www.evil.example', 'www<!-- -->.evil.example'],
    ['`code`', '\\`code\\`'],
    ['```', '\\`\\`\\`'],
    ['**bold** _it_ ~~s~~', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~'],
    ['# heading', '\\# heading'],
    ['a & b "q"', 'a &amp; b &quot;q&quot;'],
    ['&lt;', '&amp;lt;'],
    ['back\\slash', 'back\\\\slash'],
    ['line1\nline2\r\nline3', 'line1 line2 line3'],
    ['a\rb\u2028c\u2029d', 'a b c d'],
    ['bell\u0007esc\u001b[31m', 'bellesc\\[31m']
  ])('%j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped)
  })

  test.each(['<script>alert(1)</script>', 'a|b|c', '[x](y)', '`x`', 'a\n| --- |'])(
    '%j leaves nothing active',
    text => {
      const out = escapeMarkdown(text)
      expect(out).not.toMatch(/[<>\n]/)
      // Every markdown metacharacter is preceded by a backslash.
      expect(out).not.toMatch(/(^|[^\\])[|[\]()`]/)
    }
  )
})

describe('mentions in registry text (escapeMarkdown)', () => {
  // Was quietMentions, which put U+200B after the `@`: now a code span, and nothing inserted.
  test.each([
    ['@mona', '`@mona`'],
    ['ask @octo-org/team.', 'ask `@octo-org/team.`'],
    ['(@x)', '\\(`@x`\\)'],
    ['nginx@sha256:abc', 'nginx@sha256:abc'],
    ['me@example.com', '`me@example.com`'],
    ['a @ b', 'a @ b']
  ])('%j → %j', (text, quiet) => {
    expect(escapeMarkdown(text)).toBe(quiet)
  })
})
