/**
 * Issue 20 through the built action, against the real `docker-registry`: fixtures written as
 * people write them (fixtures/files-reach: a Bitnami-style chart's values, a Kustomize base and
 * overlay, GitLab CI with services, CircleCI, Bitbucket, Azure Pipelines, a devcontainer.json
 * with comments, an Argo Rollout, a Compose file with its .env), copied to a temporary
 * workspace with the registry's host put in. Pin each, verify each, then promote one
 * repository to a new tag; each time every byte outside the values changed is checked, and the
 * requests counted: one per distinct tag.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ActionRun, CLI_ENTRY, runAction, spawnNode } from './harness/action.js'
import { type RunningRegistry, pushImage, pushIndex, startRegistry } from './harness/registry.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/files-reach/', import.meta.url))
const PLACEHOLDER = 'registry.invalid'
const FILES = [
  'chart/values.yaml',
  'deploy/base/kustomization.yaml',
  'deploy/overlays/prod/kustomization.yaml',
  'deploy/rollout.yaml',
  '.gitlab-ci.yml',
  '.circleci/config.yml',
  'bitbucket-pipelines.yml',
  'azure-pipelines.yml',
  '.devcontainer/devcontainer.json',
  'stack/compose.yaml',
  'stack/.env'
]
/** As a deploy repository's workflow would write them; the .env is read beside its Compose file. */
const PATTERNS = [
  'chart/values*.yaml',
  'deploy/**/kustomization.yaml',
  'deploy/rollout.yaml',
  '.gitlab-ci.yml',
  '.circleci/config.yml',
  'bitbucket-pipelines.yml',
  'azure-pipelines.yml',
  '.devcontainer/devcontainer.json',
  'stack/compose.yaml'
].join('\n')
/** Every tag the fixtures name, each an index of two platforms. */
const TAGS = [
  'app/web:1.0.0',
  'app/shipper:2.0',
  'app/api:2.0',
  'app/exporter:1.1',
  'app/build:1.0',
  'app/db:16',
  'app/cache:7',
  'app/deployer:3.1',
  'app/node:20',
  'app/devcontainer:1',
  'app/worker:3'
]
/** Tags a pin resolves: the Compose worker and db are put together from parts, so not pinned. */
const PINNED_TAGS = TAGS.filter(t => t !== 'app/worker:3')
const PLATFORMS = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' }
]

let reg: RunningRegistry
const indexes: Record<string, string> = {}
const workspaces: string[] = []

async function pushTag(tag: string, seed = tag): Promise<string> {
  const [repo, name] = tag.split(':')
  const kids = await Promise.all(
    PLATFORMS.map(platform => pushImage(reg, repo, undefined, { platform, layerSizes: [32], seed }))
  )
  return (await pushIndex(reg, repo, name, kids)).digest
}

beforeAll(async () => {
  reg = await startRegistry()
  for (const tag of [...TAGS, 'app/api:2.1']) indexes[tag] = await pushTag(tag)
})

afterAll(async () => {
  await reg?.stop()
  await Promise.all(workspaces.map(dir => rm(dir, { recursive: true, force: true })))
})

const fixture = async (file: string): Promise<string> =>
  (await readFile(join(FIXTURES, file), 'utf8')).replaceAll(PLACEHOLDER, reg.host)

async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dg-reach-'))
  workspaces.push(dir)
  for (const file of [...FILES, 'deploy/base/deployment.yaml']) {
    await mkdir(dirname(join(dir, file)), { recursive: true })
    await writeFile(join(dir, file), await fixture(file))
  }
  return dir
}

/** [file, exact text before, exact text after] for each value a run must change. */
type Change = [string, string, string]

/** Checks each file is its fixture with exactly `changes` made: every other byte kept. */
async function expectFiles(dir: string, changes: Change[]): Promise<void> {
  for (const file of FILES) {
    let want = await fixture(file)
    for (const [f, from, to] of changes) {
      if (f !== file) continue
      const before = from.replaceAll(PLACEHOLDER, reg.host)
      expect({ file, has: want.includes(before) }).toEqual({ file, has: true })
      want = want.replace(before, to.replaceAll(PLACEHOLDER, reg.host))
    }
    expect({ file, text: await readFile(join(dir, file), 'utf8') }).toEqual({ file, text: want })
  }
}

