import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GITHUB_TUF_ROOT } from '../../src/attestations/github-trust.js'
import { parsePolicy } from '../../src/policy/file.js'
import {
  type TufInstance,
  builtInRoots,
  loadSignatureTrust,
  tufRoot
} from '../../src/policy/signature-trust.js'
import { type LocalSigstore, startLocalSigstore } from '../helpers/local-sigstore.js'
import { type LocalTuf, startLocalTuf } from '../helpers/local-tuf.js'

const KEYLESS =
  "default:\n  signed-by: {issuer: 'https://token.actions.githubusercontent.com', identity: 'x'}\n"

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dg-trust-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

test('keyless without trusted-root: nothing is fetched until a signature needs a root', async () => {
  const policy = parsePolicy(KEYLESS, { label: 'p.yml', file: 'p.yml' })
  const trust = await loadSignatureTrust(policy, undefined, dir)
  expect(await readdir(dir)).toEqual([])
  // A certificate from Sigstore's Fulcio, or from anyone but GitHub: the public-good root.
  const [root] = (await trust.rootsFor?.('sigstore.dev')) ?? []
  // Offline (as here) @sigstore/tuf's embedded seed is the root; online, a refreshed one.
  expect(root?.label).toMatch(
    /^public-good \(tuf-repo-cdn\.sigstore\.dev TUF (cache, offline: .+|refreshed)\)$/
  )
  expect(root?.material.certificateAuthorities.length).toBeGreaterThan(0)
  expect(await readdir(join(dir, 'sigstore-tuf', 'tuf-repo-cdn.sigstore.dev'))).toContain(
    'root.json'
  )
  // Asked again, the same root: one refresh per run.
  expect((await trust.rootsFor?.(undefined))?.[0]).toBe(root)
}, 30_000)

test("GitHub's Fulcio: GitHub's TUF repository, started from the root the GitHub CLI embeds", async () => {
  const policy = parsePolicy(KEYLESS, { label: 'p.yml', file: 'p.yml' })
  const trust = await loadSignatureTrust(policy, undefined, dir)
  const outcome = await trust.rootsFor?.('GitHub, Inc.').then(
    roots => roots[0].label,
    (e: Error) => e.message
  )
  const tuf = join(dir, 'sigstore-tuf')
  // Online, GitHub's refreshed root; offline (as here), no root, and the verdict says why.
  expect(outcome).toMatch(
    new RegExp(
      `^(GitHub \\(tuf-repo\\.github\\.com TUF, refreshed\\)|the GitHub trust root cannot be refreshed from https://tuf-repo\\.github\\.com \\(.+\\), and no earlier refresh is kept in ${tuf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})$`
    )
  )
  // Either way the client started from the embedded root, and the public-good root was not read.
  expect(await readFile(join(tuf, 'tuf-repo.github.com', 'root.json'), 'utf8')).toBe(
    GITHUB_TUF_ROOT
  )
  expect(await readdir(tuf)).not.toContain('tuf-repo-cdn.sigstore.dev')
}, 30_000)

test('a trusted-root is the only root: public-good is not consulted', async () => {
  const local = await startLocalSigstore()
  const path = join(dir, 'root.json')
  await writeFile(path, local.trustedRoot)
  await local.close()
  const policy = parsePolicy(KEYLESS, { label: 'p.yml', file: 'p.yml' })
  const trust = await loadSignatureTrust(policy, path, dir)
  for (const org of [undefined, 'sigstore.dev', 'GitHub, Inc.'])
    expect((await trust.rootsFor?.(org))?.map(r => r.label)).toEqual([`trusted-root ${path}`])
  expect(await readdir(dir)).toEqual(['root.json'])
})

test("a trusted-root in JSON Lines (gh attestation trusted-root's output) is each line's root", async () => {
  const local = await startLocalSigstore()
  const other = await startLocalSigstore()
  await Promise.all([local.close(), other.close()])
  const line = (text: string) => JSON.stringify(JSON.parse(text))
  const path = join(dir, 'roots.jsonl')
  await writeFile(path, `${line(local.trustedRoot)}\n${line(other.trustedRoot)}\n`)
  const policy = parsePolicy(KEYLESS, { label: 'p.yml', file: 'p.yml' })
  const trust = await loadSignatureTrust(policy, path, dir)
  expect((await trust.rootsFor?.(undefined))?.map(r => r.label)).toEqual([
    `trusted-root ${path} (line 1)`,
    `trusted-root ${path} (line 2)`
  ])
  await writeFile(path, `${line(local.trustedRoot)}\n{"mediaType": 1}\n`)
  await expect(loadSignatureTrust(policy, path, dir)).rejects.toThrow(
    `Input 'trusted-root': trusted-root ${path} (line 2) names no certificate authority and no transparency log`
  )
})

