import { createHash } from 'node:crypto'
import { invalid } from '../model/input-values.js'

/**
 * The `shard` input: `i/n` takes a stable slice of the images, so a matrix of n jobs splits
 * thousands of images between them and every image lands in exactly one job. The slice is
 * decided by a hash of the image as written (trimmed), not by its position, so adding or
 * removing one image moves no other between shards, and the same spelling always lands in the
 * same shard; two spellings of one image (`nginx`, `docker.io/library/nginx`) may not. Pure.
 */

export interface Shard {
  /** 1-based, as `strategy.matrix` values are usually written. */
  index: number
  count: number
}

/** More shards than GitHub lets one matrix have (256 jobs) would be a typo. */
const MAX_SHARDS = 256

/** `i/n` → a Shard; empty → undefined; anything else an `invalid-input` error naming the input. */
export function parseShard(raw: string | undefined): Shard | undefined {
  const value = (raw ?? '').trim()
  if (!value) return undefined
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(value)
  const index = m ? Number(m[1]) : NaN
  const count = m ? Number(m[2]) : NaN
  if (!m || index < 1 || count < 1 || index > count || count > MAX_SHARDS) {
    throw invalid(
      'shard',
      value,
      `i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS}: this job's shard and the number of shards, e.g. '2/4' (\${{ matrix.shard }}/4 with shard: [1, 2, 3, 4])`
    )
  }
  return { index, count }
}

/** The 0-based shard an image belongs to among `count`: sha256 of the text, first 8 bytes mod n. */
export function shardOf(image: string, count: number): number {
  const head = createHash('sha256').update(image.trim(), 'utf8').digest().readBigUInt64BE(0)
  return Number(head % BigInt(count))
}

/**
 * The images of one shard with their positions in the full list (for merging the shards'
 * reports back into the order a single run would have had).
 */
export function selectShard(
  images: readonly string[],
  shard: Shard
): { images: string[]; positions: number[] } {
  const out: string[] = []
  const positions: number[] = []
  images.forEach((image, i) => {
    if (shardOf(image, shard.count) === shard.index - 1) {
      out.push(image)
      positions.push(i)
    }
  })
  return { images: out, positions }
}
