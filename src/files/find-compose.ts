import {
  mapEntries,
  mapGet,
  mapGetRaw,
  parseYamlDocuments,
  readImageNode,
  type YamlScan
} from './yaml-scan.js'

/**
 * `services.<name>.image` of a Compose file (compose-spec 05-services.md#image). A service
 * that also has `build` names the image Compose builds and tags, not one it pulls, so it is
 * skipped. Values with `$` are interpolated from the environment (compose-spec
 * 12-interpolation.md) and cannot be known from the file. Pure.
 */
export function findComposeReferences(scan: YamlScan): void {
  for (const doc of parseYamlDocuments(scan)) {
    for (const [name, service] of mapEntries(mapGet(doc.contents, 'services', doc), doc)) {
      const image = mapGetRaw(service, 'image', doc)
      if (!image) continue
      const where = `services.${name}.image`
      const built = mapGet(service, 'build', doc) !== undefined
      readImageNode(scan, doc, image, where, {
        skipReason: value =>
          built
            ? 'the service has build:, so image: names the image Compose builds, not one it pulls'
            : value.includes('$')
              ? 'the value uses variable interpolation ($VAR or ${VAR}), filled in from the environment when Compose runs'
              : undefined
      })
    }
  }
}
