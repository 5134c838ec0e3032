/**
 * describe: a source that answers a tag with its top digest and platform objects (a Docker
 * Engine's /distribution), fed the platforms of the corpus's real indexes.
 */
import { readFileSync } from 'node:fs'
import { DigestGateError } from '../../src/model/errors.js'
import { MediaTypes } from '../../src/model/manifest.js'
import { describe as describeAnswer } from '../../src/resolve/describe.js'
import type { DescribedManifest } from '../../src/sources/source.js'
import { MemoryStore, explanation } from '../helpers/memory-source.js'
import { startWalk } from '../helpers/walk.js'

const platformsOf = (name: string): unknown[] =>
  (
    JSON.parse(readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url), 'utf8')) as {
      manifests: { platform: unknown }[]
    }
  ).manifests.map(m => m.platform)

const BUSYBOX_DIGEST = 'sha256:bd5b5d4f108773d02b2f3aa930feaa08067091e96ecf45f10e98e76383ff7af9'
const GHCR_INDEX_DIGEST = 'sha256:138fc25e9aaf93251609d23a8a50e91d50462f5dccb53cffde8db7a46385cfec'
const SUBJECT = 'team/app:1.0'

const engine = () =>
  new MemoryStore().source({
    kind: 'docker',
    described: true,
    abilities: { exactBytes: false, manifestsByDigest: false, blobs: false, blobSizes: false }
  })

const answer = (digest: string, platforms: unknown[]): DescribedManifest => ({
  kind: 'described',
  digest,
  mediaType: MediaTypes.dockerList,
  platforms
})

describe('describe', () => {
  test("busybox's ten platforms, each a record without digest or sizes", () => {
    const walk = startWalk(engine())
    describeAnswer(
      walk,
      answer(BUSYBOX_DIGEST, platformsOf('dockerhub-busybox-list-10-platforms.json'))
    )
    const { record } = walk
    expect(record.digest).toBe(BUSYBOX_DIGEST)
    expect(record.mediaType).toBe(MediaTypes.dockerList)
    expect(record.platforms.map(p => p.platform)).toEqual([
      'linux/amd64',
      'linux/arm/v5',
      'linux/arm/v6',
      'linux/arm/v7',
      'linux/arm64',
      'linux/386',
      'linux/mips64le',
      'linux/ppc64le',
      'linux/riscv64',
      'linux/s390x'
    ])
    for (const p of record.platforms) {
      expect(p).toMatchObject({ digest: null, mediaType: null, layers: null, size: null })
    }
    expect(record.platforms[4].declared).toEqual({
      architecture: 'arm64',
      os: 'linux',
      variant: 'v8'
    })
    expect(record.attestations).toBe(0)
    expect(record.notes).toEqual([explanation('children', SUBJECT)])
  })

  test("GHCR's BuildKit index: the unknown/unknown entry is an attestation, not a platform", () => {
    const walk = startWalk(engine())
    describeAnswer(
      walk,
      answer(GHCR_INDEX_DIGEST, platformsOf('ghcr-buildkit-attestation-index.json'))
    )
    expect(walk.record.platforms.map(p => p.platform)).toEqual(['linux/amd64'])
    expect(walk.record.attestations).toBe(1)
  })

  test('a platform listed twice, however spelled, is one record', () => {
    const walk = startWalk(engine())
    describeAnswer(
      walk,
      answer(BUSYBOX_DIGEST, [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'x86_64' },
        { os: 'linux', architecture: 'aarch64' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' }
      ])
    )
    expect(walk.record.platforms.map(p => p.platform)).toEqual(['linux/amd64', 'linux/arm64'])
  })

  test('entries that are not platforms are left out; invalid ones are noted', () => {
    const walk = startWalk(engine())
    describeAnswer(
      walk,
      answer(BUSYBOX_DIGEST, [
        null,
        'linux/amd64',
        { os: 'linux' },
        { os: 'linux', architecture: 'a b' }
      ])
    )
    expect(walk.record.platforms).toEqual([])
    expect(walk.record.notes.filter(n => n.startsWith('skipped a platform entry: '))).toHaveLength(
      1
    )
    expect(walk.record.notes.at(-1)).toBe(explanation('children', SUBJECT))
  })

  test("no platforms at all: the source's 'platforms' explanation, then 'children'", () => {
    const walk = startWalk(engine())
    describeAnswer(walk, answer(BUSYBOX_DIGEST, []))
    expect(walk.record.notes).toEqual([
      explanation('platforms', SUBJECT),
      explanation('children', SUBJECT)
    ])
  })

  test('pinned: a digest the answer agrees with is kept; another is an integrity error', () => {
    const pinned = `registry.example/team/app@${BUSYBOX_DIGEST}`
    const ok = startWalk(engine(), pinned)
    describeAnswer(ok, answer(BUSYBOX_DIGEST, [{ os: 'linux', architecture: 'amd64' }]))
    expect(ok.record.digest).toBe(BUSYBOX_DIGEST)

    const walk = startWalk(engine(), pinned)
    let error: unknown
    try {
      describeAnswer(walk, answer(GHCR_INDEX_DIGEST, [{ os: 'linux', architecture: 'amd64' }]))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DigestGateError)
    expect((error as DigestGateError).kind).toBe('integrity')
    expect((error as DigestGateError).message).toBe(
      `memory.example answered ${GHCR_INDEX_DIGEST} for team/app@${BUSYBOX_DIGEST}, which asked for ${BUSYBOX_DIGEST}`
    )
    expect(walk.record.digest).toBeNull()
    expect(walk.record.platforms).toEqual([])
  })
})
