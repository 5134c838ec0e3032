import {
  AttachedMediaTypes,
  EMPTY_JSON_DIGEST,
  GENERIC_CONFIG_TYPES,
  IN_TOTO_LAYER_TYPES,
  isSigstoreBundleType,
  ruleFor
} from '../../src/attestations/artifact-types.js'
import { computeDigest } from '../../src/model/digest.js'
import { MediaTypes } from '../../src/model/manifest.js'

describe('the artifact-type table', () => {
  test('EMPTY_JSON_DIGEST is the sha256 of `{}`', () => {
    expect(computeDigest(Buffer.from('{}'))).toBe(EMPTY_JSON_DIGEST)
  })

  test.each([
    [AttachedMediaTypes.cosignSignature, 'signature', 'cosign', 'cosign signature', true],
    [AttachedMediaTypes.cosignSimpleSigning, 'signature', 'cosign', 'cosign signature', true],
    [AttachedMediaTypes.notation, 'signature', 'notation', 'notation signature', true],
    [AttachedMediaTypes.cosignSbom, 'sbom', 'cosign', 'SBOM (cosign attach)', false],
    ['application/spdx+json', 'sbom', 'spdx', 'SPDX SBOM', false],
    ['text/spdx', 'sbom', 'spdx', 'SPDX SBOM (tag-value)', false],
    ['text/spdx+json', 'sbom', 'spdx', 'SPDX SBOM', false],
    ['application/vnd.cyclonedx+json', 'sbom', 'cyclonedx', 'CycloneDX SBOM', false],
    ['application/vnd.cyclonedx+xml', 'sbom', 'cyclonedx', 'CycloneDX SBOM', false],
    ['application/vnd.syft+json', 'sbom', 'syft', 'Syft SBOM', false],
    ['application/vnd.goharbor.harbor.sbom.v1', 'sbom', 'harbor', 'Harbor SBOM', false],
    ['application/vnd.openvex+json', 'vex', 'openvex', 'OpenVEX', false],
    [
      AttachedMediaTypes.sigstoreBundleV03,
      'attestation',
      'sigstore-bundle',
      'sigstore bundle',
      true
    ],
    [AttachedMediaTypes.inToto, 'attestation', 'in-toto', 'in-toto attestation', false],
    [AttachedMediaTypes.dsse, 'attestation', 'dsse', 'DSSE attestation', true],
    [
      AttachedMediaTypes.buildkitAttestation,
      'attestation',
      'buildkit',
      'BuildKit attestation manifest',
      false
    ]
  ])('%s is %s/%s (%s), signed %s', (type, kind, format, name, signed) => {
    expect(ruleFor(type)).toEqual({ kind, format, name, signed })
  })

  test('parameters are ignored and the type is read case-insensitively', () => {
    expect(ruleFor('application/vnd.dev.sigstore.bundle+json;version=0.2')?.format).toBe(
      'sigstore-bundle'
    )
    expect(ruleFor('Application/SPDX+JSON; charset=utf-8')?.format).toBe('spdx')
    expect(ruleFor(`${AttachedMediaTypes.notation} ; x=y`)?.kind).toBe('signature')
  })

  test('types it lacks, image configs and the empty type say nothing', () => {
    for (const t of [
      'application/octet-stream',
      'application/json',
      MediaTypes.ociConfig,
      MediaTypes.ociManifest,
      AttachedMediaTypes.empty,
      'application/spdx',
      ''
    ]) {
      expect({ t, rule: ruleFor(t) }).toEqual({ t, rule: undefined })
    }
  })
})

describe('isSigstoreBundleType', () => {
  test.each([
    ['application/vnd.dev.sigstore.bundle+json', true],
    ['application/vnd.dev.sigstore.bundle.v0.3+json', true],
    ['application/vnd.dev.sigstore.bundle.v0.1+json', true],
    ['application/vnd.dev.sigstore.bundle.v12.40+json', true],
    ['application/vnd.dev.sigstore.bundle.v0+json', false],
    ['application/vnd.dev.sigstore.bundle.vx.y+json', false],
    ['application/vnd.dev.sigstore.bundle.v0.3+json.evil', false],
    ['xapplication/vnd.dev.sigstore.bundle.v0.3+json', false],
    ['application/vnd.dev.sigstore.bundleXv0.3+json', false]
  ])('%s: %s', (type, expected) => {
    expect(isSigstoreBundleType(type)).toBe(expected)
  })
})

describe('the type sets', () => {
  test('generic configs are the empty descriptor and the two image configs', () => {
    expect([...GENERIC_CONFIG_TYPES].sort()).toEqual(
      [AttachedMediaTypes.empty, MediaTypes.ociConfig, MediaTypes.dockerConfig].sort()
    )
  })

  test('in-toto layers are in-toto statements and DSSE envelopes', () => {
    expect([...IN_TOTO_LAYER_TYPES].sort()).toEqual(
      ['application/vnd.dsse.envelope.v1+json', 'application/vnd.in-toto+json'].sort()
    )
  })
})
