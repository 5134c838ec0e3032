/**
 * A Dockerfile's logical lines (dockerfile-lines.ts), through the references found in them:
 * continuations, comments inside a continuation, heredoc bodies stepped over, `# escape=`.
 * Through findReferences, so the test holds however the reader is split up.
 */
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
