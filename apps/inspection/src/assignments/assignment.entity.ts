import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AssignmentStatus, InspectionKind } from './domain/assignment-status.js';

/** An item as the task froze it (code, name, list version). */
export interface AssignedItem {
  code: string;
  name: string;
  version: number;
}

/**
 * One inspection of one target: from a draw (`random`, one per target per draw) or opened by an
 * officer (`immediate`, 即时检查). Task and target facts are copied in from the event or request,
 * because this service never reads planning's tables.
 */
@Entity({ name: 'assignment' })
@Index('ux_assignment_draw_target', ['drawId', 'targetId'], { unique: true, where: 'draw_id IS NOT NULL' })
@Index('ix_assignment_task', ['taskId'])
@Index('ix_assignment_department_due', ['department', 'dueDate'])
@Index('ix_assignment_overdue_scan', ['dueDate'], { where: `status IN ('assigned', 'in_progress') AND overdue_at IS NULL` })
@Check('ck_assignment_status', `status IN ('assigned', 'in_progress', 'submitted', 'confirmed', 'overdue', 'cancelled')`)
// One follow-up (整改复查) per inspection, however many scanners race to open it.
@Index('ux_assignment_follow_up_origin', ['followUpOfAssignmentId'], { unique: true, where: 'follow_up_of_assignment_id IS NOT NULL' })
@Check('ck_assignment_kind', `kind IN ('random', 'immediate', 'follow-up')`)
export class Assignment {
  @PrimaryColumn('uuid')
  id!: string;

  /** Stable id of this inspection's result across its versions (the event's `resultId`). */
  @Column('uuid')
  resultId!: string;

  @Column('text')
  kind!: InspectionKind;

  @Column('text')
  status!: AssignmentStatus;

  @Column('text', { nullable: true })
  taskId!: string | null;

  @Column('text', { nullable: true })
  drawId!: string | null;

  @Column('text')
  taskName!: string;

  @Column('text', { nullable: true })
  taskNumber!: string | null;

  /** The lead department (its officers manage the assignment). */
  @Column('text')
  department!: string;

  /** Every department of the task, the lead one included (joint tasks have several). */
  @Column('text', { array: true })
  departments!: string[];

  @Column('jsonb')
  items!: AssignedItem[];

  @Column('text', { nullable: true })
  targetId!: string | null;

  @Column('text')
  targetName!: string;

  /** 统一社会信用代码 or another registration code. */
  @Column('text', { nullable: true })
  targetCode!: string | null;

  @Column('text')
  targetKind!: string;

  @Column('text', { nullable: true })
  region!: string | null;

  /** The target's registered address, as planning's directory had it when the draw was executed. */
  @Column('text', { nullable: true })
  targetAddress!: string | null;

  /** Its coordinates (WGS 84 degrees), both or neither: the phone warns when the inspector is far from them. */
  @Column('double precision', { nullable: true })
  targetLatitude!: number | null;

  @Column('double precision', { nullable: true })
  targetLongitude!: number | null;

  @Column('text', { nullable: true })
  stratum!: string | null;

  @Column('date')
  dueDate!: string;

  /** The earliest inspection date a result may carry (the draw date, or the date an officer gave). */
  @Column('date')
  notBefore!: string;

  /** Why an immediate inspection was opened, and what prompted it. */
  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text', { nullable: true })
  trigger!: string | null;

  /** The officer who opened an immediate inspection. */
  @Column('text', { nullable: true })
  openedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  overdueAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt!: Date | null;

  @Column('text', { nullable: true })
  cancelReason!: string | null;

  /** Sequence of the last 递补抽取 (draw.substituted) applied to the team; 0 = as drawn. */
  @Column('int', { default: 0 })
  teamSequence!: number;

  /** A follow-up (整改复查): the inspection whose rectification order it checks, and that result revision. */
  @Column('uuid', { nullable: true })
  followUpOfAssignmentId!: string | null;

  @Column('uuid', { nullable: true })
  followUpOfResultId!: string | null;

  /** A follow-up: the 整改期限 it checks. */
  @Column('date', { nullable: true })
  rectificationDeadline!: string | null;

  /** The confirmed result version in force. */
  @Column('uuid', { nullable: true })
  currentResultId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
