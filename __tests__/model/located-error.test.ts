/** Problems at lines of a file the user wrote (located-error.ts), for annotations at each line. */
import { DigestGateError } from '../../src/model/errors.js'
import { LocatedError, locationsOf } from '../../src/model/located-error.js'

test('an invalid-input error keeping the problems that have a file, the message whole', () => {
  const e = new LocatedError('policy.yml:3:5: bad\n(inline):1:1: worse', [
    { file: 'policy.yml', line: 3, col: 5, message: 'bad' },
    { line: 1, col: 1, message: 'worse' }
  ])
  expect(e).toBeInstanceOf(DigestGateError)
  expect(e.kind).toBe('invalid-input')
  expect(e.message).toBe('policy.yml:3:5: bad\n(inline):1:1: worse')
  expect(e.locations).toEqual([{ file: 'policy.yml', line: 3, col: 5, message: 'bad' }])
  expect(locationsOf(e)).toBe(e.locations)
})

test('any other thrown value has no locations', () => {
  expect(locationsOf(new DigestGateError('invalid-input', 'x'))).toEqual([])
  expect(locationsOf(new Error('x'))).toEqual([])
  expect(locationsOf('x')).toEqual([])
})
