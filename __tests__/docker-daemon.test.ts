/** The Docker Engine source's pure parts, and what it refuses before contacting anything. */
import { DigestGateError } from '../src/errors.js'
import { parseReference, type RegistryReference } from '../src/reference.js'
import {
  DockerDaemonSource,
  parseDockerHost,
  registryAuthHeader
} from '../src/sources/docker-daemon.js'

describe('parseDockerHost', () => {
  test.each([
    [undefined, { socketPath: '/var/run/docker.sock' }],
    ['', { socketPath: '/var/run/docker.sock' }],
    ['unix:///tmp/d.sock', { socketPath: '/tmp/d.sock' }],
    ['tcp://127.0.0.1:2375', { host: '127.0.0.1', port: 2375 }],
    ['tcp://[::1]:2376', { host: '::1', port: 2376 }]
  ])('%s', (value, expected) => {
    expect(parseDockerHost(value)).toMatchObject(expected)
  })

  test('ssh:// and npipe:// are named as unsupported', () => {
    expect(() => parseDockerHost('ssh://me@host')).toThrow(
      /DOCKER_HOST 'ssh:\/\/me@host' is not supported/
    )
    expect(() => parseDockerHost('npipe:////./pipe/docker_engine')).toThrow(DigestGateError)
  })
})

describe('X-Registry-Auth', () => {
  const decode = (h: string | undefined): unknown =>
    JSON.parse(Buffer.from(h ?? '', 'base64url').toString('utf8'))

  test('username and password, base64url of the JSON the CLI sends', () => {
    expect(decode(registryAuthHeader({ username: 'u', password: 'p' }, 'r.example'))).toEqual({
      username: 'u',
      password: 'p',
      serveraddress: 'r.example'
    })
  })

  test('an identity token', () => {
    expect(decode(registryAuthHeader({ identityToken: 't' }, 'r.example'))).toEqual({
      identitytoken: 't',
      serveraddress: 'r.example'
    })
  })

  test('no credential, no header', () => {
    expect(registryAuthHeader(undefined, 'r.example')).toBeUndefined()
  })

  test('credentials are never sent to a daemon over plain TCP off this machine', async () => {
    // The hostname cannot resolve: the refusal must come before any connection is tried.
    const source = new DockerDaemonSource(
      parseDockerHost('tcp://docker.example.invalid:2375'),
      () => Promise.resolve({ username: 'u', password: 'secret' }),
      1000
    )
    const record = await source.resolve(
      parseReference('registry.example/app:1') as RegistryReference
    )
    expect(record.error).toMatch(
      /refusing to send credentials for registry\.example to the Docker Engine at tcp:\/\/docker\.example\.invalid:2375 over plain TCP/
    )
    expect(source.requests).toBe(0)
  })
})
