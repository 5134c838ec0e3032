/**
 * A run with `files` in-process, against the real registry the integration suites use and
 * real files in a temporary workspace: what report, pin and verify find, write and fail on,
 * with the images given and the references found resolved through one session.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DigestGateError } from '../../src/model/errors.js'
import { runFiles } from '../../src/run/files-run.js'
import { parseSettings } from '../../src/run/settings.js'
import {
  type PushedImage,
  type PushedIndex,
  type RunningRegistry,
  pushImage,
  pushIndex,
  startRegistry
} from '../integration/harness/registry.js'

let reg: RunningRegistry
let dir: string
let children: PushedImage[]
let index: PushedIndex
let previous: PushedIndex
let workspaces = 0

beforeAll(async () => {
  reg = await startRegistry()
  dir = await mkdtemp(join(tmpdir(), 'dg-files-run-'))
  children = await Promise.all(
    [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' }
    ].map(platform => pushImage(reg, 'app', undefined, { platform, layerSizes: [30] }))
  )
  index = await pushIndex(reg, 'app', '1', children)
  // `moving` first named the same platforms listed the other way round, then moved on.
  previous = await pushIndex(reg, 'app', 'moving', [children[1], children[0]])
  await pushIndex(reg, 'app', 'moving', children)
})

afterAll(async () => {
  await reg?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** A new workspace holding `files`; returns its path and the run's environment. */
async function workspace(
  files: Record<string, string | Buffer>
): Promise<{ ws: string; env: NodeJS.ProcessEnv }> {
  const ws = join(dir, `ws${++workspaces}`)
  await mkdir(ws)
  for (const [name, text] of Object.entries(files)) await writeFile(join(ws, name), text)
  return { ws, env: { HOME: dir, DOCKER_CONFIG: join(dir, 'docker'), GITHUB_WORKSPACE: ws } }
}

const statuses = (r: Awaited<ReturnType<typeof runFiles>>) =>
  r.files?.files.flatMap(f => f.references.map(ref => [f.file, ref.line, ref.status])) ?? []

test('report: each reference found, resolved once with the images given; nothing written', async () => {
  const image = `${reg.host}/app:1`
  const dockerfile = `FROM ${image}\nFROM ${reg.host}/app:nope AS x\n`
  const { ws, env } = await workspace({ Dockerfile: dockerfile })
  const r = await runFiles(parseSettings({ images: image, files: 'Dockerfile' }), { env })
  expect(statuses(r)).toEqual([
    ['Dockerfile', 1, 'unpinned'],
    ['Dockerfile', 2, 'failed']
  ])
  const [unpinned, failed] = r.files?.files[0].references ?? []
  expect(unpinned.message).toBe(
    `'${image}' is not pinned by digest; pin it as ${image}@${index.digest}`
  )
  expect(failed.message).toContain(`answered HTTP 404 for manifest app:nope: MANIFEST_UNKNOWN`)
  // The image given and the one found are one record; the images given alone fail nothing.
  expect(r.records.map(x => [x.image, x.digest])).toEqual([
    [image, index.digest],
    [`${reg.host}/app:nope`, null]
  ])
  expect(r.imageRecords?.map(x => x.image)).toEqual([image])
  expect(r.files?.failures).toEqual([
    'report: 1 error in 1 file (1 failed); each is annotated at its line'
  ])
  expect(r.files?.changedFiles).toEqual([])
  expect(await readFile(join(ws, 'Dockerfile'), 'utf8')).toBe(dockerfile)
  // One index and its two children for app:1, one 404 for app:nope.
  expect(r.facts.requests).toBe(4)
})

test('pin rewrites each tag to what it points at now; verify then finds it current', async () => {
  const { ws, env } = await workspace({
    Dockerfile: `FROM ${reg.host}/app:1 AS base\nRUN true\n`,
    'compose.yaml': `services:\n  web:\n    image: "${reg.host}/app:1"\n`
  })
  const pin = await runFiles(parseSettings({ mode: 'pin', files: 'Dockerfile\ncompose.yaml' }), {
    env
  })
  expect(statuses(pin)).toEqual([
    ['Dockerfile', 1, 'pinned'],
    ['compose.yaml', 3, 'pinned']
  ])
  expect(pin.files?.changedFiles).toEqual(['Dockerfile', 'compose.yaml'])
  const pinned = `${reg.host}/app:1@${index.digest}`
  expect(await readFile(join(ws, 'Dockerfile'), 'utf8')).toBe(`FROM ${pinned} AS base\nRUN true\n`)
  expect(await readFile(join(ws, 'compose.yaml'), 'utf8')).toBe(
    `services:\n  web:\n    image: "${pinned}"\n`
  )
  // Pin reads only what the tag points at: one manifest request, for both references.
  expect(pin.facts.requests).toBe(1)

  const verify = await runFiles(
    parseSettings({ mode: 'verify', files: 'Dockerfile\ncompose.yaml' }),
    { env }
  )
  expect(statuses(verify)).toEqual([
    ['Dockerfile', 1, 'ok'],
    ['compose.yaml', 3, 'ok']
  ])
  expect(verify.files?.failures).toEqual([])
  expect(verify.files?.annotations).toEqual([])
})

test('verify: a pin its tag has moved away from is stale, naming the digest it points at now', async () => {
  const old = previous.digest
  expect(old).not.toBe(index.digest)
  const { env } = await workspace({ Dockerfile: `FROM ${reg.host}/app:moving@${old}\n` })
  const r = await runFiles(parseSettings({ mode: 'verify', files: 'Dockerfile' }), { env })
  const [ref] = r.files?.files[0].references ?? []
  expect(ref.status).toBe('stale')
  expect(ref.level).toBe('error')
  expect(ref.message).toContain(index.digest)
  expect(r.files?.failures).toHaveLength(1)
})

test('pin: a file that is not UTF-8 is left as it was, and its pin fails saying why', async () => {
  const bytes = Buffer.concat([
    Buffer.from(`# caf`),
    Buffer.from([0xe9]),
    Buffer.from(`\nFROM ${reg.host}/app:1\n`)
  ])
  const { ws, env } = await workspace({ Dockerfile: bytes })
  const r = await runFiles(parseSettings({ mode: 'pin', files: 'Dockerfile' }), { env })
  const [ref] = r.files?.files[0].references ?? []
  expect(ref.status).toBe('failed')
  expect(ref.message).toMatch(
    new RegExp(`^'${reg.host}/app:1' \\(FROM \\(stage 1\\)\\) cannot be pinned: `)
  )
  expect(r.files?.changedFiles).toEqual([])
  expect(await readFile(join(ws, 'Dockerfile'))).toEqual(bytes)
})

test('a pattern that matches no file is bad input naming it', async () => {
  const { env } = await workspace({ Dockerfile: 'FROM scratch\n' })
  const e = await runFiles(parseSettings({ files: 'nothing/*.yaml' }), { env }).catch(
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(DigestGateError)
  expect((e as DigestGateError).message).toContain('nothing/*.yaml')
})
