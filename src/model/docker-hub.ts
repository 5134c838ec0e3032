/**
 * Docker Hub's names, in one place: the registry name references default to, its aliases, the
 * host its distribution API lives on, and the key Docker's config.json and credential helpers
 * use for it (registry-notes §1; docker/cli registry.IndexServer).
 */

/** The canonical registry name of Docker Hub, as `nginx` expands to `docker.io/library/nginx`. */
export const DOCKER_HUB = 'docker.io'
/** The host Docker Hub's distribution API really lives on. */
const DOCKER_HUB_API_HOST = 'registry-1.docker.io'
/** Every name that means Docker Hub, in the order config.json keys are tried. */
export const DOCKER_HUB_ALIASES: readonly string[] = [
  'index.docker.io',
  'docker.io',
  'registry-1.docker.io'
]
/** The key Docker uses for Docker Hub in config.json and with credential helpers. */
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/'

/** The host to send a registry's API requests to. */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_API_HOST : registry
}

/** The server address Docker's tools name a registry by (config.json keys, helpers, the Engine). */
export function serverAddress(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry
}
