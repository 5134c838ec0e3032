import type { Dirent } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path'
import picomatch from 'picomatch'
import { DigestGateError, errorMessage } from '../model/errors.js'
import { compileGlob } from '../model/glob.js'

/**
 * The one glob expander, for the `files` input (expand-globs.ts) and merge's `reports`. It
 * walks the directory tree itself rather than through a globbing library, because the walk
 * must be safe on a tree a pull request controls:
 * - it starts at the pattern's literal base (`deploy` for `deploy/**\/*.yaml`) and goes no
 *   deeper than a pattern without `**` can match;
 * - it never leaves the walk's root, and it enters no directory symlink it meets: a directory
 *   inside the root is reached by its own name, one outside must not be reached at all. So
 *   `rootlink -> /` is not walked, nothing outside is ever listed, and `loop -> .` is not
 *   read twice or forever. (The pattern's own base may be a symlink, if it resolves inside.)
 * - it enters each real directory once, whatever leads to it;
 * - it stops at a deadline (the run's), and after a number of entries no workspace reaches,
 *   with an error naming the pattern.
 * Matching is picomatch's with `dot: true`, as the tinyglobby calls it replaces were, run by
 * the policy's linear matcher (policy/glob.ts): a file name is the pull request's to choose,
 * and picomatch's own regex can backtrack for minutes over a long one.
 */

/** Entries looked at per pattern before the walk gives up: far above any real repository. */
export const MAX_WALK_ENTRIES = 2_000_000

export interface WalkOptions {
  /** What relative patterns, and the paths returned for them, are relative to. */
  cwd: string
  /**
   * The directory nothing may be read outside of; `cwd` unless given. A pattern whose base is
   * outside it is refused.
   */
  root?: string
  /** Patterns (relative to `cwd`) whose matches are left out. */
  ignore?: readonly string[]
  /** Directory names never entered, wherever they are (`node_modules`, `.git`). */
  skipDirs?: readonly string[]
  /** Epoch ms past which the walk stops with an error; `now` is the clock it is read with. */
  deadline?: number
  now?: () => number
  /** Counts what the walk did, for tests and figures. */
  stats?: WalkStats
}

export interface WalkStats {
  /** Directories read. */
  directories: number
  /** Entries looked at. */
  entries: number
}

/** True when the line is a glob rather than a path (picomatch's reading of it). */
export function isGlob(pattern: string): boolean {
  return picomatch.scan(pattern).isGlob
}

/** The literal directory a glob starts from (`deploy` for `deploy/**\/*.yaml`; '' for none). */
export function globBase(pattern: string): string {
  return picomatch.scan(pattern).base
}

const toPosix = (path: string): string => path.split(sep).join('/')

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/** How deep below the base the glob can match: Infinity when it has `**` or braces. */
function maxDepth(glob: string): number {
  if (glob.includes('**') || glob.includes('{')) return Infinity
  return glob.split('/').filter(Boolean).length
}

interface Walk {
  options: WalkOptions
  pattern: string
  realRoot: string
  seen: Set<string>
  stats: WalkStats
  depth: number
  matches: (rel: string) => boolean
  found: string[]
}

/**
 * The files (anything but directories: FIFOs and sockets are the reader's to refuse) that
 * `pattern` matches, as paths relative to `cwd` (`/`-separated), or absolute for an absolute
 * pattern; sorted. Throws a DigestGateError naming the pattern for a walk past the deadline
 * or the entry limit, or a pattern whose base lies outside the root.
 */
export async function walkGlob(pattern: string, options: WalkOptions): Promise<string[]> {
  const root = resolve(options.root ?? options.cwd)
  const { base, glob } = picomatch.scan(pattern)
  const baseDir = resolve(options.cwd, base)
  if (!isInside(root, baseDir)) {
    throw new DigestGateError(
      'invalid-input',
      `the pattern '${pattern}' starts outside ${root}; only files inside it are read`
    )
  }
  const realRoot = await realpath(root).catch(() => root)
  const ignores = (options.ignore ?? []).map(p => matcher(p))
  const ignored = (path: string): boolean => ignores.some(test => test(path))
  const shown = (rel: string): string => {
    const joined = base ? posix.join(toPosix(base), rel) : rel
    return isAbsolute(pattern) ? joined : posix.normalize(joined)
  }
  const keep = (path: string): boolean => !ignored(path)
  if (!glob) {
    // A path, not a glob: it is there or not (escapes such as `a\*b` read literally).
    const literal = resolve(options.cwd, base.replace(/\\(.)/g, '$1'))
    const stats = await stat(literal).catch(() => undefined)
    const path = shown('')
    return stats && !stats.isDirectory() && keep(path) ? [path.replace(/\/$/, '')] : []
  }
  const test = matcher(glob, pattern)
  const walk: Walk = {
    options,
    pattern,
    realRoot,
    seen: new Set(),
    stats: options.stats ?? { directories: 0, entries: 0 },
    depth: maxDepth(glob),
    matches: rel => test(rel) && keep(shown(rel)),
    found: []
  }
  await visit(walk, baseDir, '', 1)
  return walk.found.map(shown).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** The linear matcher for a glob; an error naming the pattern when it cannot have one. */
function matcher(glob: string, pattern = glob): (path: string) => boolean {
  try {
    return compileGlob(glob)
  } catch (e) {
    throw new DigestGateError('invalid-input', `the pattern '${pattern}': ${errorMessage(e)}`)
  }
}

function checkBudget(walk: Walk): void {
  const { deadline, now = Date.now } = walk.options
  if (deadline !== undefined && now() > deadline) {
    throw new DigestGateError(
      'timeout',
      `the pattern '${walk.pattern}' was still being expanded when the run's time ran out (after ${walk.stats.entries} entries in ${walk.stats.directories} directories); narrow it`
    )
  }
  if (walk.stats.entries > MAX_WALK_ENTRIES) {
    throw new DigestGateError(
      'invalid-input',
      `the pattern '${walk.pattern}' would look at more than ${MAX_WALK_ENTRIES} files and directories; narrow it`
    )
  }
}

/** Reads one directory (once per real directory, only inside the root) and what is below it. */
async function visit(walk: Walk, dir: string, rel: string, depth: number): Promise<void> {
  checkBudget(walk)
  const real = await realpath(dir).catch(() => undefined)
  if (!real || !isInside(walk.realRoot, real) || walk.seen.has(real)) return
  walk.seen.add(real)
  walk.stats.directories++
  let entries: Dirent[]
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return // unreadable: as if empty, as a glob library would have it
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    walk.stats.entries++
    if (walk.stats.entries % 1024 === 0) checkBudget(walk)
    const path = join(dir, entry.name)
    const entryRel = rel ? `${rel}/${entry.name}` : entry.name
    let isDir = entry.isDirectory()
    if (entry.isSymbolicLink()) {
      // Followed only to see what it is: a directory symlink is never entered.
      const target = await stat(path).catch(() => undefined)
      if (!target || target.isDirectory()) continue
      isDir = false
    }
    if (isDir) {
      if (walk.options.skipDirs?.includes(entry.name)) continue
      if (depth < walk.depth) await visit(walk, path, entryRel, depth + 1)
    } else if (walk.matches(entryRel)) walk.found.push(entryRel)
  }
}
