import {
  DSSE_LAYER,
  SIMPLE_SIGNING,
  legacyAttestationBundle,
  legacyIssuerOrganization,
  legacySignatureTag,
  verifyLegacySignature
} from '../attestations/cosign-legacy.js'
import { type TrustRoot, bundleIssuerOrganization, verifyBundle } from '../attestations/sigstore.js'
import { computeDigest } from '../model/digest.js'
import { DigestGateError, errorMessage } from '../model/errors.js'
import { parseManifest } from '../model/manifest.js'
import type { AttachedRecord, VerifiedSignature } from '../model/record.js'
import { manifestByDigest } from './attestations.js'
import type { AttachedFinding } from './evaluate.js'
import type { ProvenanceRequirement, SignerRequirement } from './rule.js'
import { type SignatureFinding, checkProvenance, checkSignedBy } from './signer-checks.js'
import type { Subject } from './subject.js'

/**
 * The reads of `signed-by` and `provenance` (issue 21): of what the `attestations` read found
 * attached to each platform (and to the index), each Sigstore bundle referrer's manifest and
 * its bundle blob, read once per run, then verified (src/attestations/sigstore.ts) against the
 * trust the rule's signer needs: its key file, else the `trusted-root`. cosign's legacy tags are
 * read only for a platform whose referrers do not already meet the rule. Sets each platform's
 * `verified`.
 */

/** The roots a signature may verify against, by the organization that issued its certificate. */
export type RootsFor = (issuerOrg: string | undefined) => Promise<TrustRoot[]>

/** The trust a run verifies with: keyless signers' roots, and each `key:` file's key. */
export interface SignatureTrust {
  /** The `trusted-root` input's roots, else the built-in ones (signature-trust.ts). */
  rootsFor?: RootsFor
  /** By the `key:` path as the policy wrote it. */
  keys: Map<string, TrustRoot>
}

/** A bundle blob is small JSON (a certificate chain, a statement): 4 MiB is plenty. */
const BUNDLE_CAP = 4 * 1024 * 1024

const NO_ROOT =
  "no trust root to verify it with: give the 'trusted-root' input (--trusted-root), the path of a trusted_root.json"

/** The bundle JSON of a Sigstore bundle referrer: its manifest, then its bundle layer's blob. */
async function readBundle(subject: Subject, digest: string): Promise<unknown> {
  const { source, repository } = subject
  const manifest = await manifestByDigest(subject, digest)
  if (manifest.kind !== 'image')
    throw new Error(`its manifest ${digest} is not an artifact manifest`)
  const layer =
    manifest.layers.find(l => /^application\/vnd\.dev\.sigstore\.bundle/.test(l.mediaType)) ??
    (manifest.layers.length === 1 ? manifest.layers[0] : undefined)
  if (!layer) throw new Error(`its manifest ${digest} has no Sigstore bundle layer`)
  if (!source.fetchBlob || !source.abilities.blobs)
    throw new Error(`the ${source.kind} source cannot read blobs`)
  const body = await source.fetchBlob(repository, layer.digest, BUNDLE_CAP)
  // The registry is not trusted to serve what was asked for: the bytes must be the digest.
  if (computeDigest(body) !== layer.digest)
    throw new Error(`the bundle blob ${layer.digest} served does not match its digest`)
  try {
    return JSON.parse(Buffer.from(body).toString('utf8')) as unknown
  } catch {
    throw new Error(`the bundle blob ${layer.digest} is not JSON`)
  }
}

function bundleOnce(subject: Subject, digest: string): Promise<unknown> {
  const key = `bundle ${digest} ${subject.source.label}/${subject.repository}`
  let pending = subject.memo.bundles.get(key)
  if (!pending) {
    pending = readBundle(subject, digest)
    pending.catch(() => undefined)
    subject.memo.bundles.set(key, pending)
  }
  return pending
}

/** One attached bundle, verified for the digests it must be about; a failure says why. */
async function verifyAttached(
  subject: Subject,
  a: AttachedRecord,
  digests: string[],
  rootsFor: RootsFor
): Promise<VerifiedSignature | string> {
  try {
    const json = await bundleOnce(subject, a.digest)
    const verified = await underAny(rootsFor, bundleIssuerOrganization(json), root =>
      verifyBundle(json, digests, root)
    )
    return { digest: a.digest, subject: a.subject, ...verified }
  } catch (e) {
    return `${a.name} ${a.digest}: ${e instanceof Error ? e.message : errorMessage(e)}`
  }
}

/**
 * The first of the roots for a certificate's issuer that `verify` succeeds under; else throws
 * with each root's reason, once.
 */
async function underAny<T>(
  rootsFor: RootsFor,
  issuerOrg: string | undefined,
  verify: (root: TrustRoot) => T
): Promise<T> {
  const reasons = new Set<string>()
  for (const root of await rootsFor(issuerOrg)) {
    try {
      return verify(root)
    } catch (e) {
      reasons.add((e as Error).message)
    }
  }
  throw new Error([...reasons].join('; ') || NO_ROOT)
}

/** A cosign legacy signature or attestation layer, read: its annotations and its payload. */
interface LegacyLayer {
  tag: string
  kind: 'sig' | 'att'
  annotations: Record<string, string>
  payload: Uint8Array
}

/**
 * cosign's legacy signatures of `digest`: the manifest at its `sha256-<hex>.sig` tag (1 GET; a
 * 404 is none) and each simple-signing layer's payload (1 GET each), read once per run.
 */
