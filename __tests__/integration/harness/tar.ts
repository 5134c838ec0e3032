// Just enough ustar to make a layer that tools which really unpack layers (skopeo's schema1
// conversion path, diff_id checks) accept. Fixed metadata keeps the output byte-for-byte stable.
import { gzipSync } from 'node:zlib'

function octal(value: number, width: number): string {
  // width includes the trailing NUL
  return value.toString(8).padStart(width - 1, '0') + '\0'
}

function header(name: string, size: number): Buffer {
  const h = Buffer.alloc(512)
  h.write(name, 0, 100, 'utf8')
  h.write(octal(0o644, 8), 100, 'ascii')
  h.write(octal(0, 8), 108, 'ascii') // uid
  h.write(octal(0, 8), 116, 'ascii') // gid
  h.write(octal(size, 12), 124, 'ascii')
  h.write(octal(0, 12), 136, 'ascii') // mtime
  h.write('        ', 148, 'ascii') // checksum is computed with this field as spaces
  h.write('0', 156, 'ascii') // regular file
  h.write('ustar\0', 257, 'ascii')
  h.write('00', 263, 'ascii')
  let sum = 0
  for (const b of h) sum += b
  h.write(octal(sum, 7) + ' ', 148, 'ascii')
  return h
}

export function tar(files: { name: string; content: Buffer }[]): Buffer {
  const parts: Buffer[] = []
  for (const f of files) {
    parts.push(header(f.name, f.content.length), f.content)
    const pad = (512 - (f.content.length % 512)) % 512
    if (pad) parts.push(Buffer.alloc(pad))
  }
  parts.push(Buffer.alloc(1024))
  return Buffer.concat(parts)
}

/** Node's gzip header carries mtime 0, so equal input gives equal bytes within one zlib version. */
export function gzip(data: Buffer): Buffer {
  return gzipSync(data, { level: 9 })
}
