import { renderFilesSummary, renderFilesText } from '../../src/render/files-section.js'
import type { FileReport, ReferenceEntry } from '../../src/model/files.js'

const entry: ReferenceEntry = {
  line: 3,
  column: 12,
  text: 'ghcr.io/acme/web:1',
  image: 'ghcr.io/acme/web:1',
  where: 'services.web.image',
  status: 'pinned',
  level: 'notice',
  message: "'ghcr.io/acme/web:1' (services.web.image) pinned",
  to: `ghcr.io/acme/web:1@sha256:${'a'.repeat(64)}`
}

function file(overrides: Partial<FileReport> = {}): FileReport {
  return {
    file: 'compose.yaml',
    kind: 'compose',
    references: [entry],
    skipped: [],
    problems: [],
    ...overrides
  }
}

describe('renderFilesSummary', () => {
  test('per file, each reference with its place, status and what was done; what changed', () => {
    const md = renderFilesSummary('pin', [file()], ['compose.yaml'])
    expect(md).toContain('1 file, 1 reference: 1 pinned.')
    expect(md).toContain('Changed: <code>compose.yaml</code>')
    expect(md).toContain('#### ✅ <code>compose.yaml</code> (compose)')
    expect(md).toContain(
      `| 3:12 | <code>ghcr.io/acme/web:1</code> | ✅ pinned | <code>ghcr.io/acme/web:1@sha256:${'a'.repeat(64)}</code><br>'ghcr.io/acme/web:1' \\(services.web.image\\) pinned |`
    )
  })

  test('text from the files cannot inject Markdown, HTML or hidden characters', () => {
    const hostile = file({
      file: 'a|b<script>.yaml',
      references: [
        { ...entry, text: 'x](http://evil)', message: '| cell <img src=x>\n# heading\u202e' }
      ],
      skipped: [{ line: 1, column: 1, where: '**w**', text: '`t`', reason: '<b>r</b>' }]
    })
    const md = renderFilesSummary('verify', [hostile], [])
    for (const bad of ['<script>', '<img', '<b>', '](http://', '\n# heading', '\u202e'])
      expect(md).not.toContain(bad)
    // A table cell's pipe only ever escaped.
    expect(md).not.toMatch(/[^\\]\| cell/)
    expect(md).toContain('\\| cell')
    expect(md).toContain('&lt;U\\+202E&gt;')
  })

  test('within its byte budget, pointing at the report file for the rest', () => {
    const many = Array.from({ length: 200 }, (_, i) => file({ file: `f${i}/compose.yaml` }))
    const md = renderFilesSummary('verify', many, [], 20_000)
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(20_000)
    const shown = (md.match(/^#### /gm) ?? []).length
    expect(shown).toBeGreaterThan(10)
    expect(md).toContain(
      `…and ${200 - shown} more files, in the report file (output \`report-file\`).`
    )
  })
})

describe('renderFilesText', () => {
  test('file:line:col: status: message, every finding, problems, skipped and what changed', () => {
    const lines = renderFilesText(
      'verify',
      [
        file({
          references: [
            {
              ...entry,
              status: 'stale',
              level: 'error',
              message: 'stale!',
              findings: [
                { status: 'stale', level: 'error', message: 'stale!' },
                { status: 'not-found', level: 'error', message: 'gone\u001b[2J' }
              ]
            }
          ],
          problems: [{ line: 9, column: 2, level: 'warning', message: 'odd' }],
          skipped: [{ line: 5, column: 7, where: 'w', text: '${X}', reason: 'a variable' }]
        }),
        file({ file: 'README.md', kind: null, references: [] })
      ],
      []
    )
    expect(lines).toEqual([
      'verify: 2 files, 1 reference: 1 stale',
      'compose.yaml:9:2: warning: odd',
      'compose.yaml:3:12: stale: stale!',
      'compose.yaml:3:12: not-found: gone?[2J',
      "compose.yaml:5:7: not followed: '${X}': a variable",
      'README.md: not a supported kind; not read'
    ])
  })
})
