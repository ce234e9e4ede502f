import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One confirmed inspection of a firm, from inspection's ResultRecorded (无事不扰, docs/planning.md
 * "Inspection burden"): the read model behind the directory's `inspectionsLast12Months` and a task's
 * `excludeInspectedAtLeast`. One row per result (a result is one assignment's; a correction is a new
 * version of the same result and replaces the row), so a redelivered or corrected result never counts
 * twice. Only firms identified by a valid 统一社会信用代码 carry a code: a result about anything else
 * (a natural person, a site, no valid code) is a row without one, which counts for nobody and keeps a
 * late older version from coming back. No natural person's name or ID number is ever stored.
 */
@Entity({ name: 'inspection_tally' })
@Index('ix_inspection_tally_code_date', ['creditCode', 'inspectionDate'])
export class InspectionTally {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_inspection_tally' })
  resultId!: string;

  @Column({ type: 'text' })
  assignmentId!: string;

  /** The version of the result this row holds; an older or equal version changes nothing. */
  @Column({ type: 'int' })
  resultVersion!: number;

  /** 统一社会信用代码 of the organisation or individual business inspected; null when not tallied. */
  @Column({ type: 'text', nullable: true })
  creditCode!: string | null;

  @Column({ type: 'text' })
  targetKind!: string;

  /** Departments that inspected (a joint inspection lists several and still counts once). */
  @Column({ type: 'text', array: true })
  departments!: string[];

  @Column({ type: 'date' })
  inspectionDate!: string;

  /** random (双随机) or immediate (即时检查): both burden the firm. */
  @Column({ type: 'text' })
  inspectionKind!: string;

  /** The result category; 无法联系 does not count (the firm was not reached). */
  @Column({ type: 'text' })
  outcome!: string;

  @Column({ type: 'timestamptz' })
  confirmedAt!: Date;
}
