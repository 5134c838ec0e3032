import type { Mode } from '../model/mode.js'
import type { PinOutcome } from './pin-outcome.js'
import type {
  FileAnnotation,
  FileReport,
  FoundReference,
  Level,
  ReferenceEntry
} from '../model/files.js'
import type { VerifyFinding, VerifyStatus } from './verify-plan.js'

/**
 * The plans' results (pin-plan.ts, verify-plan.ts) as a run reports them: one entry per
 * reference at the level the run's mode gives it, the annotations that show on a pull request's
 * diff, and why the step fails. Pure.
 */

const RANK: Record<Level, number> = { error: 2, warning: 1, notice: 0 }

/**
 * The level of a verify finding in a run of `mode`:
 * - `missing-platforms` follows `fail-on-missing` in every mode, as an image's missing
 *   platform does (contract.md, "Failing");
 * - `verify` keeps the plan's severity: a stale, vanished or single-platform pin fails it;
 * - `report` fails only on what would fail for an image given in `images`: a reference that is
 *   invalid or cannot be resolved, or a pinned digest that is gone (the build would not pull);
 *   everything else it reports as a warning or a notice.
 */
export function findingLevel(finding: VerifyFinding, mode: Mode, failOnMissing: boolean): Level {
  if (finding.status === 'missing-platforms') return failOnMissing ? 'error' : 'warning'
  if (mode === 'verify') return finding.severity
  if (UNRESOLVED.includes(finding.status)) return 'error'
  return finding.severity === 'error' ? 'warning' : finding.severity
}

const UNRESOLVED: readonly VerifyStatus[] = ['invalid', 'failed', 'not-found']

/** One entry per reference from verify findings (in the plan's order, grouped by reference). */
export function verifyEntries(
  findings: readonly VerifyFinding[],
  mode: Mode,
  failOnMissing: boolean
): Map<FoundReference, ReferenceEntry> {
  const byRef = new Map<FoundReference, VerifyFinding[]>()
  for (const f of findings) byRef.set(f.reference, [...(byRef.get(f.reference) ?? []), f])
  const out = new Map<FoundReference, ReferenceEntry>()
  for (const [ref, list] of byRef) {
    const leveled = list.map(f => ({ f, level: findingLevel(f, mode, failOnMissing) }))
    const worst = leveled.reduce((a, b) => (RANK[b.level] > RANK[a.level] ? b : a))
    const entry: ReferenceEntry = {
      ...place(ref),
      status: worst.f.status,
      level: worst.level,
      message: worst.f.message
    }
    const digest = list.find(f => f.pinnedDigest)?.pinnedDigest
    const current = list.find(f => f.currentDigest)?.currentDigest
    const missing = [...new Set(list.flatMap(f => f.missing ?? []))]
    if (digest) entry.digest = digest
    if (current) entry.current = current
    if (missing.length) entry.missing = missing
    if (list.length > 1)
      entry.findings = leveled.map(({ f, level }) => ({
        status: f.status,
        level,
        message: f.message
      }))
    out.set(ref, entry)
  }
  return out
}

/** The entry of one pin outcome: a failed pin is an error, a skipped one a warning. */
export function pinEntry(outcome: PinOutcome): ReferenceEntry {
  const level: Level =
    outcome.status === 'failed' ? 'error' : outcome.status === 'skipped' ? 'warning' : 'notice'
  const entry: ReferenceEntry = {
    ...place(outcome.reference),
    status: outcome.status,
    level,
    message: outcome.message
  }
  const digest = outcome.newDigest ?? outcome.oldDigest
  if (digest) entry.digest = digest
  if (outcome.to !== undefined) entry.to = outcome.to
  return entry
}

function place(
  ref: FoundReference
): Pick<ReferenceEntry, 'line' | 'column' | 'text' | 'image' | 'where'> {
  return { line: ref.line, column: ref.column, text: ref.text, image: ref.image, where: ref.where }
}

