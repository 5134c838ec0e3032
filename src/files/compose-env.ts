import { type Document, isScalar } from 'yaml'
import { indexLines } from './positions.js'
import type { FoundReference, Position } from '../model/files.js'
import { deref, type YamlScan } from './yaml-scan.js'

/**
 * Compose's interpolation of `${VAR}`, `${VAR:-default}`, `${VAR-default}` (and `$VAR`, `$$`)
 * in `image:` values, from the project's `.env` beside the Compose file (compose-spec
 * 12-interpolation.md; Docker's "Set environment variables" for the `.env` syntax). When the
 * whole reference comes from one variable set in `.env`, the reference is pinned there;
 * otherwise it is checked but not pinned, as no single value holds it. The shell's environment,
 * which Compose lets override `.env`, is not read: the files say what is deployed. Pure.
 */

/** One variable of a `.env` file: its value, and where its characters are. */
export interface EnvValue extends Position {
  value: string
  start: number
  end: number
  /** False when the characters are not the value (escapes, or a `$` Compose would expand). */
  exact: boolean
}

/** A `.env` file: its path relative to the workspace and its variables. */
export interface ComposeEnv {
  file: string
  vars: Map<string, EnvValue>
}

const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/

/** Reads `KEY=value`, `KEY="value"`, `KEY='value'` lines; `#` starts a comment line. */
export function parseDotEnv(file: string, text: string): ComposeEnv {
  const vars = new Map<string, EnvValue>()
  const lines = indexLines(text)
  const starts = lines.starts
  for (let i = 0; i < starts.length; i++) {
    const lineEnd = i + 1 < starts.length ? starts[i + 1] : text.length
    const line = text.slice(starts[i], lineEnd).replace(/\r?\n$|\r$/, '')
    const m = LINE.exec(line)
    if (!m) continue
    const from = starts[i] + m[0].length
    const rest = line.slice(m[0].length)
    let start = from
    let value: string
    let exact = true
    const quote = rest[0]
    if ((quote === '"' || quote === "'") && rest.indexOf(quote, 1) > 0) {
      const close = rest.indexOf(quote, 1)
      value = rest.slice(1, close)
      start = from + 1
      if (quote === '"' && /[\\$]/.test(value)) exact = false
    } else {
      // An unquoted value ends before ` #` (an inline comment) and trailing blanks.
      const comment = rest.search(/[ \t]#/)
      value = (comment < 0 ? rest : rest.slice(0, comment)).replace(/[ \t]+$/, '')
      if (value.includes('$')) exact = false
    }
    vars.set(m[1], { value, start, end: start + value.length, exact, ...lines.positionAt(start) })
  }
  return { file, vars }
}

/** What a value interpolates to, or the variable it needs that is not set. */
export interface Interpolated {
  value?: string
  missing?: string
  /** The one variable the whole value is, when it is set in `.env`. */
  whole?: string
}

const EXPR = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g

/** Interpolates `value` with `env` as Compose does (defaults, `:?` errors, `:+` alternates). */
export function interpolate(value: string, env: ComposeEnv | undefined): Interpolated {
  let missing: string | undefined
  const get = (name: string): string | undefined => env?.vars.get(name)?.value
  const out = value.replace(
    EXPR,
    (all, braced?: string, op?: string, arg?: string, bare?: string) => {
      if (all === '$$') return '$'
      const name = (braced ?? bare) as string
      const set = get(name)
      const empty = set === undefined || (op?.startsWith(':') && set === '')
      if (op === ':-' || op === '-') return empty ? (arg ?? '') : (set ?? '')
      if (op === ':+' || op === '+') return empty ? '' : (arg ?? '')
      if (set === undefined || (op === ':?' && set === '')) missing ??= name
      return set ?? ''
    }
  )
  if (missing) return { missing }
  // `${VAR}`, `$VAR`, or `${VAR:-default}` with VAR set: the whole reference is VAR's value.
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(:?-[^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(value)
  const whole = m?.[1] ?? m?.[3]
  const set = whole ? get(whole) : undefined
  return whole && set && set === out ? { value: out, whole } : { value: out }
}

/**
 * Adds the reference of a Compose `image:` value with `$` in it: pinned in `.env` when one
 * variable set there is the whole value, else checked as interpolated and not pinned.
 */
export function readInterpolatedImage(
  scan: YamlScan,
  doc: Document,
  raw: unknown,
  where: string,
  env: ComposeEnv | undefined
): void {
  const node = deref(raw, doc)
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return
  const written = node.value
  const at = scan.lines.positionAt(node.range[0])
  const result = interpolate(written, env)
  const envName = env?.file ?? '.env'
  if (result.value === undefined) {
    const reason = `\${${result.missing ?? ''}} is not set in ${envName} and has no default; Compose takes it from the environment when it runs`
    scan.skipped.push({ file: scan.file, ...at, kind: scan.kind, where, text: written, reason })
    return
  }
  const ref: FoundReference = {
    file: scan.file,
    ...at,
    start: node.range[0],
    end: node.range[1],
    text: written,
    image: result.value,
    kind: scan.kind,
    where,
    pinnable: false,
    reason: `the reference is put together from ${envName} and defaults (${written}); keep the whole reference in one variable of ${envName} to have it pinned`
  }
  const from = result.whole ? env?.vars.get(result.whole) : undefined
  if (from && env) {
    Object.assign(ref, { spanFile: env.file, start: from.start, end: from.end, text: from.value })
    ref.where = `${where} (\${${result.whole}} from ${env.file}:${from.line})`
    ref.pinnable = from.exact
    if (from.exact) delete ref.reason
    else
      ref.reason = `${env.file}:${from.line} writes the value with escapes or variables; rewriting it in place is not safe`
  }
  scan.references.push(ref)
}
