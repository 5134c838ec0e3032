import type { ImageRecord } from './record.js'
import { visibleText } from './text.js'

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
