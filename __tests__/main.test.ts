/**
 * The shell, src/main.ts `run(toolkit)`, with a typed toolkit fixture against the OCI layout
 * shipped in examples/ (real files, no registry): outputs, the report file, the job summary,
 * annotations, masking and failing. Every test gets its own RUNNER_TEMP and the environment
 * back as it was.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { computeDigest } from '../src/model/digest.js'
import { MediaTypes } from '../src/model/manifest.js'
import { run } from '../src/main.js'
import { OUTPUTS } from '../src/report/outputs.js'
import { callsInOrder, createToolkit, outputsOf } from './helpers/toolkit-fixture.js'
import { inputEnv, parseOutputFile } from './integration/harness/action.js'

const LAYOUT = 'oci-layout://examples/hello-layout'
const INDEXED = `${LAYOUT}:1.0`
const SINGLE = `${LAYOUT}:single`

// From examples/README.md, "Digests".
const INDEX_DIGEST = 'sha256:e61ee32a8906968d22885276c8016bc09c00b6eb747028fbecf94de652bf001a'
const AMD64 = 'sha256:0fbbc5bdc4d42b48acc6c2f7ae8d0b0df7e5e23dbc4f0649c23f0fa03178fdb7'
const ARM64 = 'sha256:085de4104d17cb05841ff67af0a7568dbaac821b9972dc3aee2a9af5b28680ca'
const ARMV7 = 'sha256:e79b267e939e9ae598e5a7ffbbe1a38f6384414f48f5081343e80d197aa98412'
const SINGLE_DIGEST = 'sha256:82ce558639b001adcf57233e0283e922c69243d4b3fadee332b9e9fb90bbc6da'

let savedEnv: NodeJS.ProcessEnv
let temp: string

beforeEach(async () => {
  savedEnv = { ...process.env }
  temp = await mkdtemp(join(tmpdir(), 'dg-main-'))
  process.env.RUNNER_TEMP = join(temp, 'runner-temp')
  // Nothing from the machine running the tests may leak into a run.
  for (const name of ['GITHUB_STEP_SUMMARY', 'GITHUB_TOKEN', 'GITHUB_OUTPUT']) {
    delete process.env[name]
  }
})

afterEach(async () => {
  for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name]
  Object.assign(process.env, savedEnv)
  await rm(temp, { recursive: true, force: true })
})

/** No call's arguments mention a stack frame. */
function expectNoStack(toolkit: ReturnType<typeof createToolkit>): void {
  for (const call of callsInOrder(toolkit)) {
    expect(JSON.stringify(call.args)).not.toMatch(/\\n\s+at |\n\s+at /)
  }
}

describe('resolving the shipped layout', () => {
  test('every output is set, nothing fails, nothing is annotated', async () => {
    const toolkit = createToolkit({ images: `${INDEXED}\n${SINGLE}`, platforms: 'linux/amd64' })

    await run(toolkit)

    expect(toolkit.setFailed).not.toHaveBeenCalled()
    expect(toolkit.error).not.toHaveBeenCalled()
    expect(toolkit.warning).not.toHaveBeenCalled()
    expect(toolkit.setOutput.mock.calls.map(c => c[0]).sort()).toEqual(
      Object.values(OUTPUTS).sort()
    )
    const outputs = outputsOf(toolkit)
    expect(JSON.parse(outputs[OUTPUTS.digests])).toEqual({
      [INDEXED]: {
        ref: INDEXED,
        digest: INDEX_DIGEST,
        mediaType: MediaTypes.ociIndex,
        platforms: { 'linux/amd64': AMD64, 'linux/arm64': ARM64, 'linux/arm/v7': ARMV7 }
      },
      [SINGLE]: {
        ref: SINGLE,
        digest: SINGLE_DIGEST,
        mediaType: MediaTypes.ociManifest,
        platforms: { 'linux/amd64': SINGLE_DIGEST }
      }
    })
    expect(outputs[OUTPUTS.missing]).toBe('[]')
    expect(outputs[OUTPUTS.pinned]).toBe(`${INDEXED}@${INDEX_DIGEST}\n${SINGLE}@${SINGLE_DIGEST}`)
    expect(outputs[OUTPUTS.ok]).toBe('true')
  })

  test("without RUNNER_TEMP the report goes to the OS's temporary folder, not the checkout", async () => {
    delete process.env.RUNNER_TEMP
    const toolkit = createToolkit({ images: INDEXED })

    await run(toolkit)

    const file = outputsOf(toolkit)[OUTPUTS.reportFile]
    expect(dirname(file)).toBe(join(tmpdir(), 'digest-gate'))
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ ok: true })
    await rm(file)
  })

  test('the report file is written under RUNNER_TEMP', async () => {
    const toolkit = createToolkit({ images: INDEXED })

    await run(toolkit)

    const file = outputsOf(toolkit)[OUTPUTS.reportFile]
    expect(file.startsWith(`${process.env.RUNNER_TEMP}/`)).toBe(true)
    const report = JSON.parse(await readFile(file, 'utf8')) as {
      ok: boolean
      images: { image: string; attestations: number; error: null; platforms: unknown[] }[]
      run: { requests: number }
    }
    expect(report.ok).toBe(true)
    expect(report.images).toHaveLength(1)
    expect(report.images[0]).toMatchObject({ image: INDEXED, attestations: 1, error: null })
    expect(report.images[0].platforms).toContainEqual(
      expect.objectContaining({ platform: 'linux/amd64', digest: AMD64, layers: 2, size: 325 })
    )
    // A local layout sends no HTTP request.
    expect(report.run.requests).toBe(0)
  })

  test('run() with no toolkit talks to the runner through @actions/core itself', async () => {
    // As the runner and @github/local-action call it: inputs from INPUT_*, outputs to the
    // GITHUB_OUTPUT file in the runner's own format.
    const outputFile = join(temp, 'output')
    await writeFile(outputFile, '')
    Object.assign(process.env, inputEnv({ images: INDEXED, platforms: 'linux/amd64' }), {
      GITHUB_OUTPUT: outputFile
    })
    const exitCode = process.exitCode

    await run()

    expect(process.exitCode).toBe(exitCode)
    const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
    expect(outputs[OUTPUTS.ok]).toBe('true')
    expect(outputs[OUTPUTS.pinned]).toBe(`${INDEXED}@${INDEX_DIGEST}`)
    const digests = JSON.parse(outputs[OUTPUTS.digests]) as Record<
      string,
      { platforms: Record<string, string> }
    >
    expect(digests[INDEXED].platforms['linux/amd64']).toBe(AMD64)
  })
})

