import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { DataSource, type EntityManager } from 'typeorm';
import { runInAuditScope, runUnaudited, type AuditScope } from '#persistence';
import { deadLetterSubject, durableName, eventSubject, type EventDefinition, type EventEnvelope } from '#contracts';
import { EVENT_BROKER, type Delivery, type EventBroker } from '../broker/event-broker.js';
import { InboxEntry } from '../inbox/inbox-entry.entity.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import type { EventContext } from './event-context.js';
import { ON_EVENT, ON_EVENT_OPTIONS, type OnEventOptions } from './on-event.decorator.js';
import { PoisonMessageError, decodeEvent } from './validate-payload.js';

type Handler = (payload: object, ctx: EventContext) => Promise<void>;

/** The full-process record names the event and the service it came from as the actor. */
function eventScope(envelope: EventEnvelope, definition: EventDefinition<object>): AuditScope {
  return { subject: `service:${envelope.source}`, roles: [], department: null, action: `event ${definition.type}`, entityIds: [envelope.id], requestId: `event:${envelope.id}` };
}

/**
 * Finds every @OnEvent method once the app has initialised and gives each its own durable consumer.
 * A delivery is decoded and validated, then handled in one transaction with its inbox row; a poison
 * message (bad JSON, bad envelope, invalid payload) is dead-lettered at once, a failing handler is
 * retried with back-off and dead-lettered after the last allowed delivery.
 */
@Injectable()
export class EventConsumerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('EventConsumer');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly dataSource: DataSource,
    @Inject(EVENT_BROKER) private readonly broker: EventBroker,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.consume === false) return;
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const definition = Reflect.getMetadata(ON_EVENT, (instance as Record<string, object>)[method]) as EventDefinition<object> | undefined;
        if (!definition) continue;
        const handler = ((instance as Record<string, Handler>)[method]).bind(instance) as Handler;
        const options = (Reflect.getMetadata(ON_EVENT_OPTIONS, (instance as Record<string, object>)[method]) as OnEventOptions | undefined) ?? {};
        await this.subscribe(definition, handler, options);
      }
    }
  }

  private async subscribe(definition: EventDefinition<object>, handler: Handler, options: OnEventOptions): Promise<void> {
    const consumer = this.options.serviceName;
    await this.broker.consume(
      {
        durable: durableName(`${this.options.prefix}_${consumer}`, definition.type),
        subject: eventSubject(this.options.prefix, definition.type),
        maxDeliver: this.options.maxDeliver,
        ackWaitMs: this.options.ackWaitMs,
        maxBatch: Math.max(1, this.options.consumeBatch),
        concurrency: Math.max(1, options.concurrency ?? 1),
      },
      (deliveries) => (deliveries.length === 1 ? this.handle(definition, handler, deliveries[0]) : this.handleBatch(definition, handler, deliveries)),
    );
    this.logger.debug(`${consumer} consumes ${definition.type} v${definition.version}`);
  }

  /**
   * Several deliveries of one consumer in one transaction: each event still writes its inbox row
   * and runs its handler through that transaction, in delivery order, under its own audit scope (so
   * each handled event gets its own audit record, appended together at the commit); the acks go out
   * only after the commit. Poison messages are dead-lettered first, as one at a time. If anything
   * fails (a handler, the commit), nothing of the batch is kept and each delivery is handled again
   * on its own, with the usual retries and dead-lettering: a failing event costs its batch one
   * rolled-back attempt and never holds the others back. Exposed for tests.
   */
  async handleBatch(definition: EventDefinition<object>, handler: Handler, deliveries: Delivery[]): Promise<void> {
    const consumer = this.options.serviceName;
    const decoded: { delivery: Delivery; envelope: EventEnvelope; payload: object }[] = [];
    for (const delivery of deliveries) {
      try {
        decoded.push({ delivery, ...(await decodeEvent(delivery.data, definition)) });
      } catch {
        await this.handle(definition, handler, delivery); // dead-letters it, exactly as one at a time
      }
    }
    if (!decoded.length) return;
    try {
      // The batch's own scope records nothing: each event's changes are recorded under the event's scope.
      await runUnaudited(() =>
        this.dataSource.transaction(async (manager) => {
          for (const { delivery, envelope, payload } of decoded) {
            const scope = eventScope(envelope, definition);
            await runInAuditScope(scope, async () => {
              if (!(await this.claim(manager, consumer, envelope.id))) {
                scope.skip = true; // handled before: a redelivery, which changes nothing
                return;
              }
              await handler(payload, { manager, envelope, deliveryCount: delivery.deliveryCount });
            });
          }
        }),
      );
    } catch (error) {
      this.logger.warn(`a batch of ${decoded.length} ${definition.type} events failed (${(error as Error).message ?? String(error)}); handling them one at a time`);
      for (const { delivery } of decoded) await this.handle(definition, handler, delivery);
      return;
    }
    for (const { delivery } of decoded) delivery.ack();
  }

  /** Writes the inbox row of an event; false when it was there already (handled before). */
  private async claim(manager: EntityManager, consumer: string, eventId: string): Promise<boolean> {
    const inserted = await manager.createQueryBuilder().insert().into(InboxEntry).values({ consumer, eventId }).orIgnore().returning('event_id').execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  /** Exposed for tests of the delivery semantics. */
  async handle(definition: EventDefinition<object>, handler: Handler, delivery: Delivery): Promise<void> {
    const consumer = this.options.serviceName;
    const dlq = deadLetterSubject(this.options.prefix, consumer, definition.type);
    let decoded;
    try {
      decoded = await decodeEvent(delivery.data, definition);
    } catch (error) {
      const reason = error instanceof PoisonMessageError ? error.message : String(error);
      this.logger.warn(`dead-lettering a ${definition.type} message: ${reason}`);
      await this.broker.deadLetter(dlq, delivery.data, reason);
      delivery.term(reason);
      return;
    }
    const { envelope, payload } = decoded;
    try {
      const scope = eventScope(envelope, definition);
      await runInAuditScope(scope, () =>
        this.dataSource.transaction(async (manager) => {
          if (!(await this.claim(manager, consumer, envelope.id))) {
            scope.skip = true; // handled before: a redelivery, which changes nothing
            return;
          }
          await handler(payload, { manager, envelope, deliveryCount: delivery.deliveryCount });
        }),
      );
      delivery.ack();
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      if (delivery.deliveryCount >= this.options.maxDeliver) {
        this.logger.error(`giving up on ${definition.type} ${envelope.id} after ${delivery.deliveryCount} deliveries: ${message}`);
        await this.broker.deadLetter(dlq, delivery.data, `handler failed ${delivery.deliveryCount} times: ${message}`);
        delivery.term(message);
      } else {
        this.logger.warn(`${definition.type} ${envelope.id} failed (delivery ${delivery.deliveryCount}), will retry: ${message}`);
        delivery.nak(Math.min(30_000, 250 * 2 ** delivery.deliveryCount));
      }
    }
  }
}
