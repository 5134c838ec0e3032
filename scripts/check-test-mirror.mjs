#!/usr/bin/env node
// Lists every module under src/ without a unit test at the matching path, so the tests mirror
// the source (issue 19): src/a/b.ts is tested by __tests__/a/b.test.ts. A test at the matching
// path must also import something of its module: one that imports nothing of it tests
// another module under this one's name.
//
//   node scripts/check-test-mirror.mjs [--root DIR]
//
// Prints each missing test as `src/a/b.ts -> __tests__/a/b.test.ts` and each test that imports
// nothing of its module; exits 1 when there is any, or when an exemption is stale, 2 on a
// usage error.
/* global console, process */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

/**
 * Modules with nothing a test could exercise, each with why. Keep it short: a module with any
 * behaviour of its own belongs in the mirror.
 */
export const EXEMPT = {
  'src/index.ts': "the action's entry: turns the compile cache on and calls main.ts's run()",
  'src/cli.ts': "the CLI's entry: calls cli/main.ts's main() with process.argv",
  'src/model/files.ts': 'declares types only',
  'src/files/pin-outcome.ts': 'declares types only',
  'src/http/types.ts': 'declares types only',
  'src/shell/toolkit.ts': 'declares the Toolkit type only',
  'src/model/mode.ts': 'declares the Mode type and the list of its names, nothing to run',
  'src/model/limits.ts': 'declares byte caps only, constants with no behaviour',
  'src/sources/source.ts': 'declares the Source interface and one frozen constant',
  'src/policy/rule.ts':
    "declares the rule's types and the constant lists of its keys and fail-on values"
}

const THROUGH_FIND_REFERENCES =
  'tested through findReferences (find-references.ts), which picks the reader by file kind, so ' +
  'the cases hold however the readers are split up'

/**
 * Modules whose test at the matching path reaches them only through a caller, each with why.
 * Their cases are about this module's behaviour, asserted at the entry a user's input takes.
 */
export const TESTED_THROUGH = {
  'src/files/dockerfile-vars.ts': THROUGH_FIND_REFERENCES,
  'src/files/find-ci.ts': THROUGH_FIND_REFERENCES,
  'src/files/find-compose.ts': THROUGH_FIND_REFERENCES,
  'src/files/find-custom-resources.ts': THROUGH_FIND_REFERENCES,
  'src/files/find-devcontainer.ts': THROUGH_FIND_REFERENCES,
  'src/files/find-dockerfile.ts': THROUGH_FIND_REFERENCES,
  'src/files/find-helm.ts': THROUGH_FIND_REFERENCES,
  'src/files/find-kubernetes.ts': THROUGH_FIND_REFERENCES,
  'src/files/find-kustomize.ts': THROUGH_FIND_REFERENCES,
  'src/files/find-workflow.ts': THROUGH_FIND_REFERENCES,
  'src/files/read-split.ts': THROUGH_FIND_REFERENCES,
  'src/files/yaml-scan.ts': THROUGH_FIND_REFERENCES,
  'src/files/detect-reach-kind.ts':
    'tested through detectFileKind (detect-kind.ts), its only caller, which tells every kind apart',
  'src/policy/signers-file.ts':
    "tested through parsePolicy (policy/file.ts), which reads a rule's signed-by and provenance with it",
  'src/http/plain-http.ts':
    'tested through HttpClient (http/client.ts), which refuses a plain-HTTP hop with it'
}

