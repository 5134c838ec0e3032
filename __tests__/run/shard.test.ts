import { DigestGateError } from '../../src/model/errors.js'
import { parseShard, selectShard, shardOf } from '../../src/run/shard.js'

const images = Array.from({ length: 2000 }, (_, i) => `ghcr.io/acme/service-${i}:1.${i % 7}`)

describe('shards', () => {
  test('every image lands in exactly one of n shards', () => {
    for (const count of [1, 2, 3, 4, 7, 16]) {
      const slices = Array.from({ length: count }, (_, i) =>
        selectShard(images, { index: i + 1, count })
      )
      const all = slices.flatMap(s => s.images).sort()
      expect(all).toEqual([...images].sort())
      // Positions point back at the image in the whole list, in order.
      for (const s of slices) {
        expect(s.positions.map(p => images[p])).toEqual(s.images)
        expect([...s.positions].sort((a, b) => a - b)).toEqual(s.positions)
      }
    }
  })

  test('the split is close to even for many images', () => {
    const sizes = [1, 2, 3, 4].map(index => selectShard(images, { index, count: 4 }).images.length)
    for (const size of sizes) {
      expect(size).toBeGreaterThan(400)
      expect(size).toBeLessThan(600)
    }
  })

  test('an image stays in its shard whatever else the list holds', () => {
    const before = new Map(images.map(i => [i, shardOf(i, 4)]))
    const more = ['nginx:1.27', ...images.slice(0, 1000).reverse(), 'redis:7']
    for (const image of more.filter(i => before.has(i))) {
      expect(selectShard(more, { index: (before.get(image) ?? 0) + 1, count: 4 }).images).toContain(
        image
      )
    }
  })

  test('the same spelling lands together; the hash is of the text as written, trimmed', () => {
    expect(shardOf('nginx', 4)).toBe(shardOf('  nginx  ', 4))
    const twice = selectShard(['nginx', 'alpine', 'nginx'], {
      index: shardOf('nginx', 4) + 1,
      count: 4
    })
    expect(twice.images.filter(i => i === 'nginx')).toHaveLength(2)
    expect(twice.positions).toEqual(expect.arrayContaining([0, 2]))
  })

  test('one shard of one is the whole list', () => {
    expect(selectShard(images, { index: 1, count: 1 }).images).toEqual(images)
  })

  test('parseShard: empty is no shard; bad values are invalid-input', () => {
    expect(parseShard('')).toBeUndefined()
    expect(parseShard(undefined)).toBeUndefined()
    expect(() => parseShard('3/2')).toThrow(DigestGateError)
  })
})
