import {
  fileAnnotations,
  filesFailures,
  findingLevel,
  pinEntry,
  verifyEntries
} from '../../src/files/entries.js'
import { findReferences } from '../../src/files/find-references.js'
import { planPins } from '../../src/files/pin-plan.js'
import type { FileReport } from '../../src/model/files.js'
import {
  type Severity,
  type VerifyFinding,
  type VerifyStatus,
  planVerify
} from '../../src/files/verify-plan.js'
import type { Mode } from '../../src/model/mode.js'
import type { ImageRecord } from '../../src/model/record.js'
import { digest } from './helpers.js'

const [ref] = findReferences(
  'compose.yaml',
  'services:\n  web: {image: "ghcr.io/acme/web:1"}\n'
).references

function finding(
  status: VerifyStatus,
  severity: Severity,
  message: string = status
): VerifyFinding {
  return {
    file: ref.file,
    line: ref.line,
    column: ref.column,
    reference: ref,
    status,
    severity,
    message
  }
}

describe('findingLevel', () => {
  // [status, the plan's severity, verify, report, with fail-on-missing: verify, report]
  test.each<[VerifyStatus, Severity, Severity, Severity, Severity, Severity]>([
    ['stale', 'error', 'error', 'warning', 'error', 'warning'],
    ['single-platform', 'error', 'error', 'warning', 'error', 'warning'],
    ['single-platform', 'warning', 'warning', 'warning', 'warning', 'warning'],
    ['not-found', 'error', 'error', 'error', 'error', 'error'],
    ['failed', 'error', 'error', 'error', 'error', 'error'],
    ['invalid', 'error', 'error', 'error', 'error', 'error'],
    ['tag-missing', 'warning', 'warning', 'warning', 'warning', 'warning'],
    ['unpinned', 'error', 'error', 'warning', 'error', 'warning'],
    ['unpinned', 'notice', 'notice', 'notice', 'notice', 'notice'],
    ['missing-platforms', 'error', 'warning', 'warning', 'error', 'error'],
    ['ok', 'notice', 'notice', 'notice', 'notice', 'notice']
  ])('%s (%s): verify %s, report %s; fail-on-missing: %s, %s', (status, severity, ...want) => {
    const f = finding(status, severity)
    const got = (['verify', 'report'] as Mode[]).flatMap(mode =>
      [false, true].map(m => [mode, m] as const)
    )
    const levels = got.map(([mode, failOnMissing]) => findingLevel(f, mode, failOnMissing))
    expect([levels[0], levels[2], levels[1], levels[3]]).toEqual(want)
  })
})

describe('verifyEntries', () => {
  test('one entry per reference, at its worst finding, with every finding listed', () => {
    const entries = verifyEntries(
      [
        { ...finding('tag-missing', 'warning', 'the tag is gone'), pinnedDigest: digest('0') },
        { ...finding('not-found', 'error', 'the digest is gone'), missing: ['linux/arm64'] }
      ],
      'verify',
      false
    )
    expect([...entries.values()]).toEqual([
      {
        line: 2,
        column: 17,
        text: 'ghcr.io/acme/web:1',
        image: 'ghcr.io/acme/web:1',
        where: 'services.web.image',
        status: 'not-found',
        level: 'error',
        message: 'the digest is gone',
        digest: digest('0'),
        missing: ['linux/arm64'],
        findings: [
          { status: 'tag-missing', level: 'warning', message: 'the tag is gone' },
          { status: 'not-found', level: 'error', message: 'the digest is gone' }
        ]
      }
    ])
  })
})

function record(image: string, d: string): ImageRecord {
  return {
    image,
    ref: image,
    digest: d,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms: [],
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  }
}

