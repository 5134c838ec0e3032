/**
 * `files` with `mode: pin` and `mode: verify` through the built action and the built CLI,
 * against the real `docker-registry`: real files (fixtures/files-registry, copied to a temporary
 * workspace with the registry's host put in), pinned byte for byte, then verified; a tag that
 * moves, a pin to one platform's manifest, a deleted manifest and an unpinned reference each
 * fail verify at their file and line.
 */
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  ACTION_ENTRY,
  CLI_ENTRY,
  type ActionRun,
  digestsOf,
  inputEnv,
  runAction,
  spawnNode
} from './harness/action.js'
import {
  type PushedImage,
  type RunningRegistry,
  deleteManifest,
  pushImage,
  pushIndex,
  startRegistry
} from './harness/registry.js'
import { type TokenServer, startTokenServer, tokenAuthFor } from './harness/token-server.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/files-registry/', import.meta.url))
const PLACEHOLDER = 'registry.invalid'
const FILES = [
  'Dockerfile',
  'compose.yaml',
  'docker-compose.override.yml',
  'deploy/rendered.yaml',
  '.github/workflows/ci.yml'
]
/** As a workflow would write them: globs, one per line. */
const PATTERNS = [
  '**/Dockerfile',
  'compose.yaml',
  'docker-compose.*.yml',
  'deploy/*.yaml',
  '.github/workflows/*.yml'
].join('\n')
/** Every tag the fixtures name, each an index of two platforms. */
const TAGS = [
  'app/base:1.0',
  'app/builder:1.0',
  'app/tools:2.1',
  'app/worker:3',
  'app/web:1.0',
  'app/api:2.0',
  'app/proxy:1.30',
  'app/cache:7'
]
const PLATFORMS = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' }
]

let reg: RunningRegistry
const indexes: Record<string, string> = {}
const children: Record<string, PushedImage[]> = {}
const workspaces: string[] = []

async function pushTag(tag: string, seed = tag): Promise<string> {
  const [repo, name] = tag.split(':')
  const kids = await Promise.all(
    PLATFORMS.map(platform => pushImage(reg, repo, undefined, { platform, layerSizes: [32], seed }))
  )
  children[tag] = kids
  return (await pushIndex(reg, repo, name, kids)).digest
}

beforeAll(async () => {
  reg = await startRegistry()
  for (const tag of TAGS) indexes[tag] = await pushTag(tag)
})

afterAll(async () => {
  await reg?.stop()
  await Promise.all(workspaces.map(dir => rm(dir, { recursive: true, force: true })))
})

/** A fresh workspace: the fixtures, or the files given, with the registry's host put in. */
async function workspace(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dg-files-'))
  workspaces.push(dir)
  const contents = Object.keys(files).length
    ? files
    : Object.fromEntries(
        await Promise.all(
          FILES.map(async f => [f, await readFile(join(FIXTURES, f), 'utf8')] as const)
        )
      )
  for (const [file, text] of Object.entries(contents)) {
    await mkdir(dirname(join(dir, file)), { recursive: true })
    await writeFile(join(dir, file), text.replaceAll(PLACEHOLDER, reg.host))
  }
  return dir
}

/** What pin must make of a fixture: fixtures/files-registry/pinned/, digests put in. */
async function expectedPinned(file: string, digests = indexes): Promise<string> {
  const text = await readFile(join(FIXTURES, 'pinned', file), 'utf8')
  return text
    .replaceAll(PLACEHOLDER, reg.host)
    .replace(/\{\{([^}]+)\}\}/g, (_, tag: string) => digests[tag] ?? `(no digest for ${tag})`)
}

async function expectFilesPinned(dir: string, digests = indexes): Promise<void> {
  for (const file of FILES) {
    expect({ file, text: await readFile(join(dir, file), 'utf8') }).toEqual({
      file,
      text: await expectedPinned(file, digests)
    })
  }
}

interface Annotation {
  level: string
  properties: Record<string, string>
  message: string
}

/** The workflow commands `::error file=…,line=…::message` the action printed. */
function annotations(run: { stdout: string }, level?: string): Annotation[] {
  const out: Annotation[] = []
  for (const line of run.stdout.split('\n')) {
    const m = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line)
    if (!m || (level && m[1] !== level)) continue
    const properties: Record<string, string> = {}
    for (const pair of (m[2] ?? '').trim().split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      properties[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1).replace(/%2C/g, ','))
    }
    out.push({ level: m[1], properties, message: decodeURIComponent(m[3]) })
  }
  return out
}

