#!/usr/bin/env node
// Generates examples/hello-layout: a tiny, deterministic OCI image layout
// (https://github.com/opencontainers/image-spec/blob/main/image-layout.md).
//
//   node scripts/make-example-layout.mjs [outDir]
//
// outDir defaults to examples/hello-layout (relative to the repository root, not the
// cwd). The directory is deleted and rewritten; as a safety net the script refuses to
// delete a non-empty directory that does not contain an `oci-layout` file.
//
// Tags (org.opencontainers.image.ref.name in index.json):
//   1.0     -> OCI image index: linux/amd64, linux/arm64/v8, linux/arm/v7, plus a
//              BuildKit-style attestation manifest (platform unknown/unknown) that
//              refers to the amd64 manifest.
//   single  -> a single OCI image manifest (linux/amd64); platform only in its config.
//
// Determinism: every byte is a pure function of this file. JSON is compact
// (JSON.stringify, fixed key order), tar headers use mtime 0 / uid 0 / gid 0, and the
// gzip layers are produced by the small fixed-Huffman DEFLATE encoder below instead of
// node:zlib, because zlib's compressed output (and the gzip OS header byte) is only
// stable for one particular zlib build, not across Node versions or CPU architectures.
// node:zlib is still used to check that every layer decompresses back to its tar.
//
// Built-ins only: node:crypto, node:fs, node:path, node:zlib.

/* global Buffer, URL, console, process */

import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'

const MT_INDEX = 'application/vnd.oci.image.index.v1+json'
const MT_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const MT_CONFIG = 'application/vnd.oci.image.config.v1+json'
const MT_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip'
const MT_IN_TOTO = 'application/vnd.in-toto+json'
const REF_NAME = 'org.opencontainers.image.ref.name'
const EPOCH = '1970-01-01T00:00:00Z'

// ---------------------------------------------------------------------------------------
// ustar writer

/** Writes `value` as a zero-padded octal number of `width - 1` digits plus a NUL. */
function octal(buf, offset, width, value) {
  const digits = value.toString(8).padStart(width - 1, '0')
  if (digits.length > width - 1) throw new Error(`tar: ${value} does not fit in ${width} bytes`)
  buf.write(digits + '\0', offset, width, 'ascii')
}