const d = (tag: string): string => indexes[tag]
const R = `${PLACEHOLDER}/app`

/** What a pin writes into the fixtures. */
function pinChanges(): Change[] {
  return [
    [
      'chart/values.yaml',
      '  tag: 1.0.0\n  digest: ""',
      `  tag: 1.0.0\n  digest: "${d('app/web:1.0.0')}"`
    ],
    ['chart/values.yaml', `"${R}/shipper:2.0"`, `"${R}/shipper:2.0@${d('app/shipper:2.0')}"`],
    [
      'chart/values.yaml',
      'tag: "2.0" # same image as the API\n',
      `tag: "2.0" # same image as the API\n    digest: ${d('app/api:2.0')}\n`
    ],
    [
      'chart/values.yaml',
      "    tag: '1.1'\n",
      `    tag: '1.1'\n    digest: ${d('app/exporter:1.1')}\n`
    ],
    [
      'deploy/base/kustomization.yaml',
      '    newTag: "2.0"\n',
      `    newTag: "2.0"\n    digest: ${d('app/api:2.0')}\n`
    ],
    [
      'deploy/overlays/prod/kustomization.yaml',
      '    newTag: "2.0" # bumped by the release pipeline\n',
      `    newTag: "2.0" # bumped by the release pipeline\n    digest: ${d('app/api:2.0')}\n`
    ],
    [
      'deploy/overlays/prod/kustomization.yaml',
      '    newTag: 1.0.0\n',
      `    newTag: 1.0.0\n    digest: ${d('app/web:1.0.0')}\n`
    ],
    ['deploy/rollout.yaml', `${R}/api:2.0`, `${R}/api:2.0@${d('app/api:2.0')}`],
    ['.gitlab-ci.yml', `${R}/build:1.0`, `${R}/build:1.0@${d('app/build:1.0')}`],
    ['.gitlab-ci.yml', `${R}/db:16`, `${R}/db:16@${d('app/db:16')}`],
    ['.gitlab-ci.yml', `${R}/cache:7`, `${R}/cache:7@${d('app/cache:7')}`],
    ['.gitlab-ci.yml', `${R}/deployer:3.1`, `${R}/deployer:3.1@${d('app/deployer:3.1')}`],
    ...[5, 12].map((): Change => [
      '.circleci/config.yml',
      `${R}/node:20\n`,
      `${R}/node:20@${d('app/node:20')}\n`
    ]),
    ['.circleci/config.yml', `${R}/db:16\n`, `${R}/db:16@${d('app/db:16')}\n`],
    ['bitbucket-pipelines.yml', `${R}/build:1.0`, `${R}/build:1.0@${d('app/build:1.0')}`],
    ['bitbucket-pipelines.yml', `${R}/db:16`, `${R}/db:16@${d('app/db:16')}`],
    ['bitbucket-pipelines.yml', `${R}/node:20`, `${R}/node:20@${d('app/node:20')}`],
    ['bitbucket-pipelines.yml', `${R}/deployer:3.1`, `${R}/deployer:3.1@${d('app/deployer:3.1')}`],
    ['azure-pipelines.yml', `${R}/build:1.0`, `${R}/build:1.0@${d('app/build:1.0')}`],
    ['azure-pipelines.yml', `${R}/db:16`, `${R}/db:16@${d('app/db:16')}`],
    ['azure-pipelines.yml', `${R}/node:20`, `${R}/node:20@${d('app/node:20')}`],
    ['azure-pipelines.yml', `${R}/deployer:3.1`, `${R}/deployer:3.1@${d('app/deployer:3.1')}`],
    [
      '.devcontainer/devcontainer.json',
      `"${R}/devcontainer:1"`,
      `"${R}/devcontainer:1@${d('app/devcontainer:1')}"`
    ],
    ['stack/.env', `WEB_IMAGE=${R}/web:1.0.0\n`, `WEB_IMAGE=${R}/web:1.0.0@${d('app/web:1.0.0')}\n`]
  ]
}

