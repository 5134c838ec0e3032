import fc from 'fast-check'
import type { PlatformRecord, VerifiedSignature } from '../../src/model/record.js'
import { verifiedLines } from '../../src/render/verified-section.js'
import { liveThings, readMarkdown } from '../helpers/github-markdown.js'

const platform = (verified?: VerifiedSignature[]): PlatformRecord => ({
  platform: 'linux/amd64',
  digest: `sha256:${'a'.repeat(64)}`,
  mediaType: null,
  layers: 1,
  size: 1,
  ...(verified ? { verified } : {})
})

const signature = (over: Partial<VerifiedSignature> = {}): VerifiedSignature => ({
  digest: `sha256:${'b'.repeat(64)}`,
  subject: 'platform',
  root: 'trusted-root root.json',
  identity: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1',
  issuer: 'https://token.actions.githubusercontent.com',
  logIndex: '42',
  predicateType: 'https://slsa.dev/provenance/v1',
  ...over
})

test('what verified each platform: predicate, signer, proof and root; none read, no table', () => {
  expect(verifiedLines([platform()])).toEqual([])
  const lines = verifiedLines([
    platform([signature()]),
    { ...platform([]), platform: 'linux/arm64' }
  ])
  const text = lines.map(l => readMarkdown(l).visible)
  expect(text).toEqual([
    '| Platform | Verified |',
    '| --- | --- |',
    '| linux/amd64 | https://slsa.dev/provenance/v1 by https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1 (issuer https://token.actions.githubusercontent.com), log index 42, root trusted-root root.json |',
    '| linux/arm64 | nothing verified |',
    ''
  ])
  const keyed = verifiedLines([
    platform([
      signature({
        identity: undefined,
        issuer: undefined,
        logIndex: undefined,
        timestamp: '2026-01-02T03:04:05.000Z',
        root: 'key cosign.pub',
        subject: 'index'
      })
    ])
  ])
  expect(readMarkdown(keyed[2]).visible).toBe(
    '| linux/amd64 | https://slsa.dev/provenance/v1 of the index by key cosign.pub, timestamp 2026-01-02T03:04:05.000Z, root key cosign.pub |'
  )
})

test('whatever a bundle names, nothing in the table is live', () => {
  fc.assert(
    fc.property(fc.string(), text => {
      const lines = verifiedLines([
        platform([signature({ identity: text, predicateType: text, issuer: text })])
      ])
      expect(liveThings(readMarkdown(lines.join('\n')).live)).toEqual([])
    })
  )
})
