import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Task } from '../plans/task.entity.js';

export type DrawStatus = 'announced' | 'executed' | 'revealed';

/** What the officer recorded about a substitution beyond the published reason (internal). */
export interface SubstitutionNote {
  sequence: number;
  note: string | null;
  by: string;
  at: string;
}

/**
 * The draw of a task. `task_id` is unique: a task has exactly one draw, announced once and executed
 * at most once (execution locks the row and moves the status forward in one transaction).
 */
@Entity({ name: 'draw' })
@Index('ux_draw_task', ['taskId'], { unique: true })
@Check('ck_draw_status', `status IN ('announced', 'executed', 'revealed')`)
export class Draw {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Task, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_draw_task' })
  task?: Task;

  @Column({ type: 'uuid' })
  taskId!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  status!: DrawStatus;

  @Column({ type: 'text' })
  algorithm!: string;

  /** The DrawAnnouncement exactly as published (rules, hashes, sizes, commitment, source). */
  @Column({ type: 'json' })
  announcement!: Record<string, unknown>;

  @Column({ type: 'text' })
  commitment!: string;

  /** The server secret; never leaves the service before the reveal. */
  @Column({ type: 'text', select: false })
  secret!: string;

  /**
   * Version-2 draws: the key every salt of the sealed targets and of the exclusions' commitments is
   * derived from (docs/draw-algorithm.md §10). Never published, not even at the reveal; null for
   * version-1 draws.
   */
  @Column({ type: 'text', nullable: true, select: false })
  disclosureKey!: string | null;

  @Column({ type: 'text' })
  publicRandomnessSource!: string;

  @Column({ type: 'text', nullable: true })
  publicRandomnessValue!: string | null;

  @Column({ type: 'text', nullable: true })
  seed!: string | null;

  @Column({ type: 'int' })
  populationSize!: number;

  @Column({ type: 'int' })
  sampleSize!: number;

  /** Who watched the draw (the bureau's practice: a representative of the office). */
  @Column({ type: 'text', nullable: true })
  witnessName!: string | null;

  @Column({ type: 'text', nullable: true })
  witnessRole!: string | null;

  /** The DrawOutcome (selections, teams, skips, stream position). Large: not selected by default. */
  @Column({ type: 'json', nullable: true, select: false })
  outcome!: Record<string, unknown> | null;

  /** Published 递补 records (SubstitutionRecord[]), in order. */
  @Column({ type: 'json', default: [] })
  substitutions!: Record<string, unknown>[];

  @Column({ type: 'jsonb', default: [] })
  substitutionNotes!: SubstitutionNote[];

  @Column({ type: 'text' })
  announcedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  announcedAt!: Date;

  @Column({ type: 'text', nullable: true })
  executedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  executedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revealedAt!: Date | null;
}
