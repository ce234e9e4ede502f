import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AssignmentOverdue } from '#contracts';
import { OutboxService } from '#messaging';
import { PeriodicJob, runAsJob } from '#persistence';
import { chinaDate } from '../common/china-time.js';
import { CLOCK, type Clock } from '#platform';
import { INSPECTION_SETTINGS, type InspectionSettings } from '../inspection.options.js';
import { Assignment } from './assignment.entity.js';

const BATCH = 500;

interface OverdueRow {
  id: string;
  task_id: string | null;
  department: string;
  target_name: string;
  due_date: string;
}

/**
 * Marks assignments overdue once their due date (a calendar date in China) has passed without a
 * submitted result, and emits inspection.assignment.overdue for each, in the same transaction.
 * Safe on any number of replicas: rows are claimed with FOR UPDATE SKIP LOCKED and the UPDATE's own
 * condition (`overdue_at IS NULL`) means a row is marked, and announced, once.
 */
@Injectable()
export class OverdueScanner extends PeriodicJob {
  protected readonly logger = new Logger(OverdueScanner.name);
  protected readonly batchSize = BATCH;
  protected readonly jobName = 'overdue scan';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(INSPECTION_SETTINGS) private readonly settings: InspectionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.settings.overdueScanMs;
  }

  protected pass(): Promise<number> {
    return this.scanOnce();
  }

  /** One pass: marks up to a batch of assignments overdue; returns how many. */
  async scanOnce(now: Date = this.clock.now()): Promise<number> {
    const table = this.dataSource.getMetadata(Assignment).tablePath;
    return runAsJob('inspection.overdue-scanner', randomUUID(), () => this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `WITH claimed AS (
           SELECT id FROM ${table}
            WHERE status IN ('assigned', 'in_progress') AND overdue_at IS NULL AND due_date < $1
            ORDER BY due_date, id LIMIT ${BATCH}
            FOR UPDATE SKIP LOCKED
         ), marked AS (
           UPDATE ${table} a SET status = 'overdue', overdue_at = $2, updated_at = now()
             FROM claimed WHERE a.id = claimed.id
           RETURNING a.id, a.task_id, a.department, a.target_name, a.due_date::text AS due_date
         )
         SELECT * FROM marked`,
        [chinaDate(now), now],
      )) as OverdueRow[];
      for (const r of rows) {
        await this.outbox.enqueue(m, AssignmentOverdue, {
          assignmentId: r.id,
          ...(r.task_id ? { taskId: r.task_id } : {}),
          department: r.department,
          targetName: r.target_name,
          dueDate: r.due_date,
        });
      }
      return rows.length;
    }));
  }
}
