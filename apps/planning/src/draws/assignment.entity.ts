import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A drawn target and its current team. Counted for inspectors' workload and for leaving recently
 * drawn targets out of later draws.
 */
@Entity({ name: 'assignment' })
@Index('ix_assignment_target', ['targetId'])
export class Assignment {
  @PrimaryColumn({ type: 'uuid' })
  drawId!: string;

  @PrimaryColumn({ type: 'uuid' })
  targetId!: string;

  @Column({ type: 'text' })
  stratum!: string;

  @Column({ type: 'uuid', array: true })
  inspectorIds!: string[];

  /** Position in the draw's outcome. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'date' })
  dueDate!: string;

  @Column({ type: 'timestamptz' })
  drawnAt!: Date;
}
