import type { EntityManager } from 'typeorm';
import type { RowError } from './import-job.entity.js';
import type { SheetRow } from './read-rows.js';

/** What one kind of bulk import supplies to the import runner. */
export interface ImportPlan {
  /** Columns every file must have. */
  readonly required: string[];
  /** Rows accepted so far. */
  readonly size: number;
  /** Canonical column of a header cell, or undefined when the column is unknown. */
  columnOf(header: string): string | undefined;
  /** Validates a row and keeps it when it is valid; returns its problems. */
  add(row: SheetRow): RowError[];
  /** Problems only the database can reveal (duplicates of existing records, unknown references). */
  checkAgainstDatabase(m: EntityManager): Promise<RowError[]>;
  /** Writes every accepted row inside the caller's transaction; reports rows written as it goes. */
  write(m: EntityManager, importId: string, progress: (written: number) => Promise<void>): Promise<number>;
}
