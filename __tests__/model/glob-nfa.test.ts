/**
 * compileAutomaton: the regex source read into an automaton that answers as the regex engine
 * does. Checked against RegExp itself on generated regexes, and against picomatch's own regex
 * on generated globs (the sources it is meant for).
 */
import fc from 'fast-check'
import picomatch from 'picomatch'
import { compileAutomaton } from '../../src/model/glob-nfa.js'
import { GLOB_OPTIONS } from '../../src/model/glob.js'

// The automaton matches the whole name, as picomatch's regexes (`^(?:…)$`) always do, so the
// engine is asked the same: the source anchored at both ends.
const engine = (source: string, name: string): boolean => new RegExp(`^(?:${source})$`).test(name)

function automaton(source: string): (name: string) => boolean {
  const m = compileAutomaton(source)
  if (!m) throw new Error(`not understood: ${source}`)
  return m
}

const name = fc
  .array(fc.constantFrom('a', 'b', '.', '/', '-', '\n', 'ab', ''), { maxLength: 8 })
  .map(p => p.join(''))

describe('equivalence with the regex engine', () => {
  // Atoms and quantifiers of the kinds picomatch emits, nested one group deep.
  const atom = fc.constantFrom(
    'a',
    'b',
    '.',
    '\\.',
    '\\/',
    '[ab]',
    '[^a]',
    '[a-b]',
    '[\\.-]',
    '[]',
    '[^]',
    '(?:a|b)',
    '(a|)',
    '(?:\\.|b)',
    '(?=a)',
    '(?!\\.)',
    '(?!\\.{1,2}(?:\\/|$))'
  )
  const quantifier = fc.constantFrom('', '', '*', '+', '?', '*?', '+?', '??')
  const piece = fc.tuple(atom, quantifier).map(([a, q]) => a + q)
  const seq = fc.array(piece, { maxLength: 5 }).map(p => p.join(''))
  const group = seq.map(s => `(?:${s})`)
  const regex = fc
    .tuple(
      fc.boolean(),
      fc.array(
        fc.oneof(
          piece,
          fc.tuple(group, quantifier).map(([g, q]) => g + q)
        ),
        {
          maxLength: 4
        }
      ),
      fc.option(seq),
      fc.boolean()
    )
    .map(([start, body, alt, end]) => {
      const core = body.join('') + (alt === null ? '' : `|${alt}`)
      return `${start ? '^' : ''}(?:${core})${end ? '$' : ''}`
    })

  test('every generated regex it reads answers as RegExp does', () => {
    let read = 0
    fc.assert(
      fc.property(regex, fc.array(name, { minLength: 1, maxLength: 6 }), (source, names) => {
        const m = compileAutomaton(source)
        if (!m) return // only lookaheads quantified are refused here
        read++
        for (const n of names) {
          expect({ source, n, matched: m(n) }).toEqual({ source, n, matched: engine(source, n) })
        }
      }),
      { numRuns: 3000 }
    )
    // The generator is not just producing refusals.
    expect(read).toBeGreaterThan(1500)
  })

  const globPiece = fc.constantFrom(
    ...['a', 'b', '.', '/', '*', '?', '**', '-', './', '{a,b}', '{a,}', '[ab]', '[!a]', '[a-c]']
  )
  const glob = fc.array(globPiece, { minLength: 1, maxLength: 6 }).map(p => p.join(''))

  test("picomatch's regex for small globs: read, and answered as picomatch's regex does", () => {
    fc.assert(
      fc.property(glob, fc.array(name, { minLength: 1, maxLength: 6 }), (g, names) => {
        const re = picomatch.makeRe(g, GLOB_OPTIONS)
        const m = automaton(re.source)
        for (const n of names) {
          expect({ g, n, matched: m(n) }).toEqual({ g, n, matched: re.test(n) })
        }
      }),
      { numRuns: 2000 }
    )
  })
})

describe('what it reads', () => {
  test.each([
    ['^a$', 'a', true],
    ['^a$', 'aa', false],
    ['a', 'a', true],
    ['a', 'xay', false],
    ['^$', '', true],
    ['^.$', '\n', false],
    ['^.$', '\u2028', false],
    ['^.$', 'é', true],
    ['^[]$', 'a', false],
    ['^[^]$', '\n', true],
    ['^[a-c]+$', 'abcb', true],
    ['^[a-c]+$', 'abd', false],
    ['^[^/]*?$', 'a/b', false],
    ['^\\*$', '*', true],
    ['^\\*$', 'a', false],
    ['^(?!\\.)a.*$', 'ab', true],
    ['^(?!\\.)[^/]*$', '.hidden', false],
    ['^(?=a)..$', 'ab', true],
    ['^(?=a)..$', 'ba', false],
    ['^(a|b|)c$', 'c', true],
    ['^(?:ab)+$', 'ababab', true],
    ['^(?:ab)+$', 'aba', false]
  ])('%s on %j: %s', (source, n, expected) => {
    expect(automaton(source)(n)).toBe(expected)
    expect(engine(source, n)).toBe(expected)
  })

  test('a pattern that makes a regex engine backtrack is answered correctly, reading once', () => {
    // `^(?:[^/]*?a){22}b$`-like: what picomatch makes of `*a` repeated, before a `b`.
    const source = `^${'[^/]*?a'.repeat(22)}b$`
    const m = automaton(source)
    expect(m('a'.repeat(40))).toBe(false)
    expect(m(`${'a'.repeat(40)}b`)).toBe(true)
  })
})

describe('what it refuses (undefined, so the caller decides)', () => {
  test.each([
    ['a{2}', 'a counted repeat'],
    ['(?<=a)b', 'a lookbehind'],
    ['(?<n>a)', 'a named group'],
    ['\\d', 'a class escape'],
    ['\\1', 'a back-reference'],
    ['[[:alpha:]]', 'a POSIX class'],
    ['[\\w]', 'a class escape inside a class'],
    ['a)', 'an unbalanced parenthesis'],
    ['(a', 'an unclosed group'],
    ['*a', 'a quantifier with nothing before it'],
    ['(?=a*)b', 'a lookahead that repeats without bound'],
    ['(?=a', 'an unclosed lookahead'],
    ['^*', 'a quantified assertion'],
    ['[a', 'an unclosed class'],
    ['a\\', 'a trailing backslash']
  ])('%s: %s', source => {
    expect(compileAutomaton(source)).toBeUndefined()
  })
})
