import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parsePolicy } from '../../src/policy/file.js'
import { loadSignatureTrust } from '../../src/policy/signature-trust.js'
import { startLocalSigstore } from '../helpers/local-sigstore.js'

const KEYLESS =
  "default:\n  signed-by: {issuer: 'https://token.actions.githubusercontent.com', identity: 'x'}\n"

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dg-trust-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

test('keyless without trusted-root: the public-good root, its TUF metadata kept in the cache', async () => {
  const policy = parsePolicy(KEYLESS, { label: 'p.yml', file: 'p.yml' })
  const trust = await loadSignatureTrust(policy, undefined, dir)
  // Offline (as here) @sigstore/tuf's embedded seed is the root; online, a refreshed one.
  expect(trust.root?.label).toMatch(/^public-good \(Sigstore TUF (seed, offline: .+|refreshed)\)$/)
  expect(trust.root?.material.certificateAuthorities.length).toBeGreaterThan(0)
  expect(await readdir(join(dir, 'sigstore-tuf', 'tuf-repo-cdn.sigstore.dev'))).toContain(
    'root.json'
  )
}, 30_000)

test('a trusted-root is the only root: public-good is not consulted', async () => {
  const local = await startLocalSigstore()
  const path = join(dir, 'root.json')
  await writeFile(path, local.trustedRoot)
  await local.close()
  const policy = parsePolicy(KEYLESS, { label: 'p.yml', file: 'p.yml' })
  const trust = await loadSignatureTrust(policy, path, dir)
  expect(trust.root?.label).toBe(`trusted-root ${path}`)
  expect(await readdir(dir)).toEqual(['root.json'])
})

test('a key file that cannot be read is named at its place in the policy', async () => {
  const policy = parsePolicy(`default:\n  signed-by: {key: '${join(dir, 'none.pub')}'}\n`, {
    label: 'p.yml',
    file: 'p.yml'
  })
  await expect(loadSignatureTrust(policy, undefined, dir)).rejects.toThrow(
    `p.yml:2:3: key 'signed-by.key': cannot read '${join(dir, 'none.pub')}' (ENOENT); expected a PEM public key file`
  )
  await writeFile(join(dir, 'bad.pub'), 'not a key')
  const bad = parsePolicy(`default:\n  signed-by: {key: '${join(dir, 'bad.pub')}'}\n`, {
    label: 'p.yml',
    file: 'p.yml'
  })
  await expect(loadSignatureTrust(bad, undefined, dir)).rejects.toThrow(
    /^p\.yml:2:3: key 'signed-by\.key': key .*bad\.pub is not a PEM public key/
  )
})
