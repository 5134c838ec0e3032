import { DigestGateError } from './errors.js'
import { type Json, isObject } from './json-shape.js'
import { digestProblem } from './reference.js'
import { type Platform, platformFromJson, platformProblem } from './platform.js'

/**
 * Media types, parsing and classification of manifest bodies, and the digest rules.
 * Specs: OCI image-spec (manifest.md, image-index.md, descriptor.md), Docker's
 * manifest-v2-2.md and manifest-v2-1.md. Pure.
 */
export const MediaTypes = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  schema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  schema1: 'application/vnd.docker.distribution.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json'
} as const

/**
 * Every manifest type we understand, for `Accept` on both HEAD and GET. Leaving out the
 * Docker list type makes distribution silently answer with the linux/amd64 child.
 */
export const MANIFEST_ACCEPT = [
  MediaTypes.ociIndex,
  MediaTypes.dockerList,
  MediaTypes.ociManifest,
  MediaTypes.dockerManifest,
  MediaTypes.schema1Signed,
  MediaTypes.schema1
].join(', ')

const INDEX_TYPES = new Set<string>([MediaTypes.ociIndex, MediaTypes.dockerList])
const IMAGE_TYPES = new Set<string>([MediaTypes.ociManifest, MediaTypes.dockerManifest])
const SCHEMA1_TYPES = new Set<string>([MediaTypes.schema1Signed, MediaTypes.schema1])
/** Content types that say nothing about which manifest this is; the body's shape decides. */
const GENERIC_TYPES = new Set(['', 'application/json', 'text/plain', 'application/octet-stream'])

/** Annotation BuildKit puts on attestation manifests in an index (buildkit docs/attestations). */
export const REFERENCE_TYPE_ANNOTATION = 'vnd.docker.reference.type'
export const REFERENCE_DIGEST_ANNOTATION = 'vnd.docker.reference.digest'
/** The empty tar that schema 1 uses for history entries without a layer. */
export const EMPTY_LAYER_DIGEST =
  'sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4'

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: Platform
  /** Set instead of `platform` when the entry's platform breaks containerd's grammar. */
  platformProblem?: string
  annotations?: Record<string, string>
  artifactType?: string
  urls?: string[]
}

export interface IndexManifest {
  kind: 'index'
  mediaType: string
  manifests: Descriptor[]
  annotations?: Record<string, string>
  subject?: Descriptor
  artifactType?: string
}

export interface ImageManifest {
  kind: 'image'
  mediaType: string
  config: Descriptor
  layers: Descriptor[]
  annotations?: Record<string, string>
  subject?: Descriptor
  artifactType?: string
}

export interface Schema1Manifest {
  kind: 'schema1'
  mediaType: string
  name?: string
  tag?: string
  platform: Platform | null
  /** Layer blob digests bottom-first, the empty throwaway layers left out. */
  layers: string[]
  signed: boolean
}

export type Manifest = IndexManifest | ImageManifest | Schema1Manifest

export function isIndexType(mediaType: string): boolean {
  return INDEX_TYPES.has(mediaType)
}

export function isImageType(mediaType: string): boolean {
  return IMAGE_TYPES.has(mediaType)
}

export function isSchema1Type(mediaType: string): boolean {
  return SCHEMA1_TYPES.has(mediaType)
}

/** `application/json; charset=utf-8` → `application/json`. */
export function stripParameters(contentType: string | undefined | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase()
}

export function bad(message: string): DigestGateError {
  return new DigestGateError('invalid-manifest', message)
}

// The manifest readers (digest.ts, attestations/, cached-source.ts) take them from here.
export { type Json, isObject } from './json-shape.js'

/** A manifest body as a JSON object; `invalid-manifest` otherwise. */
export function parseJson(body: Uint8Array): Json {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(body).toString('utf8'))
  } catch (e) {
    throw bad(`manifest is not valid JSON (${(e as Error).message})`)
  }
  if (!isObject(value)) throw bad('manifest is not a JSON object')
  return value
}

function stringMap(v: unknown, where: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined
  if (!isObject(v) || !Object.values(v).every(s => typeof s === 'string')) {
    throw bad(`${where} must be an object of strings`)
  }
  return v as Record<string, string>
}

