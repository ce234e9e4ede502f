import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One published version of a department's 随机抽查事项清单 (kept, so a past year is measured against its own list). */
@Entity({ name: 'item_list' })
export class ItemList {
  @PrimaryColumn('text')
  department!: string;

  @PrimaryColumn('timestamptz')
  publishedAt!: Date;
}

@Entity({ name: 'item' })
export class Item {
  @PrimaryColumn('text')
  department!: string;

  @PrimaryColumn('timestamptz')
  listPublishedAt!: Date;

  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  category!: string;

  @Column('text')
  legalBasis!: string;

  @Column('text')
  itemDepartment!: string;

  @Column('text')
  method!: string;

  @Column('jsonb', { default: [] })
  checkPoints!: string[];

  @Column('text')
  targetScope!: string;

  @Column('double precision', { nullable: true })
  defaultRatio!: number | null;

  @Column('int', { nullable: true })
  frequency!: number | null;

  @Column('int')
  version!: number;
}
