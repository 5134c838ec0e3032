/** References in Argo, Tekton and Knative resources (find-custom-resources.ts). */
import { readFileSync } from 'node:fs'
import { findReferences } from '../../src/files/find-references.js'
import type { FileScan } from '../../src/model/files.js'
import { expectReferences, expectSkipped } from './helpers.js'

const FIXTURES = new URL('../fixtures/files-reach/', import.meta.url)
const fixture = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8')
const R = 'registry.invalid/app'
const scanOf = (file: string): FileScan => findReferences(file, fixture(file))

describe('Kubernetes custom resources', () => {
  test('an Argo Rollout’s pod template', () => {
    expectReferences(scanOf('deploy/rollout.yaml'), [
      {
        line: 25,
        column: 16,
        text: `${R}/api:2.0`,
        where: 'Rollout/api spec.template.spec.containers[0].image'
      }
    ])
  })

  test('Argo Workflows, Tekton and Knative; an unknown kind and a parameter are not read', () => {
    const text = [
      'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: wf}\nspec:\n  templates:\n    - name: main\n      container:\n        image: a/step:1\n    - name: s\n      script:\n        image: a/script:2\n        source: echo\n',
      '---\napiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec:\n  stepTemplate:\n    image: a/tmpl:3\n  steps:\n    - name: build\n      image: a/build:4\n    - name: p\n      image: $(params.img)\n',
      '---\napiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: k}\nspec:\n  template:\n    spec:\n      containers:\n        - image: a/kn:5\n',
      '---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  image: a/not-read:6\n'
    ].join('')
    const scan = findReferences('resources.yaml', text)
    expectReferences(scan, [
      {
        line: 8,
        column: 16,
        text: 'a/step:1',
        where: 'Workflow/wf spec.templates[0].container.image'
      },
      { line: 11, column: 16, text: 'a/script:2' },
      { line: 19, column: 12, text: 'a/tmpl:3', where: 'Task/t spec.stepTemplate.image' },
      { line: 22, column: 14, text: 'a/build:4', where: 'Task/t spec.steps[0].image' },
      {
        line: 33,
        column: 18,
        text: 'a/kn:5',
        where: 'Service/k spec.template.spec.containers[0].image'
      }
    ])
    expectSkipped(scan.skipped, [
      { line: 24, column: 14, text: '$(params.img)', reason: /parameter/ }
    ])
  })
})
