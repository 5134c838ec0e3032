import { DigestGateError, errorMessage, isDigestGateError, type ErrorKind } from './errors.js'
import {
  type Descriptor,
  type Manifest,
  MediaTypes,
  computeDigest,
  REFERENCE_DIGEST_ANNOTATION,
  isAttestation,
  isAttestationPlatform,
  isImageType,
  isIndexType,
  isSchema1Type,
  digestedContent,
  verifyManifestDigest,
  parseManifest,
  platformFromConfig,
  stripParameters
} from './manifest.js'
import { type Platform, formatPlatform, normalizePlatform } from './platform.js'
import { type ImageReference, digestProblem, formatName } from './reference.js'
import type { FetchedManifest, Source } from './sources/source.js'

/**
 * Tag → index → platforms → layers, over any Source. Every manifest is verified against its
 * digest here, once, whatever the source. Never throws for an expected failure: the record
 * carries the error so the other images keep their results.
 */

export interface LayerRecord {
  digest: string
  size: number
  mediaType: string
  /** Set by verify-blobs: the host that served it, and what it said its size was. */
  servedBy?: string
  storedSize?: number
  problem?: string
}

export interface PlatformRecord {
  /** Normalised key: `os(os.version)/arch[/variant]`. */
  platform: string
  digest: string | null
  mediaType: string | null
  layers: number | null
  size: number | null
  /** Config blob digest (schema 1 has none). */
  config?: string | null
  layerList?: LayerRecord[]
  annotations?: Record<string, string>
  /** Digests of attestation manifests that name this platform's manifest. */
  attestations?: string[]
  /** The platform as the index or config stated it, before normalisation. */
  declared?: Platform
}

export interface ImageError {
  kind: ErrorKind
  message: string
  registry?: string
  code?: string
}

export interface ImageRecord {
  /** The image exactly as given, trimmed. */
  image: string
  ref: string | null
  digest: string | null
  mediaType: string | null
  platforms: PlatformRecord[]
  attestations: number
  missing: string[]
  error: string | null
  errorDetail?: ImageError
  /** Things skipped or worth knowing that are not errors. */
  notes: string[]
  annotations?: Record<string, string>
  /** Which source answered (`registry`, `oci-layout`, `docker`), and why figures are null if so. */
  source?: string
  /** Hosts that served layer blobs (verify-blobs, schema 1). */
  blobHosts?: string[]
}

export interface ResolveOptions {
  /** Nested index depth allowed below the top (OCI allows nesting; cycles are refused). */
  maxDepth?: number
  /** HEAD every layer and check its size. */
  verifyBlobs?: boolean
  /** Shared across images of one run so identical manifests are fetched once. */
  cache?: Map<string, Promise<FetchedManifest>>
  /** How much to read: see settings.ts `Detail`. Default `layers`. */
  detail?: 'layers' | 'platforms' | 'digest'
}

const CONFIG_CAP = 4 * 1024 * 1024

interface Walk {
  ref: ImageReference
  repository: string
  source: Source
  options: ResolveOptions
  record: ImageRecord
  /** Index entries seen so far, against MAX_ENTRIES. */
  entries: number
  /** One walk per child digest, however often indexes repeat it. */
  children: Map<string, Promise<Found>>
}

/** Far more platforms than any real image has; a hostile index must not exhaust memory. */
const MAX_ENTRIES = 1000

export function emptyRecord(image: string): ImageRecord {
  return {
    image,
    ref: null,
    digest: null,
    mediaType: null,
    platforms: [],
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  }
}

export function failRecord(record: ImageRecord, e: unknown, image: string): ImageRecord {
  const message = errorMessage(e)
  const detail: ImageError = isDigestGateError(e)
    ? { kind: e.kind, message, registry: e.registry, code: e.code }
    : { kind: 'registry-error', message }
  return { ...record, platforms: [], error: `${image}: ${message}`, errorDetail: detail }
}