describe('a TUF repository serving a trusted root', () => {
  let local: LocalSigstore
  let tuf: LocalTuf
  let instance: TufInstance
  beforeEach(async () => {
    local = await startLocalSigstore()
    tuf = await startLocalTuf({ 'trusted_root.json': local.trustedRoot })
    instance = { name: 'Acme', mirrorURL: tuf.mirrorURL, seedRoot: tuf.root }
  })
  afterEach(async () => {
    await Promise.all([local.close(), tuf.close()])
  })
  const host = () => new URL(tuf.mirrorURL).host

  test('is refreshed once, then read from the cache when the repository is gone', async () => {
    const root = await tufRoot(instance, dir)
    expect(root.label).toBe(`Acme (${host()} TUF, refreshed)`)
    expect(root.material.certificateAuthorities).toHaveLength(1)
    expect(tuf.requests).toEqual([
      '/2.root.json',
      '/timestamp.json',
      '/snapshot.json',
      '/targets.json',
      '/targets/trusted_root.json'
    ])
    await tuf.close()
    const offline = await tufRoot(instance, dir)
    expect(offline.label).toMatch(new RegExp(`^Acme \\(${host()} TUF cache, offline: .+\\)$`))
    expect(offline.material.certificateAuthorities).toHaveLength(1)
  })

  test('without a cache, the metadata of one refresh is not left behind', async () => {
    const root = await tufRoot(instance, undefined, dir)
    expect(root.label).toBe(`Acme (${host()} TUF, refreshed)`)
    expect(root.material.certificateAuthorities).toHaveLength(1)
    expect(await readdir(dir)).toEqual([])
  })

  test('without a cache and without the repository there is no root, and it says why', async () => {
    await tuf.close()
    await expect(tufRoot(instance, undefined)).rejects.toThrow(
      new RegExp(
        `^the Acme trust root cannot be refreshed from ${tuf.mirrorURL} \\(.+\\), and no earlier refresh is kept \\(the 'cache' input keeps one\\)$`
      )
    )
  })

  test('a target the repository did not sign is refused', async () => {
    const refused = async (body: string) => {
      tuf.tamper('trusted_root.json', body)
      return tufRoot(instance, undefined).then(
        root => root.label,
        (e: Error) => e.message
      )
    }
    const why = (detail: string) =>
      `the Acme trust root cannot be refreshed from ${tuf.mirrorURL} (error downloading target undefined: ${detail}), and no earlier refresh is kept (the 'cache' input keeps one)`
    // One byte more than targets.json signed for, then one byte changed.
    expect(await refused(`${local.trustedRoot} `)).toBe(why('Max length reached'))
    expect(await refused(local.trustedRoot.replace('"mediaType"', '"mediaTypf"'))).toMatch(
      /^the Acme trust root cannot be refreshed from .+ \(error downloading target undefined: .*hash.*\)/i
    )
  })

  test('each built-in root is chosen by its issuer, and fetched at most once per run', async () => {
    const fallback = await startLocalTuf({ 'trusted_root.json': local.trustedRoot })
    const other: TufInstance = {
      name: 'Other',
      mirrorURL: fallback.mirrorURL,
      seedRoot: fallback.root
    }
    const rootsFor = builtInRoots(dir, {
      byOrg: new Map([['Acme, Inc.', instance]]),
      otherwise: other
    })
    const [a, b] = await Promise.all([rootsFor('Acme, Inc.'), rootsFor('Acme, Inc.')])
    expect(a[0]).toBe(b[0])
    expect(a[0].label).toBe(`Acme (${host()} TUF, refreshed)`)
    expect(tuf.requests.filter(r => r === '/timestamp.json')).toHaveLength(1)
    expect(fallback.requests).toEqual([])
    expect((await rootsFor(undefined))[0].label).toMatch(/^Other \(/)
    expect((await rootsFor('sigstore.dev'))[0].label).toMatch(/^Other \(/)
    expect(fallback.requests.filter(r => r === '/timestamp.json')).toHaveLength(1)
    await fallback.close()
  })
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
