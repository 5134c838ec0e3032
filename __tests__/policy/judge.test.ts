import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DigestGateError } from '../../src/model/errors.js'
import { parsePlatform } from '../../src/model/platform.js'
import { Judge, type PolicyInputs } from '../../src/policy/judge.js'
import type { ImageRecord, PlatformRecord, Violation } from '../../src/model/record.js'

const D = (c: string): string => `sha256:${c.repeat(64)}`
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

function platform(key: string, layers: number): PlatformRecord {
  return {
    platform: key,
    digest: D('b'),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    layers,
    size: 1000,
    declared: parsePlatform(key)
  }
}

function record(image: string, keys: string[], layers = 3): ImageRecord {
  return {
    image,
    ref: image,
    digest: D('a'),
    mediaType: OCI_INDEX,
    platforms: keys.map(k => platform(k, layers)),
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  }
}

const amd64 = parsePlatform('linux/amd64')
const arm64 = parsePlatform('linux/arm64')

/** Two rules over the inputs: `ghcr.io/acme/base:*` wants arm64 and few layers, fails on them. */
const POLICY = `images:
  - match: "ghcr.io/acme/base:*"
    platforms: [linux/arm64]
    max-layers: 2
    fail-on: violation
`

function inputs(extra: Partial<PolicyInputs> = {}): PolicyInputs {
  return { platforms: [amd64], failOn: 'missing', detail: 'layers', ...extra }
}

describe('without a policy file', () => {
  test('the inputs judge alone: their platforms, their fail-on, no violations', async () => {
    const judge = await Judge.load(inputs())
    expect(judge.policy).toBeUndefined()
    const records = [record('x:1', ['linux/arm64']), record('y:1', ['linux/amd64'])]
    expect(judge.platformsFor(records[0])).toEqual([amd64])
    const judged = await judge.judge(records)
    expect(judged).toEqual({
      missing: [{ image: 'x:1', platform: 'linux/amd64' }],
      violations: [],
      failOn: ['missing', 'missing']
    })
    expect(records.map(r => r.missing)).toEqual([['linux/amd64'], []])
  })

  test('a record that failed to resolve lacks nothing: its error says enough', async () => {
    const failed = { ...record('x:1', []), error: 'x:1: not found' }
    const judged = await (await Judge.load(inputs())).judge([failed])
    expect(judged.missing).toEqual([])
  })
})

describe('with a policy file', () => {
  test('each image gets its rule: platforms, violations and fail-on', async () => {
    const judge = await Judge.load(inputs({ policy: POLICY }))
    expect(judge.policy?.images).toHaveLength(1)
    const base = record('ghcr.io/acme/base:1', ['linux/amd64'], 5)
    const other = record('ghcr.io/acme/app:1', ['linux/amd64'], 5)
    expect(judge.platformsFor(base)).toEqual([arm64])
    expect(judge.platformsFor(other)).toEqual([amd64])
    expect(judge.ruleFor(base)?.matched).toBe('ghcr.io/acme/base:*')

    const judged = await judge.judge([base, other])
    const violation: Violation = {
      image: 'ghcr.io/acme/base:1',
      platform: 'linux/amd64',
      rule: 'max-layers',
      expected: '≤ 2 layers',
      found: '5 layers'
    }
    expect(judged.missing).toEqual([{ image: 'ghcr.io/acme/base:1', platform: 'linux/arm64' }])
    expect(judged.violations).toEqual([violation])
    expect(base.violations).toEqual([violation])
    expect(other.violations).toEqual([])
    expect(judged.failOn).toEqual(['violation', 'missing'])
    expect(judged.policy?.rules.map(r => r.matched)).toEqual(['ghcr.io/acme/base:*', 'default'])
  })

  test('a file that cannot be read is refused before anything is judged, naming the input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dg-judge-'))
    try {
      await writeFile(join(dir, 'p.yml'), 'images:\n  - match: "x/*"\n    max-growth: 10%\n')
      // max-growth needs a baseline: the run cannot check what the policy asks.
      await expect(Judge.load(inputs({ policy: join(dir, 'p.yml') }))).rejects.toThrow(
        DigestGateError
      )
      await expect(Judge.load(inputs({ policy: join(dir, 'none.yml') }))).rejects.toThrow(
        `Input 'policy': cannot read '${join(dir, 'none.yml')}' (ENOENT)`
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('what callers decide for themselves', () => {
  test('required: a record must have what the caller says, not its rule', async () => {
    const judge = await Judge.load(inputs({ policy: POLICY }))
    const base = record('ghcr.io/acme/base:1', ['linux/amd64'], 1)
    const judged = await judge.judge([base], {
      required: () => [amd64, parsePlatform('linux/386')]
    })
    expect(judged.missing).toEqual([{ image: 'ghcr.io/acme/base:1', platform: 'linux/386' }])
    // The rule still judges everything else, and its fail-on still counts.
    expect(judged.failOn).toEqual(['violation'])
  })

  test('shard verdicts stand unless the merge step names platforms', async () => {
    const judged = (): ImageRecord => ({
      ...record('x:1', ['linux/amd64']),
      missing: ['linux/s390x'],
      violations: [
        { image: 'x:1', platform: 'linux/amd64', rule: 'forbid', expected: 'e', found: 'f' }
      ]
    })
    const kept = await (
      await Judge.load({ platforms: [], failOn: 'never' })
    ).judge([judged()], { shardVerdicts: true })
    expect(kept).toEqual({
      missing: [{ image: 'x:1', platform: 'linux/s390x' }],
      violations: judged().violations,
      failOn: ['never']
    })
    const anew = await (
      await Judge.load({ platforms: [arm64], failOn: 'missing' })
    ).judge([judged()], { shardVerdicts: true })
    expect(anew.missing).toEqual([{ image: 'x:1', platform: 'linux/arm64' }])
    expect(anew.violations).toEqual(judged().violations)
  })
})
