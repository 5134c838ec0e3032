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

const scan = (text: string, file = 'Dockerfile') => findReferences(file, text)
const fixture = (name: string): string =>
  decodeText(readFileSync(`__tests__/fixtures/files/${name}`), name).text

describe('FROM', () => {
  test.each<[string, string, RefRow[]]>([
    [
      'a plain image',
      'FROM nginx:1.27\n',
      [{ line: 1, column: 6, text: 'nginx:1.27', where: 'FROM (stage 1)', pinnable: true }]
    ],
    [
      'a lower-case instruction and AS, with the stage name in where',
      'from alpine:3.20 as base\n',
      [{ line: 1, column: 6, text: 'alpine:3.20', where: 'FROM (stage 1: base)' }]
    ],
    [
      'a literal --platform, other flags beside it',
      'FROM --platform=linux/arm64 --foo=bar\talpine:3.20\n',
      [{ line: 1, column: 39, text: 'alpine:3.20', platform: 'linux/arm64' }]
    ],
    [
      'a --platform from a variable is not recorded',
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n',
      [{ line: 1, column: 32, text: 'golang:1.22', platform: undefined }]
    ],
    [
      'a pinned reference, with indentation',
      '  FROM   nginx:1.27@sha256:' + 'a'.repeat(64) + '\n',
      [{ line: 1, column: 10, text: 'nginx:1.27@sha256:' + 'a'.repeat(64), pinnable: true }]
    ],
    [
      'comments and blank lines before it',
      '# a comment\n\n  # another\nFROM busybox\n',
      [{ line: 4, column: 6, text: 'busybox' }]
    ],
    [
      'a continuation with a comment line inside it',
      'FROM \\\n    --platform=linux/amd64 \\\n    # only amd64\n    alpine:3.20 AS x\n',
      [
        {
          line: 4,
          column: 5,
          text: 'alpine:3.20',
          platform: 'linux/amd64',
          where: 'FROM (stage 1: x)'
        }
      ]
    ],
    [
      'a continuation with trailing blanks after the backslash',
      'FROM \\  \n  alpine:3.20\n',
      [{ line: 2, column: 3, text: 'alpine:3.20' }]
    ],
    [
      'the backtick escape directive',
      '# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN dir C:\\\n',
      [{ line: 3, column: 3, text: 'mcr.microsoft.com/windows/nanoserver:ltsc2022' }]
    ],
    [
      'a backslash is no continuation under the backtick escape',
      '# escape=`\nFROM alpine:3.20 \\\nFROM busybox:1.36\n',
      [
        { line: 2, column: 6, text: 'alpine:3.20', where: 'FROM (stage 1)' },
        { line: 3, column: 6, text: 'busybox:1.36', where: 'FROM (stage 2)' }
      ]
    ],
    [
      'an escape directive after a comment is only a comment',
      '# hello\n# escape=`\nFROM alpine `\nFROM busybox\n',
      [
        { line: 3, column: 6, text: 'alpine' },
        { line: 4, column: 6, text: 'busybox' }
      ]
    ],
    [
      'a heredoc body is not read for instructions',
      'FROM alpine:3.20\nRUN <<EOF\nFROM evil:1\nEOF\nCOPY <<-"EOT" /x\n\tFROM evil:2\n\tEOT\nFROM busybox:1.36\n',
      [
        { line: 1, column: 6, text: 'alpine:3.20', where: 'FROM (stage 1)' },
        { line: 8, column: 6, text: 'busybox:1.36', where: 'FROM (stage 2)' }
      ]
    ],
    [
      'an unterminated heredoc runs to the end without a crash',
      'FROM alpine:3.20\nRUN <<EOF\nFROM evil:1\n',
      [{ line: 1, column: 6, text: 'alpine:3.20' }]
    ],
    [
      'a word split by a continuation is reported but not pinnable',
      'FROM alp\\\nine:3.20\n',
      [
        {
          line: 1,
          column: 6,
          text: 'alp\\\nine:3.20',
          image: 'alpine:3.20',
          pinnable: false,
          reason: 'the reference is split over lines by a line continuation'
        }
      ]
    ],
    [
      'CRLF line endings',
      'ARG B=alpine:3.20\r\nFROM $B\r\nFROM \\\r\n  busybox\r\n',
      [
        { line: 1, column: 7, text: 'alpine:3.20' },
        { line: 4, column: 3, text: 'busybox' }
      ]
    ],
    ['a BOM is not a column', '\uFEFFFROM alpine\n', [{ line: 1, column: 6, text: 'alpine' }]],
    ['no image after FROM', 'FROM\nFROM --platform=linux/amd64\n', []]
  ])('%s', (_name, text, rows) => {
    const found = scan(text)
    expectReferences(found, rows)
    expectSpansHoldText(found, text)
  })
})

