import { detectFileKind } from './detect-kind.js'
import { type ComposeEnv, parseDotEnv } from './compose-env.js'
import { type LoadedFile, loadFiles } from './read-files.js'
import type { FileProblem } from '../model/files.js'

/**
 * The `.env` beside each Compose file read, loaded as any file of `files` is (inside the
 * workspace only, size-capped), so its variables interpolate the Compose file's `image:` values
 * and a pin can be written into it. A Compose file with no `.env` beside it gets none; one that
 * cannot be read is a problem of the Compose file that needed it.
 */
export interface ComposeEnvs {
  /** By Compose file. */
  envs: Map<string, ComposeEnv>
  /** The `.env` files loaded, for writing pins into. */
  loaded: LoadedFile[]
  /** By Compose file: a `.env` beside it that could not be read. */
  problems: Map<string, FileProblem>
}

export async function loadComposeEnvs(
  files: readonly LoadedFile[],
  root: string
): Promise<ComposeEnvs> {
  const out: ComposeEnvs = { envs: new Map(), loaded: [], problems: new Map() }
  const wanted = new Map<string, string[]>()
  for (const f of files) {
    if (f.text === undefined || detectFileKind(f.file, f.text) !== 'compose') continue
    const slash = f.file.lastIndexOf('/')
    const env = slash < 0 ? '.env' : `${f.file.slice(0, slash)}/.env`
    wanted.set(env, [...(wanted.get(env) ?? []), f.file])
  }
  if (!wanted.size) return out
  const loaded = await loadFiles([...wanted.keys()], root)
  for (const env of loaded) {
    const composeFiles = wanted.get(env.file) ?? []
    if (env.text !== undefined && !env.unwritable) {
      out.loaded.push(env)
      const parsed = parseDotEnv(env.file, env.text)
      for (const c of composeFiles) out.envs.set(c, parsed)
    } else if (!/\(ENOENT\)$/.test(env.problem?.message ?? '')) {
      const problem = env.problem ?? env.unwritable
      for (const c of composeFiles)
        if (problem)
          out.problems.set(c, {
            ...problem,
            file: c,
            line: 1,
            column: 1,
            message: `${c}: its ${problem.message}`
          })
    }
  }
  return out
}
