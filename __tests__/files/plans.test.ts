import { findReferences } from '../../src/files/find-references.js'
import { changedFiles, planPins } from '../../src/files/pin-plan.js'
import {
  followUpReferences,
  referenceKeys,
  referencesToResolve
} from '../../src/files/resolve-plan.js'
import { applySplices } from '../../src/files/rewrite.js'
import type { FoundReference } from '../../src/model/files.js'
import { planVerify } from '../../src/files/verify-plan.js'
import { parsePlatform } from '../../src/model/platform.js'
import type { ImageRecord } from '../../src/model/record.js'
import { digest } from './helpers.js'

const INDEX = 'application/vnd.oci.image.index.v1+json'
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const OLD = digest('0')
const NEW = digest('1')
const AMD64 = digest('a')
const ARM64 = digest('b')

/** A record as resolve.ts makes it, by hand: platforms as [key, digest]. */
function rec(
  image: string,
  d: string | null,
  platforms: [string, string][] = [],
  mediaType = INDEX
): ImageRecord {
  return {
    image,
    ref: image,
    digest: d,
    mediaType: d ? mediaType : null,
    platforms: platforms.map(([platform, pd]) => ({
      platform,
      digest: pd,
      mediaType: MANIFEST,
      layers: 2,
      size: 100
    })),
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  }
}

function failed(image: string, kind: 'not-found' | 'unauthorized', message: string): ImageRecord {
  return {
    ...rec(image, null),
    error: `${image}: ${message}`,
    errorDetail: { kind, message }
  }
}

const BOTH: [string, string][] = [
  ['linux/amd64', AMD64],
  ['linux/arm64', ARM64]
]

/** One compose file per test, one service per image, in order. */
function refs(...images: string[]): FoundReference[] {
  const text = `services:\n${images.map((image, i) => `  s${i}: {image: "${image}"}\n`).join('')}`
  return findReferences('compose.yaml', text).references
}

describe('referenceKeys and referencesToResolve', () => {
  test('one resolution per distinct tag; a digest only without a tag; invalid ones none', () => {
    const found = [
      ...refs(
        'nginx:1.27',
        'docker.io/library/nginx:1.27',
        `nginx:1.27@${OLD}`,
        `index.docker.io/nginx@${OLD}`,
        'nginx',
        'Nginx'
      ),
      ...findReferences('Dockerfile', 'ARG V=3.20\nFROM alpine:${V}\n').references
    ]
    expect(found.map(referenceKeys)).toEqual([
      { primary: 'docker.io/library/nginx:1.27', tag: '1.27' },
      { primary: 'docker.io/library/nginx:1.27', tag: '1.27' },
      {
        primary: 'docker.io/library/nginx:1.27',
        tag: '1.27',
        pinned: OLD,
        digestForm: `docker.io/library/nginx@${OLD}`
      },
      { primary: `docker.io/library/nginx@${OLD}`, pinned: OLD },
      { primary: 'docker.io/library/nginx:latest', tag: 'latest' },
      null,
      { primary: 'docker.io/library/alpine:3.20', tag: '3.20' }
    ])
    expect(referencesToResolve(found)).toEqual([
      'docker.io/library/nginx:1.27',
      `docker.io/library/nginx@${OLD}`,
      'docker.io/library/nginx:latest',
      'docker.io/library/alpine:3.20'
    ])
  })
})

describe('followUpReferences', () => {
  const tag = 'ghcr.io/acme/app:1'
  const found = refs(`ghcr.io/acme/app:1@${OLD}`, `ghcr.io/acme/app@${OLD}`, 'ghcr.io/acme/app:1')
  test.each<[string, ImageRecord, string[]]>([
    ['the tag points at the pin', rec(tag, OLD, BOTH), []],
    ['the pin is one platform of the tag’s index', rec(tag, NEW, [['linux/amd64', OLD]]), []],
    ['the tag moved', rec(tag, NEW, BOTH), [`ghcr.io/acme/app@${OLD}`]],
    ['the tag is gone', failed(tag, 'not-found', 'manifest unknown'), [`ghcr.io/acme/app@${OLD}`]],
    ['the tag is refused', failed(tag, 'unauthorized', 'denied'), []]
  ])('%s', (_name, record, want) => {
    expect(followUpReferences(found, [record, rec(`ghcr.io/acme/app@${OLD}`, OLD)])).toEqual(want)
  })
})

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

