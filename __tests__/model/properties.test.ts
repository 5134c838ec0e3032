/**
 * Property-based tests: arbitrary input never makes a parser throw anything but our own typed
 * error, and valid input round-trips. RUNS cases per property (fast-check, seeded per run).
 */
import fc from 'fast-check'
import { DigestGateError } from '../../src/model/errors.js'
import { computeDigest, manifestDigest } from '../../src/model/digest.js'
import { parseManifest } from '../../src/model/manifest.js'
import {
  formatPlatform,
  normalizePlatform,
  parsePlatform,
  platformMatches
} from '../../src/model/platform.js'
import { formatName, formatPinned, parseReference } from '../../src/model/reference.js'

export const RUNS = 3000

/** Runs fn; any throw must be a DigestGateError. */
function onlyOurErrors(fn: () => unknown): boolean {
  try {
    fn()
    return true
  } catch (e) {
    if (e instanceof DigestGateError) return true
    throw e
  }
}

const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''))
const component = fc
  .tuple(
    fc.array(alnum, { minLength: 1, maxLength: 6 }),
    fc.array(
      fc.tuple(
        fc.constantFrom('.', '_', '__', '-', '--'),
        fc.array(alnum, { minLength: 1, maxLength: 5 })
      ),
      {
        maxLength: 2
      }
    )
  )
  .map(([head, rest]) => head.join('') + rest.map(([sep, part]) => sep + part.join('')).join(''))
const hostLabel = fc.array(alnum, { minLength: 1, maxLength: 8 }).map(a => a.join(''))
const domain = fc.oneof(
  fc.tuple(hostLabel, hostLabel).map(([a, b]) => `${a}.${b}`),
  fc.tuple(hostLabel, fc.integer({ min: 1, max: 65535 })).map(([a, p]) => `${a}:${p}`),
  fc.constant('localhost')
)
const tag = fc
  .tuple(
    fc.constantFrom(...'abcXYZ019_'.split('')),
    fc.array(fc.constantFrom(...'abcXYZ019_.-'.split('')), { maxLength: 20 })
  )
  .map(([h, t]) => h + t.join(''))
const hex = (n: number): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...'0123456789abcdef'.split('')), { minLength: n, maxLength: n })
    .map(a => a.join(''))
const digest = fc.oneof(
  hex(64).map(h => `sha256:${h}`),
  hex(128).map(h => `sha512:${h}`)
)

const validReference = fc
  .record({
    domain: fc.option(domain, { nil: undefined }),
    path: fc.array(component, { minLength: 1, maxLength: 3 }),
    tag: fc.option(tag, { nil: undefined }),
    digest: fc.option(digest, { nil: undefined })
  })
  // Without a domain, a first component holding '.' would itself be read as a domain.
  .filter(r => r.domain !== undefined || r.path.length === 1 || !r.path[0].includes('.'))

describe('references', () => {
  test('arbitrary strings: a reference or an invalid-input error, nothing else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), s => onlyOurErrors(() => parseReference(s))),
      { numRuns: RUNS }
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), s =>
        onlyOurErrors(() => parseReference(s))
      ),
      { numRuns: RUNS }
    )
  })

  test('valid references parse, and their fully qualified form parses to the same thing', () => {
    fc.assert(
      fc.property(validReference, r => {
        const text = `${r.domain ? `${r.domain}/` : ''}${r.path.join('/')}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`
        const parsed = parseReference(text)
        if (parsed.kind !== 'registry') return false
        expect(parsed.digest).toBe(r.digest)
        expect(parsed.tag).toBe(r.tag ?? (r.digest ? undefined : 'latest'))
        const again = parseReference(
          parsed.digest ? formatPinned(parsed, parsed.digest) : formatName(parsed)
        )
        expect({ ...again, image: '' }).toEqual({ ...parsed, image: '' })
        return true
      }),
      { numRuns: RUNS }
    )
  })
})

