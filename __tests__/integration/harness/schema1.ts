// Docker image manifest v2 schema 1 fixtures. Distribution 2.8 only stores schema1 when it carries
// a valid libtrust JWS, so signed manifests are produced either by signing here (default: fast,
// layers of exactly the requested size) or by letting skopeo convert and sign a real image.
import { execFile } from 'node:child_process'
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import {
  getManifest,
  headBlob,
  pushBlob,
  pushManifest,
  sha256,
  type Auth,
  type RegistryEndpoint
} from './client.js'
import { deterministicBytes, FIXED_CREATED, MediaTypes } from './images.js'
import { gzip, tar } from './tar.js'

const execFileAsync = promisify(execFile)
const SKOPEO_BIN = process.env.DIGEST_GATE_SKOPEO_BIN ?? 'skopeo'

/** The gzip of an empty tar that Docker uses for every throwaway (metadata-only) schema1 layer. */
export const GZIPPED_EMPTY_LAYER = Buffer.from([
  31, 139, 8, 0, 0, 9, 110, 136, 0, 255, 98, 24, 5, 163, 96, 20, 140, 88, 0, 8, 0, 0, 255, 255, 46,
  175, 181, 239, 0, 4, 0, 0
])
export const EMPTY_LAYER_DIGEST =
  'sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4'

export interface Schema1Options {
  signed: boolean
  /** Non-throwaway layers, bottom first. Exact blob sizes for `via: 'native'`; for `via: 'skopeo'`
   * the size of the single file inside each gzip tar (blob sizes are then read back via HEAD). */
  layerSizes: number[]
  architecture: string
  os?: string
  seed?: string
  /** Throwaway (empty) history entries stacked on top, as ENV/CMD steps produce. Default 1. */
  throwawayLayers?: number
  via?: 'native' | 'skopeo'
  auth?: Auth
}

export interface Schema1Image {
  /** Docker-Content-Digest as the registry reports it for this manifest. */
  digest: string
  mediaType: string
  /**
   * One copy as served by GET. Distribution re-signs schema1 with its own key and the current time
   * on every GET, so these bytes are not stable and their sha256 is NOT the manifest digest.
   */
  body: Buffer
  /** The JWS payload (body without `signatures`): stable, and what the digest is computed over. */
  payload: Buffer
  payloadDigest: string
  /** Non-throwaway layers, bottom first, sizes as the registry reports them. */
  layers: { digest: string; size: number }[]
  totalLayerSize: number
  /** fsLayers blobSums in manifest order (top first), throwaway ones included. */
  fsLayers: string[]
}

export interface BuiltSchema1 {
  /** The unsigned manifest; for signed ones also the exact JWS payload. */
  payload: Buffer
  /** What to PUT/serve: `payload` itself when unsigned, the pretty-JWS form when signed. */
  body: Buffer
  mediaType: string
  layers: { digest: string; size: number }[]
  /** Every distinct blob the manifest references, the empty layer included. */
  blobs: Buffer[]
  fsLayers: string[]
}

interface StackEntry {
  blob: string
  throwaway: boolean
  createdBy: string
}

function stack(layerDigests: string[], throwawayLayers: number): StackEntry[] {
  return [
    ...layerDigests.map((blob, i) => ({ blob, throwaway: false, createdBy: `layer ${i}` })),
    ...Array.from({ length: throwawayLayers }, (_, i) => ({
      blob: EMPTY_LAYER_DIGEST,
      throwaway: true,
      createdBy: `/bin/sh -c #(nop)  ENV STEP=${i}`
    }))
  ]
}

