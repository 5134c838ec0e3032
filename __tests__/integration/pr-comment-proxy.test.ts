/**
 * The sticky pull request comment behind a real forward proxy (Debian's tinyproxy), as on a
 * self-hosted runner with HTTPS_PROXY set. GitHub's API is the stand-in of
 * harness/github-api.ts behind a small TLS front, so Octokit reaches it over HTTPS through a
 * CONNECT tunnel, as it reaches api.github.com; the API's name is this machine's own, which is
 * not loopback by name (loopback always goes direct) yet resolves here, for the proxy too.
 * The proxy's log says what it was asked; the stand-in records what came through.
 */
import { readFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import { join } from 'node:path'
import tls from 'node:tls'
import { OUTPUTS } from '../../src/report/outputs.js'
import { type ActionRun, REPO_ROOT, runAction } from './harness/action.js'
import { type GitHubApi, startGitHubApi } from './harness/github-api.js'
import { type RunningProxy, startTinyproxy } from './harness/tinyproxy.js'
import { type SelfSigned, selfSignedCertificate } from './harness/tls.js'

const EVENT = join(REPO_ROOT, '__tests__/fixtures/events/pull_request.json')
const REPOSITORY = 'octo-org/hello-images'
const TOKEN = 'ghs_standInToken0123456789'
const LIST = `/repos/${REPOSITORY}/issues/12/comments`
const PROXY_USER = 'alice'
const PROXY_PASSWORD = 'Proxy-Pa55-word'
const SECRETS = [
  TOKEN,
  PROXY_PASSWORD,
  Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')
]
const name = os.hostname()

let cert: SelfSigned
let proxy: RunningProxy
let proxyUrl: string
let api: GitHubApi | undefined
let front: tls.Server | undefined
let apiUrl: string
let apiHost: string
const open = new Set<net.Socket>()

/** GitHub's API over HTTPS at `name`: the stand-in behind a front that only unwraps TLS. */
async function startApi(): Promise<void> {
  api = await startGitHubApi({ repository: REPOSITORY, issue: 12 })
  const [certificate, key] = await Promise.all([readFile(cert.certificate), readFile(cert.key)])
  const port = Number(new URL(api.url).port)
  front = tls.createServer({ cert: certificate, key }, client => {
    const upstream = net.connect(port, '127.0.0.1')
    for (const s of [client, upstream]) {
      open.add(s)
      s.once('close', () => open.delete(s))
    }
    client.pipe(upstream).pipe(client)
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
  })
  await new Promise<void>(resolve => front?.listen(0, '127.0.0.1', resolve))
  apiHost = `${name}:${(front.address() as net.AddressInfo).port}`
  apiUrl = `https://${apiHost}`
}

beforeAll(async () => {
  cert = await selfSignedCertificate([name])
  proxy = await startTinyproxy({ users: { [PROXY_USER]: PROXY_PASSWORD } })
  proxyUrl = proxy.url.replace('//', `//${PROXY_USER}:${PROXY_PASSWORD}@`)
})
afterAll(async () => {
  await proxy?.stop()
  await cert?.stop()
})
beforeEach(async () => {
  await startApi()
  await proxy.reset()
})
afterEach(async () => {
  for (const s of open) s.destroy()
  await new Promise(resolve => front?.close(resolve))
  await api?.stop()
  api = undefined
  front = undefined
})

function prEnv(extra: Record<string, string>): Record<string, string> {
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: EVENT,
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_WORKFLOW: 'Images',
    GITHUB_JOB: 'platforms',
    GITHUB_RUN_ID: '4242',
    // The front's certificate, as a private CA would be given on a self-hosted runner.
    NODE_EXTRA_CA_CERTS: cert.certificate,
    ...extra
  }
}

const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  images: 'oci-layout://examples/hello-layout:1.0',
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

