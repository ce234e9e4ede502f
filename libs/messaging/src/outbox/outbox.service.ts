import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { eventSubject, type EventDefinition, type EventEnvelope } from '#contracts';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { OutboxEvent } from './outbox-event.entity.js';
import { OutboxSignal } from './outbox-signal.js';

/** Producers call `enqueue` inside their own transaction; the relay publishes after commit. */
@Injectable()
export class OutboxService {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly signal: OutboxSignal,
  ) {}

  async enqueue<P extends object>(
    manager: EntityManager,
    definition: EventDefinition<P>,
    payload: P,
    occurredAt: Date = new Date(),
  ): Promise<EventEnvelope<P>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.enqueue must run inside the transaction of the state change');
    }
    const envelope: EventEnvelope<P> = {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt: occurredAt.toISOString(),
      source: this.options.serviceName,
      payload,
    };
    await manager.insert(OutboxEvent, {
      id: envelope.id,
      subject: eventSubject(this.options.prefix, definition.type),
      type: definition.type,
      body: JSON.stringify(envelope),
      publishedAt: null,
    });
    // The relay runs after commit; poking it early only makes it look sooner.
    this.signal.poke();
    return envelope;
  }
}
