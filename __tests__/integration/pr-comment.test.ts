/**
 * The sticky pull request comment through the built action, run as the runner runs it: a
 * `pull_request` event payload at GITHUB_EVENT_PATH, GITHUB_API_URL at a stand-in for the three
 * GitHub REST endpoints the comment uses (harness/github-api.ts), images from the OCI layout
 * shipped in examples/ (no registry needed).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OUTPUTS } from '../../src/report/outputs.js'
import { type ActionRun, REPO_ROOT, runAction } from './harness/action.js'
import { type GitHubApi, startGitHubApi } from './harness/github-api.js'

const LAYOUT = 'oci-layout://examples/hello-layout'
/** As Markdown shows it: as given, nothing inserted (GitHub links no `oci-layout://`). */
const SHOWN = 'oci-layout://examples/hello-layout'
const EVENT = join(REPO_ROOT, '__tests__/fixtures/events/pull_request.json')
const REPOSITORY = 'octo-org/hello-images'
const TOKEN = 'ghs_standInToken0123456789'
const MARKER = '<!-- digest-gate:comment workflow=Images job=platforms -->'
const LIST = `/repos/${REPOSITORY}/issues/12/comments`

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dg-pr-comment-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

let api: GitHubApi | undefined
afterEach(async () => {
  await api?.stop()
  api = undefined
})

function prEnv(apiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: EVENT,
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_WORKFLOW: 'Images',
    GITHUB_JOB: 'platforms',
    GITHUB_RUN_ID: '4242',
    ...extra
  }
}

const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  images: `${LAYOUT}:1.0`,
  platforms: 'linux/amd64, linux/arm64',
  comment: 'true',
  'github-token': TOKEN,
  ...extra
})

/** `::warning …::message` lines of a run, decoded as the runner decodes them. */
function warnings(run: ActionRun): string[] {
  return run.stdout
    .split('\n')
    .filter(l => l.startsWith('::warning'))
    .map(l =>
      l
        .slice(l.indexOf('::', 2) + 2)
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%')
    )
}

