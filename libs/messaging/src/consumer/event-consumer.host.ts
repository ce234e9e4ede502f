import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { runInAuditScope, type AuditScope } from '#persistence';
import { deadLetterSubject, durableName, eventSubject, type EventDefinition } from '#contracts';
import { EVENT_BROKER, type Delivery, type EventBroker } from '../broker/event-broker.js';
import { InboxEntry } from '../inbox/inbox-entry.entity.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import type { EventContext } from './event-context.js';
import { ON_EVENT } from './on-event.decorator.js';
import { PoisonMessageError, decodeEvent } from './validate-payload.js';

type Handler = (payload: object, ctx: EventContext) => Promise<void>;

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
        await this.subscribe(definition, handler);
      }
    }
  }

  private async subscribe(definition: EventDefinition<object>, handler: Handler): Promise<void> {
    const consumer = this.options.serviceName;
    await this.broker.consume(
      {
        durable: durableName(`${this.options.prefix}_${consumer}`, definition.type),
        subject: eventSubject(this.options.prefix, definition.type),
        maxDeliver: this.options.maxDeliver,
        ackWaitMs: this.options.ackWaitMs,
      },
      (delivery) => this.handle(definition, handler, delivery),
    );
    this.logger.debug(`${consumer} consumes ${definition.type} v${definition.version}`);
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
      // The full-process record names the event and the service it came from as the actor.
      const scope: AuditScope = { subject: `service:${envelope.source}`, roles: [], department: null, action: `event ${definition.type}`, entityIds: [envelope.id], requestId: `event:${envelope.id}` };
      await runInAuditScope(scope, () =>
        this.dataSource.transaction(async (manager) => {
          const inserted = await manager
            .createQueryBuilder()
            .insert()
            .into(InboxEntry)
            .values({ consumer, eventId: envelope.id })
            .orIgnore()
            .returning('event_id')
            .execute();
          if ((inserted.raw as unknown[]).length === 0) {
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
