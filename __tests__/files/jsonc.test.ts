/** The JSON-with-comments scanner dev container files are read with (jsonc.ts). */
import { readJsoncTop } from '../../src/files/jsonc.js'

test('the JSONC scanner: nested values, comments with quotes, unclosed comments', () => {
  const top = readJsoncTop(
    '/* "image": "no" */ {"a": {"image": "nested"}, "image": "top", // "x"\n "n": [1, -2.5e3, true, null]}'
  )
  expect([...top.strings.keys()]).toEqual(['image'])
  expect(top.strings.get('image')?.value).toBe('top')
  expect(readJsoncTop('{"a": 1 /* open').error?.message).toMatch(/never closed/)
  expect(readJsoncTop('['.repeat(300)).error?.message).toMatch(
    /expected the file to hold an object/
  )
  expect(readJsoncTop(`{"a": ${'['.repeat(300)}`).error?.message).toMatch(/nested deeper than 256/)
})
