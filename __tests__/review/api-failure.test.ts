/**
 * The comment's warning when GitHub's API cannot be reached. Behind a proxy the errors are
 * the real ones: the toolkit's own proxy dispatcher (@actions/http-client, as @actions/github
 * uses it) sending a request through Debian's tinyproxy, or to a port where nothing listens.
 */
import net from 'node:net'
import { HttpClient } from '@actions/http-client'
import { type ApiRoute, apiRoute, explainFailure } from '../../src/review/api-failure.js'
import { type RunningProxy, startTinyproxy } from '../integration/harness/tinyproxy.js'

const API = 'https://api.github.example:8443'
const VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY']

/** Runs `f` with only `env`'s proxy variables set, as the runner's environment would have. */
async function withProxyEnv<T>(env: Record<string, string>, f: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(VARIABLES.map(v => [v, process.env[v]]))
  for (const v of VARIABLES) delete process.env[v]
  Object.assign(process.env, env)
  try {
    return await f()
  } finally {
    for (const v of VARIABLES) {
      if (saved[v] === undefined) delete process.env[v]
      else process.env[v] = saved[v]
    }
  }
}

/** What one request to `url` through the toolkit's dispatcher fails with, and its route. */
async function failureThrough(
  proxyUrl: string,
  url = API
): Promise<{ error: unknown; route: ApiRoute }> {
  return withProxyEnv({ HTTPS_PROXY: proxyUrl }, async () => {
    const route = await apiRoute(url)
    const dispatcher = new HttpClient().getAgentDispatcher(url)
    if (!dispatcher) throw new Error('no proxy dispatcher')
    try {
      const { origin, pathname } = new URL(url)
      await dispatcher.request({ origin, path: pathname, method: 'GET' })
    } catch (error) {
      // As Octokit reports it: status 500, no response, fetch's error (and undici's) as causes.
      const fetchError = new TypeError('fetch failed', { cause: error })
      const octokitError = Object.assign(new Error(`${(error as Error).message}`), {
        status: 500,
        cause: fetchError
      })
      await dispatcher.close()
      return { error: octokitError, route }
    }
    throw new Error('the request went through')
  })
}

