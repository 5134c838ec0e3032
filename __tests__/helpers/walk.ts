/**
 * A Walk as resolveImage starts one (src/resolve/resolve.ts), for unit tests of the walk's
 * steps (describe, verify, visit, verifyBlobs) called directly.
 */
import { emptyRecord } from '../../src/model/record.js'
import { parseReference } from '../../src/model/reference.js'
import type { ResolveOptions, Walk } from '../../src/resolve/walk.js'
import type { Source } from '../../src/sources/source.js'

export function startWalk(
  source: Source,
  image = 'registry.example/team/app:1.0',
  options: ResolveOptions = {}
): Walk {
  const ref = parseReference(image)
  const repository = ref.kind === 'registry' ? ref.repository : ''
  const reference = ref.digest ?? ref.tag ?? 'latest'
  return {
    ref,
    repository,
    subject: `${repository}${reference.includes(':') ? '@' : ':'}${reference}`,
    source,
    options,
    record: emptyRecord(ref.image),
    entries: 0,
    children: new Map(),
    listings: new Map(),
    explained: new Set()
  }
}
