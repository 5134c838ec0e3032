/** References found in Compose files (find-compose.ts), through findReferences. */
import { readFileSync } from 'node:fs'
import { findReferences } from '../../src/files/find-references.js'
import { decodeText } from '../../src/files/rewrite.js'
import {
  type RefRow,
  type SkipRow,
  expectReferences,
  expectSkipped,
  expectSpansHoldText,
  matching
} from './helpers.js'

const fixture = (name: string): string =>
  decodeText(readFileSync(`__tests__/fixtures/files/${name}`), name).text
const pinned = (name: string): string =>
  matching(new RegExp(`^${name.replace(/[.]/g, '\\.')}@sha256:[0-9a-f]{64}$`))

describe('Compose', () => {
  test.each<[string, string, RefRow[]]>([
    [
      'plain, double- and single-quoted: the span is inside the quotes',
      'services:\n  a:\n    image: nginx:1.27\n  b:\n    image: "redis:7"\n  c:\n    image: \'busybox\'\n',
      [
        { line: 3, column: 12, text: 'nginx:1.27', where: 'services.a.image', pinnable: true },
        { line: 5, column: 13, text: 'redis:7', where: 'services.b.image', pinnable: true },
        { line: 7, column: 13, text: 'busybox', where: 'services.c.image', pinnable: true }
      ]
    ],
    [
      'flow style and a trailing comment',
      'services: {web: {image: nginx:1.27, ports: ["80:80"]}, db: {image: "postgres:16"}} # dev\n',
      [
        { line: 1, column: 25, text: 'nginx:1.27', where: 'services.web.image' },
        { line: 1, column: 69, text: 'postgres:16', where: 'services.db.image' }
      ]
    ],
    [
      'a merge key and an alias reach the anchored value',
      'x-base: &base\n  image: alpine:3.20\nx-img: &img busybox:1.36\nservices:\n  a:\n    <<: *base\n  b:\n    image: *img\n',
      [
        { line: 2, column: 10, text: 'alpine:3.20', where: 'services.a.image' },
        {
          line: 3,
          column: 13,
          text: 'busybox:1.36',
          where: 'services.b.image (through alias *img)'
        }
      ]
    ],
    [
      'escapes in a double-quoted value: reported, not pinnable',
      'services:\n  a:\n    image: "nginx\\x3a1.27"\n',
      [
        {
          line: 3,
          column: 12,
          text: '"nginx\\x3a1.27"',
          image: 'nginx:1.27',
          pinnable: false,
          reason:
            'the value is written with escapes, line folding or as a block scalar; rewriting it in place is not safe'
        }
      ]
    ],
    [
      'a block scalar: reported, not pinnable',
      'services:\n  a:\n    image: >-\n      nginx:1.27\n',
      [
        {
          line: 3,
          column: 12,
          text: '>-\n      nginx:1.27\n',
          image: 'nginx:1.27',
          pinnable: false
        }
      ]
    ],
    ['no services', 'version: "3.9"\nvolumes: {data: {}}\n', []],
    ['an empty file', '', []]
  ])('%s', (_name, text, rows) => {
    const found = findReferences('compose.yaml', text)
    expect(found.kind).toBe('compose')
    expectReferences(found, rows)
    expectSpansHoldText(found, text)
    expect(found.problems).toEqual([])
  })

  test.each<[string, string, SkipRow[]]>([
    [
      'a service that is built',
      'services:\n  api:\n    build: .\n    image: acme/api:dev\n',
      [
        {
          line: 4,
          column: 12,
          text: 'acme/api:dev',
          reason:
            'the service has build:, so image: names the image Compose builds, not one it pulls'
        }
      ]
    ],
    [
      // Issue 20: a default is followed (compose-env.test.ts); a variable with none, not.
      'interpolation of a variable with no value and no default',
      'services:\n  a:\n    image: ${IMAGE:-nginx:1.27}\n  b:\n    image: "registry/$APP:1"\n',
      [{ line: 5, column: 12, text: 'registry/$APP:1', reason: /\$\{APP\} is not set in \.env/ }]
    ],
    [
      'an empty, null or non-string image',
      'services:\n  a:\n    image: ""\n  b:\n    image:\n  c:\n    image: 5\n  d:\n    image: [x]\n',
      [
        { line: 3, column: 12, text: '', reason: 'the value is empty' },
        { line: 5, column: 11, text: '', reason: 'the value is empty' },
        { line: 7, column: 12, text: '5', reason: 'the value is not a string' },
        { line: 9, column: 12, text: '', reason: 'the value is not a string' }
      ]
    ]
  ])('skipped: %s', (_name, text, rows) => {
    expectSkipped(findReferences('compose.yaml', text).skipped, rows)
  })

  test('the fixture', () => {
    const text = fixture('compose.yaml')
    const found = findReferences('compose.yaml', text)
    expectReferences(found, [
      { line: 16, column: 12, text: 'nginx:1.27-alpine', where: 'services.web.image' },
      { line: 24, column: 13, text: pinned('postgres:16.3'), where: 'services.db.image' },
      { line: 27, column: 18, text: 'redis:7.2', where: 'services.cache.image' },
      {
        // Compose's default, with no .env to set QUEUE_IMAGE: checked, not pinned in place.
        line: 29,
        column: 12,
        text: '${QUEUE_IMAGE:-rabbitmq:3.13-management}',
        image: 'rabbitmq:3.13-management',
        pinnable: false
      },
      {
        line: 10,
        column: 11,
        text: 'ghcr.io/acme/shop-worker:2.3.1',
        where: 'services.worker-emails.image'
      },
      {
        line: 10,
        column: 11,
        text: 'ghcr.io/acme/shop-worker:2.3.1',
        where: 'services.worker-reports.image'
      }
    ])
    expectSpansHoldText(found, text)
    expectSkipped(found.skipped, [
      { line: 22, column: 12, text: 'acme/shop-api:dev', reason: /build:/ }
    ])
  })

  test('a BOM and CRLF line endings', () => {
    const text = fixture('docker-compose.override.yml')
    expect(text.startsWith('\uFEFFservices:\r\n')).toBe(true)
    const found = findReferences('docker-compose.override.yml', text)
    expectReferences(found, [
      { line: 3, column: 13, text: 'nginx:1.27-alpine' },
      { line: 5, column: 12, text: 'busybox:1.36' }
    ])
    expectSpansHoldText(found, text)
  })

  test('a BOM on the line of the image is not a column', () => {
    const found = findReferences('compose.yaml', '\uFEFFservices: {a: {image: alpine}}')
    expectReferences(found, [{ line: 1, column: 23, text: 'alpine' }])
    expect(found.references[0].start).toBe(23)
  })
})
