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

/** What one transaction changed so far; `savepoints` holds the listed count at each open savepoint. */
interface NotedChanges {
  listed: AuditChange[];
  overflow: Map<string, number>;
  savepoints: number[];
}

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

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const qr = event.queryRunner;
    if (qr.connection !== this.dataSource || depthOf(qr) > 1) return; // a savepoint: the outer commit records
    const changes = this.take(qr);
    const scope = currentAuditScope() ?? UNATTRIBUTED;
    if (scope.skip) return;
    if (!changes.length && !(await this.repository.hasWritten(qr.manager))) return;
    await this.repository.append(qr.manager, scope, this.clock.now(), changes);
  }

  /** A savepoint opens: remember how many changes were listed, to forget those it rolls back. */
  afterTransactionStart(event: TransactionStartEvent): void {
    const noted = this.changes.get(event.queryRunner);
    if (depthOf(event.queryRunner) > 1 && noted) noted.savepoints.push(noted.listed.length);
    else if (depthOf(event.queryRunner) > 1) this.changes.set(event.queryRunner, { listed: [], overflow: new Map(), savepoints: [0] });
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
    if (noted && mark !== undefined) noted.listed.length = mark;
  }

  private take(qr: QueryRunner): AuditChange[] {
    const noted = this.changes.get(qr);
    this.changes.delete(qr);
    if (!noted) return [];
    const summary = [...noted.overflow].map(([key, n]): AuditChange => {
      const [entity, op] = key.split(' ') as [string, AuditChange['op']];
      return { entity, id: `(${n} more rows)`, op, before: null, after: null };
    });
    return [...noted.listed, ...summary];
  }

  private note(qr: QueryRunner, metadata: EntityMetadata, op: AuditChange['op'], before: object | undefined, after: object | undefined): void {
    if (metadata.target === AuditRecord || !qr.isTransactionActive) return;
    const source = after ?? before;
    const idMap = source ? metadata.getEntityIdMap(source) : undefined;
    const id = idMap ? Object.values(idMap).map(String).join('/') : '?';
    let noted = this.changes.get(qr);
    if (!noted) this.changes.set(qr, (noted = { listed: [], overflow: new Map(), savepoints: [] }));
    if (noted.listed.length >= LISTED_CHANGES) {
      const key = `${metadata.tableName} ${op}`;
      noted.overflow.set(key, (noted.overflow.get(key) ?? 0) + 1);
      return;
    }
    noted.listed.push({ entity: metadata.tableName, id, op, before: before ? stateDigest(before, nodeSha256Hex) : null, after: after ? stateDigest(after, nodeSha256Hex) : null });
  }
}

/** TypeORM keeps the nesting depth (savepoints) protected; at a commit broadcast it is 1 for the outermost transaction. */
function depthOf(qr: QueryRunner): number {
  return (qr as unknown as { transactionDepth: number }).transactionDepth;
}
