/**
 * ARG expansion in FROM (dockerfile-vars.ts), through the references found: defaults, the
 * forms BuildKit expands, a literal `$`, and the forms reported as unsupported rather than
 * guessed. Through findReferences, so the test holds however the reader is split up.
 */
import { findReferences } from '../../src/files/find-references.js'

const scan = (text: string) => findReferences('Dockerfile', text)
const images = (text: string) => scan(text).references.map(r => r.image)

test.each([
  ['ARG V=3.20\nFROM alpine:$V\n', 'alpine:3.20'],
  ['ARG V=3.20\nFROM alpine:${V}\n', 'alpine:3.20'],
  ['ARG V\nFROM alpine:${V:-3.19}\n', 'alpine:3.19'],
  ['ARG V=\nFROM alpine:${V:-3.19}\n', 'alpine:3.19'],
  ['ARG V=\nFROM alpine${V-:3.18}\n', 'alpine'],
  ['ARG V=x\nFROM alpine:${V:+3.17}\n', 'alpine:3.17'],
  ['ARG R=ghcr.io ORG=acme\nFROM ${R}/${ORG}/app:1\n', 'ghcr.io/acme/app:1']
])('%j → %s', (text, image) => {
  expect(images(text)).toEqual([image])
})

test('an ARG without a value is not guessed: the reference is skipped, saying which ARG', () => {
  const s = scan('ARG TAG\nFROM alpine:${TAG}\n')
  expect(s.references).toEqual([])
  expect(s.skipped).toHaveLength(1)
  expect(s.skipped[0].reason).toContain('TAG')
})

test('an unsupported form is reported, not guessed', () => {
  const s = scan('ARG V=3.20-rc\nFROM alpine:${V%-rc}\n')
  expect(s.references).toEqual([])
  expect(s.skipped).toHaveLength(1)
  expect(s.skipped[0].text).toBe('alpine:${V%-rc}')
})
