import { computeDigest, digestedContent, verifyManifestDigest } from '../model/digest.js'
import { DigestGateError, errorMessage, isDigestGateError } from '../model/errors.js'
import { CONFIG_CAP } from '../model/limits.js'
import {
  type Descriptor,
  type Manifest,
  MediaTypes,
  REFERENCE_DIGEST_ANNOTATION,
  isAttestation,
  isAttestationPlatform,
  isImageType,
  isIndexType,
  isSchema1Type,
  parseManifest,
  platformFromConfig,
  stripParameters
} from '../model/manifest.js'
import {
  type Platform,
  formatPlatform,
  normalizePlatform,
  platformFromJson,
  platformProblem
} from '../model/platform.js'
import {
  type ImageRecord,
  type LayerRecord,
  type PlatformRecord,
  emptyRecord,
  failRecord
} from '../model/record.js'
import { type ImageReference, digestProblem, formatName } from '../model/reference.js'
import type { DescribedManifest, FetchedManifest, Source, SourceLimit } from '../sources/source.js'

/**
 * Tag → index → platforms → layers, over any Source. Every manifest is verified against its
 * digest here, once, whatever the source; whatever a source cannot supply is `null` with a
 * note saying why. Never throws for an expected failure: the record carries the error so the
 * other images keep their results.
 */

export interface ResolveOptions {
  /** Nested index depth allowed below the top (OCI allows nesting; cycles are refused). */
  maxDepth?: number
  /** HEAD every layer and check its size. */
  verifyBlobs?: boolean
  /** Shared across images of one run so identical manifests are fetched once. */
  cache?: Map<string, Promise<FetchedManifest | DescribedManifest>>
  /** How much to read: see settings.ts `Detail`. Default `layers`. */
  detail?: 'layers' | 'platforms' | 'digest'
}

interface Walk {
  ref: ImageReference
  repository: string
  /** `repository:reference`, naming the image in notes about what its source lacks. */
  subject: string
  source: Source
  options: ResolveOptions
  record: ImageRecord
  /** Index entries seen so far, against MAX_ENTRIES. */
  entries: number
  /** One walk per child digest, however often indexes repeat it. */
  children: Map<string, Promise<Found>>
  /** Which manifests each index lists, to refuse a cycle rather than wait on it forever. */
  listings: Map<string, Set<string>>
  /** Limits already explained in a note, so each is said once per image. */
  explained: Set<SourceLimit>
}

/** Far more platforms than any real image has; a hostile index must not exhaust memory. */
const MAX_ENTRIES = 1000

/** Resolves one image reference to its record. */
export async function resolveImage(
  ref: ImageReference,
  source: Source,
  options: ResolveOptions = {}
): Promise<ImageRecord> {
  const record = emptyRecord(ref.image)
  record.ref = formatName(ref)
  record.source = source.kind
  if (source.notes) record.notes.push(...source.notes)
  const repository = ref.kind === 'registry' ? ref.repository : ''
  const reference = ref.digest ?? ref.tag ?? 'latest'
  const walk: Walk = {
    ref,
    repository,
    subject: `${repository}${reference.includes(':') ? '@' : ':'}${reference}`,
    source,
    options,
    record,
    entries: 0,
    children: new Map(),
    listings: new Map(),
    explained: new Set()
  }
  try {
    if (options.detail === 'digest' && (await resolveByHead(walk, reference))) return record
    const answer = await fetchCached(walk, reference)
    if (answer.kind === 'described') {
      describe(walk, answer)
      return record
    }
    const top = verify(walk, answer, reference, ref.digest)
    record.digest = top.digest
    record.mediaType = top.manifest.mediaType
    if (top.manifest.kind !== 'schema1' && top.manifest.annotations)
      record.annotations = top.manifest.annotations
    const key = top.digest ?? reference
    collect(record, await visit(walk, top.manifest, top.digest, undefined, 0, new Set([key])))
    if (options.detail === 'platforms' && record.platforms.some(p => p.layers === null)) {
      record.notes.push('detail: platforms: layer counts and sizes were not read')
    }
    if (options.verifyBlobs) await verifyBlobs(walk)
    return record
  } catch (e) {
    return failRecord(record, e, ref.image)
  }
}

