import type { FilesOutcome } from '../../src/model/files.js'
import type { ImageRecord } from '../../src/model/record.js'
import { type RunResult, failureOf, runResult } from '../../src/run/run-result.js'
import type { FailOn } from '../../src/policy/rule.js'
import { bareRecord as record } from '../helpers/records.js'

function outcome(overrides: Partial<FilesOutcome> = {}): FilesOutcome {
  return {
    mode: 'verify',
    files: [],
    annotations: [],
    changedFiles: [],
    failures: [],
    ...overrides
  }
}

/** A run's result; each record's `fail-on` is `failOn` unless given. */
function result(overrides: Partial<RunResult>, failOn: FailOn = 'never'): RunResult {
  const records = overrides.records ?? []
  return {
    records,
    missing: [],
    ok: true,
    facts: {},
    problems: [],
    warnings: [],
    violations: [],
    failOn: records.map(() => failOn),
    ...overrides
  }
}

/** A record that lacks `platform`, as evaluatePolicy leaves it. */
function lacking(image: string, platform: string, error: string | null = null): ImageRecord {
  return { ...record(image, error), missing: [platform] }
}

describe('failureOf', () => {
  test.each<[string, RunResult, string | undefined]>([
    ['all well', result({ records: [record('a')] }), undefined],
    [
      'a run problem wins',
      result({ records: [record('a', 'x')], problems: ['p1', 'p2'] }),
      'p1\np2'
    ],
    [
      'an image that failed',
      result({ records: [record('a'), record('b', 'x')] }),
      '1 of 2 images could not be resolved'
    ],
    [
      'with files, only the images given count as images; the files say why they fail',
      result({
        records: [record('a'), record('docker.io/library/b:1', 'tag gone')],
        imageRecords: [record('a')],
        files: outcome({
          failures: ['verify: 1 error in 1 file (1 stale); each is annotated at its line']
        })
      }),
      'verify: 1 error in 1 file (1 stale); each is annotated at its line'
    ],
    [
      'missing platforms without fail-on-missing pass',
      result({
        records: [lacking('a', 'linux/arm64')],
        missing: [{ image: 'a', platform: 'linux/arm64' }]
      }),
      undefined
    ]
  ])('%s', (_name, r, want) => {
    expect(failureOf(r)).toBe(want)
  })

  test('fail-on-missing fails on a missing platform, after an image failure is said', () => {
    const missing = [{ image: 'a', platform: 'linux/arm64' }]
    expect(failureOf(result({ records: [lacking('a', 'linux/arm64')], missing }, 'missing'))).toBe(
      '1 required platform is missing'
    )
    expect(
      failureOf(result({ records: [lacking('a', 'linux/arm64', 'x')], missing }, 'missing'))
    ).toBe('1 of 1 image could not be resolved')
  })

  test('with files, the files part and the missing platforms each say why', () => {
    const r = result(
      {
        records: [record('a'), lacking('docker.io/library/b:1', 'linux/arm64')],
        imageRecords: [record('a')],
        files: outcome({ failures: ['verify: 1 error in 1 file (1 stale)'] })
      },
      'missing'
    )
    expect(failureOf(r)).toBe('verify: 1 error in 1 file (1 stale)\n1 required platform is missing')
  })
})

describe('runResult: one assembly for every mode', () => {
  const judgement = { missing: [], violations: [], failOn: [] as FailOn[] }

  test('ok when every image resolved and nothing is missing, broken or a problem', () => {
    const r = runResult({ records: [record('a')], judgement, facts: {}, problems: [] })
    expect(r).toEqual({
      records: [record('a')],
      missing: [],
      ok: true,
      problems: [],
      warnings: [],
      violations: [],
      failOn: [],
      facts: {}
    })
    expect(runResult({ records: [record('a')], judgement, facts: {}, problems: ['p'] }).ok).toBe(
      false
    )
    expect(runResult({ records: [record('a', 'e')], judgement, facts: {}, problems: [] }).ok).toBe(
      false
    )
    const gap = { ...judgement, missing: [{ image: 'a', platform: 'linux/arm64' }] }
    expect(
      runResult({ records: [lacking('a', 'linux/arm64')], judgement: gap, facts: {}, problems: [] })
        .ok
    ).toBe(false)
  })

  test("with files: a reference's unresolved image is the files' verdict; their failures are not ok", () => {
    const parts = {
      records: [record('a'), record('docker.io/library/b:1', 'e')],
      imageRecords: [record('a')],
      judgement,
      facts: {},
      problems: []
    }
    const passing = runResult({ ...parts, files: outcome() })
    expect(passing.ok).toBe(true)
    expect(passing.imageRecords).toEqual([record('a')])
    expect(passing.files).toEqual(outcome())
    expect(runResult({ ...parts, files: outcome({ failures: ['verify: 1 error'] }) }).ok).toBe(
      false
    )
  })
})
