import type { context as GitHubContext, getOctokit } from '@actions/github'
import type { CommentMode } from '../run/settings.js'
import {
  type CommentContent,
  commentMarker,
  contentHashOf,
  isNoteworthy,
  renderCommentBody
} from './comment-body.js'
import { type ApiRoute, answerOf, apiRoute, explainFailure } from './api-failure.js'
import {
  type ListedComment,
  type WriterIdentity,
  sameLogin,
  sortMarked,
  whoAmI
} from './identity.js'

/**
 * The sticky pull request comment: one per workflow and job, found again by its hidden marker
 * among the pull request's issue comments and updated in place (REST: "List issue comments",
 * "Create an issue comment", "Update an issue comment"). Octokit (@actions/github) is loaded
 * here only, on a pull request event, so no other run pays for it. Nothing here fails the
 * step: every problem becomes one warning, after the outputs and the summary are written.
 */

export interface CommentRequest {
  result: CommentContent
  mode: CommentMode
  /** The `github-token` input. */
  token?: string
  /** The `timeout` input: seconds one API request may take. */
  timeoutSeconds: number
}

/** Where messages go, and the runner's environment (GITHUB_* variables). */
export interface CommentLog {
  env: NodeJS.ProcessEnv
  info(message: string): void
  debug(message: string): void
  warning(message: string): void
}

export type CommentOutcome =
  | { action: 'created' | 'updated'; id: number; url?: string }
  | { action: 'unchanged'; id: number }
  | { action: 'skipped'; reason: string }
  | { action: 'failed'; reason: string }

const PR_EVENTS = ['pull_request', 'pull_request_target']

/** What a pull_request payload says about where the pull request comes from. */
export interface PullRequestFacts {
  number?: number
  head?: string | null
  base?: string | null
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null

/** The number and the head and base repositories of a pull_request event payload. */
export function pullRequestFacts(payload: unknown): PullRequestFacts {
  if (!isObject(payload)) return {}
  const pr = isObject(payload.pull_request) ? payload.pull_request : undefined
  const number = typeof pr?.number === 'number' ? pr.number : payload.number
  const repoOf = (side: unknown): string | null => {
    const repo = isObject(side) && isObject(side.repo) ? side.repo : undefined
    return typeof repo?.full_name === 'string' ? repo.full_name : null
  }
  return {
    number: typeof number === 'number' ? number : undefined,
    head: pr ? repoOf(pr.head) : undefined,
    base: pr ? repoOf(pr.base) : undefined
  }
}

/**
 * A `pull_request` event from a fork runs with a read-only token (GitHub: "Permissions for
 * the GITHUB_TOKEN"), so no comment can be written. A deleted fork leaves `head.repo` null.
 * `pull_request_target` runs in the base repository's context and may write.
 */
export function isForkPullRequest(event: string, facts: PullRequestFacts): boolean {
  return event === 'pull_request' && !!facts.base && facts.head !== facts.base
}

/**
 * Whether a comment body is this workflow's and job's: it begins with the marker line (a
 * comment edited in GitHub's web editor comes back with CRLF line ends). Quoting the marker
 * further down is not writing it.
 */
export function isOurs(body: string | undefined, marker: string): boolean {
  return !!body && body.startsWith(marker) && /^\r?\n/.test(body.slice(marker.length))
}

/** What to do, given the mode, the comment found (if any) and the body now. */
export function planComment(
  mode: Exclude<CommentMode, 'false'>,
  existing: { id: number; body: string } | undefined,
  hash: string,
  noteworthy: boolean
): 'create' | 'update' | 'unchanged' | 'quiet' {
  if (existing) {
    return mode === 'on-change' && contentHashOf(existing.body) === hash ? 'unchanged' : 'update'
  }
  return mode === 'on-change' && !noteworthy ? 'quiet' : 'create'
}

type Octokit = ReturnType<typeof getOctokit>

interface OwnComment {
  /** This job's comment, written by the token's identity, if there is one. */
  existing?: { id: number; body: string }
  /** Every comment read that carries this job's marker, whoever wrote it. */
  marked: ListedComment[]
}

/**
 * This job's comment among the pull request's, oldest first: the first one carrying the
 * marker that the token's identity wrote. Comments others wrote with the marker are named in
 * the log and otherwise ignored. Throws what the listing throws.
 */
async function findOwnComment(
  octokit: Octokit,
  issue: { owner: string; repo: string; issue_number: number },
  marker: string,
  identity: WriterIdentity,
  log: CommentLog
): Promise<OwnComment> {
  const marked: ListedComment[] = []
  let existing: OwnComment['existing']
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...issue,
    per_page: 100
  })
  for await (const page of pages) {
    marked.push(...page.data.filter(c => isOurs(c.body, marker)))
    // Oldest first: the first comment the token's identity wrote with the marker is the sticky one.
    const found = sortMarked(marked, identity.login).ours
    if (found) {
      existing = { id: found.id, body: found.body ?? '' }
      log.debug(`Found this workflow's and job's comment: #${found.id} by ${found.user?.login}`)
      break
    }
  }
  for (const c of sortMarked(marked, identity.login).ignored)
    log.info(
      `Comment #${c.id} by ${c.user?.login ?? 'an unknown user'} carries this job's marker but was not written by ${identity.login ?? 'this token'}: not trusted.`
    )
  return { existing, marked }
}

