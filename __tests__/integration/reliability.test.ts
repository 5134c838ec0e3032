/**
 * Faults no real registry produces on demand, from a small front before the real
 * docker-registry: throttling, outages, silence, huge and malformed answers, tampering,
 * redirect loops, and a CDN that refuses credentials. Each fault must end in success after
 * waiting or in a clear error, bounded in time, with the other images intact.
 */
import { DigestGateError } from '../../src/model/errors.js'
import { HttpClient, type HttpOptions } from '../../src/http/client.js'
import { Authenticator } from '../../src/sources/registry/auth.js'
import { RegistrySource } from '../../src/sources/registry/registry-source.js'
import { type ActionRun, digestsOf, runAction } from './harness/action.js'
import { type FaultFront, type FaultRule, startFaultFront } from './harness/fault-front.js'
import {
  type PushedImage,
  type RunningRegistry,
  basicAuth,
  buildSchema1,
  pushBlob,
  pushImage,
  pushIndex,
  pushManifest,
  sha256,
  startRegistry
} from './harness/registry.js'

const amd64 = { os: 'linux', architecture: 'amd64' }
const arm64 = { os: 'linux', architecture: 'arm64' }
const user = 'front-user'
const password = 'front-Pa55word'

let reg: RunningRegistry
let front: FaultFront
let good: { digest: string; children: PushedImage[] }
let single: PushedImage
let victim: { digest: string; children: PushedImage[] }

const ref = (repo: string): string => `${front.host}/${repo}`

async function run(
  rules: FaultRule[],
  images: string[],
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  front.setRules(rules)
  front.reset()
  return runAction({
    images: images.join('\n'),
    registry: front.host,
    username: user,
    password,
    ...inputs
  })
}

/**
 * The same manifest fetch in-process, through the real HTTP client, authenticator and
 * registry source, with a sleep that records each wait it is asked for and returns at once:
 * the retry schedule, read without a clock.
 */
async function fetchInProcess(
  rules: FaultRule[],
  repository: string,
  reference: string,
  options: Partial<HttpOptions> = {}
): Promise<{ sleeps: number[]; body?: Uint8Array; error?: DigestGateError }> {
  front.setRules(rules)
  front.reset()
  const sleeps: number[] = []
  const http = new HttpClient({
    timeoutMs: 30_000,
    concurrency: 4,
    ...options,
    sleep: ms => {
      sleeps.push(ms)
      return Promise.resolve()
    }
  })
  const credential = { username: user, password, origin: 'the test' }
  const lookup = (registry: string) =>
    Promise.resolve(registry === front.host ? credential : undefined)
  const auth = new Authenticator(http, lookup, { allowsPlainHttp: () => true })
  try {
    const source = new RegistrySource(front.host, http, auth, true)
    return { sleeps, body: (await source.fetchManifest(repository, reference)).body }
  } catch (error) {
    if (!(error instanceof DigestGateError)) throw error
    return { sleeps, error }
  } finally {
    http.dispose()
  }
}

/** What the front answered to each request for `path`, in order (0: never answered). */
const answers = (path: RegExp): number[] =>
  front.requests.filter(q => path.test(q.path.split('?')[0])).map(q => q.status)

/** The healthy image beside every fault must come through untouched. */
function expectIntact(r: ActionRun): void {
  expect(digestsOf(r)[ref('rel/good:v1')]).toMatchObject({ digest: good.digest })
}