describe('pinEntry', () => {
  test('pinned is a notice with what was written; failed an error; skipped a warning', () => {
    const text =
      'ARG V=2\nFROM ghcr.io/acme/app:1\nFROM ghcr.io/acme/app:${V}\nFROM ghcr.io/acme/gone:1\n'
    const found = findReferences('Dockerfile', text).references
    const plan = planPins(found, [
      record('ghcr.io/acme/app:1', digest('a')),
      { ...record('ghcr.io/acme/gone:1', digest('b')), digest: null, error: 'gone' }
    ])
    expect(plan.outcomes.map(pinEntry).map(e => [e.line, e.status, e.level, e.to ?? null])).toEqual(
      [
        [2, 'pinned', 'notice', `ghcr.io/acme/app:1@${digest('a')}`],
        [3, 'skipped', 'warning', null],
        [4, 'failed', 'error', null]
      ]
    )
  })
})

function report(overrides: Partial<FileReport> = {}): FileReport {
  return {
    file: 'compose.yaml',
    kind: 'compose',
    references: [],
    skipped: [],
    problems: [],
    ...overrides
  }
}

describe('fileAnnotations', () => {
  test('ok and unchanged say nothing; one span reached twice is said once; skipped are notices', () => {
    const records = [record('ghcr.io/acme/w:1', digest('c'))]
    const text =
      'x: &w\n  image: ghcr.io/acme/w:1\nservices:\n  a: {<<: *w}\n  b: {<<: *w}\n  c: {image: "${X}"}\n'
    const scan = findReferences('compose.yaml', text)
    const entries = verifyEntries(planVerify(scan.references, records, [], true), 'verify', false)
    const f = report({
      references: [...entries.values()],
      skipped: scan.skipped.map(({ line, column, where, text: t, reason }) => ({
        line,
        column,
        where,
        text: t,
        reason
      }))
    })
    const said = fileAnnotations([f])
    expect(said.map(a => [a.level, a.line, a.column, a.endColumn, a.title])).toEqual([
      ['error', 2, 10, 26, 'digest-gate: not pinned'],
      ['notice', 6, 14, undefined, 'digest-gate: not followed']
    ])
    const quiet = fileAnnotations([
      report({ references: [{ ...[...entries.values()][0], status: 'ok', level: 'notice' }] })
    ])
    expect(quiet).toEqual([])
  })
})

describe('filesFailures', () => {
  const entry = { line: 1, column: 1, text: 'a', image: 'a', where: 'x', message: 'm' }
  test('errors are counted by status and file; warnings and notices fail nothing', () => {
    const files = [
      report({
        references: [
          { ...entry, status: 'stale', level: 'error' },
          { ...entry, status: 'tag-missing', level: 'warning' },
          {
            ...entry,
            status: 'stale',
            level: 'error',
            findings: [
              { status: 'stale', level: 'error', message: 'm' },
              { status: 'not-found', level: 'error', message: 'n' }
            ]
          }
        ]
      }),
      report({
        file: 'k.yaml',
        kind: 'kubernetes',
        problems: [{ line: 3, column: 1, level: 'error', message: 'bad' }]
      }),
      report({ file: 'ok.yaml', references: [{ ...entry, status: 'unpinned', level: 'notice' }] })
    ]
    expect(filesFailures('verify', files)).toEqual([
      'verify: 4 errors in 2 files (2 stale, 1 not-found, 1 file problem); each is annotated at its line'
    ])
    expect(filesFailures('verify', [files[2]])).toEqual([])
  })

  test('no file of a supported kind read: the gate checked nothing, and fails', () => {
    const files = [
      report({ file: 'README.md', kind: null }),
      report({
        file: 'gone',
        kind: null,
        problems: [{ line: 1, column: 1, level: 'warning', message: 'x' }]
      })
    ]
    expect(filesFailures('report', files)).toEqual([
      'files: none of the 2 files matched could be read as a Dockerfile, Compose file, Kubernetes manifest, workflow, Helm values, Kustomization, CI pipeline or dev container (README.md, gone); nothing was checked'
    ])
    expect(filesFailures('report', [])).toEqual([])
  })
})
