import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The inspector directory as the console needs it (planning.inspectors.changed): who can be linked
 * to an inspector account. The public part of an entry only.
 */
@Entity({ name: 'directory_inspector' })
@Index('ix_directory_inspector_certificate', ['certificateNo'])
export class DirectoryInspectorRow {
  /** Planning's inspector id. */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_directory_inspector' })
  id!: string;

  @Column('text')
  certificateNo!: string;

  @Column('text')
  name!: string;

  @Column('text')
  department!: string;

  @Column('text')
  status!: string;

  @Column('timestamptz')
  changedAt!: Date;
}
