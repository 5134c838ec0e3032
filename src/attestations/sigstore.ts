import { X509Certificate, createPublicKey } from 'node:crypto'
import { type Bundle, bundleFromJSON } from '@sigstore/bundle'
import { ASN1Obj, RFC3161Timestamp } from '@sigstore/core'
import { TrustedRoot } from '@sigstore/protobuf-specs'
import { type TrustMaterial, Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify'
import type { VerifiedSignature } from '../model/record.js'

/**
 * Sigstore bundles verified (issue 21), with Sigstore's own libraries and nothing hand-written:
 * @sigstore/bundle reads bundles v0.1 to v0.3, @sigstore/verify checks that the certificate
 * chains to the trusted root and was valid when a transparency-log entry or an RFC 3161
 * timestamp says it signed, and that the signature verifies over the DSSE payload. What is
 * left is ours: the payload must be an in-toto statement whose subject is the digest asked
 * for, and the signer's identity is read out for the policy to judge. Pure: no I/O.
 */

/** A trust root, with how the report names it (`trusted-root ./root.json`). */
export interface TrustRoot {
  label: string
  material: TrustMaterial
  /** An SCT from one of the root's CT logs is required when the root names any. */
  ctlogs: number
}

/** What a verified bundle proves: a platform's verified signature, before it is placed. */
export type VerifiedBundle = Omit<VerifiedSignature, 'digest' | 'subject'>

const IN_TOTO_PAYLOAD = 'application/vnd.in-toto+json'
const SOURCE_REPOSITORY_OID = '1.3.6.1.4.1.57264.1.12'

/** A trusted_root.json's text as a trust root; throws saying why it is not one. */
export function parseTrustedRoot(text: string, label: string): TrustRoot {
  let root: TrustedRoot
  try {
    root = TrustedRoot.fromJSON(JSON.parse(text))
  } catch (e) {
    throw new Error(`${label} is not a Sigstore trusted_root.json (${(e as Error).message})`)
  }
  if (!root.certificateAuthorities.length && !root.tlogs.length)
    throw new Error(`${label} names no certificate authority and no transparency log`)
  return { label, material: toTrustMaterial(root), ctlogs: root.ctlogs.length }
}

/**
 * A trusted_root.json's text, or JSON Lines of them (what `gh attestation trusted-root` prints:
 * the public-good root and GitHub's), as the roots to try; throws saying which line is not one.
 */
export function parseTrustedRoots(text: string, label: string): TrustRoot[] {
  const lines = text.split('\n').filter(line => line.trim())
  if (lines.length < 2 || !lines.every(isJson)) return [parseTrustedRoot(text, label)]
  return lines.map((line, i) => parseTrustedRoot(line, `${label} (line ${i + 1})`))
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/**
 * The organization that issued a signing certificate (DER or PEM), read by Node's X.509: it
 * says whose Fulcio signed (`sigstore.dev`, `GitHub, Inc.`), so which root to fetch.
 */
export function issuerOrganization(certificate: Buffer | string): string | undefined {
  try {
    const issuer = new X509Certificate(certificate).issuer
    const org = issuer.split('\n').find(part => part.startsWith('O='))
    // Node prints the name as RFC 4514 does, escaping `,` `+` `"` `\\` `<` `>` `;` (and
    // control bytes as hex): `O=GitHub\, Inc.`.
    return org
      ?.slice(2)
      .replace(/\\([0-9A-Fa-f]{2}|.)/g, (_, c: string) =>
        c.length === 2 ? String.fromCharCode(parseInt(c, 16)) : c
      )
  } catch {
    return undefined
  }
}

/** The issuer organization of a bundle's signing certificate; none for a key or a non-bundle. */
export function bundleIssuerOrganization(json: unknown): string | undefined {
  let content
  try {
    content = bundleFromJSON(json).verificationMaterial.content
  } catch {
    return undefined
  }
  if (content.$case === 'certificate') return issuerOrganization(content.certificate.rawBytes)
  if (content.$case === 'x509CertificateChain') {
    const leaf = content.x509CertificateChain.certificates[0]
    return leaf ? issuerOrganization(leaf.rawBytes) : undefined
  }
  return undefined
}

/** A PEM public key file's text as the only key a key-pair signature may verify with. */
export function keyTrust(pem: string, label: string): TrustRoot {
  let publicKey
  try {
    publicKey = createPublicKey(pem)
  } catch (e) {
    throw new Error(`${label} is not a PEM public key (${(e as Error).message})`)
  }
  const empty = TrustedRoot.fromJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1'
  })
  return {
    label,
    material: toTrustMaterial(empty, () => ({ publicKey, validFor: () => true })),
    ctlogs: 0
  }
}

/** Reads a bundle's JSON; throws saying why it is not a bundle this can verify. */
function readBundle(json: unknown): Bundle & { content: { $case: 'dsseEnvelope' } } {
  let bundle: Bundle
  try {
    bundle = bundleFromJSON(json)
  } catch (e) {
    throw new Error(`not a Sigstore bundle v0.1 to v0.3 (${(e as Error).message})`)
  }
  if (bundle.content.$case !== 'dsseEnvelope')
    throw new Error(
      'a message-signature bundle, which signs a file, not a statement about a manifest digest'
    )
  return bundle as Bundle & { content: { $case: 'dsseEnvelope' } }
}

interface Statement {
  predicateType: string
  subjects: string[]
  predicate: unknown
}

