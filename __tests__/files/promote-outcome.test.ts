/** What pin does with a reference whose repository `images` promotes (promote-outcome.ts). */
import { findReferences } from '../../src/files/find-references.js'
import { planPromotion } from '../../src/files/promote-outcome.js'
import { promotionsOf } from '../../src/files/promote-plan.js'
import { applySplices } from '../../src/files/rewrite.js'
import type { ImageRecord } from '../../src/model/record.js'

const D = `sha256:${'5'.repeat(64)}`
const OLD = `sha256:${'0'.repeat(64)}`
const RELEASE = 'registry.invalid/acme/app:2.1'
const promotion = promotionsOf([RELEASE]).get('registry.invalid/acme/app')

function record(digest: string | null, error: string | null = null): ImageRecord {
  return {
    image: RELEASE,
    ref: RELEASE,
    digest,
    mediaType: digest ? 'application/vnd.oci.image.index.v1+json' : null,
    platforms: [],
    attestations: 0,
    missing: [],
    error,
    notes: []
  }
}

const compose = (image: string) => `services:\n  app:\n    image: ${image}\n`
const refOf = (image: string) => findReferences('compose.yaml', compose(image)).references[0]

test('an older tag or pin moves to the release tag and its digest', () => {
  if (!promotion) throw new Error('no promotion')
  const ref = refOf(`registry.invalid/acme/app:2.0@${OLD}`)
  const outcome = planPromotion(ref, promotion, new Map([[RELEASE, record(D)]]))
  expect(outcome.status).toBe('promoted')
  expect(outcome.to).toBe(`registry.invalid/acme/app:2.1@${D}`)
  expect(outcome.oldDigest).toBe(OLD)
  expect(outcome.newDigest).toBe(D)
  expect(outcome.message).toBe(
    `'registry.invalid/acme/app:2.0@${OLD}' (${ref.where}) promoted to ${RELEASE}: registry.invalid/acme/app:2.0@${OLD} → registry.invalid/acme/app:2.1@${D}`
  )
  expect(applySplices(compose(ref.text), outcome.splices ?? [], 'compose.yaml')).toBe(
    compose(`registry.invalid/acme/app:2.1@${D}`)
  )
})

test('already at the release: unchanged', () => {
  if (!promotion) throw new Error('no promotion')
  const ref = refOf(`registry.invalid/acme/app:2.1@${D}`)
  const outcome = planPromotion(ref, promotion, new Map([[RELEASE, record(D)]]))
  expect(outcome.status).toBe('unchanged')
  expect(outcome.message).toContain(`is already at the release, ${RELEASE} (${D})`)
})

test('a release that did not resolve fails the promotion, saying why', () => {
  if (!promotion) throw new Error('no promotion')
  const ref = refOf('registry.invalid/acme/app:2.0')
  const failed = planPromotion(
    ref,
    promotion,
    new Map([[RELEASE, record(null, `${RELEASE}: gone`)]])
  )
  expect(failed.status).toBe('failed')
  expect(failed.message).toBe(
    `'registry.invalid/acme/app:2.0' (${ref.where}) cannot be promoted: ${RELEASE}: gone`
  )
  const unresolved = planPromotion(ref, promotion, new Map())
  expect(unresolved.message).toContain(`cannot be promoted: ${RELEASE} was not resolved`)
})
