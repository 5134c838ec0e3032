import { computeDigest } from '../model/digest.js'
import { DigestGateError } from '../model/errors.js'
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
  platformFromConfig
} from '../model/manifest.js'
import { platformProblem } from '../model/platform.js'
import { imageRecord, keyOf, platformRecord } from './platform-records.js'
import { verify } from './verify-manifest.js'
import { type Found, type Walk, addBlobHosts, emptyFound, explain, fetchCached } from './walk.js'

// The walk down from one manifest: an index to its children, each child to its platform
// record, indexes nested to a bounded depth and never in a cycle.

/** Far more platforms than any real image has; a hostile index must not exhaust memory. */
const MAX_ENTRIES = 1000

/** What one manifest, reached at `depth` through the digests in `seen`, contributes. */
export async function visit(
  walk: Walk,
  manifest: Manifest,
  digest: string | null,
  entry: Descriptor | undefined,
  depth: number,
  seen: Set<string>
): Promise<Found> {
  if (manifest.kind === 'index') return visitIndex(walk, manifest, digest, depth, seen)
  if (manifest.kind === 'schema1') return visitSchema1(walk, manifest, digest, entry)
  return visitImage(walk, manifest, digest, entry)
}

/** An index: its children, each digest walked once however often it is listed. */
async function visitIndex(
  walk: Walk,
  manifest: Extract<Manifest, { kind: 'index' }>,
  digest: string | null,
  depth: number,
  seen: Set<string>
): Promise<Found> {
  const found = emptyFound()
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

/** A legacy schema 1 manifest: no sizes stated, so each layer is measured at the store. */
async function visitSchema1(
  walk: Walk,
  manifest: Extract<Manifest, { kind: 'schema1' }>,
  digest: string | null,
  entry: Descriptor | undefined
): Promise<Found> {
  const found = emptyFound()
  const { source } = walk
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

/** An image manifest: its platform from the index entry, or else from its config. */
async function visitImage(
  walk: Walk,
  manifest: Extract<Manifest, { kind: 'image' }>,
  digest: string | null,
  entry: Descriptor | undefined
): Promise<Found> {
  const found = emptyFound()
  const { source } = walk
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
