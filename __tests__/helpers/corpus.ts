/**
 * Real manifests, byte for byte: __tests__/fixtures/corpus is a copy of the project's shared
 * corpus (its README.md says where each came from and which digest the registry reported for
 * it), and __tests__/fixtures/seeds holds the API answers the sources were written against.
 */
import { readFileSync } from 'node:fs'

export const CORPUS = new URL('../fixtures/corpus/', import.meta.url)
const SEEDS = new URL('../fixtures/seeds/', import.meta.url)

export const corpus = (name: string): Buffer => readFileSync(new URL(name, CORPUS))
export const seed = (name: string): Buffer => readFileSync(new URL(name, SEEDS))

export const BUSYBOX = 'dockerhub-busybox-list-10-platforms.json'
export const HELLO_WINDOWS = 'dockerhub-hello-world-list-2022-01-windows.json'
export const SCHEMA1 = 'dockerhub-hello-world-schema1-signed-2015.json'
export const BK_INDEX = 'ghcr-buildkit-attestation-index.json'
export const BK_ATTESTATION = 'ghcr-buildkit-attestation-manifest.json'
export const SIGSTORE = 'ghcr-github-attestation-sigstore-bundle-referrer.json'
export const NOTATION = 'ghcr-notation-signature-referrer.json'

/** `- \`name\`: sha256:…` lines of the corpus README: the digests the registries reported. */
export const readmeDigests = new Map(
  [
    ...readFileSync(new URL('README.md', CORPUS), 'utf8').matchAll(
      /^- `([^`]+)`: (sha256:[a-f0-9]{64})/gm
    )
  ].map(m => [m[1], m[2]] as const)
)
