// Seeds the registry with N repositories, each one tag pointing at a Docker manifest list of P
// single-platform images with small layers, and remembers every digest so each tool's answer can
// be checked exactly.
import {
  type Platform,
  platformString,
  pushImage,
  pushIndex,
  type RegistryEndpoint
} from '../__tests__/integration/harness/registry.js'
import { pool } from './proc.js'

/** The first five are the default; more are there for `--platforms` above 5. */
export const PLATFORMS: Platform[] = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' },
  { os: 'linux', architecture: 'arm', variant: 'v7' },
  { os: 'linux', architecture: 'ppc64le' },
  { os: 'linux', architecture: 's390x' },
  { os: 'linux', architecture: '386' },
  { os: 'linux', architecture: 'riscv64' },
  { os: 'linux', architecture: 'mips64le' },
  { os: 'linux', architecture: 'arm', variant: 'v6' }
]

/** Bytes per layer, bottom first: small, like the tests' fixtures. */
export const LAYER_SIZES = [2048, 512]

export const TAG = 'v1'

export interface ExpectedPlatform {
  /** `os/arch[/variant]`, as the action keys it. */
  platform: string
  digest: string
  layers: string[]
}

export interface ExpectedImage {
  /** Repository path, without the registry host. */
  repo: string
  tag: string
  index: string
  platforms: ExpectedPlatform[]
}

export async function seedImages(
  registry: RegistryEndpoint,
  images: number,
  platforms: Platform[],
  onProgress?: (done: number) => void
): Promise<ExpectedImage[]> {
  let done = 0
  const indices = Array.from({ length: images }, (_, i) => i)
  // A few repositories at a time: each pushes P manifests with 3 blobs each in parallel.
  return pool(indices, 6, async i => {
    const repo = `bench/app-${String(i).padStart(4, '0')}`
    const children = await Promise.all(
      platforms.map(platform =>
        pushImage(registry, repo, undefined, {
          platform,
          layerSizes: LAYER_SIZES,
          seed: repo,
          format: 'docker'
        })
      )
    )
    const index = await pushIndex(registry, repo, TAG, children, { format: 'docker' })
    done++
    onProgress?.(done)
    return {
      repo,
      tag: TAG,
      index: index.digest,
      platforms: children.map(c => ({
        platform: platformString(c.platform),
        digest: c.digest,
        layers: c.layers.map(l => l.digest)
      }))
    }
  })
}
