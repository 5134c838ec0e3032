import { DigestGateError } from '../../src/model/errors.js'
import { formatPlatform } from '../../src/model/platform.js'
import type { RawInputs } from '../../src/model/input-values.js'
import { DEFAULT_CONCURRENCY, type Settings, parseSettings } from '../../src/run/settings.js'

const base: RawInputs = { images: 'nginx' }

function settings(raw: RawInputs): Settings {
  return parseSettings({ ...base, ...raw })
}

function problems(raw: RawInputs): string[] {
  try {
    parseSettings(raw)
  } catch (e) {
    expect(e).toBeInstanceOf(DigestGateError)
    expect((e as DigestGateError).kind).toBe('invalid-input')
    return (e as DigestGateError).message.split('\n')
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`)
}

describe('parseSettings: defaults', () => {
  test('only images given', () => {
    const s = parseSettings({ images: 'nginx' })
    expect(s).toMatchObject({
      images: ['nginx'],
      platforms: [],
      failOnMissing: false,
      credential: undefined,
      insecureRegistries: [],
      source: 'registry',
      timeoutSeconds: 30,
      summary: true,
      concurrency: DEFAULT_CONCURRENCY,
      verifyBlobs: false,
      githubToken: undefined
    })
    expect(DEFAULT_CONCURRENCY).toBeGreaterThanOrEqual(1)
    expect(DEFAULT_CONCURRENCY).toBeLessThanOrEqual(64)
  })

  test('empty strings, as the runner passes unset inputs, mean the defaults', () => {
    const empty: RawInputs = {
      images: 'nginx',
      platforms: '',
      'fail-on-missing': '',
      registry: '',
      username: '',
      password: '',
      'insecure-registries': '',
      source: '',
      timeout: '',
      summary: '',
      concurrency: '',
      'verify-blobs': '',
      'github-token': ''
    }
    expect(parseSettings(empty)).toEqual(parseSettings({ images: 'nginx' }))
  })

  test('the result is frozen', () => {
    expect(Object.isFrozen(parseSettings({ images: 'nginx' }))).toBe(true)
  })
})

describe('parseSettings: images', () => {
  test.each<[string, string[]]>([
    ['nginx', ['nginx']],
    ['nginx, redis:7', ['nginx', 'redis:7']],
    ['nginx\nredis:7\n', ['nginx', 'redis:7']],
    ['# the base images\nnginx:1.27 # web\n\n  alpine:3.20  \n', ['nginx:1.27', 'alpine:3.20']],
    ['oci-layout://./dir:1.0', ['oci-layout://./dir:1.0']]
  ])('%j', (images, list) => {
    expect(parseSettings({ images }).images).toEqual(list)
  })

  test.each([undefined, '', '  \n ', '# only a comment'])('%j is required', images => {
    expect(problems({ images })).toEqual([
      "Input 'images' is required when 'files' is not set: give one or more image references, one per line or comma-separated, or name the files to read them from in 'files'."
    ])
  })
})

describe('parseSettings: booleans', () => {
  test.each<[string, boolean]>([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    [' true ', true],
    ['false', false],
    ['False', false],
    ['FALSE', false]
  ])('%j → %s', (value, expected) => {
    const s = settings({ 'fail-on-missing': value, summary: value, 'verify-blobs': value })
    expect(s.failOnMissing).toBe(expected)
    expect(s.summary).toBe(expected)
    expect(s.verifyBlobs).toBe(expected)
  })

  test.each(['yes', 'no', 'on', '1', '0', 'tRUE', 'y'])(
    '%j is rejected, naming the input',
    value => {
      for (const input of ['fail-on-missing', 'summary', 'verify-blobs']) {
        expect(problems({ ...base, [input]: value })).toEqual([
          `Invalid value for input '${input}': '${value}'. Expected 'true' or 'false'.`
        ])
      }
    }
  )
})

describe('parseSettings: timeout and concurrency', () => {
  test.each<[string, number]>([
    ['1', 1],
    ['30', 30],
    [' 45 ', 45],
    ['2.5', 2.5],
    ['3600', 3600]
  ])('timeout %j → %d', (timeout, seconds) => {
    expect(settings({ timeout }).timeoutSeconds).toBe(seconds)
  })

  test.each(['0', '0.5', '3601', '-1', 'abc', '30s', '1e3', '0x10', 'Infinity', 'NaN', '1,5'])(
    'timeout %j is rejected',
    timeout => {
      expect(problems({ ...base, timeout })).toEqual([
        `Invalid value for input 'timeout': '${timeout}'. Expected a number from 1 to 3600.`
      ])
    }
  )

  test.each<[string, number]>([
    ['1', 1],
    ['8', 8],
    ['64', 64],
    [' 16 ', 16]
  ])('concurrency %j → %d', (concurrency, n) => {
    expect(settings({ concurrency }).concurrency).toBe(n)
  })

  test.each(['0', '65', '-2', 'many', '1e1'])('concurrency %j is rejected', concurrency => {
    expect(problems({ ...base, concurrency })).toEqual([
      `Invalid value for input 'concurrency': '${concurrency}'. Expected a number from 1 to 64.`
    ])
  })

  test('concurrency must be whole', () => {
    expect(problems({ ...base, concurrency: '2.5' })).toEqual([
      "Invalid value for input 'concurrency': '2.5'. Expected a whole number from 1 to 64."
    ])
  })
})

describe('parseSettings: source', () => {
  test.each<[string | undefined, string]>([
    [undefined, 'registry'],
    ['', 'registry'],
    ['registry', 'registry'],
    ['docker', 'docker'],
    [' docker ', 'docker']
  ])('%j → %s', (source, kind) => {
    expect(settings({ source }).source).toBe(kind)
  })

  test.each(['podman', 'Docker', 'oci-layout', 'registry,docker'])('%j is rejected', source => {
    expect(problems({ ...base, source })).toEqual([
      `Invalid value for input 'source': '${source}'. Expected 'registry', 'docker' or 'aliyun'.`
    ])
  })
})

describe('parseSettings: credential', () => {
  test.each<[string | undefined, string]>([
    // registry as given → canonical name
    [undefined, 'docker.io'],
    ['', 'docker.io'],
    ['docker.io', 'docker.io'],
    ['https://index.docker.io/v1/', 'docker.io'],
    ['index.docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['GHCR.io', 'ghcr.io'],
    ['ghcr.io', 'ghcr.io'],
    ['https://ghcr.io', 'ghcr.io'],
    ['  quay.io  ', 'quay.io'],
    ['http://LOCALHOST:5000/', 'localhost:5000'],
    ['myregistry.azurecr.io', 'myregistry.azurecr.io'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com', '123456789012.dkr.ecr.us-east-1.amazonaws.com']
  ])('registry %j → %s', (registry, canonical) => {
    const s = settings({ registry, username: 'me', password: 'secret' })
    expect(s.credential).toEqual({ registry: canonical, username: 'me', password: 'secret' })
  })

  test('the username is trimmed, the password kept as given', () => {
    const s = settings({ username: ' me ', password: ' p a s s ' })
    expect(s.credential).toEqual({ registry: 'docker.io', username: 'me', password: ' p a s s ' })
  })

  test.each<[RawInputs]>([
    [{ username: 'me' }],
    [{ password: 'secret' }],
    [{ username: 'me', password: '' }],
    [{ username: '  ', password: 'secret' }],
    [{ registry: 'ghcr.io', username: 'me' }]
  ])('%j: username and password go together', raw => {
    expect(problems({ ...base, ...raw })).toEqual([
      "Inputs 'username' and 'password' go together: set both, or neither."
    ])
  })

  test('a registry alone is no credential', () => {
    expect(settings({ registry: 'ghcr.io' }).credential).toBeUndefined()
  })

  test('github-token is trimmed; blank means none', () => {
    expect(settings({ 'github-token': ' ghs_x ' }).githubToken).toBe('ghs_x')
    expect(settings({ 'github-token': '   ' }).githubToken).toBeUndefined()
  })
})

describe('parseSettings: insecure-registries', () => {
  test.each<[string, string[]]>([
    ['', []],
    ['localhost:5000', ['localhost:5000']],
    ['Registry.Local:5000, 10.0.0.5:5000', ['registry.local:5000', '10.0.0.5:5000']],
    ['http://registry.local:5000/\n# lab\nregistry.lab', ['registry.local:5000', 'registry.lab']]
  ])('%j', (value, list) => {
    expect(settings({ 'insecure-registries': value }).insecureRegistries).toEqual(list)
  })
})

describe('parseSettings: platforms', () => {
  test.each<[string, string[]]>([
    ['linux/amd64', ['linux/amd64']],
    ['linux/amd64,linux/arm64', ['linux/amd64', 'linux/arm64']],
    [
      'linux/amd64\nlinux/arm/v7\n# windows too\nwindows(10.0.20348)/amd64',
      ['linux/amd64', 'linux/arm/v7', 'windows(10.0.20348)/amd64']
    ],
    ['x86_64, aarch64, armhf', ['linux/amd64', 'linux/arm64', 'linux/arm/v7']]
  ])('%j', (platforms, keys) => {
    const s = settings({ platforms })
    expect(s.platforms.map(formatPlatform)).toEqual(keys)
  })

  test('a bad platform names the input and the platform', () => {
    expect(problems({ ...base, platforms: 'linux/amd64, linux' })).toEqual([
      "Input 'platforms': Invalid platform 'linux': 'linux' is an os; an architecture is needed too, e.g. 'linux/amd64'"
    ])
  })

  test('every bad platform is reported, not only the first', () => {
    const found = problems({ ...base, platforms: 'linux, linux/amd64, linux/arm/v7/x' })
    expect(found).toHaveLength(2)
    expect(found[0]).toMatch(/^Input 'platforms': Invalid platform 'linux':/)
    expect(found[1]).toMatch(/^Input 'platforms': Invalid platform 'linux\/arm\/v7\/x':/)
  })

  test('an unknown os, architecture or variant names the input and the nearest known value', () => {
    expect(
      problems({ ...base, platforms: 'linux/amd46, linux/arm64/v9, linux/amd64/v7, linux/s390' })
    ).toEqual([
      "Input 'platforms': 'linux/amd46': unknown architecture 'amd46' (did you mean 'amd64'?)",
      "Input 'platforms': 'linux/amd64/v7': unknown amd64 variant 'v7'; expected v1, v2, v3, v4, or '*' for any",
      "Input 'platforms': 'linux/s390': unknown architecture 's390' (did you mean 's390x'?)"
    ])
  })

  test("'*' accepts any variant, and is a requirement of its own", () => {
    expect(
      settings({ platforms: 'linux/amd64/*, linux/amd64, linux/arm64/*' }).platforms.map(
        formatPlatform
      )
    ).toEqual(['linux/amd64/*', 'linux/amd64', 'linux/arm64/*'])
  })
})

describe('parseSettings: all problems together', () => {
  test('every problem in one error, one per line', () => {
    const found = problems({
      images: '',
      platforms: 'windows',
      'fail-on-missing': 'yes',
      source: 'podman',
      username: 'me',
      timeout: '0',
      summary: 'maybe',
      concurrency: '100',
      'verify-blobs': 'sure'
    })
    expect(found).toEqual([
      "Input 'images' is required when 'files' is not set: give one or more image references, one per line or comma-separated, or name the files to read them from in 'files'.",
      "Input 'platforms': Invalid platform 'windows': 'windows' is an os; an architecture is needed too, e.g. 'windows/amd64'",
      "Invalid value for input 'source': 'podman'. Expected 'registry', 'docker' or 'aliyun'.",
      "Inputs 'username' and 'password' go together: set both, or neither.",
      "Invalid value for input 'fail-on-missing': 'yes'. Expected 'true' or 'false'.",
      "Invalid value for input 'timeout': '0'. Expected a number from 1 to 3600.",
      "Invalid value for input 'summary': 'maybe'. Expected 'true' or 'false'.",
      "Invalid value for input 'concurrency': '100'. Expected a number from 1 to 64.",
      "Invalid value for input 'verify-blobs': 'sure'. Expected 'true' or 'false'."
    ])
  })

  test('no password reaches an error message', () => {
    const message = problems({ images: '', password: 'hunter2-secret' }).join('\n')
    expect(message).not.toContain('hunter2-secret')
  })
})

describe('detail and the aliyun source', () => {
  test.each(['layers', 'platforms', 'digest'])('detail %s is accepted', detail => {
    expect(parseSettings({ images: 'nginx', detail }).detail).toBe(detail)
  })

  test('detail defaults to layers, and rejects other values naming them all', () => {
    expect(parseSettings({ images: 'nginx' }).detail).toBe('layers')
    expect(() => parseSettings({ images: 'nginx', detail: 'sizes' })).toThrow(
      "Invalid value for input 'detail': 'sizes'. Expected 'layers', 'platforms' or 'digest'."
    )
  })

  test('detail digest cannot check required platforms', () => {
    expect(() =>
      parseSettings({ images: 'nginx', detail: 'digest', platforms: 'linux/amd64' })
    ).toThrow(/'detail: digest' reads no platforms, so it cannot check 'platforms'/)
  })

  test('source aliyun needs region and both AccessKey parts, named', () => {
    expect(() =>
      parseSettings({ images: 'nginx', source: 'aliyun', 'aliyun-region': 'cn-hangzhou' })
    ).toThrow("Input 'source: aliyun' needs 'aliyun-access-key-id', 'aliyun-access-key-secret'.")
  })

  test('source aliyun with everything it needs', () => {
    const s = parseSettings({
      images: 'registry.cn-hangzhou.aliyuncs.com/ns/app:1',
      source: 'aliyun',
      'aliyun-region': 'cn-hangzhou',
      'aliyun-access-key-id': 'LTAI',
      'aliyun-access-key-secret': 'secret',
      'aliyun-signature-version': 'v2'
    })
    expect(s.aliyun).toEqual({
      region: 'cn-hangzhou',
      accessKeyId: 'LTAI',
      accessKeySecret: 'secret',
      securityToken: undefined,
      endpoint: undefined,
      signatureVersion: 'v2'
    })
  })

  test('a bad signature version or region is named', () => {
    expect(() =>
      parseSettings({
        images: 'x',
        source: 'aliyun',
        'aliyun-region': 'CN Hangzhou',
        'aliyun-access-key-id': 'a',
        'aliyun-access-key-secret': 'b',
        'aliyun-signature-version': 'v4'
      })
    ).toThrow(
      /'aliyun-signature-version': 'v4'. Expected 'v3' or 'v2'.\nInvalid value for input 'aliyun-region'/
    )
  })

  test('the same platform named twice is required once', () => {
    expect(
      parseSettings({ images: 'x', platforms: 'linux/arm64, aarch64, arm64/v8' }).platforms
    ).toHaveLength(1)
  })
})

describe('files, mode and require-pins', () => {
  test('files alone is enough: images may then be empty; patterns keep their order', () => {
    const s = parseSettings({
      files: '# what we ship\n**/Dockerfile\n\n  compose.yaml \n!vendor/**\n'
    })
    expect(s).toMatchObject({
      images: [],
      files: ['**/Dockerfile', 'compose.yaml', '!vendor/**'],
      mode: 'report',
      requirePins: false,
      detail: 'layers'
    })
  })

  test('with neither images nor files, what is missing is said', () => {
    expect(problems({ images: '', files: '# nothing yet' })).toEqual([
      "Input 'images' is required when 'files' is not set: give one or more image references, one per line or comma-separated, or name the files to read them from in 'files'."
    ])
  })

  test.each<[string, string, string, object]>([
    ['report', '', '', { detail: 'layers' }],
    ['pin', '', '', { detail: 'digest' }],
    ['pin', 'linux/amd64', '', { detail: 'platforms' }],
    ['verify', '', '', { detail: 'platforms' }],
    ['verify', '', 'layers', { detail: 'layers' }],
    ['pin', '', 'layers', { detail: 'layers' }]
  ])('mode %s, platforms %j, detail %j', (mode, platforms, detail, want) => {
    expect(parseSettings({ files: 'Dockerfile', mode, platforms, detail })).toMatchObject({
      mode,
      ...want
    })
  })

  test('require-pins is read as a boolean with verify', () => {
    expect(
      parseSettings({ files: 'Dockerfile', mode: 'verify', 'require-pins': 'true' }).requirePins
    ).toBe(true)
  })

  test.each<[RawInputs, string]>([
    [
      { files: 'Dockerfile', mode: 'merge-all' },
      "Invalid value for input 'mode': 'merge-all'. Expected 'report', 'pin', 'verify' or 'merge'."
    ],
    [
      { images: 'nginx', mode: 'pin' },
      "Input 'mode: pin' works on the files named in 'files', and 'files' is empty: give glob patterns (one per line) such as '**/Dockerfile'."
    ],
    [
      { files: 'Dockerfile', 'require-pins': 'true' },
      "Input 'require-pins' applies to 'mode: verify' only (mode is 'report'); set 'mode: verify' or remove it."
    ],
    [
      { files: 'Dockerfile', mode: 'verify', detail: 'digest' },
      "Input 'detail: digest' reads no platforms, and 'mode: verify' checks them (single-platform pins, required platforms); use 'detail: platforms', or leave 'detail' empty."
    ],
    [
      { files: 'Dockerfile', mode: 'verify', 'require-pins': 'yes' },
      "Invalid value for input 'require-pins': 'yes'. Expected 'true' or 'false'."
    ],
    [
      { files: 'Dockerfile', mode: 'verify', wait: '60' },
      "Input 'wait' waits for images being pushed, and 'files' names images already in use; run a separate step for each."
    ],
    [
      { files: 'Dockerfile', shard: '1/2' },
      "Input 'shard' splits the images given across a matrix, and 'files' is read whole by every job; use one or the other."
    ],
    [
      { files: 'Dockerfile', mode: 'merge', reports: 'r.json' },
      "Input 'files' is not read with 'mode: merge': the images come from the report files in 'reports'; remove it."
    ]
  ])('%j is refused, naming the input', (raw, message) => {
    expect(problems(raw)).toEqual([message])
  })
})

describe('parseSettings: comment', () => {
  test.each<[string | undefined, string]>([
    [undefined, 'false'],
    ['', 'false'],
    ['false', 'false'],
    ['FALSE', 'false'],
    ['true', 'true'],
    ['True', 'true'],
    ['on-change', 'on-change'],
    ['  on-change ', 'on-change']
  ])('%j is %j', (comment, mode) => {
    expect(settings({ comment }).comment).toBe(mode)
  })

  test.each(['yes', 'on', 'On-Change', 'always'])('%j is rejected, naming the input', comment => {
    expect(problems({ ...base, comment })).toEqual([
      `Invalid value for input 'comment': '${comment}'. Expected 'false', 'true' or 'on-change'.`
    ])
  })
})

describe('pipelines: wait, shard, mode, reports, cache', () => {
  test('defaults: no wait, every image, report mode, no cache', () => {
    expect(parseSettings({ images: 'nginx' })).toMatchObject({
      mode: 'report',
      waitSeconds: 0,
      shard: undefined,
      reports: [],
      cache: undefined
    })
  })

  test.each<[string, number]>([
    ['0', 0],
    ['600', 600],
    ['2.5', 2.5],
    ['21600', 21600]
  ])('wait %j → %d s', (wait, seconds) => {
    expect(settings({ wait }).waitSeconds).toBe(seconds)
  })

  test.each(['-1', 'ten', '21601', '5m'])('wait %j is rejected, naming the input', wait => {
    expect(problems({ ...base, wait })).toEqual([
      `Invalid value for input 'wait': '${wait}'. Expected a number from 0 to 21600.`
    ])
  })

  test.each<[string, { index: number; count: number }]>([
    ['1/1', { index: 1, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    [' 4 / 4 ', { index: 4, count: 4 }],
    ['256/256', { index: 256, count: 256 }]
  ])('shard %j', (shard, expected) => {
    expect(settings({ shard }).shard).toEqual(expected)
  })

  test.each(['0/4', '5/4', '2', '2/0', 'a/b', '1/257', '-1/4', '2/4/8', '1.5/4'])(
    'shard %j is rejected with what is expected',
    shard => {
      const [message] = problems({ ...base, shard })
      expect(message).toContain(`Invalid value for input 'shard': '${shard.trim()}'. Expected i/n`)
      expect(message).toContain("e.g. '2/4'")
    }
  )

  test('mode takes a value from the list, naming every one', () => {
    expect(settings({ mode: 'report' }).mode).toBe('report')
    expect(problems({ ...base, mode: 'pin-all' })).toEqual([
      "Invalid value for input 'mode': 'pin-all'. Expected 'report', 'pin', 'verify' or 'merge'."
    ])
  })

  test('merge needs reports and no images; reports are one per line', () => {
    const s = parseSettings({
      mode: 'merge',
      reports: 'shards/report-1.json\n# a comment\n\n shards/a,b.json \nshards/*.json'
    })
    expect(s.mode).toBe('merge')
    expect(s.images).toEqual([])
    expect(s.reports).toEqual(['shards/report-1.json', 'shards/a,b.json', 'shards/*.json'])
    expect(problems({ mode: 'merge' })).toEqual([
      "Input 'reports' is required with 'mode: merge': give the shard runs' report files (paths or globs, one per line)."
    ])
    expect(problems({ mode: 'merge', reports: 'r.json', images: 'nginx', shard: '1/2' })).toEqual([
      "Input 'images' is not read with 'mode: merge': the images come from the report files in 'reports'; remove it.",
      "Input 'shard' has no meaning with 'mode: merge', which joins every shard."
    ])
  })

  test('reports without merge mode is a mistake worth naming', () => {
    expect(problems({ ...base, reports: 'r.json' })).toEqual([
      "Input 'reports' is only read with 'mode: merge'; set 'mode: merge' or remove it."
    ])
  })

  test('cache is a directory as given', () => {
    expect(settings({ cache: ' ~/.cache/digest-gate ' }).cache).toBe('~/.cache/digest-gate')
  })
})

describe('fail-on and policy', () => {
  test.each<[string | undefined, string | undefined, string]>([
    // fail-on-missing, fail-on, the resulting fail-on
    [undefined, undefined, 'never'],
    ['false', '', 'never'],
    ['true', '', 'missing'],
    ['true', 'missing', 'missing'],
    ['true', 'violation', 'violation'],
    ['false', 'violation', 'violation'],
    ['false', 'never', 'never'],
    ['false', 'missing', 'missing']
  ])('fail-on-missing %s and fail-on %j: %s', (failOnMissing, failOn, expected) => {
    expect(settings({ 'fail-on-missing': failOnMissing, 'fail-on': failOn }).failOn).toBe(expected)
  })

  test('fail-on never contradicts fail-on-missing true', () => {
    expect(problems({ images: 'nginx', 'fail-on-missing': 'true', 'fail-on': 'never' })).toEqual([
      "Inputs 'fail-on: never' and 'fail-on-missing: true' contradict each other: 'fail-on-missing: true' means 'fail-on: missing'. Set one of them."
    ])
  })

  test('an unknown fail-on names the input and the values it takes', () => {
    expect(problems({ images: 'nginx', 'fail-on': 'violations' })).toEqual([
      "Invalid value for input 'fail-on': 'violations'. Expected 'missing', 'violation' or 'never'."
    ])
  })

  test('policy is kept as given (trimmed), to be read by the run', () => {
    expect(settings({ policy: ' .github/policy.yml ' }).policy).toBe('.github/policy.yml')
    expect(settings({ policy: '' }).policy).toBeUndefined()
  })
})

describe('images naming the releases files are promoted to', () => {
  const R = 'registry.invalid/app'

  test('settings: two tags of one repository with files in pin mode are refused', () => {
    expect(() =>
      parseSettings({ mode: 'pin', files: 'values.yaml', images: `${R}/api:2.1, ${R}/api:2.2` })
    ).toThrow(/Input 'images' names registry\.invalid\/app\/api at two tags \(2\.1 and 2\.2\)/)
    expect(
      parseSettings({ mode: 'pin', files: 'values.yaml', images: `${R}/api:2.1, ${R}/web:1` })
        .images
    ).toHaveLength(2)
  })
})
