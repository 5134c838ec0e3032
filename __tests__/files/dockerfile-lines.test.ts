/**
 * A Dockerfile's logical lines (dockerfile-lines.ts), through the references found in them:
 * continuations, comments inside a continuation, heredoc bodies stepped over, `# escape=`.
 * Through findReferences, so the test holds however the reader is split up. Then parser
 * directives (parseDirective, readInstructions) as large as a pull request can make them.
 */
import fc from 'fast-check'
import { parseDirective, readInstructions } from '../../src/files/dockerfile-lines.js'
import { findReferences } from '../../src/files/find-references.js'

const images = (text: string) =>
  findReferences('Dockerfile', text).references.map(r => [r.line, r.column, r.image])

test('a continued FROM is one instruction, starting on its first line', () => {
  expect(images('FROM \\\n  alpine:3.20 \\\n  AS base\nRUN true\n')).toEqual([
    [2, 3, 'alpine:3.20']
  ])
})

test('comment and blank lines inside a continuation are dropped', () => {
  expect(images('FROM --platform=linux/amd64 \\\n# a comment\n\n  nginx:1.27\n')).toEqual([
    [4, 3, 'nginx:1.27']
  ])
})

test('a heredoc body is never read as instructions', () => {
  const text = 'FROM alpine:3.20\nRUN <<EOF\nFROM evil:1\nEOF\nFROM busybox:1.36\n'
  expect(images(text)).toEqual([
    [1, 6, 'alpine:3.20'],
    [5, 6, 'busybox:1.36']
  ])
})

test('# escape=` makes the backtick the continuation character', () => {
  const text = '# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022\n'
  expect(images(text)).toEqual([[3, 3, 'mcr.microsoft.com/windows/nanoserver:ltsc2022']])
})

test('CRLF line endings count as one line break each', () => {
  expect(images('# c\r\nFROM alpine:3.20\r\nFROM nginx:1.27\r\n')).toEqual([
    [2, 6, 'alpine:3.20'],
    [3, 6, 'nginx:1.27']
  ])
})

describe('parser directives', () => {
  test("'# syntax=a', 200,000 spaces, 'b': read in one pass", () => {
    // `(.+?)[ \t]*$` rescanned the spaces at every lazy step: 53 s on this line.
    const line = `# syntax=a${' '.repeat(200_000)}b`
    expect(parseDirective(line)).toEqual({ name: 'syntax', value: `a${' '.repeat(200_000)}b` })
    const { instructions } = readInstructions(`${line}\nFROM alpine\n`)
    expect(instructions.map(i => i.keyword)).toEqual(['FROM'])
  }, 5_000)

  test('a directive of 1,000,000 blanks then a line separator is no directive, at once', () => {
    // The shape that would make a greedy `(.*)$` backtrack instead.
    expect(parseDirective(`# a=${' \t'.repeat(500_000)}\u2028`)).toBeNull()
  }, 5_000)

  test('reads what the regex it replaced read', () => {
    const old = /^#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$/
    const line = fc
      .array(fc.constantFrom('#', ' ', '\t', '=', 'a', 'Z', '9', '`', '\\', '\u2028', '-'), {
        maxLength: 14
      })
      .map(p => p.join(''))
    fc.assert(
      fc.property(line, l => {
        const m = old.exec(l)
        expect(parseDirective(l)).toEqual(m ? { name: m[1], value: m[2] } : null)
      }),
      { numRuns: 5_000 }
    )
  })

  test('the escape directive still sets the escape', () => {
    expect(readInstructions('#  escape = `  \nFROM a\n').escape).toBe('`')
    expect(readInstructions('# escape=\\\t\nFROM a\n').escape).toBe('\\')
  })
})
