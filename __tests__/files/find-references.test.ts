/**
 * One file's references (find-references.ts): the finder its kind chooses, each image checked
 * as a reference, and a bad one marked without losing the others.
 */
import { findReferences } from '../../src/files/find-references.js'

test.each([
  ['Dockerfile', 'FROM alpine:3.20\n', 'dockerfile', ['alpine:3.20']],
  ['compose.yaml', 'services:\n  a:\n    image: nginx:1.27\n', 'compose', ['nginx:1.27']],
  [
    'k8s/pod.yaml',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: redis:7\n',
    'kubernetes',
    ['redis:7']
  ],
  [
    '.github/workflows/ci.yml',
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container: node:20\n    steps: []\n',
    'workflow',
    ['node:20']
  ],
  [
    '.devcontainer/devcontainer.json',
    '{"image": "mcr.microsoft.com/devcontainers/base:1"}',
    'devcontainer',
    ['mcr.microsoft.com/devcontainers/base:1']
  ],
  [
    '.gitlab-ci.yml',
    'build:\n  image: golang:1.23\n  script: [make]\n',
    'gitlab-ci',
    ['golang:1.23']
  ]
])('%s is read as %s', (path, text, kind, images) => {
  const scan = findReferences(path, text)
  expect(scan.kind).toBe(kind)
  expect(scan.references.map(r => r.image)).toEqual(images)
  expect(scan.problems).toEqual([])
})

test('a file of no known kind has no references, and nothing is wrong with it', () => {
  expect(findReferences('README.md', 'FROM alpine\n')).toEqual({
    file: 'README.md',
    kind: null,
    references: [],
    skipped: [],
    problems: []
  })
})

test('an invalid image is a reference marked not pinnable, with why; the others stay', () => {
  const scan = findReferences(
    'Dockerfile',
    'FROM alpine:3.20\nFROM Upper/Case:1\nFROM oci-layout://./x\n'
  )
  expect(scan.references.map(r => [r.image, r.pinnable, r.reason ?? null])).toEqual([
    ['alpine:3.20', true, null],
    ['Upper/Case:1', false, 'it is not a valid image reference'],
    ['oci-layout://./x', false, 'it is not a valid image reference']
  ])
  expect(scan.references[1].error).toBeTruthy()
  expect(scan.references[2].error).toBe(
    "'oci-layout://./x' is not a registry image reference (oci-layout:// is not pulled from a file)"
  )
})

test('the kind may be given, overriding what the path suggests', () => {
  const scan = findReferences('deploy.txt', 'services:\n  a:\n    image: nginx\n', 'compose')
  expect(scan.kind).toBe('compose')
  expect(scan.references.map(r => r.image)).toEqual(['nginx'])
})
