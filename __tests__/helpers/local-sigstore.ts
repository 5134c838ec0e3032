/**
 * A local Sigstore for tests (issue 21): @sigstore/mock's Fulcio, Rekor and timestamp
 * authority, served over real HTTP on 127.0.0.1 (no nock), signed against by @sigstore/sign's
 * real clients, with the trusted_root.json that trusts exactly this instance. The OIDC token is
 * an unsigned JWT: mock Fulcio reads its claims (sub → SAN, iss → issuer extension,
 * repository → source-repository extension) without checking it, as a test CA may.
 */
import { createHash, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { bundleToJSON } from '@sigstore/bundle'
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  rekorHandler,
  tsaHandler,
  type HandlerFn
} from '@sigstore/mock'
import {
  DSSEBundleBuilder,
  FulcioSigner,
  MessageSignatureBundleBuilder,
  RekorWitness,
  TSAWitness,
  type Signer,
  type Witness
} from '@sigstore/sign'

export interface Claims {
  /** The SAN: a workflow URI such as https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1 */
  sub: string
  iss: string
  /** `acme/app`: the source-repository extension becomes https://github.com/acme/app. */
  repository?: string
}

export interface LegacySignature {
  payload: Buffer
  annotations: Record<string, string>
}

export interface LocalSigstore {
  /** trusted_root.json's text, trusting this instance's CA, log, CT log and TSA. */
  trustedRoot: string
  /** A DSSE bundle (JSON) of `statement`, signed keylessly as `claims`. */
  /** A cosign legacy `.sig` layer for `digest`: its simple-signing payload and annotations. */
  signLegacy(digest: string, claims: Claims): Promise<LegacySignature>
  /** Where this instance's Rekor (and Fulcio, and TSA) listens. */
  rekorURL: string
  signKeyless(
    statement: object,
    claims: Claims,
    witness?: 'rekor' | 'tsa' | 'none'
  ): Promise<object>
  close(): Promise<void>
}

const keyPair = (): { publicKey: KeyObject; privateKey: KeyObject } =>
  generateKeyPairSync('ec', { namedCurve: 'prime256v1' })

const b64 = (data: ArrayBufferView | Buffer): string =>
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')

const spki = (key: KeyObject): Buffer => key.export({ format: 'der', type: 'spki' })

const unsignedJwt = (claims: object): string =>
  [
    { alg: 'none', typ: 'JWT' },
    { aud: 'sigstore', ...claims }
  ]
    .map(part => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .join('.') + '.'

const VALID = { start: '2000-01-01T00:00:00Z' }

export async function startLocalSigstore(): Promise<LocalSigstore> {
  const caKeys = keyPair()
  const rekorKeys = keyPair()
  const tsaKeys = keyPair()
  // One clock for the whole instance: Fulcio's leaf certificates, Rekor's integrated times, the
  // CT log's SCTs and the TSA's genTime all say this one instant. The mocks keep this Date
  // object and read it each time they need the time, so it is set below, once the instance
  // exists: mock's CA root and TSA certificates take their notBefore from the wall clock (whole
  // seconds) while being made, and an instant taken before them could fall in an earlier second
  // than they start. Then the TSA's chain is not valid at its own genTime ("timestamp could not
  // be verified", about one run in fourteen) or Fulcio's root not at a log entry's time.
  // NaN until then, so a mock that read it early would fail every run, not now and then.
  const clock = new Date(Number.NaN)
  const ctlog = await initializeCTLog(caKeys, clock)
  const ca = await initializeCA(caKeys, ctlog, clock)
  const handlers = new Map<string, HandlerFn>()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const handler = handlers.get(req.url ?? '')
      if (!handler || req.method !== 'POST') return void res.writeHead(404).end()
      void handler(Buffer.concat(chunks).toString('utf8')).then(r => {
        res.writeHead(r.statusCode, { 'content-type': r.contentType ?? 'text/plain' })
        res.end(typeof r.response === 'string' ? r.response : Buffer.from(r.response.buffer))
      })
    })
  })
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const tlog = await initializeTLog(base, rekorKeys, clock)
  const tsa = await initializeTSA(tsaKeys, clock)
  for (const h of [fulcioHandler(ca), rekorHandler(tlog), tsaHandler(tsa)])
    handlers.set(h.path, h.fn)
  // Every certificate above starts at or before this second. Milliseconds 123: mock TSA writes a
  // genTime's milliseconds without trailing zeros ("….12Z"), which @sigstore/core's parser
  // refuses, so a live clock failed about one run in ten.
  clock.setTime(Math.floor(Date.now() / 1000) * 1000 + 123)

  const key = (der: Buffer, details = 'PKIX_ECDSA_P256_SHA_256') => ({
    rawBytes: der.toString('base64'),
    keyDetails: details,
    validFor: VALID
  })
  const trustedRoot = JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: base,
        hashAlgorithm: 'SHA2_256',
        publicKey: key(spki(rekorKeys.publicKey)),
        logId: { keyId: createHash('sha256').update(spki(rekorKeys.publicKey)).digest('base64') }
      }
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'local', commonName: 'local' },
        uri: base,
        certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] },
        validFor: VALID
      }
    ],
    ctlogs: [
      {
        baseUrl: base,
        hashAlgorithm: 'SHA2_256',
        publicKey: key(spki(caKeys.publicKey)),
        logId: { keyId: b64(ctlog.logID) }
      }
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'local', commonName: 'local' },
        certChain: {
          certificates: [
            { rawBytes: b64(tsa.intCertificate) },
            { rawBytes: b64(tsa.rootCertificate) }
          ]
        },
        validFor: VALID
      }
    ]
  })

  return {
    trustedRoot,
    async signKeyless(statement, claims, witness = 'rekor') {
      const signer = new FulcioSigner({
        fulcioBaseURL: base,
        identityProvider: { getToken: () => Promise.resolve(unsignedJwt(claims)) }
      })
      const witnesses: Witness[] =
        witness === 'rekor'
          ? // intoto, not dsse: mock Rekor logs a proposed entry as given, and only an intoto
            // entry is already in the shape real Rekor would log.
            [new RekorWitness({ rekorBaseURL: base, entryType: 'intoto' })]
          : witness === 'tsa'
            ? [new TSAWitness({ tsaBaseURL: base })]
            : []
      return sign(statement, signer, witnesses)
    },
    async signLegacy(digest, claims) {
      const signer = new FulcioSigner({
        fulcioBaseURL: base,
        identityProvider: { getToken: () => Promise.resolve(unsignedJwt(claims)) }
      })
      return signLegacyWith(digest, signer, [new RekorWitness({ rekorBaseURL: base })])
    },
    rekorURL: base,
    close: () => new Promise<void>(ok => server.close(() => ok()))
  }
}

