import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const INSPECTOR_STATUSES = ['active', 'suspended', 'retired'] as const;
export type InspectorStatus = (typeof INSPECTOR_STATUSES)[number];

/** An inclusive leave period. The reason stays internal: it may be health information. */
export interface LeavePeriodRecord {
  from: string;
  to: string;
  note?: string;
}

/**
 * The grounds of a declared conflict (回避, 《行政处罚法》第四十三条: 直接利害关系或者其他关系可能影响公正执法).
 * A fixed vocabulary because the relation is published, tied to a pseudonymous inspector, in the draw
 * bundle: free text there could name third persons. Details go in the conflict's internal `note`.
 */
export const CONFLICT_RELATIONS = ['本人或近亲属为当事人', '近亲属任职', '曾在该单位任职', '投资或持股', '其他利害关系'] as const;
export type ConflictRelation = (typeof CONFLICT_RELATIONS)[number];

/** A declared conflict of interest (回避) with one target or with every target of a credit code. */
export interface ConflictRecord {
  targetId?: string;
  creditCode?: string;
  /** One of CONFLICT_RELATIONS; published as the reason of a skip. */
  relation: string;
  /** Internal free text (who, since when); never enters the frozen population or the bundle. */
  note?: string;
}

/** An entry of the 执法检查人员名录库: a holder of an enforcement certificate (执法证). */
@Entity({ name: 'inspector' })
@Index('ux_inspector_certificate_no', ['certificateNo'], { unique: true })
@Index('ix_inspector_department', ['department'])
@Check('ck_inspector_status', `status IN ('active', 'suspended', 'retired')`)
@Check('ck_inspector_certificate_validity', 'certificate_valid_from IS NULL OR certificate_valid_until IS NULL OR certificate_valid_from <= certificate_valid_until')
export class Inspector {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** 执法证号. */
  @Column({ type: 'text' })
  certificateNo!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text', nullable: true })
  regionCode!: string | null;

  /** Enforcement fields (执法类别) the certificate covers; matched against items' certificationCategory. */
  @Column({ type: 'text', array: true })
  certifiedCategories!: string[];

  @Column({ type: 'jsonb', default: [] })
  leavePeriods!: LeavePeriodRecord[];

  @Column({ type: 'jsonb', default: [] })
  conflicts!: ConflictRecord[];

  @Column({ type: 'text', default: 'active' })
  status!: InspectorStatus;

  /**
   * 执法证有效期 (inclusive dates, YYYY-MM-DD): published with the certificate (行政执法公示). Null where
   * not recorded (entries made before it was kept): the portal then shows no validity, not "expired".
   */
  @Column({ type: 'date', nullable: true })
  certificateValidFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  certificateValidUntil!: string | null;

  @Column({ type: 'uuid', nullable: true })
  importId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
