/** An image's record (record.ts): how one starts, and how one fails, keeping what explains it. */
import { DigestGateError } from '../../src/model/errors.js'
import { emptyRecord, failRecord } from '../../src/model/record.js'

test('a new record has the image as given and nothing found yet', () => {
  expect(emptyRecord(' nginx ')).toEqual({
    image: ' nginx ',
    ref: null,
    digest: null,
    mediaType: null,
    platforms: [],
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  })
  expect(emptyRecord('a').notes).not.toBe(emptyRecord('a').notes)
})

test('a typed failure keeps its kind, registry, code and retry hint; the platforms go', () => {
  const record = {
    ...emptyRecord('ghcr.io/a/b:1'),
    ref: 'ghcr.io/a/b:1',
    platforms: [
      { platform: 'linux/amd64', digest: null, mediaType: null, layers: null, size: null }
    ]
  }
  const e = new DigestGateError('rate-limited', 'ghcr.io answered HTTP 429', {
    registry: 'ghcr.io',
    code: 'TOOMANYREQUESTS',
    retryAfterMs: 30_000
  })
  const failed = failRecord(record, e, 'ghcr.io/a/b:1')
  expect(failed.error).toBe('ghcr.io/a/b:1: ghcr.io answered HTTP 429')
  expect(failed.errorDetail).toEqual({
    kind: 'rate-limited',
    message: 'ghcr.io answered HTTP 429',
    registry: 'ghcr.io',
    code: 'TOOMANYREQUESTS',
    retryAfterMs: 30_000
  })
  expect(failed.platforms).toEqual([])
  expect(failed.ref).toBe('ghcr.io/a/b:1')
  expect(record.platforms).toHaveLength(1)
})

test('anything else thrown is a registry error with its message', () => {
  const failed = failRecord(emptyRecord('x'), new Error('socket closed'), 'x')
  expect(failed.errorDetail?.kind).toBe('registry-error')
  // Its message alone: no JavaScript error name ("Error: ") reaches the reader.
  expect(failed.errorDetail?.message).toBe('socket closed')
  expect(failed.error).toBe('x: socket closed')
})
