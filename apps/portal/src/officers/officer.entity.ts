import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An enforcement officer as 行政执法公示 publishes them (planning.inspectors.changed): who they are,
 * their 执法证号, what they are certified for and whether the certificate is in force. Nothing else
 * of the directory reaches the portal (no region, leave, conflicts, contact or ID data).
 */
@Entity({ name: 'officer' })
@Index('ix_officer_department_certificate', ['department', 'certificateNo'])
export class Officer {
  /** Planning's inspector id (the subject of the officer's 亮证 token). */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_officer' })
  id!: string;

  @Column('text')
  certificateNo!: string;

  @Column('text')
  name!: string;

  @Column('text')
  department!: string;

  @Column('text', { array: true })
  certifiedCategories!: string[];

  /** Planning's status: active | suspended | retired. */
  @Column('text')
  status!: string;

  @Column('date', { nullable: true })
  validFrom!: string | null;

  @Column('date', { nullable: true })
  validUntil!: string | null;

  /** The directory change this row reflects: an older change arriving late changes nothing. */
  @Column('timestamptz')
  changedAt!: Date;
}