beforeAll(async () => {
  reg = await startRegistry({ htpasswd: { [user]: password } })
  const auth = basicAuth(user, password)
  const goodChildren = [
    await pushImage(reg, 'rel/good', undefined, { platform: amd64, layerSizes: [300, 400], auth }),
    await pushImage(reg, 'rel/good', undefined, { platform: arm64, layerSizes: [500], auth })
  ]
  good = {
    digest: (await pushIndex(reg, 'rel/good', 'v1', goodChildren, { auth })).digest,
    children: goodChildren
  }
  const victimChildren = [
    await pushImage(reg, 'rel/victim', undefined, {
      platform: amd64,
      layerSizes: [1000, 2000],
      auth
    }),
    await pushImage(reg, 'rel/victim', undefined, { platform: arm64, layerSizes: [3000], auth })
  ]
  victim = {
    digest: (await pushIndex(reg, 'rel/victim', 'v1', victimChildren, { auth })).digest,
    children: victimChildren
  }
  single = await pushImage(reg, 'rel/single', 'v1', {
    platform: amd64,
    layerSizes: [1234, 4321],
    auth
  })
  front = await startFaultFront(reg.url)
}, 60_000)

afterAll(async () => {
  await front?.stop()
  await reg?.stop()
})

const manifestPath = (repo: string, reference: string): RegExp =>
  new RegExp(`^/v2/${repo}/manifests/${reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)

describe('retries', () => {
  test('429 with Retry-After: waits as asked, then succeeds', async () => {
    const path = manifestPath('rel/victim', 'v1')
    const rules: FaultRule[] = [
      { method: 'GET', path, fault: { kind: 'status', status: 429, times: 2, retryAfter: '1' } }
    ]
    const r = await run(rules, [ref('rel/victim:v1'), ref('rel/good:v1')])
    expect(r.code).toBe(0)
    expect(digestsOf(r)[ref('rel/victim:v1')].digest).toBe(victim.digest)
    const throttled = front.requests.filter(q => q.status === 429)
    expect(throttled).toHaveLength(2)
    // Asked again after each 429 until the registry itself answered.
    expect(answers(path)).toEqual([429, 429, 401, 200])
    expectIntact(r)
    // The wait itself, in-process: each retry waited exactly the 1 s Retry-After asked for.
    const inProcess = await fetchInProcess(rules, 'rel/victim', 'v1')
    expect(inProcess.error).toBeUndefined()
    expect(sha256(Buffer.from(inProcess.body ?? []))).toBe(victim.digest)
    expect(inProcess.sleeps).toEqual([1000, 1000])
    expect(answers(path)).toEqual([429, 429, 401, 200])
  })

  test('503 a few times: retried with backoff, then succeeds', async () => {
    const r = await run(
      [
        {
          path: manifestPath('rel/victim', victim.children[1].digest),
          fault: { kind: 'status', status: 503, times: 2 }
        }
      ],
      [ref('rel/victim:v1'), ref('rel/good:v1')]
    )
    expect(r.code).toBe(0)
    expect(digestsOf(r)[ref('rel/victim:v1')].platforms?.['linux/arm64']).toBe(
      victim.children[1].digest
    )
  })

  test('503 that never ends: a clear error after 4 attempts, in bounded time', async () => {
    const rules: FaultRule[] = [
      {
        path: manifestPath('rel/victim', 'v1'),
        fault: {
          kind: 'status',
          status: 503,
          times: Infinity,
          body: '{"errors":[{"code":"UNAVAILABLE","message":"service unavailable"}]}'
        }
      }
    ]
    const r = await run(rules, [ref('rel/victim:v1'), ref('rel/good:v1')])
    expect(r.code).toBe(1)
    expect(digestsOf(r)[ref('rel/victim:v1')].error).toBe(
      `${ref('rel/victim:v1')}: ${front.host} answered HTTP 503 for manifest rel/victim:v1: UNAVAILABLE service unavailable`
    )
    expect(front.requests.filter(q => q.status === 503)).toHaveLength(4)
    expectIntact(r)
    // The bound, in-process: three waits between the four attempts, each within its doubling
    // jittered backoff (0.5, 1, 2 s, halved at most), 3.5 s in all at most.
    const inProcess = await fetchInProcess(rules, 'rel/victim', 'v1')
    expect(inProcess.error?.message).toBe(
      `${front.host} answered HTTP 503 for manifest rel/victim:v1: UNAVAILABLE service unavailable`
    )
    expect(front.requests.filter(q => q.status === 503)).toHaveLength(4)
    expect(inProcess.sleeps).toHaveLength(3)
    inProcess.sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(250 * 2 ** i)
      expect(ms).toBeLessThanOrEqual(500 * 2 ** i)
    })
  })

  test('Retry-After longer than we wait: no stall, a rate-limited error at once', async () => {
    const path = manifestPath('rel/victim', 'v1')
    const rules: FaultRule[] = [
      {
        path,
        fault: {
          kind: 'status',
          status: 429,
          times: Infinity,
          retryAfter: '86400',
          body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}'
        }
      }
    ]
    const r = await run(rules, [ref('rel/victim:v1'), ref('rel/good:v1')])
    expect(r.code).toBe(1)
    expect(digestsOf(r)[ref('rel/victim:v1')].error).toMatch(
      /HTTP 429 .*TOOMANYREQUESTS slow down.*retry after 86400 s/
    )
    expect(r.report?.images[0].errorDetail?.kind).toBe('rate-limited')
    // The first answer is the last: not asked again.
    expect(answers(path)).toEqual([429])
    expectIntact(r)
    // In-process: no wait was even begun.
    const inProcess = await fetchInProcess(rules, 'rel/victim', 'v1')
    expect(inProcess.error?.kind).toBe('rate-limited')
    expect(inProcess.sleeps).toEqual([])
    expect(answers(path)).toEqual([429])
  })

  test('404 is never retried', async () => {
    const r = await run([], [ref('rel/victim:nope')])
    expect(r.code).toBe(1)
    expect(front.requests.filter(q => q.path.endsWith('/manifests/nope'))).toHaveLength(2) // 401 challenge, then the 404
  })
})

describe('silence and size', () => {
  test('a registry that never answers: timeout error within the bound', async () => {
    const path = manifestPath('rel/victim', 'v1')
    const rules: FaultRule[] = [{ path, fault: { kind: 'hang' } }]
    const r = await run(rules, [ref('rel/victim:v1'), ref('rel/good:v1')], {
      timeout: '1'
    })
    expect(r.code).toBe(1)
    expect(digestsOf(r)[ref('rel/victim:v1')].error).toMatch(
      new RegExp(`${front.host} did not answer within 1 s \\(GET /v2/rel/victim/manifests/v1\\)`)
    )
    // The bound: 4 attempts, each given up on unanswered, and no fifth.
    expect(answers(path)).toEqual([0, 0, 0, 0])
    expectIntact(r)
    // In-process: between the attempts, the backoff's three bounded waits.
    const inProcess = await fetchInProcess(rules, 'rel/victim', 'v1', { timeoutMs: 250 })
    expect(inProcess.error?.message).toBe(
      `${front.host} did not answer within 0.25 s (GET /v2/rel/victim/manifests/v1)`
    )
    expect(answers(path)).toEqual([0, 0, 0, 0])
    expect(inProcess.sleeps).toHaveLength(3)
    inProcess.sleeps.forEach((ms, i) => expect(ms).toBeLessThanOrEqual(500 * 2 ** i))
  })

  test('a 64 MiB manifest: reading stops at the 4 MiB cap', async () => {
    const path = manifestPath('rel/victim', 'v1')
    const r = await run(
      [
        {
          path,
          fault: {
            kind: 'huge',
            bytes: 64 * 1024 * 1024,
            contentType: 'application/vnd.oci.image.index.v1+json'
          }
        }
      ],
      [ref('rel/victim:v1'), ref('rel/good:v1')]
    )
    expect(r.code).toBe(1)
    expect(digestsOf(r)[ref('rel/victim:v1')].error).toMatch(
      /sent more than 4194304 bytes for \/v2\/rel\/victim\/manifests\/v1; stopped reading/
    )
    // Asked once, and the front, held back by the unread socket, sent well short of 64 MiB: the
    // cap plus what the sockets buffer.
    const [huge, ...more] = front.requests.filter(q => path.test(q.path) && q.bytes !== undefined)
    expect(more).toEqual([])
    expect(huge.bytes).toBeGreaterThan(4 * 1024 * 1024)
    expect(huge.bytes).toBeLessThan(32 * 1024 * 1024)
    expectIntact(r)
  })
})

describe('integrity', () => {
  test('a tampered platform manifest fetched by digest is refused; nothing of it reaches the outputs', async () => {
    const child = victim.children[0]
    const r = await run(
      [{ path: manifestPath('rel/victim', child.digest), fault: { kind: 'tamper' } }],
      [ref('rel/victim:v1'), ref('rel/good:v1')]
    )
    expect(r.code).toBe(1)
    const error = digestsOf(r)[ref('rel/victim:v1')].error ?? ''
    expect(error).toMatch(
      new RegExp(
        `manifest content does not match its digest: expected ${child.digest}, got sha256:[0-9a-f]{64}`
      )
    )
    expect(r.report?.images[0].errorDetail?.kind).toBe('integrity')
    expect(r.report?.images[0].platforms).toEqual([])
    expect(r.outputs.pinned).not.toContain('rel/victim')
    expectIntact(r)
  })

  test('a tampered index fetched by tag: our hash decides, and the header that disagrees is named', async () => {
    const r = await run(
      [{ path: manifestPath('rel/victim', 'v1'), fault: { kind: 'tamper' } }],
      [ref('rel/victim:v1')]
    )
    expect(r.code).toBe(1)
    expect(digestsOf(r)[ref('rel/victim:v1')].error).toMatch(
      new RegExp(
        `said the manifest for 'v1' is ${victim.digest}, but its content hashes to sha256:[0-9a-f]{64}`
      )
    )
  })
})

describe('malformed answers', () => {
  const cases: [string, string, string | RegExp][] = [
    ['invalid JSON', '{"schemaVersion": 2, "manifests": [', /manifest is not valid JSON/],
    ['a JSON array', '[1,2,3]', /manifest is not a JSON object/],
    [
      'an entry without a digest',
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":10}]}',
      /manifests\[0\]\.digest is missing/
    ],
    [
      'a negative size',
      `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":-5,"digest":"sha256:${'a'.repeat(64)}"}]}`,
      /manifests\[0\]\.size must be a non-negative integer, got -5/
    ],
    [
      'a string where a number belongs',
      `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":"12","digest":"sha256:${'b'.repeat(64)}"},"layers":[]}`,
      /config\.size must be a non-negative integer, got "12"/
    ],
    [
      'a body contradicting its Content-Type',
      '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[]}',
      /manifest says mediaType 'application\/vnd\.docker\.distribution\.manifest\.list\.v2\+json' but was served as 'application\/vnd\.oci\.image\.index\.v1\+json'/
    ]
  ]
  test.each(cases)(
    '%s: a message naming the image and the problem',
    async (_name, body, message) => {
      // Served with the type its own mediaType names, except where the contradiction is the point.
      const declared =
        /"mediaType":"(application\/vnd\.oci\.image\.manifest\.v1\+json)","config"/.exec(body)?.[1]
      const r = await run(
        [
          {
            path: manifestPath('rel/victim', 'v1'),
            fault: {
              kind: 'body',
              body,
              contentType: declared ?? 'application/vnd.oci.image.index.v1+json'
            }
          }
        ],
        [ref('rel/victim:v1'), ref('rel/good:v1')]
      )
      expect(r.code).toBe(1)
      const error = digestsOf(r)[ref('rel/victim:v1')].error ?? ''
      expect(error.startsWith(`${ref('rel/victim:v1')}: `)).toBe(true)
      expect(error).toMatch(message)
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /)
      expectIntact(r)
    }
  )

  test('an empty index resolves, and says it lists nothing', async () => {
    const body =
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}'
    const r = await run(
      [
        {
          path: manifestPath('rel/victim', 'v1'),
          fault: { kind: 'body', body, contentType: 'application/vnd.oci.image.index.v1+json' }
        }
      ],
      [ref('rel/victim:v1')],
      { platforms: 'linux/amd64' }
    )
    expect(digestsOf(r)[ref('rel/victim:v1')]).toMatchObject({
      digest: sha256(body),
      platforms: {}
    })
    expect(r.report?.images[0].notes).toContain(`index ${sha256(body)} lists no manifests`)
    expect(r.stdout).toMatch(
      /::warning title=digest-gate%3A no platforms::.*rel\/victim:v1.*lists no manifests/
    )
  })

  test('an index entry whose manifest is of another type than it says', async () => {
    const auth = basicAuth(user, password)
    const child = victim.children[0] // a Docker v2 manifest
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: child.digest,
          size: child.size,
          platform: amd64
        }
      ]
    })
    await pushManifest(
      reg,
      'rel/victim',
      'liar',
      body,
      'application/vnd.oci.image.index.v1+json',
      auth
    )
    const r = await run([], [ref('rel/victim:liar')])
    expect(digestsOf(r)[ref('rel/victim:liar')].error).toMatch(
      `index entry ${child.digest} says application/vnd.oci.image.manifest.v1+json but the manifest is application/vnd.docker.distribution.manifest.v2+json`
    )
  })

  test('an unsigned schema 1 manifest, as old registries serve it', async () => {
    const auth = basicAuth(user, password)
    const built = buildSchema1('rel/legacy', 'v1', {
      signed: false,
      layerSizes: [111, 222],
      architecture: 'arm64'
    })
    for (const blob of built.blobs) await pushBlob(reg, 'rel/legacy', blob, auth)
    const r = await run(
      [
        {
          path: manifestPath('rel/legacy', 'v1'),
          fault: {
            kind: 'body',
            body: built.body,
            contentType: 'application/vnd.docker.distribution.manifest.v1+json'
          }
        }
      ],
      [ref('rel/legacy:v1')]
    )
    expect(r.code).toBe(0)
    const image = r.report?.images[0]
    expect(image?.digest).toBe(sha256(built.body))
    expect(image?.mediaType).toBe('application/vnd.docker.distribution.manifest.v1+json')
    expect(image?.platforms[0]).toMatchObject({ platform: 'linux/arm64', layers: 2, size: 333 })
  })
})

