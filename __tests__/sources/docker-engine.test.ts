/** The Docker Engine source's pure parts, and what it refuses before contacting anything. */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DigestGateError } from '../../src/model/errors.js'
import { HttpClient } from '../../src/http/client.js'
import { parseReference } from '../../src/model/reference.js'
import { resolveImage } from '../../src/resolve/resolve.js'
import {
  DockerEngine,
  DockerEngineSource,
  parseDockerHost,
  registryAuthHeader
} from '../../src/sources/docker-engine.js'

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

  test.each([
    [undefined, '\\\\.\\pipe\\docker_engine'],
    ['npipe:////./pipe/docker_engine', '\\\\.\\pipe\\docker_engine'],
    ['npipe:////./pipe/dockerDesktopLinuxEngine', '\\\\.\\pipe\\dockerDesktopLinuxEngine']
  ])('on Windows, %s is the named pipe %s', (value, pipe) => {
    expect(parseDockerHost(value, 'win32')).toMatchObject({ socketPath: pipe })
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
    const http = new HttpClient({ timeoutMs: 1000, concurrency: 1 })
    const engine = new DockerEngine(
      parseDockerHost('tcp://docker.example.invalid:2375'),
      http,
      () => Promise.resolve({ username: 'u', password: 'secret' })
    )
    const source = new DockerEngineSource('registry.example', engine)
    const record = await resolveImage(parseReference('registry.example/app:1'), source)
    expect(record.error).toMatch(
      /refusing to send credentials for registry\.example to the Docker Engine at tcp:\/\/docker\.example\.invalid:2375 over plain TCP/
    )
    expect(engine.requests).toBe(0)
    http.dispose()
  })

  test('the X-Registry-Auth value is handed to onSecret before it is sent', async () => {
    // A listener that records what the client sends: what a daemon answers does not matter.
    const seen: { auth?: string; masked: string[] }[] = []
    const masked: string[] = []
    const server = createServer((req, res) => {
      seen.push({ auth: req.headers['x-registry-auth'] as string | undefined, masked: [...masked] })
      res.writeHead(req.url === '/_ping' || req.url === '/version' ? 200 : 404, {
        'content-type': 'application/json',
        'api-version': '1.41'
      })
      res.end(req.url === '/version' ? '{"ApiVersion":"1.41"}' : '{"message":"no"}')
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const http = new HttpClient({ timeoutMs: 2000, concurrency: 1 })
    const engine = new DockerEngine(
      parseDockerHost(`tcp://127.0.0.1:${port}`),
      http,
      () => Promise.resolve({ username: 'u', password: 'secret' }),
      secret => masked.push(secret)
    )
    await resolveImage(
      parseReference('registry.example/app:1'),
      new DockerEngineSource('registry.example', engine)
    )
    http.dispose()
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
    const header = registryAuthHeader({ username: 'u', password: 'secret' }, 'registry.example')
    const sent = seen.filter(s => s.auth)
    expect(sent.length).toBeGreaterThan(0)
    for (const s of sent) {
      expect(s.auth).toBe(header)
      expect(s.masked).toContain(header)
    }
  })
})
