import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntitySubscriberInterface, InsertEvent, QueryRunner, RemoveEvent, TransactionCommitEvent, TransactionRollbackEvent, TransactionStartEvent, UpdateEvent } from 'typeorm';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';
import { stateDigest, type AuditChange } from '#domain';
import { currentAuditScope, type AuditScope } from '#persistence';
import { CLOCK, type Clock } from '../clock/clock.js';
import { AuditRecord } from './audit-record.entity.js';
import { AuditRepository } from './audit.repository.js';
import { nodeSha256Hex } from './node-sha256.js';

/** Rows listed one by one per record; beyond, a count per table and kind (a 200,000-row import stays one small record). */
const LISTED_CHANGES = 200;

/**
 * What one transaction changed so far, each change under the audit scope it was made in;
 * `savepoints` holds the listed count at each open savepoint.
 */
interface NotedChanges {
  listed: { scope: AuditScope | undefined; change: AuditChange }[];
  /** Listed changes per scope (the limit is per record). */
  perScope: Map<AuditScope | undefined, number>;
  /** Rows past the listing limit: per scope, a count per table and kind. */
  overflow: Map<AuditScope | undefined, Map<string, number>>;
  savepoints: number[];
}

const noChanges = (): NotedChanges => ({ listed: [], perScope: new Map(), overflow: new Map(), savepoints: [] });

/** A transaction that changed state outside any request, event or named job. */
const UNATTRIBUTED: AuditScope = { subject: 'system', roles: [], department: null, action: 'background', entityIds: [], requestId: '' };

/**
 * Appends one audit record to every transaction of this app that changed state, as its last step
 * before COMMIT, so the record and the change commit or roll back together. Who and why come from
 * the audit scope (the request, the consumed event or the job); what from the rows TypeORM saw
 * change (with digests of their before and after state) and the ids the request named. A
 * transaction that wrote nothing (PostgreSQL assigned it no transaction id) leaves no record.
 */
@Injectable()
export class AuditRecorder implements EntitySubscriberInterface, OnModuleInit {
  private readonly changes = new WeakMap<QueryRunner, NotedChanges>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // TypeORM's broadcaster reads the DataSource's subscriber list on every event.
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  afterInsert(event: InsertEvent<object>): void {
    this.note(event.queryRunner, event.metadata, 'insert', undefined, event.entity);
  }

  afterUpdate(event: UpdateEvent<object>): void {
    this.note(event.queryRunner, event.metadata, 'update', event.databaseEntity, event.entity ?? undefined);
  }

  afterRemove(event: RemoveEvent<object>): void {
    this.note(event.queryRunner, event.metadata, 'delete', event.databaseEntity ?? event.entity, undefined);
  }

  /**
   * One record for the transaction, under the scope its changes were made in (the request's, the
   * event's, the job's: the one it runs in); when they were made under several scopes (a batch of
   * consumed events handled in one transaction, each event in its own scope), one record per scope,
   * in the order they first changed something, each with its own changes. A scope marked `skip`
   * (a redelivered event, the relay's bookkeeping) gets none.
   */
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const qr = event.queryRunner;
    if (qr.connection !== this.dataSource || depthOf(qr) > 1) return; // a savepoint: the outer commit records
    const groups = this.take(qr);
    const current = currentAuditScope() ?? UNATTRIBUTED;
    if (!groups.length) {
      // Nothing TypeORM saw, but raw SQL may have written: a record without listed changes.
      if (!current.skip && (await this.repository.hasWritten(qr.manager))) await this.repository.append(qr.manager, current, this.clock.now(), []);
      return;
    }
    const records = groups.map((g) => ({ scope: g.scope ?? current, changes: g.changes })).filter((r) => !r.scope.skip);
    if (records.length) await this.repository.appendMany(qr.manager, records, this.clock.now());
  }

  /** A savepoint opens: remember how many changes were listed, to forget those it rolls back. */
  afterTransactionStart(event: TransactionStartEvent): void {
    const noted = this.changes.get(event.queryRunner);
    if (depthOf(event.queryRunner) > 1 && noted) noted.savepoints.push(noted.listed.length);
    else if (depthOf(event.queryRunner) > 1) this.changes.set(event.queryRunner, { ...noChanges(), savepoints: [0] });
  }

  /** A savepoint released: its changes stay. */
  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (depthOf(event.queryRunner) >= 1) this.changes.get(event.queryRunner)?.savepoints.pop();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const depth = depthOf(event.queryRunner);
    if (depth === 0) {
      this.changes.delete(event.queryRunner);
      return;
    }
    // Rolled back to a savepoint: its listed changes never happened (rows past the listing limit stay counted).
    const noted = this.changes.get(event.queryRunner);
    const mark = noted?.savepoints.pop();
    if (noted && mark !== undefined && mark < noted.listed.length) {
      for (const { scope } of noted.listed.splice(mark)) noted.perScope.set(scope, noted.perScope.get(scope)! - 1);
    }
  }

  /** The transaction's changes, grouped by the scope they were made in (first scope first). */
  private take(qr: QueryRunner): { scope: AuditScope | undefined; changes: AuditChange[] }[] {
    const noted = this.changes.get(qr);
    this.changes.delete(qr);
    if (!noted) return [];
    const groups = new Map<AuditScope | undefined, AuditChange[]>();
    for (const { scope, change } of noted.listed) {
      const group = groups.get(scope);
      if (group) group.push(change);
      else groups.set(scope, [change]);
    }
    for (const [scope, counts] of noted.overflow) {
      const group = groups.get(scope) ?? [];
      groups.set(scope, group);
      for (const [key, n] of counts) {
        const [entity, op] = key.split(' ') as [string, AuditChange['op']];
        group.push({ entity, id: `(${n} more rows)`, op, before: null, after: null });
      }
    }
    return [...groups].map(([scope, changes]) => ({ scope, changes }));
  }

  private note(qr: QueryRunner, metadata: EntityMetadata, op: AuditChange['op'], before: object | undefined, after: object | undefined): void {
    if (metadata.target === AuditRecord || !qr.isTransactionActive) return;
    const source = after ?? before;
    const idMap = source ? metadata.getEntityIdMap(source) : undefined;
    const id = idMap ? Object.values(idMap).map(String).join('/') : '?';
    let noted = this.changes.get(qr);
    if (!noted) this.changes.set(qr, (noted = noChanges()));
    const scope = currentAuditScope();
    const listed = noted.perScope.get(scope) ?? 0;
    if (listed >= LISTED_CHANGES) {
      const key = `${metadata.tableName} ${op}`;
      let counts = noted.overflow.get(scope);
      if (!counts) noted.overflow.set(scope, (counts = new Map()));
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return;
    }
    noted.perScope.set(scope, listed + 1);
    noted.listed.push({ scope, change: { entity: metadata.tableName, id, op, before: before ? stateDigest(before, nodeSha256Hex) : null, after: after ? stateDigest(after, nodeSha256Hex) : null } });
  }
}

/** TypeORM keeps the nesting depth (savepoints) protected; at a commit broadcast it is 1 for the outermost transaction. */
function depthOf(qr: QueryRunner): number {
  return (qr as unknown as { transactionDepth: number }).transactionDepth;
}
