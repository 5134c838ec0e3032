import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type LoadedReport,
  findReports,
  mergeReports,
  parseReport,
  runMerge
} from '../../src/run/merge.js'
import { buildReport } from '../../src/report/report-file.js'
import { type ImageRecord, emptyRecord } from '../../src/model/record.js'
import { selectShard } from '../../src/run/shard.js'
import { parseSettings } from '../../src/run/settings.js'

const D = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`

function record(image: string, digest = D(image.length)): ImageRecord {
  return {
    ...emptyRecord(image),
    ref: `registry.example/${image}`,
    digest,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms: [{ platform: 'linux/amd64', digest: D(1), mediaType: null, layers: 2, size: 10 }]
  }
}

/** The reports a 3-shard matrix writes for `images`, as their files would read. */
function shardReports(images: string[], count = 3): LoadedReport[] {
  return Array.from({ length: count }, (_, i) => {
    const slice = selectShard(images, { index: i + 1, count })
    const text = JSON.stringify(
      buildReport(
        slice.images.map(image => record(image)),
        true,
        {
          requests: slice.images.length,
          durationMs: 100 * (i + 1),
          shard: {
            index: i + 1,
            count,
            images: slice.images.length,
            total: images.length,
            positions: slice.positions
          }
        }
      )
    )
    return parseReport(text, `shard-${i + 1}.json`)
  })
}

const images = Array.from({ length: 30 }, (_, i) => `app-${i}:1`)

describe('mergeReports', () => {
  test('shards merge back into the whole list, in its order', () => {
    const merged = mergeReports(shardReports(images).reverse())
    expect(merged.problems).toEqual([])
    expect(merged.records.map(r => r.image)).toEqual(images)
    expect(merged.facts).toMatchObject({
      requests: 30,
      durationMs: 300,
      merged: {
        reports: ['shard-3.json', 'shard-2.json', 'shard-1.json'],
        shards: { count: 3, indexes: [1, 2, 3] },
        images: 30
      }
    })
  })

  test('a shard that is not there is named', () => {
    const merged = mergeReports(shardReports(images).filter((_, i) => i !== 1))
    expect(merged.problems).toEqual([
      'shard 2 of 3 is missing: no report given is 2/3, so their images are not in the merged report'
    ])
  })

  test('the same image in two reports is one image when the results agree, a problem when not', () => {
    const a = parseReport(
      JSON.stringify(buildReport([record('x:1'), record('y:1')], true)),
      'a.json'
    )
    const same = parseReport(JSON.stringify(buildReport([record('x:1')], true)), 'b.json')
    expect(mergeReports([a, same])).toMatchObject({ problems: [] })
    expect(mergeReports([a, same]).records.map(r => r.image)).toEqual(['x:1', 'y:1'])
    const moved = parseReport(JSON.stringify(buildReport([record('x:1', D(99))], true)), 'c.json')
    const { problems, records } = mergeReports([a, moved])
    expect(records.map(r => r.image)).toEqual(['x:1', 'y:1'])
    expect(problems).toEqual([
      `'x:1' is in 'a.json' and in 'c.json' with different results (a.json: ${D(3)}, c.json: ${D(99)}); re-run the shards against the same images, or merge one of them`
    ])
  })

  test('an image given twice in one run stays twice, as the run reported it', () => {
    const a = parseReport(
      JSON.stringify(buildReport([record('x:1'), record('x:1')], true)),
      'a.json'
    )
    expect(mergeReports([a]).records).toHaveLength(2)
  })

  test('reports of different splits are refused', () => {
    const three = shardReports(images, 3)
    const two = shardReports(images, 2)
    expect(mergeReports([...three.slice(0, 2), two[0]]).problems[0]).toMatch(
      /^the reports come from different splits: 'shard-1.json' is shard 1\/3, 'shard-2.json' is shard 2\/3, 'shard-1.json' is shard 1\/2$/
    )
  })

  test('cache figures add up; the longest wait stands for all', () => {
    const [a, b] = shardReports(images, 2)
    a.run = {
      ...a.run,
      cache: { dir: 'c', hits: 3, misses: 1, stored: 1, corrupt: 0, writeErrors: 0 },
      wait: { seconds: 60, rounds: 2, waitedMs: 3000, timedOut: false, pending: [] }
    }
    b.run = {
      ...b.run,
      cache: { dir: 'c', hits: 5, misses: 0, stored: 0, corrupt: 1, writeErrors: 0 },
      wait: {
        seconds: 60,
        rounds: 4,
        waitedMs: 60000,
        timedOut: true,
        pending: [{ image: 'app-3:1', reason: 'not-found', platforms: [] }]
      }
    }
    const { facts } = mergeReports([a, b])
    expect(facts.cache).toEqual({
      dir: 'c',
      hits: 8,
      misses: 1,
      stored: 1,
      corrupt: 1,
      writeErrors: 0
    })
    expect(facts.wait).toMatchObject({ rounds: 4, waitedMs: 60000, timedOut: true })
  })
})

describe('parseReport', () => {
  test.each<[string, string]>([
    ['{', 'not valid JSON'],
    ['[]', "no 'images' array"],
    ['{"images": []}', "no 'ok'"],
    ['{"ok": true, "images": [{}]}', "images[0] has no 'image'"],
    ['{"ok": true, "images": [{"image": "a"}]}', "images[0] ('a') has no valid 'platforms'"],
    [
      '{"ok": true, "images": [{"image": "a", "platforms": [], "digest": 5}]}',
      "images[0] ('a') has a 'digest' that is neither text nor null"
    ],
    [
      '{"ok": true, "images": [{"image": "a", "platforms": [], "missing": [1]}]}',
      "images[0] ('a') has a 'missing' that is not a list of platforms"
    ]
  ])('%j: the file and the problem are named', (text, why) => {
    expect(() => parseReport(text, 'shards/r.json')).toThrow(
      `Input 'reports': 'shards/r.json' is not a digest-gate report file: ${why}`
    )
  })
})

describe('findReports', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dg-merge-'))
    await mkdir(join(dir, 'shards'))
    for (const name of ['report-1.json', 'report-2.json', 'notes.txt'])
      await writeFile(join(dir, 'shards', name), '{}')
    await writeFile(join(dir, 'odd[1].json'), '{}')
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  test('paths and globs, each file once, in a stable order', async () => {
    const found = await findReports(
      ['shards/*.json', join(dir, 'shards', 'report-1.json'), 'odd[1].json'].map(l =>
        l.startsWith('/') ? l : join(dir, l)
      ),
      dir
    )
    expect(found.problems).toEqual([])
    expect(found.files.map(f => f.replace(`${dir}/`, ''))).toEqual([
      'shards/report-1.json',
      'shards/report-2.json',
      'odd[1].json'
    ])
  })

  test('a line that matches nothing is named', async () => {
    const found = await findReports(['none/*.json', 'absent.json'], dir)
    expect(found.files).toEqual([])
    expect(found.problems).toEqual([
      `Input 'reports': 'none/*.json' matches no file (looked in ${dir})`,
      "Input 'reports': cannot read 'absent.json' (no such file); expected a report file from a shard run, or a glob matching them"
    ])
  })
})

describe('runMerge', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dg-run-merge-'))
    await writeFile(join(dir, 'good.json'), JSON.stringify(buildReport([record('x:1')], true)))
    await writeFile(join(dir, 'bad.json'), '{"images": []}')
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  test('a file that is not a report is a problem naming it, with no Error: prefix', async () => {
    const result = await runMerge(
      parseSettings({
        mode: 'merge',
        reports: [join(dir, 'good.json'), join(dir, 'bad.json')].join('\n')
      })
    )
    expect(result.problems).toEqual([
      `Input 'reports': '${join(dir, 'bad.json')}' is not a digest-gate report file: no 'ok'`
    ])
    expect(result.records.map(r => r.image)).toEqual(['x:1'])
    expect(result.ok).toBe(false)
  })
})
