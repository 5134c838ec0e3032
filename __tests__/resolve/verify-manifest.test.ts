/**
 * verify: a manifest body checked against its digest, then parsed, on the corpus's real bodies
 * (__tests__/fixtures/corpus/, each under the digest its registry reported).
 */
import { readFileSync } from 'node:fs'
import { computeDigest } from '../../src/model/digest.js'
import { DigestGateError } from '../../src/model/errors.js'
import { MediaTypes } from '../../src/model/manifest.js'
import { verify } from '../../src/resolve/verify-manifest.js'
import type { FetchedManifest } from '../../src/sources/source.js'
import { MemoryStore, explanation } from '../helpers/memory-source.js'
import { startWalk } from '../helpers/walk.js'

const corpus = (name: string): Buffer =>
  readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url))

const BUSYBOX = corpus('dockerhub-busybox-list-10-platforms.json')
const BUSYBOX_DIGEST = 'sha256:bd5b5d4f108773d02b2f3aa930feaa08067091e96ecf45f10e98e76383ff7af9'
const HELLO_SCHEMA1 = corpus('dockerhub-hello-world-schema1-signed-2015.json')
const HELLO_SCHEMA1_DIGEST =
  'sha256:02fee8c3220ba806531f606525eceb83f4feb654f62b207191b1c9209188dedd'
const ATTESTATION = corpus('ghcr-buildkit-attestation-manifest.json')
const ATTESTATION_DIGEST = 'sha256:0b99212f395833227bbb3fdf0e821efd8ce8af3cca65ce9e00fc96c683af7076'

const fetched = (
  body: Uint8Array,
  contentType: string,
  claimedDigest?: string
): FetchedManifest => ({
  kind: 'manifest',
  body,
  contentType,
  claimedDigest
})

function thrown(f: () => unknown): DigestGateError {
  try {
    f()
  } catch (e) {
    if (e instanceof DigestGateError) return e
    throw e
  }
  throw new Error('expected a DigestGateError')
}

const exact = () => startWalk(new MemoryStore().source())

describe('a source serving the registry’s own bytes', () => {
  test('pinned: the Docker Hub busybox list under its digest, ten platforms', () => {
    const { manifest, digest } = verify(
      exact(),
      fetched(BUSYBOX, MediaTypes.dockerList),
      BUSYBOX_DIGEST,
      BUSYBOX_DIGEST
    )
    expect(digest).toBe(BUSYBOX_DIGEST)
    expect(manifest.kind).toBe('index')
    expect(manifest.kind === 'index' && manifest.manifests.length).toBe(10)
  })

  test('by tag: the digest is the hash of the body, and a header that agrees is fine', () => {
    for (const claimed of [undefined, ATTESTATION_DIGEST]) {
      const { manifest, digest } = verify(
        exact(),
        fetched(ATTESTATION, MediaTypes.ociManifest, claimed),
        'latest',
        undefined
      )
      expect(digest).toBe(ATTESTATION_DIGEST)
      expect(manifest.kind).toBe('image')
    }
  })

  test('by tag: a sha512 header makes the hash sha512', () => {
    const sha512 = computeDigest(ATTESTATION, 'sha512')
    const { digest } = verify(
      exact(),
      fetched(ATTESTATION, MediaTypes.ociManifest, sha512),
      'latest',
      undefined
    )
    expect(digest).toBe(sha512)
  })

  test('by tag: a header that disagrees with the hash is an integrity error naming both', () => {
    const claimed = computeDigest(Buffer.from('claimed'))
    const e = thrown(() =>
      verify(exact(), fetched(ATTESTATION, MediaTypes.ociManifest, claimed), 'v1', undefined)
    )
    expect(e.kind).toBe('integrity')
    expect(e.registry).toBe('memory.example')
    expect(e.message).toBe(
      `memory.example said the manifest for 'v1' is ${claimed}, but its content hashes to ${ATTESTATION_DIGEST}`
    )
  })

  test('pinned: a body that hashes to another digest is an integrity error', () => {
    const e = thrown(() =>
      verify(exact(), fetched(ATTESTATION, MediaTypes.ociManifest), BUSYBOX_DIGEST, BUSYBOX_DIGEST)
    )
    expect(e.kind).toBe('integrity')
    expect(e.message).toContain(`expected ${BUSYBOX_DIGEST}, got ${ATTESTATION_DIGEST}`)
  })

  test('signed schema 1: the digest covers the payload only, and the manifest is marked signed', () => {
    expect(computeDigest(HELLO_SCHEMA1)).not.toBe(HELLO_SCHEMA1_DIGEST)
    const pinned = verify(
      exact(),
      fetched(HELLO_SCHEMA1, MediaTypes.schema1Signed),
      HELLO_SCHEMA1_DIGEST,
      HELLO_SCHEMA1_DIGEST
    )
    expect(pinned.digest).toBe(HELLO_SCHEMA1_DIGEST)
    expect(pinned.manifest).toMatchObject({ kind: 'schema1', signed: true })
    const byTag = verify(
      exact(),
      fetched(HELLO_SCHEMA1, MediaTypes.schema1Signed, HELLO_SCHEMA1_DIGEST),
      'latest',
      undefined
    )
    expect(byTag.digest).toBe(HELLO_SCHEMA1_DIGEST)
  })

  test('a Content-Type that contradicts the mediaType: the source and digest name the error', () => {
    const e = thrown(() =>
      verify(
        exact(),
        fetched(ATTESTATION, MediaTypes.dockerManifest),
        ATTESTATION_DIGEST,
        ATTESTATION_DIGEST
      )
    )
    expect(e.kind).toBe('invalid-manifest')
    expect(e.registry).toBe('memory.example')
    expect(e.message).toMatch(
      new RegExp(`^memory\\.example ${ATTESTATION_DIGEST}: manifest says mediaType`)
    )
  })
})

describe('a source whose bytes are not the registry’s', () => {
  const reserialising = () =>
    startWalk(new MemoryStore().source({ abilities: { exactBytes: false } }))

  test('the digest is null, the body is still parsed, and why is said once', () => {
    const walk = reserialising()
    const a = verify(walk, fetched(BUSYBOX, MediaTypes.dockerList), 'latest', undefined)
    // Not checked: a wrong pin is not caught here, since the bytes cannot decide it.
    const b = verify(walk, fetched(ATTESTATION, MediaTypes.ociManifest), 'x', BUSYBOX_DIGEST)
    expect([a.digest, b.digest]).toEqual([null, null])
    expect([a.manifest.kind, b.manifest.kind]).toEqual(['index', 'image'])
    expect(walk.record.notes).toEqual([explanation('digest', 'team/app:1.0')])
  })

  test('a parse error names the subject when there is no digest', () => {
    const e = thrown(() =>
      verify(
        reserialising(),
        fetched(Buffer.from('not json'), MediaTypes.ociManifest),
        'x',
        undefined
      )
    )
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message).toMatch(/^memory\.example team\/app:1\.0: /)
  })
})
