import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FILE_CAP, loadFiles, rewriteFile } from '../../src/files/read-files.js'

let root: string
let outside: string

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'digest-gate-read-'))
  outside = mkdtempSync(join(tmpdir(), 'digest-gate-outside-'))
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

describe('loadFiles', () => {
  test('reads each file as text, keeping a BOM; a symlink inside the workspace is followed', async () => {
    writeFileSync(join(root, 'Dockerfile'), '\ufeffFROM alpine:3.20\r\n')
    mkdirSync(join(root, 'sub'))
    symlinkSync(join(root, 'Dockerfile'), join(root, 'sub', 'Dockerfile'))
    const [plain, linked] = await loadFiles(['Dockerfile', 'sub/Dockerfile'], root)
    expect(plain).toEqual({
      file: 'Dockerfile',
      path: join(root, 'Dockerfile'),
      text: '\ufeffFROM alpine:3.20\r\n'
    })
    expect(linked).toMatchObject({ file: 'sub/Dockerfile', text: plain.text })
  })

  test('refuses a symlink out of the workspace, a missing file and one over the cap, by name', async () => {
    writeFileSync(join(outside, 'secret'), 'FROM x\n')
    symlinkSync(join(outside, 'secret'), join(root, 'Dockerfile'))
    writeFileSync(join(root, 'big.Dockerfile'), Buffer.alloc(FILE_CAP + 1, 0x20))
    const files = await loadFiles(['Dockerfile', 'gone.Dockerfile', 'big.Dockerfile'], root)
    expect(files.map(f => [f.text, f.problem?.line, f.problem?.message])).toEqual([
      [undefined, 1, 'Dockerfile: leads outside the workspace; not read'],
      [undefined, 1, 'gone.Dockerfile: cannot be read (ENOENT)'],
      [
        undefined,
        1,
        `big.Dockerfile: is ${FILE_CAP + 1} bytes, over the ${FILE_CAP}-byte limit for a file of references`
      ]
    ])
  })

  test('a FIFO, directly or through a symlink, is that file’s problem; the others are read', async () => {
    // A plain open of a FIFO waits for a writer forever: the old loader never returned.
    execFileSync('mkfifo', [join(root, 'Dockerfile')])
    symlinkSync(join(root, 'Dockerfile'), join(root, 'linked.Dockerfile'))
    mkdirSync(join(root, 'dir.Dockerfile'))
    writeFileSync(join(root, 'Containerfile'), 'FROM alpine:3.20\n')
    const files = await loadFiles(
      ['Dockerfile', 'linked.Dockerfile', 'dir.Dockerfile', 'Containerfile'],
      root
    )
    expect(files.map(f => [f.file, f.text, f.problem?.message])).toEqual([
      ['Dockerfile', undefined, 'Dockerfile: is a FIFO, not a file; not read'],
      ['linked.Dockerfile', undefined, 'linked.Dockerfile: is a FIFO, not a file; not read'],
      ['dir.Dockerfile', undefined, 'dir.Dockerfile: is a directory, not a file; not read'],
      ['Containerfile', 'FROM alpine:3.20\n', undefined]
    ])
  }, 10_000)

  test('a file that is not UTF-8 is read for scanning, marked unwritable at its first bad byte', async () => {
    writeFileSync(join(root, 'Dockerfile'), Buffer.from('FROM a\n# caf\xe9 au lait\n', 'latin1'))
    const [f] = await loadFiles(['Dockerfile'], root)
    expect(f.text).toBe('FROM a\n# caf\ufffd au lait\n')
    expect(f.unwritable).toMatchObject({ file: 'Dockerfile', line: 2, column: 6 })
    expect(f.unwritable?.message).toMatch(/^Dockerfile is not valid UTF-8 \(byte 12, line 2\)/)
  })
})

describe('rewriteFile', () => {
  test('writes the splices; refuses, untouched, a file changed since it was scanned', async () => {
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20 AS a\r\n')
    const [f] = await loadFiles(['Dockerfile'], root)
    const splice = { start: 5, end: 16, replacement: 'alpine:3.20@sha256:x', expect: 'alpine:3.20' }
    expect(await rewriteFile(f, [splice])).toBe(true)
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe(
      'FROM alpine:3.20@sha256:x AS a\r\n'
    )
    expect(
      await rewriteFile(f, [{ ...splice, replacement: 'alpine:3.20', expect: 'alpine:3.20' }])
    ).toBe(false)
    writeFileSync(join(root, 'Dockerfile'), 'FROM ubuntu:24.04 AS a\n')
    await expect(rewriteFile(f, [splice])).rejects.toThrow(
      "Dockerfile: expected 'alpine:3.20' at offset 5 but found 'ubuntu:24.0'; the file changed since it was read"
    )
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe('FROM ubuntu:24.04 AS a\n')
  })
})
