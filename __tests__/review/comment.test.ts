import { readFileSync } from 'node:fs'
import {
  type CommentLog,
  isForkPullRequest,
  isOurs,
  planComment,
  postComment,
  pullRequestFacts
} from '../../src/review/comment.js'
import { commentMarker, renderCommentBody } from '../../src/review/comment-body.js'

const payload = JSON.parse(
  readFileSync(new URL('../fixtures/events/pull_request.json', import.meta.url), 'utf8')
) as { pull_request: { head: { repo: { full_name: string } | null } } }

function withHead(repo: { full_name: string } | null): unknown {
  const copy = structuredClone(payload)
  copy.pull_request.head.repo = repo
  return copy
}

describe('pullRequestFacts', () => {
  test('the number and both repositories of a pull_request payload', () => {
    expect(pullRequestFacts(payload)).toEqual({
      number: 12,
      head: 'octo-org/hello-images',
      base: 'octo-org/hello-images'
    })
  })

  test.each<[string, unknown]>([
    ['null', null],
    ['a string', 'x'],
    ['a push payload', { ref: 'refs/heads/main', commits: [] }]
  ])('%s names no pull request', (_what, p) => {
    expect(pullRequestFacts(p).number).toBeUndefined()
  })
})

describe('isForkPullRequest', () => {
  test.each<[string, string, unknown, boolean]>([
    ['same repository', 'pull_request', payload, false],
    ['a fork', 'pull_request', withHead({ full_name: 'mona/hello-images' }), true],
    ['a deleted fork (head.repo null)', 'pull_request', withHead(null), true],
    [
      'a fork under pull_request_target',
      'pull_request_target',
      withHead({ full_name: 'mona/x' }),
      false
    ]
  ])('%s', (_what, event, p, fork) => {
    expect(isForkPullRequest(event, pullRequestFacts(p))).toBe(fork)
  })
})

describe('isOurs', () => {
  const marker = commentMarker('Images', 'platforms')
  test.each<[string, string | undefined, boolean]>([
    ['the marker line first', `${marker}\nbody`, true],
    ['CRLF after an edit in the web editor', `${marker}\r\nbody`, true],
    ['the marker quoted', `> ${marker}\nbody`, false],
    ['the marker further down', `hello\n${marker}\n`, false],
    ['another job', `${commentMarker('Images', 'platforms-2')}\nbody`, false],
    ['a longer marker with the same start', `${marker.replace(' -->', '')}x -->\n`, false],
    ['no body', undefined, false]
  ])('%s: %s', (_what, body, ours) => {
    expect(isOurs(body, marker)).toBe(ours)
  })
})

describe('planComment', () => {
  const content = { records: [], missing: [], ok: true, problems: [] }
  const { body, hash } = renderCommentBody(content, { workflow: 'w', job: 'j' })
  const old = renderCommentBody({ ...content, ok: false }, { workflow: 'w', job: 'j' })
  test.each<
    [
      string,
      'true' | 'on-change',
      { id: number; body: string } | undefined,
      string,
      boolean,
      string
    ]
  >([
    ['true, none yet', 'true', undefined, hash, false, 'create'],
    ['true, same content', 'true', { id: 1, body }, hash, false, 'update'],
    ['on-change, same content', 'on-change', { id: 1, body }, hash, true, 'unchanged'],
    ['on-change, other content', 'on-change', { id: 1, body: old.body }, hash, false, 'update'],
    [
      'on-change, a comment without a hash',
      'on-change',
      { id: 1, body: 'x' },
      hash,
      false,
      'update'
    ],
    ['on-change, none yet, something to say', 'on-change', undefined, hash, true, 'create'],
    ['on-change, none yet, nothing to say', 'on-change', undefined, hash, false, 'quiet']
  ])('%s → %s', (_what, mode, existing, h, noteworthy, plan) => {
    expect(planComment(mode, existing, h, noteworthy)).toBe(plan)
  })
})

describe('postComment before any request', () => {
  const result = { records: [], missing: [], ok: true, problems: [] }
  function log(env: NodeJS.ProcessEnv): CommentLog & { lines: string[] } {
    const lines: string[] = []
    return {
      env,
      lines,
      info: m => lines.push(`info: ${m}`),
      debug: m => lines.push(`debug: ${m}`),
      warning: m => lines.push(`warning: ${m}`)
    }
  }

  test('comment: false does nothing', async () => {
    const l = log({ GITHUB_EVENT_NAME: 'pull_request' })
    const out = await postComment({ result, mode: 'false', token: 't', timeoutSeconds: 1 }, l)
    expect(out.action).toBe('skipped')
    expect(l.lines).toEqual([])
  })

  test.each(['push', 'workflow_dispatch', ''])(
    'a %j event is skipped with an info line',
    async event => {
      const l = log({ GITHUB_EVENT_NAME: event })
      const out = await postComment({ result, mode: 'true', token: 't', timeoutSeconds: 1 }, l)
      expect(out.action).toBe('skipped')
      expect(l.lines).toEqual([
        `info: Not a pull request event (${event || 'no GITHUB_EVENT_NAME'}): no pull request comment.`
      ])
    }
  )

  test('no token: a warning naming the input', async () => {
    const l = log({ GITHUB_EVENT_NAME: 'pull_request' })
    const out = await postComment({ result, mode: 'on-change', timeoutSeconds: 1 }, l)
    expect(out.action).toBe('skipped')
    expect(l.lines).toEqual([
      "warning: Input 'comment' needs a token to write the pull request comment, and 'github-token' is empty; skipping the comment."
    ])
  })
})
