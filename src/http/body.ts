import type { IncomingMessage } from 'node:http'

/** A body read with a cap, so a hostile or careless peer cannot fill memory. */

export class BodyTooLarge extends Error {}

/** Reads at most `maxBytes`, stopping (not buffering) past it: throws, or truncates if asked. */
export async function readCapped(
  stream: IncomingMessage,
  maxBytes: number,
  truncate = false
): Promise<Buffer> {
  const declared = Number(stream.headers['content-length'])
  if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
    stream.destroy()
    throw new BodyTooLarge()
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    total += buf.length
    if (total > maxBytes) {
      stream.destroy()
      if (truncate) {
        chunks.push(buf.subarray(0, buf.length - (total - maxBytes)))
        return Buffer.concat(chunks)
      }
      throw new BodyTooLarge()
    }
    chunks.push(buf)
  }
  return Buffer.concat(chunks)
}
