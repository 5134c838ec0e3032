/**
 * The run's session in-process, against the real registry the integration suites use (through
 * their harness): what it resolves once, what it re-reads, where an image is read from, and
 * what it hands over as secrets.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Session, distinctImages } from '../../src/run/session.js'
import { type Settings, parseSettings } from '../../src/run/settings.js'
import {
  type PushedImage,
  type RunningRegistry,
  pushImage,
  pushIndex,
  startRegistry
} from '../integration/harness/registry.js'

const amd64 = { os: 'linux', architecture: 'amd64' }
const arm64 = { os: 'linux', architecture: 'arm64' }

let reg: RunningRegistry
let dir: string
let children: PushedImage[]
/** Nothing of the host's: no docker login, no GITHUB_TOKEN. */
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  reg = await startRegistry()
  dir = await mkdtemp(join(tmpdir(), 'dg-session-'))
  env = { HOME: dir, DOCKER_CONFIG: join(dir, 'docker-config') }
  children = await Promise.all(
    [amd64, arm64].map(platform => pushImage(reg, 'app', undefined, { platform, layerSizes: [64] }))
  )
  await pushIndex(reg, 'app', '1', children)
  await pushIndex(reg, 'app', 'moving', [children[0]])
})

afterAll(async () => {
  await reg?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

function settings(images: string[]): Settings {
  return parseSettings({ images: images.join('\n'), detail: 'layers' })
}

async function withSession<T>(
  images: string[],
  use: (session: Session) => Promise<T>,
  onSecret?: (secret: string) => void,
  extraEnv: NodeJS.ProcessEnv = {}
): Promise<T> {
  const session = new Session(settings(images), { env: { ...env, ...extraEnv }, onSecret })
  try {
    return await use(session)
  } finally {
    session.dispose()
  }
}

test('an image resolves to its index and platforms, each record under its own spelling', async () => {
  const image = `${reg.host}/app:1`
  const records = await withSession([image], s => s.resolve([image, `  ${image}`]))
  expect(records.map(r => r.image)).toEqual([image, image])
  expect(records[0].error).toBeNull()
  expect(records[0].platforms.map(p => [p.platform, p.digest])).toEqual([
    ['linux/amd64', children[0].digest],
    ['linux/arm64', children[1].digest]
  ])
  // Each record is its own copy: changing one (the policy sets `missing`) leaves the other.
  records[0].missing.push('linux/s390x')
  expect(records[1].missing).toEqual([])
})

test('an identical reference costs its requests once, in one call or a later one', async () => {
  const image = `${reg.host}/app:1`
  const once = await withSession([image], async s => {
    await s.resolve([image])
    return s.facts().requests
  })
  expect(once).toBeGreaterThan(0)
  const [twice, later] = await withSession([image], async s => {
    await s.resolve([image, image])
    const first = s.facts().requests
    await s.resolve([image])
    return [first, s.facts().requests]
  })
  expect(twice).toBe(once)
  expect(later).toBe(once)
})

test('refresh re-reads a tag that moved; resolve answers from the memo', async () => {
  const image = `${reg.host}/app:moving`
  await withSession([image], async s => {
    const [before] = await s.resolve([image])
    expect(before.platforms.map(p => p.platform)).toEqual(['linux/amd64'])
    const moved = await pushIndex(reg, 'app', 'moving', children)
    const [memo] = await s.resolve([image])
    expect(memo.digest).toBe(before.digest)
    const [fresh] = await s.refresh([image])
    expect(fresh.digest).toBe(moved.digest)
    expect(fresh.platforms.map(p => p.platform)).toEqual(['linux/amd64', 'linux/arm64'])
  })
})

test('a bad reference is that image’s error, not a throw, and has no source', async () => {
  const good = `${reg.host}/app:1`
  await withSession([good], async s => {
    const [bad, ok] = await s.resolve(['Not A Reference!', good])
    expect(bad.image).toBe('Not A Reference!')
    expect(bad.error).toMatch(/Not A Reference!/)
    expect(ok.error).toBeNull()
    expect(await s.sourceOf('Not A Reference!')).toBeUndefined()
    const where = await s.sourceOf(good)
    expect(where?.repository).toBe('app')
    expect(where?.source).toBeDefined()
  })
})

test('secrets are handed over when the session opens, before any request', async () => {
  const secrets: string[] = []
  const requests = await withSession(
    [`${reg.host}/app:1`],
    s => Promise.resolve(s.facts().requests),
    secret => secrets.push(secret),
    { GITHUB_TOKEN: 'ghs_session_test' }
  )
  expect(secrets).toEqual(['ghs_session_test'])
  expect(requests).toBe(0)
})

test('distinctImages: each image once, under its first spelling; non-references left out', () => {
  expect(
    distinctImages(['a/b:1', ' a/b:1', 'docker.io/a/b:1', 'a/b:2', 'Not A Reference!'])
  ).toEqual(['a/b:1', 'a/b:2'])
})
