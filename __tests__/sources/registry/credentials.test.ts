/**
 * Where credentials come from, as Docker finds them. Credential helpers are real executables
 * written to a temporary PATH directory (helper-bin.ts); how each is run is tested in
 * credential-helper.test.ts.
 */
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ACR_TOKEN_USER } from '../../../src/sources/registry/credential.js'
import {
  createCredentialLookup,
  credentialFromAuth,
  findKey,
  secretsOf
} from '../../../src/sources/registry/credentials.js'
import { type HelperBin, helperEnv, makeHelperBin, removeHelperBin } from './helper-bin.js'

const b64 = (s: string): string => Buffer.from(s).toString('base64')

let h: HelperBin
let configDir: string
const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => helperEnv(h, extra)

async function writeConfig(config: unknown): Promise<void> {
  await writeFile(join(configDir, 'config.json'), JSON.stringify(config))
}

beforeAll(async () => {
  h = await makeHelperBin()
  configDir = h.configDir
})

afterAll(async () => {
  await removeHelperBin(h)
})

afterEach(async () => {
  await rm(join(configDir, 'config.json'), { force: true })
})

describe('config.json auths entries', () => {
  test.each([
    [
      'auth splits at the first colon',
      { auth: b64('bob:pa:ss') },
      { username: 'bob', password: 'pa:ss' }
    ],
    [
      'username and password fields',
      { username: 'bob', password: 'pw' },
      { username: 'bob', password: 'pw' }
    ],
    ['identitytoken', { auth: b64(':'), identitytoken: 'idt' }, { identityToken: 'idt' }],
    ['registrytoken', { registrytoken: 'rt' }, { registryToken: 'rt' }],
    ['<token> user means a refresh token', { auth: b64('<token>:rft') }, { identityToken: 'rft' }],
    [
      'ACR zero GUID means a refresh token',
      { auth: b64(`${ACR_TOKEN_USER}:acr-rt`) },
      { identityToken: 'acr-rt', username: ACR_TOKEN_USER }
    ]
  ])('%s', (_name, entry, expected) => {
    expect(credentialFromAuth(entry)).toMatchObject(expected)
  })

  test('an empty entry (credsStore keeps the secret) is no credential', () => {
    expect(credentialFromAuth({})).toBeUndefined()
  })

  test.each([
    ['docker.io', { 'https://index.docker.io/v1/': 1 }, 1],
    ['docker.io', { 'index.docker.io': 2 }, 2],
    ['docker.io', { 'https://registry-1.docker.io/v2/': 3 }, 3],
    ['ghcr.io', { 'https://ghcr.io': 4 }, 4],
    ['ghcr.io', { 'ghcr.io': 5, 'https://ghcr.io': 6 }, 5],
    ['localhost:5000', { 'http://localhost:5000/v2/': 7 }, 7],
    ['localhost:5000', { 'localhost:5001': 8 }, undefined],
    ['ghcr.io', { 'https://index.docker.io/v1/': 9 }, undefined]
  ])('finds the entry for %s in %j', (registry, map, expected) => {
    expect(findKey(map as Record<string, number>, registry)).toBe(expected)
  })
})

describe('the lookup order', () => {
  test('explicit inputs beat everything for their registry only', async () => {
    await writeConfig({ auths: { 'registry.example:5000': { auth: b64('file:pw') } } })
    const lookup = createCredentialLookup({
      explicit: { registry: 'registry.example:5000', username: 'input', password: 'pw' },
      env: env()
    })
    await expect(lookup('registry.example:5000')).resolves.toMatchObject({ username: 'input' })
    await expect(lookup('docker.io')).resolves.toBeUndefined()
  })

  test('DOCKER_AUTH_CONFIG beats config.json', async () => {
    await writeConfig({ auths: { 'registry.example:5000': { auth: b64('file:pw') } } })
    const lookup = createCredentialLookup({
      env: env({
        DOCKER_AUTH_CONFIG: JSON.stringify({
          auths: { 'registry.example:5000': { auth: b64('envuser:pw') } }
        })
      })
    })
    await expect(lookup('registry.example:5000')).resolves.toMatchObject({
      username: 'envuser',
      origin: 'DOCKER_AUTH_CONFIG'
    })
  })

  test('credHelpers beats credsStore, which beats auths', async () => {
    await writeConfig({
      credHelpers: { 'registry.example:5000': 'good' },
      credsStore: 'broken',
      auths: {
        'registry.example:5000': { auth: b64('file:pw') },
        'plain.example': { auth: b64('file:pw') }
      }
    })
    const lookup = createCredentialLookup({ env: env() })
    await expect(lookup('registry.example:5000')).resolves.toMatchObject({ username: 'alice' })
    // plain.example has no helper of its own, so the store runs, and it fails.
    await expect(lookup('plain.example')).rejects.toThrow(/docker-credential-broken failed/)
  })

  test('Docker Hub is asked for under its legacy URL', async () => {
    await writeConfig({ credsStore: 'good' })
    const lookup = createCredentialLookup({ env: env() })
    await expect(lookup('docker.io')).resolves.toMatchObject({ username: 'alice' })
  })

  test('GITHUB_TOKEN serves ghcr.io only when nothing else names it', async () => {
    const lookup = createCredentialLookup({ env: env(), ghcrToken: 'ghs_abc' })
    await expect(lookup('ghcr.io')).resolves.toMatchObject({ password: 'ghs_abc' })
    await expect(lookup('docker.io')).resolves.toBeUndefined()
    await writeConfig({ auths: { 'ghcr.io': { auth: b64('me:pat') } } })
    const again = createCredentialLookup({ env: env(), ghcrToken: 'ghs_abc' })
    await expect(again('ghcr.io')).resolves.toMatchObject({ username: 'me', password: 'pat' })
  })

  test('every secret found is handed to onSecret before it is returned', async () => {
    await writeConfig({
      auths: {
        'a.example': { auth: b64('u:p1'), identitytoken: 'i1' },
        'b.example': { registrytoken: 'r1' }
      }
    })
    const seen: string[] = []
    const lookup = createCredentialLookup({ env: env(), onSecret: s => seen.push(s) })
    await lookup('a.example')
    await lookup('b.example')
    // The base64 `user:password` (config.json's `auth`, and the Basic header's value) too.
    expect(seen.sort()).toEqual([b64('u:p1'), 'i1', 'p1', 'r1'].sort())
  })

  test('a config.json that is not JSON is a clear error', async () => {
    await writeFile(join(configDir, 'config.json'), '{nope')
    const lookup = createCredentialLookup({ env: env() })
    await expect(lookup('a.example')).rejects.toThrow(/config\.json is not valid JSON/)
  })
})

describe('secretsOf', () => {
  test('every form a credential can take in text', () => {
    const auth = Buffer.from('u:p').toString('base64')
    expect(
      secretsOf({ username: 'u', password: 'p', authField: `${auth}\n`, identityToken: 'i' })
    ).toEqual(['p', 'i', `${auth}\n`, auth])
    expect(secretsOf(undefined)).toEqual([])
  })
})
