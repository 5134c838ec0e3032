/**
 * The one choice of what a run does (dispatch.ts), in-process against the real registry the
 * integration suites use: a gate over `images`, a files run over `files`, a merge of `reports`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dispatch } from '../../src/run/dispatch.js'
import { parseSettings } from '../../src/run/settings.js'
import {
  type PushedImage,
  type RunningRegistry,
  pushImage,
  startRegistry
} from '../integration/harness/registry.js'

let reg: RunningRegistry
let dir: string
let env: NodeJS.ProcessEnv
let image: PushedImage

beforeAll(async () => {
  reg = await startRegistry()
  dir = await mkdtemp(join(tmpdir(), 'dg-dispatch-'))
  env = { HOME: dir, DOCKER_CONFIG: join(dir, 'docker'), GITHUB_WORKSPACE: dir }
  image = await pushImage(reg, 'app', '1', {
    platform: { os: 'linux', architecture: 'amd64' },
    layerSizes: [4]
  })
})

afterAll(async () => {
  await reg?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('images alone: the gate, with no files part', async () => {
  const r = await dispatch(parseSettings({ images: `${reg.host}/app:1` }), { env })
  expect(r.records.map(x => x.digest)).toEqual([image.digest])
  expect(r.files).toBeUndefined()
  expect(r.imageRecords).toBeUndefined()
})

test('files: the files run, the references found resolved with the images given', async () => {
  await writeFile(join(dir, 'Dockerfile'), `FROM ${reg.host}/app:1\n`)
  const r = await dispatch(parseSettings({ files: 'Dockerfile' }), { env })
  expect(r.files?.mode).toBe('report')
  expect(r.files?.files.map(f => [f.file, f.references.map(x => x.status)])).toEqual([
    ['Dockerfile', ['unpinned']]
  ])
  expect(r.records.map(x => x.digest)).toEqual([image.digest])
  expect(r.imageRecords).toEqual([])
})

test('merge: the shard reports are read, and a pattern that matches none is a problem naming it', async () => {
  const pattern = join(dir, 'no-such-dir', '*.json')
  const r = await dispatch(parseSettings({ mode: 'merge', reports: pattern }), { env })
  expect(r.facts.merged).toEqual({ images: 0, reports: [] })
  expect(r.facts.requests).toBe(0)
  expect(r.ok).toBe(false)
  expect(r.problems).toHaveLength(1)
  expect(r.problems[0]).toMatch(
    new RegExp(`^Input 'reports': '${pattern.replace(/[.*]/g, '\\$&')}' matches no file`)
  )
})
