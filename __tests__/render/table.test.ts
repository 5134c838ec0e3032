/**
 * The terminal table (renderTable) and one log line per image (imageLogLines). Pure functions; the built action is tested in
 * integration/verdict-and-log.test.ts and integration/terminal-escapes.test.ts. The verdict is
 * tested in summary.test.ts, and the rule for log lines in model/text.test.ts (logText) and
 * model/sanitize.test.ts (plainLog).
 */
import { parsePlatform } from '../../src/model/platform.js'
import { imageLogLines, renderTable } from '../../src/render/table.js'
import { D, sampleImage as image, sizedPlatform as platform } from '../helpers/records.js'
import { failed, fromDocker, nginx } from '../helpers/report-records.js'

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

describe('renderTable', () => {
  test('a terminal table with totals, gaps and errors', () => {
    const out = renderTable([nginx(), failed(), fromDocker()], false)
    expect(out).toContain('! nginx:1.27')
    expect(out).toContain(`  docker.io/library/nginx:1.27@${D('1')}`)
    expect(out).toMatch(/linux\/amd64\s+sha256:aaaaaaaaaaaa\s+7\s+65\.0 MiB/)
    expect(out).toMatch(/total \(2\)\s+14\s+126\.0 MiB/)
    expect(out).toContain('  missing: linux/s390x')
    expect(out).toContain('  attestations: 2')
    expect(out).toContain('✗ ghcr.io/nope/missing:1')
    expect(out).toMatch(/total \(2\)\s+n\/a\s+n\/a/)
    expect(out.split('\n').at(-1)).toBe('not ok')
  })
})
