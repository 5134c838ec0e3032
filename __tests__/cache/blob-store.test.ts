/**
 * The cache directory's own contract (blob-store.ts), over real files in a temporary
 * directory: where it is, and what else it may hold. What a CachedSource reads from it and
 * stores in it is tested in sources/cached-source.test.ts.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { BlobStore } from '../../src/cache/blob-store.js'
import { computeDigest } from '../../src/model/digest.js'

test('a leading ~ is the home directory, as actions/cache reads it', () => {
  expect(new BlobStore('~/.cache/digest-gate').root).toBe(join(homedir(), '.cache', 'digest-gate'))
  expect(new BlobStore('./~x').root).toBe(join(process.cwd(), '~x'))
})

describe('what else the cache directory may hold', () => {
  /**
   * What the cache directory may hold besides the files it wrote: FIFOs (tar restores them),
   * directories, symlinks to either. Each is a miss, read without blocking. The old store
   * opened a FIFO and waited for a writer forever; these tests would time out.
   */

  const bytes = Buffer.from('{"schemaVersion":2}')
  const digest = computeDigest(bytes)
  const hex = digest.slice('sha256:'.length)
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dg-blob-store-'))
    await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true })
    await mkdir(join(dir, 'types', 'sha256'), { recursive: true })
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  const mkfifo = (path: string): void => void execFileSync('mkfifo', [path])

  describe('a cache entry that is not a regular file is a miss', () => {
    test('a FIFO at blobs/sha256/<hex>', async () => {
      const store = new BlobStore(dir)
      mkfifo(join(dir, 'blobs', 'sha256', hex))
      expect(await store.read(digest, 1024)).toBeUndefined()
      expect(store.stats.corrupt).toBe(1)
      // Writing the blob puts a file in the FIFO's place; then it is a hit.
      await store.write(digest, bytes, 'application/json')
      expect(await store.read(digest, 1024)).toEqual({ bytes, mediaType: 'application/json' })
    })

    test('a FIFO at types/sha256/<hex> beside a good blob', async () => {
      const store = new BlobStore(dir)
      await writeFile(join(dir, 'blobs', 'sha256', hex), bytes)
      mkfifo(join(dir, 'types', 'sha256', hex))
      expect(await store.read(digest, 1024)).toBeUndefined()
      expect(store.stats.corrupt).toBe(1)
    })

    test('a symlink to a FIFO, and a directory, at the blob’s name', async () => {
      const store = new BlobStore(dir)
      const fifo = join(dir, 'elsewhere')
      mkfifo(fifo)
      await symlink(fifo, join(dir, 'blobs', 'sha256', hex))
      expect(await store.read(digest, 1024)).toBeUndefined()
      const other = computeDigest(Buffer.from('other'))
      await mkdir(join(dir, 'blobs', 'sha256', other.slice('sha256:'.length)))
      expect(await store.read(other, 1024)).toBeUndefined()
      expect(store.stats.corrupt).toBe(2)
    })

    test('no types file is still a blob without a type, as before', async () => {
      const store = new BlobStore(dir)
      await writeFile(join(dir, 'blobs', 'sha256', hex), bytes)
      expect(await store.read(digest, 1024)).toEqual({ bytes, mediaType: '' })
      expect(store.stats.corrupt).toBe(0)
    })
  })
})
