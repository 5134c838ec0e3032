import { isScalar } from 'yaml'
import {
  deref,
  mapEntries,
  mapGet,
  mapGetRaw,
  parseYamlDocuments,
  readImageNode,
  seqItems,
  type YamlScan
} from './yaml-scan.js'

/**
 * Images in a GitHub Actions workflow (docs: "Workflow syntax"): `jobs.<id>.container` (a
 * string or `{image}`), `jobs.<id>.services.<id>.image` and `jobs.<id>.steps[*].uses:
 * docker://image`; and in an action's metadata file (`action.yml`, "Metadata syntax"):
 * `runs.image: docker://image` and `runs.steps[*].uses`. A value holding an expression
 * (`${{ … }}`) is only known when the workflow runs, so it is skipped. Pure.
 */
export function findWorkflowReferences(scan: YamlScan, isActionMetadata: boolean): void {
  const skipReason = (value: string): string | undefined =>
    value.includes('${{')
      ? 'the value is a GitHub Actions expression (${{ … }}), known only when the workflow runs'
      : undefined
  for (const doc of parseYamlDocuments(scan)) {
    const readSteps = (steps: unknown, path: string): void => {
      seqItems(steps, doc).forEach((step, i) => {
        const uses = mapGet(step, 'uses', doc)
        if (
          isScalar(uses) &&
          typeof uses.value === 'string' &&
          uses.value.startsWith('docker://')
        ) {
          readImageNode(scan, doc, uses, `${path}[${i}].uses`, { skipReason, prefix: 'docker://' })
        }
      })
    }
    if (isActionMetadata) {
      const runs = mapGet(doc.contents, 'runs', doc)
      const image = mapGet(runs, 'image', doc)
      // `image: Dockerfile` builds from a file in the action; only docker:// names an image.
      if (isScalar(image) && typeof image.value === 'string' && image.value.startsWith('docker://'))
        readImageNode(scan, doc, image, 'runs.image', { skipReason, prefix: 'docker://' })
      readSteps(mapGet(runs, 'steps', doc), 'runs.steps')
      continue
    }
    for (const [id, job] of mapEntries(mapGet(doc.contents, 'jobs', doc), doc)) {
      const written = mapGetRaw(job, 'container', doc)
      const container = deref(written, doc)
      if (isScalar(container))
        readImageNode(scan, doc, written, `jobs.${id}.container`, { skipReason })
      else if (container) {
        const image = mapGetRaw(container, 'image', doc)
        if (image) readImageNode(scan, doc, image, `jobs.${id}.container.image`, { skipReason })
      }
      for (const [name, service] of mapEntries(mapGet(job, 'services', doc), doc)) {
        const image = mapGetRaw(service, 'image', doc)
        if (image)
          readImageNode(scan, doc, image, `jobs.${id}.services.${name}.image`, { skipReason })
      }
      readSteps(mapGet(job, 'steps', doc), `jobs.${id}.steps`)
    }
  }
}
