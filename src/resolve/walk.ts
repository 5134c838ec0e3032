import type { ImageRecord, PlatformRecord } from '../model/record.js'
import type { ImageReference } from '../model/reference.js'
import type { DescribedManifest, FetchedManifest, Source, SourceLimit } from '../sources/source.js'

// The state one image's walk carries from the tag down to its layers, and the small steps
// every part of the walk shares: the memoised fetch, the note on what a source lacks.

/** How resolveImage reads an image. */
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

/** One image's walk: what it reads from, what it has found and seen so far. */
export interface Walk {
  ref: ImageReference
  repository: string
  /** `repository:reference`, naming the image in notes about what its source lacks. */
  subject: string
  source: Source
  options: ResolveOptions
  record: ImageRecord
  /** Index entries seen so far, against visit.ts's MAX_ENTRIES. */
  entries: number
  /** One walk per child digest, however often indexes repeat it. */
  children: Map<string, Promise<Found>>
  /** Which manifests each index lists, to refuse a cycle rather than wait on it forever. */
  listings: Map<string, Set<string>>
  /** Limits already explained in a note, so each is said once per image. */
  explained: Set<SourceLimit>
}

/** What one manifest contributes, in index order, so records are the same run after run. */
export interface Found {
  platforms: PlatformRecord[]
  attestations: { digest: string; target?: string }[]
  notes: string[]
}

/** Nothing found, with the notes that say why. */
export function emptyFound(notes: string[] = []): Found {
  return { platforms: [], attestations: [], notes }
}

/** A manifest by tag or digest, fetched once per run however many images list it. */
export function fetchCached(
  walk: Walk,
  reference: string
): Promise<FetchedManifest | DescribedManifest> {
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
export function explain(walk: Walk, limit: SourceLimit): void {
  if (walk.explained.has(limit) || !walk.source.explain) return
  walk.explained.add(limit)
  walk.record.notes.push(walk.source.explain(limit, walk.subject))
}

/** Adds the hosts that served blobs to the record, each once. */
export function addBlobHosts(record: ImageRecord, hosts: string[]): void {
  record.blobHosts = [...new Set([...(record.blobHosts ?? []), ...hosts])]
}