describe('missing platforms', () => {
  test('a warning each, and the step passes', async () => {
    const toolkit = createToolkit({
      images: `${INDEXED}, ${SINGLE}`,
      platforms: 'linux/arm64, linux/s390x'
    })

    await run(toolkit)

    expect(toolkit.warning.mock.calls).toEqual([
      [
        `${INDEXED} has no linux/s390x image (found: linux/amd64, linux/arm64, linux/arm/v7)`,
        { title: 'digest-gate: linux/s390x missing' }
      ],
      [
        `${SINGLE} has no linux/arm64 image (found: linux/amd64)`,
        { title: 'digest-gate: linux/arm64 missing' }
      ],
      [
        `${SINGLE} has no linux/s390x image (found: linux/amd64)`,
        { title: 'digest-gate: linux/s390x missing' }
      ]
    ])
    expect(toolkit.error).not.toHaveBeenCalled()
    expect(toolkit.setFailed).not.toHaveBeenCalled()
    const outputs = outputsOf(toolkit)
    expect(outputs[OUTPUTS.ok]).toBe('false')
    expect(JSON.parse(outputs[OUTPUTS.missing])).toEqual([
      { image: INDEXED, platform: 'linux/s390x' },
      { image: SINGLE, platform: 'linux/arm64' },
      { image: SINGLE, platform: 'linux/s390x' }
    ])
  })

  test.each([
    ['linux/s390x', '1 required platform is missing'],
    ['linux/s390x, linux/ppc64le', '2 required platforms are missing']
  ])('with fail-on-missing (%s): errors, and the step fails', async (platforms, message) => {
    const toolkit = createToolkit({ images: INDEXED, platforms, 'fail-on-missing': 'true' })

    await run(toolkit)

    expect(toolkit.warning).not.toHaveBeenCalled()
    expect(toolkit.error.mock.calls.map(c => c[1])).toEqual(
      platforms.split(', ').map(p => ({ title: `digest-gate: ${p} missing` }))
    )
    expect(toolkit.setFailed.mock.calls).toEqual([[message]])
    // Outputs are written before the step fails.
    expect(outputsOf(toolkit)[OUTPUTS.ok]).toBe('false')
  })
})