function action(dir: string, inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({ files: PATTERNS, ...inputs }, { GITHUB_WORKSPACE: dir })
}

/** Every reference in the report's `references` section, as `file:line:col status`. */
function statuses(run: ActionRun): string[] {
  const report = run.report as unknown as {
    references?: { file: string; references: { line: number; column: number; status: string }[] }[]
  }
  return (report.references ?? []).flatMap(f =>
    f.references.map(r => `${f.file}:${r.line}:${r.column} ${r.status}`)
  )
}

const SORTED_FILES = [...FILES].sort()

describe('pin, then verify, through the action', () => {
  test('pin writes name:tag@index-digest and nothing else, with one HEAD per distinct tag', async () => {
    const dir = await workspace()
    const pin = await action(dir, { mode: 'pin' })
    expect(pin.stderr).toBe('')
    expect(pin.code).toBe(0)
    await expectFilesPinned(dir)
    expect(pin.outputs['changed-files']).toBe(SORTED_FILES.join('\n'))
    // detail defaults to digest for pin: what each tag points at is all a pin needs.
    expect(pin.report?.run?.requests).toBe(TAGS.length)
    expect(statuses(pin)).toEqual([
      '.github/workflows/ci.yml:8:14 pinned',
      '.github/workflows/ci.yml:11:17 pinned',
      '.github/workflows/ci.yml:15:24 pinned',
      'Dockerfile:3:10 pinned',
      'Dockerfile:6:32 pinned',
      'Dockerfile:11:6 skipped',
      'Dockerfile:16:13 pinned',
      'compose.yaml:5:11 pinned',
      'compose.yaml:5:11 pinned',
      'compose.yaml:10:12 pinned',
      'compose.yaml:13:13 pinned',
      'compose.yaml:15:15 pinned',
      'deploy/rendered.yaml:15:19 pinned',
      'deploy/rendered.yaml:19:19 pinned',
      'deploy/rendered.yaml:21:18 pinned',
      'deploy/rendered.yaml:37:22 pinned',
      'docker-compose.override.yml:3:13 pinned'
    ])
    // The one it cannot pin says why, on its line.
    const skipped = annotations(pin, 'warning')
    expect(skipped).toHaveLength(1)
    expect(skipped[0].properties).toMatchObject({ file: 'Dockerfile', line: '11', col: '6' })
    expect(skipped[0].message).toMatch(/TOOLS_TAG/)
    expect(annotations(pin, 'error')).toEqual([])
    // The outputs describe every image resolved.
    expect(pin.outputs.pinned.split('\n').sort()).toEqual(
      TAGS.map(t => `${reg.host}/${t}@${indexes[t]}`).sort()
    )
    expect(pin.summary).toContain('Files (pin)')
    expect(pin.summary).toContain('<code>deploy/rendered.yaml</code>')

    const verify = await action(dir, {
      mode: 'verify',
      platforms: 'linux/amd64, linux/arm64',
      images: `${reg.host}/app/cache:7`
    })
    expect(verify.code).toBe(0)
    expect(annotations(verify, 'error')).toEqual([])
    // One resolution per distinct tag, the image given included (it is one of them).
    expect(verify.report?.run?.requests).toBe(TAGS.length)
    expect(digestsOf(verify)[`${reg.host}/app/cache:7`].digest).toBe(indexes['app/cache:7'])
    expect(statuses(verify).filter(s => !s.endsWith(' ok'))).toEqual(['Dockerfile:11:6 unpinned'])
    expect(verify.outputs['changed-files']).toBe('')
    await expectFilesPinned(dir)

    // Pinning again changes nothing.
    const again = await action(dir, { mode: 'pin' })
    expect(again.code).toBe(0)
    expect(again.outputs['changed-files']).toBe('')
    await expectFilesPinned(dir)
  })

  test('a tag that moved fails verify at each line pinned to it; pin updates those lines only', async () => {
    const dir = await workspace()
    expect((await action(dir, { mode: 'pin' })).code).toBe(0)
    const old = children['app/web:1.0']
    const moved = await pushTag('app/web:1.0', 'moved')
    try {
      const verify = await action(dir, { mode: 'verify' })
      expect(verify.code).toBe(1)
      const errors = annotations(verify, 'error').filter(a => a.properties.file)
      expect(errors.map(a => [a.properties.file, a.properties.line, a.properties.col])).toEqual([
        ['compose.yaml', '10', '12'],
        ['docker-compose.override.yml', '3', '13']
      ])
      for (const e of errors) {
        expect(e.properties.title).toBe('digest-gate: stale pin')
        expect(e.message).toBe(
          `'${reg.host}/app/web:1.0@${indexes['app/web:1.0']}' is stale: ${reg.host}/app/web:1.0 now points at ${moved}, the pin is ${indexes['app/web:1.0']}`
        )
      }
      // Each tag once, and the old pin once more, to see it still exists.
      expect(verify.report?.run?.requests).toBe(TAGS.length + 1)
      expect(annotations(verify, 'error').at(-1)?.message).toMatch(/^verify: 2 errors in 2 files/)

      const pin = await action(dir, { mode: 'pin' })
      expect(pin.code).toBe(0)
      expect(pin.outputs['changed-files']).toBe('compose.yaml\ndocker-compose.override.yml')
      await expectFilesPinned(dir, { ...indexes, 'app/web:1.0': moved })
    } finally {
      await pushIndex(reg, 'app/web', '1.0', old)
      children['app/web:1.0'] = old
    }
  })
})

