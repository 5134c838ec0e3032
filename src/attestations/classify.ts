import type { AttachedFormat, AttachedKind } from '../model/record.js'
import {
  type Descriptor,
  type ImageManifest,
  type IndexManifest,
  REFERENCE_DIGEST_ANNOTATION,
  isAttestation,
  stripParameters
} from '../model/manifest.js'
import {
  AttachedMediaTypes,
  GENERIC_CONFIG_TYPES,
  IN_TOTO_LAYER_TYPES,
  type TypeRule,
  isSigstoreBundleType,
  ruleFor
} from './artifact-types.js'
import { classifyPredicateType } from './predicate-types.js'

/**
 * What is attached to an image: BuildKit attestation manifests inside an index and OCI 1.1
 * referrers (signatures, sigstore bundles, SBOMs, in-toto attestations), named by kind so a
 * policy can ask for `provenance`, `sbom`, `signature` or `vex`. Pure: the caller fetches, this
 * module only reads what was fetched and says what to read next (`needs`).
 *
 * Sources: moby/buildkit docs/attestations/attestation-storage.md; in-toto/attestation
 * spec/predicates; opencontainers/image-spec manifest.md (artifactType, empty descriptor);
 * opencontainers/distribution-spec spec.md "Listing Referrers"; sigstore/cosign
 * specs/BUNDLE_SPEC.md and its OCI 1.1 media types; notaryproject/specifications
 * specs/signature-specification.md "OCI Signatures".
 */

export interface Classification {
  kind: AttachedKind
  format: AttachedFormat
  /** The media type that decided: artifactType, else config media type, else a layer's. */
  mediaType: string
  /** The in-toto predicate type, when known. */
  predicateType?: string
  /** For people: `SLSA provenance v1 (sigstore bundle)`, `notation signature`. */
  name: string
  /**
   * The format wraps its content in a signature envelope (DSSE, sigstore bundle, cosign, JWS or
   * COSE). Says nothing about whether that signature verifies; digest-gate does not verify.
   */
  signed: boolean
  /**
   * Where to look to learn more: the artifact manifest (GET it by the referrer's digest, then
   * classifyArtifactManifest), or a blob (`layer`, then classifyStatementBlob). Absent when
   * nothing more can be learnt.
   */
  needs?: 'manifest' | 'blob'
  /** With `needs: 'blob'`: the layer whose content names the predicate. */
  layer?: Descriptor
}

/** The attachment kinds a policy may require, in the order they are reported. */
export const ATTESTATION_REQUIREMENTS = ['provenance', 'sbom', 'signature', 'vex'] as const
export type AttestationRequirement = (typeof ATTESTATION_REQUIREMENTS)[number]

/** BuildKit's layer annotation (attestation-storage.md "Attestation Manifest"). */
const PREDICATE_TYPE_ANNOTATION = 'in-toto.io/predicate-type'
/** What cosign puts on DSSE attestation layers (cosign cmd/cosign/cli/attest/attest.go). */
const COSIGN_PREDICATE_ANNOTATION = 'predicateType'
/** Sigstore bundle manifest annotations (cosign specs/BUNDLE_SPEC.md "Annotations"). */
const BUNDLE_PREDICATE_ANNOTATION = 'dev.sigstore.bundle.predicateType'
const BUNDLE_CONTENT_ANNOTATION = 'dev.sigstore.bundle.content'

/** A predicate type stated in annotations, under any of the keys producers use. */
function statedPredicate(annotations: Record<string, string> | undefined): string | undefined {
  const value =
    annotations?.[PREDICATE_TYPE_ANNOTATION] ??
    annotations?.[BUNDLE_PREDICATE_ANNOTATION] ??
    annotations?.[COSIGN_PREDICATE_ANNOTATION]
  return value?.trim() ? value.trim() : undefined
}

const FORMAT_LABELS: Partial<Record<AttachedFormat, string>> = {
  buildkit: 'BuildKit',
  dsse: 'DSSE',
  'sigstore-bundle': 'sigstore bundle',
  cosign: 'cosign'
}

/** Refines an attestation-kind rule by its predicate type. */
function withPredicate(rule: TypeRule, mediaType: string, predicateType: string): Classification {
  return applyPredicate(fromRule(rule, mediaType), predicateType)
}

/**
 * A classification finished by the predicate type its statement names: kind and name from
 * classifyPredicateType, `needs` and `layer` dropped. For classifyStatementBlob and callers that
 * learnt the predicate elsewhere.
 */
