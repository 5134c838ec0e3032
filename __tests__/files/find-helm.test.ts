/** References in Helm values files (find-helm.ts), on fixtures written as people write them. */
import { readFileSync } from 'node:fs'
import { findReferences } from '../../src/files/find-references.js'
import type { FileScan } from '../../src/model/files.js'
import { expectReferences, expectSkipped } from './helpers.js'

const FIXTURES = new URL('../fixtures/files-reach/', import.meta.url)
const fixture = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8')
const R = 'registry.invalid/app'
const scanOf = (file: string): FileScan => findReferences(file, fixture(file))

describe('Helm values', () => {
  test('a Bitnami-style chart: image maps anywhere, {image: {name, tag}}, image strings', () => {
    const scan = scanOf('chart/values.yaml')
    expect(scan.kind).toBe('helm')
    expectReferences(scan, [
      { line: 35, column: 13, text: `${R}/web:1.0.0`, where: 'image', pinnable: true },
      { line: 55, column: 13, text: `${R}/shipper:2.0`, where: 'sidecars[0].image' },
      { line: 62, column: 11, text: `${R}/api:2.0`, where: 'initJob.image' },
      { line: 77, column: 15, text: `${R}/exporter:1.1`, where: 'metrics.image' }
    ])
    const web = scan.references[0].split
    expect(web).toMatchObject({ tagKey: 'tag', digestKey: 'digest', tag: { text: '1.0.0' } })
    expect(web?.digest).toMatchObject({ text: '', plain: false })
    // A map without digest gets one on a new line after tag's line (after its comment).
    const api = scan.references[2].split
    expect(api?.digest).toBeUndefined()
    const text = fixture('chart/values.yaml')
    expect(text.slice(0, api?.insert.at)).toMatch(/tag: "2\.0" # same image as the API$/)
    expect(api?.insert.before).toBe('\n    ')
    // The templated tag is reported, not followed.
    expectSkipped(scan.skipped, [
      { line: 88, column: 15, text: '{{ .Chart.AppVersion }}', reason: /Helm template/ }
    ])
  })

  test('a tag YAML reads as a number, an empty tag, a flow map, a templated repository', () => {
    const text = [
      'a:\n  image:\n    repository: x/a\n    tag: 1.10\n',
      'b:\n  image:\n    repository: x/b\n    tag: ""\n',
      'c:\n  image: {repository: x/c, tag: "3"}\n',
      'd:\n  image:\n    repository: "{{ .Values.repo }}"\n    tag: "1"\n',
      'e:\n  image:\n    registry: r.example\n    repository: x/e\n    tag: "5"\n    digest:\n'
    ].join('')
    const scan = findReferences('values.yaml', text)
    expectReferences(scan, [
      { line: 10, column: 23, text: 'x/c:3', image: 'x/c:3' },
      { line: 17, column: 15, text: 'r.example/x/e:5', image: 'r.example/x/e:5' }
    ])
    expect(scan.references[0].split?.insert).toMatchObject({ before: ', ' })
    expect(scan.references[1].split?.digest).toMatchObject({ text: '', lead: ' ' })
    expectSkipped(scan.skipped, [
      { line: 3, column: 17, text: 'x/a', reason: /YAML reads '1\.10' as 1\.1/ },
      { line: 7, column: 17, text: 'x/b', reason: /gives no tag or digest/ },
      { line: 13, column: 17, text: '{{ .Values.repo }}', reason: /Helm template/ }
    ])
  })

  test('a key named repository that is not an image (a chart repository) is not read', () => {
    const scan = findReferences(
      'values.yaml',
      'dependencies:\n  repository: https://charts.example\n'
    )
    expect(scan.references).toEqual([])
    expect(scan.skipped).toEqual([])
  })
})