/** Resolves one image reference to its record. */
export async function resolveImage(
  ref: ImageReference,
  source: Source,
  options: ResolveOptions = {}
): Promise<ImageRecord> {
  const record = emptyRecord(ref.image)
  record.ref = formatName(ref)
  record.source = ref.kind === 'oci-layout' ? 'oci-layout' : 'registry'
  const repository = ref.kind === 'registry' ? ref.repository : ''
  const walk: Walk = { ref, repository, source, options, record, entries: 0, children: new Map() }
  try {
    const reference = ref.digest ?? ref.tag ?? 'latest'
    // A HEAD refused as such (405) falls through to the GET below, as registry-notes §2 says.
    const head =
      options.detail === 'digest' && source.headManifest
        ? await source.headManifest(repository, reference).catch((e: unknown) => {
            if (isDigestGateError(e) && e.status === 405) return undefined
            throw e
          })
        : undefined
    if (head) {
      const digest = ref.digest ?? head.digest
      if (digest && !digestProblem(digest)) {
        record.digest = digest
        record.mediaType = stripParameters(head.contentType) || null
        record.notes.push(
          'detail: digest: the digest is what the registry stated in answer to a HEAD; no manifest was read, so no platforms are listed and nothing was verified'
        )
        return record
      }
      // No usable Docker-Content-Digest: read the manifest after all, and verify it.
    }
    const top = await fetchVerified(walk, reference, ref.digest)
    record.digest = top.digest
    record.mediaType = top.manifest.mediaType
    if (top.manifest.kind !== 'schema1' && top.manifest.annotations)
      record.annotations = top.manifest.annotations
    collect(
      record,
      await visit(walk, top.manifest, top.digest, undefined, 0, new Set([top.digest]))
    )
    if (options.detail === 'platforms' && record.platforms.some(p => p.layers === null)) {
      record.notes.push('detail: platforms: layer counts and sizes were not read')
    }
    if (options.verifyBlobs) await verifyBlobs(walk)
    return record
  } catch (e) {
    return failRecord(record, e, ref.image)
  }
}

async function fetchVerified(
  walk: Walk,
  reference: string,
  expected: string | undefined
): Promise<{ manifest: Manifest; digest: string }> {
  const { source, repository, options } = walk
  const key = `${source.label}/${repository}@${reference}`
  let pending = options.cache?.get(key)
  if (!pending) {
    pending = source.fetchManifest(repository, reference)
    options.cache?.set(key, pending)
  }
  const fetched = await pending
  // Only the bytes the digest covers are parsed (a signed schema 1 body carries more).
  const content = expected
    ? verifyManifestDigest(fetched.body, expected)
    : digestedContent(fetched.body)
  const digest =
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
  let manifest: Manifest
  try {
    manifest = parseManifest(content, fetched.contentType)
  } catch (e) {
    if (isDigestGateError(e))
      throw new DigestGateError(e.kind, `${source.label} ${digest}: ${e.message}`, {
        registry: source.label
      })
    throw e
  }
  if (manifest.kind === 'schema1' && content !== fetched.body) manifest.signed = true
  return { manifest, digest }
}

/** What one manifest contributes, in index order, so records are the same run after run. */
interface Found {
  platforms: PlatformRecord[]
  attestations: { digest: string; target?: string }[]
  notes: string[]
}

