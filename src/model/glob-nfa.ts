/**
 * picomatch's regex for a glob, run as a Thompson automaton: every state is followed at once,
 * so a name is read once per state and nothing backtracks. Only the regex picomatch emits is
 * understood: literals and escapes, `.`, classes, groups (capturing or not), alternation, the
 * quantifiers `*`, `+`, `?` (lazy or not), `^`, `$`, and lookaheads whose body repeats nothing
 * unboundedly (picomatch's dot-segment checks), which are tested in place with the regex
 * engine at a cost bounded by their own size. Anything else yields undefined, and the caller
 * decides (glob.ts). Pure.
 */

type Node =
  | { kind: 'char'; test: (c: string) => boolean }
  | { kind: 'assert'; test: (name: string, at: number) => boolean }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: 0 | 1; /** 1, or Infinity for no bound. */ max: number }

class Unsupported extends Error {}

const isLineEnd = (c: string): boolean =>
  c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029'

/** A recursive-descent reader of the regex source. */
class Reader {
  i = 0
  constructor(readonly src: string) {}

  alt(): Node {
    const options = [this.seq()]
    while (this.src[this.i] === '|') {
      this.i++
      options.push(this.seq())
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options }
  }

  seq(): Node {
    const items: Node[] = []
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      items.push(this.quantified(this.atom()))
    }
    return { kind: 'seq', items }
  }

  quantified(node: Node): Node {
    const q = this.src[this.i]
    if (q !== '*' && q !== '+' && q !== '?') {
      if (q === '{') throw new Unsupported()
      return node
    }
    this.i++
    if (this.src[this.i] === '?') this.i++ // laziness changes which match, never whether
    if (node.kind === 'assert') throw new Unsupported()
    return { kind: 'repeat', node, min: q === '+' ? 1 : 0, max: q === '?' ? 1 : Infinity }
  }

  atom(): Node {
    const { src } = this
    const c = src[this.i]
    if (src.startsWith('(?=', this.i) || src.startsWith('(?!', this.i)) return this.lookahead()
    if (src.startsWith('(?<', this.i)) throw new Unsupported() // lookbehind, named group
    if (c === '(') {
      this.i += src.startsWith('(?:', this.i) ? 3 : 1
      const inner = this.alt()
      if (src[this.i] !== ')') throw new Unsupported()
      this.i++
      return inner
    }
    this.i++
    if (c === '^') return { kind: 'assert', test: (_n, at) => at === 0 }
    if (c === '$') return { kind: 'assert', test: (n, at) => at === n.length }
    if (c === '.') return { kind: 'char', test: ch => !isLineEnd(ch) }
    if (c === '[') return this.charClass()
    if (c === '\\') return { kind: 'char', test: this.escape() }
    if ('*+?{}|)]'.includes(c)) throw new Unsupported()
    return { kind: 'char', test: ch => ch === c }
  }

  /** After a `\`: a literal character (letters and digits escape to classes: refused). */
  escape(): (c: string) => boolean {
    const e = this.src[this.i++]
    if (e === undefined || /[0-9A-Za-z]/.test(e)) throw new Unsupported()
    return ch => ch === e
  }

  charClass(): Node {
    const { src } = this
    const negated = src[this.i] === '^'
    if (negated) this.i++
    const ranges: [string, string][] = []
    // As in JavaScript, `[]` is an empty class (nothing matches) and `[^]` matches anything.
    while (src[this.i] !== ']') {
      if (this.i >= src.length || src[this.i] === '[') throw new Unsupported() // [:alpha:]
      const lo = this.classChar()
      if (src[this.i] === '-' && src[this.i + 1] !== ']') {
        this.i++
        ranges.push([lo, this.classChar()])
      } else ranges.push([lo, lo])
    }
    this.i++
    const inClass = (ch: string): boolean => ranges.some(([a, b]) => ch >= a && ch <= b)
    return { kind: 'char', test: ch => inClass(ch) !== negated }
  }

  classChar(): string {
    const c = this.src[this.i++]
    if (c !== '\\') return c
    const e = this.src[this.i++]
    if (e === undefined || /[0-9A-Za-z]/.test(e)) throw new Unsupported()
    return e
  }

  /** `(?=…)` / `(?!…)` with a body that repeats nothing unboundedly, tested in place. */
  lookahead(): Node {
    const { src } = this
    const negative = src[this.i + 2] === '!'
    let depth = 0
    let j = this.i
    for (; j < src.length; j++) {
      if (src[j] === '\\') j++
      else if (src[j] === '(') depth++
      else if (src[j] === ')' && --depth === 0) break
    }
    const body = src.slice(this.i + 3, j)
    if (j >= src.length || /(^|[^\\])[*+]/.test(body)) throw new Unsupported()
    this.i = j + 1
    const sticky = new RegExp(`(?:${body})`, 'y')
    return {
      kind: 'assert',
      test: (name, at) => {
        sticky.lastIndex = at
        return sticky.test(name) !== negative
      }
    }
  }
}

/** The automaton's states: a character test, an assertion, a fork, or the match. */
type State =
  | { kind: 'char'; test: (c: string) => boolean; next: number }
  | { kind: 'assert'; test: (name: string, at: number) => boolean; next: number }
  | { kind: 'split'; next: number[] }
  | { kind: 'match' }

/** Compiles `node` to states leading to `next`; returns its entry state. */
function compile(node: Node, next: number, states: State[]): number {
  const add = (s: State): number => states.push(s) - 1
  switch (node.kind) {
    case 'char':
    case 'assert':
      return add({ ...node, next })
    case 'seq':
      return node.items.reduceRight((to, item) => compile(item, to, states), next)
    case 'alt':
      return add({ kind: 'split', next: node.options.map(o => compile(o, next, states)) })
    case 'repeat': {
      if (node.max === 1)
        return add({ kind: 'split', next: [compile(node.node, next, states), next] })
      // A loop: the fork is made first so the body can point back at it.
      const fork = add({ kind: 'split', next: [] })
      const body = compile(node.node, fork, states)
      ;(states[fork] as { next: number[] }).next = [body, next]
      return node.min === 1 ? body : fork
    }
  }
}

/** A matcher for the regex source, or undefined when it uses something not understood. */
export function compileAutomaton(source: string): ((name: string) => boolean) | undefined {
  let root: Node
  try {
    const reader = new Reader(source)
    root = reader.alt()
    if (reader.i !== source.length) return undefined
  } catch (e) {
    if (e instanceof Unsupported) return undefined
    throw e
  }
  const states: State[] = [{ kind: 'match' }]
  const start = compile(root, 0, states)
  return name => run(states, start, name)
}

/** Adds `state` and all it reaches without reading, at `at`, to `into`. */
function close(states: State[], name: string, at: number, state: number, into: Set<number>): void {
  const stack = [state]
  while (stack.length) {
    const s = stack.pop() as number
    if (into.has(s)) continue
    into.add(s)
    const st = states[s]
    if (st.kind === 'split') stack.push(...st.next)
    else if (st.kind === 'assert' && st.test(name, at)) stack.push(st.next)
  }
}

function run(states: State[], start: number, name: string): boolean {
  let current = new Set<number>()
  close(states, name, 0, start, current)
  for (let at = 0; at < name.length && current.size; at++) {
    const next = new Set<number>()
    for (const s of current) {
      const st = states[s]
      if (st.kind === 'char' && st.test(name[at])) close(states, name, at + 1, st.next, next)
    }
    current = next
  }
  return current.has(0)
}
