// Guards the fault front itself: reliability suites built on it are only meaningful if pass-through
// is verbatim and each fault is exactly what it claims to be.
import http from 'node:http'
import { startFaultFront, type FaultFront } from './harness/fault-front.js'
import {
  MediaTypes,
  basicAuth,
  pushImage,
  request,
  sha256,
  startRegistry,
  type HttpResponse,
  type PushedImage,
  type RunningRegistry
} from './harness/registry.js'

const REPO = 'ff/app'
const MIB = 1024 * 1024

/** Reads at most `limit` body bytes, then aborts; resolves with what was counted. */
function readCapped(
  url: string,
  limit: number
): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, res => {
      let bytes = 0
      res.on('data', (c: Buffer) => {
        bytes += c.length
        if (bytes >= limit) {
          req.destroy()
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, ended: false })
        }
      })
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, ended: true })
      )
      res.on('error', () => undefined)
    })
    req.on('error', err => {
      if (!req.destroyed) reject(err)
    })
  })
}

/** Resolves once `condition` holds, looking every few milliseconds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise(resolve => setTimeout(resolve, 5))
}

function oneByteDiffs(a: Buffer, b: Buffer): number[] {
  const at: number[] = []
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) at.push(i)
  return at
}

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name]
  return Array.isArray(v) ? v[0] : v
}

describe('fault front', () => {
  let reg: RunningRegistry
  let front: FaultFront
  let img: PushedImage
  const manifestPath = `/v2/${REPO}/manifests/v1`
  const accept = { Accept: MediaTypes.dockerManifest }

  beforeAll(async () => {
    reg = await startRegistry()
    img = await pushImage(reg, REPO, 'v1', {
      platform: { os: 'linux', architecture: 'amd64' },
      layerSizes: [100, 2500]
    })
    front = await startFaultFront(reg.url)
  })

  afterAll(async () => {
    await front?.stop()
    await reg?.stop()
  })

  beforeEach(() => {
    front.setRules([])
    front.reset()
  })

  it('passes manifests through verbatim', async () => {
    const direct = await request(`${reg.url}${manifestPath}`, { headers: accept })
    const via = await request(`${front.url}${manifestPath}`, { headers: accept })
    expect(via.status).toBe(200)
    expect(via.body.equals(direct.body)).toBe(true)
    expect(header(via, 'docker-content-digest')).toBe(img.digest)
    expect(header(via, 'content-type')).toBe(header(direct, 'content-type'))
    expect(header(via, 'content-length')).toBe(String(img.size))
    expect(front.host).toBe(front.url.replace('http://', ''))
    expect(front.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: manifestPath, status: 200, server: 'front' })
    ])
  })

  it('rewrites upload Locations to the front, so pushes through it work', async () => {
    const start = await request(`${front.url}/v2/${REPO}/blobs/uploads/`, { method: 'POST' })
    expect(start.status).toBe(202)
    expect(header(start, 'location')?.startsWith(`${front.url}/v2/${REPO}/blobs/uploads/`)).toBe(
      true
    )
    const pushed = await pushImage(front, 'ff/pushed', 'v1', {
      platform: { os: 'linux', architecture: 'arm64' },
      layerSizes: [300]
    })
    const direct = await request(`${reg.url}/v2/ff/pushed/manifests/v1`, { headers: accept })
    expect(header(direct, 'docker-content-digest')).toBe(pushed.digest)
    expect(front.requests.filter(r => r.method === 'PUT').length).toBeGreaterThan(0)
  })

  it('keeps client connections alive across requests', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const get = (): Promise<boolean> =>
      new Promise((resolve, reject) => {
        const req = http.get(`${front.url}${manifestPath}`, { agent, headers: accept }, res => {
          res.resume()
          res.on('end', () => resolve(req.reusedSocket))
        })
        req.on('error', reject)
      })
    try {
      expect(await get()).toBe(false)
      expect(await get()).toBe(true)
    } finally {
      agent.destroy()
    }
  })

  it('answers 503 twice, then passes through', async () => {
    front.setRules([{ path: /\/manifests\//, fault: { kind: 'status', status: 503, times: 2 } }])
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      statuses.push((await request(`${front.url}${manifestPath}`, { headers: accept })).status)
    }
    expect(statuses).toEqual([503, 503, 200])
    expect(front.requests.map(r => r.status)).toEqual([503, 503, 200])

    // reset() re-arms the counter.
    front.reset()
    expect((await request(`${front.url}${manifestPath}`, { headers: accept })).status).toBe(503)
  })

  it('sends 429 with Retry-After, and a method filter leaves other methods alone', async () => {
    front.setRules([
      {
        method: 'get',
        path: /\/manifests\//,
        fault: { kind: 'status', status: 429, times: 1, retryAfter: '1' }
      }
    ])
    const head = await request(`${front.url}${manifestPath}`, { method: 'HEAD', headers: accept })
    expect(head.status).toBe(200)
    const limited = await request(`${front.url}${manifestPath}`, { headers: accept })
    expect(limited.status).toBe(429)
    expect(header(limited, 'retry-after')).toBe('1')
    expect(JSON.parse(limited.body.toString())).toMatchObject({
      errors: [{ code: 'TOOMANYREQUESTS' }]
    })
    expect((await request(`${front.url}${manifestPath}`, { headers: accept })).status).toBe(200)
  })

  it('serves a fixed body', async () => {
    front.setRules([
      {
        path: /\/manifests\//,
        fault: { kind: 'body', body: '{"schemaVersion":2,', headers: { 'X-Test': 'yes' } }
      }
    ])
    const res = await request(`${front.url}${manifestPath}`)
    expect(res.status).toBe(200)
    expect(res.body.toString()).toBe('{"schemaVersion":2,')
    expect(header(res, 'content-type')).toBe('application/json')
    expect(header(res, 'x-test')).toBe('yes')
  })

  it('tampers with exactly one byte and keeps the digest and length headers', async () => {
    front.setRules([{ path: /\/manifests\//, fault: { kind: 'tamper' } }])
    const res = await request(`${front.url}${manifestPath}`, { headers: accept })
    expect(res.status).toBe(200)
    expect(res.body.length).toBe(img.body.length)
    expect(oneByteDiffs(res.body, img.body)).toHaveLength(1)
    expect(header(res, 'docker-content-digest')).toBe(img.digest)
    expect(header(res, 'content-length')).toBe(String(img.size))
    expect(sha256(res.body)).not.toBe(img.digest)
    // Still valid JSON: only digest verification can catch it.
    expect(() => JSON.parse(res.body.toString()) as unknown).not.toThrow()
  })

  it('streams a 64 MiB body with backpressure and lets the client abort', async () => {
    const bytes = 64 * MIB
    front.setRules([{ path: /\/manifests\//, fault: { kind: 'huge', bytes } }])
    const full = await readCapped(`${front.url}${manifestPath}`, Infinity)
    expect(full).toMatchObject({ status: 200, bytes, ended: true })
    expect(full.headers['content-length']).toBeUndefined()
    expect(front.requests[0].bytes).toBe(bytes)

    const capped = await readCapped(`${front.url}${manifestPath}`, MIB)
    expect(capped.ended).toBe(false)
    expect(capped.bytes).toBeLessThan(2 * MIB)
    // The front's own count: backpressure held it once the client stopped reading, far short
    // of the whole body (it has written what was read plus what the sockets buffer).
    expect(front.requests[1].bytes).toBeLessThan(bytes / 2)

    front.setRules([])
    const after = await request(`${front.url}${manifestPath}`, { headers: accept, timeoutMs: 2000 })
    expect(after.status).toBe(200)
  })

  it('hangs without answering', async () => {
    front.setRules([{ path: /\/manifests\//, fault: { kind: 'hang' } }])
    // `timed out` is the client's idle timer: 500 ms in which the front sent nothing, not even
    // a close; a refusal or a hang-up would fail otherwise.
    await expect(request(`${front.url}${manifestPath}`, { timeoutMs: 500 })).rejects.toThrow(
      /timed out/
    )
    expect(front.requests).toEqual([expect.objectContaining({ status: 0 })])
  })

  it('ends hanging requests on stop()', async () => {
    const f = await startFaultFront(reg.url, [{ path: /./, fault: { kind: 'hang' } }])
    const pending = request(`${f.url}${manifestPath}`, { timeoutMs: 30_000 })
    pending.catch(() => undefined)
    await until(() => f.requests.length > 0)
    await f.stop()
    // A hang-up, not the client's own 30 s timeout (`timed out`): stop() itself ended it.
    await expect(pending).rejects.toThrow(/socket hang up|ECONNRESET/)
    expect(f.requests).toEqual([expect.objectContaining({ status: 0 })])
    await f.stop() // idempotent
  })

  it('redirects in a loop', async () => {
    front.setRules([{ path: /\/manifests\//, fault: { kind: 'redirect-loop' } }])
    let url = `${front.url}${manifestPath}`
    const seen = new Set<string>()
    for (let i = 0; i < 20; i++) {
      const res = await request(url)
      expect(res.status).toBe(307)
      url = new URL(header(res, 'location') ?? '', url).href
      expect(url.startsWith(`${front.url}${manifestPath}?`)).toBe(true)
      seen.add(url)
    }
    expect(seen.size).toBe(2)
    expect(front.requests).toHaveLength(20)
  })

  it('adds latency', async () => {
    // The front's waits are injected: each is seen asked for, and held, so the answer is
    // shown to wait for its end without reading a clock.
    const waits: { ms: number; end: () => void }[] = []
    const wait = (ms: number) => new Promise<void>(end => waits.push({ ms, end }))
    const slow = await startFaultFront(reg.url, [], { latencyMs: 100, wait })
    try {
      slow.setRules([{ path: /\/manifests\//, fault: { kind: 'latency', ms: 150 } }])
      const answered: string[] = []
      const held = (path: string) =>
        request(`${slow.url}${path}`, { headers: accept }).then(res => {
          answered.push(path)
          return res
        })
      const manifest = held(manifestPath)
      const base = held('/v2/')
      await until(() => waits.length === 2)
      // The fault's 150 ms on top of the front's 100; a path without a rule waits the 100.
      expect(waits.map(w => w.ms).sort((a, b) => a - b)).toEqual([100, 250])
      // Meanwhile the same manifest comes back through the other front, so both held requests
      // had time to be answered; neither was, nor sent on to the registry.
      expect((await request(`${front.url}${manifestPath}`, { headers: accept })).status).toBe(200)
      expect(answered).toEqual([])
      expect(slow.requests.map(r => r.status)).toEqual([0, 0])
      for (const w of waits) w.end()
      expect((await manifest).status).toBe(200)
      expect((await base).status).toBe(200)
    } finally {
      await slow.stop()
    }
  })

  describe('cdn', () => {
    const layer = (): { digest: string; size: number } => img.layers[1]
    const blobPath = (): string => `/v2/${REPO}/blobs/${layer().digest}`

    it('redirects blobs to a different host that refuses Authorization', async () => {
      front.setRules([{ path: /\/blobs\/sha256:/, fault: { kind: 'cdn' } }])
      const head = await request(`${front.url}${blobPath()}`, { method: 'HEAD' })
      expect(head.status).toBe(307)
      const location = new URL(header(head, 'location') ?? '')
      expect(location.host).toBe(front.cdnHost)
      expect(location.hostname).not.toBe(new URL(front.url).hostname)
      expect(location.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/)

      const withAuth = await request(location, {
        method: 'HEAD',
        headers: { Authorization: basicAuth('u', 'p') }
      })
      expect(withAuth.status).toBe(403)

      const ok = await request(location, { method: 'HEAD' })
      expect(ok.status).toBe(200)
      expect(header(ok, 'content-length')).toBe(String(layer().size))
      expect(header(ok, 'docker-content-digest')).toBeUndefined()

      const get = await request(location)
      expect(get.status).toBe(200)
      expect(sha256(get.body)).toBe(layer().digest)

      const tampered = new URL(location)
      tampered.searchParams.set('X-Amz-Signature', '0'.repeat(64))
      expect((await request(tampered)).status).toBe(403)

      expect(front.requests.map(r => [r.server, r.method, r.status])).toEqual([
        ['front', 'HEAD', 307],
        ['cdn', 'HEAD', 403],
        ['cdn', 'HEAD', 200],
        ['cdn', 'GET', 200],
        ['cdn', 'GET', 403]
      ])
      expect(front.requests[1].authorization).toBe(basicAuth('u', 'p'))
    })

    it('with refuseHead, refuses HEAD but serves a ranged GET', async () => {
      front.setRules([{ path: /\/blobs\/sha256:/, fault: { kind: 'cdn', refuseHead: true } }])
      const head = await request(`${front.url}${blobPath()}`, { method: 'HEAD' })
      expect(head.status).toBe(307)
      const location = new URL(header(head, 'location') ?? '')
      expect((await request(location, { method: 'HEAD' })).status).toBe(403)

      const ranged = await request(location, { headers: { Range: 'bytes=0-0' } })
      expect(ranged.status).toBe(206)
      expect(header(ranged, 'content-range')).toBe(`bytes 0-0/${layer().size}`)
      expect(ranged.body).toHaveLength(1)
      expect(front.requests.at(-1)?.range).toBe('bytes=0-0')
    })

    it('passes 404 through instead of redirecting', async () => {
      front.setRules([{ path: /\/blobs\/sha256:/, fault: { kind: 'cdn' } }])
      const res = await request(`${front.url}/v2/${REPO}/blobs/sha256:${'1'.repeat(64)}`)
      expect(res.status).toBe(404)
      expect(res.body.toString()).toMatch(/BLOB_UNKNOWN/)
    })

    it('lets the registry challenge first and grants the CDN fetch its credentials', async () => {
      const priv = await startRegistry({ htpasswd: { alice: 's3cret' } })
      const f = await startFaultFront(priv.url, [
        { path: /\/blobs\/sha256:/, fault: { kind: 'cdn' } }
      ])
      try {
        const auth = basicAuth('alice', 's3cret')
        const p = await pushImage(priv, 'private', 'v1', {
          platform: { os: 'linux', architecture: 'amd64' },
          layerSizes: [700],
          auth
        })
        const path = `/v2/private/blobs/${p.layers[0].digest}`
        const anon = await request(`${f.url}${path}`)
        expect(anon.status).toBe(401)
        expect(header(anon, 'www-authenticate')).toMatch(/^Basic /)

        const redirected = await request(`${f.url}${path}`, { headers: { Authorization: auth } })
        expect(redirected.status).toBe(307)
        const blob = await request(header(redirected, 'location') ?? '')
        expect(blob.status).toBe(200)
        expect(sha256(blob.body)).toBe(p.layers[0].digest)
      } finally {
        await f.stop()
        await priv.stop()
      }
    })
  })
})
