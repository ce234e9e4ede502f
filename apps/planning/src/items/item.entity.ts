import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CreditClass } from '../targets/target.entity.js';

export const ITEM_CATEGORIES = ['重点', '一般'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/** Which targets an item applies to: by kind and/or by target category (empty = any). */
export interface TargetScope {
  kinds: string[];
  categories: string[];
  /** Human-readable scope as published, e.g. 取水单位. */
  description: string;
}

/**
 * One version of a spot-check item (随机抽查事项清单). Versions are immutable: an edit writes a new
 * row with version + 1 and moves `current` to it, so a task keeps pointing at the version it used.
 */
@Entity({ name: 'item' })
@Index('ux_item_code_version', ['code', 'version'], { unique: true })
@Index('ux_item_current_code', ['code'], { unique: true, where: 'current' })
@Check('ck_item_category', `category IN ('重点', '一般')`)
export class ItemVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'boolean' })
  current!: boolean;

  /** A retired item stays in the history but is no longer on the published list. */
  @Column({ type: 'boolean', default: false })
  retired!: boolean;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  category!: ItemCategory;

  /** 检查依据. */
  @Column({ type: 'text' })
  legalBasis!: string;

  /** 检查方式, e.g. 现场检查、书面检查. */
  @Column({ type: 'text' })
  method!: string;

  /** 检查内容: what the inspector verifies, point by point. */
  @Column({ type: 'text', array: true })
  checkPoints!: string[];

  @Column({ type: 'jsonb' })
  targetScope!: TargetScope;

  /** Enforcement field an inspector must be certified for (执法类别), e.g. 水资源. */
  @Column({ type: 'text' })
  certificationCategory!: string;

  /** Default sampling ratio per credit class, each in (0, 1]. */
  @Column({ type: 'jsonb' })
  defaultRatios!: Record<CreditClass, number>;

  /** Times per year. */
  @Column({ type: 'int' })
  frequencyPerYear!: number;

  @Column({ type: 'text', nullable: true })
  changeNote!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
