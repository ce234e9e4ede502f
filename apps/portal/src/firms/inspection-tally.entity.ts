import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One confirmed inspection, from inspection's ResultRecorded: the portal's own copy of the 无事不扰
 * count (docs/portal.md "Firm page"). One row per result, replaced by a later version (a correction
 * never counts twice). Only an organisation with a valid 统一社会信用代码 carries a code; any other
 * result is a row without one that counts for nobody. No name, no findings, no natural person.
 */
@Entity({ name: 'inspection_tally' })
@Index('ix_inspection_tally_code_date', ['creditCode', 'inspectionDate'])
export class InspectionTally {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_inspection_tally' })
  resultId!: string;

  @Column({ type: 'text' })
  assignmentId!: string;

  @Column({ type: 'int' })
  resultVersion!: number;

  @Column({ type: 'text', nullable: true })
  creditCode!: string | null;

  /** Departments that inspected (a joint inspection lists several and counts once in the total). */
  @Column({ type: 'text', array: true })
  departments!: string[];

  @Column({ type: 'date' })
  inspectionDate!: string;

  /** The result category; 无法联系 does not count. */
  @Column({ type: 'text' })
  outcome!: string;
}
