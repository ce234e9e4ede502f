import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DIRECTORY_TARGET_KINDS } from '#contracts';

/** Kinds of 检查对象: organisations, individual businesses, and non-enterprise sites and projects. */
export const TARGET_KINDS = DIRECTORY_TARGET_KINDS;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Credit-risk classes, A (low risk) to D (high risk): the strata of a draw. */
export const CREDIT_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type CreditClass = (typeof CREDIT_CLASSES)[number];

export const TARGET_STATUSES = ['active', 'closed'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** Kinds that are legal persons or registered businesses: one directory entry per credit code. */
export const CODED_KINDS: readonly TargetKind[] = ['organisation', 'individual_business'];

/**
 * An entry of the 检查对象名录库. Sites and projects may carry the credit code of the unit that runs
 * them (so a declared conflict with that unit also excludes its sites); organisations and individual
 * businesses are unique by credit code.
 */
@Entity({ name: 'target' })
@Index('ux_target_credit_code', ['creditCode'], { unique: true, where: `credit_code IS NOT NULL AND kind IN ('organisation', 'individual_business')` })
@Index('ix_target_department', ['department'])
@Check('ck_target_credit_class', `credit_class IN ('A', 'B', 'C', 'D')`)
@Check('ck_target_kind', `kind IN ('organisation', 'individual_business', 'site', 'project')`)
@Check('ck_target_status', `status IN ('active', 'closed')`)
// Coordinates come in pairs and within range (the API and the import check it first, naming the field).
@Check('ck_target_location', `(latitude IS NULL) = (longitude IS NULL) AND (latitude IS NULL OR (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180))`)
export class Target {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The unit that keeps this entry (may edit it). */
  @Column({ type: 'text' })
  department!: string;

  /** Units that may inspect it (a draw of a task takes targets shared with any of its departments). */
  @Column({ type: 'text', array: true })
  departments!: string[];

  @Column({ type: 'text' })
  kind!: TargetKind;

  /** What sort of target it is for item scopes, e.g. 取水单位, 采砂点, 在建水利工程项目. */
  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text' })
  name!: string;

  /** 统一社会信用代码 (GB 32100, check character verified). */
  @Column({ type: 'text', nullable: true })
  creditCode!: string | null;

  /** 6-digit administrative division code (GB/T 2260). */
  @Column({ type: 'text', nullable: true })
  regionCode!: string | null;

  @Column({ type: 'text', nullable: true })
  industry!: string | null;

  /** Registered address (注册地址 / 经营地址), for the inspectors' worklist; never part of a draw. */
  @Column({ type: 'text', nullable: true })
  address!: string | null;

  /** WGS 84 degrees, both or neither: the inspector's phone warns when it is far from here. Never part of a draw. */
  @Column({ type: 'double precision', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude!: number | null;

  @Column({ type: 'text' })
  creditClass!: CreditClass;

  @Column({ type: 'text', default: 'active' })
  status!: TargetStatus;

  @Column({ type: 'date', nullable: true })
  lastInspectedOn!: string | null;

  /** The bulk import that created it, if any. */
  @Column({ type: 'uuid', nullable: true })
  importId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
