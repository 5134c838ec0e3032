/**
 * The `consistent` rule's reads in-process, against the real registry the integration suites
 * use: each index entry's config, the platform it states, what each read costs, and what a
 * source that cannot read configs is told.
 */
import { readConfigs } from '../../src/policy/consistency.js'
import { newReadMemo } from '../../src/policy/subject.js'
import { OciLayoutSource } from '../../src/sources/oci-layout.js'
import {
  AMD64,
  type PolicyImages,
  REPO,
  disposeClients,
  pushPolicyImages,
  resolved
} from '../helpers/policy-registry.js'
import { startFaultFront } from '../integration/harness/fault-front.js'
import { type RunningRegistry, startRegistry } from '../integration/harness/registry.js'

let reg: RunningRegistry
let images: PolicyImages

beforeAll(async () => {
  reg = await startRegistry()
  images = await pushPolicyImages(reg)
})

afterAll(async () => {
  disposeClients()
  await reg?.stop()
})

test('each entry gets the platform its config states: the mislabelled arm64 entry is amd64', async () => {
  const { record, source, requestsSince } = await resolved(reg, 'mislabelled')
  const { amd, arm } = images.mislabelled
  const configs = await readConfigs({ record, source, repository: REPO, memo: newReadMemo() })
  expect([...configs.keys()].sort()).toEqual([amd.digest, arm.digest].sort())
  expect(configs.get(amd.digest)).toEqual({ platform: AMD64, config: amd.configDigest })
  expect(configs.get(arm.digest)).toEqual({ platform: AMD64, config: arm.configDigest })
  // The manifests were read while resolving (detail: layers): one config GET per platform.
  expect(requestsSince()).toBe(2)
})

test('with detail: platforms the manifest is read first, for the config it names', async () => {
  const { record, source, requestsSince } = await resolved(reg, 'mislabelled', 'platforms')
  expect(record.platforms.every(p => p.config === undefined)).toBe(true)
  const configs = await readConfigs({ record, source, repository: REPO, memo: newReadMemo() })
  expect(configs.get(images.mislabelled.arm.digest)).toEqual({
    platform: AMD64,
    config: images.mislabelled.arm.configDigest
  })
  expect(requestsSince()).toBe(4)
})

test('a single manifest costs nothing: its platform already came from its config', async () => {
  const { record, source, requestsSince } = await resolved(reg, 'mislabelled')
  const single = { ...record, mediaType: 'application/vnd.oci.image.manifest.v1+json' }
  const configs = await readConfigs({
    record: single,
    source,
    repository: REPO,
    memo: newReadMemo()
  })
  expect(configs.size).toBe(0)
  expect(requestsSince()).toBe(0)
})

test('a config blob whose bytes are not its digest is an integrity error for that platform', async () => {
  const front = await startFaultFront(reg.url, [
    {
      path: new RegExp(`/blobs/${images.mislabelled.arm.configDigest}$`),
      fault: { kind: 'tamper' }
    }
  ])
  try {
    const { record, source } = await resolved(front, 'mislabelled')
    const configs = await readConfigs({ record, source, repository: REPO, memo: newReadMemo() })
    expect(configs.get(images.mislabelled.amd.digest)).toEqual({
      platform: AMD64,
      config: images.mislabelled.amd.configDigest
    })
    expect(configs.get(images.mislabelled.arm.digest)).toEqual({
      error: expect.stringMatching(
        new RegExp(
          `^config blob ${images.mislabelled.arm.configDigest} hashes to sha256:[0-9a-f]{64}$`
        )
      ) as string
    })
  } finally {
    await front.stop()
  }
})

test('a schema 1 platform and a source without blobs are told why, not read', async () => {
  const { record, source } = await resolved(reg, 'mislabelled')
  const schema1 = {
    ...record,
    platforms: record.platforms.map(p => ({ ...p, config: null }))
  }
  const configs = await readConfigs({
    record: schema1,
    source,
    repository: REPO,
    memo: newReadMemo()
  })
  expect(configs.get(images.mislabelled.amd.digest)).toEqual({
    error: 'a schema 1 manifest has no config'
  })
  const layout = new OciLayoutSource('/nonexistent')
  const noBlobs = Object.assign(Object.create(layout) as OciLayoutSource, {
    abilities: { ...layout.abilities, blobs: false }
  })
  const none = await readConfigs({ record, source: noBlobs, repository: REPO, memo: newReadMemo() })
  expect(none.get(images.mislabelled.amd.digest)).toEqual({
    error: 'the oci-layout source cannot read image configs'
  })
})
