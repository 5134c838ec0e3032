import { readFileSync } from 'node:fs'
import { computeDigest } from '../../src/model/digest.js'
import { DigestGateError } from '../../src/model/errors.js'
import {
  type Descriptor,
  type ImageManifest,
  type IndexManifest,
  parseManifest
} from '../../src/model/manifest.js'
import {
  ATTESTATION_REQUIREMENTS,
  type Classification,
  applyPredicate,
  attestationKindsSatisfied,
  attestationManifestsFor,
  classifyArtifactManifest,
  classifyReferrer,
  isAttestationRequirement,
  readAttestationManifest
} from '../../src/attestations/classify.js'
import { AttachedMediaTypes, EMPTY_JSON_DIGEST } from '../../src/attestations/artifact-types.js'
import { type AttachedKind } from '../../src/model/record.js'
import {
  lacksReferrersApi,
  parseFiltersApplied,
  parseNextLink,
  parseReferrers,
  referrersPath,
  referrersTag
} from '../../src/sources/registry/referrers.js'
import {
  STATEMENT_CAP,
  classifyStatementBlob,
  parseInTotoStatement
} from '../../src/attestations/statement.js'

/*
 * Real manifests from __tests__/fixtures/corpus (a byte-exact copy of the shared corpus; its
 * README.md says where each came from and which digest the registry reported for it).
 */
const CORPUS = new URL('../fixtures/corpus/', import.meta.url)
const BK_INDEX = 'ghcr-buildkit-attestation-index.json'
const BK_ATTESTATION = 'ghcr-buildkit-attestation-manifest.json'
const SIGSTORE = 'ghcr-github-attestation-sigstore-bundle-referrer.json'
const NOTATION = 'ghcr-notation-signature-referrer.json'

const corpus = (name: string): Buffer => readFileSync(new URL(name, CORPUS))

