/** Sizes and percentages as a policy file writes them, and sizes written back in the budget's unit (sizes.ts). */
import {
  formatBudget,
  formatPercent,
  formatSize,
  misspelledUnit,
  parsePercent,
  parseSize
} from '../../src/policy/sizes.js'

const MiB = 1024 * 1024

test.each([
  ['80MiB', { bytes: 80 * 1024 ** 2, unit: 'MiB' }],
  ['200 MB', { bytes: 200_000_000, unit: 'MB' }],
  ['1.5 GB', { bytes: 1_500_000_000, unit: 'GB' }],
  [' 512 B ', { bytes: 512, unit: 'B' }],
  ['2kB', { bytes: 2000, unit: 'kB' }],
  ['1 KiB', { bytes: 1024, unit: 'KiB' }]
])('parseSize(%j)', (text, want) => {
  expect(parseSize(text)).toEqual(want)
})

test.each(['80mb', '80 Mb', '80', 'MiB', '-1 MB', '0 MB', '1e3 MB', '80 MiB MiB'])(
  'parseSize(%j) is no size',
  text => {
    expect(parseSize(text)).toBeNull()
  }
)

test('a unit in another case names the unit that was meant; a right or unknown one names none', () => {
  expect(misspelledUnit('80 mib')).toBe('MiB')
  expect(misspelledUnit('80mb')).toBe('MB')
  expect(misspelledUnit('80 MiB')).toBeUndefined()
  expect(misspelledUnit('80 parsecs')).toBeUndefined()
})

test('percentages', () => {
  expect(parsePercent('10%')).toBe(0.1)
  expect(parsePercent(' 0.5 % ')).toBe(0.005)
  expect(parsePercent('10')).toBeNull()
  expect(parsePercent('-5%')).toBeNull()
  expect(formatPercent(0.1)).toBe('10%')
  expect(formatPercent(0.1534)).toBe('15.3%')
  expect(formatPercent(-0.02)).toBe('-2%')
})

test('sizes written back in the unit of the budget, with decimals enough to differ', () => {
  const mib = 1024 ** 2
  expect(formatBudget({ bytes: 80 * mib, unit: 'MiB' })).toBe('80 MiB')
  expect(formatBudget({ bytes: 1_234_567, unit: 'MB' })).toBe('1.235 MB')
  expect(formatSize(81 * mib, 'MiB')).toBe('81 MiB')
  // No decimal tells 80 MiB + 1 B from 80 MiB: bytes do.
  expect(formatSize(80 * mib + 1, 'MiB', 80 * mib)).toBe('83886081 B')
  expect(formatSize(80.05 * mib, 'MiB', 80 * mib)).toBe('80.05 MiB')
  expect(formatSize(512, 'B', 511)).toBe('512 B')
})

describe('sizes and percentages', () => {
  test.each<[string, number | null]>([
    ['80 MiB', 80 * MiB],
    ['1.5GB', 1_500_000_000],
    ['10 B', 10],
    ['80mib', null],
    ['80Mb', null],
    ['80 mB', null],
    ['0MiB', null],
    ['1e3 B', null]
  ])('parseSize(%j)', (text, bytes) => {
    expect(parseSize(text)?.bytes ?? null).toBe(bytes)
  })

  test.each<[string, number | null]>([
    ['0.5%', 0.005],
    [' 25 % ', 0.25],
    ['ten%', null],
    ['-1%', null]
  ])('parsePercent(%j)', (text, ratio) => {
    expect(parsePercent(text)).toBe(ratio)
  })

  test('a found size is written in the budget unit, precise enough to differ from it', () => {
    expect(formatSize(87_241_523, 'MiB', 80 * MiB)).toBe('83.2 MiB')
    expect(formatSize(83_200_000, 'MB', 80_000_000)).toBe('83.2 MB')
    expect(formatSize(80 * MiB + 30_000, 'MiB', 80 * MiB)).toBe('80.03 MiB')
    expect(formatSize(80 * MiB + 1, 'MiB', 80 * MiB)).toBe(`${80 * MiB + 1} B`)
    expect(formatSize(1200, 'B', 1000)).toBe('1200 B')
    expect(formatBudget({ bytes: 80 * MiB, unit: 'MiB' })).toBe('80 MiB')
    expect(formatBudget({ bytes: 1_610_612_736, unit: 'GiB' })).toBe('1.5 GiB')
    expect(formatPercent(0.1534)).toBe('15.3%')
    expect(formatPercent(0.1)).toBe('10%')
  })
})
