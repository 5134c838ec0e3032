import { verifyManifestDigest } from '../digest.js'
import { errorMessage } from '../errors.js'
import { isIndexType, isObject, parseManifest } from '../manifest.js'
import type { AttachedRecord } from '../record.js'
import { visibleText } from '../text.js'
import { PREDICATE_ANNOTATION, kindOfPredicate, kindOfReferrer } from './attachment-kinds.js'
import type { AttachedFinding } from './evaluate.js'
import type { Subject } from './subject.js'

/**
 * The `attestations` rule's reads: what is attached to each platform's manifest.
 * - BuildKit attestation manifests in the index (their `vnd.docker.reference.digest` names
 *   the platform; resolve.ts lists them per platform): one GET each, for the predicate types
 *   their layers are annotated with (BuildKit docs, "Attestation storage").
 * - OCI 1.1 referrers (distribution-spec "Listing Referrers", with its tag-schema fallback) of
 *   each platform manifest, and of the index, whose referrers count for every platform (cosign
 *   signs what it is given, often the index): one listing per digest.
 * All concurrently, each manifest read once per run. Sets each platform's `attached`.
 */
export async function readAttached(subject: Subject): Promise<Map<string, AttachedFinding>> {
  const { record, source } = subject
  const byIndex =
    record.digest && isIndexType(record.mediaType ?? '')
      ? listReferrers(subject, record.digest, 'index')
      : Promise.resolve<AttachedRecord[]>([])
  if (!source.fetchReferrers)
    record.notes.push(
      `the ${source.kind} source cannot list OCI referrers; only attestation manifests in the index were looked for`
    )
  const out = new Map<string, AttachedFinding>()
  await Promise.all(
    record.platforms.map(async p => {
      if (!p.digest) return
      const reads = [
        byIndex,
        listReferrers(subject, p.digest, 'platform'),
        ...(p.attestations ?? []).map(a => readAttestation(subject, a))
      ]
      const settled = await Promise.allSettled(reads)
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
      const attached = settled.flatMap(s => (s.status === 'fulfilled' ? s.value : []))
      p.attached = attached
      out.set(p.digest, failed ? { error: errorMessage(failed.reason) } : { attached })
    })
  )
  return out
}

function memoised(
  subject: Subject,
  key: string,
  read: () => Promise<AttachedRecord[]>
): Promise<AttachedRecord[]> {
  const full = `${key} ${subject.source.label}/${subject.repository}`
  let pending = subject.memo.attached.get(full)
  if (!pending) {
    pending = read()
    // Read once, however many platforms or spellings of the image ask.
    pending.catch(() => undefined)
    subject.memo.attached.set(full, pending)
  }
  return pending
}

/** A BuildKit attestation manifest: each layer's predicate type is one attachment. */
function readAttestation(subject: Subject, digest: string): Promise<AttachedRecord[]> {
  return memoised(subject, `attestation ${digest}`, async () => {
    const { source, repository } = subject
    const answer = await source.fetchManifest(repository, digest)
    if (answer.kind !== 'manifest')
      throw new Error(`the ${source.kind} source does not serve attestation manifests`)
    const body = source.abilities.exactBytes
      ? verifyManifestDigest(answer.body, digest)
      : answer.body
    const manifest = parseManifest(body, answer.contentType)
    if (manifest.kind !== 'image') return []
    return manifest.layers.map(layer => {
      const type = layer.annotations?.[PREDICATE_ANNOTATION]
      return {
        kind: type ? kindOfPredicate(type) : 'other',
        type: visibleText(type ?? layer.mediaType),
        digest,
        via: 'index',
        subject: 'platform'
      }
    })
  })
}

/** The referrers of `digest`, classified by their artifact types. */
function listReferrers(
  subject: Subject,
  digest: string,
  whose: AttachedRecord['subject']
): Promise<AttachedRecord[]> {
  const { source, repository } = subject
  if (!source.fetchReferrers) return Promise.resolve([])
  const list = source.fetchReferrers.bind(source)
  return memoised(subject, `referrers ${digest}`, async () => {
    const answer = await list(repository, digest)
    if (!answer) return []
    return answer.manifests.flatMap((entry): AttachedRecord[] => {
      if (!isObject(entry) || typeof entry.digest !== 'string') return []
      const artifactType =
        typeof entry.artifactType === 'string'
          ? entry.artifactType
          : typeof entry.mediaType === 'string'
            ? entry.mediaType
            : ''
      const annotations = isObject(entry.annotations)
        ? (Object.fromEntries(
            Object.entries(entry.annotations).filter(([, v]) => typeof v === 'string')
          ) as Record<string, string>)
        : {}
      const { kind, type } = kindOfReferrer(artifactType, annotations)
      return [
        {
          kind,
          type: visibleText(type),
          digest: visibleText(entry.digest),
          via: answer.via,
          subject: whose
        }
      ]
    })
  }).then(found => found.map(a => ({ ...a, subject: whose })))
}