describe('images that cannot be resolved', () => {
  test('an error annotation naming the image; the others keep their results', async () => {
    const bad = `${LAYOUT}:nope`
    const toolkit = createToolkit({ images: `${bad}\n${SINGLE}` })

    await run(toolkit)

    expect(toolkit.error.mock.calls).toEqual([
      [
        expect.stringMatching(
          new RegExp(
            `^${bad.replace(/[.]/g, '\\.')}: .*has no tag 'nope' in index\\.json \\(tags: 1\\.0, single\\)$`
          )
        ),
        { title: `digest-gate: cannot resolve ${bad}` }
      ]
    ])
    expect(toolkit.setFailed.mock.calls).toEqual([['1 of 2 images could not be resolved']])
    const digests = JSON.parse(outputsOf(toolkit)[OUTPUTS.digests]) as Record<string, unknown>
    const failed = digests[bad] as { error?: string }
    expect(Object.keys(failed)).toEqual(['error'])
    expect(failed.error).toContain("has no tag 'nope'")
    expect(digests[SINGLE]).toMatchObject({ digest: SINGLE_DIGEST })
    expect(outputsOf(toolkit)[OUTPUTS.pinned]).toBe(`${SINGLE}@${SINGLE_DIGEST}`)
    expectNoStack(toolkit)
  })

  test('an invalid reference is an error for that image only', async () => {
    const toolkit = createToolkit({ images: 'Registry.Example/UPPER/case:1' })

    await run(toolkit)

    expect(toolkit.error.mock.calls).toEqual([
      [
        "Registry.Example/UPPER/case:1: Invalid image reference 'Registry.Example/UPPER/case:1': repository name must be lowercase ('UPPER')",
        { title: 'digest-gate: cannot resolve Registry.Example/UPPER/case:1' }
      ]
    ])
    expect(toolkit.setFailed.mock.calls).toEqual([['1 of 1 image could not be resolved']])
  })
})

describe('bad inputs fail the step with their message and no stack', () => {
  test.each([
    [
      { images: '' },
      "Input 'images' is required when 'files' is not set: give one or more image references, one per line or comma-separated, or name the files to read them from in 'files'."
    ],
    [
      { images: INDEXED, timeout: 'soon' },
      "Invalid value for input 'timeout': 'soon'. Expected a number from 1 to 3600."
    ],
    [
      { images: INDEXED, detail: 'all' },
      "Invalid value for input 'detail': 'all'. Expected 'layers', 'platforms' or 'digest'."
    ],
    [
      { images: INDEXED, platforms: 'linux/amd64/v1/x' },
      "Input 'platforms': Invalid platform 'linux/amd64/v1/x': expected os/arch[/variant], e.g. 'linux/arm64' or 'linux/arm/v7'"
    ],
    [
      { images: INDEXED, username: 'me' },
      "Inputs 'username' and 'password' go together: set both, or neither."
    ],
    [
      { images: INDEXED, summary: 'yes', concurrency: '0' },
      "Invalid value for input 'summary': 'yes'. Expected 'true' or 'false'.\nInvalid value for input 'concurrency': '0'. Expected a number from 1 to 64."
    ]
  ] as [Record<string, string>, string][])('%j', async (inputs, message) => {
    const toolkit = createToolkit(inputs)

    await run(toolkit)

    expect(toolkit.setFailed.mock.calls).toEqual([[message]])
    expect(toolkit.setOutput).not.toHaveBeenCalled()
    expect(toolkit.debug).not.toHaveBeenCalled()
    expectNoStack(toolkit)
  })

  test('an unexpected failure is a bug: its stack goes to debug, its message to setFailed', async () => {
    const toolkit = createToolkit()
    toolkit.getInput.mockImplementation(() => {
      throw new TypeError('the runner broke')
    })

    await run(toolkit)

    expect(toolkit.setFailed.mock.calls).toEqual([['TypeError: the runner broke']])
    expect(toolkit.debug.mock.calls).toEqual([
      [expect.stringMatching(/^TypeError: the runner broke\n\s+at /)]
    ])
  })
})

describe('secrets are masked before anything else', () => {
  test.each([
    ['valid inputs', {}],
    ['invalid inputs', { timeout: 'never' }]
  ])('%s', async (_name, extra: Record<string, string>) => {
    const password = 'hunter2-password'
    const token = 'ghs_0123456789abcdef'
    const toolkit = createToolkit({
      images: INDEXED,
      registry: 'registry.example',
      username: 'me',
      password,
      'github-token': token,
      ...extra
    })

    await run(toolkit)

    const calls = callsInOrder(toolkit).filter(c => c.fn !== 'getInput')
    const firstOther = calls.findIndex(c => c.fn !== 'setSecret')
    const masked = calls.slice(0, firstOther).map(c => c.args[0])
    expect(new Set(masked)).toEqual(new Set([password, token]))
    // Every mask comes first: none after the first call of any other kind.
    expect(firstOther).toBeGreaterThan(0)
    expect(calls.slice(firstOther).filter(c => c.fn === 'setSecret')).toEqual([])
    for (const c of calls.filter(call => call.fn !== 'setSecret')) {
      expect(JSON.stringify(c.args)).not.toContain(password)
      expect(JSON.stringify(c.args)).not.toContain(token)
    }
    expect(toolkit.setFailed).toHaveBeenCalledTimes(extra.timeout ? 1 : 0)
  })

  test('GITHUB_TOKEN from the environment is masked too', async () => {
    process.env.GITHUB_TOKEN = 'ghs_from_the_environment'
    const toolkit = createToolkit({ images: INDEXED })
    await run(toolkit)
    expect(toolkit.setSecret.mock.calls).toEqual([['ghs_from_the_environment']])
    const first = callsInOrder(toolkit).find(c => c.fn !== 'getInput')
    expect(first?.fn).toBe('setSecret')
  })
})

