import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The 检查内容 of every item version inspection has seen published (planning.items.published). Item
 * versions never change in planning, so a row is written once and kept: an assignment of version 3
 * shows version 3's points even after version 4 is the current one (listed_item keeps only that).
 * Item codes are unique across departments in planning (code + version identifies a version).
 */
@Entity({ name: 'item_check_points' })
export class ItemCheckPoints {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text', array: true })
  checkPoints!: string[];

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;
}
