#!/usr/bin/env node
// `npm run example`: the quick start's demo. Runs the gate twice over the OCI layout in
// examples/hello-layout (no network), requiring linux/amd64 and linux/arm64 with
// --fail-on-missing, as a pull request gate would:
//   1. hello-layout:1.0 has both platforms        -> the gate passes (exit 0);
//   2. hello-layout:single is linux/amd64 only    -> the gate fails (exit 1): the expected failure.
// The last line says whether both behaved as expected; this script exits 0 only then, so a
// failing gate in step 2 is not mistaken for a broken install.
/* global console, process */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'bin', 'digest-gate.js')
const platforms = 'linux/amd64,linux/arm64'

const cases = [
  {
    label: 'EXPECTED PASS',
    image: 'oci-layout://examples/hello-layout:1.0',
    why: 'it has linux/amd64 and linux/arm64',
    exit: 0
  },
  {
    label: 'EXPECTED FAILURE',
    image: 'oci-layout://examples/hello-layout:single',
    why: 'it is linux/amd64 only, so linux/arm64 is missing',
    exit: 1
  }
]

const results = cases.map((c, i) => {
  const command = `digest-gate --platforms ${platforms} --fail-on-missing ${c.image}`
  console.log(`\n=== ${i + 1}/${cases.length} ${c.label}: ${c.image} (${c.why})`)
  console.log(`$ ${command}\n`)
  const run = spawnSync(
    process.execPath,
    [cli, '--platforms', platforms, '--fail-on-missing', c.image],
    { cwd: root, stdio: 'inherit' }
  )
  const exit = run.status ?? `signal ${run.signal}`
  const asExpected = exit === c.exit
  console.log(
    `\n=== ${c.label}: exit ${exit} ${asExpected ? `as expected (wanted ${c.exit})` : `but wanted ${c.exit}`}`
  )
  return { ...c, asExpected }
})

if (results.every(r => r.asExpected)) {
  console.log(
    '\nexample ok: hello-layout:1.0 passed and hello-layout:single failed on the missing linux/arm64, as it should; the failure above is the demo'
  )
} else {
  for (const r of results.filter(r => !r.asExpected)) {
    console.error(`\nexample broken: ${r.image} did not behave as expected (${r.label})`)
  }
  process.exitCode = 1
}
