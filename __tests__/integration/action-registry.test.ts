/**
 * The built action (dist/index.js) against Debian's real docker-registry, run as the runner
 * runs it. Test images are pushed through the registry's API with known layers and sizes.
 */
import { type ActionRun, digestsOf, runAction } from './harness/action.js'
import {
  type PushedImage,
  type RunningRegistry,
  pushImage,
  pushIndex,
  pushManifest,
  pushSchema1,
  startRegistry
} from './harness/registry.js'

let reg: RunningRegistry

const amd64 = { os: 'linux', architecture: 'amd64' }
const arm64v8 = { os: 'linux', architecture: 'arm64', variant: 'v8' }
const armv7 = { os: 'linux', architecture: 'arm', variant: 'v7' }
const armv6 = { os: 'linux', architecture: 'arm', variant: 'v6' }

interface Fixture {
  dockerList: { digest: string; children: PushedImage[] }
  ociIndex: { digest: string; children: PushedImage[]; attestations: string[] }
  nested: { digest: string; inner: string }
  ociSingle: PushedImage
  dockerSingle: PushedImage
  schema1: { digest: string; layers: { digest: string; size: number }[]; total: number }
  windows: { digest: string; children: PushedImage[] }
}
let fx: Fixture

function sum(img: PushedImage): number {
  return img.layers.reduce((n, l) => n + l.size, 0)
}

beforeAll(async () => {
  reg = await startRegistry({ schema1: true })
  const dockerChildren = [
    await pushImage(reg, 'team/app', undefined, {
      platform: amd64,
      layerSizes: [1000, 2345],
      format: 'docker'
    }),
    await pushImage(reg, 'team/app', undefined, {
      platform: arm64v8,
      layerSizes: [777],
      format: 'docker'
    }),
    await pushImage(reg, 'team/app', undefined, {
      platform: armv6,
      layerSizes: [512, 64, 32],
      format: 'docker'
    })
  ]
  const dockerList = await pushIndex(reg, 'team/app', 'v1', dockerChildren, { format: 'docker' })

  const ociChildren = [
    await pushImage(reg, 'team/oci', undefined, {
      platform: amd64,
      layerSizes: [4096],
      format: 'oci'
    }),
    await pushImage(reg, 'team/oci', undefined, {
      platform: arm64v8,
      layerSizes: [100, 200],
      format: 'oci'
    }),
    await pushImage(reg, 'team/oci', undefined, {
      platform: armv7,
      layerSizes: [300],
      format: 'oci'
    })
  ]
  const ociIndex = await pushIndex(reg, 'team/oci', 'v2', ociChildren, {
    format: 'oci',
    attestations: true
  })

  // An index whose entries are an image and another index (OCI allows nesting).
  const s390x = await pushImage(reg, 'team/nested', undefined, {
    platform: { os: 'linux', architecture: 's390x' },
    layerSizes: [50],
    format: 'oci'
  })
  const ppc = await pushImage(reg, 'team/nested', undefined, {
    platform: { os: 'linux', architecture: 'ppc64le' },
    layerSizes: [60],
    format: 'oci'
  })
  const inner = await pushIndex(reg, 'team/nested', 'inner', [ppc], { format: 'oci' })
  const outerBody = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: s390x.mediaType,
        digest: s390x.digest,
        size: s390x.size,
        platform: { os: 'linux', architecture: 's390x' }
      },
      { mediaType: inner.mediaType, digest: inner.digest, size: inner.size }
    ]
  })
  const nestedDigest = await pushManifest(
    reg,
    'team/nested',
    'outer',
    outerBody,
    'application/vnd.oci.image.index.v1+json'
  )

  const ociSingle = await pushImage(reg, 'team/single', 'oci', {
    platform: arm64v8,
    layerSizes: [1500, 10],
    format: 'oci'
  })
  const dockerSingle = await pushImage(reg, 'team/single', 'docker', {
    platform: amd64,
    layerSizes: [2222],
    format: 'docker'
  })
  const s1 = await pushSchema1(reg, 'legacy/hello', 'old', {
    signed: true,
    layerSizes: [321, 654],
    architecture: 'arm',
    throwawayLayers: 2
  })

  const windowsChildren = [
    await pushImage(reg, 'team/win', undefined, {
      platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.379' },
      layerSizes: [900],
      format: 'docker'
    }),
    await pushImage(reg, 'team/win', undefined, {
      platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1607' },
      layerSizes: [800],
      format: 'docker'
    }),
    await pushImage(reg, 'team/win', undefined, {
      platform: amd64,
      layerSizes: [700],
      format: 'docker'
    })
  ]
  const windows = await pushIndex(reg, 'team/win', 'ltsc', windowsChildren, { format: 'docker' })

  fx = {
    dockerList: { digest: dockerList.digest, children: dockerChildren },
    ociIndex: {
      digest: ociIndex.digest,
      children: ociChildren,
      attestations: ociIndex.attestationDigests
    },
    nested: { digest: nestedDigest, inner: inner.digest },
    ociSingle,
    dockerSingle,
    schema1: { digest: s1.digest, layers: s1.layers, total: s1.totalLayerSize },
    windows: { digest: windows.digest, children: windowsChildren }
  }
}, 120_000)

