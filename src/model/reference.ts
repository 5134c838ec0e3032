import { DOCKER_HUB, DOCKER_HUB_ALIASES } from './docker-hub.js'
import { DigestGateError } from './errors.js'

/**
 * Image references, as distribution's `reference` package defines them
 * (distribution/reference/regexp.go) with Docker Hub's defaults (normalize.go). Pure.
 */

export interface RegistryReference {
  kind: 'registry'
  /** The input exactly as given, trimmed. */
  image: string
  /** Canonical registry name: `docker.io` for every Docker Hub alias, else host[:port] lowercased. */
  registry: string
  /** Repository path, with `library/` added for one-component Docker Hub names. */
  repository: string
  /** Tag as written, or `latest` when neither a tag nor a digest was given. */
  tag?: string
  digest?: string
}

export interface LayoutReference {
  kind: 'oci-layout'
  image: string
  /** Directory of an OCI image layout. */
  path: string
  tag?: string
  digest?: string
}

export type ImageReference = RegistryReference | LayoutReference

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/
const TAG = /^[\w][\w.-]{0,127}$/
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/
const IPV6 = /^\[[a-fA-F0-9:]+\]$/
const PORT = /^[0-9]+$/
const MAX_PATH = 255
/** An image ID (distribution/reference's anchoredIdentifierRegexp). */
const IMAGE_ID = /^[a-f0-9]{64}$/

const DIGEST_RULES: Record<string, RegExp> = {
  sha256: /^[a-f0-9]{64}$/,
  sha512: /^[a-f0-9]{128}$/
}

function invalid(image: string, why: string): DigestGateError {
  return new DigestGateError('invalid-input', `Invalid image reference '${image}': ${why}`)
}

/** Checks `algo:hex` per the OCI image spec (descriptor.md#digests); returns why not, or null. */
export function digestProblem(digest: string): string | null {
  const colon = digest.indexOf(':')
  if (colon <= 0) return `digest '${digest}' must be algorithm:hex, e.g. sha256:<64 hex digits>`
  const algo = digest.slice(0, colon)
  const hex = digest.slice(colon + 1)
  const rule = DIGEST_RULES[algo]
  if (!rule) return `digest algorithm '${algo}' is not supported (expected sha256 or sha512)`
  if (!rule.test(hex)) {
    if (rule.test(hex.toLowerCase())) return `digest '${digest}' must use lowercase hex`
    const want = algo === 'sha256' ? 64 : 128
    return `digest '${digest}' must have ${want} lowercase hex digits after '${algo}:'`
  }
  return null
}

function validDomain(domain: string): boolean {
  let host = domain
  let port: string | undefined
  if (domain.startsWith('[')) {
    const end = domain.indexOf(']')
    if (end < 0) return false
    host = domain.slice(0, end + 1)
    const rest = domain.slice(end + 1)
    if (rest) {
      if (!rest.startsWith(':')) return false
      port = rest.slice(1)
    }
    if (!IPV6.test(host)) return false
  } else {
    const colon = domain.lastIndexOf(':')
    if (colon >= 0) {
      host = domain.slice(0, colon)
      port = domain.slice(colon + 1)
    }
    if (!host.split('.').every(c => DOMAIN_COMPONENT.test(c))) return false
  }
  return port === undefined || (PORT.test(port) && Number(port) >= 1 && Number(port) <= 65535)
}

/** `docker.io`, `index.docker.io` and `registry-1.docker.io` are one registry. */
export function canonicalRegistry(domain: string): string {
  const lower = domain.toLowerCase()
  return DOCKER_HUB_ALIASES.includes(lower) ? DOCKER_HUB : lower
}

/**
 * Parses one image as the `images` input takes it: `name[:tag][@digest]`, or
 * `oci-layout://PATH[:tag|@digest]`. Throws an `invalid-input` DigestGateError naming the
 * image and what is wrong with it.
 */
