import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A department's annual spot-check plan (年度抽查计划); its tasks are the batches. */
@Entity({ name: 'annual_plan' })
@Index('ux_annual_plan_department_year', ['department', 'year'], { unique: true })
export class AnnualPlan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'text' })
  title!: string;

  /** Scope, numbers and timing as the plan states them. */
  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
