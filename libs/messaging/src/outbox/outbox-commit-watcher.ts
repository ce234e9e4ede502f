import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';
import { OutboxSignal } from './outbox-signal.js';

/**
 * Wakes the relay when a transaction that wrote outbox rows has committed: not before (the relay
 * would find nothing yet) and not at the next poll (the event would wait for it).
 */
@Injectable()
export class OutboxCommitWatcher implements EntitySubscriberInterface, OnModuleInit {
  private readonly writers = new WeakSet<QueryRunner>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly signal: OutboxSignal,
  ) {}

  onModuleInit(): void {
    // TypeORM's broadcaster reads the DataSource's subscriber list on every event.
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  /** The transaction of `runner` has written outbox rows. */
  wrote(runner: QueryRunner): void {
    this.writers.add(runner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!this.isOutermost(event.queryRunner) || !this.writers.has(event.queryRunner)) return;
    this.writers.delete(event.queryRunner);
    this.signal.poke();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (this.isOutermost(event.queryRunner)) this.writers.delete(event.queryRunner);
  }

  /** After a commit or rollback TypeORM has already lowered the (protected) nesting depth: 0 is the outermost. */
  private isOutermost(runner: QueryRunner): boolean {
    return (runner as unknown as { transactionDepth: number }).transactionDepth === 0;
  }
}
