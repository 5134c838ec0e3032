#!/usr/bin/env node
// Prints one version's section of a Keep a Changelog file, without its heading: the body of
// that version's GitHub Release (.github/workflows/release.yml).
//
//   node scripts/changelog-section.mjs VERSION [CHANGELOG.md]
//
// VERSION is 1.2.3 or v1.2.3. The section runs from `## [1.2.3]` (a date may follow) to the
// next `## ` heading or the link definitions at the end. Exits 1, saying why, when there is no
// such section or it is empty, so a release never goes out with an empty or wrong body.
import { readFileSync } from 'node:fs'
import process from 'node:process'

const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The section's body, trimmed, or an error message. */
function changelogSection(text, version) {
  const bare = version.replace(/^v/, '')
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(bare))
    return { error: `'${version}' is not a version such as 1.2.3` }
  const lines = text.split(/\r?\n/)
  const heading = new RegExp(`^## \\[${escape(bare)}\\](\\s|$)`)
  const start = lines.findIndex(line => heading.test(line))
  if (start < 0) return { error: `the changelog has no '## [${bare}]' section` }
  const rest = lines.slice(start + 1)
  const end = rest.findIndex(line => /^## /.test(line) || /^\[[^\]]+\]: /.test(line))
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim()
  if (!body) return { error: `the changelog's '## [${bare}]' section is empty` }
  return { body }
}

const [version, file = 'CHANGELOG.md'] = process.argv.slice(2)
if (!version) {
  process.stderr.write('usage: node scripts/changelog-section.mjs VERSION [CHANGELOG.md]\n')
  process.exit(2)
}
let text
try {
  text = readFileSync(file, 'utf8')
} catch (e) {
  process.stderr.write(`changelog-section: cannot read ${file} (${e.code ?? e.message})\n`)
  process.exit(1)
}
const { body, error } = changelogSection(text, version)
if (error) {
  process.stderr.write(`changelog-section: ${file}: ${error}\n`)
  process.exit(1)
}
process.stdout.write(`${body}\n`)
