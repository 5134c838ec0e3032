/**
 * The OCI image layout source in-process, on layouts skopeo writes from the real registry the
 * integration suites use (Debian's docker-registry through their harness): tags, digests,
 * blobs, and what a broken or foreign folder is told.
 */
import { execFile, execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { DigestGateError } from '../../src/model/errors.js'
import { INDEX_JSON_CAP, OciLayoutSource, listTags } from '../../src/sources/oci-layout.js'
import {
  type PushedImage,
  type PushedIndex,
  type RunningRegistry,
  pushImage,
  pushIndex,
  startRegistry
} from '../integration/harness/registry.js'

describe('layouts skopeo wrote from the real registry', () => {
  const run = promisify(execFile)
  const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

  let reg: RunningRegistry
  let dir: string
  let layout: string
  let children: PushedImage[]
  let index: PushedIndex

  /** skopeo copies `image` into the layout at `into` under `tag`, every platform, digests kept. */
  async function skopeoCopy(image: string, into: string, tag: string): Promise<void> {
    await run('skopeo', [
      'copy',
      '--all',
      '--preserve-digests',
      '--src-tls-verify=false',
      `docker://${image}`,
      `oci:${into}:${tag}`
    ])
  }

  beforeAll(async () => {
    reg = await startRegistry()
    dir = await mkdtemp(join(tmpdir(), 'dg-oci-layout-'))
    children = await Promise.all(
      [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' }
      ].map(platform =>
        pushImage(reg, 'app', undefined, { platform, layerSizes: [120, 7], format: 'oci' })
      )
    )
    index = await pushIndex(reg, 'app', '1', children, { format: 'oci' })
    layout = join(dir, 'layout')
    await skopeoCopy(`${reg.host}/app:1`, layout, '1.0')
    await skopeoCopy(`${reg.host}/app@${children[0].digest}`, layout, 'amd64-only')
    await skopeoCopy(`${reg.host}/app@${children[1].digest}`, join(dir, 'single'), 'only')
  }, 60_000)

  afterAll(async () => {
    await reg?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  async function failure(p: Promise<unknown>): Promise<DigestGateError> {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err
    )
    expect(e).toBeInstanceOf(DigestGateError)
    return e as DigestGateError
  }

  test('a tag answers the index bytes skopeo stored, with the digest and type of its entry', async () => {
    const source = new OciLayoutSource(layout)
    expect(source.label).toBe(`oci-layout://${layout}`)
    const fetched = await source.fetchManifest('', '1.0')
    expect(sha256(fetched.body)).toBe(index.digest)
    expect(fetched.claimedDigest).toBe(index.digest)
    expect(fetched.contentType).toBe('application/vnd.oci.image.index.v1+json')
    const other = await source.fetchManifest('', 'amd64-only')
    expect(other.claimedDigest).toBe(children[0].digest)
    // A child by digest, as resolve reads an index's entries.
    const child = await source.fetchManifest('', children[1].digest)
    expect(sha256(child.body)).toBe(children[1].digest)
  })

  test('blobs: a config read whole, a layer located by its size', async () => {
    const source = new OciLayoutSource(layout)
    const config = await source.fetchBlob('', children[1].configDigest, 1 << 20)
    expect(sha256(config)).toBe(children[1].configDigest)
    expect(await source.locateBlob('', children[0].layers[0].digest)).toEqual({
      size: 120,
      servedBy: 'local'
    })
    const over = await failure(source.fetchBlob('', children[1].configDigest, 10))
    expect(over.kind).toBe('invalid-manifest')
    expect(over.message).toBe(
      `oci-layout://${layout}: blob ${children[1].configDigest} is ${children[1].configSize} bytes, over the 10-byte cap`
    )
    const absent = `sha256:${'e'.repeat(64)}`
    const missing = await failure(source.locateBlob('', absent))
    expect(missing.kind).toBe('not-found')
    expect(missing.code).toBe('BLOB_UNKNOWN')
    expect(missing.message).toBe(`oci-layout://${layout} has no blob ${absent}`)
  })

  test("an unknown tag is not-found, listing the layout's tags", async () => {
    const e = await failure(new OciLayoutSource(layout).fetchManifest('', 'nope'))
    expect(e.kind).toBe('not-found')
    expect(e.code).toBe('MANIFEST_UNKNOWN')
    expect(e.message).toBe(
      `oci-layout://${layout} has no tag 'nope' in index.json (tags: 1.0, amd64-only)`
    )
  })

  test("'latest' names the only entry of a one-image layout, and only there", async () => {
    const single = new OciLayoutSource(join(dir, 'single'))
    expect((await single.fetchManifest('', 'latest')).claimedDigest).toBe(children[1].digest)
    const e = await failure(new OciLayoutSource(layout).fetchManifest('', 'latest'))
    expect(e.message).toContain("has no tag 'latest'")
  })

  test('a folder that is no layout, or whose index.json is broken, is told which and where', async () => {
    const empty = join(dir, 'empty')
    await mkdir(empty)
    const none = await failure(new OciLayoutSource(empty).fetchManifest('', 'x'))
    expect(none.kind).toBe('invalid-input')
    expect(none.message).toBe(
      `oci-layout://${empty} is not an OCI image layout: no readable 'oci-layout' file in ${empty}`
    )
    await writeFile(join(empty, 'oci-layout'), '{"version":1}')
    expect((await failure(new OciLayoutSource(empty).fetchManifest('', 'x'))).message).toBe(
      `oci-layout://${empty}: 'oci-layout' has no imageLayoutVersion`
    )
    await writeFile(join(empty, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
    await writeFile(join(empty, 'index.json'), '{"manifests":')
    expect((await failure(new OciLayoutSource(empty).fetchManifest('', 'x'))).message).toBe(
      `oci-layout://${empty}: index.json is missing or not valid JSON`
    )
    await writeFile(join(empty, 'index.json'), '{"schemaVersion":2}')
    expect((await failure(new OciLayoutSource(empty).fetchManifest('', 'x'))).message).toBe(
      `oci-layout://${empty}: index.json has no manifests array`
    )
  })
})

describe('layouts changed as a pull request or a broken tool could', () => {
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
})