describe('redirects and CDNs', () => {
  test('a redirect loop on a blob is reported, not followed forever', async () => {
    const r = await run(
      [{ path: /^\/v2\/rel\/single\/blobs\//, fault: { kind: 'redirect-loop' } }],
      [ref('rel/single:v1'), ref('rel/good:v1')]
    )
    // The config blob (needed for a single manifest's platform) loops.
    expect(digestsOf(r)[ref('rel/single:v1')].error).toMatch(/too many redirects \(more than 10\)/)
    expectIntact(r)
  })

  test('verify-blobs follows layers to the CDN and never sends it the registry credentials', async () => {
    const r = await run(
      [{ method: 'HEAD', path: /^\/v2\/rel\/single\/blobs\//, fault: { kind: 'cdn' } }],
      [ref('rel/single:v1')],
      { 'verify-blobs': 'true' }
    )
    expect(r.code).toBe(0)
    const cdn = front.requests.filter(q => q.server === 'cdn')
    expect(cdn).toHaveLength(2)
    expect(cdn.every(q => q.authorization === undefined && q.status === 200)).toBe(true)
    const image = r.report?.images[0]
    expect(image?.blobHosts).toEqual([front.cdnHost])
    expect(image?.platforms[0].layerList?.map(l => l.servedBy)).toEqual([
      front.cdnHost,
      front.cdnHost
    ])
    expect(r.summary).toContain(`Layers served from <code>${front.cdnHost}</code>`)
  })

  test('a store that refuses HEAD on its presigned URL is asked with a one-byte range GET', async () => {
    const r = await run(
      [{ path: /^\/v2\/rel\/single\/blobs\//, fault: { kind: 'cdn', refuseHead: true } }],
      [ref('rel/single:v1')],
      { 'verify-blobs': 'true' }
    )
    expect(r.code).toBe(0)
    const layers = r.report?.images[0].platforms[0].layerList ?? []
    expect(layers.map(l => [l.digest, l.size, l.problem])).toEqual(
      single.layers.map(l => [l.digest, l.size, undefined])
    )
    const ranged = front.requests.filter(q => q.server === 'cdn' && q.range === 'bytes=0-0')
    expect(ranged.length).toBeGreaterThanOrEqual(2)
    expect(
      front.requests.filter(q => q.server === 'cdn').every(q => q.authorization === undefined)
    ).toBe(true)
  })
})

describe('verify-blobs problems', () => {
  test('a layer the store has lost and a layer of the wrong size are reported, not fatal', async () => {
    const [lost, resized] = single.layers
    const r = await run(
      [
        {
          method: 'HEAD',
          path: new RegExp(`/blobs/${lost.digest}$`),
          fault: { kind: 'status', status: 404, times: Infinity }
        },
        {
          method: 'HEAD',
          path: new RegExp(`/blobs/${resized.digest}$`),
          fault: { kind: 'body', body: '', status: 200, headers: { 'content-length': '7' } }
        }
      ],
      [ref('rel/single:v1')],
      { 'verify-blobs': 'true' }
    )
    expect(r.code).toBe(0)
    const layers = r.report?.images[0].platforms[0].layerList ?? []
    expect(layers[0].problem).toMatch(/answered HTTP 404 for blob/)
    expect(layers[1].problem).toBe(`store says 7 bytes, manifest says ${resized.size}`)
    expect(r.stdout).toMatch(
      /::warning title=digest-gate%3A layer blob problem::.*rel\/single:v1 \(linux\/amd64\): layer sha256:[0-9a-f]+: .*HTTP 404/
    )
    expect(r.summary).toContain('**Layer problems:** 2')
  })
})

describe('an index that points to itself', () => {
  test('a registry serving the index again for its child digest fails integrity, no loop', async () => {
    const child = `sha256:${'9'.repeat(64)}`
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: 'application/vnd.oci.image.index.v1+json', digest: child, size: 200 }
      ]
    })
    const fault = {
      kind: 'body' as const,
      body,
      contentType: 'application/vnd.oci.image.index.v1+json'
    }
    const r = await run(
      [
        { path: manifestPath('rel/victim', 'v1'), fault },
        { path: manifestPath('rel/victim', child), fault }
      ],
      [ref('rel/victim:v1'), ref('rel/good:v1')]
    )
    expect(r.code).toBe(1)
    expect(digestsOf(r)[ref('rel/victim:v1')].error).toMatch(
      `manifest content does not match its digest: expected ${child}, got ${sha256(body)}`
    )
    expectIntact(r)
  })
})

describe('index entries that are not platforms', () => {
  test('unknown media types and artifacts are skipped with a note; a platformless entry reads its config', async () => {
    const [amd, arm] = victim.children
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: amd.mediaType, digest: amd.digest, size: amd.size, platform: amd64 },
        // No platform: the config says arm64.
        { mediaType: arm.mediaType, digest: arm.digest, size: arm.size },
        {
          mediaType: 'application/vnd.example.widget.v1+json',
          digest: `sha256:${'e'.repeat(64)}`,
          size: 10
        },
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          digest: `sha256:${'f'.repeat(64)}`,
          size: 20
        }
      ]
    })
    const r = await run(
      [
        {
          path: manifestPath('rel/victim', 'mixed'),
          fault: { kind: 'body', body, contentType: 'application/vnd.oci.image.index.v1+json' }
        }
      ],
      [ref('rel/victim:mixed')],
      { platforms: 'linux/amd64,linux/arm64' }
    )
    expect(r.code).toBe(0)
    expect(digestsOf(r)[ref('rel/victim:mixed')].platforms).toEqual({
      'linux/amd64': amd.digest,
      'linux/arm64': arm.digest
    })
    expect(r.report?.images[0].notes).toEqual([
      `skipped sha256:${'e'.repeat(64)}: media type application/vnd.example.widget.v1+json is not an image manifest`,
      `skipped sha256:${'f'.repeat(64)}: artifact application/vnd.dev.sigstore.bundle.v0.3+json`
    ])
  })
})

