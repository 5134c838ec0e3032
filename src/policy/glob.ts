import picomatch from 'picomatch'
import { DigestGateError } from '../errors.js'

/**
 * Policy `match` globs, in picomatch's syntax, matched in time linear in the name for each
 * state of the pattern. picomatch turns every `*` into a lazy `[^/]*?`, and a JavaScript
 * regex backtracks over them: `*a` 22 times then `b`, against 40 `a`s, ran for minutes. So
 * the regex picomatch compiles is not run by the regex engine when it is made of the simple
 * pieces picomatch emits for literals, `?`, `*` and `/` (the globs policies are written with):
 * those are read as a sequence of steps and run as a set of states over the name, which never
 * backtracks. What picomatch compiles into anything else (`**`, braces, classes, extglobs) is
 * run by the regex engine only if it has few enough unbounded repeats that backtracking stays
 * polynomial and small; a pattern with more is refused when the policy is loaded. Pure.
 */

/** picomatch's options for policy globs: dot-names match, `/` is the only separator. */
export const GLOB_OPTIONS = Object.freeze({ dot: true, windows: false })

/**
 * Unbounded repeats allowed in a regex the engine runs. Backtracking costs about n^k for k of
 * them; at 3 it stays under a few million steps for the longest name a reference can have.
 */
export const MAX_REGEX_REPEATS = 3
/** Far above any real `match`; a longer glob is a mistake or an attack. */
export const MAX_GLOB_LENGTH = 512

type Step =
  | { kind: 'char'; char: string }
  | { kind: 'notSlash' }
  | { kind: 'star' }
  | { kind: 'optionalSlash' }
  | { kind: 'assert'; test: (name: string, at: number) => boolean }

const isLineEnd = (c: string): boolean =>
  c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029'

/** `\.{1,2}(?:\/|$)` at `at`: a `.` or `..` segment starts there. */
function dotSegmentAt(name: string, at: number, min: number): boolean {
  for (let dots = 2; dots >= min; dots--) {
    let ok = true
    for (let k = 0; k < dots; k++) if (name[at + k] !== '.') ok = false
    const after = at + dots
    if (ok && (after === name.length || name[after] === '/')) return true
  }
  return false
}

/** The zero-width assertions picomatch emits, each as the test it makes at a position. */
const ASSERTIONS: Record<string, (name: string, at: number) => boolean> = {
  '(?!\\.{1,2}(?:\\/|$))': (name, at) => !dotSegmentAt(name, at, 1),
  '(?!\\.{0,1}(?:\\/|$))': (name, at) => !dotSegmentAt(name, at, 0),
  '(?!(?:^|\\/)\\.{1,2}(?:\\/|$))': (name, at) =>
    !(at === 0 && dotSegmentAt(name, 0, 1)) && !(name[at] === '/' && dotSegmentAt(name, at + 1, 1)),
  '(?=.)': (name, at) => at < name.length && !isLineEnd(name[at]),
  '^': (_name, at) => at === 0,
  $: (name, at) => at === name.length
}

const TOKENS: [string, Step | null][] = [
  ...Object.entries(ASSERTIONS).map(([t, test]): [string, Step] => [t, { kind: 'assert', test }]),
  ['[^/]*?', { kind: 'star' }],
  ['[^/]', { kind: 'notSlash' }],
  ['\\/?', { kind: 'optionalSlash' }],
  // Groups without alternation or repetition only gather; they need no step.
  ['(?:', null],
  [')', null]
]

const REGEX_SYNTAX = new Set([...'\\^$.|?*+()[]{}'])

