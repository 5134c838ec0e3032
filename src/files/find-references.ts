import { parseReference } from '../model/reference.js'
import { errorMessage } from '../model/errors.js'
import { detectFileKind, isActionMetadata } from './detect-kind.js'
import { findComposeReferences } from './find-compose.js'
import { findDockerfileReferences } from './find-dockerfile.js'
import { findKubernetesReferences } from './find-kubernetes.js'
import { findWorkflowReferences } from './find-workflow.js'
import { indexLines } from './positions.js'
import type { FileKind, FileScan, FoundReference } from './types.js'
import type { YamlScan } from './yaml-scan.js'

/**
 * Finds the image references of one file's text: dispatches on `detectFileKind`, then checks
 * each image with `parseReference` (reference.ts). An invalid image is a reference with
 * `error` set, a YAML syntax error a problem; neither throws, so one bad file or reference
 * never loses the others. Offsets are into `text` exactly as given: decode the file with
 * `decodeText` (rewrite.ts), which keeps a BOM, so they stay valid for the rewrite. Pure.
 *
 * This module loads the `yaml` package: import it lazily (`await import(...)`).
 */
export function findReferences(
  path: string,
  text: string,
  kind = detectFileKind(path, text)
): FileScan {
  const scan: FileScan = { file: path, kind, references: [], skipped: [], problems: [] }
  if (!kind) return scan
  const lines = indexLines(text)
  if (kind === 'dockerfile') {
    const found = findDockerfileReferences(path, text, lines)
    scan.references = found.references
    scan.skipped = found.skipped
  } else {
    const yaml: YamlScan = { ...scan, text, lines, kind }
    readYaml(yaml, kind, path)
    scan.references = yaml.references
    scan.skipped = yaml.skipped
    scan.problems = yaml.problems
  }
  for (const ref of scan.references) validate(ref)
  return scan
}

function readYaml(scan: YamlScan, kind: Exclude<FileKind, 'dockerfile'>, path: string): void {
  if (kind === 'compose') findComposeReferences(scan)
  else if (kind === 'kubernetes') findKubernetesReferences(scan)
  else findWorkflowReferences(scan, isActionMetadata(path))
}

function validate(ref: FoundReference): void {
  let problem: string | undefined
  try {
    const parsed = parseReference(ref.image)
    if (parsed.kind !== 'registry')
      problem = `'${ref.image}' is not a registry image reference (oci-layout:// is not pulled from a file)`
  } catch (e) {
    problem = errorMessage(e)
  }
  if (!problem) return
  ref.error = problem
  ref.pinnable = false
  ref.reason = 'it is not a valid image reference'
}
