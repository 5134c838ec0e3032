// OCI 1.1 artifacts with a `subject` (image-spec manifest.md "Guidelines for Artifact Usage"), the
// shapes cosign, sigstore bundles, notation and SBOM tools push, and the referrers tag-schema index
// that clients maintain on registries without the referrers API (distribution-spec spec.md
// "Pushing Manifests with Subject"). Content is fake but shaped like the real thing; nothing here
// signs or verifies. Independent of src/, like the rest of the harness.
import { pushBlob, request, sha256, type Auth, type RegistryEndpoint } from './client.js'
import { MediaTypes } from './images.js'

/** image-spec manifest.md "Guidance for an Empty Descriptor". */
export const EMPTY_JSON = Buffer.from('{}')
export const EMPTY_DESCRIPTOR = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2
} as const

export interface Subject {
  mediaType: string
  digest: string
  size: number
}

export interface ArtifactOptions {
  subject: Subject
  /** Omitted for producers that only set the config media type (notation before OCI 1.1). */
  artifactType?: string
  /** Defaults to the empty descriptor's type; the config blob is always `{}`. */
  configMediaType?: string
  layer: { mediaType: string; content: Buffer | string; annotations?: Record<string, string> }
  annotations?: Record<string, string>
  auth?: Auth
}

export interface BuiltArtifact {
  digest: string
  size: number
  body: Buffer
  mediaType: string
  artifactType?: string
  configMediaType: string
  annotations?: Record<string, string>
  layerBlob: Buffer
  subject: Subject
}

export interface PushedArtifact extends BuiltArtifact {
  /** The `OCI-Subject` header of the PUT answer: set only by a registry with the referrers API. */
  ociSubject?: string
}

export function buildArtifact(opts: ArtifactOptions): BuiltArtifact {
  const layerBlob = Buffer.from(opts.layer.content)
  const configMediaType = opts.configMediaType ?? EMPTY_DESCRIPTOR.mediaType
  const manifest: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest
  }
  if (opts.artifactType !== undefined) manifest.artifactType = opts.artifactType
  manifest.config = { ...EMPTY_DESCRIPTOR, mediaType: configMediaType }
  const layer: Record<string, unknown> = {
    mediaType: opts.layer.mediaType,
    digest: sha256(layerBlob),
    size: layerBlob.length
  }
  if (opts.layer.annotations) layer.annotations = opts.layer.annotations
  manifest.layers = [layer]
  manifest.subject = opts.subject
  if (opts.annotations) manifest.annotations = opts.annotations
  const body = Buffer.from(JSON.stringify(manifest))
  const out: BuiltArtifact = {
    digest: sha256(body),
    size: body.length,
    body,
    mediaType: MediaTypes.ociManifest,
    configMediaType,
    layerBlob,
    subject: opts.subject
  }
  if (opts.artifactType !== undefined) out.artifactType = opts.artifactType
  if (opts.annotations) out.annotations = opts.annotations
  return out
}

/** Pushes the `{}` config, the layer and the manifest (by digest, as referrers are). */
export async function pushArtifact(
  reg: RegistryEndpoint,
  repo: string,
  opts: ArtifactOptions
): Promise<PushedArtifact> {
  const built = buildArtifact(opts)
  await Promise.all([
    pushBlob(reg, repo, EMPTY_JSON, opts.auth),
    pushBlob(reg, repo, built.layerBlob, opts.auth)
  ])
  const authorization =
    typeof opts.auth === 'function' ? await opts.auth(`repository:${repo}:pull,push`) : opts.auth
  const res = await request(`${reg.url}/v2/${repo}/manifests/${built.digest}`, {
    method: 'PUT',
    headers: {
      'Content-Type': built.mediaType,
      ...(authorization ? { Authorization: authorization } : {})
    },
    body: built.body
  })
  if (res.status !== 201) {
    throw new Error(
      `PUT artifact ${repo}@${built.digest}: HTTP ${res.status} ${res.body.toString()}`
    )
  }
  const echoed = res.headers['docker-content-digest']
  if (echoed !== built.digest)
    throw new Error(`registry stored ${String(echoed)}, built ${built.digest}`)
  const ociSubject = res.headers['oci-subject']
  return typeof ociSubject === 'string' ? { ...built, ociSubject } : built
}

function statement(subject: Subject, predicateType: string, predicate: unknown): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'image', digest: { sha256: subject.digest.replace(/^sha256:/, '') } }],
      predicateType,
      predicate
    })
  )
}

