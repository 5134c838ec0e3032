/**
 * The OCI image layout source in-process, on layouts skopeo writes from the real registry the
 * integration suites use (Debian's docker-registry through their harness): tags, digests,
 * blobs, and what a broken or foreign folder is told.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { DigestGateError } from '../../src/model/errors.js'
import { OciLayoutSource } from '../../src/sources/oci-layout.js'
import {
  type PushedImage,
  type PushedIndex,
  type RunningRegistry,
  pushImage,
  pushIndex,
  startRegistry
} from '../integration/harness/registry.js'

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
