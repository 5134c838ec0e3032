import { readFileSync } from 'node:fs'
import { findReferences } from '../../src/files/find-references.js'
import { decodeText } from '../../src/files/rewrite.js'
import {
  type RefRow,
  type SkipRow,
  expectReferences,
  expectSkipped,
  expectSpansHoldText,
  matching
} from './helpers.js'

const fixture = (name: string): string =>
  decodeText(readFileSync(`__tests__/fixtures/files/${name}`), name).text
const pinned = (name: string): string =>
  matching(new RegExp(`^${name.replace(/[.]/g, '\\.')}@sha256:[0-9a-f]{64}$`))

describe('Compose', () => {
  test.each<[string, string, RefRow[]]>([
    [
      'plain, double- and single-quoted: the span is inside the quotes',
      'services:\n  a:\n    image: nginx:1.27\n  b:\n    image: "redis:7"\n  c:\n    image: \'busybox\'\n',
      [
        { line: 3, column: 12, text: 'nginx:1.27', where: 'services.a.image', pinnable: true },
        { line: 5, column: 13, text: 'redis:7', where: 'services.b.image', pinnable: true },
        { line: 7, column: 13, text: 'busybox', where: 'services.c.image', pinnable: true }
      ]
    ],
    [
      'flow style and a trailing comment',
      'services: {web: {image: nginx:1.27, ports: ["80:80"]}, db: {image: "postgres:16"}} # dev\n',
      [
        { line: 1, column: 25, text: 'nginx:1.27', where: 'services.web.image' },
        { line: 1, column: 69, text: 'postgres:16', where: 'services.db.image' }
      ]
    ],
    [
      'a merge key and an alias reach the anchored value',
      'x-base: &base\n  image: alpine:3.20\nx-img: &img busybox:1.36\nservices:\n  a:\n    <<: *base\n  b:\n    image: *img\n',
      [
        { line: 2, column: 10, text: 'alpine:3.20', where: 'services.a.image' },
        {
          line: 3,
          column: 13,
          text: 'busybox:1.36',
          where: 'services.b.image (through alias *img)'
        }
      ]
    ],
    [
      'escapes in a double-quoted value: reported, not pinnable',
      'services:\n  a:\n    image: "nginx\\x3a1.27"\n',
      [
        {
          line: 3,
          column: 12,
          text: '"nginx\\x3a1.27"',
          image: 'nginx:1.27',
          pinnable: false,
          reason:
            'the value is written with escapes, line folding or as a block scalar; rewriting it in place is not safe'
        }
      ]
    ],
    [
      'a block scalar: reported, not pinnable',
      'services:\n  a:\n    image: >-\n      nginx:1.27\n',
      [
        {
          line: 3,
          column: 12,
          text: '>-\n      nginx:1.27\n',
          image: 'nginx:1.27',
          pinnable: false
        }
      ]
    ],
    ['no services', 'version: "3.9"\nvolumes: {data: {}}\n', []],
    ['an empty file', '', []]
  ])('%s', (_name, text, rows) => {
    const found = findReferences('compose.yaml', text)
    expect(found.kind).toBe('compose')
    expectReferences(found, rows)
    expectSpansHoldText(found, text)
    expect(found.problems).toEqual([])
  })

  test.each<[string, string, SkipRow[]]>([
    [
      'a service that is built',
      'services:\n  api:\n    build: .\n    image: acme/api:dev\n',
      [
        {
          line: 4,
          column: 12,
          text: 'acme/api:dev',
          reason:
            'the service has build:, so image: names the image Compose builds, not one it pulls'
        }
      ]
    ],
    [
      // Issue 20: a default is followed (compose-env.test.ts); a variable with none, not.
      'interpolation of a variable with no value and no default',
      'services:\n  a:\n    image: ${IMAGE:-nginx:1.27}\n  b:\n    image: "registry/$APP:1"\n',
      [{ line: 5, column: 12, text: 'registry/$APP:1', reason: /\$\{APP\} is not set in \.env/ }]
    ],
    [
      'an empty, null or non-string image',
      'services:\n  a:\n    image: ""\n  b:\n    image:\n  c:\n    image: 5\n  d:\n    image: [x]\n',
      [
        { line: 3, column: 12, text: '', reason: 'the value is empty' },
        { line: 5, column: 11, text: '', reason: 'the value is empty' },
        { line: 7, column: 12, text: '5', reason: 'the value is not a string' },
        { line: 9, column: 12, text: '', reason: 'the value is not a string' }
      ]
    ]
  ])('skipped: %s', (_name, text, rows) => {
    expectSkipped(findReferences('compose.yaml', text).skipped, rows)
  })

  test('the fixture', () => {
    const text = fixture('compose.yaml')
    const found = findReferences('compose.yaml', text)
    expectReferences(found, [
      { line: 16, column: 12, text: 'nginx:1.27-alpine', where: 'services.web.image' },
      { line: 24, column: 13, text: pinned('postgres:16.3'), where: 'services.db.image' },
      { line: 27, column: 18, text: 'redis:7.2', where: 'services.cache.image' },
      {
        // Compose's default, with no .env to set QUEUE_IMAGE: checked, not pinned in place.
        line: 29,
        column: 12,
        text: '${QUEUE_IMAGE:-rabbitmq:3.13-management}',
        image: 'rabbitmq:3.13-management',
        pinnable: false
      },
      {
        line: 10,
        column: 11,
        text: 'ghcr.io/acme/shop-worker:2.3.1',
        where: 'services.worker-emails.image'
      },
      {
        line: 10,
        column: 11,
        text: 'ghcr.io/acme/shop-worker:2.3.1',
        where: 'services.worker-reports.image'
      }
    ])
    expectSpansHoldText(found, text)
    expectSkipped(found.skipped, [
      { line: 22, column: 12, text: 'acme/shop-api:dev', reason: /build:/ }
    ])
  })

  test('a BOM and CRLF line endings', () => {
    const text = fixture('docker-compose.override.yml')
    expect(text.startsWith('\uFEFFservices:\r\n')).toBe(true)
    const found = findReferences('docker-compose.override.yml', text)
    expectReferences(found, [
      { line: 3, column: 13, text: 'nginx:1.27-alpine' },
      { line: 5, column: 12, text: 'busybox:1.36' }
    ])
    expectSpansHoldText(found, text)
  })

  test('a BOM on the line of the image is not a column', () => {
    const found = findReferences('compose.yaml', '\uFEFFservices: {a: {image: alpine}}')
    expectReferences(found, [{ line: 1, column: 23, text: 'alpine' }])
    expect(found.references[0].start).toBe(23)
  })
})

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

