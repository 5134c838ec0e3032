import { type Stats, closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { type FileHandle, open } from 'node:fs/promises'

/**
 * Opening only regular files, without ever blocking. A plain `open` of a FIFO waits for a
 * writer forever, and no timeout can interrupt it (a synchronous open stops the event loop; an
 * asynchronous one holds a libuv thread), so a FIFO committed to a workspace, restored into the
 * cache or put in an OCI layout's blobs/ would hang the run. Here the file is opened with
 * O_NONBLOCK, which returns at once for a FIFO, and then checked with fstat: what was opened,
 * after every symlink was followed, is what is checked, so no swap between a check and the
 * open can get past it. Anything but a regular file is closed again and refused.
 */

/** O_NONBLOCK where the platform has it (not on Windows, which has no FIFOs to fear there). */
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0)

/** What a file that is not a regular one is, for messages. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO'
  if (stats.isDirectory()) return 'a directory'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  return 'not a regular file'
}

/** The error for something that is not a regular file; `code` is `ENOTREG`. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG'
  /** `a FIFO`, `a directory` … */
  readonly kind: string
  constructor(
    readonly path: string,
    stats: Stats
  ) {
    const kind = kindOf(stats)
    super(`${path} is ${kind === 'not a regular file' ? 'no regular file' : kind}`)
    this.kind = kind
  }
}

/** The file opened for reading, when it is a regular file; throws NotRegularFileError if not. */
export async function openRegular(path: string): Promise<{ file: FileHandle; size: number }> {
  const file = await open(path, FLAGS)
  try {
    const stats = await file.stat()
    if (!stats.isFile()) throw new NotRegularFileError(path, stats)
    return { file, size: stats.size }
  } catch (e) {
    await file.close()
    throw e
  }
}

/**
 * The bytes of a regular file of at most `maxBytes`; `tooBig` says what to throw when it is
 * bigger. Throws NotRegularFileError, or the open's own error.
 */
export async function readRegular(
  path: string,
  maxBytes: number,
  tooBig: (size: number) => Error
): Promise<Buffer> {
  const { file, size } = await openRegular(path)
  try {
    if (size > maxBytes) throw tooBig(size)
    return await file.readFile()
  } finally {
    await file.close()
  }
}

/**
 * The bytes of a regular file of at most `maxBytes`, read synchronously; `tooBig` says what
 * to throw when it is bigger. Throws NotRegularFileError, or the open's own error.
 */
export function readRegularSync(
  path: string,
  maxBytes: number,
  tooBig: (size: number) => Error
): Buffer {
  const fd = openSync(path, FLAGS)
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw new NotRegularFileError(path, stats)
    if (stats.size > maxBytes) throw tooBig(stats.size)
    const buf = Buffer.alloc(stats.size)
    let read = 0
    while (read < stats.size) {
      const n = readSync(fd, buf, read, stats.size - read, read)
      if (n === 0) break
      read += n
    }
    return read === stats.size ? buf : buf.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}
