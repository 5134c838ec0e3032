import picomatch from 'picomatch'
import { DigestGateError } from './errors.js'
import { compileAutomaton } from './glob-nfa.js'

/**
 * Policy `match` globs, in picomatch's syntax, matched in time linear in the name for each
 * state of the pattern. picomatch turns every `*` into a lazy `[^/]*?`, and a JavaScript
 * regex backtracks over them: `*a` 22 times then `b`, against 40 `a`s, ran for minutes. So
 * the regex picomatch compiles is not run by the regex engine: it is read into an automaton
 * that follows every state at once (glob-nfa.ts), which never backtracks. That covers what
 * picomatch emits for literals, `?`, `*`, `**`, braces and classes. The rare regex it cannot
 * read (some extglobs, POSIX classes) is run by the regex engine only if it has few enough
 * unbounded repeats that backtracking stays polynomial and small; a pattern with more is
 * refused when the policy is loaded. Pure.
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

/** True when the glob is matched by the automaton, never by a backtracking regex. */
export function isLinearGlob(glob: string): boolean {
  return compileAutomaton(picomatch.makeRe(glob, GLOB_OPTIONS).source) !== undefined
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
  const automaton = compileAutomaton(regex.source)
  // picomatch.test: an empty name never matches, the glob itself always does.
  if (automaton) return name => name !== '' && (name === glob || automaton(name))
  const count = repeats(regex.source)
  if (count > MAX_REGEX_REPEATS) {
    throw new DigestGateError(
      'invalid-input',
      `the glob uses extglobs or POSIX classes together with ${count} repeats; at most ${MAX_REGEX_REPEATS} are allowed with those (with '*', '**', '?', braces and [classes] any number is), since more could take minutes to match`
    )
  }
  const test = picomatch(glob, GLOB_OPTIONS)
  return name => test(name)
}
