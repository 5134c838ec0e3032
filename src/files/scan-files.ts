import type { LoadedFile } from './read-files.js'
import type { FileScan } from '../model/files.js'

/**
 * Scans each file read for references (find-references.ts), a Compose file with the `.env`
 * beside it (load-compose-env.ts), which is loaded here too, so a pin can be written into it.
 * Loads the finders (and the `yaml` package) lazily: a run without files loads none of them.
 */
export async function scanFiles(
  loaded: readonly LoadedFile[],
  root: string
): Promise<{ scans: FileScan[]; envFiles: LoadedFile[] }> {
  const readable = loaded.filter(f => f.text !== undefined)
  if (!readable.length) return { scans: [], envFiles: [] }
  const { findReferences } = await import('./find-references.js')
  const { loadComposeEnvs } = await import('./load-compose-env.js')
  const envs = await loadComposeEnvs(readable, root)
  const scans = readable.map(f => {
    const scan = findReferences(f.file, f.text ?? '', undefined, envs.envs.get(f.file))
    const problem = envs.problems.get(f.file)
    if (problem) scan.problems.push(problem)
    return scan
  })
  return { scans, envFiles: envs.loaded }
}
