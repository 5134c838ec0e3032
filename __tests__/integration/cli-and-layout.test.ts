/**
 * The OCI layout source through the built action and the built CLI: the same core, the same
 * answers, the same exit status. The layout is the one shipped in examples/ (see its README for
 * how its digests were produced).
 */
import { CLI_ENTRY, digestsOf, runAction, spawnNode } from './harness/action.js'

const LAYOUT = 'oci-layout://examples/hello-layout'
const INDEX = 'sha256:e61ee32a8906968d22885276c8016bc09c00b6eb747028fbecf94de652bf001a'
const AMD64 = 'sha256:0fbbc5bdc4d42b48acc6c2f7ae8d0b0df7e5e23dbc4f0649c23f0fa03178fdb7'
const ARM64 = 'sha256:085de4104d17cb05841ff67af0a7568dbaac821b9972dc3aee2a9af5b28680ca'
const ARMV7 = 'sha256:e79b267e939e9ae598e5a7ffbbe1a38f6384414f48f5081343e80d197aa98412'
const SINGLE = 'sha256:82ce558639b001adcf57233e0283e922c69243d4b3fadee332b9e9fb90bbc6da'

const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root' }

describe('oci-layout:// through the action', () => {
  test('index by tag, single manifest by tag, and a child by digest', async () => {
    const images = [`${LAYOUT}:1.0`, `${LAYOUT}:single`, `${LAYOUT}@${ARMV7}`]
    const run = await runAction({ images: images.join('\n'), platforms: 'linux/amd64' })
    expect(run.code).toBe(0)
    const d = digestsOf(run)
    expect(d[images[0]]).toEqual({
      ref: `${LAYOUT}:1.0`,
      digest: INDEX,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      platforms: { 'linux/amd64': AMD64, 'linux/arm64': ARM64, 'linux/arm/v7': ARMV7 }
    })
    expect(d[images[1]].platforms).toEqual({ 'linux/amd64': SINGLE })
    expect(d[images[2]].platforms).toEqual({ 'linux/arm/v7': ARMV7 })
    const report = run.report?.images[0]
    expect(report?.attestations).toBe(1)
    expect(report?.platforms.map(p => [p.layers, p.size])).toEqual([
      [2, 325],
      [1, 134],
      [1, 132]
    ])
    expect(JSON.parse(run.outputs.missing)).toEqual([{ image: images[2], platform: 'linux/amd64' }])
  })

  test('a tag the layout does not have lists the tags it does have', async () => {
    const run = await runAction({ images: `${LAYOUT}:2.0` })
    expect(run.code).toBe(1)
    expect(digestsOf(run)[`${LAYOUT}:2.0`].error).toMatch(
      /has no tag '2\.0' in index\.json \(tags: 1\.0, single\)/
    )
  })
})

describe('the CLI', () => {
  test('prints the table and exits 0 when nothing required is missing', async () => {
    const r = await spawnNode([CLI_ENTRY, '-p', 'linux/amd64,linux/arm64', `${LAYOUT}:1.0`], env)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('linux/arm64   sha256:085de4104d17       1  134 B')
    expect(r.stdout).toContain('total (3)                               4  591 B')
    expect(r.stdout.trim().endsWith('ok')).toBe(true)
  })

  test('exits 1 with --fail-on-missing, as the action would fail the step', async () => {
    const r = await spawnNode(
      [CLI_ENTRY, '-p', 'linux/s390x', '--fail-on-missing', `${LAYOUT}:1.0`],
      env
    )
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('missing: linux/s390x')
  })

  test('exits 1 when an image cannot be resolved, and still reports the others', async () => {
    const r = await spawnNode([CLI_ENTRY, '--json', `${LAYOUT}:1.0`, `${LAYOUT}:nope`], env)
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as {
      ok: boolean
      images: { digest: string | null; error: string | null }[]
    }
    expect(report.ok).toBe(false)
    expect(report.images[0].digest).toBe(INDEX)
    expect(report.images[1].error).toMatch(/no tag 'nope'/)
  })

  test('exits 2 for bad usage, naming the problem', async () => {
    const r = await spawnNode([CLI_ENTRY, '--platforms', 'linux/amd64/v2/x', 'nginx'], env)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("Invalid platform 'linux/amd64/v2/x'")
    const u = await spawnNode([CLI_ENTRY, '--bogus'], env)
    expect(u.code).toBe(2)
    expect(u.stderr).toContain('usage: digest-gate')
  })
})
