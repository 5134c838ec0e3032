import { DigestGateError, errorMessage } from '../../src/model/errors.js'
import type { FilesOutcome } from '../../src/model/files.js'
import type { ImageRecord, PlatformRecord } from '../../src/model/record.js'
import { buildReport, readReportRecords, readReportSizes } from '../../src/report/report-file.js'

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const D = (c: string): string => `sha256:${c.repeat(64)}`

function platform(
  key: string,
  digest: string | null,
  layers: number | null,
  size: number | null
): PlatformRecord {
  return { platform: key, digest, mediaType: digest ? OCI_MANIFEST : null, layers, size }
}

/** An OCI index with two platforms, two attestations and a gap. */
function nginx(): ImageRecord {
  return {
    image: 'nginx:1.27',
    ref: 'docker.io/library/nginx:1.27',
    digest: D('1'),
    mediaType: OCI_INDEX,
    platforms: [
      platform('linux/amd64', D('a'), 7, 68123456),
      platform('linux/arm64', D('b'), 7, 64000000)
    ],
    attestations: 2,
    missing: ['linux/s390x'],
    error: null,
    notes: []
  }
}

function failed(image = 'ghcr.io/nope/missing:1'): ImageRecord {
  const message = `registry ghcr.io answered 404 MANIFEST_UNKNOWN for ${image}`
  return {
    image,
    ref: null,
    digest: null,
    mediaType: null,
    platforms: [],
    attestations: 0,
    missing: [],
    error: `${image}: ${message}`,
    errorDetail: { kind: 'not-found', message, registry: 'ghcr.io', code: 'MANIFEST_UNKNOWN' },
    notes: []
  }
}

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

describe('buildReport', () => {
  test('the report file shape: ok, and per image the contract fields with error null', () => {
    const report = JSON.parse(JSON.stringify(buildReport([nginx(), failed()], false))) as {
      ok: boolean
      images: Record<string, unknown>[]
      run?: unknown
    }
    expect(report.ok).toBe(false)
    expect(report.run).toBeUndefined()
    expect(report.images[0]).toMatchObject({
      image: 'nginx:1.27',
      ref: 'docker.io/library/nginx:1.27',
      digest: D('1'),
      mediaType: OCI_INDEX,
      platforms: [
        {
          platform: 'linux/amd64',
          digest: D('a'),
          mediaType: OCI_MANIFEST,
          layers: 7,
          size: 68123456
        },
        {
          platform: 'linux/arm64',
          digest: D('b'),
          mediaType: OCI_MANIFEST,
          layers: 7,
          size: 64000000
        }
      ],
      attestations: 2,
      missing: ['linux/s390x'],
      error: null
    })
    expect(report.images[1]).toMatchObject({
      image: 'ghcr.io/nope/missing:1',
      error: failed().error
    })
  })

  test('run facts go beside the contract fields', () => {
    const report = buildReport([nginx()], true, { requests: 4 })
    expect(report).toMatchObject({ ok: true, run: { requests: 4 } })
  })
})

describe('buildReport with files', () => {
  test('references always; changedFiles with pin only', () => {
    const files = [
      { file: 'Dockerfile', kind: 'dockerfile' as const, references: [], skipped: [], problems: [] }
    ]
    expect(buildReport([], true, undefined, outcome({ files }))).toEqual({
      ok: true,
      images: [],
      references: files
    })
    expect(
      buildReport(
        [],
        true,
        undefined,
        outcome({ mode: 'pin', files, changedFiles: ['Dockerfile'] })
      )
    ).toEqual({ ok: true, images: [], references: files, changedFiles: ['Dockerfile'] })
    expect(buildReport([], true)).toEqual({ ok: true, images: [] })
  })
})

describe('one reader for what the writer wrote', () => {
  const written = JSON.stringify(
    buildReport([nginx(), failed()], false, { requests: 4, durationMs: 12 })
  )

  test('every record comes back as written, with the run facts', () => {
    const read = readReportRecords(written, 'r.json')
    expect(read.ok).toBe(false)
    expect(read.images).toEqual([nginx(), failed()])
    expect(read.run).toEqual({ requests: 4, durationMs: 12 })
  })

  test('the sizes view of the same file: names, and per platform size and layers', () => {
    expect(readReportSizes(written, 'r.json')).toEqual([
      {
        image: 'nginx:1.27',
        ref: 'docker.io/library/nginx:1.27',
        digest: D('1'),
        platforms: [
          { platform: 'linux/amd64', size: 68123456, layers: 7 },
          { platform: 'linux/arm64', size: 64000000, layers: 7 }
        ]
      },
      { image: 'ghcr.io/nope/missing:1', ref: null, digest: null, platforms: [] }
    ])
  })

  test.each([
    ['{', 'not valid JSON'],
    ['[]', "no 'images' array"],
    ['{"ok": true, "images": [1]}', "images[0] has no 'image'"]
  ])('%j is refused by both views alike, naming the file as the caller names it', (text, why) => {
    for (const read of [readReportRecords, readReportSizes])
      expect(() => read(text, "Input 'x': 'f.json'")).toThrow(
        `Input 'x': 'f.json' is not a digest-gate report file: ${why}`
      )
  })

  test('a refusal is a typed invalid-input error, so no user sees a bare Error: prefix', () => {
    let thrown: unknown
    try {
      readReportRecords('{"images": []}', "Input 'reports': 'r.json'")
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(DigestGateError)
    expect((thrown as DigestGateError).kind).toBe('invalid-input')
    expect(errorMessage(thrown)).toBe(
      "Input 'reports': 'r.json' is not a digest-gate report file: no 'ok'"
    )
  })

  test('the sizes view asks only for what it compares: no ok, platforms optional', () => {
    expect(
      readReportSizes(
        '{"images":[{"image":"x"},{"image":"y","platforms":[1,{"platform":"linux/amd64","layers":2.5}]}]}',
        'b'
      )
    ).toEqual([
      { image: 'x', ref: null, digest: null, platforms: [] },
      {
        image: 'y',
        ref: null,
        digest: null,
        platforms: [{ platform: 'linux/amd64', size: null, layers: null }]
      }
    ])
  })
})
