import { DigestGateError } from '../../src/model/errors.js'
import {
  type ImageReference,
  canonicalRegistry,
  digestProblem,
  formatName,
  formatPinned,
  parseReference
} from '../../src/model/reference.js'

const HEX64 = '0123456789abcdef'.repeat(4)
const HEX128 = HEX64.repeat(2)
const D = `sha256:${HEX64}`
const D512 = `sha512:${HEX128}`

/** Parses and returns the thrown DigestGateError, failing the test when nothing is thrown. */
function parseError(input: string): DigestGateError {
  try {
    parseReference(input)
  } catch (e) {
    expect(e).toBeInstanceOf(DigestGateError)
    return e as DigestGateError
  }
  throw new Error(`expected '${input}' to be rejected`)
}

describe('parseReference: registry references', () => {
  test.each<[string, string, string, string | undefined, string | undefined]>([
    // input, registry, repository, tag, digest
    ['nginx', 'docker.io', 'library/nginx', 'latest', undefined],
    ['nginx:1.27', 'docker.io', 'library/nginx', '1.27', undefined],
    ['library/nginx', 'docker.io', 'library/nginx', 'latest', undefined],
    ['docker.io/nginx', 'docker.io', 'library/nginx', 'latest', undefined],
    ['docker.io/library/nginx:stable', 'docker.io', 'library/nginx', 'stable', undefined],
    ['index.docker.io/x', 'docker.io', 'library/x', 'latest', undefined],
    ['registry-1.docker.io/library/x', 'docker.io', 'library/x', 'latest', undefined],
    ['INDEX.DOCKER.IO/x', 'docker.io', 'library/x', 'latest', undefined],
    ['bitnami/redis:7.2', 'docker.io', 'bitnami/redis', '7.2', undefined],
    ['localhost/x', 'localhost', 'x', 'latest', undefined],
    ['localhost:5000/a/b:t', 'localhost:5000', 'a/b', 't', undefined],
    ['[::1]:5000/x', '[::1]:5000', 'x', 'latest', undefined],
    ['[::1]/x:v1', '[::1]', 'x', 'v1', undefined],
    ['127.0.0.1:5000/team/app', '127.0.0.1:5000', 'team/app', 'latest', undefined],
    ['Example.com/x', 'example.com', 'x', 'latest', undefined],
    ['Registry/x', 'registry', 'x', 'latest', undefined],
    ['ghcr.io/owner/repo/sub:v1.2.3', 'ghcr.io', 'owner/repo/sub', 'v1.2.3', undefined],
    [
      'mcr.microsoft.com/dotnet/core/runtime:3.0',
      'mcr.microsoft.com',
      'dotnet/core/runtime',
      '3.0',
      undefined
    ],
    [
      'quay.io/a_b/c__d/e-f/g--h/i.j:Tag_UPPER-1.x',
      'quay.io',
      'a_b/c__d/e-f/g--h/i.j',
      'Tag_UPPER-1.x',
      undefined
    ],
    // A tag and a digest: both kept, the digest decides what is fetched.
    [`nginx:1.27@${D}`, 'docker.io', 'library/nginx', '1.27', D],
    [`localhost:5000/a/b:t@${D}`, 'localhost:5000', 'a/b', 't', D],
    // Digest only: no tag, and no `latest` invented.
    [`nginx@${D}`, 'docker.io', 'library/nginx', undefined, D],
    [`ghcr.io/o/r@${D512}`, 'ghcr.io', 'o/r', undefined, D512],
    // Surrounding whitespace is trimmed.
    ['  nginx:1  ', 'docker.io', 'library/nginx', '1', undefined]
  ])('%s', (input, registry, repository, tag, digest) => {
    const ref = parseReference(input)
    expect(ref).toEqual({
      kind: 'registry',
      image: input.trim(),
      registry,
      repository,
      tag,
      digest
    })
  })

  test.each([
    ['a tag of 128 characters', `nginx:${'t'.repeat(128)}`],
    ['a tag starting with an underscore', 'nginx:_x'],
    ['a tag with uppercase letters', 'nginx:LATEST'],
    ['a path of exactly 255 characters', `ghcr.io/${'a'.repeat(255)}`],
    ['a Docker Hub path of 255 characters with library/', `${'a'.repeat(247)}:1`],
    ['a sha512 digest', `nginx@${D512}`]
  ])('accepts %s', (_what, input) => {
    expect(() => parseReference(input)).not.toThrow()
  })

  test('the tag may be 128 characters but no more', () => {
    const tag = 'a'.repeat(128)
    const ref = parseReference(`nginx:${tag}`)
    expect(ref.tag).toBe(tag)
    expect(parseError(`nginx:${tag}x`).message).toMatch(
      /tag is 129 characters long \(at most 128\)/
    )
  })

  test('the path without the domain is at most 255 characters, library/ included', () => {
    expect(parseError(`ghcr.io/${'a'.repeat(256)}`).message).toMatch(
      /repository name is 256 characters long \(at most 255\)/
    )
    // docker.io adds library/ (8 characters) before the check, as distribution does.
    expect(parseError('a'.repeat(248)).message).toMatch(/repository name is 256 characters long/)
  })
})