/** The artifacts real tools attach, by their published media types. */
export const ArtifactPresets = {
  /** cosign OCI 1.1 mode: config.mediaType names the artifact, a simple signing layer. */
  cosignSignature(subject: Subject): ArtifactOptions {
    return {
      subject,
      configMediaType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
      layer: {
        mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
        content: JSON.stringify({
          critical: {
            identity: { 'docker-reference': 'example' },
            image: { 'docker-manifest-digest': subject.digest },
            type: 'cosign container image signature'
          },
          optional: null
        }),
        annotations: { 'dev.cosignproject.cosign/signature': 'ZmFrZQ==' }
      }
    }
  },
  /** A GitHub / cosign v3 sigstore bundle holding DSSE-wrapped provenance. */
  sigstoreProvenance(subject: Subject): ArtifactOptions {
    const type = 'application/vnd.dev.sigstore.bundle.v0.3+json'
    const payload = statement(subject, 'https://slsa.dev/provenance/v1', { buildDefinition: {} })
    return {
      subject,
      artifactType: type,
      layer: {
        mediaType: type,
        content: JSON.stringify({
          mediaType: type,
          verificationMaterial: {},
          dsseEnvelope: {
            payloadType: 'application/vnd.in-toto+json',
            payload: payload.toString('base64'),
            signatures: [{ sig: 'ZmFrZQ==' }]
          }
        })
      },
      annotations: {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1',
        'org.opencontainers.image.created': '2024-01-01T00:00:00Z'
      }
    }
  },
  /** An SPDX JSON SBOM pushed as an artifact (`oras attach --artifact-type application/spdx+json`). */
  spdxSbom(subject: Subject): ArtifactOptions {
    return {
      subject,
      artifactType: 'application/spdx+json',
      layer: {
        mediaType: 'application/spdx+json',
        content: JSON.stringify({
          spdxVersion: 'SPDX-2.3',
          SPDXID: 'SPDXRef-DOCUMENT',
          packages: []
        })
      },
      annotations: { 'org.opencontainers.image.created': '2024-01-01T00:00:00Z' }
    }
  },
  /** notation on a 1.0-only registry: no artifactType, the signature type on the config. */
  notationSignature(subject: Subject): ArtifactOptions {
    return {
      subject,
      configMediaType: 'application/vnd.cncf.notary.signature',
      layer: {
        mediaType: 'application/jose+json',
        content: JSON.stringify({ payload: 'e30', protected: 'e30', signature: '' })
      },
      annotations: { 'io.cncf.notary.x509chain.thumbprint#S256': '["00"]' }
    }
  }
}

/** spec.md "Referrers Tag Schema" for sha256 and sha512: `alg-` plus 64 hex digits at most. */
export function referrersTagOf(digest: string): string {
  const [algorithm, encoded] = digest.split(':')
  return `${algorithm}-${encoded.slice(0, 64)}`
}

export interface ReferrersTagIndex {
  tag: string
  digest: string
  body: Buffer
  /** What GET of the tag answered before the update (404 when there was no list yet). */
  foundStatus: number
}

/**
 * Updates the referrers tag-schema index the way a client must when the registry did not answer
 * its PUT with `OCI-Subject` (spec.md "Pushing Manifests with Subject"): pull the tag, start from
 * an empty index on 404, add a descriptor for each artifact not already listed (artifactType, else
 * the config media type; the manifest's annotations), push the index back to the tag.
 */
export async function pushReferrersTagIndex(
  reg: RegistryEndpoint,
  repo: string,
  subject: string,
  artifacts: BuiltArtifact[],
  auth?: string
): Promise<ReferrersTagIndex> {
  const tag = referrersTagOf(subject)
  const headers: Record<string, string> = auth ? { Authorization: auth } : {}
  const current = await request(`${reg.url}/v2/${repo}/manifests/${tag}`, {
    headers: { ...headers, Accept: MediaTypes.ociIndex }
  })
  let manifests: Record<string, unknown>[] = []
  if (current.status === 200) {
    const index = JSON.parse(current.body.toString('utf8')) as {
      mediaType?: string
      manifests?: unknown
    }
    if (index.mediaType !== MediaTypes.ociIndex || !Array.isArray(index.manifests)) {
      throw new Error(`${repo}:${tag} holds something other than an image index`)
    }
    manifests = index.manifests as Record<string, unknown>[]
  } else if (current.status !== 404) {
    throw new Error(`GET ${repo}:${tag}: HTTP ${current.status} ${current.body.toString()}`)
  }
  for (const a of artifacts) {
    if (manifests.some(m => m.digest === a.digest)) continue
    const d: Record<string, unknown> = {
      mediaType: a.mediaType,
      digest: a.digest,
      size: a.size,
      artifactType: a.artifactType ?? a.configMediaType
    }
    if (a.annotations) d.annotations = a.annotations
    manifests.push(d)
  }
  const body = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaTypes.ociIndex, manifests })
  )
  const put = await request(`${reg.url}/v2/${repo}/manifests/${tag}`, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': MediaTypes.ociIndex },
    body
  })
  if (put.status !== 201)
    throw new Error(`PUT ${repo}:${tag}: HTTP ${put.status} ${put.body.toString()}`)
  return { tag, digest: sha256(body), body, foundStatus: current.status }
}
