import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { eventSubject, type EventDefinition, type EventEnvelope } from '#contracts';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { OutboxEvent } from './outbox-event.entity.js';
import { OutboxCommitWatcher } from './outbox-commit-watcher.js';

/** Producers call `enqueue` inside their own transaction; the relay publishes after commit. */
@Injectable()
export class OutboxService {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly commits: OutboxCommitWatcher,
  ) {}

  async enqueue<P extends object>(
    manager: EntityManager,
    definition: EventDefinition<P>,
    payload: P,
    occurredAt: Date = this.options.clock.now(),
  ): Promise<EventEnvelope<P>> {
    const [envelope] = await this.enqueueMany(manager, definition, [payload], occurredAt);
    return envelope;
  }

  /**
   * Several events of one type in write order, with multi-row inserts: a large draw writes dozens
   * of batches, and one round trip per row would dominate its persistence time. `occurredAt`: one
   * instant for all, or one per event.
   */
  async enqueueMany<P extends object>(
    manager: EntityManager,
    definition: EventDefinition<P>,
    payloads: readonly P[],
    occurredAt: Date | readonly Date[] = this.options.clock.now(),
  ): Promise<EventEnvelope<P>[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.enqueue must run inside the transaction of the state change');
    }
    const envelopes: EventEnvelope<P>[] = payloads.map((payload, i) => ({
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt: (occurredAt instanceof Date ? occurredAt : occurredAt[i]).toISOString(),
      source: this.options.serviceName,
      payload,
    }));
    const subject = eventSubject(this.options.prefix, definition.type);
    const rows = envelopes.map((e) => ({ id: e.id, subject, type: definition.type, body: JSON.stringify(e), publishedAt: null }));
    // Bounded statements: PostgreSQL takes at most 65,535 parameters, and bodies can be large.
    for (let i = 0; i < rows.length; i += 50) await manager.insert(OutboxEvent, rows.slice(i, i + 50));
    // The relay looks as soon as this transaction commits.
    if (rows.length) this.commits.wrote(manager.queryRunner);
    return envelopes;
  }
}
