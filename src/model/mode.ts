/**
 * What a run does: `report` resolves `images` (and lists the references found in `files`);
 * `pin` rewrites each reference in `files` to `name:tag@digest`; `verify` changes nothing and
 * fails on stale, vanished or single-platform pins (and, with `require-pins`, unpinned
 * references); `merge` joins shard runs' report files into one. A list, so that further modes
 * are one more entry here.
 */
export const MODES = ['report', 'pin', 'verify', 'merge'] as const
export type Mode = (typeof MODES)[number]