describe('Kubernetes', () => {
  const pod = (kind: string, path: string, body: string): string =>
    `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: x\n${path}${body}`
  test.each<[string, string, string[]]>([
    [
      'Pod',
      pod('Pod', 'spec:\n', '  containers:\n    - image: a:1\n'),
      ['Pod/x spec.containers[0].image']
    ],
    [
      'Deployment, init and app containers',
      pod(
        'Deployment',
        'spec:\n  template:\n    spec:\n',
        '      initContainers: [{image: "b:1"}]\n      containers: [{image: a:1}, {image: c:1}]\n'
      ),
      [
        'Deployment/x spec.template.spec.initContainers[0].image',
        'Deployment/x spec.template.spec.containers[0].image',
        'Deployment/x spec.template.spec.containers[1].image'
      ]
    ],
    ...['StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController'].map(
      (kind): [string, string, string[]] => [
        kind,
        pod(kind, 'spec:\n  template:\n    spec:\n', '      containers: [{image: a:1}]\n'),
        [`${kind}/x spec.template.spec.containers[0].image`]
      ]
    ),
    [
      'CronJob',
      pod(
        'CronJob',
        'spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n',
        '          containers: [{image: a:1}]\n'
      ),
      ['CronJob/x spec.jobTemplate.spec.template.spec.containers[0].image']
    ],
    [
      'ephemeral containers',
      pod('Pod', 'spec:\n', '  ephemeralContainers: [{image: a:1}]\n'),
      ['Pod/x spec.ephemeralContainers[0].image']
    ],
    [
      'a kind with no pod spec is left alone',
      pod('ConfigMap', 'data:\n', '  image: a:1\n  containers: "[{image: b:1}]"\n'),
      []
    ],
    [
      'no name',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{image: a:1}]}\n',
      ['Pod/(unnamed) spec.containers[0].image']
    ],
    [
      'a PodList',
      'apiVersion: v1\nkind: PodList\nitems:\n  - kind: Pod\n    metadata: {name: p}\n    spec: {containers: [{image: a:1}]}\n',
      ['items[0] Pod/p spec.containers[0].image']
    ]
  ])('%s', (_name, text, wheres) => {
    const found = findReferences('k8s/manifest.yml', text)
    expect(found.kind).toBe('kubernetes')
    expect(found.references.map(r => r.where)).toEqual(wheres)
    expectSpansHoldText(found, text)
  })

  test('an unrendered template value is skipped with its reason', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: "{{ .Values.image }}"\n'
    const found = findReferences('pod.yaml', text)
    expectSkipped(found.skipped, [
      {
        line: 5,
        column: 14,
        text: '{{ .Values.image }}',
        reason:
          'the value is a template expression ({{ … }}); scan the rendered manifest (helm template) instead'
      }
    ])
  })

  test('the Helm-rendered fixture', () => {
    const text = fixture('deploy/rendered.yaml')
    const found = findReferences('deploy/rendered.yaml', text)
    expect(found.kind).toBe('kubernetes')
    expectReferences(found, [
      {
        line: 29,
        column: 19,
        text: 'ghcr.io/acme/shop-api:2.3.1',
        where: 'Deployment/shop-api spec.template.spec.initContainers[0].image'
      },
      {
        line: 33,
        column: 19,
        text: 'ghcr.io/acme/shop-api:2.3.1',
        where: 'Deployment/shop-api spec.template.spec.containers[0].image'
      },
      {
        line: 37,
        column: 18,
        text: pinned('envoyproxy/envoy:v1.30.2'),
        where: 'Deployment/shop-api spec.template.spec.containers[1].image'
      },
      {
        line: 53,
        column: 22,
        text: 'busybox:1.36',
        where: 'CronJob/shop-cleanup spec.jobTemplate.spec.template.spec.containers[0].image'
      },
      {
        line: 77,
        column: 22,
        text: 'quay.io/prometheus/prometheus:v2.53.0',
        where: 'items[1] StatefulSet/prometheus spec.template.spec.containers[0].image'
      },
      {
        line: 86,
        column: 42,
        text: 'docker.io/fluent/fluent-bit:3.0',
        where: 'items[2] DaemonSet/fluent-bit spec.template.spec.containers[0].image'
      },
      {
        line: 98,
        column: 14,
        text: 'alpine:3.20',
        where: 'Pod/shop-debug spec.initContainers[0].image'
      },
      {
        line: 101,
        column: 14,
        text: '>-\n        registry.k8s.io/pause:3.9\n',
        image: 'registry.k8s.io/pause:3.9',
        pinnable: false
      },
      {
        line: 105,
        column: 14,
        text: 'nicolaka/netshoot:v0.13',
        where: 'Pod/shop-debug spec.ephemeralContainers[0].image'
      }
    ])
    expectSpansHoldText(found, text)
    expect(found.skipped).toEqual([])
    expect(found.problems).toEqual([])
  })
})

