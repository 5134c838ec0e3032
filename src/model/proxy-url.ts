/**
 * What the proxy URLs of the environment (`http://user:password@proxy:3128`) say, wherever a
 * proxy is used: the registry's HTTP layer sends their credentials, the shell masks them before
 * anything runs (the pull request comment goes through the same proxy by Octokit's own HTTP
 * stack), and both name a proxy the same way in their messages. Pure.
 */

/** The variables a proxy is named in, as the toolkit reads them. */
export const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const

/** A URL's user or password as written, percent-decoded (`p%40ss` is `p@ss`). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

/**
 * `Proxy-Authorization` for a proxy URL that carries a user or password, and the secrets to
 * mask: the password as written and decoded, and the header's base64. Read from the URL's
 * text, decoded once here: the toolkit's URL for a proxy already decodes its user and
 * password, and decoding those again would change a password holding `%`.
 */
export function proxyCredentials(
  proxy: URL
): { authorization: string; secrets: string[] } | undefined {
  const written = new URL(proxy.href)
  if (!written.username && !written.password) return undefined
  const password = decoded(written.password)
  const basic = Buffer.from(`${decoded(written.username)}:${password}`).toString('base64')
  return {
    authorization: `Basic ${basic}`,
    secrets: [...new Set([written.password, password, basic].filter(Boolean))]
  }
}

/** The secrets of every proxy URL in `env`; a value that is not a URL names none. */
export function proxySecretsIn(env: Record<string, string | undefined>): string[] {
  const secrets = PROXY_VARIABLES.flatMap(name => {
    const value = env[name]
    if (!value) return []
    try {
      return proxyCredentials(new URL(value))?.secrets ?? []
    } catch {
      return []
    }
  })
  return [...new Set(secrets)]
}

/** A proxy as messages name it: host and port, never the credentials of its URL. */
export function proxyLabel(proxy: URL): string {
  return `${proxy.hostname}:${proxy.port || (proxy.protocol === 'https:' ? '443' : '80')}`
}