describe('parseReference: errors', () => {
  test.each<[string, string, RegExp]>([
    ['empty', '', /it is empty/],
    ['blank', '   ', /it is empty/],
    ['whitespace inside', 'nginx latest', /whitespace/],
    ['uppercase repository', 'NGINX', /repository name must be lowercase \('NGINX'\)/],
    ['uppercase path component', 'myorg/MyApp:1', /repository name must be lowercase \('MyApp'\)/],
    ['uppercase component after a domain', 'ghcr.io/Owner/repo', /must be lowercase \('Owner'\)/],
    ['leading separator', 'ghcr.io/-abc', /component '-abc' must be lowercase letters/],
    ['trailing separator', 'ghcr.io/abc_', /component 'abc_'/],
    ['triple underscore', 'ghcr.io/a___b', /component 'a___b'/],
    ['double dot', 'ghcr.io/a..b', /component 'a..b'/],
    ['empty component', 'ghcr.io/a//b', /empty component/],
    ['no repository', ':tag', /no repository name/],
    ['bad tag character', 'nginx:1.0+build', /tag '1.0\+build' must match/],
    ['tag starting with a dot', 'nginx:.x', /tag '.x' must match/],
    ['empty tag', 'nginx:', /tag '' must match/],
    ['tag of 129 characters', `nginx:${'x'.repeat(129)}`, /tag is 129 characters long/],
    ['uppercase hex digest', `nginx@sha256:${HEX64.toUpperCase()}`, /must use lowercase hex/],
    ['short digest', `nginx@sha256:${HEX64.slice(1)}`, /must have 64 lowercase hex digits/],
    ['long sha256 digest', `nginx@sha256:${HEX64}0`, /must have 64 lowercase hex digits/],
    ['short sha512 digest', `nginx@sha512:${HEX64}`, /must have 128 lowercase hex digits/],
    ['unknown algorithm', `nginx@md5:${HEX64.slice(0, 32)}`, /algorithm 'md5' is not supported/],
    ['digest without algorithm', `nginx@${HEX64}`, /must be algorithm:hex/],
    ['empty digest', 'nginx@', /must be algorithm:hex/],
    ['non-hex digest', `nginx@sha256:${'g'.repeat(64)}`, /must have 64 lowercase hex digits/],
    ['bad domain label', 'exa_mple.com/x', /registry 'exa_mple.com' is not a valid host\[:port\]/],
    ['bad port', 'localhost:50a0/x', /registry 'localhost:50a0'/],
    ['unclosed IPv6', '[::1:5000/x', /registry '\[::1:5000'/],
    ['IPv6 with junk after', '[::1]x/y', /registry '\[::1\]x'/],
    ['hyphen-edged label', '-bad.example.com/x', /registry '-bad.example.com'/],
    ['over-long path', `ghcr.io/${'ab/'.repeat(85)}abc`, /at most 255/]
  ])('%s', (_what, input, why) => {
    const e = parseError(input)
    expect(e.kind).toBe('invalid-input')
    expect(e.name).toBe('DigestGateError')
    expect(e.message).toContain(`Invalid image reference '${input.trim() || input}'`)
    expect(e.message).toMatch(why)
  })
})

