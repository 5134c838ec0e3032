/** The origin requests are keyed by (rules.ts). */
import { originOf } from '../../src/http/rules.js'

describe('originOf', () => {
  test.each([
    ['https://ghcr.io/v2/x', 'https://ghcr.io:443'],
    ['http://127.0.0.1:5000/v2/', 'http://127.0.0.1:5000'],
    ['https://ghcr.io:443/x', 'https://ghcr.io:443'],
    ['http://cdn.example/blob?sig=1', 'http://cdn.example:80']
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin)
  })
})
