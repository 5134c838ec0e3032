/** References in dev container files (find-devcontainer.ts), on real-shaped fixtures. */
import { readFileSync } from 'node:fs'
import { findReferences } from '../../src/files/find-references.js'
import type { FileScan } from '../../src/model/files.js'
import { expectReferences, expectSkipped } from './helpers.js'

const FIXTURES = new URL('../fixtures/files-reach/', import.meta.url)
const fixture = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8')
const R = 'registry.invalid/app'
const scanOf = (file: string): FileScan => findReferences(file, fixture(file))

describe('dev containers', () => {
  test('image, read as JSON with comments and a trailing comma; the span is inside the quotes', () => {
    const text = fixture('.devcontainer/devcontainer.json')
    const scan = scanOf('.devcontainer/devcontainer.json')
    expectReferences(scan, [
      { line: 6, column: 12, text: `${R}/devcontainer:1`, where: 'image', pinnable: true }
    ])
    const [ref] = scan.references
    expect(text.slice(ref.start - 1, ref.end + 1)).toBe(`"${R}/devcontainer:1"`)
  })

  test('escapes make it unpinnable; a variable is skipped; a syntax error has its line', () => {
    const escaped = findReferences('.devcontainer.json', '{"image": "nginx\\u003a1.27"}')
    expectReferences(escaped, [
      { line: 1, column: 12, text: 'nginx\\u003a1.27', image: 'nginx:1.27', pinnable: false }
    ])
    const variable = findReferences('.devcontainer.json', '{"image": "${localEnv:IMG}"}')
    expectSkipped(variable.skipped, [
      { line: 1, column: 12, text: '${localEnv:IMG}', reason: /variable/ }
    ])
    const broken = findReferences('.devcontainer.json', '{\n  "image": "a:1"\n  "name": "x"\n}')
    expect(broken.problems.map(p => [p.line, p.column])).toEqual([[3, 3]])
    expect(broken.problems[0].message).toMatch(
      /^\.devcontainer\.json:3:3: not valid JSON with comments: expected ',' or '}'/
    )
  })
})
