import { type ComposeEnv, readInterpolatedImage } from './compose-env.js'
import {
  mapEntries,
  mapGet,
  mapGetRaw,
  mapString,
  parseYamlDocuments,
  readImageNode,
  type YamlScan
} from './yaml-scan.js'

/**
 * `services.<name>.image` of a Compose file (compose-spec 05-services.md#image). A service
 * that also has `build` names the image Compose builds and tags, not one it pulls, so it is
 * skipped. Values with `$` are interpolated from the `.env` beside the file, as Compose does
 * (compose-env.ts). Pure.
 */
export function findComposeReferences(scan: YamlScan, env?: ComposeEnv): void {
  for (const doc of parseYamlDocuments(scan)) {
    for (const [name, service] of mapEntries(mapGet(doc.contents, 'services', doc), doc)) {
      const image = mapGetRaw(service, 'image', doc)
      if (!image) continue
      const where = `services.${name}.image`
      const built = mapGet(service, 'build', doc) !== undefined
      const value = mapString(service, 'image', doc)
      if (!built && value?.includes('$')) {
        readInterpolatedImage(scan, doc, image, where, env)
        continue
      }
      readImageNode(scan, doc, image, where, {
        skipReason: () =>
          built
            ? 'the service has build:, so image: names the image Compose builds, not one it pulls'
            : undefined
      })
    }
  }
}
