/**
 * A reference written over several keys of a YAML map (split-reference.ts): how it reads, and
 * the splices that pin it, on Helm values as people write them (found by find-helm.ts).
 */
import { findReferences } from '../../src/files/find-references.js'
import { applySplices } from '../../src/files/rewrite.js'
import { splitDisplay, splitSplices } from '../../src/files/split-reference.js'

const D = `sha256:${'7'.repeat(64)}`

function helmRef(text: string) {
  const ref = findReferences('chart/values.yaml', text).references[0]
  if (!ref?.split) throw new Error('no split reference found')
  return { ref, split: ref.split }
}

test('name:tag@digest as a person reads it', () => {
  expect(splitDisplay('ghcr.io/acme/app', '1.0', D)).toBe(`ghcr.io/acme/app:1.0@${D}`)
  expect(splitDisplay('ghcr.io/acme/app', undefined, D)).toBe(`ghcr.io/acme/app@${D}`)
  expect(splitDisplay('ghcr.io/acme/app', '1.0')).toBe('ghcr.io/acme/app:1.0')
})

test('a digest key that is missing is added after the tag, in the map’s own indentation, as a plain scalar', () => {
  const text = 'image:\n  repository: ghcr.io/acme/app\n  tag: "1.0"\nreplicas: 2\n'
  const { ref, split } = helmRef(text)
  const splices = splitSplices(ref, split, { digest: D })
  expect(splices).toHaveLength(1)
  expect(applySplices(text, splices, 'chart/values.yaml')).toBe(
    `image:\n  repository: ghcr.io/acme/app\n  tag: "1.0"\n  digest: ${D}\nreplicas: 2\n`
  )
})

test('a digest already there is replaced in place; an equal one is left alone', () => {
  const old = `sha256:${'0'.repeat(64)}`
  const text = `image:\n  repository: ghcr.io/acme/app\n  tag: "1.0"\n  digest: "${old}"\n`
  const { ref, split } = helmRef(text)
  expect(applySplices(text, splitSplices(ref, split, { digest: D }), 'chart/values.yaml')).toBe(
    text.replace(old, D)
  )
  expect(splitSplices(ref, split, { digest: old })).toEqual([])
})

test('a promotion writes the tag too; a bad digest is refused naming the image', () => {
  const text = 'image:\n  repository: ghcr.io/acme/app\n  tag: "1.0"\n'
  const { ref, split } = helmRef(text)
  expect(
    applySplices(text, splitSplices(ref, split, { digest: D, tag: '2.0' }), 'chart/values.yaml')
  ).toBe(`image:\n  repository: ghcr.io/acme/app\n  tag: "2.0"\n  digest: ${D}\n`)
  expect(() => splitSplices(ref, split, { digest: 'sha256:nope' })).toThrow(
    new RegExp(`^Cannot pin '${ref.image.replace(/[.]/g, '\\.')}': `)
  )
})
