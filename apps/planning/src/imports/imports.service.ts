import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { assertCanRead, canWriteDepartment, type Principal } from '#auth';
import { DomainError, invalid, notFound, todayInShanghai } from '#domain';
import { OutboxService } from '#messaging';
import { CLOCK, type Clock } from '#platform';
import { writableDepartment } from '../common/department.js';
import { ImportJob, type ImportKind, type RowError } from './import-job.entity.js';
import type { ImportPlan } from './import-plan.js';
import { publishDirectoryChanges } from '../inspectors/directory-events.js';
import { InspectorImport } from './inspector-import.js';
import { detectFormat, readRows } from './read-rows.js';
import { TargetImport } from './target-import.js';

const MAX_REPORTED_ERRORS = 1000;
const MAX_ROWS = 2_000_000;
const PROGRESS_EVERY_MS = 500;
const YIELD_EVERY_ROWS = 1000;

export interface Upload {
  data: Buffer;
  filename: string | null;
}

/**
 * Bulk imports: one file, all or nothing. Pass 1 reads and validates every row (nothing is written
 * while any row is wrong, and every wrong row is reported with its column); pass 2 writes all rows
 * in one transaction. Progress goes to the job row from outside that transaction, so GET /imports/:id
 * shows it while the import runs (on any replica): through a connection of its own, opened before the
 * transaction, never a second one from the pool. A transaction that waited for another pooled
 * connection would deadlock the pool once as many imports ran as it has connections.
 */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  async start(kind: ImportKind, user: Principal, upload: Upload, options: { department?: string; wait: boolean }): Promise<ImportJob> {
    const department = writableDepartment(user, options.department);
    if (!upload.data.length) throw invalid('the file is empty: send it as multipart field "file", or as a text/csv or XLSX request body');
    const format = detectFormat(upload.data);
    const job = await this.ds.getRepository(ImportJob).save({
      kind, department, format, filename: upload.filename, status: 'validating', createdBy: user.sub,
      processedRows: 0, insertedRows: 0, errorCount: 0, errors: [], totalRows: null, message: null, finishedAt: null,
    });
    const plan: ImportPlan = kind === 'targets'
      ? new TargetImport(department, todayInShanghai(this.clock.now()))
      : new InspectorImport(department, (d) => canWriteDepartment(user, d), (m, importId) => publishDirectoryChanges(m, this.outbox, { importId }, this.clock.now()));
    const run = this.run(job.id, plan, upload.data, format).catch(async (error: unknown) => {
      const message = error instanceof DomainError ? error.message : 'the import failed unexpectedly; nothing was written';
      if (!(error instanceof DomainError)) this.logger.error(`import ${job.id} failed: ${(error as Error)?.stack ?? String(error)}`);
      const details = error instanceof DomainError && Array.isArray(error.details) ? (error.details as RowError[]) : [];
      await this.finish(job.id, 'failed', { message, errors: details, errorCount: details.length });
    });
    if (!options.wait) {
      void run;
      return job;
    }
    await run;
    const done = await this.ds.getRepository(ImportJob).findOneByOrFail({ id: job.id });
    if (done.status === 'failed') {
      throw new DomainError('unprocessable', `import ${done.id} rejected, nothing written: ${done.message}`, reportOf(done));
    }
    return done;
  }

  async get(user: Principal, id: string): Promise<ImportJob> {
    const job = await this.ds.getRepository(ImportJob).findOneBy({ id });
    if (!job) throw notFound(`import ${id} not found`);
    assertCanRead(user, job.department);
    return job;
  }

  private async run(id: string, plan: ImportPlan, data: Buffer, format: 'csv' | 'xlsx'): Promise<void> {
    const errors: RowError[] = [];
    let errorCount = 0;
    let read = 0;
    let lastReport = performance.now();
    const note = (rowErrors: RowError[]) => {
      errorCount += rowErrors.length;
      for (const e of rowErrors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
    };
    for await (const row of readRows(data, format, (h) => plan.columnOf(h), plan.required)) {
      read++;
      if (read > MAX_ROWS) throw new DomainError('too_large', `a file may hold at most ${MAX_ROWS} rows: split it`);
      note(plan.add(row));
      // Parsing and checking an in-memory file never waits on I/O: without a turn of the event loop
      // now and then, this app's other requests (its /health too) would wait for the whole file.
      if (read % YIELD_EVERY_ROWS === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (performance.now() - lastReport > PROGRESS_EVERY_MS) {
        lastReport = performance.now();
        await this.ds.query(`UPDATE planning.import_job SET processed_rows = $2, error_count = $3 WHERE id = $1`, [id, read, errorCount]);
      }
    }
    if (read === 0) throw invalid('the file has a header but no data rows', [{ row: 2, column: '', message: 'no data rows' }]);
    if (errorCount === 0) note(await plan.checkAgainstDatabase(this.ds.manager));
    if (errorCount > 0) {
      await this.finish(id, 'failed', { processedRows: read, totalRows: read, errors, errorCount, message: `${errorCount} row error(s)` });
      return;
    }
    await this.ds.query(`UPDATE planning.import_job SET status = 'writing', processed_rows = $2, total_rows = $2 WHERE id = $1`, [id, read]);
    // A concurrent import of the same credit code is refused by the unique index: the transaction
    // rolls back and the job fails with nothing kept.
    const progress = await this.progressConnection();
    const inserted = await this.ds
      .transaction((m) =>
        plan.write(m, id, async (n) => {
          // Progress is advisory: a failed update must not fail the import.
          await progress.query(`UPDATE planning.import_job SET inserted_rows = $2 WHERE id = $1`, [id, n]).catch(() => undefined);
        }),
      )
      .catch((error: unknown) => {
        if ((error as { driverError?: { code?: string } })?.driverError?.code === '23505') throw invalid('a record of this file was added by someone else meanwhile (duplicate credit code or 执法证号); nothing was written');
        throw error;
      })
      .finally(() => progress.end().catch(() => undefined));
    await this.finish(id, 'succeeded', { insertedRows: inserted, message: `${inserted} row(s) imported` });
  }

  /** A connection outside the pool, for the progress of one import's write pass. */
  private async progressConnection(): Promise<pg.Client> {
    const o = this.ds.options as { url?: string };
    const client = new pg.Client({ connectionString: o.url, application_name: 'spotcheck-planning-import-progress', statement_timeout: 10_000 });
    client.on('error', () => undefined); // a dropped progress connection only stops the progress
    await client.connect();
    return client;
  }

  /** In a transaction of its own, so the outcome is in the audit trail (a bare autocommit UPDATE would not be). */
  private async finish(id: string, status: 'succeeded' | 'failed', fields: Partial<ImportJob>): Promise<void> {
    await this.ds.transaction((m) => m.update(ImportJob, { id }, { ...fields, status, finishedAt: this.clock.now() }));
  }
}

/** The error report of a rejected import. */
export function reportOf(job: ImportJob) {
  return { importId: job.id, status: job.status, totalRows: job.totalRows, errorCount: job.errorCount, errors: job.errors };
}