/**
 * `detail: digest`: one HEAD. True when it answered a usable digest; a HEAD refused as such
 * (405) or without Docker-Content-Digest leaves it to the GET, as registry-notes §2 says.
 */
async function resolveByHead(walk: Walk, reference: string): Promise<boolean> {
  const { source, repository, ref, record } = walk
  if (!source.headManifest) return false
  const head = await source.headManifest(repository, reference).catch((e: unknown) => {
    if (isDigestGateError(e) && e.status === 405) return undefined
    throw e
  })
  const digest = ref.digest ?? head?.digest
  if (!head || !digest || digestProblem(digest)) return false
  record.digest = digest
  record.mediaType = stripParameters(head.contentType) || null
  record.notes.push(
    'detail: digest: the digest is what the registry stated in answer to a HEAD; no manifest was read, so no platforms are listed and nothing was verified'
  )
  return true
}

/**
 * What of a run's manifest memo (`ResolveOptions.cache`) stays true when tags move: answers
 * fetched by digest, and fetched successfully (a child that was missing may be there now).
 * Used to re-read images afresh while waiting for them, without refetching their children.
 */
export async function keepContentAddressed(
  cache: ResolveOptions['cache']
): Promise<NonNullable<ResolveOptions['cache']>> {
  const kept: NonNullable<ResolveOptions['cache']> = new Map()
  if (!cache) return kept
  const byDigest = [...cache].filter(([key]) => !digestProblem(key.slice(key.lastIndexOf('@') + 1)))
  const settled = await Promise.allSettled(byDigest.map(([, pending]) => pending))
  byDigest.forEach(([key, pending], i) => {
    if (settled[i].status === 'fulfilled') kept.set(key, pending)
  })
  return kept
}

function fetchCached(walk: Walk, reference: string): Promise<FetchedManifest | DescribedManifest> {
  const { source, repository, options } = walk
  const key = `${source.kind}:${source.label}/${repository}@${reference}`
  let pending = options.cache?.get(key)
  if (!pending) {
    pending = source.fetchManifest(repository, reference)
    options.cache?.set(key, pending)
  }
  return pending
}

/** A note saying what the source cannot supply, once per image. */
function explain(walk: Walk, limit: SourceLimit): void {
  if (walk.explained.has(limit) || !walk.source.explain) return
  walk.explained.add(limit)
  walk.record.notes.push(walk.source.explain(limit, walk.subject))
}

/**
 * Checks a body against its digest and parses only the bytes the digest covers (a signed
 * schema 1 body carries more). A source whose bytes are not the registry's own (a
 * re-serialised API answer) gets a null digest: a hash of other bytes is not the digest.
 */
