import {
  type Classification,
  classifyArtifactManifest,
  readAttestationManifest,
  classifyReferrer
} from '../attestations/classify.js'
import { STATEMENT_CAP, classifyStatementBlob } from '../attestations/statement.js'
import { verifyManifestDigest } from '../model/digest.js'
import { DigestGateError, errorMessage } from '../model/errors.js'
import { type Manifest, isIndexType, parseManifest } from '../model/manifest.js'
import type { AttachedRecord } from '../model/record.js'
import { visibleText } from '../model/text.js'
import type { AttachedFinding } from './evaluate.js'
import type { Subject } from './subject.js'

/**
 * The `attestations` rule's reads: what is attached to each platform's manifest, classified by
 * src/attestations/classify.ts.
 * - BuildKit attestation manifests in the index (their `vnd.docker.reference.digest` names the
 *   platform; resolve.ts lists them per platform): one GET each, for the predicate types their
 *   layers are annotated with (BuildKit docs, attestation-storage.md).
 * - OCI 1.1 referrers (distribution-spec "Listing Referrers", with its tag-schema fallback) of
 *   each platform manifest, and of the index, whose referrers count for every platform (cosign
 *   signs what it is given, often the index): one listing per digest.
 * Only where a descriptor cannot tell what it is does the artifact manifest cost a GET, and an
 * in-toto layer without its predicate annotation a blob GET. All concurrently, each read once
 * per run. Sets each platform's `attached`.
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
      const settled = await Promise.allSettled([
        byIndex,
        listReferrers(subject, p.digest, 'platform'),
        ...(p.attestations ?? []).map(a => readAttestation(subject, a))
      ])
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
    // Read once, however many platforms or spellings of the image ask; each asker sees a failure.
    pending.catch(() => undefined)
    subject.memo.attached.set(full, pending)
  }
  return pending
}

/** A manifest by digest through the image's source, checked against the digest. */
export async function manifestByDigest(subject: Subject, digest: string): Promise<Manifest> {
  const { source, repository } = subject
  const answer = await source.fetchManifest(repository, digest)
  if (answer.kind !== 'manifest')
    throw new DigestGateError('unsupported', `the ${source.kind} source does not serve ${digest}`)
  const body = source.abilities.exactBytes ? verifyManifestDigest(answer.body, digest) : answer.body
  return parseManifest(body, answer.contentType)
}

/** A classification that still needs its statement blob, finished by reading it. */
async function finish(subject: Subject, c: Classification, of: string): Promise<Classification> {
  if (c.needs !== 'blob' || !c.layer) return c
  const { source, repository } = subject
  if (!source.fetchBlob || !source.abilities.blobs) return c
  const where = `attestation layer ${c.layer.digest} of ${repository}@${of}`
  const body = await source.fetchBlob(repository, c.layer.digest, STATEMENT_CAP)
  return classifyStatementBlob(body, c, { where, digest: c.layer.digest })
}

function attachedOf(
  c: Classification,
  digest: string,
  via: AttachedRecord['via'],
  whose: AttachedRecord['subject']
): AttachedRecord {
  // Names and types come from the registry: invisible controls are made visible here, as
  // sanitize.ts does for the rest of the record.
  const out: AttachedRecord = {
    kind: c.kind,
    format: c.format,
    name: visibleText(c.name),
    mediaType: visibleText(c.mediaType),
    signed: c.signed,
    digest,
    via,
    subject: whose
  }
  if (c.predicateType) out.predicateType = visibleText(c.predicateType)
  return out
}

/** A BuildKit attestation manifest: each in-toto layer is one attachment. */
function readAttestation(subject: Subject, digest: string): Promise<AttachedRecord[]> {
  return memoised(subject, `attestation ${digest}`, async () => {
    const manifest = await manifestByDigest(subject, digest)
    if (manifest.kind !== 'image') return []
    const reading = readAttestationManifest(manifest)
    const found = [
      ...reading.found,
      ...(await Promise.all(reading.unlabelled.map(c => finish(subject, c, digest))))
    ]
    return found.map(c => attachedOf(c, digest, 'index', 'platform'))
  })
}

/** The referrers of `digest`; where a descriptor cannot tell, its artifact manifest is read. */
function listReferrers(
  subject: Subject,
  digest: string,
  whose: AttachedRecord['subject']
): Promise<AttachedRecord[]> {
  const { source, repository, record } = subject
  if (!source.fetchReferrers) return Promise.resolve([])
  const list = source.fetchReferrers.bind(source)
  return memoised(subject, `referrers ${digest}`, async () => {
    const answer = await list(repository, digest)
    if (!answer) return []
    record.notes.push(...answer.notes)
    const each = await Promise.all(
      answer.referrers.map(async descriptor => {
        const classification = classifyReferrer(descriptor)
        let found = [classification]
        if (classification.needs === 'manifest') {
          const manifest = await manifestByDigest(subject, descriptor.digest)
          if (manifest.kind !== 'schema1') found = classifyArtifactManifest(manifest)
        }
        found = await Promise.all(found.map(c => finish(subject, c, descriptor.digest)))
        return found.map(c => attachedOf(c, descriptor.digest, answer.via, whose))
      })
    )
    return each.flat()
  })
}
