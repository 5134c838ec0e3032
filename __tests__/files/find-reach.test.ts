/**
 * The finders of issue 20 on fixtures written as people write these files
 * (fixtures/files-reach/): Helm values, Kustomize, GitLab CI, CircleCI, Bitbucket Pipelines,
 * Azure Pipelines, dev containers, Argo/Tekton/Knative resources. Each reference at its line
 * and column, with what it resolves to; each entry it cannot follow, with why.
 */
import { readFileSync } from 'node:fs'
import { detectFileKind } from '../../src/files/detect-kind.js'
import { findReferences } from '../../src/files/find-references.js'
import { readJsoncTop } from '../../src/files/jsonc.js'
import type { FileScan } from '../../src/model/files.js'
import { expectReferences, expectSkipped } from './helpers.js'

const FIXTURES = new URL('../fixtures/files-reach/', import.meta.url)
const fixture = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8')
const R = 'registry.invalid/app'
const scanOf = (file: string): FileScan => findReferences(file, fixture(file))

describe('detectFileKind: the kinds of issue 20', () => {
  test.each([
    ['chart/values.yaml', '', 'helm'],
    ['chart/values-prod.yaml', '', 'helm'],
    ['chart/values.staging.yml', '', 'helm'],
    ['env/prod.yaml', 'web:\n  image:\n    repository: nginx\n', 'helm'],
    ['env/other.yaml', 'replicas: 3\n', null],
    ['ci/build.yml', 'build:\n  image: {name: node:20}\n  script: [make]\n', 'gitlab-ci'],
    [
      'deploy/kustomization.yaml',
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n',
      'kustomize'
    ],
    ['deploy/kustomization.yml', '', 'kustomize'],
    ['deploy/Kustomization', '', 'kustomize'],
    ['.gitlab-ci.yml', '', 'gitlab-ci'],
    ['ci/build.gitlab-ci.yml', '', 'gitlab-ci'],
    ['.gitlab/ci/deploy.yml', '', 'gitlab-ci'],
    ['.circleci/config.yml', '', 'circleci'],
    ['bitbucket-pipelines.yml', '', 'bitbucket-pipelines'],
    ['azure-pipelines.yml', '', 'azure-pipelines'],
    ['azure-pipelines-release.yaml', '', 'azure-pipelines'],
    ['.azuredevops/build.yml', '', 'azure-pipelines'],
    ['.devcontainer/devcontainer.json', '{}', 'devcontainer'],
    ['.devcontainer/python/devcontainer.json', '{}', 'devcontainer'],
    ['.devcontainer.json', '{}', 'devcontainer'],
    ['package.json', '{}', null]
  ])('%s', (path, text, kind) => {
    expect(detectFileKind(path, text)).toBe(kind)
  })
})

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

describe('other CI systems', () => {
  test('GitLab CI: default image, services as strings and {name}, job images; variables skipped', () => {
    const scan = scanOf('.gitlab-ci.yml')
    expectReferences(scan, [
      { line: 2, column: 10, text: `${R}/build:1.0`, where: 'default.image' },
      { line: 15, column: 13, text: `${R}/db:16`, where: 'test.services[0].name' },
      { line: 17, column: 7, text: `${R}/cache:7`, where: 'test.services[1]' },
      { line: 24, column: 11, text: `${R}/deployer:3.1`, where: 'deploy.image.name' }
    ])
    expectSkipped(scan.skipped, [
      { line: 32, column: 10, text: '$CI_REGISTRY_IMAGE/lint:latest', reason: /CI variable/ }
    ])
  })

  test('CircleCI: docker images of jobs and executors; a machine image is a VM, not read', () => {
    expectReferences(scanOf('.circleci/config.yml'), [
      { line: 12, column: 16, text: `${R}/node:20`, where: 'jobs.test.docker[0].image' },
      { line: 16, column: 16, text: `${R}/db:16`, where: 'jobs.test.docker[1].image' },
      { line: 6, column: 16, text: `${R}/node:20`, where: 'executors.node.docker[0].image' }
    ])
  })

  test('Bitbucket Pipelines: image at any level, as a string or {name}, through anchors', () => {
    expectReferences(scanOf('bitbucket-pipelines.yml'), [
      { line: 1, column: 8, text: `${R}/build:1.0`, where: 'image' },
      { line: 6, column: 14, text: `${R}/db:16`, where: 'definitions.services.postgres.image' },
      { line: 13, column: 17, text: `${R}/node:20`, where: 'definitions.steps[0].step.image.name' },
      { line: 13, column: 17, text: `${R}/node:20`, where: 'pipelines.default[0].step.image.name' },
      { line: 28, column: 18, text: `${R}/deployer:3.1` }
    ])
  })

  test('Azure Pipelines: resources.containers, a job container as image or {image}; aliases not', () => {
    const scan = scanOf('azure-pipelines.yml')
    expectReferences(scan, [
      { line: 7, column: 14, text: `${R}/build:1.0`, where: 'resources.containers[0].image' },
      { line: 9, column: 14, text: `${R}/db:16`, where: 'resources.containers[1].image' },
      { line: 24, column: 20, text: `${R}/node:20`, where: 'stages[0].jobs[1].container' },
      { line: 30, column: 18, text: `${R}/deployer:3.1` }
    ])
    expectSkipped(scan.skipped, [
      { line: 35, column: 20, text: '$(nightlyImage)', reason: /CI variable/ }
    ])
  })
})

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

  test('the JSONC scanner: nested values, comments with quotes, unclosed comments', () => {
    const top = readJsoncTop(
      '/* "image": "no" */ {"a": {"image": "nested"}, "image": "top", // "x"\n "n": [1, -2.5e3, true, null]}'
    )
    expect([...top.strings.keys()]).toEqual(['image'])
    expect(top.strings.get('image')?.value).toBe('top')
    expect(readJsoncTop('{"a": 1 /* open').error?.message).toMatch(/never closed/)
    expect(readJsoncTop('['.repeat(300)).error?.message).toMatch(
      /expected the file to hold an object/
    )
    expect(readJsoncTop(`{"a": ${'['.repeat(300)}`).error?.message).toMatch(
      /nested deeper than 256/
    )
  })
})

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
