/**
 * Credential helpers run as Docker runs them (credential-helper.ts): real executables written
 * to a temporary PATH directory (helper-bin.ts), the server URL on stdin, the JSON answer read.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DigestGateError } from '../../../src/model/errors.js'
import {
  credentialHelperProgram,
  runCredentialHelper
} from '../../../src/sources/registry/credential-helper.js'
import { type HelperBin, alive, helperEnv, makeHelperBin, removeHelperBin } from './helper-bin.js'

let h: HelperBin
let dir: string
const env = (): NodeJS.ProcessEnv => helperEnv(h)

beforeAll(async () => {
  h = await makeHelperBin()
  dir = h.dir
})

afterAll(async () => {
  await removeHelperBin(h)
})

describe('credential helpers, run as Docker runs them', () => {
  test.each([
    ['linux', 'pass', 'docker-credential-pass'],
    ['darwin', 'osxkeychain', 'docker-credential-osxkeychain'],
    ['win32', 'wincred', 'docker-credential-wincred.exe'],
    ['win32', 'desktop', 'docker-credential-desktop.exe']
  ] as const)('on %s, helper %s is the program %s', (platform, helper, program) => {
    expect(credentialHelperProgram(helper, platform)).toBe(program)
  })

  test('sends the server URL on stdin without a newline and reads the JSON answer', async () => {
    await expect(
      runCredentialHelper('good', 'registry.example:5000', env(), 5000)
    ).resolves.toMatchObject({
      username: 'alice',
      password: 'helper-secret'
    })
  })

  test('"credentials not found" is no credential, not an error', async () => {
    await expect(runCredentialHelper('good', 'other.example', env(), 5000)).resolves.toBeUndefined()
  })

  test('username <token> means the secret is an identity token', async () => {
    await expect(runCredentialHelper('token', 'x', env(), 5000)).resolves.toMatchObject({
      identityToken: 'refresh-123'
    })
  })

  test.each([
    [
      'broken',
      /credential helper docker-credential-broken failed for r\.example \(exit 1\): error getting credentials .*keychain locked/
    ],
    ['missing', /docker-credential-missing is configured for r\.example but is not on PATH/],
    ['garbage', /docker-credential-garbage answered something that is not JSON/]
  ])('a %s helper gets a clear error naming it', async (name, message) => {
    const e = await runCredentialHelper(name, 'r.example', env(), 5000).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(DigestGateError)
    expect((e as Error).message).toMatch(message)
  })

  test('a hanging helper is killed at the timeout', async () => {
    const e = await runCredentialHelper('hang', 'r.example', env(), 300).catch((x: unknown) => x)
    expect((e as DigestGateError).kind).toBe('timeout')
    expect((e as Error).message).toMatch(/did not answer within 0\.3 s/)
    // Killed, not waited for: the helper goes while the child it started, which would keep its
    // pipes for 30 s, lives on.
    const last = async (file: string) =>
      Number((await readFile(join(dir, file), 'utf8')).trim().split('\n').pop())
    const [shell, orphan] = [await last('hang.shells'), await last('hang.pids')]
    while (alive(shell)) await new Promise(resolve => setTimeout(resolve, 10))
    expect(alive(orphan)).toBe(true)
  })

  test('a timed-out helper leaves no pipe open, even while its own child lives on', async () => {
    const pipes = (): number =>
      process.getActiveResourcesInfo().filter(r => r === 'PipeWrap').length
    const before = pipes()
    await runCredentialHelper('hang', 'r.example', env(), 300).catch(() => undefined)
    // Closes finish a few event-loop turns later; a pipe held by the orphan would stay for 30 s.
    for (let i = 0; i < 100 && pipes() > before; i++) await new Promise(r => setTimeout(r, 20))
    expect(pipes()).toBe(before)
  })
})