describe('ARG substitution', () => {
  test.each<[string, string, RefRow[]]>([
    [
      '$VAR: the ARG default is the span',
      'ARG BASE=nginx:1.27\nFROM $BASE\n',
      [
        {
          line: 1,
          column: 10,
          text: 'nginx:1.27',
          image: 'nginx:1.27',
          where: 'ARG BASE (line 1), used by FROM (stage 1) on line 2',
          pinnable: true
        }
      ]
    ],
    [
      '${VAR} with a double-quoted default: the span is inside the quotes',
      'ARG BASE="nginx:1.27"\nFROM ${BASE} AS web\n',
      [{ line: 1, column: 11, text: 'nginx:1.27', pinnable: true }]
    ],
    [
      'a single-quoted default',
      "ARG BASE='nginx:1.27'\nFROM ${BASE}\n",
      [{ line: 1, column: 11, text: 'nginx:1.27', pinnable: true }]
    ],
    [
      'several ARGs on one line',
      'ARG A=alpine:3.20 B=busybox:1.36\nFROM $B\n',
      [{ line: 1, column: 21, text: 'busybox:1.36', image: 'busybox:1.36' }]
    ],
    [
      'the last global declaration wins',
      'ARG B=busybox:1.35\nARG B=busybox:1.36\nFROM $B\n',
      [{ line: 2, column: 7, text: 'busybox:1.36' }]
    ],
    [
      'two FROMs of one ARG are one reference',
      'ARG B=alpine:3.20\nFROM $B AS one\nFROM ${B}\n',
      [
        {
          line: 1,
          column: 7,
          text: 'alpine:3.20',
          where:
            'ARG B (line 1), used by FROM (stage 1: one) on line 2; used by FROM (stage 2) on line 3'
        }
      ]
    ],
    [
      '${VAR:-default} with the ARG undeclared: the inline default is the span',
      'FROM ${BASE:-nginx:1.27}\n',
      [{ line: 1, column: 14, text: 'nginx:1.27', image: 'nginx:1.27', pinnable: true }]
    ],
    [
      '${VAR:-default} with an ARG declared without a value',
      'ARG BASE\nFROM ${BASE:-nginx:1.27}\n',
      [{ line: 2, column: 14, text: 'nginx:1.27', pinnable: true }]
    ],
    [
      '${VAR:-default} with an ARG default: the ARG wins',
      'ARG BASE=alpine:3.20\nFROM ${BASE:-nginx:1.27}\n',
      [{ line: 1, column: 10, text: 'alpine:3.20', image: 'alpine:3.20' }]
    ],
    [
      'ARGs mixed with literal text: resolved, not pinnable',
      'ARG V=1.27\nFROM nginx:${V}-alpine\n',
      [
        {
          line: 2,
          column: 6,
          text: 'nginx:${V}-alpine',
          image: 'nginx:1.27-alpine',
          pinnable: false,
          reason:
            'the image is assembled from ARG values and literal text (nginx:${V}-alpine); a pin would have to replace the expression, so pin it by hand or make the whole image one ARG'
        }
      ]
    ],
    [
      'an ARG default built from other ARGs',
      'ARG V=1.27\nARG IMG=nginx:$V\nFROM $IMG\n',
      [
        {
          line: 3,
          column: 6,
          text: '$IMG',
          image: 'nginx:1.27',
          pinnable: false,
          reason:
            'the default of ARG IMG (line 2) is built from other ARGs (nginx:$V); pin the ARGs it is made of by hand'
        }
      ]
    ],
    [
      'an escaped $ is literal text',
      'ARG B=x\nFROM busybox\\$B\n',
      [
        {
          line: 2,
          column: 6,
          text: 'busybox\\$B',
          image: 'busybox$B',
          error: /Invalid image reference 'busybox\$B'/
        }
      ]
    ]
  ])('%s', (_name, text, rows) => {
    const found = scan(text)
    expectReferences(found, rows)
    expectSpansHoldText(found, text)
    expect(found.skipped).toEqual([])
  })

  test.each<[string, string, SkipRow[]]>([
    [
      'an ARG without a default',
      'ARG REGISTRY\nFROM ${REGISTRY}/tools:1\n',
      [
        {
          line: 2,
          column: 6,
          text: '${REGISTRY}/tools:1',
          reason:
            'ARG REGISTRY (line 1) has no default value; it comes from --build-arg, which the file does not tell'
        }
      ]
    ],
    [
      'a variable no ARG declares',
      'FROM $NOPE\n',
      [
        {
          line: 1,
          column: 6,
          text: '$NOPE',
          reason:
            'NOPE is not declared by an ARG before the first FROM (only those are visible to FROM)'
        }
      ]
    ],
    [
      'an ARG declared inside a stage is not visible to the next FROM',
      'FROM alpine AS a\nARG B=busybox\nFROM $B\n',
      [
        {
          line: 3,
          column: 6,
          text: '$B',
          reason: /B is not declared by an ARG before the first FROM/
        }
      ]
    ],
    [
      'a platform ARG the builder sets',
      'FROM --platform=$TARGETPLATFORM example/tool-${TARGETARCH}:1\n',
      [
        {
          line: 1,
          column: 33,
          text: 'example/tool-${TARGETARCH}:1',
          reason: 'it depends on TARGETARCH, which the builder sets for each platform it builds'
        }
      ]
    ],
    [
      'a platform ARG declared globally without a value is still the builder’s',
      'ARG TARGETARCH\nFROM example/tool-$TARGETARCH\n',
      [{ line: 2, column: 6, text: 'example/tool-$TARGETARCH', reason: /builder sets/ }]
    ],
    [
      'a form of substitution not followed',
      'ARG B=alpine:3.20\nFROM ${B#alpine}\n',
      [
        {
          line: 2,
          column: 6,
          text: '${B#alpine}',
          reason: "'${B#alpine}' uses a form of substitution not followed here"
        }
      ]
    ],
    [
      'an unclosed ${',
      'FROM ${B\n',
      [{ line: 1, column: 6, text: '${B', reason: "'${B' has a '${' without its '}'" }]
    ],
    [
      'an empty ARG default',
      'ARG B=\nFROM $B\n',
      [{ line: 2, column: 6, text: '$B', reason: 'the image is empty once ARGs are substituted' }]
    ],
    [
      'a stage name, in any case, and through an ARG',
      'FROM alpine AS Base\nFROM base\nARG X=1\nFROM BASE AS again\n',
      [
        { line: 2, column: 6, text: 'base', reason: "refers to build stage 'base' (line 1)" },
        { line: 4, column: 6, text: 'BASE', reason: "refers to build stage 'BASE' (line 1)" }
      ]
    ],
    [
      'a global ARG naming a stage',
      'ARG S=build\nFROM golang:1.22 AS build\nFROM $S\n',
      [{ line: 3, column: 6, text: '$S', reason: "refers to build stage 'build' (line 2)" }]
    ],
    [
      'scratch',
      'FROM scratch\nFROM SCRATCH AS s\n',
      [
        {
          line: 1,
          column: 6,
          text: 'scratch',
          reason: 'scratch is the empty image; there is nothing to pin'
        },
        {
          line: 2,
          column: 6,
          text: 'SCRATCH',
          reason: 'scratch is the empty image; there is nothing to pin'
        }
      ]
    ]
  ])('skipped: %s', (_name, text, rows) => {
    const found = scan(text)
    expectSkipped(found.skipped, rows)
  })
})

