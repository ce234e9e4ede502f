import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RectificationOutcome, ResultOutcome } from '#contracts';
import { Assignment } from '../assignments/assignment.entity.js';
import type { ItemFinding } from './domain/findings.js';
import type { ResultSignature } from './domain/signatures.js';

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
@Check('ck_inspection_result_rectification', `rectification IS NULL OR rectification IN ('整改到位', '逾期未整改')`)
// The rectification scan looks for confirmed orders whose deadline has passed.
@Index('ix_inspection_result_rectification_deadline', ['rectificationDeadline'], { where: `rectification_deadline IS NOT NULL AND status = 'confirmed'` })
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

  /** 整改期限 of a result with a rectification order (docs/inspection.md "Rectification follow-up"); null otherwise. */
  @Column('date', { nullable: true })
  rectificationDeadline!: string | null;

  /** A follow-up's finding: 整改到位 or 逾期未整改; null on every other result. */
  @Column('text', { nullable: true })
  rectification!: RectificationOutcome | null;

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

  /**
   * Hex SHA-256 of `signedRecord`: what the signatures sign (docs/inspection.md "Signatures"); null
   * for a result submitted without signatures (typed in at a desk from paper).
   */
  @Column('char', { length: 64, nullable: true })
  recordHash!: string | null;

  /** The record for signing exactly as hashed (canonical JSON, libs/domain recordForSigning), kept so it can be re-checked. */
  @Column('text', { nullable: true })
  signedRecord!: string | null;

  /** The inspectors' and the party's signatures (or the party's refusal), each bound to recordHash. */
  @Column('jsonb', { default: [] })
  signatures!: ResultSignature[];

  /** Id of the inspection.result.recorded event written for this version. */
  @Column('uuid', { nullable: true })
  recordedEventId!: string | null;
}