describe('verify fails on what it must', () => {
  test('a pin to one platform’s manifest names the platforms it lacks', async () => {
    const amd64 = children['app/base:1.0'][0].digest
    const dir = await workspace({
      'compose.yaml': `services:\n  app:\n    image: ${PLACEHOLDER}/app/base:1.0@${amd64}\n`
    })
    const run = await action(dir, {
      mode: 'verify',
      files: 'compose.yaml',
      platforms: 'linux/amd64,linux/arm64'
    })
    expect(run.code).toBe(1)
    const [error] = annotations(run, 'error')
    expect(error.properties).toMatchObject({ file: 'compose.yaml', line: '3', col: '12' })
    expect(error.properties.title).toBe('digest-gate: single-platform pin')
    expect(error.message).toBe(
      `'${reg.host}/app/base:1.0@${amd64}' pins only the linux/amd64 manifest of ${reg.host}/app/base:1.0's index ${indexes['app/base:1.0']}, so it lacks linux/arm64; pin the index to keep every platform`
    )
    // The tag's index lists the pinned manifest: nothing more to ask.
    expect(run.report?.run?.requests).toBe(1)
  })

  test('with a policy, each reference needs its own rule’s platforms, and breaks its rules', async () => {
    const amd64 = children['app/base:1.0'][0].digest
    const dir = await workspace({
      'compose.yaml': [
        'services:',
        `  base: {image: ${PLACEHOLDER}/app/base:1.0@${amd64}}`,
        `  web: {image: ${PLACEHOLDER}/app/web:1.0}`,
        ''
      ].join('\n'),
      '.github/digest-gate.yml': [
        'default:',
        '  platforms: [linux/amd64]',
        'images:',
        `  - match: '**/app/base:*'`,
        '    platforms: [linux/amd64, linux/arm64]',
        `  - match: '**/app/web:*'`,
        '    max-layers: 0',
        ''
      ].join('\n')
    })
    const bad = await action(dir, {
      mode: 'verify',
      files: 'compose.yaml',
      policy: join(dir, '.github/digest-gate.yml')
    })
    // max-layers must be at least 1: the policy is refused, naming its file, line and key.
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/digest-gate\.yml:7:17: key 'max-layers': expected a whole number/)
    expect(bad.stdout).not.toMatch(/\n\s+at /)

    await writeFile(
      join(dir, '.github/digest-gate.yml'),
      (await readFile(join(dir, '.github/digest-gate.yml'), 'utf8')).replace(
        'max-layers: 0',
        'forbid: [linux/arm64]'
      )
    )
    const run = await action(dir, {
      mode: 'verify',
      files: 'compose.yaml',
      policy: join(dir, '.github/digest-gate.yml'),
      'fail-on': 'violation'
    })
    expect(run.code).toBe(1)
    // The base rule asks for arm64 too, so the amd64-only pin lacks it, on its line; the
    // default (amd64 alone) would not have.
    const [pin] = annotations(run, 'error').filter(a => a.properties.file === 'compose.yaml')
    expect(pin.properties).toMatchObject({ line: '2', title: 'digest-gate: single-platform pin' })
    expect(pin.message).toContain('so it lacks linux/arm64')
    // The web image is judged by its own rule: its arm64 platform is forbidden.
    expect(JSON.parse(run.outputs.violations)).toEqual([
      expect.objectContaining({
        image: `${reg.host}/app/web:1.0`,
        platform: 'linux/arm64',
        rule: 'forbid'
      })
    ])
  })

  test('a pinned digest that was deleted: verify says it no longer exists', async () => {
    const digest = await pushTag('app/gone:1')
    const dir = await workspace({
      Dockerfile: `FROM ${PLACEHOLDER}/app/gone:1@${digest}\nRUN true\n`
    })
    await deleteManifest(reg, 'app/gone', digest)
    const run = await action(dir, { mode: 'verify', files: 'Dockerfile' })
    expect(run.code).toBe(1)
    const found = annotations(run).filter(a => a.properties.file === 'Dockerfile')
    expect(found.map(a => [a.level, a.properties.line, a.properties.col, a.message])).toEqual([
      [
        'error',
        '1',
        '6',
        `'${reg.host}/app/gone:1@${digest}': the pinned digest ${digest} no longer exists in the registry`
      ],
      [
        'warning',
        '1',
        '6',
        `'${reg.host}/app/gone:1@${digest}': the tag ${reg.host}/app/gone:1 no longer exists, so the pin ${digest} follows nothing`
      ]
    ])
  })

  test('require-pins fails on an unpinned reference; without it, it is a notice', async () => {
    const files = { 'compose.yaml': `services:\n  web: {image: ${PLACEHOLDER}/app/web:1.0}\n` }
    const strict = await action(await workspace(files), {
      mode: 'verify',
      files: 'compose.yaml',
      'require-pins': 'true'
    })
    expect(strict.code).toBe(1)
    const [error] = annotations(strict, 'error')
    expect(error.properties).toMatchObject({ file: 'compose.yaml', line: '2', col: '16' })
    expect(error.message).toBe(
      `'${reg.host}/app/web:1.0' is not pinned by digest; pin it as ${reg.host}/app/web:1.0@${indexes['app/web:1.0']}`
    )

    const lenient = await action(await workspace(files), { mode: 'verify', files: 'compose.yaml' })
    expect(lenient.code).toBe(0)
    expect(annotations(lenient, 'error')).toEqual([])
    expect(annotations(lenient, 'notice').map(a => a.properties.line)).toEqual(['2'])
  })

  test('a pattern that matches nothing fails the step naming it, without a stack trace', async () => {
    const run = await action(await workspace(), { mode: 'verify', files: 'k8s/*.yaml' })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain("files: pattern 'k8s/*.yaml' matches no files under")
    expect(run.stdout).not.toMatch(/\n\s+at /)
  })
})