/** Unsigned schema1 manifest JSON, formatted like Docker's (3-space indent). */
function schema1Payload(
  repo: string,
  tag: string,
  entries: StackEntry[],
  architecture: string,
  osName: string
): Buffer {
  if (entries.length === 0) throw new Error('schema1 needs at least one layer')
  const history: { v1Compatibility: string }[] = []
  let parent = ''
  entries.forEach((e, i) => {
    // Same derivation as containers/image, so ids chain like real converted images.
    const id = createHash('sha256')
      .update(`${e.blob.slice('sha256:'.length)} ${parent}`)
      .digest('hex')
    const top = i === entries.length - 1
    const v1: Record<string, unknown> = top ? { architecture, os: osName } : {}
    v1.id = id
    if (parent) v1.parent = parent
    v1.created = FIXED_CREATED
    if (top) v1.config = { Env: ['PATH=/usr/bin:/bin'], Cmd: ['/bin/true'] }
    v1.container_config = { Cmd: [e.createdBy] }
    if (e.throwaway) v1.throwaway = true
    history.unshift({ v1Compatibility: JSON.stringify(v1) })
    parent = id
  })
  const manifest = {
    schemaVersion: 1,
    name: repo,
    tag,
    architecture,
    fsLayers: entries.map(e => ({ blobSum: e.blob })).reverse(),
    history
  }
  return Buffer.from(JSON.stringify(manifest, null, 3))
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url')

function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31]
  return out
}

/** libtrust key id: first 240 bits of sha256(DER SPKI), base32, in colon-separated groups of 4. */
export function libtrustKeyId(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' })
  const b32 = base32(createHash('sha256').update(der).digest().subarray(0, 30))
  return b32.match(/.{1,4}/g)?.join(':') ?? b32
}

let defaultKey: { privateKey: KeyObject; publicKey: KeyObject } | undefined

/**
 * libtrust "pretty signature": the payload is kept verbatim up to its last significant character
 * (formatLength), the `signatures` member is spliced in, and the protected header records the cut
 * so a verifier can rebuild the exact signed bytes. Distribution checks the JWK kid as well.
 */
export function signSchema1(
  payload: Buffer,
  keyPair: { privateKey: KeyObject; publicKey: KeyObject } = (defaultKey ??= generateKeyPairSync(
    'ec',
    { namedCurve: 'P-256' }
  ))
): Buffer {
  const text = payload.toString('utf8')
  const close = text.trimEnd().length - 1
  if (text[close] !== '}') throw new Error('payload must be a JSON object')
  const formatLength = text.slice(0, close).trimEnd().length
  const formatTail = text.slice(formatLength)
  const jwk = keyPair.publicKey.export({ format: 'jwk' })
  const protectedHeader = b64url(
    JSON.stringify({ formatLength, formatTail: b64url(formatTail), time: FIXED_CREATED })
  )
  const signature = sign('sha256', Buffer.from(`${protectedHeader}.${b64url(payload)}`), {
    key: keyPair.privateKey,
    dsaEncoding: 'ieee-p1363'
  })
  const signatures = [
    {
      header: {
        jwk: {
          crv: jwk.crv,
          kid: libtrustKeyId(keyPair.publicKey),
          kty: jwk.kty,
          x: jwk.x,
          y: jwk.y
        },
        alg: 'ES256'
      },
      signature: b64url(signature),
      protected: protectedHeader
    }
  ]
  const indent = '   '
  const sigJson = JSON.stringify(signatures, null, 3).replace(/\n/g, `\n${indent}`)
  return Buffer.from(
    `${text.slice(0, formatLength)},\n${indent}"signatures": ${sigJson}\n}`,
    'utf8'
  )
}

/** Builds (does not push) a schema1 image whose layers are raw deterministic bytes. */
export function buildSchema1(repo: string, tag: string, opts: Schema1Options): BuiltSchema1 {
  const seed = `${opts.seed ?? ''}|schema1|${opts.os ?? 'linux'}/${opts.architecture}`
  const layerBlobs = opts.layerSizes.map((n, i) => deterministicBytes(`${seed}|layer${i}`, n))
  const layers = layerBlobs.map(b => ({ digest: sha256(b), size: b.length }))
  const throwaway = opts.throwawayLayers ?? 1
  const entries = stack(
    layers.map(l => l.digest),
    throwaway
  )
  const payload = schema1Payload(repo, tag, entries, opts.architecture, opts.os ?? 'linux')
  return {
    payload,
    body: opts.signed ? signSchema1(payload) : payload,
    mediaType: opts.signed ? MediaTypes.schema1Signed : MediaTypes.schema1,
    layers,
    blobs: throwaway > 0 ? [...layerBlobs, GZIPPED_EMPTY_LAYER] : layerBlobs,
    fsLayers: entries.map(e => e.blob).reverse()
  }
}

