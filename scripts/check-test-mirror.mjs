#!/usr/bin/env node
// Lists every module under src/ without a unit test at the matching path, so the tests mirror
// the source (issue 19): src/a/b.ts is tested by __tests__/a/b.test.ts.
//
//   node scripts/check-test-mirror.mjs [--root DIR]
//
// Prints each missing test as `src/a/b.ts -> __tests__/a/b.test.ts`; exits 1 when any is
// missing or an exemption names a module that no longer exists, 2 on a usage error.
/* global console, process */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

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
 * The modules under `root` without their mirrored test (exemptions aside), and the exemptions
 * that name no module (a stale list hides nothing, but misleads its reader).
 */
export function checkMirror({ root, exempt = EXEMPT }) {
  const modules = sourceModules(root)
  const missing = modules
    .filter(module => !(module in exempt))
    .filter(module => !existsSync(path.join(root, mirrorOf(module))))
    .map(module => ({ module, test: mirrorOf(module) }))
  const present = new Set(modules)
  const staleExemptions = Object.keys(exempt).filter(module => !present.has(module))
  return { modules: modules.length, missing, staleExemptions }
}

/** The report as printed, and how many problems it holds. */
export function formatMirror(result) {
  const lines = result.missing.map(({ module, test }) => `${module} -> ${test}`)
  for (const module of result.staleExemptions) {
    lines.push(`${module}: exempt in scripts/check-test-mirror.mjs, but there is no such module`)
  }
  const count = result.missing.length + result.staleExemptions.length
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
