import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const IMPORT_KINDS = ['targets', 'inspectors'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type ImportStatus = 'validating' | 'writing' | 'succeeded' | 'failed';

/** One row-level problem: 1-based row number as a spreadsheet shows it (header = row 1). */
export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** A bulk import of one file: all or nothing, with progress and a row-level error report. */
@Entity({ name: 'import_job' })
@Check('ck_import_job_status', `status IN ('validating', 'writing', 'succeeded', 'failed')`)
export class ImportJob {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: ImportKind;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  format!: 'csv' | 'xlsx';

  @Column({ type: 'text', nullable: true })
  filename!: string | null;

  @Column({ type: 'text' })
  status!: ImportStatus;

  /** Data rows read so far (validation pass), then rows written (write pass). */
  @Column({ type: 'int', default: 0 })
  processedRows!: number;

  @Column({ type: 'int', nullable: true })
  totalRows!: number | null;

  @Column({ type: 'int', default: 0 })
  insertedRows!: number;

  @Column({ type: 'int', default: 0 })
  errorCount!: number;

  /** The first 1,000 row errors (errorCount has the total). */
  @Column({ type: 'jsonb', default: [] })
  errors!: RowError[];

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
