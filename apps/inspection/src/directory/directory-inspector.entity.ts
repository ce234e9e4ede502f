import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Planning's 执法检查人员名录库 as inspection knows it (planning.inspectors.changed): who may be put
 * on a 即时检查 team. The newest change wins; an older one arriving late changes nothing.
 */
@Entity({ name: 'directory_inspector' })
export class DirectoryInspector {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  certificateNo!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text', array: true })
  certifiedCategories!: string[];

  @Column({ type: 'text' })
  status!: 'active' | 'suspended' | 'retired';

  @Column({ type: 'timestamptz' })
  changedAt!: Date;
}
