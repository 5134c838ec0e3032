/**
 * Whose comment the sticky comment may be. The marker line can be written by anyone who can
 * comment on the pull request, so a comment is this job's only when the identity the token
 * writes as wrote it: only that one is updated, and only its content hash is trusted by
 * `on-change`. Pure, but for the one request whoAmI makes.
 */

/** The login the workflow's GITHUB_TOKEN writes as (GitHub: "About the GITHUB_TOKEN"). */
export const ACTIONS_BOT = 'github-actions[bot]'

/** Who the token writes as, and how that was found out (for the log). */
export interface WriterIdentity {
  /** Undefined when it cannot be known before writing: learnt from the comment created. */
  login?: string
  how: string
}

/**
 * Who a token writes comments as. An installation token (`ghs_`, GitHub's documented prefix
 * for the workflow's GITHUB_TOKEN and any GitHub App's) cannot ask `GET /user` ("Resource not
 * accessible by integration"); the workflow's token writes as github-actions[bot], so that is
 * who is expected, without a request. Any other token (a personal access token, classic or
 * fine-grained; an OAuth or user-to-server token) asks `GET /user`. When that is refused, no
 * existing comment is trusted and the author of the comment this run creates says who it is.
 */
export async function whoAmI(
  token: string,
  getAuthenticated: () => Promise<{ data: { login: string } }>
): Promise<WriterIdentity> {
  if (token.startsWith('ghs_')) return { login: ACTIONS_BOT, how: 'an installation token' }
  try {
    const { data } = await getAuthenticated()
    return { login: data.login, how: 'GET /user' }
  } catch {
    return { how: 'GET /user was refused' }
  }
}

/** A pull request comment as "List issue comments" gives it (the fields read here). */
export interface ListedComment {
  id: number
  body?: string
  user?: { login: string } | null
}

/** GitHub logins are case-insensitive. */
export function sameLogin(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase()
}

/**
 * Of the comments that carry this job's marker, the one `login` wrote (the first: oldest
 * first, as GitHub lists them), and those it must ignore because someone else wrote them.
 */
export function sortMarked<C extends ListedComment>(
  marked: readonly C[],
  login: string | undefined
): { ours?: C; ignored: C[] } {
  const ours = marked.find(c => sameLogin(c.user?.login, login))
  return { ours, ignored: marked.filter(c => c !== ours && !sameLogin(c.user?.login, login)) }
}