/** Validates one descriptor (descriptor.md): mediaType, a well-formed digest, a size ≥ 0. */
export function parseDescriptor(v: unknown, where: string): Descriptor {
  if (!isObject(v)) throw bad(`${where} is not an object`)
  const { mediaType, digest, size } = v
  if (typeof mediaType !== 'string' || !mediaType) throw bad(`${where}.mediaType is missing`)
  if (typeof digest !== 'string') throw bad(`${where}.digest is missing`)
  const problem = digestProblem(digest)
  if (problem) throw bad(`${where}.digest is invalid: ${problem}`)
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw bad(`${where}.size must be a non-negative integer, got ${JSON.stringify(size)}`)
  }
  const d: Descriptor = { mediaType, digest, size }
  if (v.platform !== undefined) {
    const platform = platformFromJson(v.platform)
    if (!platform) throw bad(`${where}.platform needs os and architecture`)
    // A platform no client could name is an entry to skip, never a key in the outputs.
    const problem = platformProblem(platform)
    if (problem) d.platformProblem = problem
    else d.platform = platform
  }
  const annotations = stringMap(v.annotations, `${where}.annotations`)
  if (annotations) d.annotations = annotations
  if (typeof v.artifactType === 'string') d.artifactType = v.artifactType
  if (Array.isArray(v.urls)) d.urls = v.urls.filter((u): u is string => typeof u === 'string')
  return d
}

function shapeOf(json: Json): 'index' | 'image' | 'schema1' | null {
  if (json.schemaVersion === 1) return 'schema1'
  if (Array.isArray(json.manifests)) return 'index'
  if (Array.isArray(json.layers) || isObject(json.config)) return 'image'
  return null
}

const SHAPE_NAMES = {
  index: 'an index',
  image: 'an image manifest',
  schema1: 'a schema 1 manifest'
} as const

function kindOfType(mediaType: string): 'index' | 'image' | 'schema1' | null {
  if (isIndexType(mediaType)) return 'index'
  if (isImageType(mediaType)) return 'image'
  if (isSchema1Type(mediaType)) return 'schema1'
  return null
}

/**
 * Parses and classifies a manifest body. The Content-Type decides when it names a manifest
 * type; a generic or missing one leaves it to the body's `mediaType`, then to its shape
 * (registry-notes §2). A body that contradicts its Content-Type is an error, not a guess.
 */
export function parseManifest(body: Uint8Array, contentType?: string | null): Manifest {
  const json = parseJson(body)
  const header = stripParameters(contentType)
  const declared = typeof json.mediaType === 'string' ? json.mediaType : undefined
  const shape = shapeOf(json)

  let mediaType: string
  if (!GENERIC_TYPES.has(header)) {
    if (declared && declared !== header && !(isSchema1Type(header) && isSchema1Type(declared))) {
      throw bad(`manifest says mediaType '${declared}' but was served as '${header}'`)
    }
    mediaType = header
  } else if (declared) {
    mediaType = declared
  } else if (shape === 'schema1') {
    mediaType = hasSignatures(json) ? MediaTypes.schema1Signed : MediaTypes.schema1
  } else if (shape === 'index') {
    mediaType = MediaTypes.ociIndex
  } else if (shape === 'image') {
    mediaType = MediaTypes.ociManifest
  } else {
    throw bad('manifest has neither manifests, layers nor schemaVersion 1; it is not an image')
  }

  const kind = kindOfType(mediaType)
  if (!kind)
    throw new DigestGateError(
      'unsupported',
      `manifest media type '${mediaType}' is not one digest-gate reads`
    )
  if (shape && shape !== kind)
    throw bad(`manifest of type '${mediaType}' has the shape of ${SHAPE_NAMES[shape]}`)

  switch (kind) {
    case 'index':
      return parseIndex(json, mediaType)
    case 'image':
      return parseImage(json, mediaType)
    case 'schema1':
      return parseSchema1(json, mediaType)
  }
}

function commonFields(json: Json): Pick<IndexManifest, 'annotations' | 'subject' | 'artifactType'> {
  const out: Pick<IndexManifest, 'annotations' | 'subject' | 'artifactType'> = {}
  const annotations = stringMap(json.annotations, 'annotations')
  if (annotations) out.annotations = annotations
  if (json.subject !== undefined) out.subject = parseDescriptor(json.subject, 'subject')
  if (typeof json.artifactType === 'string') out.artifactType = json.artifactType
  return out
}

