/** References found in Kubernetes manifests (find-kubernetes.ts), through findReferences. */
import { readFileSync } from 'node:fs'
import { findReferences } from '../../src/files/find-references.js'
import { decodeText } from '../../src/files/rewrite.js'
import { expectReferences, expectSkipped, expectSpansHoldText, matching } from './helpers.js'

const fixture = (name: string): string =>
  decodeText(readFileSync(`__tests__/fixtures/files/${name}`), name).text
const pinned = (name: string): string =>
  matching(new RegExp(`^${name.replace(/[.]/g, '\\.')}@sha256:[0-9a-f]{64}$`))

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
