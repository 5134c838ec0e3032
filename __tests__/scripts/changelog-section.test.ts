/**
 * scripts/changelog-section.mjs, as the release workflow runs it: the body of one version's
 * section of a Keep a Changelog file, and a refusal (exit 1, saying why) when there is none.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SCRIPT = join('scripts', 'changelog-section.mjs')

const CHANGELOG = `# Changelog

## [Unreleased]

## [1.1.0] - 2027-01-05

### Added

- A new input.

## [1.0.1] - 2026-12-20

### Fixed

- A fix.

## [1.0.0] - 2026-12-07

The first release.

[1.1.0]: https://example.test/compare/v1.0.1...v1.1.0
[1.0.0]: https://example.test/releases/tag/v1.0.0
`

let dir: string
let file: string
let empty: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dg-changelog-'))
  file = join(dir, 'CHANGELOG.md')
  await writeFile(file, CHANGELOG)
  empty = join(dir, 'EMPTY.md')
  await writeFile(empty, '# Changelog\n\n## [1.1.0] - 2027-01-05\n\n## [1.0.0]\n\n- x\n')
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function section(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

test("a version's section, from a tag or a bare version, up to the next heading", () => {
  const expected = { code: 0, stdout: '### Fixed\n\n- A fix.\n', stderr: '' }
  expect(section('v1.0.1', file)).toEqual(expected)
  expect(section('1.0.1', file)).toEqual(expected)
  expect(section('v1.1.0', file).stdout).toBe('### Added\n\n- A new input.\n')
})

test('the last section stops at the link definitions', () => {
  expect(section('v1.0.0', file).stdout).toBe('The first release.\n')
})

test('a missing or empty section, or no version, is refused with the reason', () => {
  expect(section('v2.0.0', file)).toMatchObject({
    code: 1,
    stdout: '',
    stderr: expect.stringContaining("has no '## [2.0.0]' section") as unknown
  })
  // Not 1.0.10 for 1.0.1: the heading is matched whole.
  expect(section('v1.0.10', file).code).toBe(1)
  expect(section('Unreleased', file)).toMatchObject({ code: 1, stdout: '' })
  expect(section('v1.0', file).stderr).toContain("'v1.0' is not a version")
  expect(section('v1.1.0', empty)).toMatchObject({
    code: 1,
    stderr: expect.stringContaining("'## [1.1.0]' section is empty") as unknown
  })
  expect(section().code).toBe(2)
})

test("the repository's CHANGELOG.md has a section for package.json's version", async () => {
  // What the release workflow checks when that version's tag is pushed.
  const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string }
  const r = section(`v${version}`)
  expect(r.code).toBe(0)
  expect(r.stdout.trim().length).toBeGreaterThan(0)
})
