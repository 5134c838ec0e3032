/** Compose's `${VAR}` interpolation and `.env` files (compose-env.ts). */
import { interpolate, parseDotEnv } from '../../src/files/compose-env.js'

describe('Compose interpolation', () => {
  const env = parseDotEnv(
    '.env',
    '# c\nA=one\nexport B="two"\nC=\nD=x # inline\nE=\'$lit\'\nF=a$B\n'
  )
  test.each([
    ['${A}', { value: 'one', whole: 'A' }],
    ['$A', { value: 'one', whole: 'A' }],
    ['${B}', { value: 'two', whole: 'B' }],
    ['${C:-dflt}', { value: 'dflt' }],
    ['${C-dflt}', { value: '' }],
    ['${Z-dflt}', { value: 'dflt' }],
    ['${A:-dflt}', { value: 'one', whole: 'A' }],
    ['r/${A}:${D}', { value: 'r/one:x' }],
    ['$$A', { value: '$A' }],
    ['${Z}', { missing: 'Z' }],
    ['${C:?need C}', { missing: 'C' }],
    ['${A:+alt}', { value: 'alt' }]
  ])('%s', (value, want) => {
    expect(interpolate(value, env)).toEqual(want)
  })

  test('.env values: spans, quotes kept outside, values Compose would expand not pinnable', () => {
    const e = parseDotEnv('.env', 'A=one\nB="two"\nF=a$B\n')
    expect(e.vars.get('A')).toMatchObject({
      value: 'one',
      start: 2,
      end: 5,
      exact: true,
      line: 1,
      column: 3
    })
    expect(e.vars.get('B')).toMatchObject({ value: 'two', start: 9, end: 12, exact: true, line: 2 })
    expect(e.vars.get('F')).toMatchObject({ exact: false })
  })
})
