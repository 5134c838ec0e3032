import type { AttachedRecord, ImageRecord } from '../model/record.js'
import type { Source } from '../sources/source.js'
import type { ConfigFinding } from './evaluate.js'

/**
 * An image a policy reads more of, through the Source it was resolved with, and the reads
 * shared by every image of the run: the same manifest named twice is read once.
 */
export interface Subject {
  record: ImageRecord
  source: Source
  /** The repository within the source (empty for an OCI layout). */
  repository: string
  memo: ReadMemo
}

/** Pending reads by what is read and `source/repository`. */
export interface ReadMemo {
  configs: Map<string, Promise<ConfigFinding>>
  attached: Map<string, Promise<AttachedRecord[]>>
  /** Sigstore bundles' JSON, by referrer digest (signatures.ts). */
  bundles: Map<string, Promise<unknown>>
}

/** One per run: reads shared by every image and every spelling of one. */
export function newReadMemo(): ReadMemo {
  return { configs: new Map(), attached: new Map(), bundles: new Map() }
}
