import { createHash } from 'node:crypto'
import { bundleFromJSON } from '@sigstore/bundle'
import { pem } from '@sigstore/core'
import {
  type TrustRoot,
  type VerifiedBundle,
  issuerOrganization,
  verifySigned
} from './sigstore.js'

/**
 * cosign's legacy signatures (issue 21): the tag `sha256-<hex>.sig` beside the signed manifest,
 * an image manifest whose layers are simple-signing payloads, each with its signature, its
 * certificate and chain, and the Rekor entry's signed timestamp in layer annotations (cosign
 * pkg/oci/static). Each layer is rebuilt as the Sigstore bundle v0.1 it amounts to and
 * verified by @sigstore/verify like any other; the payload must name the manifest's digest.
 */

export const SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json'
/** The layer type of cosign's legacy attestations (`.att`): a DSSE envelope. */
export const DSSE_LAYER = 'application/vnd.dsse.envelope.v1+json'
/** How a verified simple-signing signature is named where a predicate type would be. */
export const SIMPLE_SIGNING_KIND = 'cosign simple signing'

const A = {
  signature: 'dev.cosignproject.cosign/signature',
  certificate: 'dev.sigstore.cosign/certificate',
  chain: 'dev.sigstore.cosign/chain',
  bundle: 'dev.sigstore.cosign/bundle'
}

/** The tag cosign keeps a manifest's signatures (`sig`) or attestations (`att`) under. */
export function legacySignatureTag(digest: string, kind: 'sig' | 'att' = 'sig'): string {
  return `${digest.replace(':', '-')}.${kind}`
}

interface RekorBundle {
  SignedEntryTimestamp?: string
  Payload?: { body?: string; integratedTime?: number; logIndex?: number; logID?: string }
}

/** Who issued a legacy layer's signing certificate; none for a key pair's signature. */
export function legacyIssuerOrganization(annotations: Record<string, string>): string | undefined {
  const certificate = annotations[A.certificate]
  return certificate ? issuerOrganization(certificate) : undefined
}

/** The Rekor entry cosign stored in the `bundle` annotation, as a bundle's tlog entry. */
function tlogEntry(text: string): object {
  const rekor = JSON.parse(text) as RekorBundle
  const p = rekor.Payload
  if (!p?.body || !rekor.SignedEntryTimestamp || p.logID === undefined)
    throw new Error('its Rekor bundle annotation lacks a body, log ID or signed entry timestamp')
  const body = JSON.parse(Buffer.from(p.body, 'base64').toString('utf8')) as {
    kind?: string
    apiVersion?: string
  }
  return {
    logIndex: String(p.logIndex ?? 0),
    logId: { keyId: Buffer.from(p.logID, 'hex').toString('base64') },
    kindVersion: { kind: body.kind ?? '', version: body.apiVersion ?? '' },
    integratedTime: String(p.integratedTime ?? 0),
    inclusionPromise: { signedEntryTimestamp: rekor.SignedEntryTimestamp },
    canonicalizedBody: p.body
  }
}

/** The certificate (or key) and log entry of a legacy layer, as a bundle's verification material. */
function materialOf(annotations: Record<string, string>): Record<string, unknown> {
  const certificate = annotations[A.certificate]
  const chain =
    (annotations[A.chain] ?? '').match(
      /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g
    ) ?? []
  const material: Record<string, unknown> = {
    tlogEntries: annotations[A.bundle] ? [tlogEntry(annotations[A.bundle])] : []
  }
  if (certificate)
    material.x509CertificateChain = {
      certificates: [certificate, ...chain].map(c => ({
        rawBytes: pem.toDER(c).toString('base64')
      }))
    }
  else material.publicKey = { hint: '' }
  return material
}

/** A legacy signature layer as the bundle v0.1 it amounts to. */
export function legacyBundle(annotations: Record<string, string>, payload: Uint8Array): unknown {
  const signature = annotations[A.signature]
  if (!signature) throw new Error(`its layer has no ${A.signature} annotation`)
  const material = materialOf(annotations)
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
    verificationMaterial: material,
    messageSignature: {
      messageDigest: {
        algorithm: 'SHA2_256',
        digest: createHash('sha256').update(payload).digest('base64')
      },
      signature
    }
  }
}

/** Verifies one legacy signature layer for `digests`; throws saying why not. */
export function verifyLegacySignature(
  annotations: Record<string, string>,
  payload: Uint8Array,
  digests: string[],
  trust: TrustRoot
): VerifiedBundle {
  let bundle
  try {
    bundle = bundleFromJSON(legacyBundle(annotations, payload))
  } catch (e) {
    throw new Error(`not a cosign signature this can read (${(e as Error).message})`)
  }
  const signed = verifySigned(bundle, trust, Buffer.from(payload))
  let named: unknown
  try {
    const json = JSON.parse(Buffer.from(payload).toString('utf8')) as {
      critical?: { image?: Record<string, unknown> }
    }
    named = json.critical?.image?.['docker-manifest-digest']
  } catch {
    named = undefined
  }
  if (typeof named !== 'string' || !digests.includes(named))
    throw new Error(
      `its payload signs ${typeof named === 'string' ? named : 'no digest'}, not ${digests.join(' or ')}`
    )
  return { ...signed, predicateType: SIMPLE_SIGNING_KIND }
}

/**
 * A legacy attestation layer (`.att`): its payload is the DSSE envelope itself, so it becomes a
 * DSSE bundle v0.1, verified as referrer bundles are (src/attestations/sigstore.ts).
 */
export function legacyAttestationBundle(
  annotations: Record<string, string>,
  payload: Uint8Array
): unknown {
  let envelope: unknown
  try {
    envelope = JSON.parse(Buffer.from(payload).toString('utf8'))
  } catch {
    throw new Error('its layer is not a DSSE envelope (not JSON)')
  }
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
    verificationMaterial: materialOf(annotations),
    dsseEnvelope: envelope
  }
}
