import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicJob, runAsJob } from '#persistence';
import { CLOCK, type Clock } from '#platform';
import { INSPECTION_SETTINGS, type InspectionSettings } from '../inspection.options.js';
import { EvidenceUpload } from './evidence-upload.entity.js';
import { PARTIAL_UPLOAD_STORE, type PartialUploadStore } from './partial-upload-store.js';

const BATCH = 500;
const HOUR_MS = 60 * 60_000;

/**
 * Removes resumable uploads nobody touched for EVIDENCE_UPLOAD_TTL_HOURS (a phone that was reset, a
 * photo deleted before it was sent): their rows, claimed with FOR UPDATE SKIP LOCKED so replicas never
 * take the same one, and their bytes. Each replica also drops the bytes it holds for uploads that have
 * no row any more (removed by another replica's pass). Runs every hour (`uploadSweepMs`; 0: only when called).
 */
@Injectable()
export class AbandonedUploadsSweeper extends PeriodicJob {
  protected readonly logger = new Logger(AbandonedUploadsSweeper.name);
  protected readonly batchSize = BATCH;
  protected readonly jobName = 'abandoned upload sweep';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PARTIAL_UPLOAD_STORE) private readonly partials: PartialUploadStore,
    @Inject(INSPECTION_SETTINGS) private readonly settings: InspectionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.settings.uploadSweepMs;
  }

  protected pass(): Promise<number> {
    return this.sweepOnce();
  }

  /** One pass: removes up to a batch of abandoned uploads; returns how many rows it removed. */
  async sweepOnce(now: Date = this.clock.now()): Promise<number> {
    const table = this.dataSource.getMetadata(EvidenceUpload).tablePath;
    const cutoff = new Date(now.getTime() - this.settings.evidenceUploadTtlHours * HOUR_MS);
    const removed = await runAsJob('inspection.abandoned-upload-sweep', randomUUID(), () => this.dataSource.transaction(async (m) => {
      const result = (await m.query(
        `DELETE FROM ${table} u USING (
           SELECT assignment_id, sha256 FROM ${table} WHERE touched_at < $1 ORDER BY touched_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
         ) old
         WHERE u.assignment_id = old.assignment_id AND u.sha256 = old.sha256
         RETURNING u.assignment_id AS "assignmentId", u.sha256`,
        [cutoff],
      )) as unknown[];
      // A DELETE … RETURNING comes back from TypeORM as [rows, count].
      return (Array.isArray(result[0]) ? result[0] : result) as { assignmentId: string; sha256: string }[];
    }));
    for (const r of removed) await this.partials.remove(r.assignmentId, r.sha256);
    await this.dropOrphans();
    if (removed.length) this.logger.log(`removed ${removed.length} resumable uploads untouched since ${cutoff.toISOString()}`);
    return removed.length;
  }

  /** Bytes held here for uploads without a row: removed by another replica, or finished while this one was down. */
  private async dropOrphans(): Promise<void> {
    const held = await this.partials.list();
    if (!held.length) return;
    const rows = (await this.dataSource.query(
      `SELECT u.assignment_id AS "assignmentId", u.sha256 FROM ${this.dataSource.getMetadata(EvidenceUpload).tablePath} u
         JOIN unnest($1::uuid[], $2::text[]) AS h(assignment_id, sha256) ON h.assignment_id = u.assignment_id AND h.sha256 = u.sha256`,
      [held.map((h) => h.assignmentId), held.map((h) => h.sha256)],
    )) as { assignmentId: string; sha256: string }[];
    const live = new Set(rows.map((r) => `${r.assignmentId}/${r.sha256}`));
    for (const h of held) if (!live.has(`${h.assignmentId}/${h.sha256}`)) await this.partials.remove(h.assignmentId, h.sha256);
  }
}
