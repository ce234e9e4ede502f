import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One received batch of a draw's assignments: tells officers whether the whole draw has arrived. */
@Entity({ name: 'draw_batch' })
export class DrawBatch {
  @PrimaryColumn('text')
  drawId!: string;

  @PrimaryColumn('int')
  batchIndex!: number;

  @Column('text')
  taskId!: string;

  @Column('int')
  batchCount!: number;

  @Column('int')
  totalAssignments!: number;

  @Column('int')
  assignmentsInBatch!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;
}
