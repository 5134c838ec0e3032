import { computeDigest } from '../model/digest.js'
import { DigestGateError } from '../model/errors.js'
import { type Json, isObject } from '../model/manifest.js'
import { AttachedMediaTypes } from './artifact-types.js'
import { type Classification, applyPredicate } from './classify.js'

/**
 * Reading an attestation blob for its predicate type, for the rare layer that does not name it
 * in an annotation: a bare in-toto statement (in-toto/attestation spec/v1/statement.md), a DSSE
 * envelope around one (secure-systems-lab/dsse envelope.md), or a sigstore bundle holding a
 * DSSE envelope or a message signature (sigstore protobuf-specs Bundle). Pure.
 */

/**
 * The most a statement blob may be. BuildKit caps each attestation file at 40 MiB before wrapping
 * it (attestation-storage.md), but only the predicate type is wanted here, and every producer we
 * know annotates its layers, so a blob is read only as a fallback: the caller passes this to the
 * blob fetch, and a larger layer is reported as unreadable rather than buffered.
 */
export const STATEMENT_CAP = 16 * 1024 * 1024

/** `https://in-toto.io/Statement/v1` and `/v0.1` (statement.md `_type`). */
const STATEMENT_TYPE = /^https:\/\/in-toto\.io\/Statement\/v\d+(?:\.\d+)?$/

export interface InTotoStatement {
  /** `_type`. */
  type: string
  predicateType: string
  /** Each subject digest as `algorithm:hex`, so it can be compared with a manifest digest. */
  subjectDigests: string[]
  /** What wrapped the statement. */
  envelope: 'none' | 'dsse' | 'sigstore-bundle'
}

export interface StatementOptions {
  /** Names the blob in messages: `attestation layer sha256:… of ghcr.io/o/app@sha256:…`. */
  where: string
  /** The layer digest: when given, the bytes must hash to it (descriptor.md "Digests"). */
  digest?: string
  /** Defaults to STATEMENT_CAP. */
  cap?: number
}

function invalid(where: string, problem: string): DigestGateError {
  return new DigestGateError('invalid-manifest', `${where}: ${problem}`)
}

function checkBytes(body: Uint8Array, opts: StatementOptions): void {
  const cap = opts.cap ?? STATEMENT_CAP
  if (body.length > cap) {
    throw new DigestGateError(
      'unsupported',
      `${opts.where}: ${body.length} bytes is more than the ${cap} digest-gate reads for a predicate type`
    )
  }
  if (opts.digest) {
    const algorithm = opts.digest.startsWith('sha512:') ? 'sha512' : 'sha256'
    const actual = computeDigest(body, algorithm)
    if (actual !== opts.digest) {
      throw new DigestGateError(
        'integrity',
        `${opts.where}: content does not match its digest: expected ${opts.digest}, got ${actual}`
      )
    }
  }
}

function parseObject(bytes: Uint8Array, where: string, what: string): Json {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch (e) {
    throw invalid(where, `${what} is not valid JSON (${(e as Error).message})`)
  }
  if (!isObject(value)) throw invalid(where, `${what} is not a JSON object`)
  return value
}

/** The statement inside a DSSE envelope (envelope.md: `payloadType`, base64 `payload`). */
function openEnvelope(envelope: Json, where: string): Json {
  const { payloadType, payload } = envelope
  if (payloadType !== AttachedMediaTypes.inToto) {
    throw invalid(
      where,
      `DSSE payloadType is ${JSON.stringify(payloadType)}, expected '${AttachedMediaTypes.inToto}'`
    )
  }
  if (typeof payload !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload)) {
    throw invalid(where, 'DSSE payload is not a base64 string')
  }
  return parseObject(Buffer.from(payload, 'base64'), where, 'DSSE payload')
}

function readStatement(
  json: Json,
  where: string,
  envelope: InTotoStatement['envelope']
): InTotoStatement {
  const { _type: type, predicateType, subject } = json
  if (typeof type !== 'string' || !STATEMENT_TYPE.test(type)) {
    throw invalid(
      where,
      `not an in-toto statement: _type is ${JSON.stringify(type ?? null)}, expected https://in-toto.io/Statement/v1`
    )
  }
  if (typeof predicateType !== 'string' || !predicateType.trim()) {
    throw invalid(where, 'in-toto statement has no predicateType')
  }
  if (!Array.isArray(subject)) throw invalid(where, 'in-toto statement has no subject array')
  const subjectDigests: string[] = []
  for (const s of subject) {
    if (!isObject(s) || !isObject(s.digest)) continue
    for (const [algorithm, hex] of Object.entries(s.digest)) {
      if (typeof hex === 'string') subjectDigests.push(`${algorithm}:${hex.toLowerCase()}`)
    }
  }
  return { type, predicateType: predicateType.trim(), subjectDigests, envelope }
}

/**
 * Parses an attestation blob into its in-toto statement: bare, in a DSSE envelope, or in a
 * sigstore bundle's `dsseEnvelope`. Checks the size cap and, when `digest` is given, the content
 * digest before parsing. Every failure is a DigestGateError naming `where` and what was expected;
 * a bundle holding a message signature is not a statement (see classifyStatementBlob).
 */
export function parseInTotoStatement(body: Uint8Array, opts: StatementOptions): InTotoStatement {
  checkBytes(body, opts)
  const json = parseObject(body, opts.where, 'attestation')
  return statementOf(json, opts.where)
}

function statementOf(json: Json, where: string): InTotoStatement {
  if (isObject(json.dsseEnvelope)) {
    return readStatement(openEnvelope(json.dsseEnvelope, where), where, 'sigstore-bundle')
  }
  if (isObject(json.messageSignature)) {
    throw invalid(where, 'sigstore bundle holds a message signature, not an in-toto statement')
  }
  if ('payloadType' in json || 'payload' in json) {
    return readStatement(openEnvelope(json, where), where, 'dsse')
  }
  return readStatement(json, where, 'none')
}

/**
 * Finishes a classification that said `needs: 'blob'`: reads that layer's bytes (fetched by the
 * caller, at most STATEMENT_CAP, digest checked here) and classifies it by the predicate type
 * inside, or as a signature for a sigstore bundle with a `messageSignature`. Throws as
 * parseInTotoStatement does; the caller keeps the pending classification and notes why.
 */
export function classifyStatementBlob(
  body: Uint8Array,
  pending: Classification,
  opts: StatementOptions
): Classification {
  const digest = opts.digest ?? pending.layer?.digest
  checkBytes(body, { ...opts, digest })
  const json = parseObject(body, opts.where, 'attestation')
  if (isObject(json.messageSignature) && !isObject(json.dsseEnvelope)) {
    const done: Classification = {
      ...pending,
      kind: 'signature',
      name: 'signature (sigstore bundle)',
      signed: true
    }
    delete done.needs
    delete done.layer
    return done
  }
  const statement = statementOf(json, opts.where)
  const done = applyPredicate(pending, statement.predicateType)
  if (statement.envelope !== 'none') done.signed = true
  return done
}
