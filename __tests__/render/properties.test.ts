/**
 * Properties of what the action writes for GitHub to render, over any text a registry or a
 * file may send (fast-check, seeded per run): nothing in it mentions anyone, references an
 * issue or becomes a link, whatever precedes it (issue 18); and nothing is inserted into it,
 * so a reference copied from the summary is the reference (issue 17). GitHub's reading is
 * modelled by __tests__/helpers/github-markdown.ts.
 */
import fc from 'fast-check'
import type { ImageRecord } from '../../src/model/record.js'
import { renderCommentBody } from '../../src/review/comment-body.js'
import { renderSummary } from '../../src/render/summary.js'
import { code, codeSpan, escapeMarkdown } from '../../src/model/text.js'
import { liveThings, readMarkdown } from '../helpers/github-markdown.js'

const RUNS = 2000

/** Pieces that GitHub, Markdown or a terminal make something of, and plain ones between. */
const piece = fc.constantFrom(
  ...['@', '#', '1', '42', 'a', 'Z', '_', '-', '/', '.', ':', '`', '``', '\\', '|', '(', ')'],
  ...['[', ']', '<', '>', '&', ';', '*', '~', '!', '"', ' ', '\n', '\r', '\u0007', '\u001b'],
  ...['\u0000', '\u200b', '\u202e', 'www.', 'http://', 'HTTPS://', 'ftp://', 'oci-layout://'],
  ...['@octocat', '@octo-org/team', '#123', 'GH-9', 'me@example.com', '&amp;', '<!--', '-->'],
  ...['<code>', '</code>', 'sha256:', 'e.vil']
)
const hostile = fc.array(piece, { maxLength: 24 }).map(parts => parts.join(''))

/** What a reader should see of a registry string on one line: as sent, controls aside. */
function expectedVisible(text: string): string {
  return (
    text
      .replace(/[\u200b\u202e]/g, c => `<U+${c.charCodeAt(0).toString(16).toUpperCase()}>`)
      .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
      // eslint-disable-next-line no-control-regex -- the controls the summary drops
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
  )
}

describe('escapeMarkdown and code', () => {
  test.each([
    ['escapeMarkdown', escapeMarkdown],
    ['code', code]
  ])('%s: nothing live, and the text reads and copies as sent', (_name, render) => {
    fc.assert(
      fc.property(hostile, text => {
        const read = readMarkdown(render(text))
        expect(liveThings(read.live)).toEqual([])
        expect(read.visible).toBe(expectedVisible(text))
      }),
      { numRuns: RUNS }
    )
  })

  test.each([
    ['`@octocat', '`` `@octocat ``'],
    ['a``b', '```a``b```'],
    ['@x`', '`` @x` ``'],
    ['plain', '`plain`']
  ])('codeSpan(%j) is %j: one backtick more than any run inside', (text, span) => {
    expect(codeSpan(text)).toBe(span)
    expect(readMarkdown(span).visible).toBe(text)
  })

  test('the issue’s case: a backtick before a mention leaves no live mention', () => {
    const md = escapeMarkdown('denied: ask `@octocat or #123')
    expect(md).toBe('denied: ask `` `@octocat `` or `#123`')
    expect(liveThings(readMarkdown(md).live)).toEqual([])
  })
})

function record(text: (i: number) => string): ImageRecord {
  return {
    image: text(0),
    ref: `ghcr.io/o/app:${text(1)}`,
    digest: `sha256:${'a'.repeat(64)}`,
    mediaType: text(2),
    platforms: [
      {
        platform: text(3),
        digest: `sha256:${'b'.repeat(64)}`,
        mediaType: null,
        layers: 1,
        size: 10,
        layerList: [
          { digest: `sha256:${'c'.repeat(64)}`, size: 1, mediaType: 'x', problem: text(4) }
        ]
      }
    ],
    attestations: 0,
    missing: [text(5)],
    error: null,
    notes: [text(6)],
    blobHosts: [text(7)],
    violations: [
      { image: text(0), platform: text(3), rule: 'max-size', expected: text(8), found: text(9) }
    ]
  }
}

function failedRecord(image: string, message: string): ImageRecord {
  return {
    ...record(() => image),
    platforms: [],
    missing: [],
    violations: undefined,
    error: `${image}: ${message}`,
    errorDetail: { kind: 'not-found', message }
  }
}

describe('the comment and the summary, with every registry field hostile', () => {
  const texts = fc.array(hostile, { minLength: 10, maxLength: 10 })

  test('no mention, issue reference or link from registry text anywhere', () => {
    fc.assert(
      fc.property(texts, hostile, (t, message) => {
        const records = [record(i => t[i]), failedRecord(t[0], message)]
        const missing = [{ image: t[0], platform: t[5] }]
        const comment = renderCommentBody(
          { records, missing, ok: false, problems: [message] },
          { workflow: 'w', job: 'j' }
        ).body
        const summary = renderSummary(records, 'failed', undefined)
        for (const md of [comment, summary]) expect(liveThings(readMarkdown(md).live)).toEqual([])
      }),
      { numRuns: RUNS / 4 }
    )
  })
})
