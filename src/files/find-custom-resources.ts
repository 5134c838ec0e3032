import { type Document, isMap, isScalar, isSeq } from 'yaml'
import { deref, mapEntries, mapGet, mapGetRaw, readImageNode, type YamlScan } from './yaml-scan.js'

/**
 * Container images in the Kubernetes custom resources of tools that run pods, whose pod
 * templates and steps are not a core workload's `spec.template.spec`:
 * - Argo Rollouts (`argoproj.io`): Rollout, AnalysisTemplate, ClusterAnalysisTemplate, Experiment;
 * - Argo Workflows (`argoproj.io`): Workflow, WorkflowTemplate, ClusterWorkflowTemplate,
 *   CronWorkflow (`container`, `script`, `containerSet`, init containers and sidecars);
 * - Tekton (`tekton.dev`): Task, ClusterTask, Pipeline, TaskRun, PipelineRun, StepAction
 *   (`steps`, `sidecars`, `stepTemplate`, inline `taskSpec` and `pipelineSpec`);
 * - Knative Serving (`serving.knative.dev`): Service, Configuration, Revision.
 * Under `spec` of these kinds, an `image:` is read where it sits in a container-shaped map:
 * beside a `name:`, as an item of a list of containers, steps or sidecars, or as the map under
 * `container`, `script` or `stepTemplate`. Other custom resources are not read: an `image:`
 * there may mean anything. Pure.
 */

const KNOWN: Record<string, readonly string[]> = {
  'argoproj.io': [
    'Rollout',
    'AnalysisTemplate',
    'ClusterAnalysisTemplate',
    'Experiment',
    'Workflow',
    'WorkflowTemplate',
    'ClusterWorkflowTemplate',
    'CronWorkflow'
  ],
  'tekton.dev': ['Task', 'ClusterTask', 'Pipeline', 'TaskRun', 'PipelineRun', 'StepAction'],
  'serving.knative.dev': ['Service', 'Configuration', 'Revision']
}

/** Lists whose items are containers. */
const CONTAINER_LISTS = new Set([
  'containers',
  'initContainers',
  'ephemeralContainers',
  'sidecars',
  'steps'
])
/** Keys whose value is one container-shaped map. */
const CONTAINER_MAPS = new Set(['container', 'script', 'stepTemplate'])

/** Deeper than any resource; a limit so a hostile file cannot recurse without end. */
const MAX_DEPTH = 64

const skipReason = (value: string): string | undefined =>
  value.includes('{{')
    ? 'the value is a template expression ({{ … }}), filled in when the resource runs'
    : value.includes('$(')
      ? 'the value holds a parameter ($(params.…)), filled in when the resource runs'
      : undefined

/** Whether `apiVersion` and `kind` name a custom resource read here. */
export function isKnownCustomResource(apiVersion: string | undefined, kind: string): boolean {
  const group = (apiVersion ?? '').split('/')[0]
  return KNOWN[group]?.includes(kind) ?? false
}

/** Adds the container images under the object's `spec`, `where` prefixed with `label`. */
export function readCustomResource(
  scan: YamlScan,
  doc: Document,
  object: unknown,
  label: string
): void {
  const walk = (raw: unknown, path: string, shaped: boolean, depth: number): void => {
    const node = deref(raw, doc)
    if (depth > MAX_DEPTH) return
    if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, `${path}[${i}]`, shaped, depth + 1))
      return
    }
    if (!isMap(node)) return
    const image = mapGetRaw(node, 'image', doc)
    const named = isScalar(mapGet(node, 'name', doc))
    if (image !== undefined && isScalar(deref(image, doc)) && (shaped || named))
      readImageNode(scan, doc, image, `${label} ${path}.image`, { skipReason })
    for (const [key, value] of mapEntries(node, doc)) {
      if (key === 'image') continue
      const list = CONTAINER_LISTS.has(key) && isSeq(deref(value, doc))
      walk(value, `${path}.${key}`, list || CONTAINER_MAPS.has(key), depth + 1)
    }
  }
  walk(mapGetRaw(object, 'spec', doc), 'spec', false, 0)
}
