import { computeDigest, verifyManifestDigest } from '../model/digest.js'
import { DigestGateError, errorMessage } from '../model/errors.js'
import { CONFIG_CAP } from '../model/limits.js'
import { isIndexType, parseManifest, platformFromConfig } from '../model/manifest.js'
import type { PlatformRecord } from '../model/record.js'
import type { ConfigFinding } from './evaluate.js'
import type { Subject } from './subject.js'

/**
 * The `consistent` rule's reads: each index entry's config, for the platform it states
 * (image-spec config.md `os`, `architecture`, `variant`, `os.version`), to compare with what the
 * index entry says. One config GET per platform, concurrently (the HTTP layer bounds them);
 * two where the platform's manifest was not read (`detail: platforms`). A single manifest's
 * platform already came from its config, so it costs nothing.
 */
export async function readConfigs(subject: Subject): Promise<Map<string, ConfigFinding>> {
  const out = new Map<string, ConfigFinding>()
  if (!isIndexType(subject.record.mediaType ?? '')) return out
  await Promise.all(
    subject.record.platforms.map(async p => {
      if (!p.digest) return
      const key = `${subject.source.label}/${subject.repository}@${p.digest}`
      let pending = subject.memo.configs.get(key)
      if (!pending) {
        pending = readConfig(subject, p, p.digest).catch((e: unknown) => ({
          error: errorMessage(e)
        }))
        subject.memo.configs.set(key, pending)
      }
      out.set(p.digest, await pending)
    })
  )
  return out
}

async function readConfig(
  { source, repository }: Subject,
  p: PlatformRecord,
  digest: string
): Promise<ConfigFinding> {
  if (!source.fetchBlob || !source.abilities.blobs)
    return { error: `the ${source.kind} source cannot read image configs` }
  if (p.config === null) return { error: 'a schema 1 manifest has no config' }
  let config = p.config
  if (config === undefined) {
    // detail: platforms read the index only; the manifest names the config.
    const answer = await source.fetchManifest(repository, digest)
    if (answer.kind !== 'manifest')
      return { error: `the ${source.kind} source does not serve manifests by digest` }
    const body = source.abilities.exactBytes
      ? verifyManifestDigest(answer.body, digest)
      : answer.body
    const manifest = parseManifest(body, answer.contentType)
    if (manifest.kind !== 'image') return { error: `${digest} is not an image manifest` }
    config = manifest.config.digest
  }
  const body = await source.fetchBlob(repository, config, CONFIG_CAP)
  const actual = computeDigest(body, config.startsWith('sha512:') ? 'sha512' : 'sha256')
  if (actual !== config)
    throw new DigestGateError('integrity', `config blob ${config} hashes to ${actual}`)
  return { platform: platformFromConfig(body), config }
}
