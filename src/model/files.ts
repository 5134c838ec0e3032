import type { Mode } from './mode.js'

/**
 * What the file scanners find: image references with their exact place in the file, so a
 * rewrite can splice only the reference text, and what they had to skip, with why. Pure data.
 */

/** The file formats a reference can be found in. */
export type FileKind =
  | 'dockerfile'
  | 'compose'
  | 'kubernetes'
  | 'workflow'
  | 'helm'
  | 'kustomize'
  | 'gitlab-ci'
  | 'circleci'
  | 'bitbucket-pipelines'
  | 'azure-pipelines'
  | 'devcontainer'

/** A value's own characters in a file (inside quotes): what a rewrite replaces. */
export interface ValueSpan {
  start: number
  end: number
  text: string
  /** A plain (unquoted) scalar: a new value YAML would read as other than a string is quoted. */
  plain?: boolean
  /** Written before a new value (a space after `key:` with nothing after it). */
  lead?: string
}

/**
 * A reference written as several values of one map (a Helm `{registry, repository, tag,
 * digest}` map, a Kustomize `images:` entry): a pin writes the digest value, and a promotion
 * the tag value too, each in place, adding the key where it is missing (split-reference.ts).
 */
export interface SplitReference {
  /** The keys the map uses for the tag and the digest (`tag`/`newTag`, `digest`). */
  tagKey: string
  digestKey: string
  tag?: ValueSpan
  digest?: ValueSpan
  /** Where a missing key goes: `at` an offset, each written as `${before}key: value${after}`. */
  insert: { at: number; before: string; after: string }
}

/** A place in a file: 1-based line and column (in characters, a BOM not counted). */
export interface Position {
  line: number
  column: number
}

/** One image reference found in a file. */
export interface FoundReference extends Position {
  file: string
  /**
   * The span of `text` in the scanned string, as UTF-16 offsets (`text.slice(start, end)`):
   * the characters a pin rewrites. For a quoted YAML scalar it is the text inside the quotes;
   * for `FROM ${BASE}` it is the default value on the `ARG BASE=…` line.
   */
  start: number
  end: number
  /** The reference exactly as written at the span. */
  text: string
  /** The image after ARG substitution (equal to `text` where nothing was substituted). */
  image: string
  kind: FileKind
  /** Where in the file's structure, for messages: `FROM (stage 2)`, `services.web.image`. */
  where: string
  /** A literal `FROM --platform=…` value, as written. */
  platform?: string
  /** False when rewriting the span would not pin the image (`reason` says why). */
  pinnable: boolean
  reason?: string
  /** Set when `image` is not a valid reference: parseReference's message. Never resolved. */
  error?: string
  /**
   * Set for a reference written over several values of a map: `start`/`end` are then its first
   * value's (the repository), `text` the reference as read (`registry/repository:tag`), and a
   * rewrite goes through `split`'s spans, never `start`/`end`.
   */
  split?: SplitReference
  /**
   * The file the span lies in, when not `file`: a Compose `${VAR}` read from the `.env`
   * beside it is reported at the Compose line and pinned in the `.env`.
   */
  spanFile?: string
}

/** Something that looked like an image reference but cannot be followed, and why. */
export interface SkippedEntry extends Position {
  file: string
  kind: FileKind
  where: string
  /** The text as written (an ARG expression, a `${{ … }}` template, a stage name). */
  text: string
  reason: string
}

/** A problem with a whole file or a part of it (a YAML syntax error). */
export interface FileProblem extends Position {
  file: string
  message: string
}

/** Everything one file yielded. `kind` is null for a file of no supported kind. */
export interface FileScan {
  file: string
  kind: FileKind | null
  references: FoundReference[]
  skipped: SkippedEntry[]
  problems: FileProblem[]
}

/** How loud a result is: errors fail the step, warnings and notices only annotate. */
export type Level = 'error' | 'warning' | 'notice'

/**
 * One reference as the report file's `references` section and the summary show it, after a
 * run: where it is, what it names, and what the run found (verify, report) or did (pin).
 */
export interface ReferenceEntry extends Position {
  /** As written, and as resolved (after ARG substitution). */
  text: string
  image: string
  where: string
  /** A verify status (verify-plan.ts) or a pin status (pin-plan.ts). */
  status: string
  level: Level
  /** The most severe finding's message (the first, among equals). */
  message: string
  /** The digest pinned in the file (after a pin: the one written). */
  digest?: string
  /** What the tag points at now, where that was looked up. */
  current?: string
  /** Pin: the text that replaced `text`. */
  to?: string
  /** Required platforms the reference's image lacks. */
  missing?: string[]
  /** Every finding, when there is more than one. */
  findings?: { status: string; level: Level; message: string }[]
}

/** One file of a run, for the report file's `references` section. */
export interface FileReport {
  file: string
  /** Null for a file matched by `files` that is of no supported kind (it is not read further). */
  kind: FileKind | null
  references: ReferenceEntry[]
  skipped: Omit<SkippedEntry, 'file' | 'kind'>[]
  problems: (Position & { level: Level; message: string })[]
}

/** An annotation tied to a place in a file, so it shows on the pull request's diff. */
export interface FileAnnotation extends Position {
  level: Level
  file: string
  /** The column after the reference, when the annotation is about one. */
  endColumn?: number
  title: string
  message: string
}

/** What the files part of a run found, did, and says (src/files/run-files.ts). */
export interface FilesOutcome {
  mode: Mode
  files: FileReport[]
  annotations: FileAnnotation[]
  /** `mode: pin`: the files rewritten, relative to the workspace, sorted. */
  changedFiles: string[]
  /** Why the files part fails the step; empty when it does not. */
  failures: string[]
}
