import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NoticeKind, NoticePublishedPayload } from '#contracts';
import type { NoticeState } from '#domain';

export type ReviewState = 'pending' | 'approved' | 'rejected';

/**
 * What the public sees of one decision or spot-check result, and where it stands in its lifecycle.
 * `facts` is the internal original (for spot-check results: the result as inspection sent it);
 * `payload` is the redacted notice as last published, the only form that leaves the service.
 */
@Entity({ name: 'notice' })
@Index('ix_notice_due', ['state', 'dueDate'])
@Index('ix_notice_scheduled', ['publishAt'], { where: `state = 'scheduled'` })
@Index('ix_notice_display_until', ['displayUntil'], { where: `state IN ('published', 'corrected')` })
@Index('ux_notice_decision', ['decisionId'], { unique: true, where: 'decision_id IS NOT NULL' })
@Index('ix_notice_review', ['reviewState', 'department'], { where: 'review_state IS NOT NULL' })
@Index('ux_notice_result', ['resultId'], { unique: true, where: 'result_id IS NOT NULL' })
export class Notice {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: NoticeKind;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'uuid', nullable: true })
  decisionId!: string | null;

  /** inspection's result id, for spot-check result notices: one notice per result. */
  @Column({ type: 'text', nullable: true })
  resultId!: string | null;

  @Column({ type: 'int', nullable: true })
  resultVersion!: number | null;

  @Column({ type: 'text' })
  state!: NoticeState;

  /** 1 at first publication, +1 per correction. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  /** 决定日期 (for spot-check results: the inspection date); the portal counts by its year. */
  @Column({ type: 'date' })
  decisionDate!: string;

  /** The day the legal deadline counts from, and the deadline (working days). */
  @Column({ type: 'date' })
  dueFrom!: string;

  @Column({ type: 'date' })
  dueDate!: string;

  /** The deadline rests on a year without official holiday data: recomputed when the data arrives. */
  @Column({ type: 'boolean', default: false })
  dueProvisional!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  publishAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'boolean', nullable: true })
  onTime!: boolean | null;

  /** 公示截止期: the last day shown; null: until withdrawn. */
  @Column({ type: 'date', nullable: true })
  displayUntil!: string | null;

  /** First day the party may have it removed (信用修复); penalties only. */
  @Column({ type: 'date', nullable: true })
  earliestRemovalDate!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  endReason!: string | null;

  /** For withdrawals: the date the decision was revoked, the 3-working-day deadline, and whether it was met. */
  @Column({ type: 'date', nullable: true })
  revokedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  withdrawalDueDate!: string | null;

  @Column({ type: 'boolean', nullable: true })
  withdrawalOnTime!: boolean | null;

  /** Why the scheduler could not publish it (the notice went back to draft), until fixed. */
  @Column({ type: 'text', nullable: true })
  problem!: string | null;

  /**
   * Legal review (法制审核) of a major decision: null when none is needed, else 'pending',
   * 'approved' or 'rejected'. Only an approved one may be published or scheduled.
   */
  @Column({ type: 'text', nullable: true })
  reviewState!: ReviewState | null;

  /** Why the decision is major (the rules' words), empty when it is not. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  majorReasons!: string[];

  /** The reviewer's reason for a rejection (kept until the next review). */
  @Column({ type: 'text', nullable: true })
  reviewReason!: string | null;

  @Column({ type: 'text', nullable: true })
  reviewedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'jsonb' })
  facts!: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  payload!: NoticePublishedPayload | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
