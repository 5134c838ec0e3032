/**
 * Variable substitution in a Dockerfile word, as BuildKit's shell lexer does it for FROM
 * (frontend/dockerfile/shell/lex.go; docs: "Environment replacement"): `$NAME`, `${NAME}`,
 * `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`, the escape character
 * making a `$` literal. Anything else (`${NAME#pattern}`, `${NAME:?}` …) is reported as
 * unsupported rather than guessed. Pure.
 */

/** Platform ARGs BuildKit defines in the global scope for every build (docs: "Automatic platform ARGs"). */
export const BUILDER_ARGS = new Set([
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT'
])

/** A variable's value: a string, `undefined` for an ARG declared without a default. */
export type Variables = ReadonlyMap<string, string | undefined>

export interface Expansion {
  value: string
  /** Every variable the word names, in order. */
  names: string[]
  /** Variables used for their value that have none (no default, not declared). */
  unset: string[]
  /** Why the word could not be expanded, when it could not. */
  problem?: string
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/

/** True when the word contains something substitution would change. */
export function hasVariables(word: string, escape: string): boolean {
  return word.includes('$') || word.includes(escape)
}

/** Expands one word; never throws. */
export function expandWord(word: string, escape: string, vars: Variables): Expansion {
  const out: Expansion = { value: '', names: [], unset: [] }
  let i = 0
  while (i < word.length) {
    const c = word[i]
    if (c === escape && i + 1 < word.length) {
      out.value += word[i + 1]
      i += 2
      continue
    }
    if (c !== '$') {
      out.value += c
      i++
      continue
    }
    if (word[i + 1] === '{') {
      const close = matchingBrace(word, i + 1)
      if (close < 0) return { ...out, problem: `'${word}' has a '\${' without its '}'` }
      const inner = word.slice(i + 2, close)
      const expanded = expandBraced(inner, escape, vars, out)
      if (expanded === null) {
        return { ...out, problem: `'\${${inner}}' uses a form of substitution not followed here` }
      }
      out.value += expanded
      i = close + 1
      continue
    }
    const name = NAME.exec(word.slice(i + 1))?.[0]
    if (!name) {
      out.value += '$'
      i++
      continue
    }
    out.value += lookup(name, vars, out)
    i += 1 + name.length
  }
  return out
}

function matchingBrace(word: string, open: number): number {
  let depth = 0
  for (let i = open; i < word.length; i++) {
    if (word[i] === '{') depth++
    else if (word[i] === '}' && --depth === 0) return i
  }
  return -1
}

function lookup(name: string, vars: Variables, out: Expansion): string {
  out.names.push(name)
  const value = vars.get(name)
  if (value === undefined) {
    out.unset.push(name)
    return ''
  }
  return value
}

/** `NAME`, `NAME:-word`, `NAME-word`, `NAME:+word`, `NAME+word`; null for anything else. */
function expandBraced(
  inner: string,
  escape: string,
  vars: Variables,
  out: Expansion
): string | null {
  const name = NAME.exec(inner)?.[0]
  if (!name) return null
  const rest = inner.slice(name.length)
  if (!rest) return lookup(name, vars, out)
  const op = /^(:?[-+])/.exec(rest)?.[1]
  if (!op) return null
  out.names.push(name)
  const value = vars.get(name)
  const set = op.startsWith(':') ? !!value : value !== undefined
  const useWord = op.endsWith('-') ? !set : set
  if (!useWord) return op.endsWith('-') ? (value ?? '') : ''
  const nested = expandWord(rest.slice(op.length), escape, vars)
  out.names.push(...nested.names)
  out.unset.push(...nested.unset)
  if (nested.problem) return null
  return nested.value
}
