import type { Document } from 'yaml'
import {
  mapGet,
  mapGetRaw,
  mapString,
  parseYamlDocuments,
  readImageNode,
  seqItems,
  type YamlScan
} from './yaml-scan.js'
import { isKnownCustomResource, readCustomResource } from './find-custom-resources.js'

/**
 * Container images in Kubernetes manifests: `containers`, `initContainers` and
 * `ephemeralContainers` of the pod spec of a Pod, of a workload's pod template, and of a
 * CronJob's job template (Kubernetes API reference, PodSpec). Every document of a stream is
 * read, and the items of a `kind: List` (or `PodList`, `DeploymentList` …), so Helm's rendered
 * output (`---` and `# Source:` comments) works as it is. Pure.
 */

const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec']
}

const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers']

const skipReason = (value: string): string | undefined =>
  value.includes('{{')
    ? 'the value is a template expression ({{ … }}); scan the rendered manifest (helm template) instead'
    : undefined

/** Adds the container images of every object in every clean document to `scan`. */
export function findKubernetesReferences(scan: YamlScan): void {
  for (const doc of parseYamlDocuments(scan)) readObject(scan, doc, doc.contents, '', 0)
}

function readObject(
  scan: YamlScan,
  doc: Document,
  node: unknown,
  prefix: string,
  depth: number
): void {
  const kind = mapString(node, 'kind', doc)
  if (!kind || depth > 8) return
  if (kind === 'List' || kind.endsWith('List')) {
    seqItems(mapGet(node, 'items', doc), doc).forEach((item, i) =>
      readObject(scan, doc, item, `${prefix}items[${i}] `, depth + 1)
    )
    return
  }
  const path = POD_SPEC_PATHS[kind]
  const name = mapString(mapGet(node, 'metadata', doc), 'name', doc) ?? '(unnamed)'
  if (isKnownCustomResource(mapString(node, 'apiVersion', doc), kind)) {
    readCustomResource(scan, doc, node, `${prefix}${kind}/${name}`)
    return
  }
  if (!path) return
  let spec: unknown = node
  for (const key of path) spec = mapGet(spec, key, doc)
  for (const field of CONTAINER_FIELDS) {
    seqItems(mapGet(spec, field, doc), doc).forEach((container, i) => {
      const image = mapGetRaw(container, 'image', doc)
      if (!image) return
      const where = `${prefix}${kind}/${name} ${path.join('.')}.${field}[${i}].image`
      readImageNode(scan, doc, image, where, { skipReason })
    })
  }
}
