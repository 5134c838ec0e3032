/** References in Kustomize files (find-kustomize.ts), on fixtures written as people write them. */
import { readFileSync } from 'node:fs'
import { findReferences } from '../../src/files/find-references.js'
import type { FileScan } from '../../src/model/files.js'
import { expectReferences, expectSkipped } from './helpers.js'

const FIXTURES = new URL('../fixtures/files-reach/', import.meta.url)
const fixture = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8')
const R = 'registry.invalid/app'
const scanOf = (file: string): FileScan => findReferences(file, fixture(file))

describe('Kustomize', () => {
  test('a base: newName at newTag', () => {
    const scan = scanOf('deploy/base/kustomization.yaml')
    expectReferences(scan, [
      { line: 10, column: 14, text: `${R}/api:2.0`, where: 'images[0] (api)', pinnable: true }
    ])
    expect(scan.references[0].split).toMatchObject({ tagKey: 'newTag', tag: { text: '2.0' } })
  })

  test('an overlay: name when there is no newName; an entry with no tag is reported', () => {
    const scan = scanOf('deploy/overlays/prod/kustomization.yaml')
    expectReferences(scan, [
      { line: 10, column: 14, text: `${R}/api:2.0` },
      { line: 12, column: 11, text: `${R}/web:1.0.0`, where: `images[1] (${R}/web)` }
    ])
    expectSkipped(scan.skipped, [
      { line: 16, column: 14, text: `${R}/worker`, reason: /neither newTag nor digest/ }
    ])
  })

  test('a digest-only entry and a numeric newTag as written', () => {
    const d = `sha256:${'a'.repeat(64)}`
    const text = `images:\n  - name: a\n    digest: ${d}\n  - name: b\n    newTag: 1.10\n`
    expectReferences(findReferences('kustomization.yaml', text), [
      { line: 2, column: 11, text: `a@${d}` },
      { line: 4, column: 11, text: 'b:1.10' }
    ])
  })
})
