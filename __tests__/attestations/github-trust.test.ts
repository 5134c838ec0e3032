import { createHash } from 'node:crypto'
import { Metadata } from '@tufjs/models'
import {
  GITHUB_ISSUER_ORG,
  GITHUB_TUF_MIRROR,
  GITHUB_TUF_ROOT
} from '../../src/attestations/github-trust.js'

const root = () => JSON.parse(GITHUB_TUF_ROOT) as Parameters<typeof Metadata.fromJSON>[1]

test('the embedded root is the GitHub CLI file, byte for byte', () => {
  expect(createHash('sha256').update(GITHUB_TUF_ROOT).digest('hex')).toBe(
    '98cba97be9075bc98b2322de3de85fbd1b70ec7392991dfd2f53d215bede1a8d'
  )
  expect(GITHUB_TUF_MIRROR).toBe('https://tuf-repo.github.com')
  expect(GITHUB_ISSUER_ORG).toBe('GitHub, Inc.')
})

test('it is a TUF root signed by a threshold of its own root keys', () => {
  const metadata = Metadata.fromJSON('root' as never, root())
  expect(metadata.signed.version).toBe(3)
  expect(() => metadata.verifyDelegate('root', metadata)).not.toThrow()
})

test('a changed byte of what it signs no longer verifies', () => {
  const trusted = Metadata.fromJSON('root' as never, root())
  const changed = root() as { signed: { expires: string } }
  changed.signed.expires = '2099-01-01T00:00:00Z'
  expect(() =>
    trusted.verifyDelegate('root', Metadata.fromJSON('root' as never, changed as never))
  ).toThrow('root was signed by 0/3 keys')
})