describe('the job summary', () => {
  test.each([
    ['GITHUB_STEP_SUMMARY set, summary default', true, undefined, true],
    ['GITHUB_STEP_SUMMARY set, summary: true', true, 'true', true],
    ['GITHUB_STEP_SUMMARY set, summary: false', true, 'false', false],
    ['GITHUB_STEP_SUMMARY unset, summary: true', false, 'true', false]
  ])('%s', async (_name, stepSummary, summary, written) => {
    if (stepSummary) process.env.GITHUB_STEP_SUMMARY = join(temp, 'summary.md')
    const inputs: Record<string, string> = { images: `${INDEXED}\n${SINGLE}` }
    if (summary !== undefined) inputs.summary = summary
    const toolkit = createToolkit(inputs)

    await run(toolkit)

    expect(toolkit.summary.write).toHaveBeenCalledTimes(written ? 1 : 0)
    if (!written) {
      expect(toolkit.summary.addRaw).not.toHaveBeenCalled()
      return
    }
    expect(toolkit.summary.addRaw).toHaveBeenCalledTimes(1)
    const [markdown] = toolkit.summary.written
    expect(markdown).toMatch(
      /^## digest-gate ✅\n\n2 images: 2 resolved, 0 failed, 0 required platforms missing\./
    )
    expect(markdown).toContain(`<code>oci-layout://examples/hello-layout:1.0</code>`)
    expect(markdown).toContain('linux/arm/v7')
  })
})

/** Writes an OCI layout with one tag naming `manifest`; blobs go in by their sha256. */
async function writeLayout(
  dir: string,
  blobs: Buffer[],
  manifest: Buffer,
  tag: string
): Promise<string> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true })
  for (const blob of [...blobs, manifest]) {
    await writeFile(join(dir, 'blobs', 'sha256', computeDigest(blob).slice(7)), blob)
  }
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  const digest = computeDigest(manifest)
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: MediaTypes.ociManifest,
          digest,
          size: manifest.length,
          annotations: { 'org.opencontainers.image.ref.name': tag }
        }
      ]
    })
  )
  return digest
}

describe('warnings about what resolved', () => {
  test('an image that resolves to no platform: a warning saying why', async () => {
    const config = Buffer.from('{"signed":true}')
    const configType = 'application/vnd.example.signature.config+json'
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaTypes.ociManifest,
        config: { mediaType: configType, digest: computeDigest(config), size: config.length },
        layers: []
      })
    )
    const dir = join(temp, 'artifact-layout')
    const digest = await writeLayout(dir, [config], manifest, 'sig')
    const image = `oci-layout://${dir}:sig`
    const toolkit = createToolkit({ images: image })

    await run(toolkit)

    expect(toolkit.warning.mock.calls).toEqual([
      [
        `${image} resolved to ${digest}, but skipped ${digest}: not an image for a platform (config ${configType})`,
        { title: 'digest-gate: no platforms' }
      ]
    ])
    expect(toolkit.setFailed).not.toHaveBeenCalled()
  })

  test('verify-blobs: a layer missing from the layout is a warning on its platform', async () => {
    const dir = join(temp, 'hello-layout')
    await cp('examples/hello-layout', dir, { recursive: true })
    const blob = (digest: string): Promise<string> =>
      readFile(join(dir, 'blobs', 'sha256', digest.slice(7)), 'utf8')
    const amd64 = JSON.parse(await blob(AMD64)) as { layers: { digest: string }[] }
    const gone = amd64.layers[1].digest
    await rm(join(dir, 'blobs', 'sha256', gone.slice(7)))
    const image = `oci-layout://${dir}:1.0`
    const toolkit = createToolkit({ images: image, 'verify-blobs': 'true' })

    await run(toolkit)

    expect(toolkit.warning.mock.calls).toEqual([
      [
        `${image} (linux/amd64): layer ${gone}: oci-layout://${dir} has no blob ${gone}`,
        { title: 'digest-gate: layer blob problem' }
      ]
    ])
    expect(toolkit.setFailed).not.toHaveBeenCalled()
    expect(outputsOf(toolkit)[OUTPUTS.ok]).toBe('true')
  })
})