/** Every `.ts` module under `root/src`, as a posix path relative to `root`, sorted. */
export function sourceModules(root) {
  const found = []
  const walk = dir => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`
      if (entry.isDirectory()) walk(rel)
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        found.push(rel)
      }
    }
  }
  walk('src')
  return found.sort()
}

/** The test file that mirrors `module`: src/a/b.ts -> __tests__/a/b.test.ts. */
export function mirrorOf(module) {
  return `__tests__/${module.slice('src/'.length, -'.ts'.length)}.test.ts`
}

/**
 * The repository paths `text` (the file at `file`, relative to the root) imports values from:
 * static imports and re-exports with at least one binding that is not `type`, namespace and
 * default imports, and `import()` of a literal. Type-only and side-effect imports run nothing
 * of the module they name, so they do not count.
 */
export function valueImportsOf(text, file) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false)
  const specifiers = []
  const visit = node => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause
      const bindings = clause?.namedBindings
      const values =
        clause &&
        !clause.isTypeOnly &&
        (clause.name ||
          (bindings && ts.isNamespaceImport(bindings)) ||
          bindings?.elements.some(e => !e.isTypeOnly))
      if (values) specifiers.push(node.moduleSpecifier.text)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      specifiers.push(node.moduleSpecifier.text)
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  const found = new Set()
  for (const spec of specifiers.filter(spec => spec.startsWith('.'))) {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))
    found.add(resolved.replace(/\.(js|ts|mjs)$/, '') + '.ts')
  }
  return found
}

/** Whether the test at `test` (relative to `root`) imports a value from `module`. */
function importsModule(root, test, module) {
  return valueImportsOf(readFileSync(path.join(root, test), 'utf8'), test).has(module)
}

/**
 * The modules under `root` without their mirrored test (exemptions aside); the mirrored tests
 * that import nothing of their module (unless it is tested through a caller); and the
 * exemptions of either list that are stale (a stale list hides nothing, but misleads its
 * reader): a module that no longer exists, or tested through a caller when its test now
 * imports it.
 */
export function checkMirror({ root, exempt = EXEMPT, through = TESTED_THROUGH }) {
  const modules = sourceModules(root)
  const tested = modules.filter(module => existsSync(path.join(root, mirrorOf(module))))
  const missing = modules
    .filter(module => !(module in exempt))
    .filter(module => !tested.includes(module))
    .map(module => ({ module, test: mirrorOf(module) }))
  const unrelated = tested
    .filter(module => !(module in exempt) && !(module in through))
    .filter(module => !importsModule(root, mirrorOf(module), module))
    .map(module => ({ module, test: mirrorOf(module) }))
  const present = new Set(modules)
  const staleExemptions = Object.keys(exempt).filter(module => !present.has(module))
  const staleThrough = Object.keys(through)
    .map(module => {
      if (!present.has(module)) return { module, why: 'gone' }
      const imported = tested.includes(module) && importsModule(root, mirrorOf(module), module)
      return { module, why: imported ? 'imported' : undefined }
    })
    .filter(entry => entry.why !== undefined)
  return { modules: modules.length, missing, unrelated, staleExemptions, staleThrough }
}

/** The report as printed, and how many problems it holds. */
export function formatMirror(result) {
  const lines = result.missing.map(({ module, test }) => `${module} -> ${test}`)
  for (const { module, test } of result.unrelated) {
    lines.push(
      `${test} imports nothing of ${module}: test its exports there, or list it in TESTED_THROUGH in scripts/check-test-mirror.mjs with the caller it is tested through`
    )
  }
  for (const module of result.staleExemptions) {
    lines.push(`${module}: exempt in scripts/check-test-mirror.mjs, but there is no such module`)
  }
  for (const { module, why } of result.staleThrough) {
    lines.push(
      why === 'imported'
        ? `${module}: in TESTED_THROUGH in scripts/check-test-mirror.mjs, but ${mirrorOf(module)} imports it now; remove the entry`
        : `${module}: in TESTED_THROUGH in scripts/check-test-mirror.mjs, but there is no such module`
    )
  }
  const count =
    result.missing.length +
    result.unrelated.length +
    result.staleExemptions.length +
    result.staleThrough.length
  const head =
    result.missing.length === 0
      ? `Every one of ${result.modules} modules has its test at the matching path (or is exempt).`
      : `${result.missing.length} of ${result.modules} modules have no test at the matching path:`
  return { text: [head, ...lines].join('\n'), count }
}

function main(argv) {
  let root = process.cwd()
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root' && argv[i + 1] !== undefined) root = path.resolve(argv[++i])
    else {
      console.error(`check-test-mirror: unknown argument '${argv[i]}'; expected --root DIR`)
      return 2
    }
  }
  if (!existsSync(path.join(root, 'src'))) {
    console.error(`check-test-mirror: no src/ folder under '${root}'`)
    return 2
  }
  const { text, count } = formatMirror(checkMirror({ root }))
  ;(count === 0 ? console.log : console.error)(text)
  return count === 0 ? 0 : 1
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2))
}