function tarHeader({ name, size = 0, mode = 0o644, type = '0' }) {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`)
  const h = Buffer.alloc(512)
  h.write(name, 0, 100, 'utf8')
  octal(h, 100, 8, mode)
  octal(h, 108, 8, 0) // uid
  octal(h, 116, 8, 0) // gid
  octal(h, 124, 12, size)
  octal(h, 136, 12, 0) // mtime
  h.write(type, 156, 1, 'ascii')
  h.write('ustar\0', 257, 6, 'ascii')
  h.write('00', 263, 2, 'ascii')
  h.write('root', 265, 32, 'ascii') // uname
  h.write('root', 297, 32, 'ascii') // gname
  octal(h, 329, 8, 0) // devmajor
  octal(h, 337, 8, 0) // devminor
  // Checksum: byte sum with the checksum field itself counted as eight spaces.
  h.fill(0x20, 148, 156)
  let sum = 0
  for (const b of h) sum += b
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii')
  return h
}

/** entries: [{ name, content? }]; a name ending in "/" is a directory. */
function makeTar(entries) {
  const parts = []
  for (const { name, content } of entries) {
    if (name.endsWith('/')) {
      parts.push(tarHeader({ name, mode: 0o755, type: '5' }))
      continue
    }
    const data = Buffer.from(content, 'utf8')
    parts.push(tarHeader({ name, size: data.length }), data)
    const pad = (512 - (data.length % 512)) % 512
    if (pad) parts.push(Buffer.alloc(pad))
  }
  parts.push(Buffer.alloc(1024)) // end-of-archive marker: two zero blocks
  return Buffer.concat(parts)
}

// ---------------------------------------------------------------------------------------
// gzip (RFC 1952) around a deterministic DEFLATE (RFC 1951) encoder: one final block
// with the fixed Huffman code, literals plus distance-1 matches for byte runs (tar is
// mostly zero padding, so that is where nearly all of the compression comes from).

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258
]
const LENGTH_EXTRA = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
]

class BitWriter {
  bytes = []
  acc = 0
  n = 0
  /** Appends `count` bits of `value`, least significant bit first. */
  bits(value, count) {
    for (let i = 0; i < count; i++) {
      this.acc |= ((value >>> i) & 1) << this.n
      if (++this.n === 8) {
        this.bytes.push(this.acc)
        this.acc = 0
        this.n = 0
      }
    }
  }
  /** Appends a Huffman code, most significant bit first. */
  code(value, count) {
    for (let i = count - 1; i >= 0; i--) this.bits((value >>> i) & 1, 1)
  }
  finish() {
    if (this.n) this.bytes.push(this.acc)
    return Buffer.from(this.bytes)
  }
}

/** Fixed-Huffman literal/length symbol (RFC 1951, 3.2.6). */
function writeSymbol(w, sym) {
  if (sym < 144) w.code(0x30 + sym, 8)
  else if (sym < 256) w.code(0x190 + sym - 144, 9)
  else if (sym < 280) w.code(sym - 256, 7)
  else w.code(0xc0 + sym - 280, 8)
}

function writeMatch(w, length) {
  let i = LENGTH_BASE.length - 1
  while (LENGTH_BASE[i] > length) i--
  writeSymbol(w, 257 + i)
  w.bits(length - LENGTH_BASE[i], LENGTH_EXTRA[i])
  w.code(0, 5) // distance code 0 = distance 1, no extra bits
}

function deflateFixed(data) {
  const w = new BitWriter()
  w.bits(1, 1) // BFINAL
  w.bits(1, 2) // BTYPE = 01, fixed Huffman
  let i = 0
  while (i < data.length) {
    const b = data[i]
    writeSymbol(w, b)
    let run = 0
    while (i + 1 + run < data.length && data[i + 1 + run] === b) run++
    i += 1 + run
    while (run >= 3) {
      const len = Math.min(run, 258)
      writeMatch(w, len)
      run -= len
    }
    for (; run > 0; run--) writeSymbol(w, b)
  }
  writeSymbol(w, 256) // end of block
  return w.finish()
}

function gzip(data) {
  // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=255 (unknown, as Go's compress/gzip writes)
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc32(data), 0)
  trailer.writeUInt32LE(data.length >>> 0, 4)
  const out = Buffer.concat([header, deflateFixed(data), trailer])
  if (!gunzipSync(out).equals(data)) throw new Error('gzip self-check failed')
  return out
}

// ---------------------------------------------------------------------------------------
// blob store

const blobs = new Map() // hex -> Buffer

const sha256 = buf => createHash('sha256').update(buf).digest('hex')

function putBlob(bytes, mediaType) {
  const hex = sha256(bytes)
  blobs.set(hex, bytes)
  return { mediaType, digest: `sha256:${hex}`, size: bytes.length }
}

const json = value => Buffer.from(JSON.stringify(value), 'utf8')

const platformString = p => [p.os, p.architecture, p.variant].filter(Boolean).join('/')

/** platform: { architecture, os, variant? }; layers: [[tarEntry...], ...] */
function makeImage(platform, layerEntries) {
  const layers = []
  const diffIds = []
  for (const entries of layerEntries) {
    const tar = makeTar(entries)
    diffIds.push(`sha256:${sha256(tar)}`)
    layers.push(putBlob(gzip(tar), MT_LAYER_GZIP))
  }
  const config = {
    created: EPOCH,
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: layerEntries.map(entries => ({
      created: EPOCH,
      created_by: `make-example-layout: add ${entries.map(e => '/' + e.name).join(' ')}`
    }))
  }
  const configDesc = putBlob(json(config), MT_CONFIG)
  const manifest = { schemaVersion: 2, mediaType: MT_MANIFEST, config: configDesc, layers }
  return { platform, configDesc, layers, desc: putBlob(json(manifest), MT_MANIFEST) }
}

const helloLayer = text => [{ name: 'hello.txt', content: text }]

/** BuildKit-style attestation manifest for `subject` (an image from makeImage). */
function makeAttestation(tag, subject) {
  const statement = {
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://slsa.dev/provenance/v0.2',
    subject: [
      {
        name: `pkg:docker/hello-layout@${tag}?platform=${encodeURIComponent(platformString(subject.platform))}`,
        digest: { sha256: subject.desc.digest.slice('sha256:'.length) }
      }
    ],
    predicate: { builder: { id: '' }, buildType: 'https://mobyproject.org/buildkit@v1' }
  }
  const layer = {
    ...putBlob(json(statement), MT_IN_TOTO),
    annotations: { 'in-toto.io/predicate-type': statement.predicateType }
  }
  const platform = { architecture: 'unknown', os: 'unknown' }
  const config = {
    architecture: platform.architecture,
    os: platform.os,
    config: {},
    rootfs: { type: 'layers', diff_ids: [layer.digest] } // uncompressed: diff_id == digest
  }
  const configDesc = putBlob(json(config), MT_CONFIG)
  const manifest = { schemaVersion: 2, mediaType: MT_MANIFEST, config: configDesc, layers: [layer] }
  const desc = {
    ...putBlob(json(manifest), MT_MANIFEST),
    annotations: {
      'vnd.docker.reference.digest': subject.desc.digest,
      'vnd.docker.reference.type': 'attestation-manifest'
    }
  }
  return { platform, configDesc, layers: [layer], desc, attestationFor: subject }
}

// ---------------------------------------------------------------------------------------
// content

const multi = [
  makeImage({ architecture: 'amd64', os: 'linux' }, [
    helloLayer('hello from linux/amd64\n'),
    [{ name: 'etc/' }, { name: 'etc/platform', content: 'linux/amd64\n' }]
  ]),
  makeImage({ architecture: 'arm64', os: 'linux', variant: 'v8' }, [
    helloLayer('hello from linux/arm64/v8\n')
  ]),
  makeImage({ architecture: 'arm', os: 'linux', variant: 'v7' }, [
    helloLayer('hello from linux/arm/v7\n')
  ])
]
const attestation = makeAttestation('1.0', multi[0])

const imageIndex = {
  schemaVersion: 2,
  mediaType: MT_INDEX,
  manifests: [
    ...multi.map(img => ({ ...img.desc, platform: img.platform })),
    { ...attestation.desc, platform: attestation.platform }
  ]
}
const indexDesc = putBlob(json(imageIndex), MT_INDEX)

const single = makeImage({ architecture: 'amd64', os: 'linux' }, [
  helloLayer('hello from linux/amd64 (single-manifest tag)\n')
])

const tags = [
  { tag: '1.0', desc: indexDesc, images: [...multi, attestation] },
  { tag: 'single', desc: single.desc, images: [single] }
]

const layoutIndex = {
  schemaVersion: 2,
  mediaType: MT_INDEX,
  manifests: tags.map(t => ({ ...t.desc, annotations: { [REF_NAME]: t.tag } }))
}

// ---------------------------------------------------------------------------------------
// write

// import.meta.dirname needs Node >= 20.11; the URL fallback covers older 20.x on POSIX.
const scriptDir = import.meta.dirname ?? decodeURIComponent(new URL('.', import.meta.url).pathname)
const repoRoot = resolve(scriptDir, '..')
const outDir = resolve(process.argv[2] ?? resolve(repoRoot, 'examples', 'hello-layout'))

if (existsSync(outDir)) {
  const isLayout = existsSync(resolve(outDir, 'oci-layout'))
  if (!isLayout && readdirSync(outDir).length > 0) {
    throw new Error(`refusing to delete ${outDir}: not empty and has no oci-layout file`)
  }
  rmSync(outDir, { recursive: true, force: true })
}
mkdirSync(resolve(outDir, 'blobs', 'sha256'), { recursive: true })
writeFileSync(resolve(outDir, 'oci-layout'), json({ imageLayoutVersion: '1.0.0' }))
writeFileSync(resolve(outDir, 'index.json'), json(layoutIndex))
let total = 0
for (const hex of [...blobs.keys()].sort()) {
  const bytes = blobs.get(hex)
  total += bytes.length
  writeFileSync(resolve(outDir, 'blobs', 'sha256', hex), bytes)
}

// ---------------------------------------------------------------------------------------
// summary (Markdown, so it can be pasted into examples/README.md)

const rows = [
  '| tag | top digest | platform | manifest digest | layers | layer bytes | config digest |',
  '| --- | --- | --- | --- | ---: | ---: | --- |'
]
for (const { tag, desc, images } of tags) {
  const kind = desc.mediaType === MT_INDEX ? 'index' : 'manifest'
  for (const img of images) {
    let platform = platformString(img.platform)
    if (img.attestationFor)
      platform += ` (attestation for ${platformString(img.attestationFor.platform)})`
    const bytes = img.layers.reduce((n, l) => n + l.size, 0)
    rows.push(
      `| \`${tag}\` | ${kind} \`${desc.digest}\` | ${platform} | \`${img.desc.digest}\` | ${img.layers.length} | ${bytes} | \`${img.configDesc.digest}\` |`
    )
  }
}
console.log(rows.join('\n'))
console.log(
  `\nwrote ${relative(process.cwd(), outDir) || '.'}: ${blobs.size} blobs, ${total} blob bytes`
)
