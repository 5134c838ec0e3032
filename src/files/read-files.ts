import { realpath, writeFile } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { errorMessage } from '../model/errors.js'
import { NotRegularFileError, readRegular } from '../fs/regular-file.js'
import { indexLines } from './positions.js'
import { type Splice, decodeText, rewriteBytes } from './rewrite.js'
import type { FileProblem } from '../model/files.js'

/**
 * The files a run reads and, in `mode: pin`, writes: only inside the workspace (a symlink that
 * leads out of it is refused, so a pull request cannot point a pin run at the runner's own
 * files), only up to a size no Dockerfile or manifest reaches, and never rewritten unless the
 * bytes are still the ones scanned (rewrite.ts checks each splice's `expect`). Only regular
 * files are opened, without blocking (regular-file.ts): a FIFO, directly or through a symlink,
 * is that file's problem, never a run that waits forever for a writer.
 */

/** Far above any real Dockerfile, Compose file or rendered chart; a bigger file is a mistake. */
export const FILE_CAP = 8 * 1024 * 1024

/** Files read at once: enough to hide disk latency, few enough for any open-file limit. */
const READ_CONCURRENCY = 16

/** A file named by `files`, read for scanning. */
export interface LoadedFile {
  /** Relative to the workspace, `/`-separated, as expandGlobs gives it. */
  file: string
  /** The absolute path it is read from and written to. */
  path: string
  /** The decoded text; absent when the file could not be read. */
  text?: string
  /** Why it could not be read. */
  problem?: FileProblem
  /** Why it must not be rewritten (it is not valid UTF-8), with where the first bad byte is. */
  unwritable?: FileProblem
}

/** Reads every file, `READ_CONCURRENCY` at a time; each failure is that file's problem. */
export async function loadFiles(files: readonly string[], root: string): Promise<LoadedFile[]> {
  const realRoot = await realpath(root)
  const out: LoadedFile[] = new Array<LoadedFile>(files.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++
      out[i] = await loadFile(files[i], root, realRoot)
    }
  }
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker))
  return out
}

class TooBig extends Error {}
const tooBig = (size: number): Error =>
  new TooBig(`is ${size} bytes, over the ${FILE_CAP}-byte limit for a file of references`)

async function loadFile(file: string, root: string, realRoot: string): Promise<LoadedFile> {
  const path = resolve(root, file)
  const problem = (message: string): LoadedFile => ({
    file,
    path,
    problem: { file, line: 1, column: 1, message: `${file}: ${message}` }
  })
  try {
    const real = await realpath(path)
    const inside = relative(realRoot, real)
    if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
      // The real path is not named: a path outside the workspace is never printed.
      return problem('leads outside the workspace; not read')
    const decoded = decodeText(await readRegular(real, FILE_CAP, tooBig), file)
    const loaded: LoadedFile = { file, path: real, text: decoded.text }
    if (decoded.problem) {
      // U+FFFD is what the decoder put for the first bad byte; it is where an editor shows it.
      const at = decoded.text.indexOf('\ufffd')
      const position = indexLines(decoded.text).positionAt(Math.max(at, 0))
      loaded.unwritable = { file, ...position, message: decoded.problem }
    }
    return loaded
  } catch (e) {
    if (e instanceof TooBig) return problem(e.message)
    if (e instanceof NotRegularFileError) return problem(`is ${e.kind}, not a file; not read`)
    const code = (e as NodeJS.ErrnoException).code
    return problem(`cannot be read (${code ?? errorMessage(e)})`)
  }
}

/**
 * Applies the splices to the file as it is on disk now and writes it when that changes it.
 * Returns whether it wrote. Throws the `invalid-input` error of `rewriteBytes` when the file is
 * not valid UTF-8 or no longer holds what was scanned at a splice, leaving it untouched.
 */
export async function rewriteFile(file: LoadedFile, splices: readonly Splice[]): Promise<boolean> {
  const bytes = await readRegular(file.path, FILE_CAP, tooBig)
  const rewritten = rewriteBytes(bytes, file.file, splices)
  if (Buffer.from(rewritten).equals(bytes)) return false
  await writeFile(file.path, rewritten)
  return true
}
