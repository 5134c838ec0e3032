/**
 * 2,000 images split across 4 shard runs of the built action against the real registry, then
 * merged (by the action's `mode: merge` and by `digest-gate merge`), against one run over every
 * image. Pushing stays cheap: the 2,000 tags name indexes that differ only by an annotation and
 * share the same two child manifests and blobs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CLI_ENTRY,
  type ActionRun,
  type ReportShape,
  runAction,
  spawnNode
} from './harness/action.js'
import {
  MediaTypes,
  type RunningRegistry,
  pushImage,
  pushManifest,
  startRegistry
} from './harness/registry.js'

const COUNT = 2000
const SHARDS = 4
const PUSH_CONCURRENCY = 16

let reg: RunningRegistry
let dir: string
let images: string[]
const indexes = new Map<string, string>()
/** Measured, for the record; not asserted (machines are noisy). */
let pushMs = 0

beforeAll(async () => {
  reg = await startRegistry()
  dir = await mkdtemp(join(tmpdir(), 'dg-shards-'))
  const children = await Promise.all(
    [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' }
    ].map(platform => pushImage(reg, 'fleet/app', undefined, { platform, layerSizes: [32] }))
  )
  const started = Date.now()
  const tags = Array.from({ length: COUNT }, (_, i) => `svc-${String(i).padStart(4, '0')}`)
  let next = 0
  await Promise.all(
    Array.from({ length: PUSH_CONCURRENCY }, async () => {
      while (next < tags.length) {
        const tag = tags[next++]
        const body = JSON.stringify({
          schemaVersion: 2,
          mediaType: MediaTypes.ociIndex,
          manifests: children.map(c => ({
            mediaType: c.mediaType,
            digest: c.digest,
            size: c.size,
            platform: c.platform
          })),
          annotations: { 'org.example.service': tag }
        })
        indexes.set(tag, await pushManifest(reg, 'fleet/app', tag, body, MediaTypes.ociIndex))
      }
    })
  )
  pushMs = Date.now() - started
  images = tags.map(tag => `${reg.host}/fleet/app:${tag}`)
}, 300_000)

afterAll(async () => {
  await reg?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
  process.stderr.write(`shards suite: pushed ${COUNT} indexes in ${pushMs} ms\n`)
})

const inputs = (): Record<string, string> => ({
  images: images.join('\n'),
  // s390x is in no image: every image has a gap, so `missing` has 2,000 entries to merge.
  platforms: 'linux/amd64,linux/arm64,linux/s390x',
  summary: 'true'
})

/** The report as one run would write it, without the figures that differ run to run. */
function comparable(report: ReportShape | undefined): Omit<ReportShape, 'run'> {
  expect(report).toBeDefined()
  const { ok, images: records } = report as ReportShape
  return { ok, images: records }
}

test('4 shards, merged, equal one run over all 2,000 images', async () => {
  const shardRuns: ActionRun[] = []
  const files: string[] = []
  for (let i = 1; i <= SHARDS; i++) {
    const run = await runAction({ ...inputs(), shard: `${i}/${SHARDS}` }, {}, 120_000)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const shard = run.report?.run?.shard
    expect(shard).toMatchObject({ index: i, count: SHARDS, total: COUNT })
    expect(run.report?.images).toHaveLength(shard?.images ?? -1)
    expect(run.summary).toContain(`shard ${i}/${SHARDS}: ${shard?.images} of ${COUNT} images.`)
    const file = join(dir, `report-${i}.json`)
    await writeFile(file, JSON.stringify(run.report))
    files.push(file)
    shardRuns.push(run)
  }
  // Every image in exactly one shard, and the split close to even.
  const sizes = shardRuns.map(r => r.report?.images.length ?? 0)
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(COUNT)
  for (const size of sizes) expect(size).toBeGreaterThan(COUNT / SHARDS / 2)
  const seen = new Set(shardRuns.flatMap(r => r.report?.images.map(x => x.image) ?? []))
  expect(seen.size).toBe(COUNT)

  const single = await runAction(inputs(), {}, 120_000)
  expect(single.code).toBe(0)
  expect(single.report?.images).toHaveLength(COUNT)
  for (const [tag, digest] of indexes)
    expect(single.report?.images.find(r => r.image.endsWith(`:${tag}`))?.digest).toBe(digest)

  // The action in merge mode, the reports named by a glob.
  const merged = await runAction(
    { mode: 'merge', reports: join(dir, 'report-*.json') },
    {},
    120_000
  )
  expect(merged.stderr).toBe('')
  expect(merged.code).toBe(0)
  expect(comparable(merged.report)).toEqual(comparable(single.report))
  for (const name of ['digests', 'missing', 'pinned', 'ok'])
    expect(merged.outputs[name]).toBe(single.outputs[name])
  expect(JSON.parse(merged.outputs.missing)).toHaveLength(COUNT)
  expect(merged.report?.run?.merged).toEqual({
    reports: files,
    shards: { count: SHARDS, indexes: [1, 2, 3, 4] },
    images: COUNT
  })
  expect(merged.report?.run?.requests).toBe(
    shardRuns.reduce((n, r) => n + (r.report?.run?.requests ?? 0), 0)
  )
  expect(merged.summary).toContain(
    `Merged from 4 report files (shards 1, 2, 3, 4 of 4): ${COUNT} images.`
  )

  // The CLI's subcommand gives the same report.
  const cli = await spawnNode([CLI_ENTRY, 'merge', '--json', ...files], {
    PATH: process.env.PATH ?? ''
  })
  expect(cli.code).toBe(0)
  expect(comparable(JSON.parse(cli.stdout) as ReportShape)).toEqual(comparable(single.report))

  // A shard left out is named, and fails the merge.
  const partial = await runAction({ mode: 'merge', reports: files.slice(0, 3).join('\n') })
  expect(partial.code).toBe(1)
  expect(partial.stdout).toContain(
    'shard 4 of 4 is missing: no report given is 4/4, so their images are not in the merged report'
  )
}, 600_000)
