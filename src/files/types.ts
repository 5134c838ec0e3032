/**
 * What the file scanners find: image references with their exact place in the file, so a
 * rewrite can splice only the reference text, and what they had to skip, with why. Pure data.
 */

/** The file formats a reference can be found in. */
export type FileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'workflow'

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
