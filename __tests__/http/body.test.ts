/** Bodies read with a cap (body.ts), from a real local HTTP server: declared, chunked, truncated. */
import { type IncomingMessage, type Server, createServer, get } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BodyTooLarge, readCapped } from '../../src/http/body.js'

let server: Server
let base: string

beforeAll(async () => {
  server = createServer((req, res) => {
    const size = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('size'))
    if (req.url?.startsWith('/declared')) {
      res.writeHead(200, { 'content-length': String(size) })
      res.end(Buffer.alloc(size, 0x61))
    } else {
      // Chunked: no Content-Length, 100-byte pieces.
      res.writeHead(200)
      for (let sent = 0; sent < size; sent += 100)
        res.write(Buffer.alloc(Math.min(100, size - sent), 0x62))
      res.end()
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise(resolve => server.close(resolve))
})

const response = (path: string): Promise<IncomingMessage> =>
  new Promise((resolve, reject) => get(`${base}${path}`, resolve).on('error', reject))

test('a body within the cap is read whole', async () => {
  expect((await readCapped(await response('/declared?size=300'), 300)).length).toBe(300)
  expect((await readCapped(await response('/chunked?size=300'), 300)).toString()).toBe(
    'b'.repeat(300)
  )
})

test('a declared length over the cap is refused before reading', async () => {
  await expect(readCapped(await response('/declared?size=301'), 300)).rejects.toBeInstanceOf(
    BodyTooLarge
  )
})

test('a chunked body is stopped once past the cap', async () => {
  await expect(readCapped(await response('/chunked?size=5000'), 250)).rejects.toBeInstanceOf(
    BodyTooLarge
  )
})

test('truncating keeps exactly the cap', async () => {
  const chunked = await readCapped(await response('/chunked?size=5000'), 250, true)
  expect(chunked.length).toBe(250)
  const declared = await readCapped(await response('/declared?size=1000'), 64, true)
  expect(declared.toString()).toBe('a'.repeat(64))
})
