import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditChainWalker, GENESIS_HASH, auditHash, entityKeys, type AuditChange, type AuditEntry, type ChainBreak } from '#domain';
import type { AuditScope } from '#persistence';
import { AuditRecord } from './audit-record.entity.js';
import { nodeSha256Hex } from './node-sha256.js';

export interface AuditFilter {
  /** An id the record names or changed. */
  entity?: string;
  subject?: string;
  department?: string;
  from?: Date;
  to?: Date;
  /** Keyset paging: records before this sequence number (newest first). */
  beforeSeq?: number;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  head: string;
  brokenAt?: ChainBreak;
}

const WALK_BATCH = 2000;

/** The SQL of the audit_record table: append under the chain lock, search, and walk the chain. */
@Injectable()
export class AuditRepository {
  private readonly table: string;
  private readonly lockKey: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.table = dataSource.getMetadata(AuditRecord).tablePath;
    this.lockKey = `audit:${this.table}`;
  }

  /**
   * Appends one record inside the caller's transaction. The advisory lock serialises appends of
   * this app's chain until the transaction ends, which is right after: the append is its last step.
   */
  async append(m: EntityManager, scope: AuditScope, at: Date, changes: AuditChange[]): Promise<AuditEntry> {
    const [entry] = await this.appendMany(m, [{ scope, changes }], at);
    return entry;
  }

  /**
   * Appends several records, chained in the order given, with one lock and one statement (a batch of
   * consumed events handled in one transaction: one record per event).
   */
  async appendMany(m: EntityManager, records: { scope: AuditScope; changes: AuditChange[] }[], at: Date): Promise<AuditEntry[]> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [this.lockKey]);
    const [last] = (await m.query(`SELECT seq, hash FROM ${this.table} ORDER BY seq DESC LIMIT 1`)) as { seq: string; hash: string }[];
    let seq = last ? Number(last.seq) : 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const entries: AuditEntry[] = [];
    const values: unknown[] = [];
    const rows: string[] = [];
    for (const { scope, changes } of records) {
      const entry: AuditEntry = {
        seq: ++seq,
        id: randomUUID(),
        at: at.toISOString(),
        subject: scope.subject,
        roles: [...scope.roles],
        department: scope.department,
        action: scope.action,
        entityIds: entityKeys(scope.entityIds, changes),
        changes,
        requestId: scope.requestId,
        prevHash,
      };
      const hash = auditHash(entry, nodeSha256Hex);
      const p = (v: unknown) => `$${values.push(v)}`;
      rows.push(
        `(${p(entry.seq)}, ${p(entry.id)}, ${p(entry.at)}, ${p(entry.subject)}, ${p(entry.roles)}, ${p(entry.department)}, ${p(entry.action)}, ${p(entry.entityIds)}, ${p(JSON.stringify(entry.changes))}::jsonb, ${p(entry.requestId)}, ${p(entry.prevHash)}, ${p(hash)})`,
      );
      entries.push(entry);
      prevHash = hash;
    }
    // Bounded statements: PostgreSQL takes at most 65,535 parameters (12 a record).
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000);
      const first = i * 12;
      const params = values.slice(first, first + chunk.length * 12);
      const renumbered = chunk.map((r) => r.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) - first}`));
      await m.query(`INSERT INTO ${this.table} (seq, id, at, subject, roles, department, action, entity_ids, changes, request_id, prev_hash, hash) VALUES ${renumbered.join(', ')}`, params);
    }
    return entries;
  }

  /** Whether the caller's transaction has written anything yet (PostgreSQL assigns an xid on the first write). */
  async hasWritten(m: EntityManager): Promise<boolean> {
    const [row] = (await m.query(`SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS written`)) as { written: boolean }[];
    return row.written;
  }

  /** Newest first, `limit` records matching the filter. */
  async find(filter: AuditFilter, limit: number): Promise<AuditRecord[]> {
    const q = this.dataSource.getRepository(AuditRecord).createQueryBuilder('a').orderBy('a.seq', 'DESC').limit(limit);
    if (filter.entity) q.andWhere(':entity = ANY(a.entity_ids)', { entity: filter.entity });
    if (filter.subject) q.andWhere('a.subject = :subject', { subject: filter.subject });
    if (filter.department) q.andWhere('a.department = :department', { department: filter.department });
    if (filter.from) q.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) q.andWhere('a.at < :to', { to: filter.to });
    if (filter.beforeSeq) q.andWhere('a.seq < :beforeSeq', { beforeSeq: filter.beforeSeq });
    return q.getMany();
  }

  private walking?: Promise<ChainVerdict>;

  /**
   * Walks the whole chain in sequence order, a batch at a time, and answers where it first breaks.
   * One walk at a time per process: callers that ask while one runs get its answer.
   */
  verify(): Promise<ChainVerdict> {
    this.walking ??= this.walk().finally(() => (this.walking = undefined));
    return this.walking;
  }

  private async walk(): Promise<ChainVerdict> {
    const walker = new AuditChainWalker(nodeSha256Hex);
    let after = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT seq, id, at, subject, roles, department, action, entity_ids, changes, request_id, prev_hash, hash
           FROM ${this.table} WHERE seq > $1 ORDER BY seq LIMIT ${WALK_BATCH}`,
        [after],
      )) as StoredRow[];
      for (const row of rows) {
        const broken = walker.check(entryOf(row), row.hash);
        if (broken) return { ok: false, checked: walker.checked, head: walker.head, brokenAt: broken };
      }
      if (rows.length < WALK_BATCH) return { ok: true, checked: walker.checked, head: walker.head };
      after = Number(rows.at(-1)!.seq);
      // Let other requests of this app in between batches: a long chain must not stall them.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

interface StoredRow {
  seq: string;
  id: string;
  at: Date;
  subject: string;
  roles: string[];
  department: string | null;
  action: string;
  entity_ids: string[];
  changes: AuditChange[];
  request_id: string;
  prev_hash: string;
  hash: string;
}

function entryOf(r: StoredRow): AuditEntry {
  return {
    seq: Number(r.seq),
    id: r.id,
    at: r.at.toISOString(),
    subject: r.subject,
    roles: r.roles,
    department: r.department,
    action: r.action,
    entityIds: r.entity_ids,
    changes: r.changes,
    requestId: r.request_id,
    prevHash: r.prev_hash,
  };
}

/** The record as the API shows it. */
export function auditView(r: AuditRecord) {
  return { seq: r.seq, id: r.id, at: r.at.toISOString(), subject: r.subject, roles: r.roles, department: r.department, action: r.action, entityIds: r.entityIds, changes: r.changes, requestId: r.requestId, prevHash: r.prevHash, hash: r.hash };
}
