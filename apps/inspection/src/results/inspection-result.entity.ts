import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ResultOutcome } from '#contracts';
import { Assignment } from '../assignments/assignment.entity.js';
import type { ItemFinding } from './domain/findings.js';

export const RESULT_STATUSES = ['pending', 'confirmed', 'disputed', 'void'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/**
 * One submitted result of an assignment (a revision). It waits for the co-inspectors (`pending`),
 * then is `confirmed` (and gets the next result version, immutable from then on), or `disputed`.
 * A correction of a confirmed result is a new revision linked to it, with a reason.
 */
@Entity({ name: 'inspection_result' })
@Index('ux_inspection_result_revision', ['assignmentId', 'revision'], { unique: true })
@Index('ux_inspection_result_version', ['assignmentId', 'version'], { unique: true, where: 'version IS NOT NULL' })
@Index('ux_inspection_result_pending', ['assignmentId'], { unique: true, where: `status = 'pending'` })
@Check('ck_inspection_result_status', `status IN ('pending', 'confirmed', 'disputed', 'void')`)
@Check('ck_inspection_result_channel', `channel IN ('mobile', 'desktop')`)
export class InspectionResult {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  assignmentId!: string;

  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'fk_inspection_result_assignment' })
  assignment?: Assignment;

  /** 1, 2, … per assignment, for every submission. */
  @Column('int')
  revision!: number;

  /** 1, 2, … per assignment, given only when confirmed: the published result version. */
  @Column('int', { nullable: true })
  version!: number | null;

  @Column('text')
  status!: ResultStatus;

  @Column('text')
  outcome!: ResultOutcome;

  @Column('jsonb')
  findings!: ItemFinding[];

  @Column('text')
  summary!: string;

  @Column('timestamptz')
  inspectedAt!: Date;

  /** The calendar date in China of `inspectedAt`. */
  @Column('date')
  inspectionDate!: string;

  @Column('text')
  place!: string;

  @Column('double precision', { nullable: true })
  latitude!: number | null;

  @Column('double precision', { nullable: true })
  longitude!: number | null;

  @Column('double precision', { nullable: true })
  accuracyMeters!: number | null;

  @Column('text')
  channel!: 'mobile' | 'desktop';

  /** SHA-256 of each evidence file, uploaded to this assignment beforehand. */
  @Column('text', { array: true, default: () => "'{}'" })
  evidence!: string[];

  @Column('text')
  submittedBy!: string;

  @Column('timestamptz')
  submittedAt!: Date;

  /** The revision this one follows: the disputed one it replaces, or the confirmed one it corrects. */
  @Column('uuid', { nullable: true })
  previousResultId!: string | null;

  @Column('text', { nullable: true })
  correctionReason!: string | null;

  @Column('text', { nullable: true })
  disputedBy!: string | null;

  @Column('text', { nullable: true })
  disputeReason!: string | null;

  @Column('timestamptz', { nullable: true })
  disputedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  confirmedAt!: Date | null;

  /** Id of the inspection.result.recorded event written for this version. */
  @Column('uuid', { nullable: true })
  recordedEventId!: string | null;
}
