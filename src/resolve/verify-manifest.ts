import { computeDigest, digestedContent, verifyManifestDigest } from '../model/digest.js'
import { DigestGateError, isDigestGateError } from '../model/errors.js'
import { type Manifest, parseManifest } from '../model/manifest.js'
import type { FetchedManifest } from '../sources/source.js'
import { type Walk, explain } from './walk.js'

/**
 * Checks a body against its digest and parses only the bytes the digest covers (a signed
 * schema 1 body carries more). A source whose bytes are not the registry's own (a
 * re-serialised API answer) gets a null digest: a hash of other bytes is not the digest.
 */
export function verify(
  walk: Walk,
  fetched: FetchedManifest,
  reference: string,
  expected: string | undefined
): { manifest: Manifest; digest: string | null } {
  const { source } = walk
  let content: Uint8Array = fetched.body
  let digest: string | null = null
  if (source.abilities.exactBytes) {
    content = expected
      ? verifyManifestDigest(fetched.body, expected)
      : digestedContent(fetched.body)
    digest =
      expected ??
      computeDigest(content, fetched.claimedDigest?.startsWith('sha512:') ? 'sha512' : 'sha256')
    // By tag: our own hash decides; a header that disagrees means a tampered or broken answer.
    if (!expected && fetched.claimedDigest && fetched.claimedDigest !== digest) {
      throw new DigestGateError(
        'integrity',
        `${source.label} said the manifest for '${reference}' is ${fetched.claimedDigest}, but its content hashes to ${digest}`,
        { registry: source.label }
      )
    }
  } else {
    explain(walk, 'digest')
  }
  let manifest: Manifest
  try {
    manifest = parseManifest(content, fetched.contentType)
  } catch (e) {
    if (isDigestGateError(e))
      throw new DigestGateError(e.kind, `${source.label} ${digest ?? walk.subject}: ${e.message}`, {
        registry: source.label
      })
    throw e
  }
  if (manifest.kind === 'schema1' && content !== fetched.body) manifest.signed = true
  return { manifest, digest }
}
