#!/usr/bin/env node
// Draws the import graph of src/ from the code and checks it against the layers and rules in
// scripts/check-layers.config.mjs: no import cycles (of modules, and of folders), a module
// imports only from its own layer or below, the forbidden arrows, the packages only some
// layers may import, no import of a package's private files, and no oversized file or function.
//
//   node scripts/check-layers.mjs [--map target|current] [--root DIR]
//
// Prints each violation as `from -> to (layer a -> layer b)` and each cycle as a path; exits 1
// when there is any, 2 on a usage error. Every import counts, `import type` and `import()`
// included: a type drawn from a higher layer ties the layers as surely as a value does.
/* global console, process */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import picomatch from 'picomatch'
import ts from 'typescript'
import defaultConfig from './check-layers.config.mjs'
import { findOversized, printOversized } from './check-layers-sizes.mjs'

const SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx']

/** Every source file under `root/sourceRoot`, as a posix path relative to `root`, sorted. */
export function collectModules(root, sourceRoot) {
  const found = []
  const walk = dir => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`
      if (entry.isDirectory()) walk(rel)
      else if (entry.isFile() && SOURCE_EXTENSIONS.some(ext => entry.name.endsWith(ext))) {
        found.push(rel)
      }
    }
  }
  walk(sourceRoot)
  return found.sort()
}

/**
 * The module specifiers `text` imports (static, re-exports, `import()`, `import('x').T`); an
 * `import()` of a computed name comes back as its source text, marked `computed`.
 */
export function importsOf(text, fileName) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)
  const found = []
  const add = (literal, node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source))
    if (literal && ts.isStringLiteralLike(literal)) {
      found.push({ specifier: literal.text, line: line + 1 })
    } else if (ts.isCallExpression(node)) {
      found.push({ specifier: node.getText(source), line: line + 1, computed: true })
    }
  }
  const visit = node => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node)
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      add(node.moduleReference.expression, node)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], node)
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, node)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** The package a bare specifier or a path inside node_modules names, and the subpath in it. */
function splitPackage(spec) {
  const parts = spec.split('/')
  const size = spec.startsWith('@') ? 2 : 1
  const rest = parts.slice(size).join('/')
  return { name: parts.slice(0, size).join('/'), subpath: rest ? `./${rest}` : '.' }
}

/** Whether a package's `exports` field lets others import `subpath` (Node's rules, simplified). */
export function isExported(exportsField, subpath) {
  // Without an exports map Node lets every file be imported; nothing is outside it.
  if (exportsField === undefined) return true
  if (exportsField === null || typeof exportsField !== 'object' || Array.isArray(exportsField)) {
    return subpath === '.'
  }
  const keys = Object.keys(exportsField)
  if (!keys.some(key => key.startsWith('.'))) return subpath === '.'
  if (subpath in exportsField) return exportsField[subpath] !== null
  const patterns = keys
    .filter(key => key.includes('*') || key.endsWith('/'))
    .sort((a, b) => b.length - a.length)
  for (const key of patterns) {
    const [prefix, suffix = ''] = key.endsWith('/') ? [key] : key.split('*')
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length > prefix.length) {
      return exportsField[key] !== null
    }
  }
  return false
}

/** The package.json of `name` as Node would find it from `root`, or undefined. */
function packageJson(root, name) {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json')
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'))
    if (path.dirname(dir) === dir) return undefined
  }
}

/** The source file a relative specifier names (`./x.js` is written for `./x.ts`), if any. */
function resolveRelative(from, specifier, modules) {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier))
  const stem = base.replace(/\.(m|c)?jsx?$/, '')
  const candidates = [base, ...SOURCE_EXTENSIONS.map(ext => stem + ext)]
  candidates.push(...SOURCE_EXTENSIONS.map(ext => `${base}/index${ext}`))
  return candidates.find(candidate => modules.has(candidate))
}

/**
 * What one import points at: a module of the graph, a Node built-in, a package (with
 * `private` set when the import reaches past the package's exports), or nothing found.
 */
export function resolveImport(root, from, specifier, modules) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = resolveRelative(from, specifier, modules)
    if (target) return { kind: 'module', target }
    const absolute = path.resolve(root, path.dirname(from), specifier)
    const segments = absolute.split(path.sep)
    const inside = segments.lastIndexOf('node_modules')
    if (inside >= 0) {
      const { name } = splitPackage(segments.slice(inside + 1).join('/'))
      return { kind: 'package', name, private: 'a path into node_modules' }
    }
    // A file that is no module of the graph (JSON, say) has no layer to break.
    return existsSync(absolute) ? { kind: 'file' } : { kind: 'unresolved' }
  }
  if (isBuiltin(specifier)) return { kind: 'builtin' }
  const { name, subpath } = splitPackage(specifier)
  const manifest = packageJson(root, name)
  if (!manifest) return { kind: 'unresolved' }
  const exported = isExported(manifest.exports, subpath)
  return { kind: 'package', name, private: exported ? undefined : `${subpath} is not exported` }
}

/** Finds a module's layer and tells whether a path matches a list of layer names and globs. */
function layering(layers) {
  const names = layers.map(([name]) => name)
  const matchers = layers.map(([name, globs]) => ({ name, match: picomatch(globs) }))
  const layerOf = file => matchers.find(({ match }) => match(file))?.name
  const rank = file => names.indexOf(layerOf(file))
  const matches = (file, selectors) => {
    const layer = layerOf(file)
    return selectors.some(selector =>
      names.includes(selector) ? selector === layer : picomatch.isMatch(file, selector)
    )
  }
  return { layerOf, rank, matches }
}

/** Strongly connected components of a graph (Tarjan), each a sorted list, only real cycles. */
function tangles(nodes, successors) {
  const index = new Map()
  const low = new Map()
  const stack = []
  const onStack = new Set()
  const found = []
  const connect = node => {
    index.set(node, index.size)
    low.set(node, index.get(node))
    stack.push(node)
    onStack.add(node)
    for (const next of successors(node)) {
      if (!index.has(next)) {
        connect(next)
        low.set(node, Math.min(low.get(node), low.get(next)))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)))
    }
    if (low.get(node) !== index.get(node)) return
    const component = []
    let member
    do {
      member = stack.pop()
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1 || successors(node).includes(node)) found.push(component.sort())
  }
  for (const node of nodes) if (!index.has(node)) connect(node)
  return found
}

/** The shortest cycle through `start` inside `component`, as a path that ends where it began. */
function shortestCycle(start, component, successors) {
  const members = new Set(component)
  const parent = new Map([[start, undefined]])
  const queue = [start]
  while (queue.length > 0) {
    const node = queue.shift()
    for (const next of successors(node)) {
      if (next === start) {
        const cycle = [start]
        for (let at = node; at !== start; at = parent.get(at)) cycle.splice(1, 0, at)
        return [...cycle, start]
      }
      if (members.has(next) && !parent.has(next)) {
        parent.set(next, node)
        queue.push(next)
      }
    }
  }
  return [start, start]
}

/** Cycles that between them pass through every member of every tangle of the graph. */
export function findCycles(nodes, successors) {
  const cycles = []
  for (const component of tangles(nodes, successors)) {
    const covered = new Set()
    for (const node of component) {
      if (covered.has(node)) continue
      const cycle = shortestCycle(node, component, successors)
      cycle.forEach(member => covered.add(member))
      cycles.push(cycle)
    }
  }
  return cycles
}

/** The folder a module lives in, for folder cycles: its top-level folder, or itself. */
function unitOf(file, sourceRoot) {
  const rest = file.slice(sourceRoot.length + 1)
  return rest.includes('/') ? `${sourceRoot}/${rest.split('/')[0]}/` : file
}

/** Each module's imports, resolved: the edges of the graph and the imports of packages. */
function drawGraph(root, sourceRoot) {
  const modules = collectModules(root, sourceRoot)
  const known = new Set(modules)
  const imports = []
  for (const from of modules) {
    const text = readFileSync(path.join(root, from), 'utf8')
    for (const { specifier, line, computed } of importsOf(text, from)) {
      const resolved = computed
        ? { kind: 'unresolved' }
        : resolveImport(root, from, specifier, known)
      imports.push({ from, line, specifier, ...resolved })
    }
  }
  return { modules, imports }
}

/** Adjacency lists (sorted, without repeats) from a list of [from, to] pairs. */
function adjacency(pairs) {
  const next = new Map()
  for (const [from, to] of pairs) {
    if (!next.has(from)) next.set(from, new Set())
    next.get(from).add(to)
  }
  return node => [...(next.get(node) ?? [])].sort()
}

/** Cycles between folders, each step with one import (`from -> to`) that makes it. */
function findFolderCycles(modules, edges, sourceRoot) {
  const unitEdges = edges
    .map(e => ({
      ...e,
      fromUnit: unitOf(e.from, sourceRoot),
      toUnit: unitOf(e.target, sourceRoot)
    }))
    .filter(e => e.fromUnit !== e.toUnit)
  const units = [...new Set(modules.map(file => unitOf(file, sourceRoot)))].sort()
  const cycles = findCycles(units, adjacency(unitEdges.map(e => [e.fromUnit, e.toUnit])))
  return cycles.map(cycle =>
    cycle.slice(1).map((unit, i) => {
      const example = unitEdges.find(e => e.fromUnit === cycle[i] && e.toUnit === unit)
      return { from: cycle[i], to: unit, via: `${example.from} -> ${example.target}` }
    })
  )
}

/** Checks the tree at `root` against one map of `config`; returns the graph and what breaks. */
export function checkLayers({ root, map, config = defaultConfig }) {
  const layers = config.maps[map ?? config.defaultMap]
  if (!layers) throw new Error(`no layer map named ${JSON.stringify(map)}`)
  const { layerOf, rank, matches } = layering(layers)
  const { modules, imports } = drawGraph(root, config.sourceRoot)
  const seen = new Set()
  const edges = imports.filter(i => {
    const key = `${i.from}\0${i.target}`
    return i.kind === 'module' && !seen.has(key) && seen.add(key)
  })
  const packages = imports.filter(i => i.kind === 'package')
  const arrow = e => ({
    from: e.from,
    to: e.target ?? e.specifier,
    line: e.line,
    fromLayer: layerOf(e.from) ?? 'no layer',
    toLayer: e.target ? (layerOf(e.target) ?? 'no layer') : e.name
  })
  return {
    modules: modules.length,
    imports: edges.length,
    unmapped: modules.filter(file => !layerOf(file)),
    upward: edges
      .filter(e => layerOf(e.from) && layerOf(e.target) && rank(e.target) < rank(e.from))
      .map(arrow),
    forbidden: (config.forbidden ?? []).map(rule => ({
      why: rule.why,
      arrows: edges.filter(e => matches(e.from, rule.from) && matches(e.target, rule.to)).map(arrow)
    })),
    packages: packages.flatMap(i =>
      (config.packages ?? [])
        .filter(rule => rule.name === i.name && !matches(i.from, rule.only))
        .map(rule => ({ ...arrow(i), only: rule.only }))
    ),
    private: packages.filter(i => i.private).map(i => ({ ...arrow(i), why: i.private })),
    unresolved: imports.filter(i => i.kind === 'unresolved').map(arrow),
    cycles: findCycles(modules, adjacency(edges.map(e => [e.from, e.target]))),
    folderCycles: config.folderCycles ? findFolderCycles(modules, edges, config.sourceRoot) : [],
    oversized: findOversized(root, modules, config.sizes)
  }
}

/** The check's findings as the lines CI prints, and how many violations there are. */
export function formatReport(result, map) {
  const lines = [`layers (map ${map}): ${result.modules} modules, ${result.imports} imports`]
  let count = 0
  const section = (title, items, line) => {
    if (items.length === 0) return
    lines.push(`${title}:`)
    for (const item of items) lines.push(...[line(item)].flat().map(text => `  ${text}`))
    count += items.length
  }
  const layered = a => `${a.from} -> ${a.to} (${a.fromLayer} -> ${a.toLayer})`
  section('modules no layer claims (add them to the map)', result.unmapped, file => file)
  section(
    'upward imports (a module imports only from its own layer or below)',
    result.upward,
    layered
  )
  for (const rule of result.forbidden)
    section(`forbidden imports (${rule.why})`, rule.arrows, layered)
  section('packages imported outside the modules allowed to', result.packages, a => {
    return `${a.from} -> ${a.to} (${a.fromLayer} -> ${a.toLayer}, allowed only in ${a.only.join(', ')})`
  })
  section("imports of a package's private files", result.private, a => {
    return `${a.from} -> ${a.to} (${a.fromLayer} -> ${a.toLayer}, ${a.why})`
  })
  section(
    'imports the checker cannot follow (no such file, or a computed name)',
    result.unresolved,
    a => `${a.from}:${a.line} -> ${a.to}`
  )
  section('import cycles', result.cycles, cycle => cycle.join(' -> '))
  section(
    'folder cycles (under each, one import that makes each step)',
    result.folderCycles,
    steps => [
      [steps[0].from, ...steps.map(step => step.to)].join(' -> '),
      ...steps.map(step => `  ${step.via}`)
    ]
  )
  printOversized(result.oversized, section)
  lines.push(count === 0 ? 'layers ok' : `${count} violation${count === 1 ? '' : 's'}`)
  return { text: lines.join('\n'), count }
}

function main(argv) {
  const usage = 'usage: check-layers [--map NAME] [--root DIR]'
  const options = {
    map: defaultConfig.defaultMap,
    root: path.dirname(path.dirname(fileURLToPath(import.meta.url)))
  }
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]]
    if ((flag !== '--map' && flag !== '--root') || value === undefined) {
      console.error(`check-layers: unexpected ${JSON.stringify(flag)}\n${usage}`)
      return 2
    }
    options[flag.slice(2)] = value
  }
  if (!defaultConfig.maps[options.map]) {
    const names = Object.keys(defaultConfig.maps).join(', ')
    console.error(`check-layers: --map must be one of ${names}, got ${JSON.stringify(options.map)}`)
    return 2
  }
  if (!existsSync(path.join(options.root, defaultConfig.sourceRoot))) {
    console.error(`check-layers: no ${defaultConfig.sourceRoot}/ under --root ${options.root}`)
    return 2
  }
  const { text, count } = formatReport(checkLayers(options), options.map)
  console.log(text)
  return count === 0 ? 0 : 1
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2))
}
