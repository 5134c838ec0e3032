import { DigestGateError } from '../model/errors.js'
import { type WalkOptions, walkGlob } from './walk-glob.js'

/**
 * The `files` input → the files it names, through the one glob expander (walk-glob.ts, which
 * merge's `reports` uses too). Load lazily (`await import('./files/expand-globs.js')`): most
 * runs never glob.
 *
 * One pattern per line; blank lines and lines starting with `#` are ignored. A line starting
 * with `!` excludes what it matches from every pattern, wherever it stands. Patterns are
 * relative to `root` (the workspace); dot-directories such as `.github` are searched;
 * `node_modules` and `.git` never are. Each including pattern must match at least one file:
 * a pattern that matches nothing is most likely a typo, and a gate that silently checks
 * nothing passes everything. The walk never leaves `root` (a symlink out of it is not
 * followed), reads each directory once, and stops at `limits.deadline`.
 */
export async function expandGlobs(
  patterns: string,
  root: string,
  limits: Pick<WalkOptions, 'deadline' | 'now' | 'stats'> = {}
): Promise<string[]> {
  const lines = patterns
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'))
  const include = lines.filter(line => !line.startsWith('!'))
  const exclude = lines.filter(line => line.startsWith('!')).map(line => line.slice(1).trim())
  if (!include.length) {
    throw new DigestGateError(
      'invalid-input',
      lines.length
        ? `files: only exclusions (!pattern) were given; add a pattern naming the files to check`
        : 'files: no pattern given'
    )
  }
  const ignore = [...exclude, '**/node_modules/**', '**/.git/**']
  const found = new Set<string>()
  const empty: string[] = []
  for (const pattern of include) {
    const matches = await walkGlob(pattern, {
      cwd: root,
      ignore,
      skipDirs: ['node_modules', '.git'],
      ...limits
    })
    if (!matches.length) empty.push(pattern)
    for (const m of matches) found.add(m)
  }
  if (empty.length) {
    const list = empty.map(p => `'${p}'`).join(', ')
    throw new DigestGateError(
      'invalid-input',
      `files: ${empty.length === 1 ? 'pattern' : 'patterns'} ${list} ${empty.length === 1 ? 'matches' : 'match'} no files under ${root}${exclude.length ? ' (after the ! exclusions)' : ''}`
    )
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}
