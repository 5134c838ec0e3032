import { parseReference } from '../model/reference.js'
import { errorMessage } from '../model/errors.js'
import { detectFileKind, isActionMetadata } from './detect-kind.js'
import type { ComposeEnv } from './compose-env.js'
import {
  findAzureReferences,
  findBitbucketReferences,
  findCircleciReferences,
  findGitlabReferences
} from './find-ci.js'
import { findComposeReferences } from './find-compose.js'
import { findDevcontainerReferences } from './find-devcontainer.js'
import { findHelmReferences } from './find-helm.js'
import { findKustomizeReferences } from './find-kustomize.js'
import { findDockerfileReferences } from './find-dockerfile.js'
import { findKubernetesReferences } from './find-kubernetes.js'
import { findWorkflowReferences } from './find-workflow.js'
import { indexLines } from './positions.js'
import type { FileKind, FileScan, FoundReference } from '../model/files.js'
import type { YamlScan } from './yaml-scan.js'

/**
 * Finds the image references of one file's text: dispatches on `detectFileKind`, then checks
 * each image with `parseReference` (reference.ts). An invalid image is a reference with
 * `error` set, a YAML syntax error a problem; neither throws, so one bad file or reference
 * never loses the others. Offsets are into `text` exactly as given: decode the file with
 * `decodeText` (rewrite.ts), which keeps a BOM, so they stay valid for the rewrite. Pure.
 *
 * `env` is the `.env` beside a Compose file (compose-env.ts), for its `${VAR}` values.
 *
 * This module loads the `yaml` package: import it lazily (`await import(...)`).
 */
export function findReferences(
  path: string,
  text: string,
  kind = detectFileKind(path, text),
  env?: ComposeEnv
): FileScan {
  const scan: FileScan = { file: path, kind, references: [], skipped: [], problems: [] }
  if (!kind) return scan
  const lines = indexLines(text)
  if (kind === 'dockerfile') {
    const found = findDockerfileReferences(path, text, lines)
    scan.references = found.references
    scan.skipped = found.skipped
  } else if (kind === 'devcontainer') {
    Object.assign(scan, findDevcontainerReferences(path, text, lines))
  } else {
    const yaml: YamlScan = { ...scan, text, lines, kind }
    readYaml(yaml, kind, path, env)
    scan.references = yaml.references
    scan.skipped = yaml.skipped
    scan.problems = yaml.problems
  }
  for (const ref of scan.references) validate(ref)
  return scan
}

function readYaml(scan: YamlScan, kind: FileKind, path: string, env?: ComposeEnv): void {
  if (kind === 'compose') findComposeReferences(scan, env)
  else if (kind === 'kubernetes') findKubernetesReferences(scan)
  else if (kind === 'workflow') findWorkflowReferences(scan, isActionMetadata(path))
  else READERS[kind]?.(scan)
}

/** The finders of the kinds added for release pipelines (issue 20). */
const READERS: Partial<Record<FileKind, (scan: YamlScan) => void>> = {
  helm: findHelmReferences,
  kustomize: findKustomizeReferences,
  'gitlab-ci': findGitlabReferences,
  circleci: findCircleciReferences,
  'bitbucket-pipelines': findBitbucketReferences,
  'azure-pipelines': findAzureReferences
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
