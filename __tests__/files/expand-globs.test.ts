import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expandGlobs } from '../../src/files/expand-globs.js'

let root: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'digest-gate-globs-'))
  for (const file of [
    'Dockerfile',
    'services/api/Dockerfile',
    'services/web/Dockerfile',
    'services/web/Dockerfile.dev',
    'compose.yaml',
    '.github/workflows/ci.yml',
    '.github/workflows/release.yaml',
    'deploy/app.yaml',
    'deploy/legacy/old.yaml',
    'node_modules/pkg/Dockerfile',
    '.git/Dockerfile'
  ]) {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    writeFileSync(join(root, file), '')
  }
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('expandGlobs', () => {
  test.each<[string, string, string[]]>([
    [
      'one pattern per line, sorted, without duplicates',
      '**/Dockerfile\nDockerfile\nservices/*/Dockerfile\n',
      ['Dockerfile', 'services/api/Dockerfile', 'services/web/Dockerfile']
    ],
    [
      'dot-directories are searched; node_modules and .git never are',
      '**/Dockerfile*\n**/*.yml',
      [
        '.github/workflows/ci.yml',
        'Dockerfile',
        'services/api/Dockerfile',
        'services/web/Dockerfile',
        'services/web/Dockerfile.dev'
      ]
    ],
    [
      'a ! line excludes from every pattern, wherever it stands',
      '!deploy/legacy/**\ndeploy/**/*.yaml\n.github/workflows/*.{yml,yaml}',
      ['.github/workflows/ci.yml', '.github/workflows/release.yaml', 'deploy/app.yaml']
    ],
    [
      'blank lines, comments and CRLF are ignored',
      '# images\r\n\r\n  compose.yaml  \r\n',
      ['compose.yaml']
    ]
  ])('%s', async (_name, patterns, want) => {
    await expect(expandGlobs(patterns, root)).resolves.toEqual(want)
  })

  test('a pattern that matches nothing is named', async () => {
    await expect(expandGlobs('Dockerfile\nk8s/**/*.yaml', root)).rejects.toThrow(
      `files: pattern 'k8s/**/*.yaml' matches no files under ${root}`
    )
  })

  test('every pattern that matches nothing is named, exclusions mentioned', async () => {
    await expect(
      expandGlobs('nope.yml\ndeploy/legacy/*.yaml\n!deploy/legacy/**', root)
    ).rejects.toThrow(
      `files: patterns 'nope.yml', 'deploy/legacy/*.yaml' match no files under ${root} (after the ! exclusions)`
    )
  })

  test.each([
    ['', 'files: no pattern given'],
    ['# only a comment\n', 'files: no pattern given'],
    [
      '!Dockerfile',
      'files: only exclusions (!pattern) were given; add a pattern naming the files to check'
    ]
  ])('%j is refused', async (patterns, message) => {
    await expect(expandGlobs(patterns, root)).rejects.toThrow(message)
  })
})
