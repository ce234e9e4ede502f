import { connect, headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JsMsg,
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
  /** Copies of each stream the cluster keeps (NATS_STREAM_REPLICAS; 1 on a single server). */
  streamReplicas?: number;
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
    await this.whileClusterSettles(() => this.ensureStream(this.options.eventStream, this.options.eventSubjects));
    await this.whileClusterSettles(() => this.ensureStream(this.options.deadLetterStream, this.options.deadLetterSubjects));
  }

  /**
   * A cluster that has just started, lost a node or is placing a stream's copies answers JetStream API
   * requests with timeouts or "no responders" for a few seconds; several replicas starting at once add
   * to it. Starting must ride that out rather than exit, so the same step is tried again with back-off,
   * for up to a minute, and only then fails (with the last error).
   */
  private async whileClusterSettles(step: () => Promise<void>, timeoutMs = 60_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (let wait = 250; ; wait = Math.min(wait * 2, 4_000)) {
      try {
        return await step();
      } catch (error) {
        if (performance.now() + wait > deadline) throw error;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  private async ensureStream(name: string, subjects: string): Promise<void> {
    const jsm = this.jsm!;
    const replicas = this.options.streamReplicas ?? 1;
    const config = { name, subjects: [subjects], duplicate_window: nanos(this.options.duplicateWindowMs ?? 10 * 60_000), num_replicas: replicas };
    let existing;
    try {
      existing = await jsm.streams.info(name);
    } catch {
      try {
        await jsm.streams.add(config);
        return;
      } catch (error) {
        // Another replica may have created it between our two calls.
        existing = await jsm.streams.info(name).catch(() => { throw error; });
      }
    }
    // A stream made before the cluster grew (or by an older release) is scaled up, never down: a
    // replica configured with fewer copies must not shrink what the operator raised.
    if ((existing.config.num_replicas ?? 1) < replicas) await jsm.streams.update(name, { ...existing.config, num_replicas: replicas });
    // Also when another replica (or an earlier, interrupted try) did the update: wait until the copies serve.
    if (replicas > 1) await this.untilStreamLed(name, replicas);
  }

  /**
   * The cluster takes a moment to place new copies and elect a leader; until then a publish meets
   * "no responders". The relay would retry, but a start that waits here begins with a usable stream.
   */
  private async untilStreamLed(name: string, replicas: number, timeoutMs = 30_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const info = await this.jsm!.streams.info(name).catch(() => undefined);
      if (info?.cluster?.leader && (info.cluster.replicas ?? []).filter((r) => r.current).length >= replicas - 1) return;
      await new Promise((r) => setTimeout(r, 200));
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

  async consume(spec: ConsumerSpec, onDeliveries: (deliveries: Delivery[]) => Promise<void>): Promise<void> {
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
    // Enough pulled ahead that a batch can fill while the previous one is handled.
    const messages = await consumer.consume({ max_messages: Math.max(64, 2 * spec.maxBatch) });
    this.subscriptions.push(messages);
    const delivery = (m: JsMsg): Delivery => ({
      data: m.data,
      deliveryCount: m.info.deliveryCount,
      ack: () => m.ack(),
      nak: (delayMs) => m.nak(delayMs),
      term: (reason) => m.term(reason),
    });
    this.loops.push(
      (async () => {
        const it = messages[Symbol.asyncIterator]();
        const unsettled = new Set<Promise<void>>();
        let next = it.next();
        for (;;) {
          const first = await next;
          if (first.done) break;
          // The first message, and whatever else has already arrived: a received message is handed
          // out within microtasks, so one not there by the next turn of the event loop has not
          // arrived (the iterator's getPending() can count a status callback as a message).
          const batch = [delivery(first.value)];
          next = it.next();
          let done = false;
          while (batch.length < spec.maxBatch) {
            const more = await Promise.race([next, new Promise<'none'>((r) => setImmediate(() => r('none')))]);
            if (more === 'none') break;
            if (more.done) {
              done = true;
              break;
            }
            batch.push(delivery(more.value));
            next = it.next();
          }
          const handling: Promise<void> = onDeliveries(batch).finally(() => unsettled.delete(handling));
          unsettled.add(handling);
          if (unsettled.size >= (spec.concurrency ?? 1)) await Promise.race(unsettled);
          if (done) break;
        }
        await Promise.all(unsettled);
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
