/**
 * Scanning the files read (scan-files.ts), on real files in a temporary workspace: each file's
 * references, a Compose file with the `.env` beside it loaded for its pins, unreadable files
 * left out.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFiles } from '../../src/files/read-files.js'
import { scanFiles } from '../../src/files/scan-files.js'

let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dg-scan-files-'))
  await writeFile(join(root, 'Dockerfile'), 'FROM alpine:3.20\nFROM nginx:1.27 AS web\n')
  await writeFile(join(root, 'compose.yaml'), 'services:\n  api:\n    image: "${API_IMAGE}"\n')
  await writeFile(join(root, '.env'), 'API_IMAGE=ghcr.io/acme/api:2.0\n')
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

test("each file's references; a Compose variable resolved through its .env, which is loaded too", async () => {
  const loaded = await loadFiles(['Dockerfile', 'compose.yaml'], root)
  const { scans, envFiles } = await scanFiles(loaded, root)
  expect(scans.map(s => [s.file, s.kind, s.references.map(r => [r.line, r.image])])).toEqual([
    [
      'Dockerfile',
      'dockerfile',
      [
        [1, 'alpine:3.20'],
        [2, 'nginx:1.27']
      ]
    ],
    ['compose.yaml', 'compose', [[3, 'ghcr.io/acme/api:2.0']]]
  ])
  expect(envFiles.map(f => f.file)).toEqual(['.env'])
  expect(scans.every(s => s.problems.length === 0)).toBe(true)
})

test('a file that could not be read is not scanned; nothing read, nothing loaded', async () => {
  const loaded = await loadFiles(['missing.yaml'], root)
  expect(loaded[0].text).toBeUndefined()
  expect(await scanFiles(loaded, root)).toEqual({ scans: [], envFiles: [] })
})