async function closedPort(): Promise<number> {
  return new Promise(resolve => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

describe('apiRoute: the proxy as the toolkit chooses it', () => {
  test.each<[string, Record<string, string>, string | undefined]>([
    ['HTTPS_PROXY', { HTTPS_PROXY: 'http://u:p@proxy.example:3128' }, 'proxy.example'],
    ['https_proxy', { https_proxy: 'http://proxy.example:3128' }, 'proxy.example'],
    ['none set', {}, undefined],
    [
      'NO_PROXY naming the host',
      { HTTPS_PROXY: 'http://proxy.example:3128', NO_PROXY: 'api.github.example' },
      undefined
    ],
    [
      'NO_PROXY naming a parent domain',
      { HTTPS_PROXY: 'http://proxy.example:3128', NO_PROXY: 'other, github.example' },
      undefined
    ],
    ['HTTP_PROXY only (the API is HTTPS)', { HTTP_PROXY: 'http://proxy.example:3128' }, undefined]
  ])('%s', async (_what, env, host) => {
    const route = await withProxyEnv(env, () => apiRoute(API))
    expect(route.url).toBe(API)
    expect(route.proxy?.hostname).toBe(host)
  })

  test('a loopback API goes direct whatever NO_PROXY says', async () => {
    const route = await withProxyEnv({ HTTPS_PROXY: 'http://proxy.example:3128' }, () =>
      apiRoute('http://127.0.0.1:9000')
    )
    expect(route.proxy).toBeUndefined()
  })
})

describe('explainFailure behind a proxy', () => {
  let auth: RunningProxy
  let strict: RunningProxy
  beforeAll(async () => {
    auth = await startTinyproxy({ users: { alice: 'Proxy-Pa55-word' } })
    strict = await startTinyproxy({ connectPorts: [443] })
  })
  afterAll(async () => {
    await auth?.stop()
    await strict?.stop()
  })

  test('nothing listens at the proxy address', async () => {
    const port = await closedPort()
    const { error, route } = await failureThrough(`http://alice:secret@127.0.0.1:${port}`)
    expect(explainFailure('read', error, route)).toBe(
      `Cannot read the pull request comment: cannot reach the proxy 127.0.0.1:${port} (for GitHub's API at ${API}): ECONNREFUSED; check HTTPS_PROXY, or list the API's host in NO_PROXY. Skipping the comment.`
    )
  })

  test('credentials refused, never printed', async () => {
    const { error, route } = await failureThrough(auth.url.replace('//', '//alice:Wrong-Pa55@'))
    const message = explainFailure('create', error, route)
    // tinyproxy answers wrong credentials with 401, where others send 407.
    expect(message).toBe(
      `Cannot create the pull request comment: the proxy ${auth.host} refused the user and password in its URL to reach GitHub's API at ${API} (401 Unauthorized); check them in HTTPS_PROXY. Skipping the comment.`
    )
    expect(message).not.toContain('Wrong-Pa55')
  })

  test('credentials asked for and not given', async () => {
    const { error, route } = await failureThrough(auth.url)
    expect(explainFailure('update', error, route)).toBe(
      `Cannot update the pull request comment: the proxy ${auth.host} asked for credentials to reach GitHub's API at ${API} (407 Proxy Authentication Required); give them in the proxy URL (http://user:password@${auth.host}) in HTTPS_PROXY. Skipping the comment.`
    )
  })

  test('a tunnel the proxy does not allow', async () => {
    const { error, route } = await failureThrough(strict.url)
    expect(explainFailure('read', error, route)).toBe(
      `Cannot read the pull request comment: the proxy ${strict.host} refused to open a tunnel to GitHub's API at ${API} (403 Forbidden); allow that host and port in the proxy, or list the host in NO_PROXY. Skipping the comment.`
    )
  })

  test('the proxy cannot reach the API', async () => {
    const url = 'https://api.github.invalid'
    const { error, route } = await failureThrough(strict.url, url)
    expect(explainFailure('read', error, route)).toMatch(
      new RegExp(
        `^Cannot read the pull request comment: the proxy ${strict.host} could not reach GitHub's API at ${url.replace(/\./g, '\\.')} \\(5\\d\\d [A-Za-z ]+\\)\\. Skipping the comment\\.$`
      )
    )
  })
})

describe('explainFailure without a proxy, or with an answer', () => {
  const route = { url: 'https://api.github.com' }
  test('no answer: GitHub unreachable, with the cause', () => {
    const e = Object.assign(new Error('connect ECONNREFUSED 140.82.112.6:443'), { status: 500 })
    expect(explainFailure('read', e, route)).toBe(
      "Cannot read the pull request comment: GitHub's API at https://api.github.com could not be reached (connect ECONNREFUSED 140.82.112.6:443). Skipping the comment."
    )
  })

  test('no answer through a proxy, for a reason not its own: the proxy named', () => {
    const e = Object.assign(new Error('other side closed'), { status: 500 })
    const proxied = { ...route, proxy: new URL('http://u:pw@proxy.example:3128') }
    expect(explainFailure('read', e, proxied)).toBe(
      "Cannot read the pull request comment: GitHub's API at https://api.github.com could not be reached through the proxy proxy.example:3128 (other side closed). Skipping the comment."
    )
  })

  test("an answer is GitHub's, even behind a proxy", () => {
    const e = Object.assign(new Error('Forbidden'), {
      status: 403,
      response: { data: { message: 'Resource not accessible by integration' } }
    })
    const proxied = { ...route, proxy: new URL('http://proxy.example:3128') }
    expect(explainFailure('create', e, proxied)).toMatch(
      /^Cannot create the pull request comment: GitHub answered 403 \(Resource not accessible by integration\)\. The job needs `permissions: pull-requests: write`/
    )
  })
})
