import type { Readable } from 'node:stream';

/**
 * Where evidence bytes live, addressed by their SHA-256. The local-disk store serves the embedded
 * default and single-node installs; an object store (S3, MinIO, OSS) implements the same three calls
 * with the hash as the object key.
 */
export interface EvidenceStore {
  /** Stores `data` under `sha256`; storing content that is already there is a no-op. Durable when it resolves. */
  put(sha256: string, data: Buffer): Promise<void>;
  /** The stored bytes, or undefined when nothing is stored under `sha256`. */
  open(sha256: string): Promise<Readable | undefined>;
  /** Removes the bytes (only when no evidence row refers to them any more). */
  remove(sha256: string): Promise<void>;
}

export const EVIDENCE_STORE = Symbol('EVIDENCE_STORE');