/**
 * When the token's identity was not known before writing (a GitHub App's installation token;
 * a token GET /user refused), the comment just created tells it: the job's earlier comments
 * by that author are deleted, so one stays. Whatever goes wrong is a log line.
 */
async function dropEarlier(
  identity: WriterIdentity,
  author: string | undefined,
  marked: readonly ListedComment[],
  remove: (id: number) => Promise<unknown>,
  log: CommentLog
): Promise<void> {
  if (!author || sameLogin(author, identity.login)) return
  log.info(`The token writes as ${author}: this job's earlier comments by ${author} are removed.`)
  for (const c of marked.filter(m => sameLogin(m.user?.login, author))) {
    try {
      await remove(c.id)
      log.info(`Deleted this job's earlier comment #${c.id}.`)
    } catch (e) {
      log.info(`Could not delete this job's earlier comment #${c.id}: ${answerOf(e)}`)
    }
  }
}

/** Updates this job's comment, or creates it (and drops earlier ones, see dropEarlier). */
async function writeComment(
  octokit: Octokit,
  issue: { owner: string; repo: string; issue_number: number },
  body: string,
  known: OwnComment & { identity: WriterIdentity; route: ApiRoute; log: CommentLog }
): Promise<CommentOutcome> {
  const { existing, marked, identity, route, log } = known
  const { issue_number, ...where } = issue
  try {
    if (existing) {
      const { data } = await octokit.rest.issues.updateComment({
        ...where,
        comment_id: existing.id,
        body
      })
      log.info(`Updated the pull request comment: ${data.html_url}`)
      return { action: 'updated', id: data.id, url: data.html_url }
    }
    const { data } = await octokit.rest.issues.createComment({
      ...where,
      issue_number,
      body
    })
    log.info(`Posted the pull request comment: ${data.html_url}`)
    await dropEarlier(
      identity,
      data.user?.login,
      marked,
      id => octokit.rest.issues.deleteComment({ ...where, comment_id: id }),
      log
    )
    return { action: 'created', id: data.id, url: data.html_url }
  } catch (e) {
    const reason = explainFailure(existing ? 'update' : 'create', e, route)
    log.warning(reason)
    return { action: 'failed', reason }
  }
}

/**
 * Posts or updates the comment for this run. Skips quietly (an info line) outside pull
 * request events; warns and skips for a fork's read-only token, a missing token, missing
 * permissions and any API or network failure. Never throws for those.
 */
