/**
 * Required platforms as the runner sees them, against Debian's real docker-registry: strict
 * variants and `*` (issue 18), typos refused as input errors naming the nearest known value,
 * a policy file's problems annotated at their lines (issue 17), containerd's os features, and
 * what the registry states reported as it is, never refused.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLI_ENTRY, digestsOf, runAction, spawnNode } from './harness/action.js'
import { type RunningRegistry, pushImage, pushIndex } from './harness/registry.js'
import { startRegistry } from './harness/registry.js'

let reg: RunningRegistry
let dir: string
const amd64v3 = { os: 'linux', architecture: 'amd64', variant: 'v3' }
const arm64v9 = { os: 'linux', architecture: 'arm64', variant: 'v9' }
const amd64 = { os: 'linux', architecture: 'amd64' }

/** An index of the given platforms, pushed to `repo:tag`; returns the image reference. */
async function indexOf(
  repo: string,
  tag: string,
  platforms: { os: string; architecture: string; variant?: string; 'os.features'?: string[] }[]
): Promise<string> {
  const children = []
  for (const platform of platforms)
    children.push(
      await pushImage(reg, repo, undefined, { platform, layerSizes: [100], format: 'oci' })
    )
  await pushIndex(reg, repo, tag, children, { format: 'oci' })
  return `${reg.host}/${repo}:${tag}`
}

let v3Only: string
let v9Only: string

beforeAll(async () => {
  reg = await startRegistry()
  dir = await mkdtemp(join(tmpdir(), 'dg-platforms-it-'))
  v3Only = await indexOf('team/v3', '1', [amd64v3, { os: 'linux', architecture: 'arm64' }])
  v9Only = await indexOf('team/v9', '1', [amd64, arm64v9])
}, 60_000)

afterAll(async () => {
  await reg?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('strict variants: an empty variant is the baseline (issue 18)', () => {
  test('an image whose only amd64 is amd64/v3 fails linux/amd64', async () => {
    const run = await runAction({
      images: v3Only,
      platforms: 'linux/amd64',
      'fail-on-missing': 'true'
    })
    expect(run.code).toBe(1)
    expect(run.outputs.ok).toBe('false')
    expect(JSON.parse(run.outputs.missing)).toEqual([{ image: v3Only, platform: 'linux/amd64' }])
    expect(Object.keys(digestsOf(run)[v3Only].platforms ?? {})).toEqual([
      'linux/amd64/v3',
      'linux/arm64'
    ])
    expect(run.stdout).toMatch(
      /::error title=digest-gate%3A linux\/amd64 missing::.*team\/v3:1 has no linux\/amd64 image \(found: linux\/amd64\/v3, linux\/arm64\)/
    )
  })

  test('and passes linux/amd64/*, which accepts any amd64 variant', async () => {
    const run = await runAction({
      images: v3Only,
      platforms: 'linux/amd64/*, linux/arm64',
      'fail-on-missing': 'true'
    })
    expect(run.code).toBe(0)
    expect(run.outputs.ok).toBe('true')
    expect(JSON.parse(run.outputs.missing)).toEqual([])
  })

  test('arm64/v9 does not stand in for linux/arm64; linux/arm64/v9 and linux/arm64/* take it', async () => {
    const strict = await runAction({ images: v9Only, platforms: 'linux/arm64, linux/amd64' })
    expect(JSON.parse(strict.outputs.missing)).toEqual([{ image: v9Only, platform: 'linux/arm64' }])
    const named = await runAction({ images: v9Only, platforms: 'linux/arm64/v9, linux/arm64/*' })
    expect(JSON.parse(named.outputs.missing)).toEqual([])
    expect(named.outputs.ok).toBe('true')
  })

  test("a policy's forbid keeps its broad meaning: linux/amd64 forbids amd64/v3", async () => {
    const policy = join(dir, 'forbid.yml')
    await writeFile(policy, 'default:\n  forbid: [linux/amd64]\n')
    const run = await runAction({ images: v3Only, policy, 'fail-on': 'violation' })
    expect(run.code).toBe(1)
    expect(run.outputs.violations).toContain('no linux/amd64 image')
  })
})

describe('a typo is an input error, named, with the nearest known value (issue 17)', () => {
  test('platforms: linux/amd46, as the runner shows it; nothing is resolved', async () => {
    const run = await runAction({ images: v3Only, platforms: 'linux/amd64\nlinux/amd46' })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      "::error::Input 'platforms': 'linux/amd46': unknown architecture 'amd46' (did you mean 'amd64'?)"
    )
    expect(run.stdout).not.toMatch(/missing::|DigestGateError|TypeError|\n\s+at /)
    expect(run.stderr).toBe('')
  })

  test("a policy file's forbid: [linux/s390] is annotated at its file, line and column", async () => {
    const policy = join(dir, 'typo.yml')
    await writeFile(policy, 'default:\n  platforms: [linux/amd64]\n  forbid: [linux/s390]\n')
    const run = await runAction({ images: v3Only, policy })
    expect(run.code).toBe(1)
    const file = policy.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    expect(run.stdout).toMatch(
      new RegExp(
        `::error title=digest-gate%3A policy,file=${file},line=3,col=12::key 'forbid': 'linux/s390': unknown architecture 's390' \\(did you mean 's390x'\\?\\)`
      )
    )
    // The failure itself still lists the problem with its place, for the log and the CLI.
    expect(run.stdout).toContain(`${policy}:3:12: key 'forbid': 'linux/s390'`)
  })

  test("the CLI's -p refuses it too", async () => {
    const r = await spawnNode([CLI_ENTRY, '-p', 'linux/arm64/v10', v3Only], {
      PATH: process.env.PATH ?? ''
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      "'linux/arm64/v10': unknown arm64 variant 'v10'; expected v8, v8.0 to v8.9, v9, v9.0 to v9.7, or '*' for any"
    )
  })
})

describe('what the registry states is reported, not refused', () => {
  test('an unknown os and architecture in an index is a platform of the image', async () => {
    const image = await indexOf('team/odd', '1', [amd64, { os: 'plan10', architecture: 'amd46' }])
    const run = await runAction({ images: image, platforms: 'linux/amd64' })
    expect(run.code).toBe(0)
    expect(run.outputs.ok).toBe('true')
    expect(Object.keys(digestsOf(run)[image].platforms ?? {})).toEqual([
      'linux/amd64',
      'plan10/amd46'
    ])
  })

  test("containerd's os features: linux(+gpu)/amd64 is its own platform", async () => {
    const image = await indexOf('team/gpu', '1', [{ ...amd64, 'os.features': ['gpu'] }])
    const run = await runAction({ images: image, platforms: 'linux(+gpu)/amd64, linux/amd64' })
    expect(Object.keys(digestsOf(run)[image].platforms ?? {})).toEqual(['linux(+gpu)/amd64'])
    // An image that needs the gpu feature does not run on a host without it.
    expect(JSON.parse(run.outputs.missing)).toEqual([{ image, platform: 'linux/amd64' }])
  })
})

describe('a 64-hex-digit name reads as an image ID (issue 18)', () => {
  test('it is refused with the explanation; the other image keeps its result', async () => {
    const id = `docker.io/library/${'ab'.repeat(32)}`
    const run = await runAction({ images: `${id}\n${v9Only}` })
    expect(run.code).toBe(1)
    const d = digestsOf(run)
    expect(d[id].error).toMatch(/cannot specify 64-byte hexadecimal strings/)
    expect(d[v9Only].digest).toMatch(/^sha256:/)
  })
})
