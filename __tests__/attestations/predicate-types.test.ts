import { classifyPredicateType } from '../../src/attestations/predicate-types.js'

describe('classifyPredicateType', () => {
  test.each<[string, string, string]>([
    ['https://slsa.dev/provenance/v0.1', 'provenance', 'SLSA provenance v0.1'],
    ['https://slsa.dev/provenance/v0.2', 'provenance', 'SLSA provenance v0.2'],
    ['https://slsa.dev/provenance/v1', 'provenance', 'SLSA provenance v1'],
    ['https://slsa.dev/provenance/v1?draft', 'provenance', 'SLSA provenance v1'],
    ['https://in-toto.io/Provenance/v0.1', 'provenance', 'in-toto provenance v0.1'],
    ['https://spdx.dev/Document', 'sbom', 'SPDX SBOM'],
    ['https://spdx.dev/Document/v2.3', 'sbom', 'SPDX SBOM v2.3'],
    ['https://spdx.dev/Document/v3', 'sbom', 'SPDX SBOM v3'],
    ['https://cyclonedx.org/bom', 'sbom', 'CycloneDX SBOM'],
    ['https://cyclonedx.org/bom/v1.4', 'sbom', 'CycloneDX SBOM v1.4'],
    ['https://cyclonedx.org/bom/v1.6', 'sbom', 'CycloneDX SBOM v1.6'],
    ['https://openvex.dev/ns', 'vex', 'OpenVEX'],
    ['https://openvex.dev/ns/v0.2.0', 'vex', 'OpenVEX v0.2.0'],
    ['https://sigstore.dev/cosign/sign/v1', 'signature', 'cosign signature v1'],
    ['https://slsa.dev/verification_summary/v1', 'other', 'SLSA verification summary v1'],
    ['https://in-toto.io/attestation/vulns/v0.2', 'other', 'vulnerability scan v0.2'],
    ['https://cosign.sigstore.dev/attestation/vuln/v1', 'other', 'cosign vulnerability scan v1'],
    ['https://in-toto.io/attestation/link/v0.3', 'other', 'in-toto link v0.3'],
    ['https://cosign.sigstore.dev/attestation/v1', 'other', 'cosign custom predicate v1'],
    ['  https://slsa.dev/provenance/v1  ', 'provenance', 'SLSA provenance v1'],
    // Look-alikes must never pass for the real thing.
    ['http://slsa.dev/provenance/v1', 'other', 'http://slsa.dev/provenance/v1'],
    ['https://slsa.dev.example/provenance/v1', 'other', 'https://slsa.dev.example/provenance/v1'],
    ['https://slsa.dev/provenance/v1/x', 'other', 'https://slsa.dev/provenance/v1/x'],
    ['https://slsa.dev/provenance', 'other', 'https://slsa.dev/provenance'],
    ['https://SPDX.dev/Document', 'other', 'https://SPDX.dev/Document'],
    ['https://example.com/my-predicate/v1', 'other', 'https://example.com/my-predicate/v1'],
    ['', 'other', '(empty predicate type)']
  ])('%s → %s', (uri, kind, name) => {
    expect(classifyPredicateType(uri)).toEqual({ kind, name })
  })
})