/** cosign's simple-signing payload for `digest`: what a legacy `.sig` layer signs. */
function simpleSigningPayload(digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': 'registry.test/acme/signed' },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature'
      },
      optional: null
    })
  )
}

interface MessageBundleJSON {
  verificationMaterial: {
    certificate?: { rawBytes: string }
    x509CertificateChain?: { certificates: { rawBytes: string }[] }
    /** Absent when nothing was logged. */
    tlogEntries?: TlogEntryJSON[]
  }
  messageSignature: { signature: string }
}

/**
 * A legacy `.sig` layer for `digest` as cosign writes it: the signature, the certificate when
 * there is one (none for a key pair), and the Rekor entry's bundle when it was logged.
 */
async function signLegacyWith(
  digest: string,
  signer: Signer,
  witnesses: Witness[]
): Promise<LegacySignature> {
  const payload = simpleSigningPayload(digest)
  const builder = new MessageSignatureBundleBuilder({ signer, witnesses })
  const bundle = bundleToJSON(await builder.create({ data: payload })) as MessageBundleJSON
  const material = bundle.verificationMaterial
  const cert =
    material.certificate?.rawBytes ?? material.x509CertificateChain?.certificates[0].rawBytes
  const annotations: Record<string, string> = {
    'dev.cosignproject.cosign/signature': bundle.messageSignature.signature
  }
  if (cert)
    annotations['dev.sigstore.cosign/certificate'] =
      `-----BEGIN CERTIFICATE-----\n${cert}\n-----END CERTIFICATE-----\n`
  const entry = material.tlogEntries?.[0]
  if (entry) annotations['dev.sigstore.cosign/bundle'] = JSON.stringify(rekorAnnotationOf(entry))
  return { payload, annotations }
}

/** A bundle's tlog entry, as JSON. */
export interface TlogEntryJSON {
  logIndex: string
  logId: { keyId: string }
  integratedTime: string
  inclusionPromise: { signedEntryTimestamp: string }
  canonicalizedBody: string
}

/** What cosign's `dev.sigstore.cosign/bundle` annotation holds: the Rekor entry, its own way. */
export interface RekorAnnotation {
  SignedEntryTimestamp: string
  Payload: { body: string; integratedTime: number; logIndex: number; logID: string }
}

/** A bundle's tlog entry as cosign writes it in a legacy layer's annotation. */
export function rekorAnnotationOf(entry: TlogEntryJSON): RekorAnnotation {
  return {
    SignedEntryTimestamp: entry.inclusionPromise.signedEntryTimestamp,
    Payload: {
      body: entry.canonicalizedBody,
      integratedTime: Number(entry.integratedTime),
      logIndex: Number(entry.logIndex),
      logID: Buffer.from(entry.logId.keyId, 'base64').toString('hex')
    }
  }
}

async function sign(statement: object, signer: Signer, witnesses: Witness[]): Promise<object> {
  const builder = new DSSEBundleBuilder({ signer, witnesses })
  const bundle = await builder.create({
    data: Buffer.from(JSON.stringify(statement)),
    type: 'application/vnd.in-toto+json'
  })
  return bundleToJSON(bundle)
}

/** A key-pair signer (no certificate, no log): cosign's `--key` with `--tlog-upload=false`. */
export function keyPairSigner(): {
  publicPem: string
  signKeyed(statement: object): Promise<object>
  /**
   * A legacy `.sig` layer for `digest`, as `cosign sign --key` writes it: logged in the Rekor at
   * `rekorURL` (its `dev.sigstore.cosign/bundle`), or with `--tlog-upload=false` when none.
   */
  signLegacy(digest: string, rekorURL?: string): Promise<LegacySignature>
} {
  const keys = keyPair()
  const publicPem = keys.publicKey.export({ format: 'pem', type: 'spki' }).toString()
  const signer: Signer = {
    sign: data =>
      Promise.resolve({
        signature: cryptoSign('sha256', data, keys.privateKey),
        key: { $case: 'publicKey', publicKey: publicPem, hint: 'test-key' }
      })
  }
  return {
    publicPem,
    signKeyed: statement => sign(statement, signer, []),
    signLegacy: (digest, rekorURL) =>
      signLegacyWith(digest, signer, rekorURL ? [new RekorWitness({ rekorBaseURL: rekorURL })] : [])
  }
}

/** An in-toto statement about `digests` (sha256:…), with a predicate. */
export function statementAbout(
  digests: string[],
  predicateType = 'https://slsa.dev/provenance/v1',
  predicate: object = {
    runDetails: { builder: { id: 'https://github.com/actions/runner/github-hosted' } }
  }
): object {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: digests.map(d => ({ name: 'image', digest: { sha256: d.replace(/^sha256:/, '') } })),
    predicateType,
    predicate
  }
}
