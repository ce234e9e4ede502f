import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicJob, runUnaudited } from '#persistence';
import { InboxEntry } from '../inbox/inbox-entry.entity.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { OutboxEvent } from '../outbox/outbox-event.entity.js';

const BATCH = 5000;

/**
 * Forgets what the outbox and the inbox no longer need, so they do not grow with every event of the
 * system's life. An outbox row goes `outboxRetentionMs` after it was published (it is in the stream;
 * the row only helps an operator look back). An inbox row goes `inboxRetentionMs` after its event was
 * handled: it must outlive any second delivery of that event, which JetStream's duplicate window
 * (10 minutes) already stops at the stream, so the default (30 days) is ample. Times are the
 * database's, like the columns'. Batched, and safe on several replicas (SKIP LOCKED).
 */
@Injectable()
export class MessagingRetention extends PeriodicJob {
  protected readonly logger = new Logger(MessagingRetention.name);
  protected readonly batchSize = BATCH;
  protected readonly jobName = 'outbox and inbox retention';

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.options.retentionIntervalMs;
  }

  /** One batch of each; returns the larger count, so a full batch of either runs again at once. */
  protected async pass(): Promise<number> {
    const { outbox, inbox } = await this.forgetOnce();
    return Math.max(outbox, inbox);
  }

  /** Deletes up to a batch of expired outbox rows and one of inbox rows; returns how many of each. */
  forgetOnce(): Promise<{ outbox: number; inbox: number }> {
    // Bookkeeping of the messaging itself, not a state change anyone acts on: not in the audit trail.
    return runUnaudited(async () => {
      const outboxTable = this.dataSource.getMetadata(OutboxEvent).tablePath;
      const inboxTable = this.dataSource.getMetadata(InboxEntry).tablePath;
      const outbox = (await this.dataSource.query(
        `DELETE FROM ${outboxTable} WHERE id IN (
           SELECT id FROM ${outboxTable} WHERE published_at < now() - make_interval(secs => $1) ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
        [this.options.outboxRetentionMs / 1000],
      )) as [unknown, number];
      const inbox = (await this.dataSource.query(
        `DELETE FROM ${inboxTable} WHERE (consumer, event_id) IN (
           SELECT consumer, event_id FROM ${inboxTable} WHERE handled_at < now() - make_interval(secs => $1) LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
        [this.options.inboxRetentionMs / 1000],
      )) as [unknown, number];
      return { outbox: outbox[1], inbox: inbox[1] };
    });
  }
}