function verify(
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

/** A source that describes rather than serves manifests: the top digest and its platforms. */
function describe(walk: Walk, answer: DescribedManifest): void {
  const { record, ref, source } = walk
  if (ref.digest && answer.digest !== ref.digest) {
    throw new DigestGateError(
      'integrity',
      `${source.label} answered ${answer.digest} for ${walk.subject}, which asked for ${ref.digest}`
    )
  }
  record.digest = answer.digest
  record.mediaType = answer.mediaType
  const seen = new Set<string>()
  for (const raw of answer.platforms) {
    const p = platformFromJson(raw as Record<string, unknown>)
    if (!p) continue
    // Attestation manifests are listed as unknown/unknown platforms.
    if (isAttestationPlatform(p)) {
      record.attestations++
      continue
    }
    const problem = platformProblem(p)
    if (problem) {
      record.notes.push(`skipped a platform entry: ${problem}`)
      continue
    }
    const key = formatPlatform(normalizePlatform(p))
    if (seen.has(key)) continue
    seen.add(key)
    record.platforms.push({
      platform: key,
      digest: null,
      mediaType: null,
      layers: null,
      size: null,
      declared: p
    })
  }
  if (answer.platforms.length === 0) explain(walk, 'platforms')
  explain(walk, 'children')
}

/** What one manifest contributes, in index order, so records are the same run after run. */
interface Found {
  platforms: PlatformRecord[]
  attestations: { digest: string; target?: string }[]
  notes: string[]
}

function emptyFound(notes: string[] = []): Found {
  return { platforms: [], attestations: [], notes }
}

async function visit(
  walk: Walk,
  manifest: Manifest,
  digest: string | null,
  entry: Descriptor | undefined,
  depth: number,
  seen: Set<string>
): Promise<Found> {
  const found = emptyFound()
  const { source } = walk
  if (manifest.kind === 'index') {
    const name = digest ?? walk.subject
    if (manifest.manifests.length === 0) found.notes.push(`index ${name} lists no manifests`)
    walk.entries += manifest.manifests.length
    if (walk.entries > MAX_ENTRIES) {
      throw new DigestGateError(
        'invalid-manifest',
        `index ${name} brings the entries walked past ${MAX_ENTRIES}; refusing to go on`
      )
    }
    // Children in parallel once the index is known; the HTTP layer bounds concurrency. A digest
    // listed twice is walked once.
    const children = await Promise.all(
      manifest.manifests.map(child => {
        addListing(walk, name, child.digest)
        let pending = walk.children.get(child.digest)
        if (!pending) {
          pending = visitChild(walk, child, name, depth, seen)
          walk.children.set(child.digest, pending)
          return pending
        }
        // Waiting on a walk that leads back here would never end (a source that does not
        // verify digests can serve such indexes): that is a cycle.
        if (reaches(walk, child.digest, name)) {
          return Promise.reject(
            new DigestGateError(
              'invalid-manifest',
              `index ${name} refers back to ${child.digest} (a cycle)`
            )
          )
        }
        return pending.then(() => emptyFound())
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
    const declared = entry?.platform ?? manifest.platform ?? undefined
    if (!declared)
      found.notes.push(`the schema 1 manifest ${digest ?? walk.subject} names no architecture`)
    if (!source.abilities.blobSizes || !source.locateBlob) {
      // Schema 1 states no sizes; a source that cannot measure blobs leaves them unknown.
      explain(walk, 'blob-sizes')
      found.platforms.push({
        ...keyOf(declared),
        digest,
        mediaType: manifest.mediaType,
        layers: manifest.layers.length,
        size: null
      })
      return found
    }
    const locate = source.locateBlob.bind(source)
    const sizes = await Promise.all(manifest.layers.map(l => locate(walk.repository, l)))
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
        declared,
        digest,
        mediaType: manifest.mediaType,
        config: null,
        layerList
      })
    )
    found.notes.push(
      `${digest ?? walk.subject} is a legacy schema 1 manifest; sizes come from blob Content-Length`
    )
    return found
  }

  let declared = entry?.platform
  if (!declared) {
    if (!source.abilities.blobs || !source.fetchBlob) {
      // The platform is in the config, which this source cannot read.
      explain(walk, 'config')
      found.platforms.push(imageRecord(manifest, digest, undefined))
      return found
    }
    // A single manifest, or an index entry without a platform: the config says what it is.
    const config = await source.fetchBlob(walk.repository, manifest.config.digest, CONFIG_CAP)
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
    const fromConfig = isImageConfig(manifest.config.mediaType) ? platformFromConfig(config) : null
    const problem = fromConfig && platformProblem(fromConfig)
    if (problem) {
      found.notes.push(`skipped ${digest ?? walk.subject}: its config's ${problem}`)
      return found
    }
    declared = fromConfig ?? undefined
    if (!declared) {
      found.notes.push(
        `skipped ${digest ?? walk.subject}: not an image for a platform (config ${manifest.config.mediaType})`
      )
      return found
    }
  }
  found.platforms.push(imageRecord(manifest, digest, declared))
  return found
}

function imageRecord(
  manifest: Extract<Manifest, { kind: 'image' }>,
  digest: string | null,
  declared: Platform | undefined
): PlatformRecord {
  return platformRecord({
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
}

async function visitChild(
  walk: Walk,
  child: Descriptor,
  parent: string,
  depth: number,
  seen: Set<string>
): Promise<Found> {
  const skip = (why: string): Found => emptyFound([`skipped ${child.digest}: ${why}`])
  if (isAttestation(child)) {
    return {
      platforms: [],
      attestations: [
        { digest: child.digest, target: child.annotations?.[REFERENCE_DIGEST_ANNOTATION] }
      ],
      notes: []
    }
  }
  if (child.platformProblem) return skip(child.platformProblem)
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
  const readable = walk.source.abilities.manifestsByDigest
  const wantsLayers = !walk.options.detail || walk.options.detail === 'layers'
  if (!isIndexType(child.mediaType) && (!readable || !wantsLayers)) {
    // The index states platform and digest; only layer counts and sizes need the manifest.
    if (!child.platform) return skip('the index entry names no platform')
    if (!readable) explain(walk, 'children')
    return {
      platforms: [
        platformRecord({
          declared: child.platform,
          digest: child.digest,
          mediaType: child.mediaType,
          config: undefined,
          layerList: null
        })
      ],
      attestations: [],
      notes: []
    }
  }
  if (!readable) {
    explain(walk, 'children')
    return skip('a nested index, which this source cannot read by digest')
  }
  const m = await fetchChild(walk, child)
  return visit(walk, m, child.digest, child, depth + 1, new Set([...seen, child.digest]))
}

function addListing(walk: Walk, index: string, child: string): void {
  let listed = walk.listings.get(index)
  if (!listed) {
    listed = new Set()
    walk.listings.set(index, listed)
  }
  listed.add(child)
}

/** Whether `to` is `from` or listed below it, along the listings read so far. */
function reaches(walk: Walk, from: string, to: string): boolean {
  const stack = [from]
  const visited = new Set<string>()
  while (stack.length) {
    const digest = stack.pop() as string
    if (digest === to) return true
    if (visited.has(digest)) continue
    visited.add(digest)
    stack.push(...(walk.listings.get(digest) ?? []))
  }
  return false
}

function isImageConfig(mediaType: string): boolean {
  return mediaType === MediaTypes.ociConfig || mediaType === MediaTypes.dockerConfig
}

async function fetchChild(walk: Walk, child: Descriptor): Promise<Manifest> {
  const answer = await fetchCached(walk, child.digest)
  if (answer.kind !== 'manifest') {
    throw new DigestGateError(
      'unsupported',
      `${walk.source.label} described ${child.digest} instead of serving it`
    )
  }
  const { manifest } = verify(walk, answer, child.digest, child.digest)
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

/** The record's platform key and declared platform; `unknown` when nothing states one. */
function keyOf(declared: Platform | undefined): Pick<PlatformRecord, 'platform' | 'declared'> {
  const out: Pick<PlatformRecord, 'platform' | 'declared'> = {
    platform: declared ? formatPlatform(normalizePlatform(declared)) : 'unknown'
  }
  if (declared) out.declared = declared
  return out
}

function platformRecord(p: {
  declared?: Platform
  digest: string | null
  mediaType: string
  /** Undefined: not read (detail: platforms); null: the manifest has none (schema 1). */
  config: string | null | undefined
  /** Null when the manifest was not read, so layer count and size are unknown. */
  layerList: LayerRecord[] | null
  annotations?: Record<string, string>
}): PlatformRecord {
  const { platform, declared } = keyOf(p.declared)
  const out: PlatformRecord = {
    platform,
    digest: p.digest,
    mediaType: p.mediaType,
    layers: p.layerList ? p.layerList.length : null,
    size: p.layerList ? p.layerList.reduce((sum, l) => sum + l.size, 0) : null
  }
  if (p.config !== undefined) out.config = p.config
  if (p.layerList) out.layerList = p.layerList
  if (p.annotations) out.annotations = p.annotations
  if (declared) out.declared = declared
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
  if (!source.locateBlob || !source.abilities.blobSizes) {
    explain(walk, 'blob-sizes')
    return
  }
  const locate = source.locateBlob.bind(source)
  const checks = record.platforms.flatMap(p => p.layerList ?? [])
  const hosts = await Promise.all(
    checks.map(async layer => {
      try {
        const where = await locate(repository, layer.digest)
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
