import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A draw as the public sees it: its announcement (commitment before the draw), the size of the
 * executed draw (from planning.draw.completed batches) and, once revealed, the verification bundle.
 * Announcement and completion arrive on different consumers in any order, so every part is nullable.
 */
@Entity({ name: 'draw' })
@Index('ix_draw_announced', ['announcedAt'])
export class Draw {
  @PrimaryColumn('text')
  drawId!: string;

  @Column('text')
  taskId!: string;

  @Column('text')
  taskName!: string;

  @Column('text', { nullable: true })
  taskNumber!: string | null;

  @Column('int', { nullable: true })
  year!: number | null;

  @Column('text')
  department!: string;

  @Column('text', { array: true, default: () => `'{}'` })
  departments!: string[];

  @Column('jsonb', { default: [] })
  items!: { code: string; name: string; version: number }[];

  @Column('timestamptz', { nullable: true })
  announcedAt!: Date | null;

  @Column('date', { nullable: true })
  dueDate!: string | null;

  @Column('text', { nullable: true })
  commitment!: string | null;

  @Column('text', { nullable: true })
  publicRandomnessSource!: string | null;

  @Column('text', { nullable: true })
  targetPopulationHash!: string | null;

  @Column('text', { nullable: true })
  inspectorPopulationHash!: string | null;

  @Column('int', { nullable: true })
  targetPopulationSize!: number | null;

  @Column('int', { nullable: true })
  inspectorPopulationSize!: number | null;

  @Column('jsonb', { nullable: true })
  strata!: { stratum: string; size: number; sampleSize: number }[] | null;

  @Column('text', { nullable: true })
  algorithm!: string | null;

  @Column('jsonb', { nullable: true })
  rules!: Record<string, unknown> | null;

  @Column('timestamptz', { nullable: true })
  executedAt!: Date | null;

  @Column('int', { nullable: true })
  batchCount!: number | null;

  @Column('int', { nullable: true })
  totalAssignments!: number | null;

  @Column('timestamptz', { nullable: true })
  revealedAt!: Date | null;

  @Column('text', { nullable: true })
  seed!: string | null;

  @Column('int', { nullable: true })
  chunkCount!: number | null;

  /** The verification bundle (JSON text), set once every chunk has arrived. */
  @Column('text', { nullable: true, select: false })
  bundle!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** One drawn target and its team. Inspectors keep id, name and department (no certificate numbers). */
@Entity({ name: 'draw_assignment' })
export class DrawAssignment {
  @PrimaryColumn('text')
  drawId!: string;

  @PrimaryColumn('text')
  targetId!: string;

  @Column('text')
  targetName!: string;

  @Column('text', { nullable: true })
  targetCode!: string | null;

  @Column('text')
  targetKind!: string;

  @Column('text', { nullable: true })
  region!: string | null;

  @Column('text')
  stratum!: string;

  @Column('jsonb')
  inspectors!: { inspectorId: string; name: string; department: string }[];
}

/** Which batches of planning.draw.completed have arrived. */
@Entity({ name: 'draw_batch' })
export class DrawBatch {
  @PrimaryColumn('text')
  drawId!: string;

  @PrimaryColumn('int')
  batchIndex!: number;
}

/** A chunk of a revealed bundle, kept until all chunks are there. */
@Entity({ name: 'draw_reveal_chunk' })
export class DrawRevealChunk {
  @PrimaryColumn('text')
  drawId!: string;

  @PrimaryColumn('int')
  chunkIndex!: number;

  @Column('int')
  chunkCount!: number;

  @Column('text')
  text!: string;
}
