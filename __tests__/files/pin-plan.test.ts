/** What pin writes for each reference, and where (pin-plan.ts). */
import { findReferences } from '../../src/files/find-references.js'
import { changedFiles, planPins } from '../../src/files/pin-plan.js'
import { applySplices } from '../../src/files/rewrite.js'
import type { ImageRecord } from '../../src/model/record.js'
import { AMD64, BOTH, NEW, OLD, failed, rec, refs } from './plan-helpers.js'

describe('planPins', () => {
  const tag = 'docker.io/library/nginx:1.27'
  test.each<[string, string, ImageRecord[], object]>([
    [
      'an unpinned tag is pinned',
      'nginx:1.27',
      [rec(tag, NEW, BOTH)],
      { status: 'pinned', to: `nginx:1.27@${NEW}`, newDigest: NEW }
    ],
    [
      'no tag: latest is written out',
      'nginx',
      [rec('docker.io/library/nginx:latest', NEW)],
      { status: 'pinned', to: `nginx:latest@${NEW}` }
    ],
    [
      'a stale pin is updated',
      `nginx:1.27@${OLD}`,
      [rec(tag, NEW, BOTH)],
      {
        status: 'updated',
        to: `nginx:1.27@${NEW}`,
        oldDigest: OLD,
        newDigest: NEW,
        message: `'nginx:1.27@${OLD}' (services.s0.image) updated (docker.io/library/nginx:1.27 points at another digest than the pin): ${OLD} → ${NEW}`
      }
    ],
    [
      'a pin to one platform’s manifest is replaced by the index',
      `nginx:1.27@${AMD64}`,
      [rec(tag, NEW, BOTH)],
      {
        status: 'updated',
        to: `nginx:1.27@${NEW}`,
        message: `'nginx:1.27@${AMD64}' (services.s0.image) updated (the old pin was the linux/amd64 manifest of its index only): ${AMD64} → ${NEW}`
      }
    ],
    [
      'a current pin is unchanged',
      `nginx:1.27@${NEW}`,
      [rec(tag, NEW, BOTH)],
      {
        status: 'unchanged',
        message: `'nginx:1.27@${NEW}' (services.s0.image) is already pinned to ${NEW}, what docker.io/library/nginx:1.27 points at`
      }
    ],
    [
      'a digest with no tag is left',
      `nginx@${OLD}`,
      [],
      {
        status: 'unchanged',
        message: `'nginx@${OLD}' (services.s0.image) is pinned by digest with no tag to follow; left as it is`
      }
    ],
    [
      'a failed resolution',
      'nginx:1.27',
      [failed(tag, 'not-found', "manifest unknown: tag '1.27'")],
      {
        status: 'failed',
        message: `'nginx:1.27' (services.s0.image) cannot be pinned: ${tag}: manifest unknown: tag '1.27'`
      }
    ],
    [
      'a reference not resolved at all',
      'nginx:1.27',
      [],
      { status: 'failed', message: `'nginx:1.27' (services.s0.image): ${tag} was not resolved` }
    ],
    [
      'an invalid reference',
      'Nginx:1.27',
      [],
      {
        status: 'failed',
        message:
          "'Nginx:1.27' (services.s0.image): Invalid image reference 'Nginx:1.27': repository name must be lowercase ('Nginx')"
      }
    ]
  ])('%s', (_name, image, records, want) => {
    const found = refs(image)
    const plan = planPins(found, records)
    expect(plan.outcomes).toHaveLength(1)
    expect(plan.outcomes[0]).toMatchObject({ reference: found[0], from: image, ...want })
    const writes = 'to' in want
    if (!writes) expect(plan.outcomes[0].to).toBeUndefined()
    expect(changedFiles(plan)).toEqual(writes ? ['compose.yaml'] : [])
  })

  test('a reference that is not pinnable is skipped with its reason', () => {
    const found = findReferences('Dockerfile', 'ARG V=3.20\nFROM alpine:${V}\n').references
    const plan = planPins(found, [rec('docker.io/library/alpine:3.20', NEW)])
    expect(plan.outcomes[0].status).toBe('skipped')
    expect(plan.outcomes[0].message).toMatch(
      /^'alpine:3\.20' \(FROM \(stage 1\)\) is not pinned: the image is assembled from ARG values/
    )
    expect(plan.files).toEqual([])
  })

  test('edits per file, sorted; one span reached twice is one splice; pinning is idempotent', () => {
    const compose =
      'x-w: &w\n  image: ghcr.io/acme/worker:2\nservices:\n  a: {<<: *w}\n  b: {<<: *w}\n  web: {image: nginx:1.27} # proxy\n'
    const dockerfile = 'FROM nginx:1.27\r\n'
    const records = [rec('ghcr.io/acme/worker:2', OLD), rec('docker.io/library/nginx:1.27', NEW)]
    const scans = [
      findReferences('z/compose.yaml', compose),
      findReferences('a/Dockerfile', dockerfile)
    ]
    const found = scans.flatMap(s => s.references)
    const plan = planPins(found, records)
    expect(plan.outcomes.map(o => o.status)).toEqual(['pinned', 'pinned', 'pinned', 'pinned'])
    expect(changedFiles(plan)).toEqual(['a/Dockerfile', 'z/compose.yaml'])
    expect(plan.files[1].splices).toEqual([
      {
        start: 17,
        end: 38,
        replacement: `ghcr.io/acme/worker:2@${OLD}`,
        expect: 'ghcr.io/acme/worker:2'
      },
      { start: 92, end: 102, replacement: `nginx:1.27@${NEW}`, expect: 'nginx:1.27' }
    ])
    const written = applySplices(compose, plan.files[1].splices)
    expect(written).toBe(
      `x-w: &w\n  image: ghcr.io/acme/worker:2@${OLD}\nservices:\n  a: {<<: *w}\n  b: {<<: *w}\n  web: {image: nginx:1.27@${NEW}} # proxy\n`
    )
    expect(applySplices(dockerfile, plan.files[0].splices)).toBe(`FROM nginx:1.27@${NEW}\r\n`)

    const again = planPins(findReferences('z/compose.yaml', written).references, records)
    expect(again.outcomes.map(o => o.status)).toEqual(['unchanged', 'unchanged', 'unchanged'])
    expect(again.files).toEqual([])
  })
})
