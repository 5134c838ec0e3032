/** Offsets to 1-based lines and columns as an editor shows them (positions.ts). */
import { indexLines } from '../../src/files/positions.js'

test('LF, CRLF and a lone CR each end a line', () => {
  const text = 'ab\ncd\r\nef\rgh'
  const index = indexLines(text)
  expect(index.starts).toEqual([0, 3, 7, 10])
  expect(index.positionAt(0)).toEqual({ line: 1, column: 1 })
  expect(index.positionAt(4)).toEqual({ line: 2, column: 2 })
  expect(index.positionAt(text.indexOf('f'))).toEqual({ line: 3, column: 2 })
  expect(index.positionAt(text.indexOf('h'))).toEqual({ line: 4, column: 2 })
})

test('columns count code points, and a leading BOM is no column', () => {
  const text = '\ufeffimage: "😀x"\nnext'
  const index = indexLines(text)
  expect(index.positionAt(1)).toEqual({ line: 1, column: 1 })
  expect(index.positionAt(text.indexOf('x'))).toEqual({ line: 1, column: 10 })
  expect(index.positionAt(text.indexOf('next'))).toEqual({ line: 2, column: 1 })
})
