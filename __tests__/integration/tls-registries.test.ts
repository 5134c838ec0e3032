/**
 * Hosts allowed plain HTTP (loopback, insecure-registries) are tried over HTTPS first, as
 * Docker does, and fall back to plain HTTP when no TLS handshake completes: one probe per
 * registry per run, which is a connection, never a counted request. Against the real registry
 * serving TLS (`http.tls`) and plain HTTP, from the built action.
 */
import { lookup } from 'node:dns/promises'
import os from 'node:os'
import { digestsOf, runAction } from './harness/action.js'
import { type FaultFront, startFaultFront } from './harness/fault-front.js'
import {
  type PushedIndex,
  type RunningRegistry,
  pushImage,
  pushIndex,
  startRegistry
} from './harness/registry.js'
import { type TcpCounter, startTcpCounter } from './harness/tcp-counter.js'
import { type SelfSigned, selfSignedCertificate } from './harness/tls.js'

const PLATFORMS = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' }
]
/** One manifest GET for the tag and one per platform, per image (requests.test.ts's floor). */
const FLOOR = 2 * (1 + PLATFORMS.length)

async function seed(reg: RunningRegistry): Promise<Record<string, PushedIndex>> {
  const out: Record<string, PushedIndex> = {}
  for (const repo of ['tls/a', 'tls/b']) {
    const children = await Promise.all(
      PLATFORMS.map(platform =>
        pushImage(reg, repo, undefined, { platform, layerSizes: [16], seed: repo })
      )
    )
    out[repo] = await pushIndex(reg, repo, 'v1', children)
  }
  return out
}

function imagesAt(host: string): string {
  return [`${host}/tls/a:v1`, `${host}/tls/b:v1`].join('\n')
}

let cert: SelfSigned
beforeAll(async () => {
  cert = await selfSignedCertificate([os.hostname()])
})
afterAll(async () => {
  await cert?.stop()
})

describe('a loopback registry that speaks only HTTPS', () => {
  let reg: RunningRegistry
  let counter: TcpCounter
  let pushed: Record<string, PushedIndex>
  beforeAll(async () => {
    reg = await startRegistry({ tls: { certificate: cert.certificate, key: cert.key } })
    pushed = await seed(reg)
    counter = await startTcpCounter(reg.host)
  })
  afterAll(async () => {
    await counter?.stop()
    await reg?.stop()
  })

  test('is reached over HTTPS with its self-signed certificate, at the request floor', async () => {
    const run = await runAction({ images: imagesAt(counter.host) })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const digests = digestsOf(run)
    expect(digests[`${counter.host}/tls/a:v1`]?.digest).toBe(pushed['tls/a'].digest)
    expect(digests[`${counter.host}/tls/b:v1`]?.digest).toBe(pushed['tls/b'].digest)
    // The probe is the first real request: nothing extra is sent.
    expect(run.report?.run?.requests).toBe(FLOOR)
    expect(counter.plain).toBe(0)
    expect(counter.tls).toBeGreaterThan(0)
  })
})

describe('a loopback registry that speaks only plain HTTP', () => {
  let reg: RunningRegistry
  let front: FaultFront
  let counter: TcpCounter
  let pushed: Record<string, PushedIndex>
  beforeAll(async () => {
    reg = await startRegistry()
    pushed = await seed(reg)
    front = await startFaultFront(reg.url)
    counter = await startTcpCounter(front.host)
  })
  afterAll(async () => {
    await counter?.stop()
    await front?.stop()
    await reg?.stop()
  })

  test('costs one TLS handshake per run, no request: the floor is unchanged', async () => {
    front.reset()
    counter.reset()
    const run = await runAction({ images: imagesAt(counter.host) })
    expect(run.code).toBe(0)
    expect(digestsOf(run)[`${counter.host}/tls/a:v1`]?.digest).toBe(pushed['tls/a'].digest)
    // Exactly one HTTPS attempt for the registry, however many requests follow.
    expect(counter.tls).toBe(1)
    expect(front.requests).toHaveLength(FLOOR)
    expect(run.report?.run?.requests).toBe(front.requests.length)
  })
})

/**
 * This machine's own name stands for a remote host: it is not loopback by name (the rule reads
 * names, not addresses), yet resolves here. The control proves it does, so no test here can
 * pass because the name failed to resolve.
 */
describe('insecure-registries on a name that is not loopback', () => {
  const name = os.hostname()
  let tlsReg: RunningRegistry
  let plainReg: RunningRegistry
  let tlsCounter: TcpCounter
  let plainCounter: TcpCounter
  let tlsHost: string
  let plainHost: string
  beforeAll(async () => {
    tlsReg = await startRegistry({ tls: { certificate: cert.certificate, key: cert.key } })
    plainReg = await startRegistry()
    await seed(tlsReg)
    await seed(plainReg)
    tlsCounter = await startTcpCounter(tlsReg.host)
    plainCounter = await startTcpCounter(plainReg.host)
    tlsHost = `${name}:${tlsCounter.port}`
    plainHost = `${name}:${plainCounter.port}`
  })
  afterAll(async () => {
    await tlsCounter?.stop()
    await plainCounter?.stop()
    await tlsReg?.stop()
    await plainReg?.stop()
  })

  test('control: the name resolves on this machine and is not loopback by name', async () => {
    expect(name).not.toMatch(/^(localhost|127\.|::1$)/)
    await expect(lookup(name)).resolves.toBeDefined()
  })

  test('not listed: HTTPS with verification, so a self-signed certificate is refused', async () => {
    const run = await runAction({ images: `${tlsHost}/tls/a:v1` })
    expect(run.code).toBe(1)
    expect(digestsOf(run)[`${tlsHost}/tls/a:v1`]?.error).toMatch(
      /TLS certificate was refused \(DEPTH_ZERO_SELF_SIGNED_CERT\).*insecure-registries/
    )
  })

  test('not listed: no fallback to plain HTTP, and a message that says why', async () => {
    plainCounter.reset()
    const run = await runAction({ images: `${plainHost}/tls/a:v1` })
    expect(run.code).toBe(1)
    expect(digestsOf(run)[`${plainHost}/tls/a:v1`]?.error).toMatch(
      /did not answer over HTTPS .*list it in insecure-registries/
    )
    expect(plainCounter.plain).toBe(0)
  })

  test('listed, TLS: HTTPS without verification, as Docker does', async () => {
    const run = await runAction({ images: `${tlsHost}/tls/a:v1`, 'insecure-registries': tlsHost })
    expect(run.code).toBe(0)
    expect(tlsCounter.plain).toBe(0)
  })

  test('listed, plain: one HTTPS probe, then plain HTTP', async () => {
    plainCounter.reset()
    const run = await runAction({
      images: imagesAt(plainHost),
      'insecure-registries': plainHost
    })
    expect(run.code).toBe(0)
    expect(plainCounter.tls).toBe(1)
    expect(run.report?.run?.requests).toBe(FLOOR)
  })
})
