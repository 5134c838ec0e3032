import { type Document, isMap, isScalar, isSeq } from 'yaml'
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
 * Container images in the pipeline files of CI systems other than GitHub Actions, each by its
 * own documented syntax:
 * - GitLab CI (`.gitlab-ci.yml` and the files it includes): `image` and `services` at the top,
 *   under `default:` and in each job, as a string or `{name: …}`;
 * - CircleCI (`.circleci/config.yml`): `docker: - image:` in jobs and executors (a `machine:`
 *   image is a VM, not a container, and is not read);
 * - Bitbucket Pipelines (`bitbucket-pipelines.yml`): `image` at any level, a string or `{name}`;
 * - Azure Pipelines: `container:` (an image, or `{image}`) in jobs and `services:` of jobs, and
 *   `resources.containers[].image`; a `container:` naming one of those resources is an alias.
 * A value holding a CI variable (`$VAR`, `$(var)`, `${{ … }}`) is known only when the pipeline
 * runs, so it is reported as not followed. Pure.
 */

const skipReason = (value: string): string | undefined =>
  value.includes('$')
    ? 'the value holds a CI variable, filled in only when the pipeline runs'
    : undefined

/** Deeper than any pipeline; a limit so a hostile file cannot recurse without end. */
const MAX_DEPTH = 64

/** GitLab's top-level keywords that are not jobs (docs: "CI/CD YAML syntax reference"). */
const GITLAB_GLOBAL = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'spec',
  'before_script',
  'after_script',
  'cache'
])

/** An image written as a string or as `{name: …}` (GitLab, Bitbucket). */
function readNamedImage(scan: YamlScan, doc: Document, raw: unknown, where: string): void {
  const node = deref(raw, doc)
  if (isScalar(node)) readImageNode(scan, doc, raw, where, { skipReason })
  else if (isMap(node)) {
    const name = mapGetRaw(node, 'name', doc)
    if (name !== undefined) readImageNode(scan, doc, name, `${where}.name`, { skipReason })
  }
}

export function findGitlabReferences(scan: YamlScan): void {
  for (const doc of parseYamlDocuments(scan)) {
    const readJob = (job: unknown, path: string): void => {
      const image = mapGetRaw(job, 'image', doc)
      if (image !== undefined) readNamedImage(scan, doc, image, `${path}image`)
      seqItems(mapGet(job, 'services', doc), doc).forEach((service, i) =>
        readNamedImage(scan, doc, service, `${path}services[${i}]`)
      )
    }
    readJob(doc.contents, '')
    readJob(mapGet(doc.contents, 'default', doc), 'default.')
    for (const [name, job] of mapEntries(doc.contents, doc)) {
      if (GITLAB_GLOBAL.has(name) || name === 'image' || name === 'services') continue
      if (isMap(deref(job, doc))) readJob(job, `${name}.`)
    }
  }
}

export function findCircleciReferences(scan: YamlScan): void {
  for (const doc of parseYamlDocuments(scan)) {
    for (const section of ['jobs', 'executors']) {
      for (const [name, job] of mapEntries(mapGet(doc.contents, section, doc), doc)) {
        seqItems(mapGet(job, 'docker', doc), doc).forEach((entry, i) => {
          const image = mapGetRaw(entry, 'image', doc)
          if (image !== undefined)
            readImageNode(scan, doc, image, `${section}.${name}.docker[${i}].image`, { skipReason })
        })
      }
    }
  }
}

export function findBitbucketReferences(scan: YamlScan): void {
  for (const doc of parseYamlDocuments(scan)) {
    const walk = (raw: unknown, path: string, depth: number): void => {
      const node = deref(raw, doc)
      if (depth > MAX_DEPTH) return
      if (isSeq(node)) node.items.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1))
      if (!isMap(node)) return
      for (const [key, value] of mapEntries(node, doc)) {
        const at = path ? `${path}.${key}` : key
        if (key === 'image') readNamedImage(scan, doc, value, at)
        else walk(value, at, depth + 1)
      }
    }
    walk(doc.contents, '', 0)
  }
}

export function findAzureReferences(scan: YamlScan): void {
  for (const doc of parseYamlDocuments(scan)) {
    const aliases = new Set<string>()
    const resources = mapGet(mapGet(doc.contents, 'resources', doc), 'containers', doc)
    seqItems(resources, doc).forEach((entry, i) => {
      const alias = mapGet(entry, 'container', doc)
      if (isScalar(alias)) aliases.add(String(alias.value))
      const image = mapGetRaw(entry, 'image', doc)
      if (image !== undefined)
        readImageNode(scan, doc, image, `resources.containers[${i}].image`, { skipReason })
    })
    const readContainer = (raw: unknown, where: string): void => {
      const node = deref(raw, doc)
      if (isScalar(node)) {
        // A name from resources.containers is an alias for the image read there.
        if (!aliases.has(String(node.value))) readImageNode(scan, doc, raw, where, { skipReason })
      } else if (isMap(node)) {
        const image = mapGetRaw(node, 'image', doc)
        if (image !== undefined) readImageNode(scan, doc, image, `${where}.image`, { skipReason })
      }
    }
    const walk = (raw: unknown, path: string, depth: number): void => {
      const node = deref(raw, doc)
      if (depth > MAX_DEPTH) return
      if (isSeq(node)) node.items.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1))
      if (!isMap(node)) return
      for (const [key, value] of mapEntries(node, doc)) {
        const at = path ? `${path}.${key}` : key
        if (key === 'resources' && !path) continue
        // A step's `target: container-alias` names where it runs, never an image.
        if (key === 'target') continue
        if (key === 'container') readContainer(value, at)
        else if (key === 'services' && isMap(deref(value, doc)))
          for (const [name, service] of mapEntries(value, doc))
            readContainer(service, `${at}.${name}`)
        else walk(value, at, depth + 1)
      }
    }
    walk(doc.contents, '', 0)
  }
}
