// A stand-in for the few GitHub REST endpoints the pull request comment uses, since no real
// GitHub answers on loopback: "List issue comments" (paginated with a Link header, as GitHub
// does), "Create an issue comment", "Update an issue comment" and "Delete an issue comment"
// (https://docs.github.com/rest/issues/comments), and "Get the authenticated user"
// (https://docs.github.com/rest/users/users), which answers 403 to an installation token
// (`ghs_`) as GitHub does. It records every request and can refuse
// writes or everything the way GitHub refuses a token without the permission. Node built-ins
// only, so it shares no code with the Octokit client under test.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StoredComment {
  id: number
  body: string
  user: { login: string; type: 'Bot' | 'User' }
  created_at: string
  updated_at: string
}

export interface RecordedRequest {
  method: string
  /** Path plus query, as received. */
  path: string
  authorization?: string
  /** The parsed JSON body of a POST or PATCH. */
  body?: unknown
}

export interface GitHubApiOptions {
  /** `owner/repo` the server holds; other repositories answer 404. */
  repository: string
  /** The pull request number whose comments exist; other numbers answer 404. */
  issue: number
  /**
   * `write`: 403 "Resource not accessible by integration" on create and update (a token
   * without `pull-requests: write`); `all`: on listing too.
   */
  deny?: 'write' | 'all'
  /** Where the API lives under the host: `/api/v3` on GitHub Enterprise Server. */
  prefix?: string
  /** Accept every request and never answer (stop() ends them). */
  hang?: boolean
  /** The login new comments are written as, and GET /user's answer to a non-`ghs_` token. */
  login?: string
}

export interface GitHubApi {
  /** What GITHUB_API_URL is set to (with the prefix). */
  url: string
  requests: RecordedRequest[]
  /** The pull request's comments, oldest first (as GitHub lists them). */
  comments: StoredComment[]
  /** Adds a comment as if someone else had written it. */
  seed(body: string, user?: StoredComment['user']): StoredComment
  stop(): Promise<void>
}

const DOCS = 'https://docs.github.com/rest/issues/comments'
const MAX_BODY = 1024 * 1024

function send(res: http.ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers
  })
  res.end(text)
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = chunk as Buffer
    size += buf.length
    if (size > MAX_BODY) throw new Error('body too large')
    chunks.push(buf)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? JSON.parse(text) : undefined
}

/** Starts the stand-in on a free loopback port. */
export async function startGitHubApi(options: GitHubApiOptions): Promise<GitHubApi> {
  const requests: RecordedRequest[] = []
  const comments: StoredComment[] = []
  const prefix = options.prefix ?? ''
  let nextId = 1000
  const login = options.login ?? 'github-actions[bot]'
  const now = (): string => new Date().toISOString()
  const view = (c: StoredComment): Record<string, unknown> => ({
    ...c,
    node_id: `IC_${c.id}`,
    url: `${api.url}/repos/${options.repository}/issues/comments/${c.id}`,
    html_url: `https://github.example/${options.repository}/pull/${options.issue}#issuecomment-${c.id}`,
    issue_url: `${api.url}/repos/${options.repository}/issues/${options.issue}`,
    author_association: 'NONE'
  })
  const denied = (res: http.ServerResponse, what: string): void =>
    send(res, 403, {
      message: 'Resource not accessible by integration',
      documentation_url: `${DOCS}#${what}`,
      status: '403'
    })

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://stand-in')
      const record: RecordedRequest = {
        method: req.method ?? '',
        path: `${url.pathname}${url.search}`,
        authorization: req.headers.authorization
      }
      requests.push(record)
      try {
        if (req.method === 'POST' || req.method === 'PATCH') record.body = await readJson(req)
      } catch {
        send(res, 400, { message: 'Problems parsing JSON', documentation_url: DOCS })
        return
      }
      if (options.hang) return
      const repo = `${prefix}/repos/${options.repository}`
      const list = `${repo}/issues/${options.issue}/comments`
      const one = new RegExp(
        `^${repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/issues/comments/(\\d+)$`
      )
      if (!req.headers.authorization) {
        send(res, 401, {
          message: 'Requires authentication',
          documentation_url: DOCS,
          status: '401'
        })
        return
      }
      if (url.pathname === list && req.method === 'GET') {
        if (options.deny === 'all') return denied(res, 'list-issue-comments')
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30) || 30, 100)
        const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1)
        const last = Math.max(Math.ceil(comments.length / perPage), 1)
        const link = (p: number, rel: string): string =>
          `<${origin}${list}?per_page=${perPage}&page=${p}>; rel="${rel}"`
        const links = [
          ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : []),
          ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : [])
        ]
        const slice = comments.slice((page - 1) * perPage, page * perPage).map(view)
        send(res, 200, slice, links.length ? { link: links.join(', ') } : {})
        return
      }
      if (url.pathname === list && req.method === 'POST') {
        if (options.deny) return denied(res, 'create-an-issue-comment')
        const body = (record.body as { body?: unknown } | undefined)?.body
        if (typeof body !== 'string' || body.length > 65536) {
          send(res, 422, { message: 'Validation Failed', documentation_url: DOCS, status: '422' })
          return
        }
        const c: StoredComment = {
          id: nextId++,
          body,
          user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
          created_at: now(),
          updated_at: now()
        }
        comments.push(c)
        send(res, 201, view(c))
        return
      }
      if (url.pathname === `${prefix}/user` && req.method === 'GET') {
        if (/^(?:token|bearer) ghs_/i.test(req.headers.authorization))
          return send(res, 403, {
            message: 'Resource not accessible by integration',
            documentation_url:
              'https://docs.github.com/rest/users/users#get-the-authenticated-user',
            status: '403'
          })
        return send(res, 200, { login, id: 1, type: login.endsWith('[bot]') ? 'Bot' : 'User' })
      }
      const match = one.exec(url.pathname)
      if (match && req.method === 'DELETE') {
        if (options.deny) return denied(res, 'delete-an-issue-comment')
        const at = comments.findIndex(x => x.id === Number(match[1]))
        if (at < 0) return send(res, 404, { message: 'Not Found', documentation_url: DOCS })
        comments.splice(at, 1)
        res.writeHead(204).end()
        return
      }
      if (match && req.method === 'PATCH') {
        if (options.deny) return denied(res, 'update-an-issue-comment')
        const c = comments.find(x => x.id === Number(match[1]))
        const body = (record.body as { body?: unknown } | undefined)?.body
        if (!c) {
          send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
          return
        }
        if (typeof body !== 'string' || body.length > 65536) {
          send(res, 422, { message: 'Validation Failed', documentation_url: DOCS, status: '422' })
          return
        }
        c.body = body
        c.updated_at = now()
        send(res, 200, view(c))
        return
      }
      send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
    })()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  const api: GitHubApi = {
    url: `${origin}${prefix}`,
    requests,
    comments,
    seed(body, user = { login: 'someone', type: 'User' }) {
      const c = { id: nextId++, body, user, created_at: now(), updated_at: now() }
      comments.push(c)
      return c
    },
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  return api
}
