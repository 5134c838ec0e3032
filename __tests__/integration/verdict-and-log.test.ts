/**
 * What a user reads of a run, through the built action: the summary's headline says what the
 * step did (✅ passed, ⚠️ passed with findings, ❌ failed: the shell's own failure decision), and
 * the log has one line per image (issue 17). Images from the OCI layout shipped in examples/.
 */
import { runAction } from './harness/action.js'

const IMAGE = 'oci-layout://examples/hello-layout:1.0'
const DIGEST = /sha256:[0-9a-f]{64}/

test.each([
  ['every required platform there', 'linux/amd64, linux/arm64', 'false', 0, '✅'],
  ['a platform missing, fail-on-missing off', 'linux/amd64, linux/s390x', 'false', 0, '⚠️'],
  ['a platform missing, fail-on-missing on', 'linux/amd64, linux/s390x', 'true', 1, '❌']
])('%s: the headline says what the step did', async (_what, platforms, fail, code, mark) => {
  const run = await runAction({ images: IMAGE, platforms, 'fail-on-missing': fail })
  expect(run.code).toBe(code)
  expect(run.summary.split('\n')[0]).toBe(`## digest-gate ${mark}`)
})

test('one log line per image: reference, digest, required platforms found, total size', async () => {
  const run = await runAction({
    images: `${IMAGE}\n${IMAGE.replace(':1.0', ':single')}`,
    platforms: 'linux/amd64, linux/arm64'
  })
  expect(run.code).toBe(0)
  const lines = run.stdout.split('\n').filter(l => l.startsWith('oci-layout://'))
  expect(lines).toHaveLength(2)
  expect(lines[0]).toMatch(
    new RegExp(`^${IMAGE} ${DIGEST.source} 2/2 platforms \\(linux/amd64, linux/arm64\\) 591 B$`)
  )
  expect(lines[1]).toMatch(
    /^oci-layout:\/\/examples\/hello-layout:single sha256:[0-9a-f]{64} 1\/2 platforms \(linux\/amd64; missing linux\/arm64\) \d+ B$/
  )
})
