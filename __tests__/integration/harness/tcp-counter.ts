// A TCP pass-through that counts connections and how each began: a TLS ClientHello (first byte
// 0x16, a handshake record) or anything else (plain HTTP). It reads no further and changes
// nothing, so it measures what a client tried without standing in for any server.
import net from 'node:net'

export interface TcpCounter {
  /** `127.0.0.1:PORT` */
  host: string
  port: number
  /** Connections whose first bytes were a TLS handshake record. */
  tls: number
  /** Connections whose first bytes were anything else. */
  plain: number
  reset(): void
  stop(): Promise<void>
}

export async function startTcpCounter(upstream: string): Promise<TcpCounter> {
  const [upHost, upPort] = [
    upstream.slice(0, upstream.lastIndexOf(':')),
    Number(upstream.slice(upstream.lastIndexOf(':') + 1))
  ]
  const sockets = new Set<net.Socket>()
  const counter = { tls: 0, plain: 0 }
  const server = net.createServer(client => {
    sockets.add(client)
    client.once('close', () => sockets.delete(client))
    client.once('data', (first: Buffer) => {
      if (first[0] === 0x16) counter.tls++
      else counter.plain++
      const up = net.connect(upPort, upHost.replace(/^\[|\]$/g, ''))
      sockets.add(up)
      up.once('close', () => sockets.delete(up))
      up.write(first)
      client.pipe(up)
      up.pipe(client)
      up.on('error', () => client.destroy())
      client.on('error', () => up.destroy())
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    host: `127.0.0.1:${port}`,
    port,
    get tls() {
      return counter.tls
    },
    get plain() {
      return counter.plain
    },
    reset() {
      counter.tls = 0
      counter.plain = 0
    },
    stop: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
