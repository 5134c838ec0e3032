/** References found in GitHub workflows and actions (find-workflow.ts), through findReferences. */
import { readFileSync } from 'node:fs'
import { findReferences } from '../../src/files/find-references.js'
import { decodeText } from '../../src/files/rewrite.js'
import {
  type RefRow,
  expectReferences,
  expectSkipped,
  expectSpansHoldText,
  matching
} from './helpers.js'

const fixture = (name: string): string =>
  decodeText(readFileSync(`__tests__/fixtures/files/${name}`), name).text
const pinned = (name: string): string =>
  matching(new RegExp(`^${name.replace(/[.]/g, '\\.')}@sha256:[0-9a-f]{64}$`))

describe('GitHub workflows and actions', () => {
  test('the fixture', () => {
    const text = fixture('.github/workflows/ci.yml')
    const found = findReferences('.github/workflows/ci.yml', text)
    expect(found.kind).toBe('workflow')
    expectReferences(found, [
      { line: 11, column: 14, text: 'node:20-bookworm', where: 'jobs.test.container.image' },
      {
        line: 15,
        column: 16,
        text: pinned('postgres:16'),
        where: 'jobs.test.services.postgres.image'
      },
      { line: 20, column: 17, text: 'redis:7-alpine', where: 'jobs.test.services.redis.image' },
      {
        line: 24,
        column: 24,
        text: 'hadolint/hadolint:v2.12.0-alpine',
        where: 'jobs.test.steps[1].uses'
      },
      {
        line: 31,
        column: 16,
        text: 'mcr.microsoft.com/playwright:v1.45.0-jammy',
        where: 'jobs.e2e.container'
      },
      { line: 39, column: 25, text: 'ghcr.io/acme/e2e-runner:1.4', where: 'jobs.e2e.steps[0].uses' }
    ])
    expectSpansHoldText(found, text)
    expectSkipped(found.skipped, [
      {
        line: 37,
        column: 16,
        text: '${{ matrix.db }}',
        reason:
          'the value is a GitHub Actions expression (${{ … }}), known only when the workflow runs'
      }
    ])
  })

  test('an expression inside a docker:// step and a container', () => {
    const text =
      'jobs:\n  a:\n    container: ${{ inputs.image }}\n    steps:\n      - uses: docker://${{ inputs.tool }}\n      - uses: actions/setup-node@v4\n'
    const found = findReferences('.github/workflows/x.yaml', text)
    expect(found.references).toEqual([])
    expect(found.skipped.map(s => [s.line, s.where])).toEqual([
      [3, 'jobs.a.container'],
      [5, 'jobs.a.steps[0].uses']
    ])
  })

  test.each<[string, string, RefRow[]]>([
    [
      'a Docker action',
      "name: x\nruns:\n  using: docker\n  image: 'docker://alpine:3.20'\n",
      [{ line: 4, column: 20, text: 'alpine:3.20', where: 'runs.image' }]
    ],
    [
      'a Docker action built from its Dockerfile',
      'runs:\n  using: docker\n  image: Dockerfile\n',
      []
    ],
    [
      'a composite action',
      'runs:\n  using: composite\n  steps:\n    - uses: docker://busybox:1.36\n',
      [{ line: 4, column: 22, text: 'busybox:1.36', where: 'runs.steps[0].uses' }]
    ]
  ])('%s', (_name, text, rows) => {
    const found = findReferences('action.yml', text)
    expect(found.kind).toBe('workflow')
    expectReferences(found, rows)
    expectSpansHoldText(found, text)
  })
})
