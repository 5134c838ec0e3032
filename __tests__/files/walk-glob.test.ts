import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expandGlobs } from '../../src/files/expand-globs.js'
import { type WalkStats, walkGlob } from '../../src/files/walk-glob.js'
import { findReports } from '../../src/run/merge.js'

/**
 * The one glob expander on trees a pull request controls: symlinks to `/`, to the workspace
 * itself and out of it, FIFOs. The old walk (tinyglobby, following every symlink) walked the
 * whole machine through `rootlink -> /` and read `loop -> .`'s files twice.
 */

let root: string
let outside: string
const files = (tree: Record<string, string>): void => {
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    writeFileSync(join(root, file), text)
  }
}
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dg-walk-'))
  outside = mkdtempSync(join(tmpdir(), 'dg-walk-outside-'))
  files({ Dockerfile: 'FROM a\n', 'svc/Dockerfile': 'FROM b\n', 'svc/deep/Dockerfile': '' })
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

describe('the walk stays in the workspace', () => {
  test('rootlink -> / is not walked: the work is the workspace’s alone', async () => {
    symlinkSync('/', join(root, 'rootlink'))
    const stats: WalkStats = { directories: 0, entries: 0 }
    const found = await expandGlobs('**/Dockerfile', root, { stats })
    expect(found).toEqual(['Dockerfile', 'svc/Dockerfile', 'svc/deep/Dockerfile'])
    // root, svc, svc/deep; rootlink resolves outside and is never read.
    expect(stats.directories).toBe(3)
    expect(stats.entries).toBe(6)
  })

  test('loop -> . and a second link to svc are not read twice', async () => {
    symlinkSync('.', join(root, 'loop'))
    symlinkSync('svc', join(root, 'again'))
    const stats: WalkStats = { directories: 0, entries: 0 }
    const found = await expandGlobs('**/Dockerfile', root, { stats })
    expect(found).toEqual(['Dockerfile', 'svc/Dockerfile', 'svc/deep/Dockerfile'])
    expect(stats.directories).toBe(3)
  })

  test('a directory symlink is not entered by the walk; a pattern may start at one inside', async () => {
    symlinkSync('svc', join(root, 'linked'))
    await expect(expandGlobs('**/Dockerfile', root)).resolves.toEqual([
      'Dockerfile',
      'svc/Dockerfile',
      'svc/deep/Dockerfile'
    ])
    await expect(expandGlobs('linked/*', root)).resolves.toEqual(['linked/Dockerfile'])
  })

  test('a directory symlink out of the workspace is not followed, and its files are never listed', async () => {
    writeFileSync(join(outside, 'Dockerfile'), '')
    symlinkSync(outside, join(root, 'out'))
    await expect(expandGlobs('**/Dockerfile', root)).resolves.toEqual([
      'Dockerfile',
      'svc/Dockerfile',
      'svc/deep/Dockerfile'
    ])
    await expect(expandGlobs('out/*', root)).rejects.toThrow("pattern 'out/*' matches no files")
  })

  test('a pattern that starts outside the workspace is refused', async () => {
    await expect(expandGlobs('../*/Dockerfile', root)).rejects.toThrow(
      `the pattern '../*/Dockerfile' starts outside ${root}; only files inside it are read`
    )
  })

  test('a FIFO is listed without being opened (the reader refuses it), and the walk ends', async () => {
    execFileSync('mkfifo', [join(root, 'svc', 'Containerfile')])
    await expect(expandGlobs('**/Containerfile', root)).resolves.toEqual(['svc/Containerfile'])
  }, 10_000)

  test('a pattern without ** reads no deeper than it can match', async () => {
    const stats: WalkStats = { directories: 0, entries: 0 }
    await walkGlob('svc/*', { cwd: root, stats })
    expect(stats.directories).toBe(1)
  })
})

describe('matching is linear in the name', () => {
  test("a 200-character file name against '*a' 22 times then 'b': answered at once", async () => {
    // picomatch's regex (and so tinyglobby's) backtracks over this for far longer than the
    // jest timeout; the automaton reads each character once per state.
    files({ [`svc/${'a'.repeat(200)}`]: '', [`svc/${'a'.repeat(199)}b`]: '' })
    const pattern = `**/${'*a'.repeat(22)}b`
    await expect(expandGlobs(pattern, root)).resolves.toEqual([`svc/${'a'.repeat(199)}b`])
  }, 10_000)
})

describe('the walk ends at the run’s deadline', () => {
  test('a walk past the deadline stops with an error naming the pattern', async () => {
    for (let i = 0; i < 5; i++) files({ [`d${i}/x/Dockerfile`]: '' })
    // A clock that moves one second at each look: the deadline passes at the third directory.
    let clock = 0
    const now = (): number => (clock += 1000)
    await expect(expandGlobs('**/Dockerfile', root, { deadline: 2500, now })).rejects.toThrow(
      /^the pattern '\*\*\/Dockerfile' was still being expanded when the run's time ran out \(after \d+ entries in 2 directories\); narrow it$/
    )
  })
})

describe('reports use the same walk', () => {
  test('a reports glob does not follow a symlink out of its base, nor a loop', async () => {
    files({ 'shards/r1.json': '{}', 'shards/r2.json': '{}' })
    writeFileSync(join(outside, 'r3.json'), '{}')
    symlinkSync(outside, join(root, 'shards', 'out'))
    symlinkSync('.', join(root, 'shards', 'loop'))
    const found = await findReports(['shards/**/*.json'], root)
    expect(found).toEqual({ files: ['shards/r1.json', 'shards/r2.json'], problems: [] })
  })
})
