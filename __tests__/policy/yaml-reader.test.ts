/** The policy's YAML read node by node, on real YAML parsed by `yaml` with a line counter. */
import { LineCounter, type Node, isMap, isSeq, parseDocument } from 'yaml'
import {
  type Context,
  addProblem,
  describe as describeNode,
  pairsOf,
  report,
  resolveNode,
  siteOf,
  stringItems,
  unknownKey
} from '../../src/policy/yaml-reader.js'

function read(text: string, named: string | null = '.github/digest-gate.yml'): Context {
  const file = named ?? undefined
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  return { label: file ?? 'policy', file, lines, doc, problems: [], located: [] }
}

/** The value node under a top-level key, as the reader sees it. */
function valueOf(ctx: Context, key: string): Node | null {
  const pair = pairsOf(ctx, ctx.doc.contents as Node).find(p => p.key === key)
  if (!pair) throw new Error(`no key ${key}`)
  return pair.value
}

describe('siteOf, report and addProblem', () => {
  test('a node is placed at its 1-based line and column, in the file', () => {
    const ctx = read('default:\n  platforms:\n    - linux/amd64\n')
    const item = valueOf(ctx, 'default')
    expect(siteOf(ctx, item)).toEqual({ file: '.github/digest-gate.yml', line: 2, col: 3 })
    report(ctx, item, 'something is wrong')
    expect(ctx.problems).toEqual(['.github/digest-gate.yml:2:3: something is wrong'])
    expect(ctx.located).toEqual([
      { file: '.github/digest-gate.yml', line: 2, col: 3, message: 'something is wrong' }
    ])
  })

  test('no file: the site has none and the label names the input; a missing node is 1:1', () => {
    const ctx = read('a: 1\n', null)
    expect(siteOf(ctx, null)).toEqual({ line: 1, col: 1 })
    expect('file' in siteOf(ctx, undefined)).toBe(false)
    addProblem(ctx, { line: 4, col: 9 }, 'bad')
    expect(ctx.problems).toEqual(['policy:4:9: bad'])
    expect(ctx.located).toEqual([{ file: undefined, line: 4, col: 9, message: 'bad' }])
  })
})

describe('describe (what a node holds, for "found …")', () => {
  const ctx = read(
    'empty:\nnil: null\ntext: "a\\u202Eb"\nnumber: 12\nflag: true\nlist: [1]\nmap: {a: 1}\n'
  )
  test.each([
    ['empty', 'nothing'],
    ['nil', 'nothing'],
    ['text', '"a<U+202E>b"'],
    ['number', 'number 12'],
    ['flag', 'boolean true'],
    ['list', 'a list'],
    ['map', 'a mapping']
  ])('%s: %s', (key, expected) => {
    expect(describeNode(valueOf(ctx, key))).toBe(expected)
  })

  test('no node is nothing', () => {
    expect(describeNode(null)).toBe('nothing')
    expect(describeNode(undefined)).toBe('nothing')
  })
})

describe('resolveNode', () => {
  test('an alias is followed to the node it names; anything else is itself', () => {
    const ctx = read('base: &p [linux/amd64]\nother: *p\n')
    const base = valueOf(ctx, 'base')
    const other = valueOf(ctx, 'other')
    expect(isSeq(other)).toBe(true)
    expect(other).toBe(base)
    expect(resolveNode(ctx, undefined)).toBeNull()
    expect(resolveNode(ctx, base)).toBe(base)
  })
})

describe('unknownKey', () => {
  test('names the keys allowed and the nearest one', () => {
    const ctx = read('default:\n  platfroms: linux/amd64\n')
    const rule = pairsOf(ctx, valueOf(ctx, 'default') as Node)[0]
    unknownKey(ctx, rule.keyNode, rule.key, ['platforms', 'max-size'])
    expect(ctx.problems).toEqual([
      ".github/digest-gate.yml:2:3: key 'platfroms': unknown key; expected one of platforms, max-size (did you mean 'platforms'?)"
    ])
  })

  test('no guess when nothing is near; invisible characters shown', () => {
    const ctx = read('"zz\\u200B": 1\n')
    const pair = pairsOf(ctx, ctx.doc.contents as Node)[0]
    unknownKey(ctx, pair.keyNode, pair.key, ['platforms'])
    expect(ctx.problems).toEqual([
      ".github/digest-gate.yml:1:1: key 'zz<U+200B>': unknown key; expected one of platforms"
    ])
  })
})

describe('pairsOf', () => {
  test('string keys with their values, aliases followed; other keys are problems at the key', () => {
    const ctx = read('a: &v 1\nb: *v\n12: x\n[x]: y\n')
    const pairs = pairsOf(ctx, ctx.doc.contents as Node)
    expect(pairs.map(p => [p.key, describeNode(p.value)])).toEqual([
      ['a', 'number 1'],
      ['b', 'number 1']
    ])
    expect(ctx.problems).toEqual([
      '.github/digest-gate.yml:3:1: expected a key name, found number 12',
      '.github/digest-gate.yml:4:1: expected a key name, found a list'
    ])
  })

  test('not a mapping: no pairs, no problem', () => {
    const ctx = read('- a\n')
    expect(isMap(ctx.doc.contents)).toBe(false)
    expect(pairsOf(ctx, ctx.doc.contents as Node)).toEqual([])
    expect(ctx.problems).toEqual([])
  })
})

describe('stringItems', () => {
  const items = (text: string, key = 'platforms') => {
    const ctx = read(text)
    const out = stringItems(
      ctx,
      key,
      valueOf(ctx, key),
      'a platform',
      'a platform or a list of them'
    )
    return { out: out?.map(i => i.text), problems: ctx.problems, ctx, raw: out }
  }

  test('a string is split on commas and lines, comments dropped, each item at the string', () => {
    const { out, problems, ctx, raw } = items(
      'platforms: |\n  linux/amd64, linux/arm64 # the usual\n  linux/arm/v7\n'
    )
    expect(out).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7'])
    expect(problems).toEqual([])
    expect(raw!.map(i => siteOf(ctx, i.node).line)).toEqual([1, 1, 1])
  })

  test('a list: each item with its own node, aliases followed', () => {
    const { out, problems, ctx, raw } = items(
      'x: &arm linux/arm64\nplatforms:\n  - linux/amd64\n  - *arm\n'
    )
    expect(out).toEqual(['linux/amd64', 'linux/arm64'])
    expect(problems).toEqual([])
    expect(raw!.map(i => siteOf(ctx, i.node).line)).toEqual([3, 1])
  })

  test('a list with items of another kind: undefined, every bad item reported where it is', () => {
    const { out, problems } = items('platforms:\n  - linux/amd64\n  - 3\n  - [a]\n  -\n')
    expect(out).toBeUndefined()
    expect(problems).toEqual([
      ".github/digest-gate.yml:3:5: key 'platforms': expected a platform, found number 3",
      ".github/digest-gate.yml:4:5: key 'platforms': expected a platform, found a list",
      ".github/digest-gate.yml:5:4: key 'platforms': expected a platform, found nothing"
    ])
  })

  test('neither a string nor a list: undefined, the list wording used', () => {
    const { out, problems } = items('platforms: {os: linux}\n')
    expect(out).toBeUndefined()
    expect(problems).toEqual([
      ".github/digest-gate.yml:1:12: key 'platforms': expected a platform or a list of them, found a mapping"
    ])
  })
})