/** The steps of picomatch's regex source, or undefined when it uses anything else. */
function readSteps(source: string): Step[] | undefined {
  const steps: Step[] = []
  let depth = 0
  let i = 0
  while (i < source.length) {
    const token = TOKENS.find(([t]) => source.startsWith(t, i))
    if (token) {
      const [text, step] = token
      if (text === '(?:') depth++
      else if (text === ')' && --depth < 0) return undefined
      // A group followed by a quantifier repeats; that is not a plain sequence.
      if (text === ')' && /[?*+{]/.test(source[i + 1] ?? '')) return undefined
      if (step) steps.push(step)
      i += text.length
    } else if (source[i] === '\\' && i + 1 < source.length && !/[0-9A-Za-z]/.test(source[i + 1])) {
      steps.push({ kind: 'char', char: source[i + 1] })
      i += 2
    } else if (!REGEX_SYNTAX.has(source[i])) {
      steps.push({ kind: 'char', char: source[i] })
      i++
    } else return undefined
  }
  return depth === 0 ? steps : undefined
}

/** Adds `state` and every state reachable from it without reading a character. */
function close(steps: Step[], name: string, at: number, state: number, into: Set<number>): void {
  const stack = [state]
  while (stack.length) {
    const s = stack.pop() as number
    if (into.has(s)) continue
    into.add(s)
    const step = steps[s]
    if (!step) continue
    if (step.kind === 'assert') {
      if (step.test(name, at)) stack.push(s + 1)
    } else if (step.kind === 'star' || step.kind === 'optionalSlash') stack.push(s + 1)
  }
}

/** Runs the steps over the name as a set of states: each character is looked at once per state. */
function runSteps(steps: Step[], name: string): boolean {
  let states = new Set<number>()
  close(steps, name, 0, 0, states)
  for (let at = 0; at < name.length && states.size; at++) {
    const c = name[at]
    const next = new Set<number>()
    for (const s of states) {
      const step = steps[s]
      if (!step) continue
      if (step.kind === 'char' && step.char === c) close(steps, name, at + 1, s + 1, next)
      else if (step.kind === 'notSlash' && c !== '/') close(steps, name, at + 1, s + 1, next)
      else if (step.kind === 'star' && c !== '/') close(steps, name, at + 1, s, next)
      else if (step.kind === 'optionalSlash' && c === '/') close(steps, name, at + 1, s + 1, next)
    }
    states = next
  }
  return states.has(steps.length)
}

/** Counts the regex's unbounded repeats (`*`, `+`, `{n,}`), escaped characters aside. */
function repeats(source: string): number {
  let n = 0
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') i++
    else if (source[i] === '*' || source[i] === '+') n++
    else if (source[i] === '{' && /^\{\d*,\}/.test(source.slice(i, i + 12))) n++
  }
  return n
}

/** True when the glob is matched by the step runner, never by a backtracking regex. */
export function isLinearGlob(glob: string): boolean {
  return readSteps(picomatch.makeRe(glob, GLOB_OPTIONS).source) !== undefined
}

/**
 * A matcher for one glob, answering as picomatch(glob, GLOB_OPTIONS) does. Throws a
 * DigestGateError saying what to change when the glob could only be matched by a regex that
 * may backtrack for long, or when picomatch refuses it.
 */
export function compileGlob(glob: string): (name: string) => boolean {
  if (glob.length > MAX_GLOB_LENGTH) {
    throw new DigestGateError(
      'invalid-input',
      `the glob is ${glob.length} characters long; at most ${MAX_GLOB_LENGTH} are allowed`
    )
  }
  const regex = picomatch.makeRe(glob, GLOB_OPTIONS)
  const steps = readSteps(regex.source)
  // picomatch.test: an empty name never matches, the glob itself always does.
  if (steps) return name => name !== '' && (name === glob || runSteps(steps, name))
  const count = repeats(regex.source)
  if (count > MAX_REGEX_REPEATS) {
    throw new DigestGateError(
      'invalid-input',
      `the glob uses '**', braces, classes or extglobs together with ${count} repeats; at most ${MAX_REGEX_REPEATS} are allowed with those (with only '*', '?' and '/' any number is), since more could take minutes to match`
    )
  }
  const test = picomatch(glob, GLOB_OPTIONS)
  return name => test(name)
}
