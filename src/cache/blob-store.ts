import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { digestProblem } from '../model/reference.js'
import { NotRegularFileError, openRegular } from '../fs/regular-file.js'

/**
 * The `cache` directory: content-addressed files, as an OCI layout keeps its blobs
 * (image-spec image-layout.md): `blobs/<alg>/<hex>` holds the bytes, `types/<alg>/<hex>` the
 * media type a manifest was served with. Each file is written to a temporary name and renamed,
 * so a run that dies midway leaves no half file under the real name. Nothing is trusted: the
 * caller checks every read against its digest, and a file that fails is counted and replaced.
 * Only regular files are read, opened without blocking (regular-file.ts): actions/cache
 * restores with tar, which can make a FIFO, and a plain open of one waits forever. Anything
 * else at a blob's or a type's name is a miss, counted as corrupt, and replaced when the blob
 * is written again (the rename puts a file in its place).
 */

/** Far above any media type; a bigger types/ file is not one we wrote. */
const MEDIA_TYPE_CAP = 4096

export interface CacheStats {
  /** Reads answered from the cache (bytes that matched their digest). */
  hits: number
  /** Reads the cache could not answer, so the registry did. */
  misses: number
  /** Files written. */
  stored: number
  /** Files that did not match their digest (or were unreadable), ignored and refetched. */
  corrupt: number
  /** Writes that failed (a full or read-only disk); the run goes on without them. */
  writeErrors: number
}

export interface CachedBlob {
  bytes: Buffer
  /** The media type it was stored with; empty when none was. */
  mediaType: string
}

export class BlobStore {
  readonly root: string
  readonly stats: CacheStats = { hits: 0, misses: 0, stored: 0, corrupt: 0, writeErrors: 0 }
  private readonly made = new Map<string, Promise<unknown>>()

  /** `dir` as the `cache` input gives it; a leading `~` is the home directory, as in actions/cache. */
  constructor(dir: string) {
    this.root = resolve(dir.replace(/^~(?=$|[\\/])/, homedir()))
  }

  /** `blobs/<alg>/<hex>` for a well-formed digest; never a path outside the root. */
  private path(kind: 'blobs' | 'types', digest: string): string {
    if (digestProblem(digest)) throw new Error(`not a digest: ${digest}`)
    const [alg, hex] = digest.split(':')
    return join(this.root, kind, alg, hex)
  }

  /**
   * The stored bytes of `digest`, if there are any and no more than `maxBytes`; the caller
   * verifies them. Absent files count as nothing here: `miss` and `corrupt` say what followed.
   */
  async read(digest: string, maxBytes: number): Promise<CachedBlob | undefined> {
    const bytes = await this.readFile(this.path('blobs', digest), maxBytes)
    if (!bytes) return undefined
    // A type that is there but unreadable (a FIFO, a directory) poisons the entry: a miss.
    const mediaType = await this.readFile(this.path('types', digest), MEDIA_TYPE_CAP, '')
    if (mediaType === undefined) return undefined
    return { bytes, mediaType: mediaType.toString('utf8').trim() }
  }

  /**
   * A regular file's bytes; `absent` when there is no file (ENOENT), undefined when there is
   * something else or it is over `maxBytes` (counted as corrupt) or cannot be read.
   */
  private async readFile(
    path: string,
    maxBytes: number,
    absent?: string
  ): Promise<Buffer | undefined> {
    try {
      const { file, size } = await openRegular(path)
      try {
        // Larger than anything we would have stored: not ours.
        if (size > maxBytes) {
          this.stats.corrupt++
          return undefined
        }
        return await file.readFile()
      } finally {
        await file.close()
      }
    } catch (e) {
      if (e instanceof NotRegularFileError) this.stats.corrupt++
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT'
      return missing && absent !== undefined ? Buffer.from(absent) : undefined
    }
  }

  /** Stores bytes (and a media type) under `digest`, atomically; failures are counted only. */
  async write(digest: string, bytes: Uint8Array, mediaType?: string): Promise<void> {
    try {
      // The type first: a blob never stands without the type it was served with.
      if (mediaType) await this.writeAtomic(this.path('types', digest), mediaType)
      await this.writeAtomic(this.path('blobs', digest), bytes)
      this.stats.stored++
    } catch {
      this.stats.writeErrors++
    }
  }

  /** Drops a file that failed its check, so the next write replaces it. */
  async discard(digest: string): Promise<void> {
    this.stats.corrupt++
    await rm(this.path('blobs', digest), { force: true }).catch(() => undefined)
  }

  private async writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
    const dir = dirname(path)
    let made = this.made.get(dir)
    if (!made) {
      made = mkdir(dir, { recursive: true })
      this.made.set(dir, made)
    }
    await made
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    try {
      await writeFile(temp, data)
      await rename(temp, path)
    } catch (e) {
      await rm(temp, { force: true }).catch(() => undefined)
      throw e
    }
  }
}
