import { request } from 'node:http'
import { DigestGateError } from '../errors.js'
import { isAttestationPlatform } from '../manifest.js'
import { type Platform, formatPlatform, normalizePlatform, platformFromJson } from '../platform.js'
import { type RegistryReference, formatName } from '../reference.js'
import { type ImageRecord, emptyRecord, failRecord } from '../resolve.js'
import type { Credential } from './registry/credentials.js'

/**
 * A Docker Engine's `GET /distribution/{name}/json` (Engine API, "Get image information from
 * the registry"). The daemon contacts the registry itself; it answers the top descriptor and
 * the platforms, but no per-platform digests, layers or sizes, so those stay null.
 */

const BODY_CAP = 1024 * 1024
/** The oldest API with /distribution (1.30); the daemon's own version is used when newer. */
const MIN_API = '1.30'

export interface DaemonEndpoint {
  socketPath?: string
  host?: string
  port?: number
  label: string
}

/** `DOCKER_HOST` → where to connect: `unix://PATH` (default /var/run/docker.sock) or `tcp://H:P`. */
export function parseDockerHost(value: string | undefined): DaemonEndpoint {
  const v = (value ?? '').trim() || 'unix:///var/run/docker.sock'
  if (v.startsWith('unix://')) return { socketPath: v.slice('unix://'.length), label: v }
  if (v.startsWith('tcp://') || v.startsWith('http://')) {
    const u = new URL(v.replace(/^tcp:/, 'http:'))
    return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 2375), label: v }
  }
  throw new DigestGateError(
    'invalid-input',
    `DOCKER_HOST '${v}' is not supported: expected unix:///path/to/docker.sock or tcp://host:port (TLS daemons are not supported)`
  )
}

interface DaemonResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** base64url (padded) of the auth JSON, as the docker CLI sends X-Registry-Auth. */
export function registryAuthHeader(
  credential: Credential | undefined,
  serverAddress: string
): string | undefined {
  if (!credential) return undefined
  const json = credential.identityToken
    ? { identitytoken: credential.identityToken, serveraddress: serverAddress }
    : credential.username
      ? {
          username: credential.username,
          password: credential.password ?? '',
          serveraddress: serverAddress
        }
      : undefined
  if (!json) return undefined
  return Buffer.from(JSON.stringify(json))
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
}

export class DockerDaemonSource {
  private apiVersion?: Promise<string>

  constructor(
    private readonly endpoint: DaemonEndpoint,
    private readonly lookup: (registry: string) => Promise<Credential | undefined>,
    private readonly timeoutMs: number
  ) {}

  /** Requests sent to the daemon, for the report. */
  requests = 0

  async resolve(ref: RegistryReference): Promise<ImageRecord> {
    const record = emptyRecord(ref.image)
    record.ref = formatName(ref)
    record.source = 'docker'
    try {
      const name = ref.digest
        ? `${ref.registry}/${ref.repository}@${ref.digest}`
        : `${ref.registry}/${ref.repository}:${ref.tag ?? 'latest'}`
      const headers: Record<string, string> = {}
      const auth = registryAuthHeader(
        await this.lookup(ref.registry),
        ref.registry === 'docker.io' ? 'https://index.docker.io/v1/' : ref.registry
      )
      if (auth) {
        // The header carries the password in the clear: only over a socket or loopback.
        const { host } = this.endpoint
        if (host && !/^(localhost|127\.\d+\.\d+\.\d+|::1)$/.test(host)) {
          throw new DigestGateError(
            'invalid-input',
            `refusing to send credentials for ${ref.registry} to the Docker Engine at ${this.endpoint.label} over plain TCP; use a unix socket or a loopback address`
          )
        }
        headers['x-registry-auth'] = auth
      }
      // Only now is the daemon contacted: a refusal above sends nothing anywhere.
      const version = await this.negotiate()
      const res = await this.call(`/v${version}/distribution/${name}/json`, headers)
      if (res.status !== 200) throw this.failure(res, ref)
      const json = parseJsonBody(res.body, this.endpoint.label) as {
        Descriptor?: { mediaType?: unknown; digest?: unknown; size?: unknown }
        Platforms?: unknown
      }
      const digest = json.Descriptor?.digest
      if (typeof digest !== 'string') {
        throw new DigestGateError(
          'registry-error',
          `Docker Engine at ${this.endpoint.label} answered without a descriptor digest for ${name}`
        )
      }
      if (ref.digest && digest !== ref.digest) {
        throw new DigestGateError(
          'integrity',
          `Docker Engine answered ${digest} for ${name}, which asked for ${ref.digest}`
        )
      }
      record.digest = digest
      record.mediaType =
        typeof json.Descriptor?.mediaType === 'string' ? json.Descriptor.mediaType : null
      const platforms = Array.isArray(json.Platforms) ? json.Platforms : []
      const seen = new Set<string>()
      for (const raw of platforms) {
        const p: Platform | null = platformFromJson(raw as Record<string, unknown>)
        if (!p) continue
        if (isAttestationPlatform(p)) {
          // The daemon lists BuildKit attestation manifests as unknown/unknown platforms.
          record.attestations++
          continue
        }
        const key = formatPlatform(normalizePlatform(p))
        if (seen.has(key)) continue
        seen.add(key)
        record.platforms.push({
          platform: key,
          digest: null,
          mediaType: null,
          layers: null,
          size: null,
          declared: p
        })
      }
      if (platforms.length === 0) {
        record.notes.push(
          'the Docker Engine listed no platforms; it does so for a single OCI manifest, whose platform only its config states'
        )
      }
      record.notes.push(
        'source docker: per-platform digests, layer counts and sizes are not available from the Docker Engine API'
      )
      return record
    } catch (e) {
      return failRecord(record, e, ref.image)
    }
  }