const writes = (a: GitHubApi): string[] =>
  a.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`)

function expectAllOutputs(run: ActionRun): void {
  expect(Object.keys(run.outputs).sort()).toEqual(Object.values(OUTPUTS).sort())
}

async function forkEvent(event: string, head: string): Promise<string> {
  const payload = JSON.parse(await readFile(EVENT, 'utf8')) as {
    pull_request: { head: { repo: { full_name: string } } }
  }
  payload.pull_request.head.repo.full_name = head
  const file = join(dir, `${event}-${head.replace('/', '_')}.json`)
  await writeFile(file, JSON.stringify(payload))
  return file
}

describe('the sticky comment', () => {
  test('the first run posts one comment with the marker; the next updates it in place', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
    const first = await runAction(inputs(), prEnv(api.url))
    expect(first.code).toBe(0)
    expect(warnings(first)).toEqual([])
    expectAllOutputs(first)
    expect(api.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      `GET ${LIST}?per_page=100`,
      `POST ${LIST}`
    ])
    for (const r of api.requests) expect(r.authorization).toBe(`token ${TOKEN}`)
    expect(api.comments).toHaveLength(1)
    const [comment] = api.comments
    expect((api.requests[1].body as { body: string }).body).toBe(comment.body)
    const lines = comment.body.split('\n')
    expect(lines[0]).toBe(MARKER)
    expect(lines[1]).toMatch(/^<!-- digest-gate:content sha256=[0-9a-f]{64} -->$/)
    expect(lines[2]).toBe('## digest-gate ✅')
    expect(comment.body).toContain(`### ✅ <code>${SHOWN}:1.0</code>`)
    expect(comment.body).toContain(
      '| <code>linux/arm64</code> | <code>sha256:085de4104d17</code> | 1 | 134 B |'
    )
    expect(comment.body).toContain(
      [
        '```mermaid',
        'xychart-beta',
        '  x-axis ["linux/amd64", "linux/arm64", "linux/arm/v7"]',
        '  y-axis "Size (B)" 0 --> 500',
        '  bar [325, 134, 132]',
        '```'
      ].join('\n')
    )
    expect(comment.body).toContain(
      '[the job summary](https://github.example/octo-org/hello-images/actions/runs/4242)'
    )
    expect(first.stdout).toContain(`Posted the pull request comment: https://github.example/`)
    // The job summary carries the same chart.
    expect(first.summary).toContain('  bar [325, 134, 132]')

    const second = await runAction(inputs(), prEnv(api.url, { GITHUB_RUN_ID: '4243' }))
    expect(second.code).toBe(0)
    expect(warnings(second)).toEqual([])
    expect(writes(api)).toEqual([
      `POST ${LIST}`,
      `PATCH /repos/${REPOSITORY}/issues/comments/${comment.id}`
    ])
    expect(api.comments).toHaveLength(1)
    expect(api.comments[0].body).toContain('/actions/runs/4243')
  })

  test('on-change: the same result sends no write; a different one updates the comment', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
    await runAction(inputs(), prEnv(api.url))
    expect(api.comments).toHaveLength(1)
    const before = api.comments[0].body

    const same = await runAction(inputs({ comment: 'on-change' }), prEnv(api.url))
    expect(same.code).toBe(0)
    expect(writes(api)).toEqual([`POST ${LIST}`])
    expect(same.stdout).toContain('The pull request comment is up to date (on-change)')
    expect(api.comments[0].body).toBe(before)

    const changed = await runAction(
      inputs({ comment: 'on-change', images: `${LAYOUT}:1.0\n${LAYOUT}:single` }),
      prEnv(api.url)
    )
    expect(changed.code).toBe(0)
    expect(writes(api)).toEqual([
      `POST ${LIST}`,
      `PATCH /repos/${REPOSITORY}/issues/comments/${api.comments[0].id}`
    ])
    expect(api.comments[0].body).toContain(`<code>${SHOWN}:single</code>`)
  })

  test('on-change posts no first comment for a clean run, and does for a missing platform', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
    const clean = await runAction(inputs({ comment: 'on-change' }), prEnv(api.url))
    expect(clean.code).toBe(0)
    expect(writes(api)).toEqual([])
    expect(clean.stdout).toContain('Nothing to report on the pull request (on-change')

    const gap = await runAction(
      inputs({ comment: 'on-change', platforms: 'linux/amd64, linux/s390x' }),
      prEnv(api.url)
    )
    expect(gap.code).toBe(0)
    expect(writes(api)).toEqual([`POST ${LIST}`])
    const body = api.comments[0].body
    // The step passed (fail-on-missing is off) with a finding: ⚠️, not ❌.
    expect(body).toContain('## digest-gate ⚠️')
    // What needs attention comes before the per-image details.
    expect(body.indexOf('**Missing platforms**')).toBeLessThan(body.indexOf('### '))
    expect(body).toContain(
      `| <code>${SHOWN}:1.0</code> | <code>linux/s390x</code> | <code>linux/amd64</code>, <code>linux/arm64</code>, <code>linux/arm/v7</code> |`
    )
  })

  test('finds its comment on a later page and leaves everyone else’s alone', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
    for (let i = 0; i < 130; i++) api.seed(`comment ${i}`)
    // Quoting the marker is not writing it, and another job's comment is another comment.
    api.seed(`> ${MARKER}\n> quoted by a reviewer`)
    api.seed('<!-- digest-gate:comment workflow=Images job=other -->\nanother job', {
      login: 'github-actions[bot]',
      type: 'Bot'
    })
    const ours = api.seed(`${MARKER}\nold content`, { login: 'github-actions[bot]', type: 'Bot' })
    for (let i = 0; i < 20; i++) api.seed(`later ${i}`)
    const untouched = api.comments.filter(c => c.id !== ours.id).map(c => [c.id, c.body])

    const run = await runAction(inputs(), prEnv(api.url))
    expect(run.code).toBe(0)
    expect(api.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      `GET ${LIST}?per_page=100`,
      `GET ${LIST}?per_page=100&page=2`,
      `PATCH /repos/${REPOSITORY}/issues/comments/${ours.id}`
    ])
    expect(api.comments.find(c => c.id === ours.id)?.body).toMatch(/^<!-- digest-gate:comment/)
    expect(api.comments.filter(c => c.id !== ours.id).map(c => [c.id, c.body])).toEqual(untouched)
  })

  test('GitHub Enterprise Server: the API where GITHUB_API_URL says, under /api/v3', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12, prefix: '/api/v3' })
    for (let i = 0; i < 100; i++) api.seed(`comment ${i}`)
    const env = prEnv(api.url, { GITHUB_SERVER_URL: 'https://ghes.example' })
    await runAction(inputs(), env)
    await runAction(inputs(), env)
    expect(api.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      // 100 comments are one page; with ours, two.
      `GET /api/v3${LIST}?per_page=100`,
      `POST /api/v3${LIST}`,
      `GET /api/v3${LIST}?per_page=100`,
      `GET /api/v3${LIST}?per_page=100&page=2`,
      `PATCH /api/v3/repos/${REPOSITORY}/issues/comments/${api.comments[100].id}`
    ])
    expect(api.comments[100].body).toContain(
      'https://ghes.example/octo-org/hello-images/actions/runs/4242'
    )
  })

  test('a workflow name cannot close the marker', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
    const run = await runAction(
      inputs(),
      prEnv(api.url, { GITHUB_WORKFLOW: 'CI --> <b>x</b> -->', GITHUB_JOB: 'a b' })
    )
    expect(run.code).toBe(0)
    const first = api.comments[0].body.split('\n')[0]
    expect(first).toBe(
      '<!-- digest-gate:comment workflow=CI%20--%3E%20%3Cb%3Ex%3C%2Fb%3E%20--%3E job=a%20b -->'
    )
    expect(first.indexOf('>')).toBe(first.length - 1)
    // And the same names find the same comment again.
    await runAction(
      inputs(),
      prEnv(api.url, { GITHUB_WORKFLOW: 'CI --> <b>x</b> -->', GITHUB_JOB: 'a b' })
    )
    expect(writes(api).map(w => w.split(' ')[0])).toEqual(['POST', 'PATCH'])
  })

  test('with a baseline: the size change per platform and the base sizes in the chart', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
    const baseline = join(dir, 'baseline.json')
    await writeFile(
      baseline,
      JSON.stringify({
        ok: true,
        images: [
          {
            image: `${LAYOUT}:1.0`,
            ref: `${LAYOUT}:1.0`,
            digest: 'sha256:' + '0'.repeat(64),
            platforms: [
              { platform: 'linux/amd64', size: 300, layers: 2 },
              { platform: 'linux/arm64', size: 134, layers: 1 },
              { platform: 'linux/arm/v7', size: 264, layers: 1 }
            ]
          }
        ]
      })
    )
    const run = await runAction(inputs({ baseline }), prEnv(api.url))
    expect(run.code).toBe(0)
    const body = api.comments[0].body
    expect(body).toContain('| Platform | Digest | Layers | Size | Change |')
    expect(body).toContain(
      '| <code>linux/amd64</code> | <code>sha256:0fbbc5bdc4d4</code> | 2 | 325 B | +25 B (+8.3%) |'
    )
    expect(body).toContain('| 1 | 134 B | ±0 |')
    expect(body).toContain('| 1 | 132 B | -132 B (-50.0%) |')
    expect(body).toContain('| **Total: 3 platforms** | | 4 | 591 B | -107 B (-15.3%) |')
    expect(body).toContain('  bar [325, 134, 132]\n  line [300, 134, 264]')
    expect(body).toContain('bars this run, line the baseline')
    expect(run.summary).toContain('| 1 | 132 B | -132 B (-50.0%) |')
  })
})

