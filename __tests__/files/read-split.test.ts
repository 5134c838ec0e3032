/**
 * Reading one reference written over several keys (read-split.ts), as the Helm values and
 * Kustomize finders use it: each value's span, the name joined from its keys, and what is
 * skipped with why.
 */
import { findReferences } from '../../src/files/find-references.js'

const D = `sha256:${'7'.repeat(64)}`

test('registry and repository joined by /, the tag and digest read from their own keys', () => {
  const text = `image:\n  registry: ghcr.io\n  repository: acme/app\n  tag: "1.0"\n  digest: ${D}\n`
  const [ref] = findReferences('chart/values.yaml', text).references
  expect(ref.image).toBe(`ghcr.io/acme/app:1.0@${D}`)
  expect(ref.split?.tag?.text).toBe('1.0')
  expect(text.slice(ref.split?.digest?.start, ref.split?.digest?.end)).toBe(D)
  expect(ref.line).toBe(2)
})

test('Kustomize images: newName and newTag, read as written', () => {
  const text = 'images:\n  - name: app\n    newName: ghcr.io/acme/app\n    newTag: 1.10\n'
  const scan = findReferences('kustomization.yaml', text)
  expect(scan.references.map(r => r.image)).toEqual(['ghcr.io/acme/app:1.10'])
})

test('a templated value and a reference with neither tag nor digest are skipped, saying why', () => {
  const text = [
    'web:',
    '  image:',
    '    repository: "{{ .Values.registry }}/web"',
    '    tag: "1.0"',
    'api:',
    '  image:',
    '    repository: ghcr.io/acme/api',
    ''
  ].join('\n')
  const scan = findReferences('chart/values.yaml', text)
  expect(scan.references).toEqual([])
  expect(scan.skipped.map(s => [s.line, s.where, s.text, s.reason])).toEqual([
    [
      3,
      'web.image',
      '{{ .Values.registry }}/web',
      'the value is a Helm template ({{ … }}), rendered only when the chart is installed; scan the rendered manifest (helm template) instead'
    ],
    [
      7,
      'api.image',
      'ghcr.io/acme/api',
      'the map gives no tag or digest; the chart fills one in (often its appVersion), which the values file does not say'
    ]
  ])
})