afterAll(async () => {
  await reg?.stop()
})

function imageOf(
  run: ActionRun,
  image: string
): NonNullable<ActionRun['report']>['images'][number] {
  const found = run.report?.images.find(i => i.image === image)
  if (!found)
    throw new Error(`no report entry for ${image}; stderr: ${run.stderr}\nstdout: ${run.stdout}`)
  return found
}

describe('every manifest kind against a real registry', () => {
  let run: ActionRun
  const img = (repo: string): string => `${reg.host}/${repo}`

  beforeAll(async () => {
    run = await runAction({
      images: [
        img('team/app:v1'),
        img('team/oci:v2'),
        img('team/nested:outer'),
        img('team/single:oci'),
        img('team/single:docker'),
        img('legacy/hello:old'),
        img('team/win:ltsc')
      ].join('\n'),
      platforms: ''
    })
  }, 60_000)

  test('exits 0 and reports ok', () => {
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.outputs.ok).toBe('true')
    expect(run.report?.ok).toBe(true)
  })

  test('Docker manifest list: the list digest (not the amd64 child) and every platform', () => {
    const d = digestsOf(run)[img('team/app:v1')]
    expect(d.digest).toBe(fx.dockerList.digest)
    expect(d.ref).toBe(`${reg.host}/team/app:v1`)
    expect(d.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json')
    expect(d.platforms).toEqual({
      'linux/amd64': fx.dockerList.children[0].digest,
      'linux/arm64': fx.dockerList.children[1].digest,
      'linux/arm/v6': fx.dockerList.children[2].digest
    })
    const r = imageOf(run, img('team/app:v1'))
    expect(r.platforms.map(p => [p.platform, p.layers, p.size])).toEqual([
      ['linux/amd64', 2, 3345],
      ['linux/arm64', 1, 777],
      ['linux/arm/v6', 3, 608]
    ])
    expect(r.platforms[0].config).toBe(fx.dockerList.children[0].configDigest)
    expect(r.attestations).toBe(0)
  })

  test('OCI index: attestations counted, never platforms', () => {
    const r = imageOf(run, img('team/oci:v2'))
    expect(r.digest).toBe(fx.ociIndex.digest)
    expect(r.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(r.attestations).toBe(3)
    expect(r.platforms.map(p => p.platform)).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7'])
    expect(r.platforms.map(p => p.size)).toEqual(fx.ociIndex.children.map(sum))
    expect(r.platforms.map(p => p.digest)).toEqual(fx.ociIndex.children.map(c => c.digest))
    expect(Object.keys(digestsOf(run)[img('team/oci:v2')].platforms ?? {})).not.toContain(
      'unknown/unknown'
    )
  })

  test('nested index: platforms of the inner index are found', () => {
    const r = imageOf(run, img('team/nested:outer'))
    expect(r.digest).toBe(fx.nested.digest)
    expect(r.platforms.map(p => [p.platform, p.size])).toEqual([
      ['linux/s390x', 50],
      ['linux/ppc64le', 60]
    ])
  })

  test('single OCI and Docker manifests: platform read from the config blob', () => {
    const oci = imageOf(run, img('team/single:oci'))
    expect(oci.digest).toBe(fx.ociSingle.digest)
    expect(oci.mediaType).toBe('application/vnd.oci.image.manifest.v1+json')
    expect(oci.platforms).toHaveLength(1)
    expect(oci.platforms[0]).toMatchObject({
      platform: 'linux/arm64',
      digest: fx.ociSingle.digest,
      layers: 2,
      size: 1510
    })
    const docker = imageOf(run, img('team/single:docker'))
    expect(docker.platforms[0]).toMatchObject({
      platform: 'linux/amd64',
      digest: fx.dockerSingle.digest,
      layers: 1,
      size: 2222
    })
  })

  test('signed schema 1: digest of the signed payload, sizes from blob Content-Length, throwaways skipped', () => {
    const r = imageOf(run, img('legacy/hello:old'))
    expect(r.digest).toBe(fx.schema1.digest)
    expect(r.mediaType).toBe('application/vnd.docker.distribution.manifest.v1+prettyjws')
    expect(r.platforms).toHaveLength(1)
    expect(r.platforms[0]).toMatchObject({
      platform: 'linux/arm/v7',
      layers: 2,
      size: fx.schema1.total
    })
    expect(r.platforms[0].layerList?.map(l => l.digest)).toEqual(
      fx.schema1.layers.map(l => l.digest)
    )
    expect(run.outputs.pinned.split('\n')).toContain(
      `${reg.host}/legacy/hello:old@${fx.schema1.digest}`
    )
  })

  test('Windows builds keep os.version in their keys', () => {
    const d = digestsOf(run)[img('team/win:ltsc')]
    expect(Object.keys(d.platforms ?? {})).toEqual([
      'windows(10.0.17763.379)/amd64',
      'windows(10.0.20348.1607)/amd64',
      'linux/amd64'
    ])
  })

  test('pinned output: one line per image, name:tag@digest', () => {
    const lines = run.outputs.pinned.split('\n')
    expect(lines).toHaveLength(7)
    expect(lines[0]).toBe(`${reg.host}/team/app:v1@${fx.dockerList.digest}`)
  })

  test('missing output is an empty JSON array when nothing is required', () => {
    expect(JSON.parse(run.outputs.missing)).toEqual([])
  })

  test('job summary: a table per image with short digests, layer counts, sizes and totals', () => {
    expect(run.summary).toContain('## digest-gate ✅')
    expect(run.summary).toContain('| Platform | Digest | Layers | Size |')
    const short = fx.dockerList.children[0].digest.slice(0, 'sha256:'.length + 12)
    expect(run.summary).toContain(
      `| <code>linux/amd64</code> | <code>${short}</code> | 2 | 3.27 KiB |`
    )
    expect(run.summary).toContain('| **Total: 3 platforms** | | 6 | 4.62 KiB |')
    expect(run.summary).toContain('Attestations: 3')
  })
})

describe('required platforms', () => {
  const images = (): string => `${reg.host}/team/app:v1, ${reg.host}/team/win:ltsc`

  test('a gap is a warning and the step passes without fail-on-missing', async () => {
    const run = await runAction({
      images: images(),
      platforms: 'linux/amd64, linux/arm/v7, windows/amd64'
    })
    expect(run.code).toBe(0)
    expect(run.outputs.ok).toBe('false')
    expect(JSON.parse(run.outputs.missing)).toEqual([
      { image: `${reg.host}/team/app:v1`, platform: 'linux/arm/v7' },
      { image: `${reg.host}/team/app:v1`, platform: 'windows/amd64' },
      { image: ` ${reg.host}/team/win:ltsc`.trim(), platform: 'linux/arm/v7' }
    ])
    // linux/arm/v6 is present but must not stand in for v7.
    expect(run.stdout).toMatch(
      /::warning title=digest-gate%3A linux\/arm\/v7 missing::.*team\/app:v1 has no linux\/arm\/v7 image/
    )
    expect(run.stdout).not.toMatch(/::error/)
    expect(run.summary).toContain(
      '**Missing:** <code>linux/arm/v7</code>, <code>windows/amd64</code>'
    )
  })

  test('fail-on-missing turns gaps into errors and fails the step', async () => {
    const run = await runAction({
      images: images(),
      platforms: 'linux/amd64\nlinux/arm/v7',
      'fail-on-missing': 'true'
    })
    expect(run.code).toBe(1)
    expect(run.outputs.ok).toBe('false')
    expect(run.stdout).toMatch(/::error title=digest-gate%3A linux\/arm\/v7 missing::/)
    expect(run.stdout).toMatch(/::error::2 required platforms are missing/)
  })

  test('aliases and os.version prefixes match exactly what they name', async () => {
    const run = await runAction({
      images: `${reg.host}/team/win:ltsc`,
      platforms:
        'x86_64, windows(10.0.20348)/amd64, windows(10.0.17763)/amd64, windows(10.0.14393)/amd64',
      'fail-on-missing': 'true'
    })
    expect(JSON.parse(run.outputs.missing)).toEqual([
      { image: `${reg.host}/team/win:ltsc`, platform: 'windows(10.0.14393)/amd64' }
    ])
    expect(run.code).toBe(1)
  })

  test('all required present: ok and exit 0 with fail-on-missing', async () => {
    const run = await runAction({
      images: `${reg.host}/team/oci:v2`,
      platforms: 'linux/amd64,aarch64,armhf',
      'fail-on-missing': 'true'
    })
    expect(run.code).toBe(0)
    expect(run.outputs.ok).toBe('true')
  })
})

describe('a mix of good, invalid and unknown references', () => {
  let run: ActionRun
  beforeAll(async () => {
    run = await runAction({
      images: [
        `${reg.host}/team/app:v1`,
        '# a comment line',
        `${reg.host}/Team/App:v1`,
        `${reg.host}/team/app:nope`,
        `${reg.host}/team/ghost:v1`,
        `${reg.host}/team/oci@sha256:${'0'.repeat(64)}`,
        `${reg.host}/team/single:docker`
      ].join('\n')
    })
  }, 60_000)

  test('the step fails, but every image is reported', () => {
    expect(run.code).toBe(1)
    expect(run.outputs.ok).toBe('false')
    const d = digestsOf(run)
    expect(Object.keys(d)).toHaveLength(6)
    expect(d[`${reg.host}/team/app:v1`].digest).toBe(fx.dockerList.digest)
    expect(d[`${reg.host}/team/single:docker`].digest).toBe(fx.dockerSingle.digest)
    expect(run.outputs.pinned.split('\n')).toHaveLength(2)
    expect(run.stdout).toMatch(/::error::4 of 6 images could not be resolved/)
  })

  test('an invalid reference says what is wrong with it', () => {
    expect(digestsOf(run)[`${reg.host}/Team/App:v1`].error).toMatch(
      /repository name must be lowercase/
    )
  })

  test('unknown tag, unknown repository and unknown digest name the image, registry and answer', () => {
    const d = digestsOf(run)
    expect(d[`${reg.host}/team/app:nope`].error).toMatch(
      new RegExp(`${reg.host} answered HTTP 404 .*MANIFEST_UNKNOWN`)
    )
    expect(d[`${reg.host}/team/ghost:v1`].error).toMatch(
      /HTTP 404 .*(NAME_UNKNOWN|MANIFEST_UNKNOWN)/
    )
    expect(d[`${reg.host}/team/oci@sha256:${'0'.repeat(64)}`].error).toMatch(/HTTP 404/)
    const r = imageOf(run, `${reg.host}/team/app:nope`)
    expect(r.errorDetail).toMatchObject({
      kind: 'not-found',
      registry: reg.host,
      code: 'MANIFEST_UNKNOWN'
    })
    // Annotation properties are %-encoded by the toolkit; the runner decodes them.
    const title = `digest-gate%3A cannot resolve ${reg.host.replace(':', '%3A')}/team/app%3Anope`
    expect(run.stdout).toContain(
      `::error title=${title}::${reg.host}/team/app:nope: ${reg.host} answered HTTP 404 for manifest team/app:nope: MANIFEST_UNKNOWN manifest unknown`
    )
  })

  test('no stack trace reaches the log', () => {
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/)
  })
})

