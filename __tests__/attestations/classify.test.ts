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
import { AttachedMediaTypes } from '../../src/attestations/artifact-types.js'
import { type AttachedKind } from '../../src/model/record.js'
import { SUBJECT, artifact, brief } from '../helpers/attestation-fixtures.js'
import { digestOf, json } from '../helpers/crafted.js'
import {
  BK_ATTESTATION,
  BK_INDEX,
  NOTATION,
  SIGSTORE,
  corpus,
  readmeDigests
} from '../helpers/corpus.js'

/*
 * Real manifests from __tests__/fixtures/corpus (helpers/corpus.ts). That each hashes to the
 * digest its README lists is checked in model/digest.test.ts. Reading in-toto statements is
 * tested in statement.test.ts, and reading referrers listings in
 * sources/registry/referrers.test.ts.
 */

function image(name: string): ImageManifest {
  const m = parseManifest(corpus(name))
  if (m.kind !== 'image') throw new Error(`${name} is not an image manifest`)
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

describe('the corpus', () => {
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

describe('applyPredicate', () => {
  test('drops what was pending', () => {
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
