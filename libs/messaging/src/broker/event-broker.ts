/**
 * The narrow interface the outbox relay and the consumers need from a broker. JetStream implements
 * it in every deployment; an in-process implementation stands in only when the embedded default
 * finds no nats-server binary (all apps then run in one process).
 */
export interface EventBroker {
  readonly kind: 'jetstream' | 'in-process';
  connect(): Promise<void>;
  /** Publishes durably; a repeated `msgId` is stored once (JetStream de-duplication window). */
  publish(subject: string, data: Uint8Array, msgId: string): Promise<void>;
  /**
   * Starts a durable consumer on one subject; deliveries continue until `close()`. They are handed
   * over in order, a batch at a time: the next batch only once `onDeliveries` has settled the last
   * (or, with `concurrency` n, once fewer than n are unsettled).
   */
  consume(spec: ConsumerSpec, onDeliveries: (deliveries: Delivery[]) => Promise<void>): Promise<void>;
  /** Parks a message that cannot be handled, with the reason in a header. */
  deadLetter(subject: string, data: Uint8Array, reason: string): Promise<void>;
  isHealthy(): boolean;
  close(): Promise<void>;
}

export interface ConsumerSpec {
  durable: string;
  subject: string;
  /** After this many deliveries a failing message goes to the dead-letter subject. */
  maxDeliver: number;
  /** How long a delivery may stay unacknowledged before it is redelivered. */
  ackWaitMs: number;
  /**
   * Most deliveries handed over at once: those already received when the consumer is ready (a
   * batch never waits for more to arrive). 1: one at a time.
   */
  maxBatch: number;
  /** Batches handed over before the earlier ones have settled (1: the next only after the last). */
  concurrency?: number;
}

export interface Delivery {
  readonly data: Uint8Array;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
  ack(): void;
  /** Asks for redelivery after a delay. */
  nak(delayMs: number): void;
  /** Never deliver again (after dead-lettering). */
  term(reason: string): void;
}

export const EVENT_BROKER = Symbol('EVENT_BROKER');