/** Extracts the JWS payload of a pretty-signed manifest (identity for unsigned ones). */
export function schema1PayloadOf(body: Buffer): Buffer {
  const doc = JSON.parse(body.toString('utf8')) as { signatures?: { protected: string }[] }
  const prot = doc.signatures?.[0]?.protected
  if (!prot) return body
  const h = JSON.parse(Buffer.from(prot, 'base64url').toString('utf8')) as {
    formatLength: number
    formatTail: string
  }
  return Buffer.concat([body.subarray(0, h.formatLength), Buffer.from(h.formatTail, 'base64url')])
}

async function readBack(
  reg: RegistryEndpoint,
  repo: string,
  tag: string,
  auth: Auth | undefined
): Promise<{ body: Buffer; digest: string; mediaType: string }> {
  const res = await getManifest(reg, repo, tag, {
    accept: [MediaTypes.schema1Signed, MediaTypes.schema1],
    auth
  })
  if (res.status !== 200 || !res.digest) {
    throw new Error(
      `GET ${repo}:${tag} after schema1 push: HTTP ${res.status} ${res.body.toString()}`
    )
  }
  return { body: res.body, digest: res.digest, mediaType: res.contentType ?? '' }
}

async function measuredLayers(
  reg: RegistryEndpoint,
  repo: string,
  fsLayers: string[],
  auth: Auth | undefined
): Promise<{ digest: string; size: number }[]> {
  const bottomFirst = fsLayers.filter(d => d !== EMPTY_LAYER_DIGEST).reverse()
  return Promise.all(
    bottomFirst.map(async digest => {
      const head = await headBlob(reg, repo, digest, auth)
      if (head.status !== 200 || head.size === undefined) {
        throw new Error(`HEAD ${repo}@${digest}: HTTP ${head.status}`)
      }
      return { digest, size: head.size }
    })
  )
}

/**
 * Pushes a schema1 image. Unsigned manifests are PUT as-is, which distribution 2.8 rejects
 * (400 MANIFEST_INVALID; its log says "missing signature key") — the resulting RegistryError is
 * rethrown so a test can assert on it. Use buildSchema1 to serve unsigned bodies another way.
 */
export async function pushSchema1(
  reg: RegistryEndpoint & { host?: string },
  repo: string,
  tag: string,
  opts: Schema1Options
): Promise<Schema1Image> {
  if ((opts.via ?? 'native') === 'skopeo') return pushSchema1ViaSkopeo(reg, repo, tag, opts)
  const built = buildSchema1(repo, tag, opts)
  await Promise.all(built.blobs.map(b => pushBlob(reg, repo, b, opts.auth)))
  const putDigest = await pushManifest(reg, repo, tag, built.body, built.mediaType, opts.auth)
  const back = await readBack(reg, repo, tag, opts.auth)
  // Distribution keeps only the payload and re-signs it with its own key on every GET, so the
  // served bytes differ from what was PUT; only the payload must survive unchanged.
  if (back.digest !== putDigest || !schema1PayloadOf(back.body).equals(built.payload)) {
    throw new Error(
      `schema1 ${repo}:${tag} read back differently (PUT said ${putDigest}, GET ${back.digest})`
    )
  }
  const layers = await measuredLayers(reg, repo, built.fsLayers, opts.auth)
  for (const [i, l] of layers.entries()) {
    if (l.size !== built.layers[i].size) {
      throw new Error(
        `registry reports ${l.size} bytes for ${l.digest}, pushed ${built.layers[i].size}`
      )
    }
  }
  return {
    digest: putDigest,
    mediaType: back.mediaType,
    body: back.body,
    payload: built.payload,
    payloadDigest: sha256(built.payload),
    layers,
    totalLayerSize: layers.reduce((a, l) => a + l.size, 0),
    fsLayers: built.fsLayers
  }
}

