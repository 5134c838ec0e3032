// Deterministic image/index fixtures: same inputs always give the same bytes, so tests can assert
// exact digests and sizes without reading them back from the registry.
import { createCipheriv, createHash } from 'node:crypto'
import { pushBlob, pushManifest, sha256, type Auth, type RegistryEndpoint } from './client.js'

export const MediaTypes = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  inToto: 'application/vnd.in-toto+json',
  schema1: 'application/vnd.docker.distribution.manifest.v1+json',
  schema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws'
} as const

export type Format = 'oci' | 'docker'

export interface Platform {
  os: string
  architecture: string
  variant?: string
  'os.version'?: string
  'os.features'?: string[]
}

export interface PushedImage {
  digest: string
  mediaType: string
  /** Manifest byte length. */
  size: number
  body: Buffer
  configDigest: string
  configSize: number
  layers: { digest: string; size: number }[]
  totalLayerSize: number
  platform: Platform
}

export interface ImageOptions {
  platform: Platform
  /** Exact blob sizes in bytes, bottom layer first. */
  layerSizes: number[]
  /** Varies content (and so digests) between otherwise identical images. */
  seed?: string
  format?: Format
  auth?: Auth
}

export interface BuiltImage extends PushedImage {
  config: Buffer
  layerBlobs: Buffer[]
}

export interface IndexOptions {
  format?: Format
  /** Add one BuildKit-style attestation manifest per child, after all image entries. */
  attestations?: boolean
  /** Raw descriptors appended verbatim (after attestations); their targets are not pushed. */
  extra?: Record<string, unknown>[]
  auth?: Auth
}

export interface PushedIndex {
  digest: string
  mediaType: string
  size: number
  body: Buffer
  /** In the same order as the children they attest. */
  attestationDigests: string[]
}

export const FIXED_CREATED = '2024-01-01T00:00:00Z'

/**
 * Pseudo-random but reproducible bytes. AES-CTR over zeros is a fast keyed stream; real random
 * content keeps the layers incompressible, like real gzip layers.
 */
export function deterministicBytes(seed: string, size: number): Buffer {
  const key = createHash('sha256').update(seed).digest()
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16))
  return Buffer.concat([cipher.update(Buffer.alloc(size)), cipher.final()])
}

export function platformString(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/')
}

/** Omits absent optional fields so bodies look like what real builders emit. */
function platformJson(p: Platform): Platform {
  const out: Platform = { architecture: p.architecture, os: p.os }
  if (p['os.version'] !== undefined) out['os.version'] = p['os.version']
  if (p['os.features'] !== undefined) out['os.features'] = p['os.features']
  if (p.variant !== undefined) out.variant = p.variant
  return out
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value))
}

export function buildImage(opts: ImageOptions): BuiltImage {
  const format = opts.format ?? 'docker'
  const seed = `${opts.seed ?? ''}|${platformString(opts.platform)}|${opts.platform['os.version'] ?? ''}`
  const layerBlobs = opts.layerSizes.map((n, i) => deterministicBytes(`${seed}|layer${i}`, n))
  const layers = layerBlobs.map(b => ({ digest: sha256(b), size: b.length }))

  const p = opts.platform
  const configObj: Record<string, unknown> = { architecture: p.architecture, os: p.os }
  if (p['os.version'] !== undefined) configObj['os.version'] = p['os.version']
  if (p['os.features'] !== undefined) configObj['os.features'] = p['os.features']
  if (p.variant !== undefined) configObj.variant = p.variant
  Object.assign(configObj, {
    created: FIXED_CREATED,
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/true'],
      Labels: { 'digest-gate.test.seed': opts.seed ?? '' }
    },
    // Layers are not real tarballs, so the "uncompressed" digest is just the blob digest.
    rootfs: { type: 'layers', diff_ids: layers.map(l => l.digest) },
    history: layers.map((_, i) => ({ created: FIXED_CREATED, created_by: `layer ${i}` }))
  })
  const config = json(configObj)
  const configDigest = sha256(config)

  const mediaType = format === 'oci' ? MediaTypes.ociManifest : MediaTypes.dockerManifest
  const layerType = format === 'oci' ? MediaTypes.ociLayer : MediaTypes.dockerLayer
  const body = json({
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: format === 'oci' ? MediaTypes.ociConfig : MediaTypes.dockerConfig,
      digest: configDigest,
      size: config.length
    },
    layers: layers.map(l => ({ mediaType: layerType, digest: l.digest, size: l.size }))
  })
  return {
    digest: sha256(body),
    mediaType,
    size: body.length,
    body,
    configDigest,
    configSize: config.length,
    config,
    layers,
    layerBlobs,
    totalLayerSize: layers.reduce((a, l) => a + l.size, 0),
    platform: platformJson(opts.platform)
  }
}

