/**
 * The run's verdict for the headline (verdictOf), one log line per image (imageLogLines) and
 * the one rule for log lines and annotations (logText, plainLog). Pure functions; the built
 * action is tested in integration/verdict-and-log.test.ts and integration/terminal-escapes.test.ts.
 */
import { parsePlatform } from '../../src/model/platform.js'
import type { ImageRecord, PlatformRecord } from '../../src/model/record.js'
import { plainLog } from '../../src/model/sanitize.js'
import { summaryHeadline, verdictOf } from '../../src/render/summary.js'
import { imageLogLines } from '../../src/render/table.js'
import { logText } from '../../src/model/text.js'

const D = (c: string): string => `sha256:${c.repeat(64)}`
const MiB = 1024 * 1024

function platform(key: string, size: number | null): PlatformRecord {
  return { platform: key, digest: D('b'), mediaType: null, layers: 1, size }
}

function image(extra: Partial<ImageRecord> = {}): ImageRecord {
  return {
    image: 'nginx:1.27',
    ref: 'docker.io/library/nginx:1.27',
    digest: D('1'),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms: [platform('linux/amd64', 40 * MiB), platform('linux/arm64', 28.1 * MiB)],
    attestations: 0,
    missing: [],
    error: null,
    notes: [],
    ...extra
  }
}

describe('verdictOf: what the headline says', () => {
  test.each<[string, string | undefined, Partial<ImageRecord>, string[], string]>([
    ['nothing wrong', undefined, {}, [], 'passed'],
    [
      'a missing platform that does not fail',
      undefined,
      { missing: ['linux/s390x'] },
      [],
      'findings'
    ],
    [
      'a violation that does not fail',
      undefined,
      {
        violations: [
          { image: 'x', platform: 'linux/amd64', rule: 'max-size', expected: '1', found: '2' }
        ]
      },
      [],
      'findings'
    ],
    ['a warning of the run', undefined, {}, ['wait ran out'], 'findings'],
    [
      'the step fails',
      '1 required platform is missing',
      { missing: ['linux/s390x'] },
      [],
      'failed'
    ],
    ['the step fails for a reason of its own', 'bad baseline', {}, [], 'failed']
  ])('%s', (_what, failure, extra, warnings, verdict) => {
    expect(verdictOf(failure, { records: [image(extra)], warnings })).toBe(verdict)
  })

  test.each([
    ['passed', '✅'],
    ['findings', '⚠️'],
    ['failed', '❌']
  ] as const)('%s is headed %s', (verdict, mark) => {
    expect(summaryHeadline([image()], verdict)[0]).toBe(`## digest-gate ${mark}`)
  })
})

describe('imageLogLines', () => {
  const amd64 = parsePlatform('linux/amd64')
  const arm64 = parsePlatform('linux/arm64')

  test('reference, digest, required platforms found out of those required, total size', () => {
    expect(imageLogLines({ records: [image()] }, [amd64, arm64])).toEqual([
      `docker.io/library/nginx:1.27 ${D('1')} 2/2 platforms (linux/amd64, linux/arm64) 68.1 MiB`
    ])
  })

  test('a missing platform; unknown sizes; a failed image has its annotation instead', () => {
    const records = [
      image({ missing: ['linux/s390x'] }),
      image({ platforms: [platform('linux/amd64', null)], missing: ['linux/s390x'] }),
      image({ error: 'nope: not found', ref: null, digest: null, platforms: [] })
    ]
    expect(imageLogLines({ records }, [amd64, parsePlatform('linux/s390x')])).toEqual([
      `docker.io/library/nginx:1.27 ${D('1')} 1/2 platforms (linux/amd64; missing linux/s390x) 68.1 MiB`,
      `docker.io/library/nginx:1.27 ${D('1')} 1/2 platforms (linux/amd64; missing linux/s390x) size n/a`
    ])
  })

  test("none required: the platforms found; a policy rule's own platforms win", () => {
    const records = [image(), image()]
    const policy = { rules: [{}, { platforms: [arm64] }] }
    expect(imageLogLines({ records, policy }, [])).toEqual([
      `docker.io/library/nginx:1.27 ${D('1')} 2 platforms (linux/amd64, linux/arm64), none required 68.1 MiB`,
      `docker.io/library/nginx:1.27 ${D('1')} 1/1 platforms (linux/arm64) 68.1 MiB`
    ])
  })

  test('with files, only the images given; registry text made plain', () => {
    const given = image({ ref: 'ghcr.io/o/a:1\u001b[31m' })
    expect(imageLogLines({ records: [given, image()], imageRecords: [given] }, [])).toEqual([
      `ghcr.io/o/a:1?[31m ${D('1')} 2 platforms (linux/amd64, linux/arm64), none required 68.1 MiB`
    ])
  })
})

describe('the one rule for the log: logText and plainLog', () => {
  test('controls shown as ?, invisible controls made visible, line breaks kept', () => {
    expect(logText('a\u001b[30;40mb\u0007c\u0000\u202e\nnext\r\nlast\rcr')).toBe(
      'a?[30;40mb?c?<U+202E>\nnext\nlast cr'
    )
  })

  test('plainLog passes every message and title through it; secrets and outputs as they are', () => {
    const calls: unknown[][] = []
    const record =
      (name: string) =>
      (...args: unknown[]): void =>
        void calls.push([name, ...args])
    const sink = {
      info: record('info'),
      debug: record('debug'),
      warning: record('warning'),
      error: record('error'),
      notice: record('notice'),
      setFailed: record('setFailed'),
      setSecret: record('setSecret'),
      setOutput: record('setOutput')
    }
    const log = plainLog(sink)
    const bad = 'x\u001b]8;;https://e.vil\u0007y'
    log.info(bad)
    log.debug(bad)
    log.warning(bad, { title: bad, file: 'a.yml', startLine: 2 })
    log.error(new Error(bad))
    log.notice(bad)
    log.setFailed(bad)
    log.setSecret(bad)
    log.setOutput('o', bad)
    const shown = 'x?]8;;https://e.vil?y'
    expect(calls).toEqual([
      ['info', shown],
      ['debug', shown],
      ['warning', shown, { title: shown, file: 'a.yml', startLine: 2 }],
      ['error', `Error: ${shown}`, undefined],
      ['notice', shown, undefined],
      ['setFailed', shown],
      ['setSecret', bad],
      ['setOutput', 'o', bad]
    ])
  })
})