describe('COPY --from', () => {
  test('an image is a reference; a stage by name or index, or scratch, is not', () => {
    const text = [
      'FROM golang:1.22 AS build',
      'FROM alpine:3.20',
      'COPY --from=build /out /out',
      'COPY --from=0 /out /out2',
      'COPY --chown=1:1 --from=ghcr.io/acme/tools:1.2 /bin/tool /bin/',
      'COPY --from=BUILD /x /y',
      ''
    ].join('\n')
    const found = scan(text)
    expectReferences(found, [
      { line: 1, column: 6, text: 'golang:1.22' },
      { line: 2, column: 6, text: 'alpine:3.20' },
      { line: 5, column: 25, text: 'ghcr.io/acme/tools:1.2', where: 'COPY --from (stage 2)' }
    ])
    expectSpansHoldText(found, text)
    expect(found.skipped).toEqual([])
  })

  test('a COPY --from with a variable is skipped with its reason', () => {
    const found = scan('ARG T=ghcr.io/acme/tools:1\nFROM alpine\nCOPY --from=$T /a /b\n')
    expectSkipped(found.skipped, [
      { line: 3, column: 13, text: '$T', reason: 'COPY --from with variables is not followed' }
    ])
  })
})

describe('invalid references', () => {
  test.each([
    [
      'FROM Nginx:1.27\n',
      "Invalid image reference 'Nginx:1.27': repository name must be lowercase ('Nginx')"
    ],
    [
      'ARG B=nginx@sha256:abc\nFROM $B\n',
      "Invalid image reference 'nginx@sha256:abc': digest 'sha256:abc' must have 64 lowercase hex digits after 'sha256:'"
    ],
    ['FROM nginx:bad:tag\n', /Invalid image reference 'nginx:bad:tag'/]
  ])('%j is a reference with an error, not pinnable', (text, error) => {
    const found = scan(text)
    expect(found.references).toHaveLength(1)
    const [ref] = found.references
    expect(ref.pinnable).toBe(false)
    expect(ref.reason).toBe('it is not a valid image reference')
    if (error instanceof RegExp) expect(ref.error).toMatch(error)
    else expect(ref.error).toBe(error)
  })
})