/** The DSSE payload as an in-toto statement: its predicate type and its subjects' digests. */
function readStatement(payloadType: string, payload: Buffer): Statement {
  if (payloadType !== IN_TOTO_PAYLOAD)
    throw new Error(`its payload is ${payloadType || 'untyped'}, not an in-toto statement`)
  let raw: { predicateType?: unknown; subject?: unknown; predicate?: unknown }
  try {
    raw = JSON.parse(payload.toString('utf8')) as typeof raw
  } catch {
    throw new Error('its payload is not JSON')
  }
  if (typeof raw.predicateType !== 'string' || !Array.isArray(raw.subject))
    throw new Error('its payload is not an in-toto statement (no predicateType or subject)')
  const subjects = (raw.subject as { digest?: Record<string, unknown> }[])
    .map(s => s?.digest?.sha256)
    .filter((d): d is string => typeof d === 'string')
    .map(hex => `sha256:${hex.toLowerCase()}`)
  return { predicateType: raw.predicateType, subjects, predicate: raw.predicate }
}

/** The builder id a SLSA predicate names: v1 `runDetails.builder.id`, v0.2 `builder.id`. */
function builderOf(predicate: unknown): string | undefined {
  const p = predicate as { runDetails?: { builder?: { id?: unknown } }; builder?: { id?: unknown } }
  const id = p?.runDetails?.builder?.id ?? p?.builder?.id
  return typeof id === 'string' ? id : undefined
}

/** A Fulcio extension's text: DER UTF8String (v2 extensions), read with @sigstore/core's ASN.1. */
function extensionText(oids: { oid?: { id: number[] }; value: Buffer }[], oid: string) {
  const found = oids.find(o => o.oid?.id.join('.') === oid)
  if (!found) return undefined
  try {
    return ASN1Obj.parseBuffer(found.value as Buffer<ArrayBuffer>).value.toString('utf8')
  } catch {
    return found.value.toString('utf8')
  }
}

/** When the bundle proves the signature was made: a TSA's time, else the log's. */
function provedAt(bundle: Bundle): { logIndex?: string; timestamp?: string } {
  const entry = bundle.verificationMaterial.tlogEntries[0]
  const tsa = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps[0]
  const out: { logIndex?: string; timestamp?: string } = {}
  if (entry) out.logIndex = entry.logIndex
  if (tsa)
    out.timestamp = RFC3161Timestamp.parse(
      tsa.signedTimestamp as Buffer<ArrayBuffer>
    ).signingTime.toISOString()
  else if (entry && entry.integratedTime !== '0')
    out.timestamp = new Date(Number(entry.integratedTime) * 1000).toISOString()
  return out
}

/**
 * Verifies a parsed bundle (over `artifact`, for a message signature) with @sigstore/verify:
 * the signer's identity, and when the signature was proved. Throws saying why not.
 */
export function verifySigned(
  bundle: Bundle,
  trust: TrustRoot,
  artifact?: Buffer
): Omit<VerifiedBundle, 'predicateType' | 'builder'> {
  const keyPair = bundle.verificationMaterial.content.$case === 'publicKey'
  // A key's trust is the key alone: it holds no log and no TSA, so a Rekor entry or timestamp
  // (cosign `sign --key` logs in public Rekor by default) cannot be checked against it, and a
  // key pair needs neither. Left out, not failed, as `cosign verify --key` with
  // --insecure-ignore-tlog; and not reported, as nothing vouched for them.
  if (keyPair && !trust.material.tlogs.length && !trust.material.timestampAuthorities.length)
    bundle = {
      ...bundle,
      verificationMaterial: {
        ...bundle.verificationMaterial,
        tlogEntries: [],
        timestampVerificationData: undefined
      }
    }
  const verifier = new Verifier(trust.material, {
    tlogThreshold: 0,
    ctlogThreshold: keyPair ? 0 : Math.min(1, trust.ctlogs),
    // A certificate is short-lived: a log entry or a timestamp must say it was valid then.
    timestampThreshold: keyPair ? 0 : 1
  })
  let signer
  try {
    signer = verifier.verify(toSignedEntity(bundle, artifact))
  } catch (e) {
    // @sigstore/verify wraps the reason a chain fails (expired, wrong issuer, …) as `cause`.
    const cause = (e as { cause?: unknown }).cause
    const why = cause instanceof Error ? ` (${cause.message})` : ''
    throw new Error(`does not verify against ${trust.label}: ${(e as Error).message}${why}`)
  }
  const out: Omit<VerifiedBundle, 'predicateType' | 'builder'> = {
    root: trust.label,
    ...provedAt(bundle)
  }
  const identity = signer.identity
  if (identity?.subjectAlternativeName) out.identity = identity.subjectAlternativeName
  if (identity?.extensions?.issuer) out.issuer = identity.extensions.issuer
  const repo = extensionText(identity?.oids ?? [], SOURCE_REPOSITORY_OID)
  if (repo) out.sourceRepository = repo
  return out
}

/**
 * Verifies a bundle's JSON against `trust` and the digests it must be about (the platform's
 * manifest, or the index's for an index-level attestation). Throws an Error whose message says
 * why it does not verify, for a violation's `found`.
 */
export function verifyBundle(json: unknown, digests: string[], trust: TrustRoot): VerifiedBundle {
  const bundle = readBundle(json)
  const signed = verifySigned(bundle, trust)
  const { payloadType, payload } = bundle.content.dsseEnvelope
  const statement = readStatement(payloadType, payload)
  if (!statement.subjects.some(s => digests.includes(s)))
    throw new Error(
      `its statement is about ${statement.subjects.join(', ') || 'no sha256 digest'}, not ${digests.join(' or ')}`
    )
  const out: VerifiedBundle = { ...signed, predicateType: statement.predicateType }
  const builder = builderOf(statement.predicate)
  if (builder) out.builder = builder
  return out
}