describe('pin refuses to write what it must not, and pins the rest', () => {
  test('a file that is not valid UTF-8 is left byte for byte as it was', async () => {
    const dir = await workspace({
      'compose.yaml': `services:\n  web: {image: ${PLACEHOLDER}/app/web:1.0}\n`
    })
    const bytes = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9]),
      Buffer.from(` (Latin-1)\nFROM ${reg.host}/app/base:1.0\n`)
    ])
    await writeFile(join(dir, 'Dockerfile'), bytes)
    const run = await action(dir, { mode: 'pin', files: 'Dockerfile\ncompose.yaml' })
    expect(run.code).toBe(1)
    expect(await readFile(join(dir, 'Dockerfile'))).toEqual(bytes)
    expect(run.outputs['changed-files']).toBe('compose.yaml')
    expect(await readFile(join(dir, 'compose.yaml'), 'utf8')).toBe(
      `services:\n  web: {image: ${reg.host}/app/web:1.0@${indexes['app/web:1.0']}}\n`
    )
    const [error] = annotations(run, 'error')
    expect(error.properties).toMatchObject({ file: 'Dockerfile', line: '2', col: '6' })
    expect(error.message).toBe(
      `'${reg.host}/app/base:1.0' (FROM (stage 1)) cannot be pinned: Dockerfile is not valid UTF-8 (byte 5, line 1); refusing to rewrite it, as writing the text back would change bytes it does not understand`
    )
    const [warning] = annotations(run, 'warning')
    expect(warning.properties).toMatchObject({ file: 'Dockerfile', line: '1', col: '6' })
  })

  test('a symlink that leads out of the workspace is neither read nor written', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'dg-outside-'))
    workspaces.push(outside)
    const text = `FROM ${reg.host}/app/base:1.0\n`
    await writeFile(join(outside, 'Dockerfile'), text)
    const dir = await workspace({
      'compose.yaml': `services:\n  web: {image: ${PLACEHOLDER}/app/web:1.0}\n`
    })
    await symlink(join(outside, 'Dockerfile'), join(dir, 'Dockerfile'))
    const run = await action(dir, { mode: 'pin', files: 'Dockerfile\ncompose.yaml' })
    expect(run.code).toBe(1)
    expect(await readFile(join(outside, 'Dockerfile'), 'utf8')).toBe(text)
    expect(run.outputs['changed-files']).toBe('compose.yaml')
    const [error] = annotations(run, 'error')
    expect(error.properties).toMatchObject({ file: 'Dockerfile', line: '1', col: '1' })
    // Where it leads is not said: a path outside the workspace is never printed.
    expect(error.message).toBe('leads outside the workspace; not read')
    expect(run.stdout).not.toContain(outside)
  })
})

