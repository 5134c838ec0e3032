/** verifyBlobs over an in-memory source whose blobs are real bytes under their sha256. */
import { MediaTypes } from '../../src/model/manifest.js'
import { platformRecord } from '../../src/resolve/platform-records.js'
import { verifyBlobs } from '../../src/resolve/verify-blobs.js'
import { MemoryStore, explanation } from '../helpers/memory-source.js'
import { startWalk } from '../helpers/walk.js'

const LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip'

function setup(sizes: number[], options = {}) {
  const store = new MemoryStore()
  const layers = sizes.map((n, i) => store.putBlob(Buffer.alloc(n, `layer-${i}`), LAYER))
  const walk = startWalk(store.source(options))
  walk.record.platforms.push(
    platformRecord({
      declared: { os: 'linux', architecture: 'amd64' },
      digest: null,
      mediaType: MediaTypes.ociManifest,
      config: null,
      layerList: layers.map(l => ({ ...l }))
    })
  )
  return { store, walk, layers }
}

describe('verifyBlobs', () => {
  test('every layer located: where from and the stored size, no problem when sizes agree', async () => {
    const { store, walk, layers } = setup([10, 20])
    store.locations.set(layers[1].digest, { size: 20, servedBy: 'cdn.example' })
    await verifyBlobs(walk)
    expect(walk.record.platforms[0].layerList).toEqual([
      { ...layers[0], servedBy: 'memory.example', storedSize: 10 },
      { ...layers[1], servedBy: 'cdn.example', storedSize: 20 }
    ])
    expect(walk.record.blobHosts).toEqual(['memory.example', 'cdn.example'])
    expect(walk.record.notes).toEqual([])
    expect(store.count('locate')).toBe(2)
  })

  test('a size that disagrees, or a missing blob, is a problem on the layer and a note', async () => {
    const { store, walk, layers } = setup([10, 20, 30])
    store.locations.set(layers[0].digest, { size: 11, servedBy: 'cdn.example' })
    store.blobs.delete(layers[2].digest)
    await verifyBlobs(walk)
    const list = walk.record.platforms[0].layerList!
    expect(list[0].problem).toBe('store says 11 bytes, manifest says 10')
    expect(list[1].problem).toBeUndefined()
    expect(list[2]).toEqual({ ...layers[2], problem: `memory has no blob ${layers[2].digest}` })
    // A blob that could not be located names no host.
    expect(walk.record.blobHosts).toEqual(['cdn.example', 'memory.example'])
    expect(walk.record.notes).toEqual([
      `layer ${layers[0].digest} of linux/amd64: store says 11 bytes, manifest says 10`,
      `layer ${layers[2].digest} of linux/amd64: memory has no blob ${layers[2].digest}`
    ])
  })

  test('platforms whose layers were not read are left alone', async () => {
    const { store, walk } = setup([5])
    walk.record.platforms.push(
      platformRecord({ digest: null, mediaType: 'm', config: undefined, layerList: null })
    )
    await verifyBlobs(walk)
    expect(store.count('locate')).toBe(1)
    expect(walk.record.platforms[1].layerList).toBeUndefined()
  })

  test('a source that cannot measure blobs: nothing located, and why', async () => {
    const { store, walk } = setup([5], { abilities: { blobSizes: false } })
    await verifyBlobs(walk)
    expect(store.count('locate')).toBe(0)
    expect(walk.record.platforms[0].layerList![0].servedBy).toBeUndefined()
    expect(walk.record.blobHosts).toBeUndefined()
    expect(walk.record.notes).toEqual([explanation('blob-sizes', 'team/app:1.0')])
  })

  test('a source that has a locate method but says it cannot measure blobs is not asked', async () => {
    const { store, walk } = setup([5])
    walk.source = { ...walk.source, abilities: { ...walk.source.abilities, blobSizes: false } }
    expect(typeof walk.source.locateBlob).toBe('function')
    await verifyBlobs(walk)
    expect(store.count('locate')).toBe(0)
    expect(walk.record.notes).toEqual([explanation('blob-sizes', 'team/app:1.0')])
  })
})