async function pushBuilt(
  reg: RegistryEndpoint,
  repo: string,
  tag: string | undefined,
  img: BuiltImage,
  auth?: Auth
): Promise<void> {
  // Registries validate that referenced blobs exist, so blobs must land before the manifest.
  await Promise.all([
    pushBlob(reg, repo, img.config, auth),
    ...img.layerBlobs.map(b => pushBlob(reg, repo, b, auth))
  ])
  const digest = await pushManifest(reg, repo, tag ?? img.digest, img.body, img.mediaType, auth)
  if (digest !== img.digest) {
    throw new Error(`registry answered ${digest} for ${repo}, computed ${img.digest}`)
  }
}

/** Pushes blobs and manifest; with `tag` undefined the manifest is pushed by digest only. */
export async function pushImage(
  reg: RegistryEndpoint,
  repo: string,
  tag: string | undefined,
  opts: ImageOptions
): Promise<PushedImage> {
  const img = buildImage(opts)
  await pushBuilt(reg, repo, tag, img, opts.auth)
  return toPushed(img)
}

function toPushed(img: BuiltImage): PushedImage {
  return {
    digest: img.digest,
    mediaType: img.mediaType,
    size: img.size,
    body: img.body,
    configDigest: img.configDigest,
    configSize: img.configSize,
    layers: img.layers,
    totalLayerSize: img.totalLayerSize,
    platform: img.platform
  }
}

/** A BuildKit-shaped provenance attestation for `child`: OCI manifest with one in-toto layer. */
export function buildAttestation(repo: string, child: PushedImage): BuiltImage {
  const statement = json({
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://slsa.dev/provenance/v0.2',
    subject: [
      {
        name: `pkg:docker/${repo}?platform=${encodeURIComponent(platformString(child.platform))}`,
        digest: { sha256: child.digest.slice('sha256:'.length) }
      }
    ],
    predicate: { builder: { id: '' }, buildType: 'https://mobyproject.org/buildkit@v1' }
  })
  const layer = { digest: sha256(statement), size: statement.length }
  const config = json({
    architecture: 'unknown',
    os: 'unknown',
    config: {},
    rootfs: { type: 'layers', diff_ids: [layer.digest] }
  })
  const configDigest = sha256(config)
  const body = json({
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    config: { mediaType: MediaTypes.ociConfig, digest: configDigest, size: config.length },
    layers: [
      {
        mediaType: MediaTypes.inToto,
        digest: layer.digest,
        size: layer.size,
        annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' }
      }
    ]
  })
  return {
    digest: sha256(body),
    mediaType: MediaTypes.ociManifest,
    size: body.length,
    body,
    configDigest,
    configSize: config.length,
    config,
    layers: [layer],
    layerBlobs: [statement],
    totalLayerSize: layer.size,
    platform: { architecture: 'unknown', os: 'unknown' }
  }
}

export function buildIndex(
  repo: string,
  children: PushedImage[],
  opts: IndexOptions = {}
): { index: Omit<PushedIndex, 'attestationDigests'>; attestations: BuiltImage[] } {
  const format = opts.format ?? 'docker'
  const mediaType = format === 'oci' ? MediaTypes.ociIndex : MediaTypes.dockerList
  const attestations = opts.attestations ? children.map(c => buildAttestation(repo, c)) : []
  const manifests: Record<string, unknown>[] = [
    ...children.map(c => ({
      mediaType: c.mediaType,
      digest: c.digest,
      size: c.size,
      platform: platformJson(c.platform)
    })),
    // BuildKit always writes attestation manifests as OCI, even next to docker-typed images.
    ...attestations.map((a, i) => ({
      mediaType: a.mediaType,
      digest: a.digest,
      size: a.size,
      annotations: {
        'vnd.docker.reference.digest': children[i].digest,
        'vnd.docker.reference.type': 'attestation-manifest'
      },
      platform: { architecture: 'unknown', os: 'unknown' }
    })),
    ...(opts.extra ?? [])
  ]
  const body = json({ schemaVersion: 2, mediaType, manifests })
  return { index: { digest: sha256(body), mediaType, size: body.length, body }, attestations }
}

/**
 * Children must already be in `repo` (distribution 2.8 rejects lists whose entries it cannot find);
 * attestation manifests are pushed here, by digest, before the index.
 */
export async function pushIndex(
  reg: RegistryEndpoint,
  repo: string,
  tag: string,
  children: PushedImage[],
  opts: IndexOptions = {}
): Promise<PushedIndex> {
  const { index, attestations } = buildIndex(repo, children, opts)
  await Promise.all(attestations.map(a => pushBuilt(reg, repo, undefined, a, opts.auth)))
  const digest = await pushManifest(reg, repo, tag, index.body, index.mediaType, opts.auth)
  if (digest !== index.digest) {
    throw new Error(`registry answered ${digest} for ${repo}:${tag}, computed ${index.digest}`)
  }
  return { ...index, attestationDigests: attestations.map(a => a.digest) }
}