export async function postComment(
  request: CommentRequest,
  log: CommentLog
): Promise<CommentOutcome> {
  const { env } = log
  const skip = (reason: string, warn = false): CommentOutcome => skipped(log, reason, warn)
  const mode = request.mode
  if (mode === 'false') return { action: 'skipped', reason: "input 'comment' is false" }
  const event = env.GITHUB_EVENT_NAME ?? ''
  // Decided before Octokit is loaded: most runs that have `comment` set are not pull requests.
  if (!PR_EVENTS.includes(event)) {
    return skip(
      `Not a pull request event (${event || 'no GITHUB_EVENT_NAME'}): no pull request comment.`
    )
  }
  if (!request.token) {
    return skip(
      "Input 'comment' needs a token to write the pull request comment, and 'github-token' is empty; skipping the comment.",
      true
    )
  }

  const github = await import('@actions/github')
  const target = pullRequestOf(github.context, event, log)
  if ('action' in target) return target
  const { number, repo } = target

  const place = placeOf(env)
  const rendered = renderCommentBody(request.result, place)
  const marker = commentMarker(place.workflow, place.job)
  // GHES: the API is at GITHUB_API_URL (https://HOST/api/v3).
  const apiUrl = env.GITHUB_API_URL || 'https://api.github.com'
  const octokit = octokitFor(github.getOctokit, request.token, request.timeoutSeconds, apiUrl)
  const route = await apiRoute(apiUrl)
  const where = { owner: repo.owner, repo: repo.repo }

  const identity = await whoAmI(request.token, () => octokit.rest.users.getAuthenticated())
  log.debug(`The token writes as ${identity.login ?? 'someone it cannot tell'} (${identity.how}).`)
  let found: OwnComment
  try {
    found = await findOwnComment(octokit, { ...where, issue_number: number }, marker, identity, log)
  } catch (e) {
    const reason = explainFailure('read', e, route)
    log.warning(reason)
    return { action: 'failed', reason }
  }
  const { existing, marked } = found

  const plan = planComment(mode, existing, rendered.hash, isNoteworthy(request.result))
  if (plan === 'unchanged' && existing) {
    log.info(`The pull request comment is up to date (on-change): #${existing.id} left as it is.`)
    return { action: 'unchanged', id: existing.id }
  }
  if (plan === 'quiet') {
    return skip(
      'Nothing to report on the pull request (on-change: every image resolved, nothing missing, no size change); no comment posted.'
    )
  }
  return writeComment(octokit, { ...where, issue_number: number }, rendered.body, {
    existing,
    marked,
    identity,
    route,
    log
  })
}

/** Says why no comment is written, as an info line, or a warning for what the user can fix. */
function skipped(log: CommentLog, reason: string, warn = false): CommentOutcome {
  if (warn) log.warning(reason)
  else log.info(reason)
  return { action: 'skipped', reason }
}

/** The pull request and repository the event names, or why no comment can be written there. */
function pullRequestOf(
  context: typeof GitHubContext,
  event: string,
  log: CommentLog
): { number: number; repo: { owner: string; repo: string } } | CommentOutcome {
  const skip = (reason: string, warn = false): CommentOutcome => skipped(log, reason, warn)
  const facts = pullRequestFacts(context.payload)
  if (!facts.number) {
    return skip(
      `The ${event} event payload (GITHUB_EVENT_PATH) names no pull request number: no pull request comment.`
    )
  }
  if (isForkPullRequest(event, facts)) {
    return skip(
      `Pull request #${facts.number} comes from ${facts.head ?? 'a deleted fork'}, and the workflow's token is read-only for pull requests from forks (pull_request events); skipping the comment. The job summary has the same report.`,
      true
    )
  }
  let repo: { owner: string; repo: string }
  try {
    repo = context.repo
  } catch {
    return skip('GITHUB_REPOSITORY is not set: no pull request comment.', true)
  }
  return { number: facts.number, repo }
}

/** The workflow, job and run the comment names, from the runner's environment. */
function placeOf(env: NodeJS.ProcessEnv): { workflow: string; job: string; runUrl?: string } {
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined
  return { workflow: env.GITHUB_WORKFLOW ?? '', job: env.GITHUB_JOB ?? '', runUrl }
}

/**
 * Octokit for the API at `apiUrl`. Its own fetch (undici, through the toolkit's proxy
 * dispatcher for https_proxy/no_proxy) carries the requests; each gets the `timeout` input as
 * its deadline, since Octokit sets none.
 */
function octokitFor(
  get: typeof getOctokit,
  token: string,
  timeoutSeconds: number,
  apiUrl: string
): Octokit {
  const octokit = get(token, { baseUrl: apiUrl })
  const timeoutMs = timeoutSeconds * 1000
  // A `before` hook, changing the options every later hook and the request itself read (a
  // `wrap` hook's own options never reach the request: the auth hook is bound to the originals).
  octokit.hook.before('request', options => {
    options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) }
  })
  return octokit
}