async function visit(
  walk: Walk,
  manifest: Manifest,
  digest: string,
  entry: Descriptor | undefined,
  depth: number,
  seen: Set<string>
): Promise<Found> {
  const found: Found = { platforms: [], attestations: [], notes: [] }
  if (manifest.kind === 'index') {
    if (manifest.manifests.length === 0) found.notes.push(`index ${digest} lists no manifests`)
    walk.entries += manifest.manifests.length
    if (walk.entries > MAX_ENTRIES) {
      throw new DigestGateError(
        'invalid-manifest',
        `index ${digest} brings the entries walked past ${MAX_ENTRIES}; refusing to go on`
      )
    }
    // Children in parallel once the index is known; the HTTP layer bounds concurrency. A digest
    // listed twice is walked once.
    const children = await Promise.all(
      manifest.manifests.map(child => {
        let pending = walk.children.get(child.digest)
        if (!pending) {
          pending = visitChild(walk, child, digest, depth, seen)
          walk.children.set(child.digest, pending)
          return pending
        }
        return pending.then(() => ({ platforms: [], attestations: [], notes: [] }))
      })
    )
    for (const c of children) {
      found.platforms.push(...c.platforms)
      found.attestations.push(...c.attestations)
      found.notes.push(...c.notes)
    }
    return found
  }

  if (manifest.kind === 'schema1') {
    const sizes = await Promise.all(
      manifest.layers.map(l => walk.source.locateBlob(walk.repository, l))
    )
    const layerList = manifest.layers.map((d, i) => ({
      digest: d,
      size: sizes[i].size,
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      servedBy: sizes[i].servedBy
    }))
    addBlobHosts(
      walk.record,
      sizes.map(s => s.servedBy)
    )
    found.platforms.push(
      platformRecord({
        declared: entry?.platform ?? manifest.platform ?? undefined,
        digest,
        mediaType: manifest.mediaType,
        config: null,
        layerList
      })
    )
    found.notes.push(`${digest} is a legacy schema 1 manifest; sizes come from blob Content-Length`)
    return found
  }

  let declared = entry?.platform
  if (!declared) {
    // A single manifest, or an index entry without a platform: the config says what it is.
    const config = await walk.source.fetchBlob(walk.repository, manifest.config.digest, CONFIG_CAP)
    const actual = computeDigest(
      config,
      manifest.config.digest.startsWith('sha512:') ? 'sha512' : 'sha256'
    )
    if (actual !== manifest.config.digest) {
      throw new DigestGateError(
        'integrity',
        `config blob ${manifest.config.digest} hashes to ${actual}`
      )
    }
    declared = isImageConfig(manifest.config.mediaType)
      ? (platformFromConfig(config) ?? undefined)
      : undefined
    if (!declared) {
      found.notes.push(
        `skipped ${digest}: not an image for a platform (config ${manifest.config.mediaType})`
      )
      return found
    }
  }
  found.platforms.push(
    platformRecord({
      declared,
      digest,
      mediaType: manifest.mediaType,
      config: manifest.config.digest,
      layerList: manifest.layers.map(l => ({
        digest: l.digest,
        size: l.size,
        mediaType: l.mediaType
      })),
      annotations: manifest.annotations
    })
  )
  return found
}

async function visitChild(
  walk: Walk,
  child: Descriptor,
  parent: string,
  depth: number,
  seen: Set<string>
): Promise<Found> {
  const skip = (why: string): Found => ({
    platforms: [],
    attestations: [],
    notes: [`skipped ${child.digest}: ${why}`]
  })
  if (isAttestation(child)) {
    return {
      platforms: [],
      attestations: [
        { digest: child.digest, target: child.annotations?.[REFERENCE_DIGEST_ANNOTATION] }
      ],
      notes: []
    }
  }
  if (isAttestationPlatform(child.platform)) {
    return skip('platform unknown/unknown is not an image for a platform')
  }
  if (child.artifactType) return skip(`artifact ${child.artifactType}`)
  const maxDepth = walk.options.maxDepth ?? 4
  if (isIndexType(child.mediaType)) {
    if (seen.has(child.digest)) {
      throw new DigestGateError(
        'invalid-manifest',
        `index ${parent} refers back to ${child.digest} (a cycle)`
      )
    }
    if (depth + 1 > maxDepth) {
      throw new DigestGateError(
        'invalid-manifest',
        `indexes nested deeper than ${maxDepth} levels at ${child.digest}`
      )
    }
  } else if (!isImageType(child.mediaType) && !isSchema1Type(child.mediaType)) {
    return skip(`media type ${child.mediaType} is not an image manifest`)
  }
  if (
    walk.options.detail &&
    walk.options.detail !== 'layers' &&
    child.platform &&
    !isIndexType(child.mediaType)
  ) {
    // The index states platform and digest; only layer counts and sizes need the manifest.
    const platform = platformRecord({
      declared: child.platform,
      digest: child.digest,
      mediaType: child.mediaType,
      config: undefined,
      layerList: null
    })
    return { platforms: [platform], attestations: [], notes: [] }
  }
  const m = await fetchChild(walk, child)
  return visit(walk, m, child.digest, child, depth + 1, new Set([...seen, child.digest]))
}

