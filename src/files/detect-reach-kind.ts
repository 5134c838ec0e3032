import type { FileKind } from '../model/files.js'

/**
 * The file kinds known by their names alone, beyond Dockerfiles, Compose, Kubernetes and
 * GitHub workflows (detect-kind.ts asks here first), and Helm values known by their shape.
 * Pure, and free of the YAML parser.
 *
 * - `kustomization.yaml`, `kustomization.yml`, `Kustomization` → kustomize
 * - `.gitlab-ci.yml` (and `*.gitlab-ci.yml`, anything under `.gitlab/ci/`) → gitlab-ci
 * - `.circleci/config.yml` → circleci
 * - `bitbucket-pipelines.yml` → bitbucket-pipelines
 * - `azure-pipelines*.yml`, anything under `.azure-pipelines/` or `.azuredevops/` → azure-pipelines
 * - `.devcontainer/devcontainer.json`, `.devcontainer/<name>/devcontainer.json`,
 *   `.devcontainer.json` → devcontainer
 * - `values*.yaml` → helm; other YAML by its keys: `detectValuesKind`
 */
export function detectReachKind(path: string, base: string): FileKind | null {
  if (/^(kustomization\.ya?ml|Kustomization)$/.test(base)) return 'kustomize'
  if (/^\.devcontainer\.json$/.test(base)) return 'devcontainer'
  if (/(^|\/)\.devcontainer\/([^/]+\/)?devcontainer\.json$/.test(path)) return 'devcontainer'
  if (!/\.ya?ml$/i.test(base)) return null
  if (/(^|\.)gitlab-ci\.ya?ml$/.test(base) || /(^|\/)\.gitlab\/ci\//.test(path)) return 'gitlab-ci'
  if (/(^|\/)\.circleci\/config\.ya?ml$/.test(path)) return 'circleci'
  if (/^bitbucket-pipelines\.ya?ml$/.test(base)) return 'bitbucket-pipelines'
  if (
    /^azure-pipelines.*\.ya?ml$/.test(base) ||
    /(^|\/)\.(azure-pipelines|azuredevops)\//.test(path)
  )
    return 'azure-pipelines'
  if (/^values([.-][^/]*)?\.ya?ml$/.test(base)) return 'helm'
  return null
}

/**
 * A YAML file named in `files` that is none of the other kinds: a GitLab CI file included from
 * `.gitlab-ci.yml` when a job in it has a `script:` key (`ci/build.yml`), else Helm values when
 * it holds an `image:` or `repository:` key (a values file for an environment, `prod.yaml`).
 */
export function detectValuesKind(base: string, text: string): FileKind | null {
  if (!/\.ya?ml$/i.test(base)) return null
  if (/^[ \t]+["']?script["']?[ \t]*:/m.test(text)) return 'gitlab-ci'
  return /^[ \t]*["']?(image|repository)["']?[ \t]*:/m.test(text) ? 'helm' : null
}
