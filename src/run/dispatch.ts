import { type RunHooks, type RunResult, runGate } from './run.js'
import type { Settings } from './settings.js'

/**
 * The one place the action and the CLI choose what a run does: merge shard reports, read
 * references from files (pin, verify, report over files), or resolve images (the gate, whose
 * module both shells load anyway for `failureOf`). A merge or files run's code is loaded only
 * by the runs that choose it: a gate never loads the merging, the globbing, the scanners or
 * the YAML parser.
 */
export async function dispatch(settings: Settings, hooks: RunHooks = {}): Promise<RunResult> {
  if (settings.mode === 'merge') return (await import('./merge.js')).runMerge(settings)
  if (settings.files.length) return (await import('./files-run.js')).runFiles(settings, hooks)
  return runGate(settings, hooks)
}