export function applyPredicate(c: Classification, predicateType: string): Classification {
  const p = classifyPredicateType(predicateType)
  const label = FORMAT_LABELS[c.format]
  const done: Classification = {
    ...c,
    kind: p.kind,
    predicateType,
    name: label ? `${p.name} (${label})` : p.name
  }
  delete done.needs
  delete done.layer
  return done
}

function fromRule(rule: TypeRule, mediaType: string): Classification {
  return { kind: rule.kind, format: rule.format, mediaType, name: rule.name, signed: rule.signed }
}

function unknown(mediaType: string, needs?: 'manifest'): Classification {
  const c: Classification = {
    kind: 'other',
    format: 'unknown',
    mediaType,
    name: mediaType || '(no artifact type)',
    signed: false
  }
  if (needs) c.needs = needs
  return c
}

/** The type a referrer or artifact manifest declares: artifactType, else a telling config type. */
function declaredType(artifactType: string | undefined, configType?: string): string | undefined {
  if (artifactType?.trim() && !GENERIC_CONFIG_TYPES.has(stripParameters(artifactType))) {
    return artifactType.trim()
  }
  if (configType && !GENERIC_CONFIG_TYPES.has(stripParameters(configType))) return configType
  return undefined
}

/**
 * Classifies one entry of a referrers list (distribution-spec "Listing Referrers") or of a
 * referrers tag-schema index, from the descriptor alone: its `artifactType` (which a 1.1 registry
 * sets from the manifest's artifactType, else its config media type) and the annotations the
 * registry copied from the manifest. An unknown artifactType is `other`, never an error
 * (image-spec manifest.md: implementations MUST NOT error on an unknown artifactType). When the
 * descriptor cannot tell (an in-toto artifact without a predicate annotation, a generic config
 * type), `needs: 'manifest'` says to read the artifact manifest.
 */
export function classifyReferrer(d: Descriptor): Classification {
  const type = declaredType(d.artifactType)
  if (!type) return unknown(d.artifactType ?? '', 'manifest')
  const rule = ruleFor(type)
  if (!rule) return unknown(type)
  if (rule.kind !== 'attestation') return fromRule(rule, type)
  return (
    refineByAnnotations(rule, type, d.annotations) ?? { ...fromRule(rule, type), needs: 'manifest' }
  )
}

/** A sigstore bundle or in-toto artifact whose annotations already say what it holds. */
function refineByAnnotations(
  rule: TypeRule,
  mediaType: string,
  annotations: Record<string, string> | undefined
): Classification | undefined {
  if (
    rule.format === 'sigstore-bundle' &&
    annotations?.[BUNDLE_CONTENT_ANNOTATION] === 'message-signature'
  ) {
    return {
      kind: 'signature',
      format: 'sigstore-bundle',
      mediaType,
      name: 'signature (sigstore bundle)',
      signed: true
    }
  }
  if (rule.format === 'buildkit') return undefined
  const predicate = statedPredicate(annotations)
  return predicate ? withPredicate(rule, mediaType, predicate) : undefined
}

/** Layers that hold in-toto statements, bare, in DSSE, or in a sigstore bundle. */
function isStatementLayer(layer: Descriptor): boolean {
  const base = stripParameters(layer.mediaType)
  return IN_TOTO_LAYER_TYPES.has(base) || isSigstoreBundleType(base)
}

/**
 * Classifies one statement layer of an attestation manifest (BuildKit's, or an in-toto/DSSE
 * referrer's). A predicate annotation decides; without one the answer is `needs: 'blob'` with
 * that layer.
 */
function classifyLayer(layer: Descriptor, format: AttachedFormat, signed: boolean): Classification {
  const base = stripParameters(layer.mediaType)
  const own = ruleFor(layer.mediaType)
  const rule: TypeRule = {
    kind: 'attestation',
    // An in-toto artifact's DSSE or bundle layers are better named by what wraps them.
    format: format === 'in-toto' && own ? own.format : format,
    name: own?.name ?? 'attestation',
    signed: signed || base === AttachedMediaTypes.dsse || isSigstoreBundleType(base)
  }
  const predicate = statedPredicate(layer.annotations)
  if (predicate) return withPredicate(rule, layer.mediaType, predicate)
  return { ...fromRule(rule, layer.mediaType), needs: 'blob', layer }
}

export interface AttestationManifestReading {
  /** One per in-toto layer that names its predicate type in `in-toto.io/predicate-type`. */
  found: Classification[]
  /**
   * In-toto layers without the annotation, each `needs: 'blob'` with its `layer`: the blob must
   * be read (classifyStatementBlob) to learn the predicate.
   */
  unlabelled: Classification[]
  /** Layers of media types an attestation manifest may carry but this reader does not know. */
  ignored: Descriptor[]
}