function parseIndex(json: Json, mediaType: string): IndexManifest {
  if (json.schemaVersion !== 2)
    throw bad(`index schemaVersion must be 2, got ${JSON.stringify(json.schemaVersion)}`)
  if (!Array.isArray(json.manifests)) throw bad('index has no manifests array')
  const manifests = json.manifests.map((m, i) => parseDescriptor(m, `manifests[${i}]`))
  return { kind: 'index', mediaType, manifests, ...commonFields(json) }
}

function parseImage(json: Json, mediaType: string): ImageManifest {
  if (json.schemaVersion !== 2)
    throw bad(`manifest schemaVersion must be 2, got ${JSON.stringify(json.schemaVersion)}`)
  const config = parseDescriptor(json.config, 'config')
  if (!Array.isArray(json.layers)) throw bad('manifest has no layers array')
  const layers = json.layers.map((l, i) => parseDescriptor(l, `layers[${i}]`))
  return { kind: 'image', mediaType, config, layers, ...commonFields(json) }
}

/** Schema 1 JWS signatures present (manifest-v2-1.md "Signed manifests"). */
export function hasSignatures(json: Json): boolean {
  return Array.isArray(json.signatures) && json.signatures.length > 0
}

/**
 * Schema 1 (manifest-v2-1.md): fsLayers[0] is the top layer, history[i].v1Compatibility holds
 * the v1 config as a JSON string (Alibaba's API shows it as an object; both are accepted).
 */
function parseSchema1(json: Json, mediaType: string): Schema1Manifest {
  if (!Array.isArray(json.fsLayers)) throw bad('schema 1 manifest has no fsLayers array')
  const history = Array.isArray(json.history) ? json.history : []
  const layers: string[] = []
  json.fsLayers.forEach((l, i) => {
    if (!isObject(l) || typeof l.blobSum !== 'string')
      throw bad(`fsLayers[${i}].blobSum is missing`)
    const problem = digestProblem(l.blobSum)
    if (problem) throw bad(`fsLayers[${i}].blobSum is invalid: ${problem}`)
    const v1 = v1Compatibility(history[i], i)
    if (v1?.throwaway === true || l.blobSum === EMPTY_LAYER_DIGEST) return
    layers.push(l.blobSum)
  })
  layers.reverse()
  const top = v1Compatibility(history[0], 0)
  const stated = platformFromJson({
    os: top?.os ?? 'linux',
    architecture: top?.architecture ?? json.architecture
  })
  const platform = stated && !platformProblem(stated) ? stated : null
  const out: Schema1Manifest = {
    kind: 'schema1',
    mediaType,
    platform,
    layers,
    signed: hasSignatures(json)
  }
  if (typeof json.name === 'string') out.name = json.name
  if (typeof json.tag === 'string') out.tag = json.tag
  return out
}

function v1Compatibility(entry: unknown, i: number): Json | undefined {
  if (!isObject(entry)) return undefined
  const v = entry.v1Compatibility
  if (isObject(v)) return v
  if (typeof v !== 'string') return undefined
  try {
    const parsed: unknown = JSON.parse(v)
    return isObject(parsed) ? parsed : undefined
  } catch {
    throw bad(`history[${i}].v1Compatibility is not valid JSON`)
  }
}

export function isAttestation(d: Descriptor): boolean {
  return d.annotations?.[REFERENCE_TYPE_ANNOTATION] === 'attestation-manifest'
}

/** Reads os/architecture/variant/os.version from an image config blob (image-spec config.md). */
export function platformFromConfig(body: Uint8Array): Platform | null {
  let json: Json
  try {
    json = parseJson(body)
  } catch {
    throw bad('image config is not valid JSON')
  }
  return platformFromJson(json)
}

/** `unknown/unknown`: what BuildKit gives attestation manifests, and never a real platform. */
export function isAttestationPlatform(p: Platform | undefined): boolean {
  return p?.os === 'unknown' && p.architecture === 'unknown'
}
