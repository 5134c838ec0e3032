import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  droppedPlatforms,
  matchBaseline,
  parseBaseline,
  readBaseline,
  repositoryOf,
  sizeDeltas
} from '../../src/report/baseline.js'
import { type ImageRecord, emptyRecord } from '../../src/model/record.js'

function record(image: string, ref: string, sizes: Record<string, number | null>): ImageRecord {
  return {
    ...emptyRecord(image),
    ref,
    digest: `sha256:${'a'.repeat(64)}`,
    platforms: Object.entries(sizes).map(([platform, size]) => ({
      platform,
      digest: `sha256:${'b'.repeat(64)}`,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      layers: size === null ? null : 2,
      size
    }))
  }
}

const report = JSON.stringify({
  ok: true,
  images: [
    {
      image: 'ghcr.io/acme/api:main',
      ref: 'ghcr.io/acme/api:main',
      digest: `sha256:${'c'.repeat(64)}`,
      platforms: [
        { platform: 'linux/amd64', size: 1000, layers: 3 },
        { platform: 'linux/arm64', size: 2000, layers: 3 }
      ]
    },
    { image: 'nginx:1.27', ref: 'docker.io/library/nginx:1.27', platforms: [] },
    { image: 'a/one:1', ref: 'docker.io/a/one:1', platforms: [] },
    { image: 'a/one:2', ref: 'docker.io/a/one:2', platforms: [] }
  ]
})

describe('parseBaseline', () => {
  test('reads what a report file holds', () => {
    const b = parseBaseline(report, 'base.json')
    expect(b.images).toHaveLength(4)
    expect(b.images[0].platforms).toEqual([
      { platform: 'linux/amd64', size: 1000, layers: 3 },
      { platform: 'linux/arm64', size: 2000, layers: 3 }
    ])
  })

  test.each([
    ['{', /baseline base\.json is not a digest-gate report file: not valid JSON/],
    ['[]', /baseline base\.json is not a digest-gate report file: no 'images' array/],
    ['{"images":[{}]}', /images\[0\] has no 'image'/]
  ])('%s is refused, naming the file', (text, message) => {
    expect(() => parseBaseline(text, 'base.json')).toThrow(message)
  })

  test('sizes that are not whole non-negative numbers are unknown, not guessed', () => {
    const b = parseBaseline(
      '{"images":[{"image":"x","platforms":[{"platform":"linux/amd64","size":-1},{"platform":"linux/arm64","size":"9"}]}]}',
      'b'
    )
    expect(b.images[0].platforms.map(p => p.size)).toEqual([null, null])
  })
})

describe('matching and deltas', () => {
  const baseline = parseBaseline(report, 'base.json')

  test.each([
    ['ghcr.io/acme/api:main@sha256:' + 'd'.repeat(64), 'ghcr.io/acme/api'],
    ['localhost:5000/x/y:1', 'localhost:5000/x/y'],
    ['localhost:5000/x/y', 'localhost:5000/x/y']
  ])('repositoryOf(%s) = %s', (ref, repo) => {
    expect(repositoryOf(ref)).toBe(repo)
  })

  test('the same image first, then the only image of the same repository', () => {
    expect(matchBaseline({ image: 'nginx:1.27', ref: 'x' }, baseline)?.matchedBy).toBe('image')
    expect(
      matchBaseline({ image: 'ghcr.io/acme/api:pr-7', ref: 'ghcr.io/acme/api:pr-7' }, baseline)
    ).toMatchObject({ matchedBy: 'repository', image: { image: 'ghcr.io/acme/api:main' } })
    // Two baseline tags of docker.io/a/one: no guess.
    expect(matchBaseline({ image: 'a/one:3', ref: 'docker.io/a/one:3' }, baseline)).toBeUndefined()
  })

  test('per platform: bytes and ratio where both are known', () => {
    const r = record('ghcr.io/acme/api:pr-7', 'ghcr.io/acme/api:pr-7', {
      'linux/amd64': 1100,
      'linux/arm64': null,
      'linux/s390x': 500
    })
    expect(sizeDeltas(r, baseline)).toEqual({
      image: 'ghcr.io/acme/api:pr-7',
      against: 'ghcr.io/acme/api:main',
      matchedBy: 'repository',
      platforms: [
        { platform: 'linux/amd64', before: 1000, after: 1100, delta: 100, ratio: 0.1 },
        { platform: 'linux/arm64', before: 2000, after: null, delta: null, ratio: null },
        { platform: 'linux/s390x', before: null, after: 500, delta: null, ratio: null }
      ]
    })
  })
})

describe('droppedPlatforms', () => {
  const baseline = parseBaseline(report, 'base.json')
  test('the baseline platforms this run no longer has, in baseline order', () => {
    const r = record('ghcr.io/acme/api:pr-7', 'ghcr.io/acme/api:pr-7', { 'linux/s390x': 1 })
    expect(droppedPlatforms(r, baseline)).toEqual(['linux/amd64', 'linux/arm64'])
    const same = record('ghcr.io/acme/api:pr-7', 'ghcr.io/acme/api:pr-7', {
      'linux/arm64': 1,
      'linux/amd64': 1
    })
    expect(droppedPlatforms(same, baseline)).toEqual([])
  })

  test('none without a match, for a failed image, or when no platform was read', () => {
    expect(droppedPlatforms(record('x/y:1', 'docker.io/x/y:1', { a: 1 }), baseline)).toEqual([])
    const unread = record('ghcr.io/acme/api:pr-7', 'ghcr.io/acme/api:pr-7', {})
    expect(droppedPlatforms(unread, baseline)).toEqual([])
    const failed = {
      ...record('ghcr.io/acme/api:main', 'ghcr.io/acme/api:main', { a: 1 }),
      error: 'x'
    }
    expect(droppedPlatforms(failed, baseline)).toEqual([])
  })
})

describe('readBaseline', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dg-baseline-'))
    await writeFile(join(dir, 'bad.json'), '[]')
    await writeFile(join(dir, 'good.json'), report)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  test('none given: nothing read, no problem', async () => {
    expect(await readBaseline({})).toEqual({ problems: [] })
  })

  test('a readable report is the baseline, named by its path', async () => {
    const read = await readBaseline({ baseline: join(dir, 'good.json') })
    expect(read.problems).toEqual([])
    expect(read.baseline?.source).toBe(`'${join(dir, 'good.json')}' (input 'baseline')`)
    expect(read.baseline?.images).toHaveLength(4)
  })

  test('an unusable one is a run problem naming the input and file, with no Error: prefix', async () => {
    const absent = join(dir, 'absent.json')
    expect(await readBaseline({ baseline: absent })).toEqual({
      problems: [
        `Input 'baseline': cannot read '${absent}' (ENOENT); expected the path of a report file from an earlier run`
      ]
    })
    const bad = join(dir, 'bad.json')
    expect(await readBaseline({ baseline: bad })).toEqual({
      problems: [
        `baseline '${bad}' (input 'baseline') is not a digest-gate report file: no 'images' array`
      ]
    })
  })
})
