import { readJsoncTop } from './jsonc.js'
import type { LineIndex } from './positions.js'
import type { FileProblem, FoundReference, SkippedEntry } from '../model/files.js'

/**
 * The `image` of a dev container configuration (`.devcontainer/devcontainer.json`,
 * `.devcontainer.json`; containers.dev's JSON reference), read as JSON with comments. The
 * span is the string's characters inside its quotes, so a pin keeps every comment. A value
 * with `${localEnv:…}` or another variable is filled in by the tool that opens the container,
 * so it is reported as not followed. Pure.
 */
export function findDevcontainerReferences(
  file: string,
  text: string,
  lines: LineIndex
): { references: FoundReference[]; skipped: SkippedEntry[]; problems: FileProblem[] } {
  const top = readJsoncTop(text)
  const out = {
    references: [] as FoundReference[],
    skipped: [] as SkippedEntry[],
    problems: [] as FileProblem[]
  }
  if (top.error) {
    const at = lines.positionAt(top.error.offset)
    out.problems.push({
      file,
      ...at,
      message: `${file}:${at.line}:${at.column}: not valid JSON with comments: ${top.error.message}`
    })
    return out
  }
  const image = top.strings.get('image')
  if (!image) return out
  const position = lines.positionAt(image.start)
  if (image.value.includes('${')) {
    out.skipped.push({
      file,
      ...position,
      kind: 'devcontainer',
      where: 'image',
      text: image.value,
      reason: 'the value holds a variable (${…}), filled in by the tool that opens the container'
    })
    return out
  }
  const ref: FoundReference = {
    file,
    ...position,
    start: image.start,
    end: image.end,
    text: image.escaped ? text.slice(image.start, image.end) : image.value,
    image: image.value,
    kind: 'devcontainer',
    where: 'image',
    pinnable: !image.escaped
  }
  if (image.escaped)
    ref.reason = 'the value is written with escapes; rewriting it in place is not safe'
  out.references.push(ref)
  return out
}
