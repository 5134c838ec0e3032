import { emptyRecord } from '../../src/model/record.js'
import { addBlobHosts, emptyFound, explain, fetchCached } from '../../src/resolve/walk.js'
import type { DescribedManifest, FetchedManifest } from '../../src/sources/source.js'
import { MemoryStore, explanation } from '../helpers/memory-source.js'
import { startWalk } from '../helpers/walk.js'

describe('emptyFound', () => {
  test('nothing found, with the notes given, and a fresh object each time', () => {
    expect(emptyFound()).toEqual({ platforms: [], attestations: [], notes: [] })
    expect(emptyFound(['why'])).toEqual({ platforms: [], attestations: [], notes: ['why'] })
    const a = emptyFound()
    a.platforms.push({ platform: 'x', digest: null, mediaType: null, layers: null, size: null })
    expect(emptyFound().platforms).toEqual([])
  })
})

describe('fetchCached', () => {
  test('without a cache, each call fetches', async () => {
    const store = new MemoryStore()
    const d = store.putManifest({ schemaVersion: 2, mediaType: 'x', manifests: [] })
    const walk = startWalk(store.source())
    await fetchCached(walk, d.digest)
    await fetchCached(walk, d.digest)
    expect(store.count('manifest', d.digest)).toBe(2)
  })

  test('with a cache, one fetch per source, repository and reference', async () => {
    const store = new MemoryStore()
    const d = store.putManifest({ schemaVersion: 2, mediaType: 'x', manifests: [] })
    const cache = new Map<string, Promise<FetchedManifest | DescribedManifest>>()
    const a = startWalk(store.source(), 'registry.example/team/app:1.0', { cache })
    const b = startWalk(store.source(), 'registry.example/team/app:2.0', { cache })
    const first = fetchCached(a, d.digest)
    expect(fetchCached(b, d.digest)).toBe(first)
    await first
    expect(store.count('manifest', d.digest)).toBe(1)
    // Another repository, or another source label, is another key.
    await fetchCached(
      startWalk(store.source(), 'registry.example/team/other:1', { cache }),
      d.digest
    )
    await fetchCached(
      startWalk(store.source({ label: 'mirror.example' }), 'registry.example/team/app:1', {
        cache
      }),
      d.digest
    )
    expect(store.count('manifest', d.digest)).toBe(3)
    expect([...cache.keys()].sort()).toEqual(
      [
        `memory:memory.example/team/app@${d.digest}`,
        `memory:memory.example/team/other@${d.digest}`,
        `memory:mirror.example/team/app@${d.digest}`
      ].sort()
    )
  })
})

describe('explain', () => {
  test("adds the source's explanation once per limit", () => {
    const walk = startWalk(new MemoryStore().source())
    explain(walk, 'digest')
    explain(walk, 'digest')
    explain(walk, 'children')
    expect(walk.record.notes).toEqual([
      explanation('digest', 'team/app:1.0'),
      explanation('children', 'team/app:1.0')
    ])
  })

  test('a source without explain adds nothing', () => {
    const walk = startWalk(new MemoryStore().source({ explain: false }))
    explain(walk, 'config')
    expect(walk.record.notes).toEqual([])
  })
})

describe('addBlobHosts', () => {
  test('each host once, in first-seen order, added to those already there', () => {
    const record = emptyRecord('img')
    addBlobHosts(record, ['a.example', 'b.example', 'a.example'])
    addBlobHosts(record, ['c.example', 'b.example'])
    expect(record.blobHosts).toEqual(['a.example', 'b.example', 'c.example'])
  })

  test('none given: an empty list', () => {
    const record = emptyRecord('img')
    addBlobHosts(record, [])
    expect(record.blobHosts).toEqual([])
  })
})
