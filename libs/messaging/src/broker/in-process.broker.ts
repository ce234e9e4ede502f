import type { ConsumerSpec, Delivery, EventBroker } from './event-broker.js';

interface Stored {
  subject: string;
  data: Uint8Array;
}

interface Subscriber {
  spec: ConsumerSpec;
  onDeliveries: (d: Delivery[]) => Promise<void>;
  next: number;
  running: boolean;
}

/**
 * The fallback when the embedded default finds no nats-server: all apps run in one process and
 * share this broker. It keeps JetStream's semantics that the code relies on (durable position per
 * consumer name, msgID de-duplication, redelivery with a count, dead-letter), but nothing survives
 * a restart: the outbox tables do, and the relay re-publishes what was not yet published.
 */
export class InProcessBroker implements EventBroker {
  readonly kind = 'in-process' as const;
  private static instance?: InProcessBroker;
  private readonly log: Stored[] = [];
  private readonly seenIds = new Set<string>();
  private readonly subscribers = new Map<string, Subscriber>();
  readonly deadLetters: { subject: string; data: Uint8Array; reason: string }[] = [];
  private closed = false;

  /** One broker per process, shared by every app started in it. */
  static shared(): InProcessBroker {
    return (InProcessBroker.instance ??= new InProcessBroker());
  }

  async connect(): Promise<void> {
    this.closed = false;
  }

  async publish(subject: string, data: Uint8Array, msgId: string): Promise<void> {
    if (this.seenIds.has(msgId)) return;
    this.seenIds.add(msgId);
    this.log.push({ subject, data });
    for (const s of this.subscribers.values()) void this.pump(s);
  }

  async deadLetter(subject: string, data: Uint8Array, reason: string): Promise<void> {
    this.deadLetters.push({ subject, data, reason });
  }

  async consume(spec: ConsumerSpec, onDeliveries: (d: Delivery[]) => Promise<void>): Promise<void> {
    const existing = this.subscribers.get(spec.durable);
    const sub: Subscriber = { spec, onDeliveries, next: existing?.next ?? 0, running: false };
    this.subscribers.set(spec.durable, sub);
    void this.pump(sub);
  }

  /** Delivers one message at a time per consumer (batches of one), in order, retrying with a count. */
  private async pump(sub: Subscriber): Promise<void> {
    if (sub.running) return;
    sub.running = true;
    try {
      while (!this.closed && sub.next < this.log.length) {
        const msg = this.log[sub.next];
        if (msg.subject !== sub.spec.subject) {
          sub.next++;
          continue;
        }
        let settled: 'ack' | 'term' | 'nak' | undefined;
        let delayMs = 0;
        for (let count = 1; count <= sub.spec.maxDeliver && settled !== 'ack' && settled !== 'term'; count++) {
          if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
          settled = undefined;
          await sub.onDeliveries([{
            data: msg.data,
            deliveryCount: count,
            ack: () => (settled = 'ack'),
            nak: (ms) => { settled = 'nak'; delayMs = ms; },
            term: () => (settled = 'term'),
          }]);
        }
        sub.next++;
      }
    } finally {
      sub.running = false;
    }
  }

  isHealthy(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    // Shared by all apps of the process: closing one app must not stop the others' deliveries.
  }
}
