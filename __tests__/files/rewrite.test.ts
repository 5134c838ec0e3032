import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { findReferences } from '../../src/files/find-references.js'
import {
  type Splice,
  applySplices,
  decodeText,
  pinnedText,
  rewriteBytes
} from '../../src/files/rewrite.js'
import { digest } from './helpers.js'

const D = digest('d')

describe('pinnedText', () => {
  test.each([
    ['nginx:1.27', `nginx:1.27@${D}`],
    ['docker.io/library/nginx:1.27', `docker.io/library/nginx:1.27@${D}`],
    ['localhost:5000/app:v1', `localhost:5000/app:v1@${D}`],
    [`nginx:1.27@${digest('0')}`, `nginx:1.27@${D}`],
    [`nginx@${digest('0')}`, `nginx@${D}`],
    [`localhost:5000/app@${digest('0')}`, `localhost:5000/app@${D}`],
    ['nginx', `nginx:latest@${D}`],
    ['localhost:5000/app', `localhost:5000/app:latest@${D}`],
    ['[::1]:5000/app', `[::1]:5000/app:latest@${D}`]
  ])('%s', (text, want) => {
    expect(pinnedText(text, D)).toBe(want)
  })

  test('a malformed digest is refused with the reference named', () => {
    expect(() => pinnedText('nginx:1.27', 'sha256:abc')).toThrow(
      "Cannot pin 'nginx:1.27': digest 'sha256:abc' must have 64 lowercase hex digits after 'sha256:'"
    )
  })
})

describe('applySplices', () => {
  const text = 'FROM a:1\nFROM b:2\n'
  test('splices in any order, keeping every other character', () => {
    const splices: Splice[] = [
      { start: 14, end: 17, replacement: 'bb:2', expect: 'b:2' },
      { start: 5, end: 8, replacement: 'aa:1', expect: 'a:1' }
    ]
    expect(applySplices(text, splices)).toBe('FROM aa:1\nFROM bb:2\n')
  })

  test('an identical splice twice is applied once', () => {
    const s: Splice = { start: 5, end: 8, replacement: 'x', expect: 'a:1' }
    expect(applySplices(text, [s, { ...s }])).toBe('FROM x\nFROM b:2\n')
  })

  test.each<[string, Splice[], string]>([
    [
      'two different rewrites of one span',
      [
        { start: 5, end: 8, replacement: 'x' },
        { start: 5, end: 8, replacement: 'y' }
      ],
      "Dockerfile: two different rewrites of offsets 5-8 ('x' and 'y')"
    ],
    [
      'overlapping spans',
      [
        { start: 5, end: 8, replacement: 'x' },
        { start: 7, end: 10, replacement: 'y' }
      ],
      'Dockerfile: rewrite of offsets 7-10 overlaps another or lies outside the text'
    ],
    [
      'a span past the end',
      [{ start: 15, end: 99, replacement: 'x' }],
      'Dockerfile: rewrite of offsets 15-99 overlaps another or lies outside the text'
    ],
    [
      'text that changed since the scan',
      [{ start: 5, end: 8, replacement: 'x', expect: 'a:2' }],
      "Dockerfile: expected 'a:2' at offset 5 but found 'a:1'; the file changed since it was read"
    ]
  ])('refuses %s', (_name, splices, message) => {
    expect(() => applySplices(text, splices, 'Dockerfile')).toThrow(message)
  })
})