/** What promoting app/api to 2.1 changes on top of a pin. */
function promoteChanges(): Change[] {
  const api = d('app/api:2.0')
  const next = d('app/api:2.1')
  return pinChanges().map(([file, from, to]): Change => {
    if (!to.includes(api)) return [file, from, to]
    const moved = to
      .replace(api, next)
      .replace('"2.0"', '"2.1"')
      .replace(`${R}/api:2.0@`, `${R}/api:2.1@`)
    return [file, from, moved]
  })
}

interface Annotation {
  level: string
  file?: string
  line?: string
  title?: string
  message: string
}

function annotations(run: ActionRun, level: string): Annotation[] {
  const out: Annotation[] = []
  for (const line of run.stdout.split('\n')) {
    const m = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line)
    if (!m || m[1] !== level) continue
    const props: Record<string, string> = {}
    for (const pair of (m[2] ?? '').trim().split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      props[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1))
    }
    out.push({
      level: m[1],
      file: props.file,
      line: props.line,
      title: props.title,
      message: decodeURIComponent(m[3])
    })
  }
  return out
}

/** Every reference in the report's `references` section, as `file:line status`. */
function statuses(run: ActionRun): string[] {
  const report = run.report as unknown as {
    references?: { file: string; references: { line: number; status: string }[] }[]
  }
  return (report.references ?? []).flatMap(f =>
    f.references.map(r => `${f.file}:${r.line} ${r.status}`)
  )
}

const action = (dir: string, inputs: Record<string, string>): Promise<ActionRun> =>
  runAction({ files: PATTERNS, ...inputs }, { GITHUB_WORKSPACE: dir })

