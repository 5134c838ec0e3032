import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TrustRoot, keyTrust, parseTrustedRoot } from '../attestations/sigstore.js'
import { DigestGateError } from '../model/errors.js'
import type { Policy } from './rule.js'
import type { SignatureTrust } from './signatures.js'

/**
 * The trust a policy's `signed-by` rules need, read before any request is sent so a bad file
 * is named at once: the `trusted-root` input's trusted_root.json (when given, the only root
 * trusted), else Sigstore's public-good root for keyless signers; and each `key:` PEM file,
 * relative to the working directory.
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
    trust.root = parse(
      () => parseTrustedRoot(text, `trusted-root ${trustedRoot}`),
      "Input 'trusted-root'"
    )
  } else if (rules.some(w => w.rule['signed-by'] && !('key' in w.rule['signed-by']))) {
    trust.root = await publicGoodRoot(cache)
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

const MIRROR = 'tuf-repo-cdn.sigstore.dev'

/**
 * Sigstore's public-good trusted root through @sigstore/tuf: one refresh from its TUF
 * repository (5 s, no retry), its metadata kept under the `cache` directory when one is given.
 * When the repository cannot be reached, the trusted_root.json that @sigstore/tuf's embedded
 * seed (or an earlier verified refresh) left in that directory: offline, the package's own
 * seed is the root, as trusted as the package itself.
 */
async function publicGoodRoot(cache: string | undefined): Promise<TrustRoot> {
  const cachePath = cache ? join(cache, 'sigstore-tuf') : await mkdtemp(join(tmpdir(), 'dg-tuf-'))
  const { getTrustedRoot } = await import('@sigstore/tuf')
  const { toTrustMaterial } = await import('@sigstore/verify')
  try {
    const root = await getTrustedRoot({ cachePath, retry: 0, timeout: 5000 })
    return {
      label: 'public-good (Sigstore TUF, refreshed)',
      material: toTrustMaterial(root),
      ctlogs: root.ctlogs.length
    }
  } catch (e) {
    const seeded = join(cachePath, MIRROR, 'targets', 'trusted_root.json')
    const why = (e as Error).message
    const text = await readText(
      seeded,
      'The public-good trust root',
      `@sigstore/tuf's seed (${why})`
    )
    return parse(
      () => parseTrustedRoot(text, `public-good (Sigstore TUF seed, offline: ${why})`),
      'The public-good trust root'
    )
  }
}
