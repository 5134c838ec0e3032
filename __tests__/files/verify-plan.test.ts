/** What verify finds for each reference (verify-plan.ts). */
import { findReferences } from '../../src/files/find-references.js'
import { planVerify } from '../../src/files/verify-plan.js'
import { parsePlatform } from '../../src/model/platform.js'
import type { ImageRecord } from '../../src/model/record.js'
import { AMD64, BOTH, MANIFEST, NEW, OLD, failed, rec, refs } from './plan-helpers.js'

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