/** Writes a one-image OCI layout whose layers are real gzip tars with matching diff_ids. */
export async function writeOciLayout(
  dir: string,
  tag: string,
  opts: Pick<Schema1Options, 'layerSizes' | 'architecture' | 'os' | 'seed' | 'throwawayLayers'>
): Promise<void> {
  const blobDir = path.join(dir, 'blobs', 'sha256')
  await mkdir(blobDir, { recursive: true })
  const put = async (b: Buffer): Promise<{ digest: string; size: number }> => {
    const digest = sha256(b)
    await writeFile(path.join(blobDir, digest.slice('sha256:'.length)), b)
    return { digest, size: b.length }
  }
  const seed = `${opts.seed ?? ''}|schema1-skopeo|${opts.os ?? 'linux'}/${opts.architecture}`
  const tars = opts.layerSizes.map((n, i) =>
    tar([{ name: `layer${i}.bin`, content: deterministicBytes(`${seed}|layer${i}`, n) }])
  )
  const layers = await Promise.all(tars.map(t => put(gzip(t))))
  const throwaway = opts.throwawayLayers ?? 1
  const config = await put(
    Buffer.from(
      JSON.stringify({
        architecture: opts.architecture,
        os: opts.os ?? 'linux',
        created: FIXED_CREATED,
        config: { Env: ['PATH=/usr/bin:/bin'], Cmd: ['/bin/true'] },
        rootfs: { type: 'layers', diff_ids: tars.map(t => sha256(t)) },
        history: [
          ...tars.map((_, i) => ({ created: FIXED_CREATED, created_by: `layer ${i}` })),
          ...Array.from({ length: throwaway }, (_, i) => ({
            created: FIXED_CREATED,
            created_by: `/bin/sh -c #(nop)  ENV STEP=${i}`,
            empty_layer: true
          }))
        ]
      })
    )
  )
  const manifest = await put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaTypes.ociManifest,
        config: { mediaType: MediaTypes.ociConfig, ...config },
        layers: layers.map(l => ({ mediaType: MediaTypes.ociLayer, ...l }))
      })
    )
  )
  await writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
  await writeFile(
    path.join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: MediaTypes.ociManifest,
          ...manifest,
          annotations: { 'org.opencontainers.image.ref.name': tag }
        }
      ]
    })
  )
}

function skopeoCreds(auth: Auth | undefined): string[] {
  if (auth === undefined) return ['--dest-no-creds']
  if (typeof auth === 'string' && auth.startsWith('Basic ')) {
    return ['--dest-creds', Buffer.from(auth.slice(6), 'base64').toString('utf8')]
  }
  throw new Error("via: 'skopeo' only supports Basic auth strings")
}

async function pushSchema1ViaSkopeo(
  reg: RegistryEndpoint & { host?: string },
  repo: string,
  tag: string,
  opts: Schema1Options
): Promise<Schema1Image> {
  if (!opts.signed) throw new Error("skopeo always signs schema1; use via: 'native' for unsigned")
  const host = reg.host ?? new URL(reg.url).host
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'digest-gate-oci-'))
  try {
    const layout = path.join(tmp, 'layout')
    await writeOciLayout(layout, tag, opts)
    await writeFile(path.join(tmp, 'auth.json'), '{"auths":{}}')
    await execFileAsync(
      SKOPEO_BIN,
      [
        '--insecure-policy',
        'copy',
        '--quiet',
        '--format',
        'v2s1',
        '--dest-tls-verify=false',
        ...skopeoCreds(opts.auth),
        `oci:${layout}:${tag}`,
        `docker://${host}/${repo}:${tag}`
      ],
      // An empty auth file keeps the developer's own registry credentials out of the picture.
      { env: { ...process.env, REGISTRY_AUTH_FILE: path.join(tmp, 'auth.json'), HOME: tmp } }
    )
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
  const back = await readBack(reg, repo, tag, opts.auth)
  const doc = JSON.parse(back.body.toString('utf8')) as { fsLayers: { blobSum: string }[] }
  const fsLayers = doc.fsLayers.map(l => l.blobSum)
  const layers = await measuredLayers(reg, repo, fsLayers, opts.auth)
  const payload = schema1PayloadOf(back.body)
  return {
    digest: back.digest,
    mediaType: back.mediaType,
    body: back.body,
    payload,
    payloadDigest: sha256(payload),
    layers,
    totalLayerSize: layers.reduce((a, l) => a + l.size, 0),
    fsLayers
  }
}
