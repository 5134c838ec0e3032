// The size rule of scripts/check-layers.mjs: no source file over a number of lines, and no
// function over a smaller one, so each module and each function stays small enough to hold in
// one's head (issue 19). Lines are counted from the syntax tree, from a node's first line to its
// last, inclusive; a function's leading comment does not count.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/** The lines of a text as an editor shows them; a final newline opens no new line. */
export function lineCount(text) {
  if (text === '') return 0
  const lines = text.split('\n').length
  return text.endsWith('\n') ? lines - 1 : lines
}

/** The text of a property or binding name, or undefined for a computed or destructured one. */
function nameText(name, source) {
  if (!name) return undefined
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text
  if (ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text
  return ts.isComputedPropertyName(name) ? name.getText(source) : undefined
}

/**
 * The name a function goes by, or undefined for one that has none: declarations, methods,
 * accessors and constructors by their own name; arrow functions and function expressions by
 * the variable, property or class field they are assigned to.
 */
function functionName(node, source) {
  if (ts.isConstructorDeclaration(node)) return 'constructor'
  if (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  ) {
    return nameText(node.name, source)
  }
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return undefined
  const holder = node.parent
  if (
    (ts.isVariableDeclaration(holder) ||
      ts.isPropertyAssignment(holder) ||
      ts.isPropertyDeclaration(holder)) &&
    holder.initializer === node
  ) {
    return nameText(holder.name, source)
  }
  if (ts.isBinaryExpression(holder) && holder.right === node) {
    return holder.left.getText(source)
  }
  return nameText(node.name, source)
}

/** Every named function in `text` with the line it starts on and how many lines it spans. */
export function functionSizes(text, fileName) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)
  const lineOf = position => source.getLineAndCharacterOfPosition(position).line + 1
  const found = []
  const visit = node => {
    const name = ts.isFunctionLike(node) && node.body ? functionName(node, source) : undefined
    if (name !== undefined) {
      const line = lineOf(node.getStart(source))
      found.push({ name, line, lines: lineOf(node.getEnd()) - line + 1 })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/**
 * The `modules` (paths relative to `root`) over `maxFileLines` and their functions over
 * `maxFunctionLines`, in the order given, each file's in line order; a limit left out is not
 * checked.
 */
export function findOversized(root, modules, limits = {}) {
  const { maxFileLines, maxFunctionLines } = limits
  const files = []
  const functions = []
  for (const file of modules) {
    const text = readFileSync(path.join(root, file), 'utf8')
    const lines = lineCount(text)
    if (maxFileLines !== undefined && lines > maxFileLines) files.push({ file, lines })
    if (maxFunctionLines === undefined) continue
    for (const fn of functionSizes(text, file)) {
      if (fn.lines > maxFunctionLines) functions.push({ file, ...fn })
    }
  }
  return { limits, files, functions }
}

/** Adds the oversized files and functions to a report through its `section(title, items, line)`. */
export function printOversized({ limits, files, functions }, section) {
  section(`files over ${limits.maxFileLines} lines (split them)`, files, f => {
    return `${f.file} (${f.lines} lines)`
  })
  section(`functions over ${limits.maxFunctionLines} lines (split them)`, functions, f => {
    return `${f.file}:${f.line} ${f.name} (${f.lines} lines)`
  })
}