describe('parseReference: a 64-hex-digit name reads as an image ID (issue 18)', () => {
  const ID = 'ab'.repeat(32)
  const why = new RegExp(
    `repository name '${ID}' is 64 hexadecimal digits, which reads as an image ID: cannot specify 64-byte hexadecimal strings`
  )
  test.each([
    ID,
    `${ID}:1.0`,
    `docker.io/library/${ID}`,
    `docker.io/${ID}`,
    `index.docker.io/library/${ID}@sha256:${HEX64}`
  ])('%s is refused, named, with the explanation', input => {
    const e = parseError(input)
    expect(e.kind).toBe('invalid-input')
    expect(e.message).toContain(`Invalid image reference '${input}'`)
    expect(e.message).toMatch(why)
  })

  test.each([
    `ghcr.io/${ID}`,
    `docker.io/acme/${ID}`,
    ID.slice(1),
    `${ID}0`,
    `ghcr.io/acme/${ID}:1`
  ])('%s is a name: not the whole familiar name, or not 64 digits', input => {
    expect(() => parseReference(input)).not.toThrow()
  })
})

describe('parseReference: oci-layout://', () => {
  test.each<[string, string, string | undefined, string | undefined]>([
    // input, path, tag, digest
    ['oci-layout://path:tag', 'path', 'tag', undefined],
    ['oci-layout://examples/hello-layout:1.0', 'examples/hello-layout', '1.0', undefined],
    [`oci-layout://path@${D}`, 'path', undefined, D],
    [`oci-layout://path:tag@${D}`, 'path', 'tag', D],
    ['oci-layout://./dir', './dir', undefined, undefined],
    ['oci-layout:///abs/dir', '/abs/dir', undefined, undefined],
    ['oci-layout://../up.dir/x', '../up.dir/x', undefined, undefined],
    // A ':' before the last '/' is part of the path (a Windows drive letter, say).
    ['oci-layout://C:/layouts/app', 'C:/layouts/app', undefined, undefined],
    ['oci-layout://C:/layouts/app:v2', 'C:/layouts/app', 'v2', undefined],
    ['oci-layout://dir with spaces/x:t', 'dir with spaces/x', 't', undefined],
    // Windows paths: '\\' separates like '/', and a drive letter's ':' is never a tag's.
    ['oci-layout://C:\\layouts\\app', 'C:\\layouts\\app', undefined, undefined],
    ['oci-layout://C:\\layouts\\app:v2', 'C:\\layouts\\app', 'v2', undefined],
    [`oci-layout://C:\\layouts\\app@${D}`, 'C:\\layouts\\app', undefined, D],
    [`oci-layout://c:\\layouts\\app:v2@${D}`, 'c:\\layouts\\app', 'v2', D],
    [
      'oci-layout://D:\\a\\repo/examples/hello-layout:1.0',
      'D:\\a\\repo/examples/hello-layout',
      '1.0',
      undefined
    ],
    ['oci-layout://examples\\hello-layout:1.0', 'examples\\hello-layout', '1.0', undefined],
    ['oci-layout://.\\dir', '.\\dir', undefined, undefined],
    ['oci-layout://..\\v1.0\\app', '..\\v1.0\\app', undefined, undefined],
    ['oci-layout://\\\\server\\share\\layout:1.0', '\\\\server\\share\\layout', '1.0', undefined],
    ['oci-layout://C:\\', 'C:\\', undefined, undefined],
    ['oci-layout://C:', 'C:', undefined, undefined],
    // A one-letter directory with a tag is not a drive letter.
    ['oci-layout://a:1.0', 'a', '1.0', undefined],
    ['oci-layout://./a:1.0', './a', '1.0', undefined]
  ])('%s', (input, path, tag, digest) => {
    expect(parseReference(input)).toEqual({ kind: 'oci-layout', image: input, path, tag, digest })
  })

  test.each<[string, RegExp]>([
    ['oci-layout://', /needs a directory path/],
    ['oci-layout://dir:bad+tag', /tag 'bad\+tag' must match/],
    ['oci-layout://C:\\layouts\\app:bad+tag', /tag 'bad\+tag' must match/],
    [`oci-layout://dir@sha256:${HEX64.toUpperCase()}`, /must use lowercase hex/],
    ['oci-layout://dir@sha256:abc', /must have 64 lowercase hex digits/]
  ])('rejects %s', (input, why) => {
    const e = parseError(input)
    expect(e.kind).toBe('invalid-input')
    expect(e.message).toContain(`'${input}'`)
    expect(e.message).toMatch(why)
  })
})

