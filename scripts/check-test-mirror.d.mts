// Types for scripts/check-test-mirror.mjs, so its tests call it from TypeScript.

export const EXEMPT: Record<string, string>
export const TESTED_THROUGH: Record<string, string>
export function sourceModules(root: string): string[]
export function mirrorOf(module: string): string
export function valueImportsOf(text: string, file: string): Set<string>
export interface MirrorCheck {
  modules: number
  missing: { module: string; test: string }[]
  unrelated: { module: string; test: string }[]
  staleExemptions: string[]
  staleThrough: { module: string; why: 'gone' | 'imported' }[]
}
export function checkMirror(options: {
  root: string
  exempt?: Record<string, string>
  through?: Record<string, string>
}): MirrorCheck
export function formatMirror(result: MirrorCheck): { text: string; count: number }
