import { STATUS_CODES } from 'node:http'
import { proxyLabel } from '../model/proxy-url.js'

/**
 * Why a request to GitHub's API for the pull request comment failed, in words a user can act
 * on: GitHub's own answer, or, for a request that got none, what stood in the way. Behind a
 * proxy (HTTPS_PROXY on a self-hosted runner) that is most often the proxy, which is then
 * named by host and port, never with the credentials of its URL.
 */

/** Where the API's requests go: its URL, and the proxy the toolkit's dispatcher sends them to. */
export interface ApiRoute {
  url: string
  proxy?: URL
}

/** Failures of opening a connection: through a forward proxy, they are the proxy's. */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH'
])

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null

/**
 * The proxy @actions/github sends requests to `apiUrl` through, read as its dispatcher reads
 * it (https_proxy/HTTPS_PROXY, no_proxy/NO_PROXY, loopback always direct), or undefined when
 * they go direct. Loaded only on the comment's path, like Octokit.
 */
export async function apiRoute(apiUrl: string): Promise<ApiRoute> {
  const { getProxyUrl } = await import('@actions/http-client/lib/proxy')
  let proxy: URL | undefined
  try {
    proxy = getProxyUrl(new URL(apiUrl))
  } catch {
    proxy = undefined
  }
  // As the toolkit's getAgentDispatcher: a proxy URL without a host is no proxy.
  return { url: apiUrl, proxy: proxy?.hostname ? proxy : undefined }
}

interface HttpError {
  status: number
  message: string
}

function isHttpError(e: unknown): e is HttpError {
  return isObject(e) && typeof e.status === 'number' && typeof e.message === 'string'
}

/** GitHub's own words from an error answer (`{"message": …}`), else the error's message. */
export function answerOf(e: unknown): string {
  if (isObject(e) && isObject(e.response) && isObject(e.response.data)) {
    const message = e.response.data.message
    if (typeof message === 'string') return message
  }
  return e instanceof Error ? e.message : String(e)
}

/** The error and its causes, outermost first (Octokit wraps fetch's, which wraps undici's). */
function causes(e: unknown): unknown[] {
  const chain: unknown[] = []
  for (let at = e; isObject(at) && chain.length < 8; at = at.cause) chain.push(at)
  return chain
}

/**
 * What stopped a request that went through `proxy` before any answer from GitHub: the proxy
 * could not be reached, or it answered CONNECT with something other than 200 (undici says
 * so only in a message: "Proxy response (407) !== 200 when HTTP Tunneling").
 */
function proxyProblem(e: unknown, route: Required<ApiRoute>): string | undefined {
  const label = proxyLabel(route.proxy)
  const variable = new URL(route.url).protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY'
  const api = `GitHub's API at ${route.url}`
  for (const c of causes(e)) {
    const code = (c as { code?: unknown }).code
    if (typeof code === 'string' && CONNECT_CODES.has(code))
      return `cannot reach the proxy ${label} (for ${api}): ${code}; check ${variable}, or list the API's host in NO_PROXY`
    const refused = /Proxy response \((\d{3})\) !== 200/.exec(String((c as Error).message))
    if (!refused) continue
    const status = Number(refused[1])
    const said = `${status} ${STATUS_CODES[status] ?? 'from the proxy'}`
    // tinyproxy answers wrong credentials with 401, others with 407.
    if (status === 407 || status === 401)
      return route.proxy.username || route.proxy.password
        ? `the proxy ${label} refused the user and password in its URL to reach ${api} (${said}); check them in ${variable}`
        : `the proxy ${label} asked for credentials to reach ${api} (${said}); give them in the proxy URL (http://user:password@${label}) in ${variable}`
    if (status === 403)
      return `the proxy ${label} refused to open a tunnel to ${api} (${said}); allow that host and port in the proxy, or list the host in NO_PROXY`
    return `the proxy ${label} could not reach ${api} (${said})`
  }
  return undefined
}

const PERMISSION =
  'The job needs `permissions: pull-requests: write` (or `issues: write`; the issue-comments API accepts either for a pull request) for the token in `github-token`.'

/** The one warning for a failed `stage` (read, create, update) of the comment. */
export function explainFailure(stage: string, e: unknown, route: ApiRoute): string {
  const what = `Cannot ${stage} the pull request comment`
  // Octokit reports a request that got no answer (refused, reset, timed out) with status 500
  // and no response; only an answer has GitHub's status and message.
  const answered = isHttpError(e) && isObject((e as { response?: unknown }).response)
  if (!answered) {
    const cause = e instanceof Error ? e.message : String(e)
    const { proxy } = route
    if (!proxy)
      return `${what}: GitHub's API at ${route.url} could not be reached (${cause}). Skipping the comment.`
    const problem = proxyProblem(e, { url: route.url, proxy })
    if (problem) return `${what}: ${problem}. Skipping the comment.`
    return `${what}: GitHub's API at ${route.url} could not be reached through the proxy ${proxyLabel(proxy)} (${cause}). Skipping the comment.`
  }
  if (e.status === 403 || e.status === 404) {
    return `${what}: GitHub answered ${e.status} (${answerOf(e)}). ${PERMISSION} Skipping the comment.`
  }
  if (e.status === 401) {
    return `${what}: GitHub answered 401 (${answerOf(e)}): the token in 'github-token' is not valid. Skipping the comment.`
  }
  return `${what}: GitHub answered ${e.status} (${answerOf(e)}). Skipping the comment.`
}
