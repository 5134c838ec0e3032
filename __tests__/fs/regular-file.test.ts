import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  NotRegularFileError,
  openRegular,
  readRegular,
  readRegularSync
} from '../../src/fs/regular-file.js'

/** Each of these would block forever on a FIFO with a plain open; jest's 5 s would fire. */
let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dg-regular-'))
  writeFileSync(join(dir, 'file'), 'bytes')
  execFileSync('mkfifo', [join(dir, 'fifo')])
  symlinkSync('fifo', join(dir, 'to-fifo'))
  mkdirSync(join(dir, 'dir'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const tooBig = (size: number): Error => new Error(`too big: ${size}`)

test.each([
  ['fifo', 'a FIFO'],
  ['to-fifo', 'a FIFO'],
  ['dir', 'a directory']
])('%s is refused as %s, at once, by each reader', async (name, kind) => {
  const path = join(dir, name)
  for (const read of [
    () => openRegular(path),
    () => readRegular(path, 100, tooBig),
    () => Promise.resolve().then(() => readRegularSync(path, 100, tooBig))
  ]) {
    const error = await read().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotRegularFileError)
    expect(error).toMatchObject({ code: 'ENOTREG', kind, message: `${path} is ${kind}` })
  }
})

test('a regular file is read, within its cap', async () => {
  const path = join(dir, 'file')
  expect((await readRegular(path, 5, tooBig)).toString()).toBe('bytes')
  expect(readRegularSync(path, 5, tooBig).toString()).toBe('bytes')
  await expect(readRegular(path, 4, tooBig)).rejects.toThrow('too big: 5')
  expect(() => readRegularSync(path, 4, tooBig)).toThrow('too big: 5')
  const { file, size } = await openRegular(path)
  await file.close()
  expect(size).toBe(5)
})
