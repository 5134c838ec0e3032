import { isScalar } from 'yaml'
import { readSplitReference } from './read-split.js'
import { mapGet, mapString, parseYamlDocuments, seqItems, type YamlScan } from './yaml-scan.js'

/**
 * The `images:` entries of a Kustomization (`kustomization.yaml`, `kustomization.yml`,
 * `Kustomization`; kustomize's images transformer): `name` is the image the resources name,
 * `newName` what to pull instead, `newTag` and `digest` its tag and pin. The image an entry
 * resolves to is `newName` (else `name`) at `newTag`. A pin writes `digest` and keeps `newTag`;
 * an entry with neither `newTag` nor `digest` takes its tag from the resources it applies to,
 * which the Kustomization does not say, so it is reported as not followed. Pure.
 */

const NO_TAG =
  'the entry sets neither newTag nor digest, so the tag comes from the manifests it applies to; give newTag to have it checked'

export function findKustomizeReferences(scan: YamlScan): void {
  for (const doc of parseYamlDocuments(scan)) {
    seqItems(mapGet(doc.contents, 'images', doc), doc).forEach((entry, i) => {
      const name = mapString(entry, 'name', doc) ?? '(unnamed)'
      const newName = mapGet(entry, 'newName', doc)
      const renamed = isScalar(newName) && typeof newName.value === 'string' && newName.value
      readSplitReference(scan, doc, entry, {
        where: `images[${i}] (${name})`,
        nameKeys: [renamed ? 'newName' : 'name'],
        tagKey: 'newTag',
        digestKey: 'digest',
        skipReason: value =>
          value.includes('$')
            ? 'the value holds a variable, filled in by a tool before kustomize runs'
            : undefined,
        noTagReason: NO_TAG,
        asWritten: true
      })
    })
  }
}