describe('hostile index sizes', () => {
  test('one child listed 600 times is fetched and counted once', async () => {
    const child = victim.children[0]
    const entry = {
      mediaType: child.mediaType,
      digest: child.digest,
      size: child.size,
      platform: amd64
    }
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: Array.from({ length: 600 }, () => entry)
    })
    const r = await run(
      [
        {
          path: manifestPath('rel/victim', 'many'),
          fault: { kind: 'body', body, contentType: 'application/vnd.oci.image.index.v1+json' }
        }
      ],
      [ref('rel/victim:many')]
    )
    expect(r.code).toBe(0)
    expect(r.report?.images[0].platforms).toHaveLength(1)
    expect(
      front.requests.filter(q => q.path.endsWith(child.digest) && q.status === 200)
    ).toHaveLength(1)
  })

  test('more than 1000 entries is refused with a message, not walked', async () => {
    const entries = Array.from({ length: 1001 }, (_, i) => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${i.toString(16).padStart(64, '0')}`,
      size: 10,
      platform: amd64
    }))
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: entries
    })
    const r = await run(
      [
        {
          path: manifestPath('rel/victim', 'huge-index'),
          fault: { kind: 'body', body, contentType: 'application/vnd.oci.image.index.v1+json' }
        }
      ],
      [ref('rel/victim:huge-index'), ref('rel/good:v1')]
    )
    expect(digestsOf(r)[ref('rel/victim:huge-index')].error).toMatch(
      /entries walked past 1000; refusing to go on/
    )
    expect(front.requests.filter(q => q.path.includes('/manifests/sha256:'))).toHaveLength(2) // good's children only
    expectIntact(r)
  })
})

describe('manifest redirects and refused HEADs', () => {
  test('a manifest request answered with a redirect is followed (registry.k8s.io does this)', async () => {
    const r = await run(
      [
        {
          path: manifestPath('rel/victim', 'moved'),
          fault: {
            kind: 'body',
            body: '',
            status: 307,
            headers: { location: '/v2/rel/victim/manifests/v1' }
          }
        }
      ],
      [ref('rel/victim:moved')]
    )
    expect(digestsOf(r)[ref('rel/victim:moved')]).toMatchObject({ digest: victim.digest })
    expect(r.code).toBe(0)
  })

  test('detail: digest falls back to GET when the registry refuses HEAD with 405', async () => {
    const r = await run(
      [
        {
          method: 'HEAD',
          path: manifestPath('rel/good', 'v1'),
          fault: { kind: 'status', status: 405, times: Infinity }
        }
      ],
      [ref('rel/good:v1')],
      { detail: 'digest' }
    )
    expect(r.code).toBe(0)
    expect(digestsOf(r)[ref('rel/good:v1')].digest).toBe(good.digest)
    expect(
      front.requests.filter(
        q => q.method === 'GET' && q.path === '/v2/rel/good/manifests/v1' && q.status === 200
      )
    ).toHaveLength(1)
  })
})