describe('planVerify', () => {
  const tag = 'ghcr.io/acme/app:1'
  const byDigest = (d: string) => `ghcr.io/acme/app@${d}`
  const amd64AndArm64 = [parsePlatform('linux/amd64'), parsePlatform('linux/arm64')]
  type Row = [string, string, ImageRecord[], boolean, object[]]
  test.each<Row>([
    [
      'unpinned, pins not required: a notice with the pin to write',
      'ghcr.io/acme/app:1',
      [rec(tag, NEW, BOTH)],
      false,
      [
        {
          status: 'unpinned',
          severity: 'notice',
          message: `'ghcr.io/acme/app:1' is not pinned by digest; pin it as ghcr.io/acme/app:1@${NEW}`,
          currentDigest: NEW
        }
      ]
    ],
    [
      'unpinned, pins required: an error',
      'ghcr.io/acme/app:1',
      [rec(tag, NEW, BOTH)],
      true,
      [{ status: 'unpinned', severity: 'error' }]
    ],
    [
      'unpinned and lacking a required platform',
      'ghcr.io/acme/app:1',
      [rec(tag, NEW, [['linux/amd64', AMD64]])],
      false,
      [
        {
          status: 'missing-platforms',
          severity: 'error',
          message: `'ghcr.io/acme/app:1': ${NEW} lacks the required platforms linux/arm64`,
          missing: ['linux/arm64']
        },
        { status: 'unpinned', severity: 'notice' }
      ]
    ],
    [
      'pinned to what the tag points at',
      `ghcr.io/acme/app:1@${NEW}`,
      [rec(tag, NEW, BOTH)],
      true,
      [
        {
          status: 'ok',
          severity: 'notice',
          message: `'ghcr.io/acme/app:1@${NEW}' is pinned to ${NEW}, what ghcr.io/acme/app:1 points at`
        }
      ]
    ],
    [
      'stale: both digests named',
      `ghcr.io/acme/app:1@${OLD}`,
      [rec(tag, NEW, BOTH), rec(byDigest(OLD), OLD, BOTH)],
      true,
      [
        {
          status: 'stale',
          severity: 'error',
          message: `'ghcr.io/acme/app:1@${OLD}' is stale: ghcr.io/acme/app:1 now points at ${NEW}, the pin is ${OLD}`,
          pinnedDigest: OLD,
          currentDigest: NEW
        }
      ]
    ],
    [
      'stale and the pinned digest is gone',
      `ghcr.io/acme/app:1@${OLD}`,
      [rec(tag, NEW, BOTH), failed(byDigest(OLD), 'not-found', 'manifest unknown')],
      false,
      [
        { status: 'stale', severity: 'error' },
        {
          status: 'not-found',
          severity: 'error',
          message: `'ghcr.io/acme/app:1@${OLD}': the pinned digest ${OLD} no longer exists in the registry`
        }
      ]
    ],
    [
      'pinned to one platform of the tag’s index, more required',
      `ghcr.io/acme/app:1@${AMD64}`,
      [rec(tag, NEW, BOTH)],
      false,
      [
        {
          status: 'single-platform',
          severity: 'error',
          message: `'ghcr.io/acme/app:1@${AMD64}' pins only the linux/amd64 manifest of ghcr.io/acme/app:1's index ${NEW}, so it lacks linux/arm64; pin the index to keep every platform`,
          missing: ['linux/arm64'],
          pinnedDigest: AMD64,
          currentDigest: NEW
        }
      ]
    ],
    [
      'stale, and the old pin is a single-platform manifest lacking a required platform',
      `ghcr.io/acme/app:1@${OLD}`,
      [rec(tag, NEW, BOTH), rec(byDigest(OLD), OLD, [['linux/amd64', OLD]], MANIFEST)],
      false,
      [
        { status: 'stale', severity: 'error' },
        {
          status: 'single-platform',
          severity: 'error',
          message: `'ghcr.io/acme/app:1@${OLD}': the pinned digest ${OLD} is a single-platform manifest (linux/amd64); it lacks linux/arm64`,
          missing: ['linux/arm64']
        }
      ]
    ],
    [
      'the tag is gone but the pin still resolves',
      `ghcr.io/acme/app:1@${OLD}`,
      [failed(tag, 'not-found', 'manifest unknown'), rec(byDigest(OLD), OLD, BOTH)],
      false,
      [
        {
          status: 'tag-missing',
          severity: 'warning',
          message: `'ghcr.io/acme/app:1@${OLD}': the tag ghcr.io/acme/app:1 no longer exists, so the pin ${OLD} follows nothing`
        }
      ]
    ],
    [
      'the tag is refused: nothing more is known',
      `ghcr.io/acme/app:1@${OLD}`,
      [failed(tag, 'unauthorized', 'authentication required')],
      false,
      [
        {
          status: 'failed',
          severity: 'error',
          message: `'ghcr.io/acme/app:1@${OLD}': cannot check the pin, its tag failed to resolve: ${tag}: authentication required`
        }
      ]
    ],
    [
      'a digest without a tag that exists',
      `ghcr.io/acme/app@${OLD}`,
      [rec(byDigest(OLD), OLD, BOTH)],
      true,
      [{ status: 'ok', message: `'ghcr.io/acme/app@${OLD}' is pinned to ${OLD}, which exists` }]
    ],
    [
      'a digest without a tag that is gone',
      `ghcr.io/acme/app@${OLD}`,
      [failed(byDigest(OLD), 'not-found', 'manifest unknown')],
      false,
      [{ status: 'not-found', severity: 'error' }]
    ],
    [
      'phase 2 was not run',
      `ghcr.io/acme/app:1@${OLD}`,
      [rec(tag, NEW, BOTH)],
      false,
      [
        { status: 'stale' },
        {
          status: 'failed',
          message: `'ghcr.io/acme/app:1@${OLD}': the pinned digest (ghcr.io/acme/app@${OLD}) was not resolved`
        }
      ]
    ],
    [
      'an invalid reference',
      'ghcr.io/acme/App:1',
      [],
      false,
      [
        {
          status: 'invalid',
          severity: 'error',
          message:
            "Invalid image reference 'ghcr.io/acme/App:1': repository name must be lowercase ('App')"
        }
      ]
    ]
  ])('%s', (_name, image, records, requirePins, want) => {
    const found = refs(image)
    const findings = planVerify(found, records, amd64AndArm64, requirePins)
    expect(findings).toHaveLength(want.length)
    findings.forEach((f, i) => {
      expect(f).toMatchObject({
        file: 'compose.yaml',
        line: 2,
        column: 16,
        reference: found[0],
        ...want[i]
      })
    })
  })

  test('a single-platform pin with no platforms required is a warning naming the others', () => {
    const found = refs(`ghcr.io/acme/app:1@${AMD64}`)
    const [finding] = planVerify(found, [rec(tag, NEW, BOTH)], [], false)
    expect(finding).toMatchObject({
      status: 'single-platform',
      severity: 'warning',
      message: `'ghcr.io/acme/app:1@${AMD64}' pins only the linux/amd64 manifest of ghcr.io/acme/app:1's index ${NEW}, so it lacks linux/arm64; pin the index to keep every platform`
    })
    expect(finding.missing).toBeUndefined()
  })

  test('a literal FROM --platform requires only that platform', () => {
    const text = `FROM --platform=linux/amd64 ghcr.io/acme/app:1@${AMD64}\nFROM ghcr.io/acme/app:1@${AMD64}\n`
    const found = findReferences('Dockerfile', text).references
    const findings = planVerify(found, [rec(tag, NEW, BOTH)], amd64AndArm64, true)
    expect(findings.map(f => [f.line, f.status, f.severity])).toEqual([
      [1, 'ok', 'notice'],
      [2, 'single-platform', 'error']
    ])
    expect(findings[0].message).toBe(
      `'ghcr.io/acme/app:1@${AMD64}' pins the linux/amd64 manifest of ghcr.io/acme/app:1's index ${NEW}, the only platform required`
    )
  })

  test('an unpinnable reference says why it cannot be pinned in place', () => {
    const found = findReferences('Dockerfile', 'ARG V=1\nFROM ghcr.io/acme/app:${V}\n').references
    const [finding] = planVerify(found, [rec(tag, NEW, BOTH)], [], true)
    expect(finding).toMatchObject({ status: 'unpinned', severity: 'error', line: 2, column: 6 })
    expect(finding.message).toMatch(
      /^'ghcr\.io\/acme\/app:1' is not pinned by digest, and cannot be pinned in place: the image is assembled/
    )
  })
})
