import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AnnualPlan } from './annual-plan.entity.js';

/** An item as a task froze it: the version used, and what the draw and the events need. */
export interface TaskItem {
  itemId: string;
  code: string;
  version: number;
  name: string;
  category: string;
  certificationCategory: string;
}

/** Which targets are eligible, beyond status and department (empty lists = no restriction). */
export interface TargetFilter {
  kinds: string[];
  categories: string[];
  regionCodes: string[];
  industries: string[];
}

/** Per credit class: a count, or a ratio of the stratum (rounded up). */
export type Sampling = Record<'A' | 'B' | 'C' | 'D', { count: number } | { ratio: number }>;

export type TaskStatus = 'draft' | 'announced' | 'executed' | 'revealed';

/** Who accepted a joint task for their department, and when. */
export interface TaskConsent {
  by: string;
  at: string;
}

/** A batch of a plan: what to check, where, how many, by whom, and by when. */
@Entity({ name: 'task' })
@Index('ux_task_number', ['number'], { unique: true })
@Index('ix_task_plan', ['planId'])
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => AnnualPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_task_plan' })
  plan?: AnnualPlan;

  @Column({ type: 'uuid' })
  planId!: string;

  /** Task number, e.g. 2026-水政监察大队-003. */
  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Lead department (the plan's). */
  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'int' })
  year!: number;

  /** Participating departments, lead first; two or more make a joint task. */
  @Column({ type: 'text', array: true })
  departments!: string[];

  /**
   * The other participating departments' consent, by department: a joint task puts their inspectors
   * on inspections, so it cannot be announced until an officer of each has accepted it.
   */
  @Column({ type: 'jsonb', default: {} })
  consents!: Record<string, TaskConsent>;

  @Column({ type: 'jsonb' })
  items!: TaskItem[];

  @Column({ type: 'jsonb' })
  targetFilter!: TargetFilter;

  @Column({ type: 'jsonb' })
  sampling!: Sampling;

  @Column({ type: 'int' })
  inspectorsPerTarget!: number;

  @Column({ type: 'int', nullable: true })
  excludeInspectedWithinDays!: number | null;

  /**
   * 无事不扰: firms inspected at least this many times, across departments, in the 12 months before
   * the announcement date are left out of the draw's population (decided at announce, before freezing).
   */
  @Column({ type: 'int', nullable: true })
  excludeInspectedAtLeast!: number | null;

  @Column({ type: 'int', nullable: true })
  maxAssignmentsPerInspector!: number | null;

  @Column({ type: 'date' })
  inspectionFrom!: string;

  @Column({ type: 'date' })
  dueDate!: string;

  @Column({ type: 'text', default: 'draft' })
  status!: TaskStatus;

  @Column({ type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