/** Fails when a secret appears anywhere a user could read it, except the runner's mask lines. */
function expectNoLeak(run: ActionRun): void {
  const visible = [
    ...run.stdout.split('\n').filter(l => !l.startsWith('::add-mask::')),
    run.stderr,
    run.summary,
    JSON.stringify(run.outputs),
    JSON.stringify(run.report ?? {})
  ].join('\n')
  for (const s of SECRETS) expect(visible).not.toContain(s)
}

const seen = (a: GitHubApi): string[] => a.requests.map(r => `${r.method} ${r.path}`)

describe('behind HTTPS_PROXY', () => {
  test('the comment is created, then updated, through CONNECT tunnels the token never crosses in the clear', async () => {
    const first = await runAction(inputs(), prEnv({ HTTPS_PROXY: proxyUrl }))
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(warnings(first)).toEqual([])
    expect(first.stdout).toContain('Posted the pull request comment: https://github.example/')
    const firstAsked = await proxy.requests()
    await proxy.reset()
    const second = await runAction(
      inputs(),
      prEnv({ HTTPS_PROXY: proxyUrl, GITHUB_RUN_ID: '4243' })
    )
    expect(second.code).toBe(0)
    expect(warnings(second)).toEqual([])
    expect(second.stdout).toContain('Updated the pull request comment: https://github.example/')
    const secondAsked = await proxy.requests()

    const [comment] = api?.comments ?? []
    expect(seen(api!)).toEqual([
      `GET ${LIST}?per_page=100`,
      `POST ${LIST}`,
      `GET ${LIST}?per_page=100`,
      `PATCH /repos/${REPOSITORY}/issues/comments/${comment.id}`
    ])
    for (const r of api!.requests) expect(r.authorization).toBe(`token ${TOKEN}`)
    expect(api!.comments).toHaveLength(1)
    expect(comment.body).toContain('/actions/runs/4243')
    // Only tunnels to the API's host and port, at least one per run and at most one per request.
    const all = [...firstAsked, ...secondAsked]
    expect(new Set(all)).toEqual(new Set([`CONNECT ${apiHost}`]))
    expect(firstAsked.length).toBeGreaterThanOrEqual(1)
    expect(secondAsked.length).toBeGreaterThanOrEqual(1)
    expect(all.length).toBeLessThanOrEqual(api!.requests.length)
    for (const s of SECRETS.slice(0, 1)) expect(proxy.log()).not.toContain(s)
    expect(proxy.log()).not.toContain('/repos/')
    expectNoLeak(first)
    expectNoLeak(second)
  })

  test('NO_PROXY naming the API host: the comment goes direct, the proxy sees nothing', async () => {
    for (const noProxy of [name, apiHost, `other.example, ${name.toUpperCase()}`]) {
      const run = await runAction(inputs(), prEnv({ HTTPS_PROXY: proxyUrl, NO_PROXY: noProxy }))
      expect(run.code).toBe(0)
      expect(warnings(run)).toEqual([])
      expect(await proxy.requests()).toEqual([])
    }
    expect(seen(api!).filter(r => !r.startsWith('GET'))).toEqual([
      `POST ${LIST}`,
      `PATCH /repos/${REPOSITORY}/issues/comments/${api!.comments[0].id}`,
      `PATCH /repos/${REPOSITORY}/issues/comments/${api!.comments[0].id}`
    ])
  })
})

