import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocatedError } from '../../src/model/located-error.js'
import { parsePolicy } from '../../src/policy/file.js'
import { checkPolicy, isInlinePolicy, loadPolicy } from '../../src/policy/load.js'
import type { Policy } from '../../src/policy/rule.js'

const FILE = { label: 'policy.yml', file: 'policy.yml' }

function parse(text: string): Policy {
  return parsePolicy(text, FILE)
}

const ISSUE_EXAMPLE = `default:
  platforms: [linux/amd64, linux/arm64]
images:
  - match: "ghcr.io/acme/windows-*"
    platforms: ["windows(10.0.20348)/amd64"]
  - match: "ghcr.io/acme/base:*"
    forbid: [linux/386]
    max-size: 80MiB        # per platform, compressed as pulled
    max-layers: 20
    attestations: [provenance, sbom]   # required for every platform
    consistent: true       # each index entry's platform must match its config
`

describe('checkPolicy: keys the run cannot check as asked', () => {
  const policy = parse(
    'default:\n  max-growth: 5%\n  fail-on: violation\nimages:\n  - match: "a/*"\n    max-size: 1MB\n    consistent: true\n'
  )
  test('max-growth without a baseline', () => {
    expect(checkPolicy(policy, { baseline: false, detail: 'layers' })).toEqual([
      "policy.yml:2:3: key 'max-growth': expected a 'baseline' input (--baseline) naming a previous report file to compare sizes with"
    ])
  })
  test('sizes with detail: platforms', () => {
    expect(checkPolicy(policy, { baseline: true, detail: 'platforms' })).toEqual([
      "policy.yml:2:3: key 'max-growth': expected 'detail: layers'; 'detail: platforms' reads no layer counts or sizes",
      "policy.yml:6:5: key 'max-size': expected 'detail: layers'; 'detail: platforms' reads no layer counts or sizes"
    ])
  })
  test('anything but fail-on with detail: digest', () => {
    expect(checkPolicy(policy, { baseline: true, detail: 'digest' })).toEqual([
      "policy.yml:2:3: key 'max-growth': expected 'detail: layers' (or 'platforms'); 'detail: digest' reads no platforms to check",
      "policy.yml:6:5: key 'max-size': expected 'detail: layers' (or 'platforms'); 'detail: digest' reads no platforms to check",
      "policy.yml:7:5: key 'consistent': expected 'detail: layers' (or 'platforms'); 'detail: digest' reads no platforms to check"
    ])
  })
  test('nothing to say when the run reads what the policy needs', () => {
    expect(checkPolicy(policy, { baseline: true, detail: 'layers' })).toEqual([])
  })
})

describe('loadPolicy: a path or inline YAML', () => {
  test.each<[string, boolean]>([
    ['.github/digest-gate.yml', false],
    ['policy.yaml', false],
    ['C:\\repo\\policy.yml', false],
    ['default:\n  consistent: true', true],
    ['default: {consistent: true}', true],
    ['{default: {consistent: true}}', true]
  ])('%j is inline: %s', (value, inline) => {
    expect(isInlinePolicy(value)).toBe(inline)
  })

  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dg-policy-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('a file is read and named by its path', async () => {
    const path = join(dir, 'good.yml')
    await writeFile(path, ISSUE_EXAMPLE)
    const policy = await loadPolicy(path, { baseline: false, detail: 'layers' })
    expect(policy.file).toBe(path)
    expect(policy.images).toHaveLength(2)
  })

  test('a file that is not there names the input and what was expected', async () => {
    const path = join(dir, 'nope.yml')
    await expect(loadPolicy(path, { baseline: false, detail: 'layers' })).rejects.toThrow(
      `Input 'policy': cannot read '${path}' (ENOENT); expected the path of a policy file (YAML), or the policy itself inline`
    )
  })

  test('problems of a file name the file', async () => {
    const path = join(dir, 'bad.yml')
    await writeFile(path, 'default:\n  consistent: maybe\n')
    await expect(loadPolicy(path, { baseline: false, detail: 'layers' })).rejects.toThrow(
      `${path}:2:15: key 'consistent': expected true or false, found "maybe"`
    )
  })

  test("what a file's run cannot check is located at its keys", async () => {
    const path = join(dir, 'growth.yml')
    await writeFile(path, 'default:\n  max-growth: 10%\n')
    const e = await loadPolicy(path, { baseline: false, detail: 'layers' }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(LocatedError)
    expect((e as LocatedError).locations).toEqual([
      {
        file: path,
        line: 2,
        col: 3,
        message:
          "key 'max-growth': expected a 'baseline' input (--baseline) naming a previous report file to compare sizes with"
      }
    ])
  })

  test('what the run cannot check fails the load too', async () => {
    await expect(
      loadPolicy('default:\n  max-growth: 10%\n', { baseline: false, detail: 'layers' })
    ).rejects.toThrow(
      "The policy input 'policy' asks for what this run cannot check:\ninput 'policy':2:3: key 'max-growth': expected a 'baseline' input"
    )
  })
})