test('pin each kind, verify each, then promote one repository to a new tag', async () => {
  const dir = await workspace()
  const pin = await action(dir, { mode: 'pin' })
  expect(pin.stderr).toBe('')
  expect(pin.code).toBe(0)
  await expectFiles(dir, pinChanges())
  expect(pin.outputs['changed-files'].split('\n')).toEqual(
    FILES.filter(f => f !== 'stack/compose.yaml').sort()
  )
  // One HEAD per distinct tag, whatever the number of files and references.
  expect(pin.report?.run?.requests).toBe(PINNED_TAGS.length)
  // The templated Helm value and the Kustomize entry with no tag are reported, not rewritten.
  const notFollowed = annotations(pin, 'notice').filter(
    a => a.title === 'digest-gate: not followed'
  )
  expect(notFollowed.map(a => `${a.file}:${a.line}`)).toEqual(
    expect.arrayContaining(['chart/values.yaml:88', 'deploy/overlays/prod/kustomization.yaml:16'])
  )
  // The Compose references put together from parts are checked, not pinned, on their lines.
  expect(annotations(pin, 'warning').map(a => `${a.file}:${a.line}`)).toEqual([
    'stack/compose.yaml:9',
    'stack/compose.yaml:11'
  ])
  expect(annotations(pin, 'error')).toEqual([])

  const verify = await action(dir, { mode: 'verify', platforms: 'linux/amd64,linux/arm64' })
  expect(verify.code).toBe(0)
  expect(annotations(verify, 'error')).toEqual([])
  expect(verify.report?.run?.requests).toBe(TAGS.length)
  expect(statuses(verify).filter(s => !s.endsWith(' ok'))).toEqual([
    'stack/compose.yaml:9 unpinned',
    'stack/compose.yaml:11 unpinned'
  ])
  await expectFiles(dir, pinChanges())

  // Promote: the release pipeline pushed app/api:2.1; every reference to app/api moves to it.
  const release = `${reg.host}/app/api:2.1`
  const promote = await action(dir, { mode: 'pin', images: release })
  expect(promote.code).toBe(0)
  await expectFiles(dir, promoteChanges())
  expect(promote.outputs['changed-files'].split('\n')).toEqual([
    'chart/values.yaml',
    'deploy/base/kustomization.yaml',
    'deploy/overlays/prod/kustomization.yaml',
    'deploy/rollout.yaml'
  ])
  // The release's tag once, and each other tag once: the old api tag is not asked for.
  expect(promote.report?.run?.requests).toBe(PINNED_TAGS.length)
  expect(statuses(promote).filter(s => s.endsWith(' promoted'))).toEqual([
    'chart/values.yaml:62 promoted',
    'deploy/base/kustomization.yaml:10 promoted',
    'deploy/overlays/prod/kustomization.yaml:10 promoted',
    'deploy/rollout.yaml:25 promoted'
  ])
  expect(promote.summary).toContain(
    `${reg.host}/app/api:2.0@${d('app/api:2.0')} → ${reg.host}/app/api:2.1@${d('app/api:2.1')}`
  )

  // The deploy repository runs what was released: verify with the release passes…
  const held = await action(dir, { mode: 'verify', images: release })
  expect(held.code).toBe(0)
  expect(annotations(held, 'error')).toEqual([])
  // …and a file at another tag of the released repository is drift, at its line.
  const drift = await action(dir, { mode: 'verify', images: `${reg.host}/app/api:2.0` })
  expect(drift.code).toBe(1)
  const errors = annotations(drift, 'error').filter(a => a.file)
  expect(errors.map(a => `${a.file}:${a.line} ${a.title ?? ''}`)).toEqual([
    'chart/values.yaml:62 digest-gate: drift from the release',
    'deploy/base/kustomization.yaml:10 digest-gate: drift from the release',
    'deploy/overlays/prod/kustomization.yaml:10 digest-gate: drift from the release',
    'deploy/rollout.yaml:25 digest-gate: drift from the release'
  ])
  expect(errors[3].message).toBe(
    `'${release}@${d('app/api:2.1')}' drifts from the release: it names tag 2.1, the release is ${reg.host}/app/api:2.0 (${d('app/api:2.0')})`
  )
  // The drifting references ask nothing of their own: each other tag once, and the release.
  expect(drift.report?.run?.requests).toBe(TAGS.length)
  // A report run lists the references as they are: the images given promote nothing there.
  const report = await action(dir, { images: `${reg.host}/app/api:2.0` })
  expect(report.code).toBe(0)
  expect(statuses(report).filter(st => st.includes('drift'))).toEqual([])
  await expectFiles(dir, promoteChanges())
})

test('the CLI promotes and checks drift as the action does, with --images', async () => {
  const dir = await workspace()
  const env = { PATH: process.env.PATH ?? '', HOME: dir, GITHUB_WORKSPACE: dir }
  const cli = (...args: string[]) => spawnNode([CLI_ENTRY, ...args, ...PATTERNS.split('\n')], env)
  expect((await cli('pin')).code).toBe(0)
  await expectFiles(dir, pinChanges())
  const release = `${reg.host}/app/api:2.1`
  const promote = await cli('pin', '--images', release)
  expect(promote.code).toBe(0)
  await expectFiles(dir, promoteChanges())
  expect((await cli('verify', '--images', release)).code).toBe(0)
  const drift = await cli('verify', '--images', `${reg.host}/app/api:2.0`)
  expect(drift.code).toBe(1)
  expect(drift.stdout).toContain('verify: 10 files, 28 references: 22 ok, 4 drift, 2 unpinned')
  expect(drift.stdout.split('\n').filter(l => /^[^ ]+:\d+:\d+: drift: /.test(l))).toEqual([
    expect.stringMatching(/^chart\/values\.yaml:62:11: drift: /),
    expect.stringMatching(/^deploy\/base\/kustomization\.yaml:10:14: drift: /),
    expect.stringMatching(/^deploy\/overlays\/prod\/kustomization\.yaml:10:14: drift: /),
    expect.stringMatching(/^deploy\/rollout\.yaml:25:16: drift: /)
  ])
  expect(drift.stdout.trimEnd().split('\n').at(-1)).toBe('not ok')
})