/** Statuses that need no annotation: the summary and the report file list them. */
const QUIET = new Set(['ok', 'unchanged'])

const TITLES: Record<string, string> = {
  stale: 'stale pin',
  'tag-missing': 'pinned tag gone',
  'single-platform': 'single-platform pin',
  'missing-platforms': 'platform missing',
  'not-found': 'pinned digest gone',
  unpinned: 'not pinned',
  invalid: 'invalid reference',
  failed: 'cannot resolve',
  pinned: 'pinned',
  updated: 'pin updated',
  promoted: 'promoted',
  drift: 'drift from the release',
  skipped: 'not pinned'
}

/**
 * An annotation per problem, per reference worth one, and per entry that was not followed.
 * One span reached twice (a Compose anchor merged into two services) is said once.
 */
export function fileAnnotations(files: readonly FileReport[]): FileAnnotation[] {
  const out: FileAnnotation[] = []
  const said = new Set<string>()
  const push = (a: FileAnnotation): void => {
    const key = JSON.stringify([a.file, a.line, a.column, a.level, a.message])
    if (said.has(key)) return
    said.add(key)
    out.push(a)
  }
  for (const f of files) {
    for (const p of f.problems) {
      push({ ...p, file: f.file, title: 'digest-gate: file problem', message: p.message })
    }
    for (const e of f.references) {
      if (QUIET.has(e.status)) continue
      const title = `digest-gate: ${TITLES[e.status] ?? e.status}`
      const base = { file: f.file, line: e.line, column: e.column, title }
      const endColumn = e.column + [...e.text].length
      push({ ...base, level: e.level, endColumn, message: e.message })
      // Every other finding (a stale pin whose digest is gone, say) is said too, under its title.
      for (const other of e.findings ?? []) {
        if (other.message === e.message) continue
        const t = `digest-gate: ${TITLES[other.status] ?? other.status}`
        push({ ...base, title: t, level: other.level, endColumn, message: other.message })
      }
    }
    for (const s of f.skipped) {
      push({
        level: 'notice',
        file: f.file,
        line: s.line,
        column: s.column,
        title: 'digest-gate: not followed',
        message: `'${s.text}' (${s.where}) is not checked: ${s.reason}`
      })
    }
  }
  return out
}

/**
 * Why the files part of a run fails the step: any error-level entry or problem, and a run
 * that read no file of a supported kind (`kind` null: unreadable, or not a kind it knows),
 * since a gate that checked nothing must not pass.
 */
export function filesFailures(mode: Mode, files: readonly FileReport[]): string[] {
  const out: string[] = []
  if (files.length && !files.some(f => f.kind !== null)) {
    out.push(
      `files: none of the ${files.length} file${files.length === 1 ? '' : 's'} matched could be read as a Dockerfile, Compose file, Kubernetes manifest, workflow, Helm values, Kustomization, CI pipeline or dev container (${files
        .slice(0, 5)
        .map(f => f.file)
        .join(', ')}${files.length > 5 ? ', …' : ''}); nothing was checked`
    )
  }
  const counts = new Map<string, number>()
  const failing = new Set<string>()
  for (const f of files) {
    for (const e of f.references) {
      const statuses =
        e.level === 'error'
          ? (e.findings?.filter(x => x.level === 'error').map(x => x.status) ?? [e.status])
          : []
      for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1)
      if (statuses.length) failing.add(f.file)
    }
    const problems = f.problems.filter(p => p.level === 'error').length
    if (problems) {
      counts.set('file problem', (counts.get('file problem') ?? 0) + problems)
      failing.add(f.file)
    }
  }
  if (counts.size) {
    const n = [...counts.values()].reduce((a, b) => a + b, 0)
    const what = [...counts].map(([status, count]) => `${count} ${status}`).join(', ')
    out.push(
      `${mode}: ${n} error${n === 1 ? '' : 's'} in ${failing.size} file${failing.size === 1 ? '' : 's'} (${what}); each is annotated at its line`
    )
  }
  return out
}