describe('when no comment can be written', () => {
  test('a pull request from a fork: a warning and no request at all', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
    const event = await forkEvent('pull_request', 'mona/hello-images')
    const run = await runAction(inputs(), prEnv(api.url, { GITHUB_EVENT_PATH: event }))
    expect(run.code).toBe(0)
    expectAllOutputs(run)
    expect(api.requests).toEqual([])
    expect(warnings(run)).toEqual([
      expect.stringMatching(
        /^Pull request #12 comes from mona\/hello-images, and the workflow's token is read-only for pull requests from forks .*; skipping the comment\./
      )
    ])
  })

  test('pull_request_target runs with the base repository’s token, so a fork gets its comment', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
    const event = await forkEvent('pull_request_target', 'mona/hello-images')
    const run = await runAction(
      inputs(),
      prEnv(api.url, { GITHUB_EVENT_PATH: event, GITHUB_EVENT_NAME: 'pull_request_target' })
    )
    expect(run.code).toBe(0)
    expect(writes(api)).toEqual([`POST ${LIST}`])
  })

  test.each([
    ['the write is refused', 'write' as const, ['GET', 'POST'], 'create'],
    ['even the listing is refused', 'all' as const, ['GET'], 'read']
  ])(
    '403 when %s: a warning naming the permission; exit code and outputs as without the comment',
    async (_what, deny, methods, stage) => {
      api = await startGitHubApi({ repository: REPOSITORY, issue: 12, deny })
      for (const platforms of ['linux/amd64', 'linux/amd64, linux/s390x']) {
        const extra = { platforms, 'fail-on-missing': 'true' }
        const without = await runAction(inputs({ ...extra, comment: 'false' }), prEnv(api.url))
        const run = await runAction(inputs(extra), prEnv(api.url))
        expect(run.code).toBe(without.code)
        expectAllOutputs(run)
        expect({ ...run.outputs, 'report-file': '' }).toEqual({
          ...without.outputs,
          'report-file': ''
        })
        const ours = warnings(run).filter(w => !w.includes('has no linux/s390x'))
        expect(ours).toEqual([
          `Cannot ${stage} the pull request comment: GitHub answered 403 (Resource not accessible by integration). The job needs \`permissions: pull-requests: write\` (or \`issues: write\`; the issue-comments API accepts either for a pull request) for the token in \`github-token\`. Skipping the comment.`
        ])
      }
      expect(api.requests.map(r => r.method)).toEqual([...methods, ...methods])
    }
  )

  test('an API that cannot be reached: a warning, the step as it would be', async () => {
    const closed = await new Promise<number>(resolve => {
      const s = createServer()
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number }
        s.close(() => resolve(port))
      })
    })
    const run = await runAction(inputs(), prEnv(`http://127.0.0.1:${closed}`))
    expect(run.code).toBe(0)
    expectAllOutputs(run)
    expect(warnings(run)).toEqual([
      `Cannot read the pull request comment: GitHub's API at http://127.0.0.1:${closed} could not be reached (connect ECONNREFUSED 127.0.0.1:${closed}). Skipping the comment.`
    ])
  })

  test('an API that never answers: a warning after the timeout, the step as it would be', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12, hang: true })
    const run = await runAction(inputs({ timeout: '1' }), prEnv(api.url))
    expect(run.code).toBe(0)
    expectAllOutputs(run)
    expect(api.requests.map(r => r.method)).toEqual(['GET'])
    expect(warnings(run)).toEqual([
      expect.stringMatching(
        /^Cannot read the pull request comment: GitHub's API at http:\/\/127\.0\.0\.1:\d+ could not be reached \(.*\btimeout\b.*\)\. Skipping the comment\.$/
      )
    ])
  })

  test('not a pull request event: an info line, no request and no warning', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
    const run = await runAction(inputs(), prEnv(api.url, { GITHUB_EVENT_NAME: 'push' }))
    expect(run.code).toBe(0)
    expect(api.requests).toEqual([])
    expect(warnings(run)).toEqual([])
    expect(run.stdout).toContain('Not a pull request event (push): no pull request comment.')
  })
})