  private negotiate(): Promise<string> {
    this.apiVersion ??= (async () => {
      const res = await this.call('/_ping', {})
      if (res.status !== 200) {
        throw new DigestGateError(
          'unavailable',
          `Docker Engine at ${this.endpoint.label} answered HTTP ${res.status} to /_ping`
        )
      }
      const header = res.headers['api-version']
      const version = (Array.isArray(header) ? header[0] : header) ?? MIN_API
      return compareVersions(version, MIN_API) < 0 ? MIN_API : version
    })()
    return this.apiVersion
  }

  private failure(res: DaemonResponse, ref: RegistryReference): DigestGateError {
    let message = ''
    try {
      const m = (JSON.parse(res.body.toString('utf8')) as { message?: unknown }).message
      if (typeof m === 'string') message = m
    } catch {
      message = res.body.toString('utf8').slice(0, 200)
    }
    const where = `Docker Engine at ${this.endpoint.label}`
    const name = `${ref.registry}/${ref.repository}`
    // The Engine turns a registry's 401 into its own 401 (or, for Basic-auth registries, a 500
    // "no basic auth credentials"), and a registry that hides private repositories answers
    // 401 for missing ones too: from here, private and missing look the same.
    const authProblem =
      /no basic auth credentials|unauthorized|authentication required|access denied|denied:/i
    if (res.status === 401 || res.status === 403 || authProblem.test(message)) {
      return new DigestGateError(
        'unauthorized',
        `${where} answered HTTP ${res.status} for ${name}: ${message || 'unauthorized'}. The Engine says this both when the image does not exist and when it needs credentials the daemon was not given.`,
        { registry: ref.registry, status: res.status }
      )
    }
    if (res.status === 404) {
      return new DigestGateError(
        'not-found',
        `${where} answered HTTP 404 for ${name}: ${message}`,
        {
          registry: ref.registry,
          status: 404
        }
      )
    }
    return new DigestGateError(
      'registry-error',
      `${where} answered HTTP ${res.status} for ${name}: ${message}`,
      {
        registry: ref.registry,
        status: res.status
      }
    )
  }

  private call(path: string, headers: Record<string, string>): Promise<DaemonResponse> {
    this.requests++
    const { socketPath, host, port, label } = this.endpoint
    return new Promise((resolve, reject) => {
      const req = request(
        {
          socketPath,
          host,
          port,
          path,
          method: 'GET',
          headers: { ...headers, host: 'docker' },
          timeout: this.timeoutMs
        },
        res => {
          const chunks: Buffer[] = []
          let total = 0
          res.on('data', (c: Buffer) => {
            total += c.length
            if (total > BODY_CAP) {
              res.destroy()
              reject(
                new DigestGateError(
                  'registry-error',
                  `Docker Engine at ${label} sent more than ${BODY_CAP} bytes`
                )
              )
              return
            }
            chunks.push(c)
          })
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks)
            })
          )
          res.on('error', reject)
        }
      )
      req.on('timeout', () => {
        req.destroy()
        reject(
          new DigestGateError(
            'timeout',
            `Docker Engine at ${label} did not answer within ${this.timeoutMs / 1000} s`
          )
        )
      })
      req.on('error', (e: NodeJS.ErrnoException) => {
        reject(
          new DigestGateError(
            'unavailable',
            `cannot reach the Docker Engine at ${label} (${e.code ?? e.message}); is dockerd running, and is DOCKER_HOST right?`
          )
        )
      })
      req.end()
    })
  }
}

function parseJsonBody(body: Buffer, label: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    throw new DigestGateError(
      'registry-error',
      `Docker Engine at ${label} answered with invalid JSON`
    )
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d) return d
  }
  return 0
}
