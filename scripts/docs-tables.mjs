#!/usr/bin/env node
// Writes the README's inputs and outputs tables from action.yml, between the markers
//   <!-- inputs:start --> … <!-- inputs:end -->   and   <!-- outputs:start --> … <!-- outputs:end -->
// so the tables can never disagree with what the runner reads (as actions/checkout does).
//
//   npm run docs                 rewrite the tables in README.md
//   npm run docs -- --check      change nothing; exit 1 when README.md is stale (CI runs this)
//   --action FILE --readme FILE  other files (the unit test uses temporary copies)
//   --max-words N                the README's word limit, counted as `wc -w` does (2500)
//   --inputs-doc FILE            the hand-written long form (docs/inputs.md): both modes fail
//                                when it has no table row for an input of action.yml
//
// Both modes fail when the README, tables included, is over the limit: the tables grow with
// action.yml's descriptions, and the README promises a newcomer a short read.
//
// The generated block is formatted with the repository's Prettier settings, so `npm run lint`
// (prettier --check) and this script agree on every byte.
/* global console, process */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import * as prettier from 'prettier'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const MAX_WORDS = 2500

/** Words as `wc -w` counts them: runs of characters between white space. */
export function countWords(text) {
  return text.split(/\s+/).filter(Boolean).length
}

/** A YAML scalar as one line of Markdown text that cannot break out of a table cell. */
export function cell(text) {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\*/g, '\\*')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

/** A default value as a code span; an empty default reads as "empty". */
function defaultCell(input) {
  if (input.required === true) return 'required'
  const value = input.default === undefined || input.default === null ? '' : String(input.default)
  if (value === '') return 'empty'
  return '`' + value.replace(/\|/g, '\\|') + '`'
}

/** The two tables, as unformatted Markdown, from action.yml's text. */
export function renderTables(actionYamlText, file = 'action.yml') {
  const action = parse(actionYamlText)
  if (!action || typeof action !== 'object' || !action.inputs || !action.outputs) {
    throw new Error(`${file}: expected a mapping with 'inputs' and 'outputs'`)
  }
  const inputs = ['| input | default | description |', '| --- | --- | --- |']
  for (const [name, input] of Object.entries(action.inputs)) {
    inputs.push(`| \`${name}\` | ${defaultCell(input ?? {})} | ${cell(input?.description)} |`)
  }
  const outputs = ['| output | description |', '| --- | --- |']
  for (const [name, output] of Object.entries(action.outputs)) {
    outputs.push(`| \`${name}\` | ${cell(output?.description)} |`)
  }
  return { inputs: inputs.join('\n') + '\n', outputs: outputs.join('\n') + '\n' }
}

/** Replaces what lies between `<!-- NAME:start -->` and `<!-- NAME:end -->` in a document. */
export function replaceBetween(doc, name, body, file = 'README.md') {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const from = doc.indexOf(start)
  const to = doc.indexOf(end)
  if (from < 0 || to < 0 || to < from || doc.indexOf(start, from + 1) >= 0) {
    throw new Error(`${file}: expected exactly one '${start}' followed by '${end}'`)
  }
  return doc.slice(0, from + start.length) + '\n\n' + body.trimEnd() + '\n\n' + doc.slice(to)
}

async function format(markdown) {
  const options = (await prettier.resolveConfig(join(root, 'README.md'))) ?? {}
  return prettier.format(markdown, { ...options, parser: 'markdown' })
}

/** The inputs of action.yml that `doc` (docs/inputs.md) has no table row for. */
export function undocumentedInputs(actionYamlText, doc) {
  const action = parse(actionYamlText)
  return Object.keys(action?.inputs ?? {}).filter(name => !doc.includes(`| \`${name}\``))
}

/** The README as it should be, given action.yml. */
export async function generate(actionYamlText, readmeText, files = {}) {
  const tables = renderTables(actionYamlText, files.action)
  let doc = readmeText
  for (const name of ['inputs', 'outputs']) {
    doc = replaceBetween(doc, name, await format(tables[name]), files.readme)
  }
  return doc
}

function parseArgs(argv) {
  const args = {
    check: false,
    action: join(root, 'action.yml'),
    readme: join(root, 'README.md'),
    inputsDoc: join(root, 'docs', 'inputs.md'),
    maxWords: MAX_WORDS
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--check') args.check = true
    else if ((arg === '--action' || arg === '--readme') && argv[i + 1])
      args[arg.slice(2)] = argv[++i]
    else if (arg === '--inputs-doc' && argv[i + 1]) args.inputsDoc = argv[++i]
    else if (arg === '--max-words' && /^[1-9][0-9]*$/.test(argv[i + 1] ?? ''))
      args.maxWords = Number(argv[++i])
    else
      throw new Error(
        `unknown argument '${arg}'; usage: docs-tables.mjs [--check] [--action FILE] [--readme FILE] [--inputs-doc FILE] [--max-words N]`
      )
  }
  return args
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const shown = {
    action: relative(process.cwd(), args.action),
    readme: relative(process.cwd(), args.readme)
  }
  const readme = readFileSync(args.readme, 'utf8')
  const wanted = await generate(readFileSync(args.action, 'utf8'), readme, shown)
  if (wanted === readme) {
    console.log(`docs: ${shown.readme}'s inputs and outputs tables match ${shown.action}`)
  } else if (args.check) {
    console.error(
      `docs: ${shown.readme}'s inputs or outputs table is stale against ${shown.action}; run 'npm run docs' and commit`
    )
    process.exitCode = 1
  } else {
    writeFileSync(args.readme, wanted)
    console.log(`docs: wrote the inputs and outputs tables of ${shown.readme} from ${shown.action}`)
  }
  // The long form of the inputs is written by hand: it must at least have a row for each.
  const inputsDoc = relative(process.cwd(), args.inputsDoc)
  const missing = undocumentedInputs(
    readFileSync(args.action, 'utf8'),
    readFileSync(args.inputsDoc, 'utf8')
  )
  if (missing.length) {
    console.error(
      `docs: ${inputsDoc} has no row for ${missing.map(n => `'${n}'`).join(', ')}; add one per input of ${shown.action}`
    )
    process.exitCode = 1
  }
  const words = countWords(wanted)
  if (words > args.maxWords) {
    console.error(
      `docs: ${shown.readme} has ${words} words, over its limit of ${args.maxWords} (wc -w, tables and code included); move detail to docs/`
    )
    process.exitCode = 1
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch(error => {
    console.error(`docs: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  })
}
