import type { ImageRecord } from './record.js'
import { logText, visibleText } from './text.js'

/**
 * Registry-supplied text in a record, made safe for every place a record reaches: the log,
 * the summary, the outputs and the report file. Bidi and zero-width controls become visible
 * (`<U+202E>`), so nothing a registry sends can reorder what a reviewer reads. The image as
 * the user gave it is left alone: it is the key workflows look results up by. Pure.
 */
export function sanitizeRecord(record: ImageRecord): ImageRecord {
  const { image, ...rest } = record
  return { image, ...(visibleDeep(rest) as Omit<ImageRecord, 'image'>) }
}

function visibleDeep(value: unknown): unknown {
  if (typeof value === 'string') return visibleText(value)
  if (Array.isArray(value)) return value.map(visibleDeep)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[visibleText(k)] = visibleDeep(v)
    return out
  }
  return value
}

/** An annotation's properties as @actions/core takes them; only `title` is text for a reader. */
interface AnnotationLike {
  title?: string
}

/** The log and annotation functions of the runner's toolkit (@actions/core). */
export interface LogSink {
  info(message: string): void
  debug(message: string): void
  warning(message: string | Error, properties?: AnnotationLike): void
  error(message: string | Error, properties?: AnnotationLike): void
  notice(message: string | Error, properties?: AnnotationLike): void
  setFailed(message: string | Error): void
}

/**
 * The same toolkit, with every message, and every annotation's title, made plain (logText)
 * before it reaches the log: registry error text, file names and file contents can carry
 * terminal escapes (SGR colours, OSC 8 hyperlinks), BEL or NUL, and the Actions log shows
 * them to whoever reads it. Outputs, secrets and the summary pass as they are. Pure wrapper.
 */
export function plainLog<T extends LogSink>(sink: T): T {
  const text = (message: string | Error): string =>
    logText(message instanceof Error ? message.toString() : message)
  const props = <P extends AnnotationLike | undefined>(p: P): P =>
    p?.title === undefined ? p : { ...p, title: logText(p.title) }
  return {
    ...sink,
    info: (message: string) => sink.info(text(message)),
    debug: (message: string) => sink.debug(text(message)),
    warning: (message: string | Error, p?: AnnotationLike) => sink.warning(text(message), props(p)),
    error: (message: string | Error, p?: AnnotationLike) => sink.error(text(message), props(p)),
    notice: (message: string | Error, p?: AnnotationLike) => sink.notice(text(message), props(p)),
    setFailed: (message: string | Error) => sink.setFailed(text(message))
  }
}