describe('digestProblem', () => {
  test.each<[string, RegExp | null]>([
    [D, null],
    [D512, null],
    [`sha256:${HEX64.toUpperCase()}`, /lowercase hex/],
    ['sha256:abc', /must have 64/],
    [`sha384:${HEX64}`, /'sha384' is not supported/],
    [':abc', /must be algorithm:hex/],
    ['', /must be algorithm:hex/]
  ])('%s', (digest, problem) => {
    const got = digestProblem(digest)
    if (problem === null) expect(got).toBeNull()
    else expect(got).toMatch(problem)
  })
})

describe('canonicalRegistry', () => {
  test.each([
    ['docker.io', 'docker.io'],
    ['index.docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['Registry-1.Docker.IO', 'docker.io'],
    ['GHCR.io', 'ghcr.io'],
    ['localhost:5000', 'localhost:5000']
  ])('%s → %s', (domain, canonical) => {
    expect(canonicalRegistry(domain)).toBe(canonical)
  })
})

describe('formatName and formatPinned', () => {
  test.each<[string, string, string, string]>([
    // input, formatName, formatName(withTag = false), formatPinned(ref, D)
    [
      'nginx',
      'docker.io/library/nginx:latest',
      'docker.io/library/nginx',
      `docker.io/library/nginx:latest@${D}`
    ],
    [
      'index.docker.io/x:1',
      'docker.io/library/x:1',
      'docker.io/library/x',
      `docker.io/library/x:1@${D}`
    ],
    [
      `nginx@${D}`,
      'docker.io/library/nginx',
      'docker.io/library/nginx',
      `docker.io/library/nginx@${D}`
    ],
    [
      `nginx:1.27@${D}`,
      'docker.io/library/nginx:1.27',
      'docker.io/library/nginx',
      `docker.io/library/nginx:1.27@${D}`
    ],
    [
      'localhost:5000/a/b:t',
      'localhost:5000/a/b:t',
      'localhost:5000/a/b',
      `localhost:5000/a/b:t@${D}`
    ],
    ['[::1]:5000/x', '[::1]:5000/x:latest', '[::1]:5000/x', `[::1]:5000/x:latest@${D}`],
    ['Example.com/x', 'example.com/x:latest', 'example.com/x', `example.com/x:latest@${D}`],
    ['oci-layout://./dir', 'oci-layout://./dir', 'oci-layout://./dir', `oci-layout://./dir@${D}`],
    [
      'oci-layout://path:tag',
      'oci-layout://path:tag',
      'oci-layout://path',
      `oci-layout://path:tag@${D}`
    ]
  ])('%s', (input, name, bare, pinned) => {
    const ref: ImageReference = parseReference(input)
    expect(formatName(ref)).toBe(name)
    expect(formatName(ref, false)).toBe(bare)
    expect(formatPinned(ref, D)).toBe(pinned)
  })

  test('a formatted name parses back to the same reference', () => {
    for (const input of ['nginx', 'ghcr.io/o/r:v1', `quay.io/a/b:c@${D}`, '[::1]:5000/x']) {
      const ref = parseReference(input)
      const again = parseReference(formatPinned(ref, ref.digest ?? D))
      expect(again).toMatchObject({
        registry: (ref as { registry: string }).registry,
        repository: (ref as { repository: string }).repository,
        tag: ref.tag
      })
    }
  })
})

describe('ports', () => {
  test.each(['localhost:0/x', 'localhost:65536/x', 'localhost:99999999999999999999/x'])(
    '%s is refused as a registry, not a crash later',
    image => {
      expect(() => parseReference(image)).toThrow(/is not a valid host\[:port\]/)
    }
  )

  test('localhost:65535/x is fine', () => {
    expect(parseReference('localhost:65535/x')).toMatchObject({
      registry: 'localhost:65535',
      repository: 'x'
    })
  })
})
