/**
 * Images the policy's rule modules read more of, pushed to the real registry the integration
 * suites use (their harness), and records resolved from it as a run resolves them: an index
 * whose arm64 entry is an amd64 image, and an index with a BuildKit provenance attestation for
 * amd64 and OCI referrers by the tag schema (an SBOM and a signature of arm64, a signature of
 * the index). Shared by __tests__/policy/{apply,attestations,consistency,subject}.test.ts.
 */
import { HttpClient } from '../../src/http/client.js'
import type { ImageRecord } from '../../src/model/record.js'
import { parseReference } from '../../src/model/reference.js'
import { resolveImage } from '../../src/resolve/resolve.js'
import { Authenticator } from '../../src/sources/registry/auth.js'
import { RegistrySource } from '../../src/sources/registry/registry-source.js'
import {
  ArtifactPresets,
  type BuiltArtifact,
  type PushedImage,
  type RunningRegistry,
  type Subject,
  buildAttestation,
  pushArtifact,
  pushBlob,
  pushImage,
  pushIndex,
  pushManifest,
  pushReferrersTagIndex
} from '../integration/harness/registry.js'

export const AMD64 = { os: 'linux', architecture: 'amd64' }
export const ARM64 = { os: 'linux', architecture: 'arm64' }
export const REPO = 'acme/app'

export interface PolicyImages {
  mislabelled: { amd: PushedImage; arm: PushedImage; index: string }
  attested: {
    amd: PushedImage
    arm: PushedImage
    index: string
    attestation: string
    armReferrers: BuiltArtifact[]
    indexReferrers: BuiltArtifact[]
  }
}

const descriptorOf = (i: { mediaType: string; digest: string; size: number }): Subject => ({
  mediaType: i.mediaType,
  digest: i.digest,
  size: i.size
})

/** Artifacts with `subject`, and the tag-schema index listing them (distribution 2.8 has no API). */
async function attach(
  reg: RunningRegistry,
  subject: Subject,
  presets: Parameters<typeof pushArtifact>[2][]
): Promise<BuiltArtifact[]> {
  const artifacts: BuiltArtifact[] = []
  for (const preset of presets) artifacts.push(await pushArtifact(reg, REPO, preset))
  await pushReferrersTagIndex(reg, REPO, subject.digest, artifacts)
  return artifacts
}

export async function pushPolicyImages(reg: RunningRegistry): Promise<PolicyImages> {
  const image = (platform: typeof AMD64, seed: string, layerSizes: number[]) =>
    pushImage(reg, REPO, undefined, { platform, layerSizes, seed, format: 'oci' })
  const m1 = await image(AMD64, 'mislabelled-1', [100])
  const m2 = await image(AMD64, 'mislabelled-2', [100])
  const mislabelled = await pushIndex(reg, REPO, 'mislabelled', [m1, { ...m2, platform: ARM64 }], {
    format: 'oci'
  })

  const amd = await image(AMD64, 'attested', [200, 300])
  const arm = await image(ARM64, 'attested', [200, 300])
  const attestation = buildAttestation(REPO, amd)
  await Promise.all([
    pushBlob(reg, REPO, attestation.config),
    ...attestation.layerBlobs.map(b => pushBlob(reg, REPO, b))
  ])
  await pushManifest(reg, REPO, attestation.digest, attestation.body, attestation.mediaType)
  const index = await pushIndex(reg, REPO, 'attested', [amd, arm], {
    format: 'oci',
    extra: [
      {
        mediaType: attestation.mediaType,
        digest: attestation.digest,
        size: attestation.size,
        annotations: {
          'vnd.docker.reference.digest': amd.digest,
          'vnd.docker.reference.type': 'attestation-manifest'
        },
        platform: { architecture: 'unknown', os: 'unknown' }
      }
    ]
  })
  const armReferrers = await attach(reg, descriptorOf(arm), [
    ArtifactPresets.spdxSbom(descriptorOf(arm)),
    ArtifactPresets.notationSignature(descriptorOf(arm))
  ])
  const indexReferrers = await attach(reg, descriptorOf(index), [
    ArtifactPresets.cosignSignature(descriptorOf(index))
  ])
  return {
    mislabelled: { amd: m1, arm: m2, index: mislabelled.digest },
    attested: {
      amd,
      arm,
      index: index.digest,
      attestation: attestation.digest,
      armReferrers,
      indexReferrers
    }
  }
}

export interface Resolved {
  record: ImageRecord
  source: RegistrySource
  http: HttpClient
  /** Requests the source sent since it resolved the record. */
  requestsSince: () => number
}

const clients: HttpClient[] = []

/** Resolves `tag` of REPO on `reg` (the registry, or a front) through a fresh source, as a run does. */
export async function resolved(
  reg: { host: string },
  tag: string,
  detail: 'layers' | 'platforms' = 'layers'
): Promise<Resolved> {
  const http = new HttpClient({ timeoutMs: 10_000, concurrency: 8, attempts: 1 })
  clients.push(http)
  const auth = new Authenticator(http, () => Promise.resolve(undefined), {
    allowsPlainHttp: () => true
  })
  const source = new RegistrySource(reg.host, http, auth, true)
  const ref = parseReference(`${reg.host}/${REPO}:${tag}`)
  if (ref.kind !== 'registry') throw new Error('not a registry reference')
  const record = await resolveImage(ref, source, { detail })
  if (record.error) throw new Error(`${tag}: ${record.error}`)
  const base = http.totalRequests
  return { record, source, http, requestsSince: () => http.totalRequests - base }
}

export function disposeClients(): void {
  for (const c of clients.splice(0)) c.dispose()
}
