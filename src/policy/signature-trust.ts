import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  GITHUB_ISSUER_ORG,
  GITHUB_TUF_MIRROR,
  GITHUB_TUF_ROOT
} from '../attestations/github-trust.js'
import {
  type TrustRoot,
  keyTrust,
  parseTrustedRoot,
  parseTrustedRoots
} from '../attestations/sigstore.js'
import { DigestGateError } from '../model/errors.js'
import type { Policy } from './rule.js'
import type { SignatureTrust } from './signatures.js'

/**
 * The trust a policy's `signed-by` rules need. The `trusted-root` input's roots (a
 * trusted_root.json, or JSON Lines of them), when given, are the only ones trusted, and each
 * `key:` PEM file (relative to the working directory) is its signer's only key: both are read
 * before any request is sent, so a bad file is named at once. Otherwise keyless signatures are
 * checked against the built-in roots, each fetched only when a signature needs it.
 */
export async function loadSignatureTrust(
  policy: Policy,
  trustedRoot: string | undefined,
  cache?: string
): Promise<SignatureTrust> {
  const trust: SignatureTrust = { keys: new Map() }
  const rules = [policy.default, ...policy.images]
  if (trustedRoot) {
    const text = await readText(trustedRoot, "Input 'trusted-root'", 'a trusted_root.json')
    const roots = parse(
      () => parseTrustedRoots(text, `trusted-root ${trustedRoot}`),
      "Input 'trusted-root'"
    )
    trust.rootsFor = () => Promise.resolve(roots)
  } else if (rules.some(w => w.rule['signed-by'] && !('key' in w.rule['signed-by']))) {
    trust.rootsFor = builtInRoots(cache)
  }
  for (const written of rules) {
    const signer = written.rule['signed-by']
    if (!signer || !('key' in signer) || trust.keys.has(signer.key)) continue
    const site = written.sites['signed-by']
    const where = `${policy.label}${site ? `:${site.line}:${site.col}` : ''}: key 'signed-by.key'`
    const pem = await readText(signer.key, where, 'a PEM public key file')
    trust.keys.set(
      signer.key,
      parse(() => keyTrust(pem, `key ${signer.key}`), where)
    )
  }
  return trust
}

async function readText(path: string, who: string, expected: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (e) {
    throw new DigestGateError(
      'invalid-input',
      `${who}: cannot read '${path}' (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); expected ${expected}`
    )
  }
}

function parse<T>(read: () => T, who: string): T {
  try {
    return read()
  } catch (e) {
    throw new DigestGateError('invalid-input', `${who}: ${(e as Error).message}`)
  }
}

/** A Sigstore instance whose trusted_root.json a TUF repository publishes. */
export interface TufInstance {
  /** How the report names the root: `public-good`, `GitHub`. */
  name: string
  mirrorURL: string
  /** The root.json to start from, when @sigstore/tuf has no seed for this mirror. */
  seedRoot?: string
}

export const PUBLIC_GOOD: TufInstance = {
  name: 'public-good',
  mirrorURL: 'https://tuf-repo-cdn.sigstore.dev'
}
export const GITHUB: TufInstance = {
  name: 'GitHub',
  mirrorURL: GITHUB_TUF_MIRROR,
  seedRoot: GITHUB_TUF_ROOT
}

/**
 * The built-in roots, chosen as the GitHub CLI chooses them, by who issued the signing
 * certificate: GitHub's Fulcio (`GitHub, Inc.`, private-repository attestations) is checked
 * against GitHub's root, anything else against Sigstore's public-good root. Each is fetched
 * at most once per run, and only when a signature needs it.
 */
export function builtInRoots(
  cache: string | undefined,
  instances: { byOrg: Map<string, TufInstance>; otherwise: TufInstance } = {
    byOrg: new Map([[GITHUB_ISSUER_ORG, GITHUB]]),
    otherwise: PUBLIC_GOOD
  }
): (issuerOrg: string | undefined) => Promise<TrustRoot[]> {
  const loading = new Map<TufInstance, Promise<TrustRoot>>()
  return async issuerOrg => {
    const instance = (issuerOrg && instances.byOrg.get(issuerOrg)) || instances.otherwise
    let root = loading.get(instance)
    if (!root) {
      root = tufRoot(instance, cache)
      loading.set(instance, root)
    }
    return [await root]
  }
}

/**
 * An instance's trusted root through @sigstore/tuf: one refresh from its TUF repository (5 s,
 * no retry), its metadata kept under the `cache` directory when one is given. When the
 * repository cannot be reached, the trusted_root.json an earlier verified refresh (or, for
 * public-good, @sigstore/tuf's embedded seed) left in that directory: offline, the seed is the
 * root, as trusted as the package itself. Throws saying why there is none.
 */
export async function tufRoot(
  instance: TufInstance,
  cache: string | undefined,
  scratchIn = tmpdir()
): Promise<TrustRoot> {
  if (cache) return fromTuf(instance, join(cache, 'sigstore-tuf'), true)
  // Without a cache the metadata serves this one load: the root is in memory after it.
  const scratch = await mkdtemp(join(scratchIn, 'dg-tuf-'))
  try {
    return await fromTuf(instance, scratch, false)
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

async function fromTuf(
  instance: TufInstance,
  cachePath: string,
  kept: boolean
): Promise<TrustRoot> {
  const { getTrustedRoot } = await import('@sigstore/tuf')
  const { toTrustMaterial } = await import('@sigstore/verify')
  const { mirrorURL, name, seedRoot } = instance
  const host = new URL(mirrorURL).host
  let rootPath: string | undefined
  if (seedRoot) {
    await mkdir(cachePath, { recursive: true })
    rootPath = join(cachePath, `${host}.seed-root.json`)
    await writeFile(rootPath, seedRoot)
  }
  try {
    const root = await getTrustedRoot({ cachePath, mirrorURL, rootPath, retry: 0, timeout: 5000 })
    return {
      label: `${name} (${host} TUF, refreshed)`,
      material: toTrustMaterial(root),
      ctlogs: root.ctlogs.length
    }
  } catch (e) {
    // @sigstore/tuf's own message is generic; tuf-js's, its cause, says what failed.
    const cause = (e as { cause?: unknown }).cause
    const why = `${(e as Error).message}${cause instanceof Error ? `: ${cause.message}` : ''}`
    let text: string
    try {
      // @sigstore/tuf keeps each repository's metadata under its encoded host.
      const kept = join(cachePath, encodeURIComponent(host), 'targets', 'trusted_root.json')
      text = await readFile(kept, 'utf8')
    } catch {
      const keep = kept ? `in ${cachePath}` : "(the 'cache' input keeps one)"
      throw new Error(
        `the ${name} trust root cannot be refreshed from ${mirrorURL} (${why}), and no earlier refresh is kept ${keep}`
      )
    }
    return parseTrustedRoot(text, `${name} (${host} TUF cache, offline: ${why})`)
  }
}
