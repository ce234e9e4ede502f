import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { runUnaudited } from '#persistence';
import { DataSource } from 'typeorm';
import { EVENT_BROKER, type EventBroker } from '../broker/event-broker.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { OutboxEvent } from './outbox-event.entity.js';
import { OutboxSignal } from './outbox-signal.js';

const BATCH = 500;
/** Publishes awaiting the broker's acknowledgement at once (sent in write order on one connection). */
const IN_FLIGHT = 128;

/**
 * Publishes committed outbox rows to the broker in write order. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so several replicas can relay at once without publishing a row twice;
 * should a replica die after publishing but before marking, JetStream's msgID de-duplication
 * absorbs the second publish. A batch's publishes are sent one after the other without waiting
 * for each acknowledgement (up to IN_FLIGHT outstanding): JetStream stores them in the order they
 * were sent, and the relay no longer pays a round trip per event. A failed publish stops the batch
 * (no further rows are sent); rows acknowledged meanwhile are marked, the failed ones retried with
 * the next batch.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_BROKER) private readonly broker: EventBroker,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly signal: OutboxSignal,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Before the DataSource closes: finish the batch in flight, then stop. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.signal.poke();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let relayed = 0;
      try {
        relayed = await this.relayBatch();
      } catch (error) {
        this.logger.warn(`outbox relay failed, retrying: ${(error as Error).message}`);
      }
      if (relayed < BATCH && this.running) await this.signal.wait(this.options.outboxPollMs);
    }
  }

  /** Relays up to one batch; returns how many rows it published. */
  async relayBatch(): Promise<number> {
    if (!this.dataSource.isInitialized) return 0;
    // Marking rows sent is bookkeeping: the state change that wrote them is already on record.
    return runUnaudited(() => this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .createQueryBuilder(OutboxEvent, 'e')
        .where('e.published_at IS NULL')
        .orderBy('e.seq', 'ASC')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      const done: string[] = [];
      const failed: { row: OutboxEvent; error: unknown }[] = [];
      const inFlight = new Set<Promise<void>>();
      for (const row of rows) {
        if (failed.length) break; // keep order as far as possible: later rows wait for a failed one
        const sent: Promise<void> = this.broker.publish(row.subject, Buffer.from(row.body, 'utf8'), row.id).then(
          () => void done.push(row.id),
          (error: unknown) => void failed.push({ row, error }),
        );
        const tracked = sent.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      for (const { row, error } of failed) {
        await manager.increment(OutboxEvent, { id: row.id }, 'attempts', 1);
        this.logger.warn(`could not publish ${row.type} ${row.id}: ${(error as Error).message}`);
      }
      if (done.length) {
        await manager.createQueryBuilder().update(OutboxEvent).set({ publishedAt: () => 'now()' }).whereInIds(done).execute();
      }
      return done.length;
    }));
  }
}
