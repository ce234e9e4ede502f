import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Draw } from './draw.entity.js';

/**
 * The populations frozen at announcement. Targets are one text value, a line `id stratum code` per
 * target in canonical order: a million targets load in one round trip (the column is STORAGE
 * EXTERNAL, so PostgreSQL does not spend time compressing it).
 */
@Entity({ name: 'draw_snapshot' })
export class DrawSnapshot {
  @PrimaryColumn({ type: 'uuid' })
  drawId!: string;

  @OneToOne(() => Draw, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'draw_id', foreignKeyConstraintName: 'fk_draw_snapshot_draw' })
  draw?: Draw;

  @Column({ type: 'text' })
  targets!: string;

  /** InspectorEntry[] as announced. */
  @Column({ type: 'json' })
  inspectors!: unknown[];
}
