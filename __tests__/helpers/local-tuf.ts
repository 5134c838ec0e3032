/**
 * A local TUF repository (issue 21), as Sigstore instances publish their trusted_root.json:
 * root, targets, snapshot and timestamp metadata built and signed with @tufjs/models (the
 * metadata library tuf-js itself verifies with) under one fresh Ed25519 key, served over HTTP
 * on a free loopback port. It stands in for tuf-repo.github.com, which a test cannot reach:
 * the client is the real @sigstore/tuf, and what it fetches is verified as it would be there.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  Key,
  MetaFile,
  Metadata,
  Root,
  Signature,
  Snapshot,
  TargetFile,
  Targets,
  Timestamp
} from '@tufjs/models'

export interface LocalTuf {
  mirrorURL: string
  /** 1.root.json, the root a client starts from. */
  root: string
  /** The paths the mirror was asked for, in order. */
  requests: string[]
  /** Serve `body` for a target from now on, without re-signing: a tampered mirror. */
  tamper(target: string, body: string): void
  close(): Promise<void>
}

const DAY = 24 * 60 * 60 * 1000

/** Starts a repository whose targets are `targets` (name → content), signed for a day. */
export async function startLocalTuf(targets: Record<string, string>): Promise<LocalTuf> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex')
  const keyID = createHash('sha256').update(raw).digest('hex')
  const key = new Key({ keyID, keyType: 'ed25519', scheme: 'ed25519', keyVal: { public: raw } })
  const base = {
    version: 1,
    specVersion: '1.0.31',
    expires: new Date(Date.now() + DAY).toISOString().replace(/\.\d+Z$/, 'Z')
  }
  const signed = <T extends Root | Targets | Snapshot | Timestamp>(body: T): string => {
    const metadata = new Metadata(body)
    metadata.sign(
      data => new Signature({ keyID, sig: sign(null, data, privateKey).toString('hex') })
    )
    return JSON.stringify(metadata.toJSON())
  }
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

  const rootRole = new Root({ ...base, consistentSnapshot: false })
  for (const role of ['root', 'targets', 'snapshot', 'timestamp']) rootRole.addKey(key, role)
  const root = signed(rootRole)
  const files: Record<string, string> = {}
  for (const [name, body] of Object.entries(targets)) files[`/targets/${name}`] = body
  const targetsJson = signed(
    new Targets({
      ...base,
      targets: Object.fromEntries(
        Object.entries(targets).map(([path, body]) => [
          path,
          new TargetFile({
            path,
            length: Buffer.byteLength(body),
            hashes: { sha256: sha256(body) }
          })
        ])
      )
    })
  )
  const snapshotJson = signed(
    new Snapshot({ ...base, meta: { 'targets.json': new MetaFile({ version: 1 }) } })
  )
  const timestampJson = signed(
    new Timestamp({ ...base, snapshotMeta: new MetaFile({ version: 1 }) })
  )
  Object.assign(files, {
    '/1.root.json': root,
    '/targets.json': targetsJson,
    '/snapshot.json': snapshotJson,
    '/timestamp.json': timestampJson
  })

  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/'
    requests.push(path)
    const body = files[path]
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' })
    res.end(body ?? '')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    mirrorURL: `http://127.0.0.1:${port}`,
    root,
    requests,
    tamper(target, body) {
      files[`/targets/${target}`] = body
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