function legacyLayers(
  subject: Subject,
  digest: string,
  kind: 'sig' | 'att'
): Promise<LegacyLayer[]> {
  const { source, repository } = subject
  const tag = legacySignatureTag(digest, kind)
  const key = `legacy ${tag} ${source.label}/${repository}`
  let pending = subject.memo.bundles.get(key) as Promise<LegacyLayer[]> | undefined
  if (!pending) {
    pending = (async () => {
      let answer
      try {
        answer = await source.fetchManifest(repository, tag)
      } catch (e) {
        if (e instanceof DigestGateError && (e.status === 404 || e.kind === 'not-found')) return []
        throw e
      }
      if (answer.kind !== 'manifest') return []
      const manifest = parseManifest(answer.body, answer.contentType)
      if (manifest.kind !== 'image' || !source.fetchBlob) return []
      const fetchBlob = source.fetchBlob.bind(source)
      const layerType = kind === 'sig' ? SIMPLE_SIGNING : DSSE_LAYER
      const layers = manifest.layers.filter(l => l.mediaType === layerType)
      return Promise.all(
        layers.map(async l => {
          const payload = await fetchBlob(repository, l.digest, BUNDLE_CAP)
          if (computeDigest(payload) !== l.digest)
            throw new Error(`the signature payload ${l.digest} served does not match its digest`)
          return { tag, kind, annotations: l.annotations ?? {}, payload }
        })
      )
    })()
    pending.catch(() => undefined)
    subject.memo.bundles.set(key, pending)
  }
  return pending
}

/** One legacy layer verified for `digest`: a signature, or an attestation's DSSE bundle. */
function verifyLayer(l: LegacyLayer, digest: string, trust: TrustRoot) {
  return l.kind === 'sig'
    ? verifyLegacySignature(l.annotations, l.payload, [digest], trust)
    : verifyBundle(legacyAttestationBundle(l.annotations, l.payload), [digest], trust)
}

/** Each legacy signature and attestation of `digest`, verified; a failure says why. */
async function verifyLegacy(
  subject: Subject,
  digest: string,
  whose: 'platform' | 'index',
  rootsFor: RootsFor
): Promise<(VerifiedSignature | string)[]> {
  const each = await Promise.all(
    (['sig', 'att'] as const).map(async kind => {
      const tag = legacySignatureTag(digest, kind)
      let layers: LegacyLayer[]
      try {
        layers = await legacyLayers(subject, digest, kind)
      } catch (e) {
        return [`cosign tag ${tag}: ${e instanceof Error ? e.message : errorMessage(e)}`]
      }
      return Promise.all(
        layers.map(async l => {
          try {
            const verified = await underAny(
              rootsFor,
              legacyIssuerOrganization(l.annotations),
              root => verifyLayer(l, digest, root)
            )
            return { digest, subject: whose, ...verified }
          } catch (e) {
            return `cosign tag ${tag}: ${(e as Error).message}`
          }
        })
      )
    })
  )
  return each.flat()
}

/** The roots a signer's signatures verify against: its key, else the keyless roots. */
function rootsOf(signer: SignerRequirement, trust: SignatureTrust): RootsFor {
  const key = 'key' in signer ? trust.keys.get(signer.key) : undefined
  if (key) return () => Promise.resolve([key])
  if (!('key' in signer) && trust.rootsFor) return trust.rootsFor
  return () => Promise.reject(new Error(NO_ROOT))
}

/**
 * Whether `verified` already meets the rule: a signature by its signer and, when it asks for
 * `provenance`, a statement by that signer that passes it. The same checks the verdict makes
 * (signer-checks.ts): what satisfies here satisfies there.
 */
function meetsRule(
  signer: SignerRequirement,
  provenance: ProvenanceRequirement | undefined,
  verified: VerifiedSignature[]
): boolean {
  const found = { verified, failed: [] }
  if (checkSignedBy(signer, found).length) return false
  return !provenance || checkProvenance(provenance, signer, found).length === 0
}

/**
 * Each platform's verified bundles (and why others failed), by platform manifest digest. The
 * referrer bundles `attestations` found are verified first; cosign's legacy `.sig` and `.att`
 * tags (of the platform, and of the index) are read only when those do not meet the rule, so an
 * image signed by referrers costs no tag probe, and one that is not still fails closed on what
 * the tags say.
 */
export async function readSignatures(
  subject: Subject,
  attached: Map<string, AttachedFinding>,
  signer: SignerRequirement,
  trust: SignatureTrust,
  provenance: ProvenanceRequirement | undefined
): Promise<Map<string, SignatureFinding>> {
  const { record } = subject
  const rootsFor = rootsOf(signer, trust)
  const out = new Map<string, SignatureFinding>()
  const isVerified = (r: VerifiedSignature | string): r is VerifiedSignature =>
    typeof r !== 'string'
  await Promise.all(
    record.platforms.map(async p => {
      if (!p.digest) return
      const found = attached.get(p.digest)
      if (!found || 'error' in found) {
        out.set(p.digest, { error: found?.error ?? 'what is attached was not read' })
        return
      }
      const bundles = found.attached.filter(a => a.format === 'sigstore-bundle')
      const fromReferrers = await Promise.all(
        bundles.map(a =>
          verifyAttached(
            subject,
            a,
            [a.subject === 'index' ? record.digest : p.digest].filter((d): d is string => !!d),
            rootsFor
          )
        )
      )
      const legacy = meetsRule(signer, provenance, fromReferrers.filter(isVerified))
        ? []
        : await Promise.all([
            verifyLegacy(subject, p.digest, 'platform', rootsFor),
            record.digest && record.digest !== p.digest
              ? verifyLegacy(subject, record.digest, 'index', rootsFor)
              : []
          ])
      const results = [...fromReferrers, ...legacy.flat()]
      const verified = results.filter(isVerified)
      p.verified = verified
      out.set(p.digest, { verified, failed: results.filter(r => typeof r === 'string') })
    })
  )
  return out
}