describe('start-up', () => {
  /** The bundle's files a run loads, through a module resolve hook that logs each. */
  async function loadedChunks(inputs: Record<string, string>, env: Record<string, string> = {}) {
    const dir = await mkdtemp(join(tmpdir(), 'dg-hooks-'))
    workspaces.push(dir)
    const hooks = join(dir, 'hooks.mjs')
    await writeFile(
      hooks,
      `export async function resolve(s, c, next) {\n  const r = await next(s, c)\n  if (r.url.startsWith('file:')) process.stderr.write('LOADED ' + r.url + '\\n')\n  return r\n}\n`
    )
    const register = join(dir, 'register.mjs')
    await writeFile(
      register,
      `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`
    )
    await writeFile(join(dir, 'output'), '')
    const run = await spawnNode(['--import', register, ACTION_ENTRY], {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: join(dir, 'output'),
      ...inputEnv(inputs),
      ...env
    })
    const files = [...run.stderr.matchAll(/^LOADED (file:.*)$/gm)].map(m => fileURLToPath(m[1]))
    const text = (await Promise.all(files.map(f => readFile(f, 'utf8')))).join('\n')
    return { run, files, text }
  }
  // Text only each module's own code holds (not a caller's reference to it), so the check does
  // not depend on ncc's chunk numbering.
  const MARKERS = {
    yaml: 'Implicit keys need to be on a single line',
    // The one glob expander (files/walk-glob.ts), which replaced tinyglobby.
    'walk-glob': 'was still being expanded when the run',
    // The glob matcher, a chunk of its own since the policy's globs share it
    picomatch: 'function picomatch(',
    scanners: 'findDockerfileReferences',
    'run-files': 'renderFilesSummary'
  }

  test('a run over the shipped OCI layout loads none of the file code', async () => {
    const { run, files, text } = await loadedChunks({
      images: 'oci-layout://examples/hello-layout:1.0'
    })
    expect(run.code).toBe(0)
    expect(files[0]).toBe(ACTION_ENTRY)
    for (const marker of Object.values(MARKERS)) expect(text).not.toContain(marker)
  })

  test('a run with files loads each of them, from chunks of their own', async () => {
    const dir = await workspace({ Dockerfile: 'FROM scratch\n' })
    const { run, files, text } = await loadedChunks(
      { files: 'Dockerfile', mode: 'verify' },
      { GITHUB_WORKSPACE: dir }
    )
    expect(run.code).toBe(0)
    for (const marker of Object.values(MARKERS)) expect(text).toContain(marker)
    const entry = await readFile(ACTION_ENTRY, 'utf8')
    for (const marker of Object.values(MARKERS)) expect(entry).not.toContain(marker)
    // yaml, the glob walk, picomatch, the scanners and the orchestration each in a chunk of its own.
    const chunks = await Promise.all(files.map(async f => [f, await readFile(f, 'utf8')] as const))
    const holders = Object.values(MARKERS).map(m =>
      chunks.filter(([, t]) => t.includes(m)).map(([f]) => f)
    )
    for (const h of holders) expect(h).toHaveLength(1)
    expect(new Set(holders.flat()).size).toBe(holders.length)
  })
})