const readmeDigests = new Map(
  [
    ...readFileSync(new URL('README.md', CORPUS), 'utf8').matchAll(
      /^- `([^`]+)`: (sha256:[a-f0-9]{64})/gm
    )
  ].map(m => [m[1], m[2]] as const)
)

function image(name: string): ImageManifest {
  const m = parseManifest(corpus(name))
  if (m.kind !== 'image') throw new Error(`${name} is not an image manifest`)
  return m
}

function thrown(fn: () => unknown): DigestGateError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(DigestGateError)
    return e as DigestGateError
  }
  throw new Error('expected an error')
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))
const HEX = (c: string, n = 64): string => c.repeat(n)
const digestOf = (c: string): string => `sha256:${HEX(c)}`

const EMPTY = { mediaType: AttachedMediaTypes.empty, digest: EMPTY_JSON_DIGEST, size: 2 }
const SUBJECT = {
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: digestOf('a'),
  size: 100
}

/** An OCI artifact manifest as image-spec manifest.md "Guidelines for Artifact Usage" shows. */
function artifact(opts: {
  artifactType?: string
  configType?: string
  layers: { mediaType: string; annotations?: Record<string, string> }[]
  annotations?: Record<string, string>
}): ImageManifest {
  const body: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: opts.configType ? { ...EMPTY, mediaType: opts.configType } : EMPTY,
    layers: opts.layers.map((l, i) => ({ ...l, digest: digestOf(String(i + 1)), size: 10 + i })),
    subject: SUBJECT
  }
  if (opts.artifactType) body.artifactType = opts.artifactType
  if (opts.annotations) body.annotations = opts.annotations
  const m = parseManifest(json(body))
  if (m.kind !== 'image') throw new Error('not an image manifest')
  return m
}

/** The descriptor a 1.1 registry lists for a manifest (distribution-spec "Listing Referrers"). */
function referrerOf(m: ImageManifest, digest: string, size: number): Descriptor {
  const d: Descriptor = { mediaType: m.mediaType, digest, size }
  const artifactType = m.artifactType ?? m.config.mediaType
  if (artifactType) d.artifactType = artifactType
  if (m.annotations) d.annotations = m.annotations
  return d
}

/** The parts of a classification the tables compare. */
function brief(c: Classification): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: c.kind, format: c.format }
  if (c.predicateType) out.predicateType = c.predicateType
  if (c.needs) out.needs = c.needs
  return out
}

describe('the corpus', () => {
  test.each([BK_INDEX, BK_ATTESTATION, SIGSTORE, NOTATION])(
    '%s hashes to the digest its README lists',
    name => {
      const listed = readmeDigests.get(name)
      expect(listed).toMatch(/^sha256:[a-f0-9]{64}$/)
      expect(computeDigest(corpus(name))).toBe(listed)
    }
  )

  test('the BuildKit index names its attestation manifest, and only for its one platform', () => {
    const index = parseManifest(corpus(BK_INDEX)) as IndexManifest
    const platform = index.manifests.find(d => d.platform?.os === 'linux')!
    const found = attestationManifestsFor(index, platform.digest)
    expect(found.map(d => d.digest)).toEqual([readmeDigests.get(BK_ATTESTATION)])
    expect(found[0].size).toBe(corpus(BK_ATTESTATION).length)
    expect(attestationManifestsFor(index, digestOf('f'))).toEqual([])
    expect(attestationManifestsFor(index, found[0].digest)).toEqual([])
  })

  test('the BuildKit attestation manifest names SLSA v0.2 provenance in one GET', () => {
    const reading = readAttestationManifest(image(BK_ATTESTATION))
    expect(reading.unlabelled).toEqual([])
    expect(reading.ignored).toEqual([])
    expect(reading.found).toEqual([
      {
        kind: 'provenance',
        format: 'buildkit',
        mediaType: 'application/vnd.in-toto+json',
        predicateType: 'https://slsa.dev/provenance/v0.2',
        name: 'SLSA provenance v0.2 (BuildKit)',
        signed: false
      }
    ])
    expect(attestationKindsSatisfied(['provenance', 'sbom'], reading.found)).toEqual(['sbom'])
  })

  test("GitHub's attestation bundle is signed SLSA v1 provenance, from manifest or listing", () => {
    const m = image(SIGSTORE)
    const expected = {
      kind: 'provenance',
      format: 'sigstore-bundle',
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      predicateType: 'https://slsa.dev/provenance/v1',
      name: 'SLSA provenance v1 (sigstore bundle)',
      signed: true
    }
    expect(classifyArtifactManifest(m)).toEqual([expected])
    const listed = referrerOf(m, readmeDigests.get(SIGSTORE)!, corpus(SIGSTORE).length)
    expect(classifyReferrer(listed)).toEqual(expected)
  })

  test('the notation signature is told by its config media type (no artifactType)', () => {
    const m = image(NOTATION)
    expect(m.artifactType).toBeUndefined()
    expect(m.subject?.digest).toBe(readmeDigests.get(BK_INDEX))
    const expected = {
      kind: 'signature',
      format: 'notation',
      mediaType: 'application/vnd.cncf.notary.signature',
      name: 'notation signature',
      signed: true
    }
    expect(classifyArtifactManifest(m)).toEqual([expected])
    // A 1.1 registry lists it with artifactType set from config.mediaType.
    expect(classifyReferrer(referrerOf(m, readmeDigests.get(NOTATION)!, 1))).toEqual(expected)
  })
})

describe('classifyReferrer (a listing entry alone)', () => {
  const at = (artifactType?: string, annotations?: Record<string, string>): Descriptor => {
    const d: Descriptor = { ...SUBJECT, digest: digestOf('b') }
    if (artifactType !== undefined) d.artifactType = artifactType
    if (annotations) d.annotations = annotations
    return d
  }
  test.each<[string, Descriptor, Record<string, unknown>]>([
    [
      'cosign signature (OCI 1.1 mode)',
      at('application/vnd.dev.cosign.artifact.sig.v1+json'),
      { kind: 'signature', format: 'cosign' }
    ],
    [
      'notation signature',
      at('application/vnd.cncf.notary.signature'),
      { kind: 'signature', format: 'notation' }
    ],
    [
      'sigstore bundle, message signature',
      at('application/vnd.dev.sigstore.bundle.v0.3+json', {
        'dev.sigstore.bundle.content': 'message-signature'
      }),
      { kind: 'signature', format: 'sigstore-bundle' }
    ],
    [
      'sigstore bundle, cosign v3 signing statement',
      at('application/vnd.dev.sigstore.bundle.v0.3+json', {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1'
      }),
      {
        kind: 'signature',
        format: 'sigstore-bundle',
        predicateType: 'https://sigstore.dev/cosign/sign/v1'
      }
    ],
    [
      'sigstore bundle (parameter spelling), SPDX',
      at('application/vnd.dev.sigstore.bundle+json;version=0.2', {
        'dev.sigstore.bundle.predicateType': 'https://spdx.dev/Document/v2.3'
      }),
      {
        kind: 'sbom',
        format: 'sigstore-bundle',
        predicateType: 'https://spdx.dev/Document/v2.3'
      }
    ],
    [
      'sigstore bundle without annotations',
      at('application/vnd.dev.sigstore.bundle.v0.3+json'),
      { kind: 'attestation', format: 'sigstore-bundle', needs: 'manifest' }
    ],
    [
      'in-toto referrer (cosign attest, OCI 1.1 mode)',
      at('application/vnd.in-toto+json', { 'org.opencontainers.image.created': 'x' }),
      { kind: 'attestation', format: 'in-toto', needs: 'manifest' }
    ],
    [
      'in-toto referrer with a predicate annotation',
      at('application/vnd.in-toto+json', { 'in-toto.io/predicate-type': 'https://openvex.dev/ns' }),
      { kind: 'vex', format: 'in-toto', predicateType: 'https://openvex.dev/ns' }
    ],
    [
      'BuildKit attestation manifest (oci-artifact=true)',
      at('application/vnd.docker.attestation.manifest.v1+json'),
      { kind: 'attestation', format: 'buildkit', needs: 'manifest' }
    ],
    [
      'cosign attach sbom',
      at('application/vnd.dev.cosign.artifact.sbom.v1+json'),
      { kind: 'sbom', format: 'cosign' }
    ],
    ['SPDX JSON', at('application/spdx+json'), { kind: 'sbom', format: 'spdx' }],
    ['SPDX tag-value', at('text/spdx'), { kind: 'sbom', format: 'spdx' }],
    [
      'CycloneDX with a version parameter',
      at('application/vnd.cyclonedx+json; version=1.5'),
      { kind: 'sbom', format: 'cyclonedx' }
    ],
    ['CycloneDX XML', at('application/vnd.cyclonedx+xml'), { kind: 'sbom', format: 'cyclonedx' }],
    ['Syft', at('application/vnd.syft+json'), { kind: 'sbom', format: 'syft' }],
    [
      'Harbor SBOM',
      at('application/vnd.goharbor.harbor.sbom.v1'),
      { kind: 'sbom', format: 'harbor' }
    ],
    ['OpenVEX document', at('application/vnd.openvex+json'), { kind: 'vex', format: 'openvex' }],
    [
      'unknown artifactType',
      at('application/vnd.example.thing.v1'),
      { kind: 'other', format: 'unknown' }
    ],
    [
      'artifactType from a plain image config',
      at('application/vnd.oci.image.config.v1+json'),
      { kind: 'other', format: 'unknown', needs: 'manifest' }
    ],
    [
      'an index without artifactType',
      { mediaType: 'application/vnd.oci.image.index.v1+json', digest: digestOf('c'), size: 5 },
      { kind: 'other', format: 'unknown', needs: 'manifest' }
    ]
  ])('%s', (_, d, expected) => {
    expect(brief(classifyReferrer(d))).toEqual(expected)
  })

  test('an unknown artifactType keeps its name, so a report can show it', () => {
    expect(classifyReferrer(at('application/vnd.example.thing.v1')).name).toBe(
      'application/vnd.example.thing.v1'
    )
  })
})

describe('classifyArtifactManifest', () => {
  const dsse = AttachedMediaTypes.dsse
  test.each<[string, ImageManifest, Record<string, unknown>[]]>([
    [
      'cosign signature: config media type, simple signing layer',
      artifact({
        configType: AttachedMediaTypes.cosignSignature,
        layers: [{ mediaType: AttachedMediaTypes.cosignSimpleSigning }]
      }),
      [{ kind: 'signature', format: 'cosign' }]
    ],
    [
      'cosign attestations referrer: one DSSE layer per attestation',
      artifact({
        artifactType: AttachedMediaTypes.inToto,
        layers: [
          { mediaType: dsse, annotations: { predicateType: 'https://slsa.dev/provenance/v0.2' } },
          { mediaType: dsse, annotations: { predicateType: 'https://spdx.dev/Document' } }
        ]
      }),
      [
        { kind: 'provenance', format: 'dsse', predicateType: 'https://slsa.dev/provenance/v0.2' },
        { kind: 'sbom', format: 'dsse', predicateType: 'https://spdx.dev/Document' }
      ]
    ],
    [
      'BuildKit attestation manifest, OCI artifact form',
      artifact({
        artifactType: AttachedMediaTypes.buildkitAttestation,
        layers: [
          {
            mediaType: AttachedMediaTypes.inToto,
            annotations: { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' }
          },
          {
            mediaType: AttachedMediaTypes.inToto,
            annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v1' }
          },
          { mediaType: 'application/vnd.example.log' }
        ]
      }),
      [
        { kind: 'sbom', format: 'buildkit', predicateType: 'https://spdx.dev/Document' },
        { kind: 'provenance', format: 'buildkit', predicateType: 'https://slsa.dev/provenance/v1' }
      ]
    ],
    [
      'sigstore bundle without annotations: the bundle blob must be read',
      artifact({
        artifactType: AttachedMediaTypes.sigstoreBundleV03,
        layers: [{ mediaType: AttachedMediaTypes.sigstoreBundleV03 }]
      }),
      [{ kind: 'attestation', format: 'sigstore-bundle', needs: 'blob' }]
    ],
    [
      'no artifactType, plain config, an SPDX layer',
      artifact({
        configType: 'application/vnd.oci.image.config.v1+json',
        layers: [{ mediaType: 'application/spdx+json' }]
      }),
      [{ kind: 'sbom', format: 'spdx' }]
    ],
    [
      'unknown artifactType, even with an SPDX layer',
      artifact({
        artifactType: 'application/vnd.example.report',
        layers: [{ mediaType: 'application/spdx+json' }]
      }),
      [{ kind: 'other', format: 'unknown' }]
    ],
    [
      'in-toto artifact with no statement layers',
      artifact({
        artifactType: AttachedMediaTypes.inToto,
        layers: [{ mediaType: AttachedMediaTypes.empty }]
      }),
      [{ kind: 'attestation', format: 'in-toto' }]
    ],
    [
      'nothing telling at all',
      artifact({ layers: [{ mediaType: 'application/octet-stream' }] }),
      [{ kind: 'other', format: 'unknown' }]
    ]
  ])('%s', (_, m, expected) => {
    expect(classifyArtifactManifest(m).map(brief)).toEqual(expected)
  })

  test('an index artifact is classified by its artifactType alone', () => {
    const index = parseManifest(
      json({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        artifactType: 'application/spdx+json',
        manifests: [],
        subject: SUBJECT
      })
    )
    if (index.kind !== 'index') throw new Error('not an index')
    expect(classifyArtifactManifest(index).map(brief)).toEqual([{ kind: 'sbom', format: 'spdx' }])
    delete index.artifactType
    expect(classifyArtifactManifest(index).map(brief)).toEqual([
      { kind: 'other', format: 'unknown' }
    ])
  })
})

describe('readAttestationManifest', () => {
  test('a layer without the predicate annotation is left for its blob; unknown layers ignored', () => {
    const m = artifact({
      configType: 'application/vnd.oci.image.config.v1+json',
      layers: [
        {
          mediaType: AttachedMediaTypes.inToto,
          annotations: { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' }
        },
        { mediaType: AttachedMediaTypes.inToto },
        { mediaType: 'application/vnd.example.unknown' }
      ]
    })
    const reading = readAttestationManifest(m)
    expect(reading.found.map(brief)).toEqual([
      { kind: 'sbom', format: 'buildkit', predicateType: 'https://spdx.dev/Document' }
    ])
    expect(reading.unlabelled.map(brief)).toEqual([
      { kind: 'attestation', format: 'buildkit', needs: 'blob' }
    ])
    expect(reading.unlabelled[0].layer).toEqual(m.layers[1])
    expect(reading.ignored).toEqual([m.layers[2]])
  })
})

describe('parseInTotoStatement', () => {
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'pkg:docker/x', digest: { sha256: HEX('A') } }],
    predicateType: 'https://spdx.dev/Document',
    predicate: { spdxVersion: 'SPDX-2.3' }
  }
  const where = 'attestation layer L of img'
  const dsse = (
    s: unknown,
    payloadType = 'application/vnd.in-toto+json'
  ): Record<string, unknown> => ({
    payloadType,
    payload: json(s).toString('base64'),
    signatures: [{ keyid: '', sig: 'c2ln' }]
  })

  test.each<[string, Buffer, string]>([
    ['a bare statement', json(statement), 'none'],
    ['a DSSE envelope', json(dsse(statement)), 'dsse'],
    [
      'a sigstore bundle with a DSSE envelope',
      json({
        mediaType: AttachedMediaTypes.sigstoreBundleV03,
        verificationMaterial: {},
        dsseEnvelope: dsse(statement)
      }),
      'sigstore-bundle'
    ],
    [
      'an in-toto v0.1 statement',
      json({ ...statement, _type: 'https://in-toto.io/Statement/v0.1' }),
      'none'
    ]
  ])('%s', (_, body, envelope) => {
    const s = parseInTotoStatement(body, { where })
    expect(s.predicateType).toBe('https://spdx.dev/Document')
    expect(s.subjectDigests).toEqual([`sha256:${HEX('a')}`])
    expect(s.envelope).toBe(envelope)
  })

  test.each<[string, Buffer, RegExp]>([
    ['not JSON', Buffer.from('{"_type":'), /attestation is not valid JSON/],
    ['a JSON array', json([statement]), /attestation is not a JSON object/],
    [
      'no _type',
      json({ ...statement, _type: undefined }),
      /_type is null, expected https:\/\/in-toto/
    ],
    [
      'another _type',
      json({ ...statement, _type: 'https://example.com/Statement/v1' }),
      /not an in-toto statement/
    ],
    ['no predicateType', json({ ...statement, predicateType: '' }), /has no predicateType/],
    ['no subject', json({ ...statement, subject: {} }), /has no subject array/],
    [
      'a DSSE envelope of another payload type',
      json(dsse(statement, 'application/vnd.example')),
      /payloadType is "application\/vnd.example", expected 'application\/vnd.in-toto\+json'/
    ],
    [
      'a DSSE payload that is not base64',
      json({ payloadType: 'application/vnd.in-toto+json', payload: '%%%' }),
      /DSSE payload is not a base64 string/
    ],
    [
      'a DSSE payload that is not JSON',
      json({ payloadType: 'application/vnd.in-toto+json', payload: 'bm90IGpzb24=' }),
      /DSSE payload is not valid JSON/
    ],
    [
      'a bundle holding a message signature',
      json({ mediaType: AttachedMediaTypes.sigstoreBundleV03, messageSignature: {} }),
      /message signature, not an in-toto statement/
    ]
  ])('%s is a clear invalid-manifest error naming the blob', (_, body, message) => {
    const e = thrown(() => parseInTotoStatement(body, { where }))
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message.startsWith(`${where}: `)).toBe(true)
    expect(e.message).toMatch(message)
  })

  test('the size cap is checked before parsing', () => {
    const body = json(statement)
    const e = thrown(() => parseInTotoStatement(body, { where, cap: body.length - 1 }))
    expect(e.kind).toBe('unsupported')
    expect(e.message).toBe(
      `${where}: ${body.length} bytes is more than the ${body.length - 1} digest-gate reads for a predicate type`
    )
    expect(() => parseInTotoStatement(body, { where, cap: body.length })).not.toThrow()
    // Without a cap, STATEMENT_CAP applies; the bytes are never parsed.
    const huge = Buffer.alloc(STATEMENT_CAP + 1, 0x20)
    expect(thrown(() => parseInTotoStatement(huge, { where })).kind).toBe('unsupported')
  })

  test('the content must match the layer digest when one is given', () => {
    const body = json(statement)
    expect(() => parseInTotoStatement(body, { where, digest: computeDigest(body) })).not.toThrow()
    const e = thrown(() => parseInTotoStatement(body, { where, digest: digestOf('0') }))
    expect(e.kind).toBe('integrity')
    expect(e.message).toContain(`expected ${digestOf('0')}, got ${computeDigest(body)}`)
  })
})

describe('classifyStatementBlob', () => {
  const where = 'blob'
  const pendingFor = (mediaType: string, body: Buffer): Classification => {
    const m = artifact({
      configType: 'application/vnd.oci.image.config.v1+json',
      layers: [{ mediaType }]
    })
    const reading = readAttestationManifest(m)
    const pending = reading.unlabelled[0]
    return {
      ...pending,
      layer: { ...pending.layer!, digest: computeDigest(body), size: body.length }
    }
  }

  test('an unlabelled BuildKit layer becomes what its statement says', () => {
    const body = json({
      _type: 'https://in-toto.io/Statement/v0.1',
      subject: [],
      predicateType: 'https://cyclonedx.org/bom'
    })
    const done = classifyStatementBlob(body, pendingFor(AttachedMediaTypes.inToto, body), { where })
    expect(done).toEqual({
      kind: 'sbom',
      format: 'buildkit',
      mediaType: AttachedMediaTypes.inToto,
      predicateType: 'https://cyclonedx.org/bom',
      name: 'CycloneDX SBOM (BuildKit)',
      signed: false
    })
  })

  test('a sigstore bundle with a message signature is a signature', () => {
    const body = json({ mediaType: AttachedMediaTypes.sigstoreBundleV03, messageSignature: {} })
    const pending = pendingFor(AttachedMediaTypes.sigstoreBundleV03, body)
    expect(brief(classifyStatementBlob(body, pending, { where }))).toEqual({
      kind: 'signature',
      format: 'buildkit'
    })
  })

  test("the pending layer's digest is checked", () => {
    const body = json({ _type: 'https://in-toto.io/Statement/v1', subject: [], predicateType: 'x' })
    const pending = pendingFor(AttachedMediaTypes.inToto, Buffer.from('other bytes'))
    expect(thrown(() => classifyStatementBlob(body, pending, { where })).kind).toBe('integrity')
  })

  test('applyPredicate drops what was pending', () => {
    const pending = classifyReferrer({
      ...SUBJECT,
      artifactType: AttachedMediaTypes.inToto
    })
    expect(pending.needs).toBe('manifest')
    const done = applyPredicate(pending, 'https://slsa.dev/provenance/v1')
    expect(done).toEqual({
      kind: 'provenance',
      format: 'in-toto',
      mediaType: AttachedMediaTypes.inToto,
      predicateType: 'https://slsa.dev/provenance/v1',
      name: 'SLSA provenance v1',
      signed: false
    })
  })
})

describe('parseReferrers', () => {
  const where = 'referrers of r/app@sha256:aaa'
  const entry = (c: string, artifactType?: string, extra: Record<string, unknown> = {}) => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: digestOf(c),
    size: 500,
    ...(artifactType ? { artifactType } : {}),
    ...extra
  })
  const index = (manifests: unknown[]): Buffer =>
    json({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests })
  const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

  test('the answer shape of spec.md "Listing Referrers" is read and classified', () => {
    const body = index([
      entry('1', 'application/spdx+json', { annotations: { 'org.example.sbom.format': 'json' } }),
      entry('2', 'application/vnd.cncf.notary.signature'),
      entry('3', 'application/vnd.example.signature.v1'),
      { mediaType: 'application/vnd.oci.image.index.v1+json', digest: digestOf('4'), size: 9 }
    ])
    const list = parseReferrers(body, { where, contentType: OCI_INDEX })
    expect(list.notes).toEqual([])
    expect(list.referrers.map(d => [d.digest, classifyReferrer(d).kind])).toEqual([
      [digestOf('1'), 'sbom'],
      [digestOf('2'), 'signature'],
      [digestOf('3'), 'other'],
      [digestOf('4'), 'other']
    ])
    expect(list.referrers[0].annotations).toEqual({ 'org.example.sbom.format': 'json' })
  })

  test('an empty list is no referrers, not an error', () => {
    expect(parseReferrers(index([]), { where, contentType: OCI_INDEX })).toEqual({
      referrers: [],
      notes: []
    })
  })

  test('one malformed entry is skipped with a note; the others stay; duplicates count once', () => {
    const body = index([
      entry('1', 'application/spdx+json'),
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:short', size: 1 },
      entry('1', 'application/spdx+json'),
      'not a descriptor',
      entry('2', 'application/vnd.dev.cosign.artifact.sig.v1+json')
    ])
    const list = parseReferrers(body, { where, contentType: `${OCI_INDEX}; charset=utf-8` })
    expect(list.referrers.map(d => classifyReferrer(d).kind)).toEqual(['sbom', 'signature'])
    expect(list.notes).toEqual([
      `${where}: skipped manifests[1].digest is invalid: digest 'sha256:short' must have 64 lowercase hex digits after 'sha256:'`,
      `${where}: ${digestOf('1')} is listed more than once; counted once`,
      `${where}: skipped manifests[3] is not an object`
    ])
  })

  test('a filter the registry did not apply is applied here, with a note', () => {
    const body = index([entry('1', 'application/spdx+json'), entry('2', 'application/vnd.x')])
    const unfiltered = parseReferrers(body, {
      where,
      contentType: OCI_INDEX,
      artifactType: 'application/spdx+json'
    })
    expect(unfiltered.referrers.map(d => d.digest)).toEqual([digestOf('1')])
    expect(unfiltered.notes).toEqual([
      `${where}: the registry did not apply the artifactType filter; applied here`
    ])
    // With OCI-Filters-Applied the registry's answer is taken as it is.
    const applied = parseReferrers(body, {
      where,
      contentType: OCI_INDEX,
      artifactType: 'application/spdx+json',
      filtersApplied: 'artifactType'
    })
    expect(applied.referrers).toHaveLength(2)
    expect(applied.notes).toEqual([])
  })

  test.each<[string, Buffer, string | null, RegExp]>([
    [
      'served as an image manifest',
      index([]),
      'application/vnd.oci.image.manifest.v1+json',
      /served as 'application\/vnd.oci.image.manifest.v1\+json', expected an image index/
    ],
    [
      'a Docker manifest list body',
      json({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
        manifests: []
      }),
      null,
      /mediaType is "application\/vnd.docker.distribution.manifest.list.v2\+json"/
    ],
    ['plain text 404 page', Buffer.from('404 page not found\n'), 'text/plain', /not valid JSON/],
    ['a JSON array', json([]), 'application/json', /answer is not a JSON object/],
    ['no schemaVersion', json({ manifests: [] }), OCI_INDEX, /schemaVersion must be 2, got null/],
    ['no manifests', json({ schemaVersion: 2 }), OCI_INDEX, /has no manifests array/]
  ])('%s is an invalid-manifest error naming the answer', (_, body, contentType, message) => {
    const e = thrown(() => parseReferrers(body, { where, contentType }))
    expect(e.kind).toBe('invalid-manifest')
    expect(e.message.startsWith(`${where}: `)).toBe(true)
    expect(e.message).toMatch(message)
  })
})

describe('referrersTag and referrersPath', () => {
  test.each<[string, string]>([
    [`sha256:${HEX('a')}`, `sha256-${HEX('a')}`],
    [
      'sha256:0e026e48c72f503a89f1299d8d6a768f1e516740017b8dd29d290c234ec889b4',
      'sha256-0e026e48c72f503a89f1299d8d6a768f1e516740017b8dd29d290c234ec889b4'
    ],
    // spec.md "Referrers Tag Schema": the encoded part is truncated to 64 characters.
    [`sha512:${HEX('b', 64)}${HEX('c', 64)}`, `sha512-${HEX('b', 64)}`]
  ])('%s → %s', (digest, tag) => {
    expect(referrersTag(digest)).toBe(tag)
    expect(tag).toMatch(/^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/)
  })

  test.each<[string, RegExp]>([
    [`sha256:${HEX('A')}`, /must use lowercase hex/],
    ['sha256:abc', /must have 64 lowercase hex digits/],
    [`sha512:${HEX('a')}`, /must have 128 lowercase hex digits/],
    [`md5:${HEX('a', 32)}`, /algorithm 'md5' is not supported/],
    ['latest', /must be algorithm:hex/],
    ['', /must be algorithm:hex/]
  ])('%s is refused: %s', (digest, message) => {
    const e = thrown(() => referrersTag(digest))
    expect(e.kind).toBe('invalid-input')
    expect(e.message).toMatch(/^referrers tag: /)
    expect(e.message).toMatch(message)
    expect(thrown(() => referrersPath('r/app', digest)).kind).toBe('invalid-input')
  })

  test('paths, with the artifactType filter encoded', () => {
    expect(referrersPath('r/app', digestOf('a'))).toBe(`/v2/r/app/referrers/${digestOf('a')}`)
    expect(referrersPath('r/app', digestOf('a'), 'application/vnd.cyclonedx+json')).toBe(
      `/v2/r/app/referrers/${digestOf('a')}?artifactType=application%2Fvnd.cyclonedx%2Bjson`
    )
  })
})

describe('headers', () => {
  test.each<[string | undefined, string | null]>([
    [undefined, null],
    ['', null],
    ['</v2/r/referrers/sha256:a?n=2&last=x>; rel="next"', '/v2/r/referrers/sha256:a?n=2&last=x'],
    ['<https://r.example/v2/x?page=2>; rel=next', 'https://r.example/v2/x?page=2'],
    ['<a>; rel="prev", <b>; rel="next"', 'b'],
    ['<a>; title="x"; REL="Next"', 'a'],
    ['<a>; rel="prev"', null],
    ['<a>; rel="next-page"', null]
  ])('Link %j → %j', (header, next) => {
    expect(parseNextLink(header)).toBe(next)
  })

  test.each<[string | null | undefined, string[]]>([
    [undefined, []],
    [null, []],
    ['artifactType', ['artifactType']],
    [' artifactType , annotation ', ['artifactType', 'annotation']]
  ])('OCI-Filters-Applied %j → %j', (header, names) => {
    expect(parseFiltersApplied(header)).toEqual(names)
  })

  test.each<[number, boolean]>([
    [404, true],
    [200, false],
    [400, false],
    [401, false],
    [403, false],
    [500, false]
  ])('referrers status %d means no API: %s', (status, missing) => {
    expect(lacksReferrersApi(status)).toBe(missing)
  })
})

describe('attestationKindsSatisfied', () => {
  const of = (...kinds: AttachedKind[]): Classification[] =>
    kinds.map(kind => ({ kind, format: 'unknown', mediaType: 'x', name: 'x', signed: false }))

  test.each<[string[], Classification[], string[]]>([
    [[], of(), []],
    [['provenance', 'sbom'], of(), ['provenance', 'sbom']],
    [['provenance', 'sbom'], of('provenance', 'sbom'), []],
    [['provenance', 'sbom'], of('sbom'), ['provenance']],
    [['signature'], of('signature'), []],
    [['signature'], of('provenance', 'sbom', 'vex'), ['signature']],
    [['vex'], of('vex'), []],
    // An attestation whose predicate is still unknown satisfies nothing.
    [['provenance', 'sbom'], of('attestation', 'other'), ['provenance', 'sbom']],
    [['sbom', 'sbom', 'provenance'], of(), ['sbom', 'provenance']],
    // Unknown names are the policy parser's to refuse; here they are never met.
    [['provenance', 'toString', 'constructor'], of('provenance'), ['toString', 'constructor']]
  ])('%j with %j attached → missing %j', (required, attached, missing) => {
    expect(attestationKindsSatisfied(required, attached)).toEqual(missing)
  })

  test('BuildKit attestations and referrers count alike', () => {
    const buildkit = readAttestationManifest(image(BK_ATTESTATION)).found
    const referrer = classifyArtifactManifest(image(SIGSTORE))
    const notation = classifyArtifactManifest(image(NOTATION))
    expect(attestationKindsSatisfied(['provenance', 'signature'], buildkit)).toEqual(['signature'])
    expect(attestationKindsSatisfied(['provenance', 'signature'], referrer)).toEqual(['signature'])
    expect(
      attestationKindsSatisfied(['provenance', 'signature'], [...buildkit, ...notation])
    ).toEqual([])
  })

  test('the known names', () => {
    expect(ATTESTATION_REQUIREMENTS).toEqual(['provenance', 'sbom', 'signature', 'vex'])
    expect(ATTESTATION_REQUIREMENTS.every(isAttestationRequirement)).toBe(true)
    expect(
      ['attestation', 'other', 'Provenance', '', 'toString'].some(isAttestationRequirement)
    ).toBe(false)
  })
})