function isImageConfig(mediaType: string): boolean {
  return mediaType === MediaTypes.ociConfig || mediaType === MediaTypes.dockerConfig
}

async function fetchChild(walk: Walk, child: Descriptor): Promise<Manifest> {
  const { manifest } = await fetchVerified(walk, child.digest, child.digest)
  const sameKind =
    manifest.mediaType === child.mediaType ||
    (isSchema1Type(manifest.mediaType) && isSchema1Type(child.mediaType))
  if (!sameKind) {
    throw new DigestGateError(
      'invalid-manifest',
      `index entry ${child.digest} says ${child.mediaType} but the manifest is ${manifest.mediaType}`
    )
  }
  return manifest
}

function addBlobHosts(record: ImageRecord, hosts: string[]): void {
  record.blobHosts = [...new Set([...(record.blobHosts ?? []), ...hosts])]
}

function platformRecord(p: {
  declared?: Platform
  digest: string
  mediaType: string
  /** Undefined: not read (detail: platforms); null: the manifest has none (schema 1). */
  config: string | null | undefined
  /** Null when the manifest was not read, so layer count and size are unknown. */
  layerList: LayerRecord[] | null
  annotations?: Record<string, string>
}): PlatformRecord {
  const out: PlatformRecord = {
    platform: p.declared ? formatPlatform(normalizePlatform(p.declared)) : 'unknown',
    digest: p.digest,
    mediaType: p.mediaType,
    layers: p.layerList ? p.layerList.length : null,
    size: p.layerList ? p.layerList.reduce((sum, l) => sum + l.size, 0) : null
  }
  if (p.config !== undefined) out.config = p.config
  if (p.layerList) out.layerList = p.layerList
  if (p.annotations) out.annotations = p.annotations
  if (p.declared) out.declared = p.declared
  return out
}

/** Same manifest reached twice (nested indexes) counts once; a key claimed twice is noted. */
function collect(record: ImageRecord, found: Found): void {
  for (const p of found.platforms) {
    if (record.platforms.some(e => e.platform === p.platform && e.digest === p.digest)) continue
    if (record.platforms.some(e => e.platform === p.platform)) {
      record.notes.push(`platform ${p.platform} appears more than once; ${p.digest} also claims it`)
    }
    record.platforms.push(p)
  }
  record.attestations += found.attestations.length
  for (const a of found.attestations) {
    const target = record.platforms.find(p => p.digest === a.target)
    if (target) (target.attestations ??= []).push(a.digest)
  }
  record.notes.push(...found.notes)
}

async function verifyBlobs(walk: Walk): Promise<void> {
  const { record, source, repository } = walk
  const checks = record.platforms.flatMap(p => p.layerList ?? [])
  const hosts = await Promise.all(
    checks.map(async layer => {
      try {
        const where = await source.locateBlob(repository, layer.digest)
        layer.servedBy = where.servedBy
        layer.storedSize = where.size
        if (where.size !== layer.size)
          layer.problem = `store says ${where.size} bytes, manifest says ${layer.size}`
        return where.servedBy
      } catch (e) {
        layer.problem = errorMessage(e)
        return undefined
      }
    })
  )
  addBlobHosts(
    record,
    hosts.filter((h): h is string => !!h)
  )
  for (const p of record.platforms) {
    for (const l of p.layerList ?? []) {
      if (l.problem) record.notes.push(`layer ${l.digest} of ${p.platform}: ${l.problem}`)
    }
  }
}