describe('fixtures', () => {
  test('the multi-stage Dockerfile', () => {
    const text = fixture('Dockerfile')
    const found = scan(text)
    expectReferences(found, [
      {
        line: 11,
        column: 32,
        text: '${GOLANG_IMAGE}',
        image: 'golang:1.22.5-bookworm',
        pinnable: false,
        reason: /built from other ARGs \(golang:\$\{GO_VERSION\}-bookworm\)/
      },
      {
        line: 6,
        column: 16,
        text: 'node:20.15-alpine',
        where: 'ARG NODE_IMAGE (line 6), used by FROM (stage 2: assets) on line 21',
        platform: undefined,
        pinnable: true
      },
      {
        line: 8,
        column: 12,
        text: matching(/^alpine:3\.20@sha256:[0-9a-f]{64}$/),
        where: 'ARG ALPINE (line 8), used by FROM (stage 4: certs) on line 29'
      },
      {
        line: 39,
        column: 5,
        text: 'arm64v8/busybox:1.36',
        platform: 'linux/arm64',
        where: 'FROM (stage 5: probe)'
      },
      { line: 7, column: 17, text: 'gcr.io/distroless/static-debian12:nonroot', pinnable: true },
      {
        line: 50,
        column: 13,
        text: 'ghcr.io/grpc-ecosystem/grpc-health-probe:v0.4.28',
        where: 'COPY --from (stage 8)'
      }
    ])
    expectSpansHoldText(found, text)
    expectSkipped(found.skipped, [
      { line: 26, column: 6, text: 'build', reason: "refers to build stage 'build' (line 11)" },
      {
        line: 41,
        column: 6,
        text: '${REGISTRY}/tools/migrate:4.17',
        reason: /ARG REGISTRY \(line 9\) has no default value/
      },
      { line: 43, column: 6, text: 'scratch', reason: /scratch/ }
    ])
    expect(found.references.map(r => r.image)).not.toContain('ubuntu:22.04')
  })

  test('the Containerfile', () => {
    const text = fixture('Containerfile')
    const found = scan(text, 'Containerfile')
    expect(found.kind).toBe('dockerfile')
    expectReferences(found, [
      {
        line: 4,
        column: 6,
        text: 'registry.access.redhat.com/ubi9/ubi:${UBI_TAG}',
        image: 'registry.access.redhat.com/ubi9/ubi:9.4',
        pinnable: false
      },
      {
        line: 9,
        column: 6,
        text: matching(/^registry\.access\.redhat\.com\/ubi9\/ubi-minimal:9\.4@sha256:/),
        where: 'FROM (stage 2)',
        pinnable: true
      }
    ])
    expectSpansHoldText(found, text)
  })

  test('the Windows Dockerfile: backtick escape, CRLF', () => {
    const text = fixture('windows.Dockerfile')
    expect(text).toContain('\r\n')
    const found = scan(text, 'windows.Dockerfile')
    expectReferences(found, [
      {
        line: 3,
        column: 16,
        text: 'mcr.microsoft.com/windows/servercore:ltsc2022',
        pinnable: true
      },
      {
        line: 11,
        column: 5,
        text: 'mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022',
        where: 'FROM (stage 2)'
      }
    ])
    expectSpansHoldText(found, text)
  })
})
