import { readFile } from 'node:fs/promises'
import { keyTrust, parseTrustedRoot } from '../attestations/sigstore.js'
import { DigestGateError } from '../model/errors.js'
import type { Policy } from './rule.js'
import type { SignatureTrust } from './signatures.js'

/**
 * The trust a policy's `signed-by` rules need, read before any request is sent so a bad file
 * is named at once: the `trusted-root` input's trusted_root.json (when given, the only root
 * trusted), and each `key:` PEM file, relative to the working directory.
 */
export async function loadSignatureTrust(
  policy: Policy,
  trustedRoot: string | undefined
): Promise<SignatureTrust> {
  const trust: SignatureTrust = { keys: new Map() }
  if (trustedRoot) {
    const text = await readText(trustedRoot, "Input 'trusted-root'", 'a trusted_root.json')
    trust.root = parse(
      () => parseTrustedRoot(text, `trusted-root ${trustedRoot}`),
      "Input 'trusted-root'"
    )
  }
  for (const written of [policy.default, ...policy.images]) {
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
