import { errorMessage } from '../model/errors.js'
import { type Walk, addBlobHosts, explain } from './walk.js'

/**
 * `verify-blobs`: HEADs every layer read, records where it is served from and what size the
 * store says, and notes each layer that is missing or whose size disagrees with the manifest.
 */
export async function verifyBlobs(walk: Walk): Promise<void> {
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
