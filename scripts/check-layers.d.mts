// Types for scripts/check-layers.mjs, so its tests call it from TypeScript.
import type { Oversized, SizeLimits } from './check-layers-sizes.mjs'

/** Layers from top to bottom: a name and the path globs of its modules. */
export type LayerMap = [name: string, globs: string[]][]

export interface LayerConfig {
  sourceRoot: string
  maps: Record<string, LayerMap>
  defaultMap: string
  packages?: { name: string; only: string[] }[]
  forbidden?: { why: string; from: string[]; to: string[] }[]
  folderCycles?: boolean
  sizes?: SizeLimits
}

/** One import that breaks a rule, as `from -> to (fromLayer -> toLayer)` prints it. */
export interface Arrow {
  from: string
  to: string
  line: number
  fromLayer: string
  toLayer: string
}

export interface LayerCheck {
  modules: number
  imports: number
  unmapped: string[]
  upward: Arrow[]
  forbidden: { why: string; arrows: Arrow[] }[]
  packages: (Arrow & { only: string[] })[]
  private: (Arrow & { why: string })[]
  unresolved: Arrow[]
  cycles: string[][]
  folderCycles: { from: string; to: string; via: string }[][]
  oversized: Oversized
}

export function collectModules(root: string, sourceRoot: string): string[]
export function importsOf(text: string, fileName: string): { specifier: string; line: number }[]
export function isExported(exportsField: unknown, subpath: string): boolean
export function findCycles(nodes: string[], successors: (node: string) => string[]): string[][]
export function checkLayers(options: {
  root: string
  map?: string
  config?: LayerConfig
}): LayerCheck
export function formatReport(result: LayerCheck, map: string): { text: string; count: number }