/**
 * Reads a BuildKit attestation manifest (attestation-storage.md "Attestation Manifest"): each
 * in-toto layer's predicate type from its `in-toto.io/predicate-type` annotation, so one manifest
 * GET answers the question. Layers lacking it are listed in `unlabelled`, for the caller to fetch
 * and pass to classifyStatementBlob.
 */
export function readAttestationManifest(m: ImageManifest): AttestationManifestReading {
  const reading: AttestationManifestReading = { found: [], unlabelled: [], ignored: [] }
  for (const layer of m.layers) {
    if (!isStatementLayer(layer)) {
      reading.ignored.push(layer)
      continue
    }
    const c = classifyLayer(layer, 'buildkit', false)
    if (c.needs === 'blob') reading.unlabelled.push(c)
    else reading.found.push(c)
  }
  return reading
}

/**
 * Classifies an artifact manifest read by digest after classifyReferrer said `needs: 'manifest'`
 * (or any manifest with a `subject`). The type is its artifactType, else its config media type
 * unless that is generic (image-spec manifest.md "Guidelines for Artifact Usage"), else the first
 * layer media type this module knows. One artifact can hold several attestations (cosign puts
 * every DSSE attestation in one referrer), so the answer is a list, never empty.
 */
export function classifyArtifactManifest(m: ImageManifest | IndexManifest): Classification[] {
  const config = m.kind === 'image' ? m.config.mediaType : undefined
  const layers = m.kind === 'image' ? m.layers : []
  const type = declaredType(m.artifactType, config)
  const rule = type ? ruleFor(type) : undefined
  if (type && !rule) return [unknown(type)]
  if (type && rule && rule.kind !== 'attestation') return [fromRule(rule, type)]
  if (type && rule) {
    const stated = refineByAnnotations(rule, type, m.annotations)
    if (stated) return [stated]
    const perLayer = layers
      .filter(isStatementLayer)
      .map(l => classifyLayer(l, rule.format, rule.signed))
    if (perLayer.length) return perLayer
    return [{ ...fromRule(rule, type), name: `${rule.name} without statement layers` }]
  }
  // No telling type: a layer may still say (an SBOM pushed with a plain config, say).
  for (const layer of layers) {
    const layerRule = ruleFor(layer.mediaType)
    if (layerRule && layerRule.kind !== 'attestation') return [fromRule(layerRule, layer.mediaType)]
  }
  const perLayer = layers.filter(isStatementLayer).map(l => classifyLayer(l, 'in-toto', false))
  return perLayer.length ? perLayer : [unknown(m.artifactType ?? config ?? m.mediaType)]
}

/**
 * The attestation manifests an index lists for one platform manifest: entries with
 * `vnd.docker.reference.type: attestation-manifest` whose `vnd.docker.reference.digest` names it
 * (attestation-storage.md "Attestation Manifest Descriptor").
 */
export function attestationManifestsFor(
  index: IndexManifest,
  platformDigest: string
): Descriptor[] {
  return index.manifests.filter(
    d => isAttestation(d) && d.annotations?.[REFERENCE_DIGEST_ANNOTATION] === platformDigest
  )
}

const SATISFIES: Readonly<Record<AttestationRequirement, readonly AttachedKind[]>> = {
  provenance: ['provenance'],
  sbom: ['sbom'],
  signature: ['signature'],
  vex: ['vex']
}

/**
 * The required kinds nothing attached satisfies, in the order required (duplicates once).
 * `provenance` and `sbom` are met by a BuildKit attestation or a referrer alike, `signature` by
 * any signature format (cosign, notation, a sigstore message-signature bundle, cosign v3's
 * signing statement), `vex` by OpenVEX. Attestations whose predicate is still unknown
 * (`attestation`) and `other` satisfy nothing. A name outside ATTESTATION_REQUIREMENTS is the
 * policy parser's to reject; should one get here it is reported missing, never met.
 */
export function attestationKindsSatisfied(
  required: readonly string[],
  attached: readonly Classification[]
): string[] {
  const present = new Set<AttachedKind>(attached.map(c => c.kind))
  const missing: string[] = []
  for (const name of required) {
    if (missing.includes(name)) continue
    const kinds = Object.hasOwn(SATISFIES, name) ? SATISFIES[name as AttestationRequirement] : []
    if (!kinds.some(k => present.has(k))) missing.push(name)
  }
  return missing
}

/** Whether `name` is a kind a policy may require (for the policy parser's message). */
export function isAttestationRequirement(name: string): name is AttestationRequirement {
  return (ATTESTATION_REQUIREMENTS as readonly string[]).includes(name)
}
