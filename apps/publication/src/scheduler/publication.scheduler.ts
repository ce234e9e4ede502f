import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PeriodicJob, runAsJob } from '#persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, todayInShanghai } from '#domain';
import { CLOCK, type Clock } from '#platform';
import { PUBLICATION_RULES, type PublicationRules } from '../common/publication-rules.js';
import { NoticeLifecycle } from '../notices/notice-lifecycle.service.js';
import { Notice } from '../notices/notice.entity.js';

const BATCH = 100;

export interface SchedulerRun {
  published: number;
  expired: number;
  failed: number;
  recomputed: number;
}

/**
 * Moves notices on time: publishes scheduled ones whose time has come and expires those whose
 * display period is over. Safe on several replicas at once: each batch claims its rows with
 * FOR UPDATE SKIP LOCKED, and the state change and its outbox event commit in that same
 * transaction, so exactly one replica acts on each notice and a second one skips it.
 */
@Injectable()
export class PublicationScheduler extends PeriodicJob {
  protected readonly logger = new Logger(PublicationScheduler.name);
  /** A pass works through every batch itself. */
  protected readonly batchSize = Infinity;
  protected readonly jobName = 'scheduler run';

  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: NoticeLifecycle,
    @Inject(PUBLICATION_RULES) private readonly rules: PublicationRules,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.rules.schedulerIntervalMs;
  }

  protected async pass(): Promise<number> {
    await this.runOnce();
    return 0;
  }

  /** One pass as of `at` (the injected clock by default; tests pass a later instant to see expiry). */
  runOnce(at: Date = this.clock.now()): Promise<SchedulerRun> {
    return runAsJob('publication.scheduler', randomUUID(), () => this.moveNotices(at));
  }

  private async moveNotices(at: Date): Promise<SchedulerRun> {
    const run: SchedulerRun = { published: 0, expired: 0, failed: 0, recomputed: 0 };
    run.recomputed = await this.recomputeProvisional();
    for (;;) {
      const batch = await this.publishDue(at, run);
      if (batch < BATCH) break;
    }
    for (;;) {
      const batch = await this.expireDue(at, run);
      if (batch < BATCH) break;
    }
    if (run.published || run.expired || run.failed) this.logger.log(`scheduler: ${JSON.stringify(run)}`);
    return run;
  }

  private claim(m: EntityManager, where: string, params: Record<string, unknown>) {
    return m
      .createQueryBuilder(Notice, 'n')
      .where(where, params)
      .orderBy('n.id')
      .limit(BATCH)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  private publishDue(at: Date, run: SchedulerRun): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const due = await this.claim(m, `n.state = 'scheduled' AND n.publish_at <= :at`, { at });
      for (const notice of due) {
        // A notice that cannot be published (its redaction check fails) goes back to draft with
        // the reason, instead of blocking the batch or being retried forever.
        await m.query('SAVEPOINT publish_one');
        try {
          await this.lifecycle.publish(m, notice, notice.publishAt! > at ? at : notice.publishAt!, 'scheduler');
          await m.query('RELEASE SAVEPOINT publish_one');
          run.published++;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          await m.query('ROLLBACK TO SAVEPOINT publish_one');
          await m.update(Notice, { id: notice.id }, { state: 'draft', publishAt: null, problem: error.message });
          run.failed++;
        }
      }
      return due.length;
    });
  }

  private expireDue(at: Date, run: SchedulerRun): Promise<number> {
    const today = todayInShanghai(at);
    return this.dataSource.transaction(async (m) => {
      const over = await this.claim(m, `n.state IN ('published', 'corrected') AND n.display_until < :today`, { today });
      for (const notice of over) {
        await this.lifecycle.expire(m, notice, at);
        run.expired++;
      }
      return over.length;
    });
  }

  /** Deadlines computed before a year's holidays were known are recomputed once they are. */
  private recomputeProvisional(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const provisional = await this.claim(m, `n.due_provisional AND n.state IN ('draft', 'scheduled')`, {});
      let changed = 0;
      for (const notice of provisional) {
        if (this.lifecycle.recomputeDue(notice)) {
          await m.update(Notice, { id: notice.id }, { dueDate: notice.dueDate, dueProvisional: notice.dueProvisional });
          changed++;
        }
      }
      return changed;
    });
  }
}
