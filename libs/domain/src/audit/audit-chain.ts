import { canonicalJson } from '../draw/compare.js';
import { sha256, toHex } from '../draw/hash/index.js';

/**
 * The full-process record (执法全过程记录) as a hash chain: every record holds the hash of the one
 * before it, so changing or deleting any stored record breaks the chain at that record, and the
 * first break names it. Pure: the services store the records, this decides what their hashes are.
 */

/** One changed row of one transaction: which row, and digests of its state before and after. */
export interface AuditChange {
  /** The table (entity) name, e.g. `notice`. */
  entity: string;
  /** The row's primary key, as text (several columns joined with `/`). */
  id: string;
  op: 'insert' | 'update' | 'delete';
  /** SHA-256 of the row's known state before the change (null: not known, or an insert). */
  before: string | null;
  /** SHA-256 of the row's known state after the change (null: a delete). */
  after: string | null;
}

/** A record as it is hashed: everything stored except its own hash. */
export interface AuditEntry {
  seq: number;
  id: string;
  /** ISO 8601 instant, from the services' clock. */
  at: string;
  /** Who: a token subject, `service:<app>` for a consumed event, `system` for a background job. */
  subject: string;
  roles: string[];
  department: string | null;
  /** What: `POST /notices/:id/publish`, `event publication.notice.published`, `job publication.scheduler`. */
  action: string;
  /** The ids the request named (route parameters) and the rows it changed, for searching. */
  entityIds: string[];
  changes: AuditChange[];
  /** The request id (X-Request-Id) or the consumed event's id. */
  requestId: string;
  prevHash: string;
}

/** The hash the first record of a chain refers to. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 of UTF-8 text, as hex. Servers pass node:crypto's (the same function, many times faster). */
export type Sha256Hex = (text: string) => string;

/** The plain-TypeScript SHA-256 of this library: the default, and what a browser can use. */
export const portableSha256Hex: Sha256Hex = (text) => toHex(sha256(text));

/** SHA-256 (hex) of a record: of its previous hash and the canonical JSON of everything else. */
export function auditHash(entry: AuditEntry, hash: Sha256Hex = portableSha256Hex): string {
  return hash(`${entry.prevHash}\n${canonicalJson(entry)}`);
}

/** SHA-256 (hex) of a row's state, independent of key order. Dates hash as ISO strings (their toJSON). */
export function stateDigest(state: object, hash: Sha256Hex = portableSha256Hex): string {
  return hash(canonicalJson(state));
}

/** The ids a record is found by: the named ones and those of every changed row, once each, in order. */
export function entityKeys(named: readonly string[], changes: readonly AuditChange[]): string[] {
  return [...new Set([...named, ...changes.map((c) => c.id)])];
}

export interface ChainBreak {
  seq: number;
  id: string | null;
  reason: string;
}

/**
 * Checks stored records in `seq` order, one at a time, so a chain of millions is walked in batches.
 * `check` answers the first break it meets (and keeps answering it).
 */
export class AuditChainWalker {
  constructor(private readonly hash: Sha256Hex = portableSha256Hex) {}

  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private broken: ChainBreak | null = null;
  checked = 0;

  check(entry: AuditEntry, storedHash: string): ChainBreak | null {
    if (this.broken) return this.broken;
    if (entry.seq !== this.expectedSeq) {
      const missing = entry.seq > this.expectedSeq ? `record ${this.expectedSeq}${entry.seq - this.expectedSeq > 1 ? `–${entry.seq - 1}` : ''} missing (deleted)` : `record ${entry.seq} out of order`;
      return (this.broken = { seq: this.expectedSeq, id: null, reason: missing });
    }
    if (entry.prevHash !== this.prevHash) {
      return (this.broken = { seq: entry.seq, id: entry.id, reason: 'its previous-record hash does not match the record before it (a record before it was changed, or this one was)' });
    }
    if (auditHash(entry, this.hash) !== storedHash) {
      return (this.broken = { seq: entry.seq, id: entry.id, reason: 'its content does not match its hash (the record was changed)' });
    }
    this.checked++;
    this.expectedSeq++;
    this.prevHash = storedHash;
    return null;
  }

  /** The hash of the last good record: what the next record must refer to. */
  get head(): string {
    return this.prevHash;
  }
}
