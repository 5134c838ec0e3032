/**
 * The README's quick start: `npm run example` (examples/quick-start.mjs) runs the built CLI over
 * the shipped layout twice, a labelled pass and a labelled expected failure, exits 0 when both
 * behave, and ends with the line the README quotes, so that line explains itself.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** The line the README shows as the example's last, in the block after "The last line says". */
function quotedLastLine(): string {
  const readme = readFileSync(new URL('README.md', `file://${root}`), 'utf8')
  const block = /The last line says[\s\S]*?```\n([^\n]+)\n```/.exec(readme)
  if (!block) throw new Error('README.md: no quoted last line after "The last line says"')
  return block[1]
}

test('npm run example: a labelled pass, a labelled expected failure, and the README last line', () => {
  const run = spawnSync(process.execPath, ['examples/quick-start.mjs'], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root' }
  })
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  const out = run.stdout
  expect(out).toContain('=== 1/2 EXPECTED PASS: oci-layout://examples/hello-layout:1.0')
  expect(out).toContain('=== EXPECTED PASS: exit 0 as expected')
  expect(out).toContain('=== 2/2 EXPECTED FAILURE: oci-layout://examples/hello-layout:single')
  expect(out).toContain('=== EXPECTED FAILURE: exit 1 as expected')
  const lines = out.trimEnd().split('\n')
  expect(lines[lines.length - 1]).toBe(quotedLastLine())
})
