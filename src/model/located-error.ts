import { DigestGateError } from './errors.js'

/** Where in a file one problem is, and what it is, for an annotation on that line. */
export interface ProblemLocation {
  /** The path as given, relative to the working directory (the workspace on a runner). */
  file: string
  line: number
  col: number
  /** The problem, without the `file:line:col: ` its error message prefixes. */
  message: string
}

/**
 * An `invalid-input` error whose problems are at lines of a file the user wrote (the policy
 * file), so the shell can annotate each at its line, as verify's findings are. Its message
 * still lists every problem as `file:line:col: …`, for the CLI and the log. Pure.
 */
export class LocatedError extends DigestGateError {
  readonly locations: readonly ProblemLocation[]

  /** Problems without a file (inline YAML) stay in the message only. */
  constructor(
    message: string,
    problems: readonly (Omit<ProblemLocation, 'file'> & { file?: string })[]
  ) {
    super('invalid-input', message)
    this.locations = problems.filter((p): p is ProblemLocation => p.file !== undefined)
  }
}

/** The located problems of any thrown value: none unless it is a LocatedError. */
export function locationsOf(e: unknown): readonly ProblemLocation[] {
  return e instanceof LocatedError ? e.locations : []
}
