/**
 * Issue 18's hangs and unbounded work, met as a user meets them: the built action over a
 * workspace (or layout, or policy) in a temporary directory holding real files, symlinks and
 * FIFOs. Each input here made the old action run for minutes, hours or forever; runAction's
 * limit (60 s, or less where given) ends such a run and fails the test. No timings are asserted.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type ActionRun, REPO_ROOT, digestsOf, runAction } from './harness/action.js'

const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})
function workspace(tree: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dg-bounded-'))
  made.push(dir)
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  return dir
}
const verify = (dir: string, files: string, timeoutMs = 60_000): Promise<ActionRun> =>
  runAction({ files, mode: 'verify' }, { GITHUB_WORKSPACE: dir }, timeoutMs)

/** The log's `file:line:col: what` lines, one per file problem or reference. */
function annotated(run: ActionRun): string[] {
  return run.stdout.split('\n').filter(line => /^[^\s:]+:\d+:\d+: /.test(line))
}

describe('Dockerfiles that were quadratic', () => {
  test('100,000 global ARGs (3.7 MB): the scan ends and reaches the FROM after them', async () => {
    const count = 100_000
    const args = Array.from({ length: count - 1 }, (_, i) => `ARG A_${i}=registry.example/b:${i}`)
    const dir = workspace({
      Dockerfile: `${args.join('\n')}\nARG LAST\nFROM \${LAST}\n`
    })
    const run = await verify(dir, 'Dockerfile')
    expect(run.stderr).toBe('')
    expect(annotated(run)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Dockerfile:${count + 1}:6: .*ARG LAST \\(line ${count}\\) has no default value`
        )
      )
    )
  })

  test("'# syntax=a', 400,000 spaces, 'b': the directive is read and the FROM found", async () => {
    const dir = workspace({
      Dockerfile: `# syntax=a${' '.repeat(400_000)}b\nARG LAST\nFROM \${LAST}\n`
    })
    const run = await verify(dir, 'Dockerfile')
    expect(run.stderr).toBe('')
    expect(annotated(run)).toContainEqual(
      expect.stringMatching(/^Dockerfile:3:6: .*ARG LAST \(line 2\) has no default value/)
    )
  })
})

describe('the workspace walk', () => {
  test('rootlink -> / and loop -> . : each Dockerfile once, nothing outside listed', async () => {
    const dir = workspace({ Dockerfile: 'ARG X\nFROM ${X}\n', 'svc/Dockerfile': 'FROM scratch\n' })
    symlinkSync('/', join(dir, 'rootlink'))
    symlinkSync('.', join(dir, 'loop'))
    const run = await verify(dir, '**/Dockerfile')
    expect(run.stderr).toBe('')
    expect(run.stdout).not.toContain('rootlink')
    expect(run.stdout).not.toContain('loop/')
    expect(run.summary).not.toContain('rootlink')
    const report = run.report as unknown as { references?: { file: string }[] }
    expect((report.references ?? []).map(f => f.file).sort()).toEqual([
      'Dockerfile',
      'svc/Dockerfile'
    ])
    // The old walk listed loop/Dockerfile beside Dockerfile: the same ARG skipped twice.
    expect(annotated(run).filter(a => a.includes('ARG X'))).toHaveLength(1)
  })
})

describe('FIFOs', () => {
  test('a FIFO Dockerfile, directly and through a symlink: refused by name, the rest read', async () => {
    const dir = workspace({ 'svc/Dockerfile': 'ARG X\nFROM ${X}\n' })
    execFileSync('mkfifo', [join(dir, 'Dockerfile')])
    symlinkSync('../Dockerfile', join(dir, 'svc', 'Containerfile'))
    const run = await verify(dir, '**/Dockerfile\n**/Containerfile', 30_000)
    expect(run.stderr).toBe('')
    expect(annotated(run)).toEqual(
      expect.arrayContaining([
        'Dockerfile:1:1: error: is a FIFO, not a file; not read',
        'svc/Containerfile:1:1: error: is a FIFO, not a file; not read',
        expect.stringMatching(/^svc\/Dockerfile:2:6: .*ARG X \(line 1\) has no default value/)
      ])
    )
  })

  test('a FIFO in an OCI layout’s blobs/: that image fails, the other’s result is written', async () => {
    const layout = workspace()
    cpSync(join(REPO_ROOT, 'examples', 'hello-layout'), layout, { recursive: true })
    const index = 'e61ee32a8906968d22885276c8016bc09c00b6eb747028fbecf94de652bf001a'
    rmSync(join(layout, 'blobs', 'sha256', index))
    execFileSync('mkfifo', [join(layout, 'blobs', 'sha256', index)])
    const images = [`oci-layout://${layout}:1.0`, `oci-layout://${layout}:single`]
    const run = await runAction({ images: images.join('\n') }, {}, 30_000)
    expect(run.code).toBe(1)
    const digests = digestsOf(run)
    expect(digests[images[0]].error).toContain(`has no blob sha256:${index} (blobs/ holds a FIFO)`)
    expect(digests[images[1]].digest).toBe(
      'sha256:82ce558639b001adcf57233e0283e922c69243d4b3fadee332b9e9fb90bbc6da'
    )
  })
})

describe('policy globs', () => {
  test("a `match` of '*a' 22 times then 'b' against a 40-'a' name: judged at once", async () => {
    // picomatch's regex for this glob backtracks for about 165 s on this name, and more for
    // every pair added; the action compiled it and ran it synchronously, with no timeout.
    const parent = workspace()
    const layout = join(parent, 'a'.repeat(40))
    cpSync(join(REPO_ROOT, 'examples', 'hello-layout'), layout, { recursive: true })
    const image = `oci-layout://${layout}:single`
    const policy = `images:\n  - match: 'oci-layout://${parent}/${'*a'.repeat(22)}b'\n    platforms: [linux/s390x]\n`
    const run = await runAction({ images: image, policy, platforms: 'linux/amd64' })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(digestsOf(run)[image].platforms).toEqual({
      'linux/amd64': 'sha256:82ce558639b001adcf57233e0283e922c69243d4b3fadee332b9e9fb90bbc6da'
    })
  })

  test('a glob that could only be run by a backtracking regex with many repeats is refused at load', async () => {
    const policy = `images:\n  - match: '!(*a)${'*a'.repeat(10)}'\n`
    const run = await runAction({ images: 'oci-layout://examples/hello-layout:single', policy })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /key 'match': expected a glob such as 'ghcr\.io\/acme\/\*'; the glob uses extglobs or POSIX classes together with \d+ repeats; at most 3 are allowed/
    )
    expect(run.stdout).not.toMatch(/\n\s+at /)
  })
})
