import { detectReachKind, detectValuesKind } from './detect-reach-kind.js'
import type { FileKind } from '../model/files.js'

/**
 * Which finder reads a file, from its path and, for YAML that could be anything, its text.
 * Cheap and free of the YAML parser, so the caller can decide before loading it. Pure.
 *
 * - `Dockerfile`, `Containerfile`, `Dockerfile.*`, `Containerfile.*`, `*.Dockerfile`,
 *   `*.dockerfile` (any case; `.dockerignore` files are not Dockerfiles) → dockerfile
 * - `.github/workflows/*.yml|yaml`, and `action.yml|yaml` (Docker and composite actions) → workflow
 * - `compose.yaml`, `compose.yml`, `compose.<anything>.yaml`, `docker-compose*.yml|yaml` → compose
 * - any other `.yml`/`.yaml` with a top-level `apiVersion` and `kind` → kubernetes
 * - the rest: `detectReachKind` (detect-reach-kind.ts): Helm values, Kustomize, other CI
 *   systems, dev containers
 */
export function detectFileKind(path: string, text: string): FileKind | null {
  const normal = path.replace(/\\/g, '/')
  const base = normal.slice(normal.lastIndexOf('/') + 1)
  if (/\.(docker|container)ignore$/i.test(base)) return null
  const reach = detectReachKind(normal, base)
  if (reach) return reach
  if (
    /^(dockerfile|containerfile)(\..+)?$/i.test(base) ||
    /\.(dockerfile|containerfile)$/i.test(base)
  )
    return 'dockerfile'
  if (!/\.ya?ml$/i.test(base)) return null
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(normal)) return 'workflow'
  if (/^action\.ya?ml$/.test(base)) return 'workflow'
  if (/^compose(\.[^/]+)?\.ya?ml$/i.test(base) || /^docker-compose.*\.ya?ml$/i.test(base))
    return 'compose'
  if (/^["']?apiVersion["']?[ \t]*:/m.test(text) && /^["']?kind["']?[ \t]*:/m.test(text))
    return 'kubernetes'
  return detectValuesKind(base, text)
}

/** True for `action.yml` / `action.yaml`: an action's metadata, not a workflow. */
export function isActionMetadata(path: string): boolean {
  return /(^|[\\/])action\.ya?ml$/.test(path)
}
