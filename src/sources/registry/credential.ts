/**
 * Where credentials come from for one registry, in Docker's order: the action's own
 * `registry`/`username`/`password`, then `DOCKER_AUTH_CONFIG`, then config.json's
 * `credHelpers` for that host, its `credsStore`, and its `auths` (docker/cli
 * cli/config/configfile/file.go). `GITHUB_TOKEN` is the last resort for ghcr.io.
 */
export interface Credential {
  username?: string
  password?: string
  /** OAuth2 refresh token (config.json `identitytoken`, a helper's `<token>` user, ACR). */
  identityToken?: string
  /** Bearer token used as is (config.json `registrytoken`). */
  registryToken?: string
  /** Where it came from, for messages; never the secret. */
  origin?: string
  /** config.json's `auth` value as written (base64 of user:password), masked like the rest. */
  authField?: string
}

/** ACR's convention: this username means the password is a refresh token (ACR docs, "az acr login --expose-token"). */
export const ACR_TOKEN_USER = '00000000-0000-0000-0000-000000000000'

/** A username/password pair, read the way Docker does (`<token>` and ACR's zero GUID mean a refresh token). */
export function fromUserSecret(username: string, secret: string, origin: string): Credential {
  if (username === '<token>') return { identityToken: secret, origin }
  if (username === ACR_TOKEN_USER) return { identityToken: secret, username, origin }
  return { username, password: secret, origin }
}