export function parseReference(input: string): ImageReference {
  const image = input.trim()
  if (!image) throw invalid(input, 'it is empty')
  if (image.startsWith('oci-layout://')) return parseLayoutReference(image)
  if (/\s/.test(image)) throw invalid(image, 'it contains whitespace')

  // The first '@' starts the digest: no name or tag may contain one.
  const split = splitTagAndDigest(image, image, image.indexOf('@'), false)
  const { rest, digest } = split
  let tag = split.tag
  if (!rest) throw invalid(image, 'it has no repository name')

  const parts = rest.split('/')
  let domain = DOCKER_HUB
  const first = parts[0]
  if (
    parts.length > 1 &&
    (first === 'localhost' ||
      first.includes('.') ||
      first.includes(':') ||
      first !== first.toLowerCase())
  ) {
    domain = first
    parts.shift()
    if (!validDomain(domain))
      throw invalid(image, `registry '${domain}' is not a valid host[:port]`)
  }
  const registry = canonicalRegistry(domain)
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library')

  const repository = parts.join('/')
  const familiar = registry === DOCKER_HUB ? repository.replace(/^library\//, '') : null
  if (familiar !== null && IMAGE_ID.test(familiar)) {
    // distribution/reference's ParseNormalizedNamed: such a name reads as an image ID.
    throw invalid(
      image,
      `repository name '${familiar}' is 64 hexadecimal digits, which reads as an image ID: cannot specify 64-byte hexadecimal strings as a repository name; to pin by digest, write name@sha256:<64 hex digits>`
    )
  }
  for (const component of parts) {
    if (COMPONENT.test(component)) continue
    if (COMPONENT.test(component.toLowerCase())) {
      throw invalid(image, `repository name must be lowercase ('${component}')`)
    }
    if (!component) throw invalid(image, 'repository path has an empty component')
    throw invalid(
      image,
      `repository path component '${component}' must be lowercase letters, digits and single separators (. _ __ -)`
    )
  }
  if (repository.length > MAX_PATH) {
    throw invalid(
      image,
      `repository name is ${repository.length} characters long (at most ${MAX_PATH})`
    )
  }
  if (!tag && !digest) tag = 'latest'
  return { kind: 'registry', image, registry, repository, tag, digest }
}

/**
 * Splits `name[:tag][@digest]` at `at` (the digest's '@', or -1) and at the last ':' after the
 * last '/' (before it, a ':' is a port), validating both parts. In a layout path (`isPath`) '\'
 * separates too, and a drive letter's ':' (`C:\`, `C:/`, a bare `C:`) is not a tag separator.
 */
function splitTagAndDigest(
  image: string,
  text: string,
  at: number,
  isPath: boolean
): { rest: string; tag?: string; digest?: string } {
  let rest = text
  let digest: string | undefined
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    const problem = digestProblem(digest)
    if (problem) throw invalid(image, problem)
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  const separator = isPath
    ? Math.max(rest.lastIndexOf('/'), rest.lastIndexOf('\\'))
    : rest.lastIndexOf('/')
  const driveLetter = isPath && colon === 1 && /^[A-Za-z]:([\\/]|$)/.test(rest)
  if (colon > separator && !driveLetter) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) {
      throw invalid(
        image,
        tag.length > 128
          ? `tag is ${tag.length} characters long (at most 128)`
          : `tag '${tag}' must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`
      )
    }
  }
  return { rest, tag, digest }
}

/**
 * `oci-layout://PATH[:tag|@digest]` as buildx names a local layout. A ':' is taken as the tag
 * separator only after the last '/' or '\', and never as a drive letter's, so Windows paths
 * (`C:\layouts\app`, `examples\hello-layout`) and dotted paths survive. The same string
 * parses the same on every platform; only opening the directory is the platform's business.
 */
function parseLayoutReference(image: string): LayoutReference {
  const path = image.slice('oci-layout://'.length)
  // A path may hold '@' and ':', so the last of each decide.
  const { rest, tag, digest } = splitTagAndDigest(image, path, path.lastIndexOf('@'), true)
  if (!rest) throw invalid(image, 'oci-layout:// needs a directory path')
  return { kind: 'oci-layout', image, path: rest, tag, digest }
}

/** `registry/repository[:tag]`, the name a user would pull, fully qualified. */
export function formatName(ref: ImageReference, withTag = true): string {
  const base =
    ref.kind === 'registry' ? `${ref.registry}/${ref.repository}` : `oci-layout://${ref.path}`
  return withTag && ref.tag ? `${base}:${ref.tag}` : base
}

/** The pinned form: `name[:tag]@digest`. */
export function formatPinned(ref: ImageReference, digest: string): string {
  return `${formatName(ref)}@${digest}`
}
