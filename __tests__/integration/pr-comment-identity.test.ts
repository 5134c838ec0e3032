/**
 * Whose sticky comment it is, through the built action run as the runner runs it against the
 * stand-in GitHub API (harness/github-api.ts): only a comment written by the identity the token
 * writes as is found, updated or has its content hash trusted (issue 18, "Anyone can own the
 * sticky comment"). Images from the OCI layout shipped in examples/.
 */
import { join } from 'node:path'
import { type ActionRun, REPO_ROOT, runAction } from './harness/action.js'
import { type GitHubApi, startGitHubApi } from './harness/github-api.js'

const LAYOUT = 'oci-layout://examples/hello-layout'
const EVENT = join(REPO_ROOT, '__tests__/fixtures/events/pull_request.json')
const REPOSITORY = 'octo-org/hello-images'
const MARKER = '<!-- digest-gate:comment workflow=Images job=platforms -->'
const LIST = `/repos/${REPOSITORY}/issues/12/comments`
const ONE = `/repos/${REPOSITORY}/issues/comments`
/** An installation token, as the workflow's GITHUB_TOKEN is. */
const GITHUB_TOKEN = 'ghs_standInToken0123456789'
const MALLORY = { login: 'mallory', type: 'User' as const }
const ACTIONS = { login: 'github-actions[bot]', type: 'Bot' as const }

let api: GitHubApi | undefined
let scratch: GitHubApi | undefined
afterEach(async () => {
  await api?.stop()
  await scratch?.stop()
  api = scratch = undefined
})

const prEnv = (apiUrl: string): Record<string, string> => ({
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: EVENT,
  GITHUB_API_URL: apiUrl,
  GITHUB_SERVER_URL: 'https://github.example',
  GITHUB_REPOSITORY: REPOSITORY,
  GITHUB_WORKFLOW: 'Images',
  GITHUB_JOB: 'platforms',
  GITHUB_RUN_ID: '4242'
})

/** A gate that fails: linux/s390x is required and missing. */
const failing = (token: string, comment = 'on-change'): Record<string, string> => ({
  images: `${LAYOUT}:1.0`,
  platforms: 'linux/amd64, linux/s390x',
  'fail-on-missing': 'true',
  comment,
  'github-token': token
})

const calls = (a: GitHubApi): string[] => a.requests.map(r => `${r.method} ${r.path}`)
const infoLines = (run: ActionRun): string[] =>
  run.stdout.split('\n').filter(l => !l.startsWith('::'))

describe("a comment someone else wrote with this job's marker", () => {
  test('a forged ✅ with the real content hash is neither trusted nor updated', async () => {
    // The real comment of the failing run, as the forger can read it off any earlier run.
    scratch = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
    await runAction(failing(GITHUB_TOKEN), prEnv(scratch.url))
    const real = scratch.comments[0].body
    const hashLine = real.split('\n')[1]
    expect(hashLine).toMatch(/^<!-- digest-gate:content sha256=[0-9a-f]{64} -->$/)

    api = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
    const forged = api.seed(
      `${MARKER}\n${hashLine}\n## digest-gate ✅\n\nEverything resolved: safe to merge.`,
      MALLORY
    )
    const run = await runAction(failing(GITHUB_TOKEN), prEnv(api.url))
    expect(run.code).toBe(1)
    expect(run.stdout).not.toContain('The pull request comment is up to date')
    expect(infoLines(run)).toContain(
      `Comment #${forged.id} by mallory carries this job's marker but was not written by github-actions[bot]: not trusted.`
    )
    // An installation token cannot ask who it is; no request is spent on it.
    expect(calls(api)).toEqual([`GET ${LIST}?per_page=100`, `POST ${LIST}`])
    expect(api.comments[0].body).toBe(forged.body)
    const ours = api.comments[1]
    expect(ours.user.login).toBe('github-actions[bot]')
    expect(ours.body.split('\n')[2]).toBe('## digest-gate ❌')

    // The next run finds its own comment behind the forged one and updates that.
    api.requests.length = 0
    const again = await runAction(failing(GITHUB_TOKEN, 'true'), prEnv(api.url))
    expect(again.code).toBe(1)
    expect(calls(api)).toEqual([`GET ${LIST}?per_page=100`, `PATCH ${ONE}/${ours.id}`])
    expect(api.comments.map(c => c.id)).toEqual([forged.id, ours.id])
    expect(api.comments[0].body).toBe(forged.body)
  })

  test('a personal access token: GET /user says who writes, and only that comment is updated', async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12, login: 'release-bot' })
    const actions = api.seed(`${MARKER}\nby the workflow's token`, ACTIONS)
    const own = api.seed(`${MARKER}\nan earlier run with this token`, {
      login: 'Release-Bot',
      type: 'User'
    })
    const pat = 'ghp_standInPersonalToken0123'
    const run = await runAction(failing(pat, 'true'), prEnv(api.url))
    expect(run.code).toBe(1)
    expect(calls(api)).toEqual(['GET /user', `GET ${LIST}?per_page=100`, `PATCH ${ONE}/${own.id}`])
    expect(api.requests[0].authorization).toBe(`token ${pat}`)
    expect(api.comments.find(c => c.id === actions.id)?.body).toBe(
      `${MARKER}\nby the workflow's token`
    )
    expect(api.comments.find(c => c.id === own.id)?.body).toContain('## digest-gate ❌')
  })

  test("a GitHub App's token: the comment it creates says who it is, and its earlier one goes", async () => {
    api = await startGitHubApi({ repository: REPOSITORY, issue: 12, login: 'image-gate[bot]' })
    const earlier = api.seed(`${MARKER}\nan earlier run`, { login: 'image-gate[bot]', type: 'Bot' })
    const forged = api.seed(`${MARKER}\nforged`, MALLORY)
    const run = await runAction(failing('ghs_appInstallationToken0123', 'true'), prEnv(api.url))
    expect(run.code).toBe(1)
    const created = api.comments.at(-1)
    expect(created?.user.login).toBe('image-gate[bot]')
    expect(calls(api)).toEqual([
      `GET ${LIST}?per_page=100`,
      `POST ${LIST}`,
      `DELETE ${ONE}/${earlier.id}`
    ])
    expect(api.comments.map(c => c.id)).toEqual([forged.id, created?.id])
    expect(infoLines(run)).toContain(
      "The token writes as image-gate[bot]: this job's earlier comments by image-gate[bot] are removed."
    )
    expect(infoLines(run)).toContain(`Deleted this job's earlier comment #${earlier.id}.`)
  })
})