describe('GitHub workflows and actions', () => {
  test('the fixture', () => {
    const text = fixture('.github/workflows/ci.yml')
    const found = findReferences('.github/workflows/ci.yml', text)
    expect(found.kind).toBe('workflow')
    expectReferences(found, [
      { line: 11, column: 14, text: 'node:20-bookworm', where: 'jobs.test.container.image' },
      {
        line: 15,
        column: 16,
        text: pinned('postgres:16'),
        where: 'jobs.test.services.postgres.image'
      },
      { line: 20, column: 17, text: 'redis:7-alpine', where: 'jobs.test.services.redis.image' },
      {
        line: 24,
        column: 24,
        text: 'hadolint/hadolint:v2.12.0-alpine',
        where: 'jobs.test.steps[1].uses'
      },
      {
        line: 31,
        column: 16,
        text: 'mcr.microsoft.com/playwright:v1.45.0-jammy',
        where: 'jobs.e2e.container'
      },
      { line: 39, column: 25, text: 'ghcr.io/acme/e2e-runner:1.4', where: 'jobs.e2e.steps[0].uses' }
    ])
    expectSpansHoldText(found, text)
    expectSkipped(found.skipped, [
      {
        line: 37,
        column: 16,
        text: '${{ matrix.db }}',
        reason:
          'the value is a GitHub Actions expression (${{ … }}), known only when the workflow runs'
      }
    ])
  })

  test('an expression inside a docker:// step and a container', () => {
    const text =
      'jobs:\n  a:\n    container: ${{ inputs.image }}\n    steps:\n      - uses: docker://${{ inputs.tool }}\n      - uses: actions/setup-node@v4\n'
    const found = findReferences('.github/workflows/x.yaml', text)
    expect(found.references).toEqual([])
    expect(found.skipped.map(s => [s.line, s.where])).toEqual([
      [3, 'jobs.a.container'],
      [5, 'jobs.a.steps[0].uses']
    ])
  })

  test.each<[string, string, RefRow[]]>([
    [
      'a Docker action',
      "name: x\nruns:\n  using: docker\n  image: 'docker://alpine:3.20'\n",
      [{ line: 4, column: 20, text: 'alpine:3.20', where: 'runs.image' }]
    ],
    [
      'a Docker action built from its Dockerfile',
      'runs:\n  using: docker\n  image: Dockerfile\n',
      []
    ],
    [
      'a composite action',
      'runs:\n  using: composite\n  steps:\n    - uses: docker://busybox:1.36\n',
      [{ line: 4, column: 22, text: 'busybox:1.36', where: 'runs.steps[0].uses' }]
    ]
  ])('%s', (_name, text, rows) => {
    const found = findReferences('action.yml', text)
    expect(found.kind).toBe('workflow')
    expectReferences(found, rows)
    expectSpansHoldText(found, text)
  })
})
