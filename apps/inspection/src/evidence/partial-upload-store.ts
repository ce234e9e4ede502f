/**
 * Where the bytes of resumable uploads wait until they are complete (a sibling of EvidenceStore).
 * The upload's state (declared hash and size, bytes received) is in the evidence_upload table, so any
 * replica can answer where to resume; the bytes themselves are wherever this store keeps them. The
 * local-disk store keeps them on the replica that received them: another replica holds fewer (none),
 * reports that as the offset, and the phone resends from there (docs/inspection.md "Resumable upload").
 */
export interface PartialUploadStore {
  /** Bytes held for the upload (0 when none). */
  length(assignmentId: string, sha256: string): Promise<number>;
  /** Writes `data` at `offset`, flushes it, and cuts anything after offset + data.length (a crashed earlier write). */
  write(assignmentId: string, sha256: string, offset: number, data: Buffer): Promise<void>;
  /** The whole upload (held in memory once: at most EVIDENCE_MAX_BYTES) and the hex SHA-256 of its bytes. */
  read(assignmentId: string, sha256: string): Promise<{ data: Buffer; sha256: string }>;
  /** Forgets the upload's bytes (no error when there are none). */
  remove(assignmentId: string, sha256: string): Promise<void>;
  /** Every upload whose bytes are held here (for the sweep of abandoned uploads). */
  list(): Promise<{ assignmentId: string; sha256: string }[]>;
}

export const PARTIAL_UPLOAD_STORE = Symbol('PARTIAL_UPLOAD_STORE');
