import { type Document, isMap, isScalar, isSeq } from 'yaml'
import { readSplitReference } from './read-split.js'
import {
  deref,
  mapEntries,
  mapGet,
  parseYamlDocuments,
  readImageNode,
  seqItems,
  type YamlScan
} from './yaml-scan.js'

/**
 * Images in a Helm chart's values file, wherever in the tree they sit (charts nest them under
 * any key: `image`, `metrics.image`, `sidecars[0].image`):
 * - a map `{repository, tag, digest}` with an optional `registry` (the Bitnami layout): the
 *   image is `registry/repository:tag`, pinned by writing `digest` (added beside `tag` when
 *   absent; `tag` is kept, as charts render `repository@digest` when a digest is set);
 * - a map `{image: {name, tag}}` (`name` the repository, `tag` its tag);
 * - a string `image: repo:tag`, pinned as any reference (`repo:tag@sha256:…`).
 * A value holding a template (`{{ … }}`, for `tpl`) is rendered only by Helm, so it is
 * reported as not followed. Pure.
 */

const TEMPLATE_REASON =
  'the value is a Helm template ({{ … }}), rendered only when the chart is installed; scan the rendered manifest (helm template) instead'

const skipReason = (value: string): string | undefined =>
  value.includes('{{') ? TEMPLATE_REASON : undefined

const NO_TAG =
  'the map gives no tag or digest; the chart fills one in (often its appVersion), which the values file does not say'

/** Deeper than any chart's values; a limit so a hostile file cannot recurse without end. */
const MAX_DEPTH = 64

/** Adds the images of every map and `image:` string in every clean document to `scan`. */
export function findHelmReferences(scan: YamlScan): void {
  for (const doc of parseYamlDocuments(scan)) walk(scan, doc, doc.contents, '', '', 0)
}

function walk(
  scan: YamlScan,
  doc: Document,
  raw: unknown,
  path: string,
  parentKey: string,
  depth: number
): void {
  const node = deref(raw, doc)
  if (depth > MAX_DEPTH) return
  if (isSeq(node)) {
    seqItems(node, doc).forEach((item, i) =>
      walk(scan, doc, item, `${path}[${i}]`, parentKey, depth + 1)
    )
    return
  }
  if (!isMap(node)) return
  if (readImageMap(scan, doc, node, path, parentKey)) return
  for (const [key, value] of mapEntries(node, doc)) {
    const at = path ? `${path}.${key}` : key
    const child = deref(value, doc)
    if (key === 'image' && isScalar(child)) {
      if (typeof child.value === 'string' && child.value !== '')
        readImageNode(scan, doc, value, at, { skipReason })
      continue
    }
    walk(scan, doc, value, at, key, depth + 1)
  }
}

/** Reads `node` when it is an image map; returns whether it was one. */
function readImageMap(
  scan: YamlScan,
  doc: Document,
  node: unknown,
  path: string,
  parentKey: string
): boolean {
  const has = (key: string): boolean => mapGet(node, key, doc) !== undefined
  const underImage = /image$/i.test(parentKey)
  const repository = mapGet(node, 'repository', doc)
  if (isScalar(repository) && typeof repository.value === 'string') {
    // `repository` alone is also a word for chart repositories; an image map has a tag or digest.
    if (!underImage && !has('tag') && !has('digest')) return false
    readSplitReference(scan, doc, node, {
      where: path || '(top level)',
      nameKeys: ['registry', 'repository'],
      tagKey: 'tag',
      digestKey: 'digest',
      skipReason,
      noTagReason: NO_TAG
    })
    return true
  }
  const name = mapGet(node, 'name', doc)
  if (parentKey === 'image' && isScalar(name) && typeof name.value === 'string' && has('tag')) {
    readSplitReference(scan, doc, node, {
      where: path,
      nameKeys: ['name'],
      tagKey: 'tag',
      digestKey: 'digest',
      skipReason,
      noTagReason: NO_TAG
    })
    return true
  }
  return false
}