describe('a proxy that is down or refuses: one warning naming the proxy, the step as without the comment', () => {
  let without: ActionRun
  beforeAll(async () => {
    without = await runAction(inputs({ comment: 'false' }), {})
    expect(without.code).toBe(0)
  })

  function expectOnlyWarning(run: ActionRun, warning: string): void {
    expect(run.stderr).toBe('')
    expect(run.code).toBe(without.code)
    expect(Object.keys(run.outputs).sort()).toEqual(Object.values(OUTPUTS).sort())
    expect({ ...run.outputs, 'report-file': '' }).toEqual({
      ...without.outputs,
      'report-file': ''
    })
    expect(warnings(run)).toEqual([warning])
    expect(run.stdout).not.toMatch(/\n\s+at |Error:/)
    expectNoLeak(run)
  }

  test('nothing listens at the proxy address', async () => {
    const closed = await new Promise<number>(resolve => {
      const s = net.createServer()
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo
        s.close(() => resolve(port))
      })
    })
    const down = `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${closed}`
    const run = await runAction(inputs(), prEnv({ HTTPS_PROXY: down }))
    expectOnlyWarning(
      run,
      `Cannot read the pull request comment: cannot reach the proxy 127.0.0.1:${closed} (for GitHub's API at ${apiUrl}): ECONNREFUSED; check HTTPS_PROXY, or list the API's host in NO_PROXY. Skipping the comment.`
    )
    expect(api!.requests).toEqual([])
  })

  test('the proxy refuses the user and password in its URL', async () => {
    const wrong = proxy.url.replace('//', `//${PROXY_USER}:Wrong-Proxy-Pa55@`)
    const run = await runAction(inputs(), prEnv({ HTTPS_PROXY: wrong }))
    expectOnlyWarning(
      run,
      `Cannot read the pull request comment: the proxy ${proxy.host} refused the user and password in its URL to reach GitHub's API at ${apiUrl} (401 Unauthorized); check them in HTTPS_PROXY. Skipping the comment.`
    )
    // Masked before anything runs, and in no line a user reads.
    const lines = run.stdout.split('\n')
    expect(lines).toContain('::add-mask::Wrong-Proxy-Pa55')
    expect(lines.filter(l => !l.startsWith('::add-mask::')).join('\n')).not.toContain(
      'Wrong-Proxy-Pa55'
    )
    expect(await proxy.requests()).toEqual([`CONNECT ${apiHost}`])
    expect(api!.requests).toEqual([])
  })

  test('the proxy asks for credentials the URL does not give', async () => {
    const run = await runAction(inputs(), prEnv({ https_proxy: proxy.url }))
    expectOnlyWarning(
      run,
      `Cannot read the pull request comment: the proxy ${proxy.host} asked for credentials to reach GitHub's API at ${apiUrl} (407 Proxy Authentication Required); give them in the proxy URL (http://user:password@${proxy.host}) in HTTPS_PROXY. Skipping the comment.`
    )
    expect(api!.requests).toEqual([])
  })

  test('a proxy that accepts and never answers: one warning at the timeout, and the step ends', async () => {
    const sockets = new Set<net.Socket>()
    const silent = net.createServer(socket => void sockets.add(socket))
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as net.AddressInfo
    try {
      // Within the harness's 60 s, though undici would hold the CONNECT for 300 s.
      const run = await runAction(
        inputs({ timeout: '2' }),
        prEnv({ HTTPS_PROXY: `http://127.0.0.1:${port}` })
      )
      expect(run.code).toBe(without.code)
      expect(warnings(run)).toEqual([
        expect.stringMatching(/^Cannot read the pull request comment: .*Skipping the comment\.$/)
      ])
      expect(sockets.size).toBeGreaterThan(0)
    } finally {
      for (const s of sockets) s.destroy()
      await new Promise(resolve => silent.close(resolve))
    }
  })

  test('the proxy allows CONNECT to port 443 only', async () => {
    const strict = await startTinyproxy({ connectPorts: [443] })
    try {
      const run = await runAction(inputs(), prEnv({ HTTPS_PROXY: strict.url }))
      expectOnlyWarning(
        run,
        `Cannot read the pull request comment: the proxy ${strict.host} refused to open a tunnel to GitHub's API at ${apiUrl} (403 Forbidden); allow that host and port in the proxy, or list the host in NO_PROXY. Skipping the comment.`
      )
      expect(await strict.requests()).toEqual([`CONNECT ${apiHost}`])
      expect(api!.requests).toEqual([])
    } finally {
      await strict.stop()
    }
  })
})
