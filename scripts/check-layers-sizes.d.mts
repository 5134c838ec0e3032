// Types for scripts/check-layers-sizes.mjs, so its tests call it from TypeScript.

/** The most lines a source file and a function may have; a limit left out is not checked. */
export interface SizeLimits {
  maxFileLines?: number
  maxFunctionLines?: number
}

/** The files and functions over the limits, as `src/x.ts (N lines)` and `src/x.ts:LINE name (N lines)` print them. */
export interface Oversized {
  limits: SizeLimits
  files: { file: string; lines: number }[]
  functions: { file: string; name: string; line: number; lines: number }[]
}

export function lineCount(text: string): number
export function functionSizes(
  text: string,
  fileName: string
): { name: string; line: number; lines: number }[]
export function findOversized(root: string, modules: string[], limits?: SizeLimits): Oversized