describe('platforms', () => {
  test('arbitrary strings: a platform or an invalid-input error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), s => onlyOurErrors(() => parsePlatform(s))),
      { numRuns: RUNS }
    )
  })

  const platform = fc.record({
    os: fc.constantFrom('linux', 'windows', 'darwin', 'freebsd', 'Linux', 'macos'),
    architecture: fc.constantFrom(
      'amd64',
      'x86_64',
      'arm64',
      'aarch64',
      'arm',
      'armhf',
      'armel',
      'i386',
      'riscv64',
      's390x',
      'ppc64le'
    ),
    variant: fc.option(fc.constantFrom('v5', 'v6', 'v7', 'v8', '8', '7', 'v1', 'v2', 'v3'), {
      nil: undefined
    }),
    osVersion: fc.option(fc.constantFrom('10.0.17763.379', '10.0.20348.1607'), { nil: undefined })
  })

  test('normalising is idempotent, and the formatted key parses back to the same platform', () => {
    fc.assert(
      fc.property(platform, p => {
        const n = normalizePlatform(p)
        expect(normalizePlatform(n)).toEqual(n)
        expect(parsePlatform(formatPlatform(n))).toEqual(n)
        // Exact matching: every platform matches itself, and only what it names.
        expect(platformMatches(n, p)).toBe(true)
        return true
      }),
      { numRuns: RUNS }
    )
  })
})

describe('manifests', () => {
  test('arbitrary bytes: a manifest or a typed error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), bytes =>
        onlyOurErrors(() => {
          parseManifest(bytes)
          manifestDigest(bytes)
        })
      ),
      { numRuns: RUNS }
    )
  })

  test('arbitrary JSON under any content type: a manifest or a typed error', () => {
    const contentType = fc.constantFrom(
      undefined,
      'application/json',
      'application/vnd.oci.image.index.v1+json',
      'application/vnd.docker.distribution.manifest.v2+json',
      'application/vnd.docker.distribution.manifest.v1+prettyjws',
      'text/html'
    )
    const shaped = fc.record(
      {
        schemaVersion: fc.oneof(fc.constant(1), fc.constant(2), fc.anything()),
        mediaType: fc.oneof(fc.string(), fc.constant('application/vnd.oci.image.index.v1+json')),
        manifests: fc.oneof(fc.array(fc.anything(), { maxLength: 3 }), fc.anything()),
        layers: fc.oneof(fc.array(fc.anything(), { maxLength: 3 }), fc.anything()),
        config: fc.anything(),
        fsLayers: fc.oneof(
          fc.array(fc.record({ blobSum: fc.oneof(digest, fc.string()) }), { maxLength: 3 }),
          fc.anything()
        ),
        history: fc.anything(),
        signatures: fc.anything()
      },
      { requiredKeys: [] }
    )
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), shaped), contentType, (value, type) => {
        const body = Buffer.from(JSON.stringify(value) ?? 'null')
        return onlyOurErrors(() => {
          parseManifest(body, type)
          manifestDigest(body)
        })
      }),
      { numRuns: RUNS }
    )
  })

  test('valid indexes round-trip their descriptors, and their digest is the sha256 of the bytes', () => {
    const descriptor = fc.record({
      mediaType: fc.constantFrom(
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.docker.distribution.manifest.v2+json'
      ),
      digest,
      size: fc.nat(),
      platform: fc.record({
        os: fc.constantFrom('linux', 'windows'),
        architecture: fc.constantFrom('amd64', 'arm64', 'arm')
      })
    })
    fc.assert(
      fc.property(fc.array(descriptor, { maxLength: 8 }), manifests => {
        const body = Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: 'application/vnd.oci.image.index.v1+json',
            manifests
          })
        )
        const parsed = parseManifest(body, 'application/vnd.oci.image.index.v1+json')
        if (parsed.kind !== 'index') return false
        expect(parsed.manifests.map(m => [m.mediaType, m.digest, m.size, m.platform])).toEqual(
          manifests.map(m => [m.mediaType, m.digest, m.size, m.platform])
        )
        expect(manifestDigest(body)).toBe(computeDigest(body))
        return true
      }),
      { numRuns: RUNS }
    )
  })
})
