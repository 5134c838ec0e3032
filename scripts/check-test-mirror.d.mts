// Types for scripts/check-test-mirror.mjs, so its tests call it from TypeScript.

export const EXEMPT: Record<string, string>
export function sourceModules(root: string): string[]
export function mirrorOf(module: string): string
export interface MirrorCheck {
  modules: number
  missing: { module: string; test: string }[]
  staleExemptions: string[]
}
export function checkMirror(options: { root: string; exempt?: Record<string, string> }): MirrorCheck
export function formatMirror(result: MirrorCheck): { text: string; count: number }
