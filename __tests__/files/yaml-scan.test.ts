/** YAML that does not parse (yaml-scan.ts), through findReferences: where, and what is kept. */
import { findReferences } from '../../src/files/find-references.js'

describe('YAML syntax errors', () => {
  test('a clear message with file, line and column; the other documents are kept', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: a}',
      'spec:',
      '  containers: [{name: a, image: alpine:3.20}]',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'spec:',
      '  containers: [{name: b, image: busybox',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: c}',
      'spec: {containers: [{name: c, image: nginx:1.27}]}',
      ''
    ].join('\n')
    const found = findReferences('deploy/pods.yaml', text)
    expect(found.kind).toBe('kubernetes')
    expect(found.references.map(r => r.image)).toEqual(['alpine:3.20', 'nginx:1.27'])
    expect(found.problems.length).toBeGreaterThan(0)
    const [first] = found.problems
    expect(first.file).toBe('deploy/pods.yaml')
    expect(first.line).toBeGreaterThanOrEqual(10)
    expect(first.line).toBeLessThanOrEqual(11)
    expect(first.message).toMatch(/^deploy\/pods\.yaml:1[01]:\d+: not valid YAML: /)
  })

  test('a tab-indented compose file', () => {
    const found = findReferences('compose.yml', 'services:\n\tweb:\n\t\timage: nginx\n')
    expect(found.references).toEqual([])
    expect(found.problems[0].message).toMatch(/^compose\.yml:2:1: not valid YAML: /)
    expect(found.problems[0]).toMatchObject({ file: 'compose.yml', line: 2, column: 1 })
  })
})
