import { connect, headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { ConsumerSpec, Delivery, EventBroker } from './event-broker.js';

export interface JetStreamBrokerOptions {
  servers: string;
  /** Stream holding every event of this deployment, and the subjects it captures. */
  eventStream: string;
  eventSubjects: string;
  deadLetterStream: string;
  deadLetterSubjects: string;
  name: string;
  /** How long JetStream remembers a msgID for de-duplication. */
  duplicateWindowMs?: number;
}

/** Durable events on NATS JetStream: file-backed streams, durable pull consumers, explicit acks. */
export class JetStreamBroker implements EventBroker {
  readonly kind = 'jetstream' as const;
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  private readonly subscriptions: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly options: JetStreamBrokerOptions) {}

  async connect(): Promise<void> {
    this.nc = await connect({ servers: this.options.servers, name: this.options.name, maxReconnectAttempts: -1 });
    this.jsm = await jetstreamManager(this.nc);
    this.js = jetstream(this.nc);
    await this.ensureStream(this.options.eventStream, this.options.eventSubjects);
    await this.ensureStream(this.options.deadLetterStream, this.options.deadLetterSubjects);
  }

  private async ensureStream(name: string, subjects: string): Promise<void> {
    const jsm = this.jsm!;
    const config = { name, subjects: [subjects], duplicate_window: nanos(this.options.duplicateWindowMs ?? 10 * 60_000) };
    try {
      await jsm.streams.info(name);
    } catch {
      try {
        await jsm.streams.add(config);
      } catch (error) {
        // Another replica may have created it between our two calls.
        await jsm.streams.info(name).catch(() => { throw error; });
      }
    }
  }

  async publish(subject: string, data: Uint8Array, msgId: string): Promise<void> {
    await this.js!.publish(subject, data, { msgID: msgId });
  }

  async deadLetter(subject: string, data: Uint8Array, reason: string): Promise<void> {
    const h = headers();
    h.set('Spotcheck-Dead-Letter-Reason', reason.slice(0, 1000).replace(/[\r\n]+/g, ' '));
    await this.js!.publish(subject, data, { headers: h });
  }

  async consume(spec: ConsumerSpec, onDelivery: (delivery: Delivery) => Promise<void>): Promise<void> {
    const config = {
      durable_name: spec.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: spec.subject,
      max_deliver: spec.maxDeliver,
      ack_wait: nanos(spec.ackWaitMs),
    };
    try {
      await this.jsm!.consumers.info(this.options.eventStream, spec.durable);
      await this.jsm!.consumers.update(this.options.eventStream, spec.durable, {
        max_deliver: spec.maxDeliver,
        ack_wait: config.ack_wait,
      });
    } catch {
      await this.jsm!.consumers.add(this.options.eventStream, config);
    }
    const consumer = await this.js!.consumers.get(this.options.eventStream, spec.durable);
    const messages = await consumer.consume({ max_messages: 64 });
    this.subscriptions.push(messages);
    this.loops.push(
      (async () => {
        for await (const m of messages) {
          await onDelivery({
            data: m.data,
            deliveryCount: m.info.deliveryCount,
            ack: () => m.ack(),
            nak: (delayMs) => m.nak(delayMs),
            term: (reason) => m.term(reason),
          });
        }
      })(),
    );
  }

  isHealthy(): boolean {
    return !!this.nc && !this.nc.isClosed();
  }

  async close(): Promise<void> {
    for (const s of this.subscriptions) s.stop();
    await Promise.allSettled(this.loops);
    if (this.nc && !this.nc.isClosed()) await this.nc.drain();
  }
}
