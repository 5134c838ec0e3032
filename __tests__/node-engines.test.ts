/**
 * Node.js versions that agree: every runtime dependency installed (package-lock.json, not the
 * dev tools) accepts each Node version CI runs the suite on, those are the versions
 * package.json's engines promises from its lowest major up, and the action's own runtime is
 * among them. An `npm ci` on any of them then warns of no runtime package (as content-type
 * 3.x, `node >=22`, did through @actions/github before package.json's override).
 */
import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'

interface LockEntry {
  version?: string
  dev?: boolean
  devOptional?: boolean
  engines?: { node?: string } | string[]
}

type Version = [number, number, number]

function version(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text
    .replace(/^[v=]/, '')
    .split('.')
    .map(n => (/^\d+$/.test(n) ? Number(n) : 0))
  return [major, minor, patch]
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
}

/** Whether `node` satisfies a semver range of the forms engines fields use. */
function satisfies(node: Version, range: string): boolean {
  return range.split('||').some(alternative =>
    alternative
      .trim()
      .replace(/([<>=^~]+)\s+/g, '$1')
      .split(/\s+/)
      .filter(c => c && c !== '*' && c !== 'x')
      .every(comparator => {
        const [, op = '', rest] = /^([<>=^~]*)(.*)$/.exec(comparator) ?? []
        const v = version(rest)
        const c = compare(node, v)
        if (op === '>=') return c >= 0
        if (op === '>') return c > 0
        if (op === '<=') return c <= 0
        if (op === '<') return c < 0
        if (op === '^') return c >= 0 && node[0] === v[0]
        if (op === '~') return c >= 0 && node[0] === v[0] && node[1] === v[1]
        return node[0] === v[0] && (rest.split('.').length < 2 || node[1] === v[1])
      })
  )
}

/**
 * The lowest version of `major` that `engines` promises: `major`.0.0 or a bound the range names
 * in that major (`^20.17.0 || >=22.9.0` promises 20.17.0 and 22.9.0). CI installs each major's
 * newest release, at or above it; a dependency must accept that lowest promised version.
 */
function floor(major: number, engines: string): Version | undefined {
  const bounds = [...engines.matchAll(/\d+(?:\.\d+){0,2}/g)].map(m => version(m[0]))
  return [[major, 0, 0] as Version, ...bounds.filter(v => v[0] === major)]
    .sort(compare)
    .find(v => satisfies(v, engines))
}

const json = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T

test('satisfies reads the engines ranges found in the lock file', () => {
  expect(satisfies([20, 0, 0], '>=22')).toBe(false)
  expect(satisfies([22, 0, 0], '>=22')).toBe(true)
  expect(satisfies([20, 0, 0], '>= 20')).toBe(true)
  expect(satisfies([20, 0, 0], '>=0.6.11 <=0.7.0 || >=0.7.3')).toBe(true)
  expect(satisfies([0, 7, 1], '>=0.6.11 <=0.7.0 || >=0.7.3')).toBe(false)
  expect(satisfies([24, 0, 0], '^20 || ^22 || ^24')).toBe(true)
  expect(satisfies([23, 0, 0], '^20 || ^22 || ^24')).toBe(false)
  expect(satisfies([20, 0, 0], '>=18.17')).toBe(true)
  expect(floor(20, '^20.17.0 || >=22.9.0')).toEqual([20, 17, 0])
  expect(floor(22, '^20.17.0 || >=22.9.0')).toEqual([22, 9, 0])
  expect(floor(24, '^20.17.0 || >=22.9.0')).toEqual([24, 0, 0])
  expect(floor(20, '>=20')).toEqual([20, 0, 0])
  expect(floor(21, '^20.17.0')).toBeUndefined()
})

test('CI runs every Node version promised, the runner included', async () => {
  const pkg = await json<{ engines: { node: string } }>('package.json')
  const ci = parse(await readFile('.github/workflows/ci.yml', 'utf8')) as {
    jobs: { ci: { strategy: { matrix: { node: number[] } } } }
  }
  const matrix = ci.jobs.ci.strategy.matrix.node
  const action = parse(await readFile('action.yml', 'utf8')) as { runs: { using: string } }
  const runner = Number(action.runs.using.replace(/^node/, ''))
  // The lowest promised major is tested, and so is the one the action runs on.
  const lowest = version(pkg.engines.node.replace(/^[<>=^~]+\s*/, ''))[0]
  expect(Math.min(...matrix)).toBe(lowest)
  expect(matrix).toContain(runner)
  // Every even (LTS) major from the lowest to the runner's.
  for (let major = lowest; major <= runner; major += 2) expect(matrix).toContain(major)
  for (const major of matrix) expect(floor(major, pkg.engines.node)).toBeDefined()
})

test("every runtime dependency's engines accept each Node version CI runs", async () => {
  const lock = await json<{ packages: Record<string, LockEntry> }>('package-lock.json')
  const ci = parse(await readFile('.github/workflows/ci.yml', 'utf8')) as {
    jobs: { ci: { strategy: { matrix: { node: number[] } } } }
  }
  const pkg = await json<{ engines: { node: string } }>('package.json')
  const refused: string[] = []
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path || entry.dev || entry.devOptional) continue
    const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node
    if (!range) continue
    for (const major of ci.jobs.ci.strategy.matrix.node) {
      const lowest = floor(major, pkg.engines.node) ?? [major, 0, 0]
      if (!satisfies(lowest, range))
        refused.push(`${path}@${entry.version}: node ${range} refuses Node ${lowest.join('.')}`)
    }
  }
  expect(refused).toEqual([])
})
