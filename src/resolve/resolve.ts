import { isDigestGateError } from '../model/errors.js'
import { stripParameters } from '../model/manifest.js'
import { type ImageRecord, emptyRecord, failRecord } from '../model/record.js'
import { type ImageReference, digestProblem, formatName } from '../model/reference.js'
import type { Source } from '../sources/source.js'
import { describe } from './describe.js'
import { collect } from './platform-records.js'
import { verifyBlobs } from './verify-blobs.js'
import { verify } from './verify-manifest.js'
import { visit } from './visit.js'
import { type ResolveOptions, type Walk, fetchCached } from './walk.js'

// The options are resolveImage's own; they live beside the walk that reads them.
export type { ResolveOptions }

/**
 * Tag → index → platforms → layers, over any Source. Every manifest is verified against its
 * digest here, once, whatever the source; whatever a source cannot supply is `null` with a
 * note saying why. Never throws for an expected failure: the record carries the error so the
 * other images keep their results.
 */

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
