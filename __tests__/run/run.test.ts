/**
 * One run of the gate in-process, against the real registry the integration suites use:
 * records, missing platforms, the policy's violations, a shard's slice, and bad input that
 * stops the run before anything is sent.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DigestGateError } from '../../src/model/errors.js'
import { failureOf, runGate } from '../../src/run/run.js'
import { parseSettings } from '../../src/run/settings.js'
import { shardOf } from '../../src/run/shard.js'
import {
  type PushedImage,
  type PushedIndex,
  type RunningRegistry,
  pushImage,
  pushIndex,
  startRegistry
} from '../integration/harness/registry.js'

const amd64 = { os: 'linux', architecture: 'amd64' }
const arm64 = { os: 'linux', architecture: 'arm64' }

let reg: RunningRegistry
let dir: string
let env: NodeJS.ProcessEnv
let both: PushedIndex
let single: PushedImage

beforeAll(async () => {
  reg = await startRegistry()
  dir = await mkdtemp(join(tmpdir(), 'dg-run-'))
  env = { HOME: dir, DOCKER_CONFIG: join(dir, 'docker') }
  const children = await Promise.all(
    [amd64, arm64].map(platform =>
      pushImage(reg, 'multi', undefined, { platform, layerSizes: [40] })
    )
  )
  both = await pushIndex(reg, 'multi', '1', children)
  single = await pushImage(reg, 'single', '1', { platform: amd64, layerSizes: [40, 2] })
})

afterAll(async () => {
  await reg?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('records in order; a required platform an image lacks is missing, and fails the step with fail-on-missing', async () => {
  const images = [`${reg.host}/multi:1`, `${reg.host}/single:1`]
  const r = await runGate(parseSettings({ images: images.join('\n'), platforms: 'linux/arm64' }), {
    env
  })
  expect(r.records.map(x => [x.image, x.digest])).toEqual([
    [images[0], both.digest],
    [images[1], single.digest]
  ])
  expect(r.missing).toEqual([{ image: images[1], platform: 'linux/arm64' }])
  // Without fail-on-missing a gap is reported, not a failure of the step.
  expect(failureOf(r)).toBeUndefined()
  // The index and its two children; the single manifest and the config its platform is in.
  expect(r.facts.requests).toBe(5)
  const strict = await runGate(
    parseSettings({
      images: images.join('\n'),
      platforms: 'linux/arm64',
      'fail-on-missing': 'true'
    }),
    { env }
  )
  expect(strict.ok).toBe(false)
  expect(failureOf(strict)).toBe('1 required platform is missing')
})

test("the policy's violations, in record order; nothing missing", async () => {
  const image = `${reg.host}/single:1`
  const r = await runGate(
    parseSettings({ images: image, policy: 'default:\n  max-layers: 1\n', 'fail-on': 'violation' }),
    { env }
  )
  expect(r.violations).toEqual([
    { image, platform: 'linux/amd64', rule: 'max-layers', expected: '≤ 1 layer', found: '2 layers' }
  ])
  expect(r.missing).toEqual([])
  expect(r.failOn).toEqual(['violation'])
  expect(r.ok).toBe(false)
})

test('a shard resolves only its slice, and says which', async () => {
  const images = [`${reg.host}/multi:1`, `${reg.host}/single:1`, `${reg.host}/multi:1`]
  // The slice is decided by a hash of each image (shard.ts); the registry's port varies.
  const positions = images.flatMap((image, i) => (shardOf(image, 2) === 0 ? [i] : []))
  const r = await runGate(parseSettings({ images: images.join('\n'), shard: '1/2' }), { env })
  expect(r.records.map(x => x.image)).toEqual(positions.map(i => images[i]))
  expect(r.facts.shard).toEqual({
    index: 1,
    count: 2,
    images: positions.length,
    total: 3,
    positions
  })
  expect(r.ok).toBe(true)
})

test('a policy that does not parse stops the run before anything is sent', async () => {
  const e = await runGate(
    parseSettings({ images: `${reg.host}/multi:1`, policy: 'default:\n  max-layers: many\n' }),
    { env }
  ).catch((err: unknown) => err)
  expect(e).toBeInstanceOf(DigestGateError)
  expect((e as DigestGateError).message).toMatch(/max-layers/)
})

test('an unreadable baseline is a problem of the run; the images are still resolved', async () => {
  const image = `${reg.host}/multi:1`
  const missingFile = join(dir, 'no-such-report.json')
  const r = await runGate(parseSettings({ images: image, baseline: missingFile }), { env })
  expect(r.records[0].digest).toBe(both.digest)
  expect(r.problems).toHaveLength(1)
  expect(r.problems[0]).toContain(missingFile)
  expect(failureOf(r)).toBe(r.problems[0])
})