describe('decodeText and rewriteBytes', () => {
  test('a BOM is kept, so offsets count it and it is written back', () => {
    const bytes = Buffer.from('\uFEFFFROM a:1\r\n', 'utf8')
    const { text, problem } = decodeText(bytes, 'Dockerfile')
    expect(problem).toBeUndefined()
    expect(text).toBe('\uFEFFFROM a:1\r\n')
    const out = rewriteBytes(bytes, 'Dockerfile', [{ start: 6, end: 9, replacement: 'b:2' }])
    expect(Buffer.from(out)).toEqual(Buffer.from('\uFEFFFROM b:2\r\n', 'utf8'))
  })

  test('multi-byte characters before a span', () => {
    const bytes = Buffer.from('# Größe 🐳\nFROM a:1\n', 'utf8')
    const { text } = decodeText(bytes, 'Dockerfile')
    const [ref] = findReferences('Dockerfile', text).references
    const out = rewriteBytes(bytes, 'Dockerfile', [
      { start: ref.start, end: ref.end, replacement: 'b:2', expect: 'a:1' }
    ])
    expect(Buffer.from(out).toString('utf8')).toBe('# Größe 🐳\nFROM b:2\n')
  })

  test.each([
    ['a Latin-1 byte', Buffer.from('FROM a:1\n# caf\xe9\n', 'latin1'), 'byte 14, line 2'],
    ['a truncated sequence', Buffer.from([0x46, 0x52, 0xe2, 0x82]), 'byte 2, line 1'],
    ['an overlong encoding', Buffer.from([0x0a, 0x0a, 0xc0, 0xaf]), 'byte 2, line 3'],
    ['a surrogate', Buffer.from([0x41, 0xed, 0xa0, 0x80]), 'byte 1, line 1']
  ])('a file with %s is scanned but not rewritten', (_name, bytes, where) => {
    const { text, problem } = decodeText(bytes, 'Dockerfile')
    expect(text).toContain('\uFFFD')
    const message = `Dockerfile is not valid UTF-8 (${where}); refusing to rewrite it, as writing the text back would change bytes it does not understand`
    expect(problem).toBe(message)
    expect(() => rewriteBytes(bytes, 'Dockerfile', [])).toThrow(message)
  })

  test('valid four-byte and three-byte sequences pass', () => {
    expect(decodeText(Buffer.from('€ 𝄞 \u{10FFFF} \uFFFD', 'utf8'), 'x').problem).toBeUndefined()
  })
})

/** A digest per image, so every pin is distinct and traceable. */
const digestFor = (image: string): string =>
  `sha256:${createHash('sha256').update(image).digest('hex')}`

/** The expected bytes, built from the original bytes and the spans alone (no string splicing). */
function expectedBytes(original: Buffer, text: string, splices: Splice[]): Buffer {
  const parts: Buffer[] = []
  let at = 0
  for (const s of [...splices].sort((a, b) => a.start - b.start)) {
    const from = Buffer.byteLength(text.slice(0, s.start), 'utf8')
    const to = Buffer.byteLength(text.slice(0, s.end), 'utf8')
    expect(original.subarray(from, to).toString('utf8')).toBe(s.expect)
    parts.push(original.subarray(at, from), Buffer.from(s.replacement, 'utf8'))
    at = to
  }
  parts.push(original.subarray(at))
  return Buffer.concat(parts)
}

describe('pinning the fixtures changes only the references', () => {
  test.each([
    'Dockerfile',
    'Containerfile',
    'windows.Dockerfile',
    'compose.yaml',
    'docker-compose.override.yml',
    'deploy/rendered.yaml',
    '.github/workflows/ci.yml'
  ])('%s', file => {
    const original = readFileSync(`__tests__/fixtures/files/${file}`)
    const { text } = decodeText(original, file)
    const scan = findReferences(file, text)
    const pinnable = scan.references.filter(r => r.pinnable)
    expect(pinnable.length).toBeGreaterThan(0)
    const splices = pinnable.map(r => ({
      start: r.start,
      end: r.end,
      replacement: pinnedText(r.text, digestFor(r.image)),
      expect: r.text
    }))
    const out = Buffer.from(rewriteBytes(original, file, splices))

    // Byte for byte: the original with the spans replaced, nothing else.
    const unique = splices.filter(
      (s, i) => splices.findIndex(t => t.start === s.start && t.end === s.end) === i
    )
    expect(out.equals(expectedBytes(original, text, unique))).toBe(true)

    // Line endings and comments survive.
    const lines = (b: Buffer) => b.toString('utf8').split('\n')
    expect(lines(out)).toHaveLength(lines(original).length)
    expect(out.toString('utf8').split('\r\n').length).toBe(
      original.toString('utf8').split('\r\n').length
    )
    const comments = (b: Buffer) => lines(b).filter(l => /^\s*#/.test(l))
    expect(comments(out)).toEqual(comments(original))

    // Read again, each reference is found where it was, now pinned to its digest.
    const again = findReferences(file, out.toString('utf8'))
    expect(again.references.map(r => [r.line, r.column, r.where])).toEqual(
      scan.references.map(r => [r.line, r.column, r.where])
    )
    again.references.forEach((r, i) => {
      const before = scan.references[i]
      if (!before.pinnable) return expect(r.text).toBe(before.text)
      expect(r.image.endsWith(`@${digestFor(before.image)}`)).toBe(true)
      expect(r.image.startsWith(before.image.split('@')[0])).toBe(true)
    })
    expect(again.skipped).toEqual(scan.skipped)
    expect(again.problems).toEqual([])
  })
})
