import { findReferences } from '../../src/files/find-references.js'

/**
 * Dockerfiles a pull request can make as large as the 8 MiB file cap allows, that the old
 * parser took minutes over. These assert that the scan completes with the right answer; the
 * jest timeouts are far below what the old code took, far above what the new code takes
 * (bench/bounded.ts prints the figures). Directives as large are in dockerfile-lines.test.ts.
 */

const scan = (text: string) => findReferences('Dockerfile', text)

describe('a Dockerfile of many ARGs', () => {
  test('100,000 global ARGs (3.7 MB) and FROMs that use the last: scanned in one pass', () => {
    // The old parser copied every ARG into a new Map for each ARG and each FROM: 20,000 ARGs
    // took 47 s, so 100,000 ran for about 20 minutes. Now each ARG is one Map write.
    const count = 100_000
    const args = Array.from({ length: count }, (_, i) => `ARG A_${i}=registry.example/b:${i}`)
    const text = `${args.join('\n')}\nFROM \${A_${count - 1}}\nFROM \${A_${count - 1}} AS two\n`
    expect(text.length).toBeGreaterThan(3_600_000)
    const { references, skipped } = scan(text)
    expect(skipped).toEqual([])
    expect(references).toHaveLength(1)
    expect(references[0]).toMatchObject({
      line: count,
      image: `registry.example/b:${count - 1}`,
      where: `ARG A_${count - 1} (line ${count}), used by FROM (stage 1) on line ${count + 1}; used by FROM (stage 2: two) on line ${count + 2}`,
      pinnable: true
    })
  }, 20_000)

  test('50,000 FROMs of one ARG share its reference, found at once each time', () => {
    const count = 50_000
    const text = `ARG BASE=alpine:3.20\n${'FROM ${BASE}\n'.repeat(count)}`
    const { references } = scan(text)
    expect(references).toHaveLength(1)
    expect(references[0].where.split('; ')).toHaveLength(count)
  }, 20_000)

  test('an ARG sees the ARGs before it, not after, as before', () => {
    const text = 'ARG A=x\nARG B=${A}/y\nARG A=z\nFROM ${B}:1\n'
    expect(scan(text).references.map(r => r.image)).toEqual(['x/y:1'])
  })
})