describe('the CLI', () => {
  const env = (dir: string): Record<string, string> => ({
    PATH: process.env.PATH ?? '',
    HOME: dir,
    DOCKER_CONFIG: join(dir, '.docker'),
    GITHUB_WORKSPACE: dir
  })

  test('digest-gate pin FILE... rewrites the files; verify then exits 0', async () => {
    const dir = await workspace()
    const pin = await spawnNode([CLI_ENTRY, 'pin', ...PATTERNS.split('\n')], env(dir))
    expect(pin.stderr).toBe('')
    expect(pin.code).toBe(0)
    await expectFilesPinned(dir)
    expect(pin.stdout).toContain(`changed: ${SORTED_FILES.join(', ')}`)
    expect(pin.stdout).toContain(
      `compose.yaml:10:12: pinned: '${reg.host}/app/web:1.0' (services.web.image) pinned: ${reg.host}/app/web:1.0@${indexes['app/web:1.0']}`
    )
    const verify = await spawnNode(
      [CLI_ENTRY, 'verify', '-p', 'linux/amd64,linux/arm64', ...PATTERNS.split('\n')],
      env(dir)
    )
    expect(verify.code).toBe(0)
    expect(verify.stdout.trim().endsWith('ok')).toBe(true)
  })

  test('digest-gate verify exits 1 naming file and line of a stale pin whose digest is gone', async () => {
    const made = `sha256:${'0'.repeat(64)}`
    const dir = await workspace({
      'compose.yaml': `services:\n  web:\n    image: ${PLACEHOLDER}/app/web:1.0@${made}\n`
    })
    const run = await spawnNode([CLI_ENTRY, 'verify', 'compose.yaml'], env(dir))
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`compose.yaml:3:12: stale: '${reg.host}/app/web:1.0@${made}'`)
    expect(run.stdout).toContain(`the pinned digest ${made} no longer exists in the registry`)
    expect(run.stderr).toContain('digest-gate: verify: 2 errors in 1 file (1 stale, 1 not-found)')
  })

  test('digest-gate --json verify prints the report with its references section', async () => {
    const dir = await workspace()
    const json = await spawnNode([CLI_ENTRY, 'verify', '--json', 'Dockerfile'], env(dir))
    expect(json.code).toBe(0)
    const report = JSON.parse(json.stdout) as {
      references: { file: string; kind: string; references: { line: number; status: string }[] }[]
    }
    expect(report.references.map(f => [f.file, f.kind])).toEqual([['Dockerfile', 'dockerfile']])
    expect(report.references[0].references.map(r => [r.line, r.status])).toEqual([
      [3, 'unpinned'],
      [6, 'unpinned'],
      [11, 'unpinned'],
      [16, 'unpinned']
    ])
  })
})

describe('behind a token server', () => {
  let tokens: TokenServer
  let treg: RunningRegistry

  beforeAll(async () => {
    tokens = await startTokenServer({ service: 'files' })
    treg = await startRegistry({ token: tokenAuthFor(tokens) })
    const auth = tokens.pushAuth('admin')
    for (const repo of ['t/a', 't/b', 't/c']) {
      const kids = await Promise.all(
        PLATFORMS.map(platform =>
          pushImage(treg, repo, undefined, { platform, layerSizes: [8], seed: repo, auth })
        )
      )
      await pushIndex(treg, repo, 'v1', kids, { auth })
    }
  })
  afterAll(async () => {
    await treg?.stop()
    await tokens?.stop()
  })

  test('pin of 6 references to 3 tags: one token for every repository, then 3 HEADs', async () => {
    const h = treg.host
    const dir = await workspace({
      Dockerfile: `FROM ${h}/t/a:v1 AS a\nFROM ${h}/t/b:v1 AS b\nFROM ${h}/t/a:v1\nCOPY --from=${h}/t/c:v1 / /\n`,
      'compose.yaml': `services:\n  b: {image: ${h}/t/b:v1}\n  c: {image: "${h}/t/c:v1"}\n`
    })
    tokens.requests.length = 0
    const run = await action(dir, { mode: 'pin', files: 'Dockerfile\ncompose.yaml' })
    expect(run.code).toBe(0)
    expect(statuses(run).filter(s => s.endsWith(' pinned'))).toHaveLength(6)
    expect(tokens.requests).toHaveLength(1)
    expect(run.report?.run?.tokenRequests).toBe(1)
    // The first HEAD meets the challenge; the token carries all three scopes; then one HEAD each.
    expect(run.report?.run?.requests).toBe(1 + 1 + 3)
  })
})