describe('references', () => {
  test('tag plus digest: the digest decides, the tag is kept for display', async () => {
    const other = fx.ociIndex.digest
    const image = `${reg.host}/team/oci:not-a-real-tag@${other}`
    const run = await runAction({ images: image })
    expect(run.code).toBe(0)
    expect(digestsOf(run)[image]).toMatchObject({
      digest: other,
      ref: `${reg.host}/team/oci:not-a-real-tag`
    })
    expect(run.outputs.pinned).toBe(`${reg.host}/team/oci:not-a-real-tag@${other}`)
  })

  test('a platform manifest fetched by digest is verified and reported alone', async () => {
    const child = fx.dockerList.children[1]
    const image = `${reg.host}/team/app@${child.digest}`
    const run = await runAction({ images: image })
    expect(run.code).toBe(0)
    expect(digestsOf(run)[image].platforms).toEqual({ 'linux/arm64': child.digest })
  })

  test('identical references are resolved once and reported under each spelling', async () => {
    const a = `${reg.host}/team/app:v1`
    const run = await runAction({ images: `${a}\n${a}` })
    expect(run.code).toBe(0)
    expect(run.report?.images).toHaveLength(2)
  })

  test('an unreachable registry fails that image with a clear message, quickly', async () => {
    const run = await runAction({ images: '127.0.0.1:1/x/y:z', timeout: '5' })
    expect(run.code).toBe(1)
    expect(digestsOf(run)['127.0.0.1:1/x/y:z'].error).toMatch(
      /cannot reach 127\.0\.0\.1:1: ECONNREFUSED/
    )
  })
})

describe('input validation', () => {
  test('bad inputs fail the step with a message naming the input, no stack trace', async () => {
    const run = await runAction({
      images: 'nginx',
      platforms: 'linux/amd64/v3/x',
      'fail-on-missing': 'yes',
      timeout: '-1'
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain("Input 'platforms': Invalid platform 'linux/amd64/v3/x'")
    expect(run.stdout).toContain(
      "Invalid value for input 'fail-on-missing': 'yes'. Expected 'true' or 'false'."
    )
    expect(run.stdout).toContain("Invalid value for input 'timeout'")
    expect(run.stdout).not.toMatch(/\n\s+at /)
  })

  test('images is required', async () => {
    const run = await runAction({ images: '  \n# nothing\n' })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain("Input 'images' is required")
  })
})
