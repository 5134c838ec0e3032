import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { INDEX_JSON_CAP, OciLayoutSource, listTags } from '../../src/sources/oci-layout.js'

/**
 * The layout source over a real copy of examples/hello-layout, changed as a pull request or a
 * broken tool could change it: FIFOs and symlinks in blobs/, a huge index.json, many tags.
 */
const INDEX = 'sha256:e61ee32a8906968d22885276c8016bc09c00b6eb747028fbecf94de652bf001a'
const SINGLE = 'sha256:82ce558639b001adcf57233e0283e922c69243d4b3fadee332b9e9fb90bbc6da'
const hex = (digest: string): string => digest.slice('sha256:'.length)

let dir: string
let outside: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dg-layout-'))
  outside = mkdtempSync(join(tmpdir(), 'dg-layout-outside-'))
  cpSync('examples/hello-layout', dir, { recursive: true })
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})
const blob = (digest: string): string => join(dir, 'blobs', 'sha256', hex(digest))

describe('blobs/', () => {
  test('a FIFO in place of a blob is a missing blob, at once; the other tags still read', async () => {
    // A synchronous open of a FIFO waits for a writer forever: the old source stopped the run.
    rmSync(blob(INDEX))
    execFileSync('mkfifo', [blob(INDEX)])
    const source = new OciLayoutSource(dir)
    await expect(source.fetchManifest('', '1.0')).rejects.toThrow(
      `has no blob ${INDEX} (blobs/ holds a FIFO)`
    )
    await expect(source.locateBlob('', INDEX)).rejects.toThrow(`has no blob ${INDEX}`)
    const single = await source.fetchManifest('', 'single')
    expect(single.claimedDigest).toBe(SINGLE)
  }, 10_000)

  test('a symlink to a FIFO, and a symlink to a FIFO outside the layout', async () => {
    const fifo = join(dir, 'fifo')
    execFileSync('mkfifo', [fifo])
    rmSync(blob(INDEX))
    symlinkSync(fifo, blob(INDEX))
    const source = new OciLayoutSource(dir)
    await expect(source.fetchManifest('', '1.0')).rejects.toThrow('(blobs/ holds a FIFO)')
    execFileSync('mkfifo', [join(outside, 'fifo')])
    rmSync(blob(INDEX))
    symlinkSync(join(outside, 'fifo'), blob(INDEX))
    await expect(source.fetchManifest('', '1.0')).rejects.toThrow(
      `blob ${INDEX} is a symlink that leads out of the layout; not read`
    )
  }, 10_000)

  test('a symlinked blob inside the layout is followed; one leading out is refused', async () => {
    const bytes = execFileSync('cat', [blob(SINGLE)])
    rmSync(blob(SINGLE))
    writeFileSync(join(dir, 'kept'), bytes)
    symlinkSync('../../kept', blob(SINGLE))
    const source = new OciLayoutSource(dir)
    expect(Buffer.from((await source.fetchManifest('', 'single')).body)).toEqual(bytes)
    expect(await source.locateBlob('', SINGLE)).toEqual({ size: bytes.length, servedBy: 'local' })

    writeFileSync(join(outside, 'secret'), bytes)
    rmSync(blob(SINGLE))
    symlinkSync(join(outside, 'secret'), blob(SINGLE))
    const again = new OciLayoutSource(dir)
    await expect(again.fetchManifest('', 'single')).rejects.toThrow(
      `blob ${SINGLE} is a symlink that leads out of the layout; not read`
    )
    await expect(again.locateBlob('', SINGLE)).rejects.toThrow('leads out of the layout')
  })
})

describe('index.json', () => {
  test('over the 4 MiB cap of an index: refused by its size, never read', async () => {
    // Sparse: 300 MB that the old source read whole (and then failed to parse).
    truncateSync(join(dir, 'index.json'), 300_000_000)
    await expect(new OciLayoutSource(dir).fetchManifest('', '1.0')).rejects.toThrow(
      `index.json is 300000000 bytes, over the ${INDEX_JSON_CAP}-byte cap`
    )
  })

  test('a FIFO as index.json is no readable index', async () => {
    rmSync(join(dir, 'index.json'))
    execFileSync('mkfifo', [join(dir, 'index.json')])
    await expect(new OciLayoutSource(dir).fetchManifest('', '1.0')).rejects.toThrow(
      `oci-layout://${dir}: index.json is a FIFO, not a file`
    )
  }, 10_000)

  test('a missing tag lists 20 tags and counts the rest', async () => {
    const manifests = Array.from({ length: 15_000 }, (_, i) => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: SINGLE,
      size: 401,
      annotations: { 'org.opencontainers.image.ref.name': `t${i}` }
    }))
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests }))
    const error = await new OciLayoutSource(dir).fetchManifest('', 'nope').catch((e: Error) => e)
    const tags = Array.from({ length: 20 }, (_, i) => `t${i}`).join(', ')
    expect((error as Error).message).toBe(
      `oci-layout://${dir} has no tag 'nope' in index.json (tags: ${tags} and 14980 more)`
    )
  })

  test('listTags', () => {
    expect(listTags([])).toBe('tags: none')
    expect(listTags(['a', 'b'])).toBe('tags: a, b')
    const twenty = Array.from({ length: 20 }, (_, i) => `${i}`)
    expect(listTags(twenty)).toBe(`tags: ${twenty.join(', ')}`)
    expect(listTags([...twenty, 'x'])).toBe(`tags: ${twenty.join(', ')} and 1 more`)
  })
})