describe('start-up', () => {
  /** Which files of dist/ a run loads, through a module hook that logs every load. */
  async function loadedChunks(extraInputs: Record<string, string>, env: Record<string, string>) {
    const log = join(dir, `loads-${Date.now()}-${Math.random()}.txt`)
    const hooks = join(dir, 'hooks.mjs')
    const register = join(dir, 'register.mjs')
    await writeFile(
      hooks,
      `import { appendFileSync } from 'node:fs'
export async function load(url, context, next) {
  if (url.includes('/dist/')) appendFileSync(${JSON.stringify(log)}, url.slice(url.lastIndexOf('/dist/') + 6) + '\\n')
  return next(url, context)
}
`
    )
    await writeFile(
      register,
      `import { register } from 'node:module'\nregister(${JSON.stringify(`file://${hooks}`)})\n`
    )
    await writeFile(log, '')
    const run = await runAction(inputs(extraInputs), {
      ...env,
      NODE_OPTIONS: `--import=${register}`
    })
    expect(run.code).toBe(0)
    const files = [...new Set((await readFile(log, 'utf8')).split('\n').filter(Boolean))]
    const octokit: string[] = []
    for (const f of files) {
      const text = await readFile(join(REPO_ROOT, 'dist', f), 'utf8')
      // Octokit's user agent names it: `octokit-core.js/<version>`.
      if (text.includes('octokit-core.js')) octokit.push(f)
    }
    return { files, octokit }
  }

  test('Octokit is loaded only when a comment is written', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
    const off = await loadedChunks({ comment: 'false' }, prEnv(api.url))
    expect(off.octokit).toEqual([])
    const push = await loadedChunks({}, prEnv(api.url, { GITHUB_EVENT_NAME: 'push' }))
    expect(push.octokit).toEqual([])
    const on = await loadedChunks({}, prEnv(api.url))
    expect(on.octokit).toHaveLength(1)
    expect(api.comments).toHaveLength(1)
  })
})
