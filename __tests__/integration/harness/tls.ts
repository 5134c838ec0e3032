// A throwaway self-signed certificate for test servers that speak TLS, made with openssl.
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

export interface SelfSigned {
  certificate: string
  key: string
  stop(): Promise<void>
}

/** A certificate for `localhost`, 127.0.0.1 and ::1 plus `names`, valid for a day. */
export async function selfSignedCertificate(names: string[] = []): Promise<SelfSigned> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'digest-gate-tls-'))
  const certificate = path.join(dir, 'cert.pem')
  const key = path.join(dir, 'key.pem')
  const alt = ['DNS:localhost', 'IP:127.0.0.1', 'IP:::1', ...names.map(n => `DNS:${n}`)]
  await execFileAsync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    certificate,
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    `subjectAltName=${alt.join(',')}`
  ])
  return { certificate, key, stop: () => rm(dir, { recursive: true, force: true }) }
}
