/**
 * Real bundles signed by Sigstore's public-good instance (issue 21), kept byte for byte in
 * __tests__/fixtures/sigstore-public/ (its README says where each comes from and what it is),
 * and the public-good trusted root they verify against, offline.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { parseTrustedRoot, type TrustRoot } from '../../src/attestations/sigstore.js'

const DIR = new URL('../fixtures/sigstore-public/', import.meta.url)

/** A fixture's JSON: the file itself, or the first line of a `.jsonl` (one bundle a line). */
export function publicBundle(name: string): Record<string, unknown> {
  const text = readFileSync(new URL(name, DIR), 'utf8')
  return JSON.parse(name.endsWith('.jsonl') ? text.split('\n')[0] : text) as Record<string, unknown>
}

/**
 * The trusted_root.json of @sigstore/tuf's embedded seed for tuf-repo-cdn.sigstore.dev: the
 * very bytes @sigstore/tuf writes into its cache directory before its first request, which is
 * the root the action falls back to offline (src/policy/signature-trust.ts). Read from the
 * package's published seeds.json rather than through a TUF client, so no request is ever made.
 */
export function publicGoodSeed(): TrustRoot {
  const seeds = createRequire(import.meta.url)('@sigstore/tuf/seeds.json') as Record<
    string,
    { targets: Record<string, string> }
  >
  const target = seeds['https://tuf-repo-cdn.sigstore.dev'].targets['trusted_root.json']
  return parseTrustedRoot(Buffer.from(target, 'base64').toString('utf8'), 'public-good (seed)')
}

/** The in-toto statement a DSSE bundle signs, as parsed here (not by the code under test). */
export function statementOf(bundle: Record<string, unknown>): {
  predicateType: string
  subject: { name: string; digest: Record<string, string> }[]
} {
  const envelope = bundle.dsseEnvelope as { payload: string }
  return JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as ReturnType<
    typeof statementOf
  >
}
