/**
 * A registry (or proxy) that echoes the request's Authorization header in its error bodies
 * must not publish the credential: the Basic value, config.json's `auth`, identity, access and
 * refresh tokens are all masked, and any `Basic …`/`Bearer …` value in registry text is
 * redacted before it reaches the log, the outputs, the report or the summary. The registry
 * here is a small fake because no real registry echoes the header; it is the built action
 * that runs against it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ActionRun, digestsOf, runAction } from './harness/action.js'

interface Hostile {
  host: string
  /** Authorization headers received, in order. */
  seen: string[]
  server: Server
}

const TOKEN = 'hostile-access.Token_0123456789abcdef'
const REFRESH = 'hostile-refresh.Token_fedcba9876543210'

/** Echoes the Authorization it got back in a 403: as JSON under /v2/json/, as text otherwise. */
function echo(req: IncomingMessage, res: ServerResponse, seen: string[]): void {
  const authorization = req.headers.authorization ?? ''
  seen.push(authorization)
  if (req.url?.startsWith('/v2/json/')) {
    const body = JSON.stringify({
      errors: [{ code: 'DENIED', message: `refused Authorization: ${authorization}` }]
    })
    res.writeHead(403, { 'content-type': 'application/json' }).end(body)
  } else {
    res
      .writeHead(403, { 'content-type': 'text/plain' })
      .end(`denied; you sent Authorization: ${authorization}`)
  }
}

async function startHostile(scheme: 'basic' | 'bearer'): Promise<Hostile> {
  const seen: string[] = []
  let origin = ''
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/token')) {
      // An OAuth2 answer with every kind of token in it.
      req.resume()
      req.on('end', () =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ access_token: TOKEN, refresh_token: REFRESH, expires_in: 300 }))
      )
      return
    }
    if (!req.headers.authorization) {
      const challenge =
        scheme === 'basic'
          ? 'Basic realm="hostile"'
          : `Bearer realm="${origin}/token",service="hostile"`
      res.writeHead(401, { 'www-authenticate': challenge }).end()
      return
    }
    echo(req, res, seen)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`
  origin = `http://${host}`
  return { host, seen, server }
}

/** Every place a user could read, except the runner's own mask commands. */
function visible(run: ActionRun): string {
  return [
    ...run.stdout.split('\n').filter(l => !l.startsWith('::add-mask::')),
    run.stderr,
    run.summary,
    JSON.stringify(run.outputs),
    JSON.stringify(run.report ?? {})
  ].join('\n')
}

function masked(run: ActionRun, secret: string): boolean {
  return run.stdout.split('\n').includes(`::add-mask::${secret}`)
}

let basic: Hostile
let bearer: Hostile
let scratch: string
beforeAll(async () => {
  basic = await startHostile('basic')
  bearer = await startHostile('bearer')
  scratch = await mkdtemp(join(tmpdir(), 'dg-hostile-'))
})
afterAll(async () => {
  for (const h of [basic, bearer]) {
    h?.server.closeAllConnections()
    await new Promise(resolve => h?.server.close(resolve))
  }
  await rm(scratch, { recursive: true, force: true })
})

async function dockerConfig(name: string, config: unknown): Promise<string> {
  const dir = join(scratch, name)
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'config.json'), JSON.stringify(config))
  return dir
}

const images = (): string => `${basic.host}/json/app:v1\n${basic.host}/text/app:v1`

function expectEchoRedacted(run: ActionRun, host: string): void {
  const errors = Object.values(digestsOf(run)).map(d => d.error ?? '')
  expect(errors.filter(e => e.includes(host))).not.toHaveLength(0)
  // The echo did reach the message, with its value redacted.
  for (const e of errors) expect(e).toMatch(/(Basic|Bearer) \[redacted\]/)
}

test('Basic from the inputs: the base64 value is masked and redacted everywhere', async () => {
  const encoded = Buffer.from('alice:in-put-Secret9').toString('base64')
  basic.seen.length = 0
  const run = await runAction({
    images: images(),
    registry: basic.host,
    username: 'alice',
    password: 'in-put-Secret9'
  })
  expect(run.code).toBe(1)
  expect(basic.seen).toContain(`Basic ${encoded}`)
  expect(masked(run, encoded)).toBe(true)
  expectEchoRedacted(run, basic.host)
  expect(visible(run)).not.toContain(encoded)
  expect(visible(run)).not.toContain('in-put-Secret9')
})

test("Basic from config.json's auth field: masked as written, and redacted", async () => {
  const encoded = Buffer.from('bob:conf-Secret7').toString('base64')
  const dir = await dockerConfig('basic', { auths: { [basic.host]: { auth: encoded } } })
  basic.seen.length = 0
  const run = await runAction({ images: images() }, { DOCKER_CONFIG: dir })
  expect(run.code).toBe(1)
  expect(basic.seen).toContain(`Basic ${encoded}`)
  expect(masked(run, encoded)).toBe(true)
  expectEchoRedacted(run, basic.host)
  expect(visible(run)).not.toContain(encoded)
  expect(visible(run)).not.toContain('conf-Secret7')
})

test('identity, access and refresh tokens: masked, and the echoed Bearer redacted', async () => {
  const identity = 'idtoken-Secret-5'
  const dir = await dockerConfig('bearer', {
    auths: { [bearer.host]: { identitytoken: identity } }
  })
  bearer.seen.length = 0
  const run = await runAction(
    { images: `${bearer.host}/json/app:v1\n${bearer.host}/text/app:v1` },
    { DOCKER_CONFIG: dir }
  )
  expect(run.code).toBe(1)
  expect(bearer.seen).toContain(`Bearer ${TOKEN}`)
  for (const secret of [identity, TOKEN, REFRESH]) {
    expect(masked(run, secret)).toBe(true)
    expect(visible(run)).not.toContain(secret)
  }
  expectEchoRedacted(run, bearer.host)
})
