import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The published 随机抽查事项清单 as inspection knows it (planning.items.published): a 即时检查 checks
 * items of the list, in their current version, never an item the bureau has not published.
 */
@Entity({ name: 'listed_item' })
export class ListedItem {
  @PrimaryColumn({ type: 'text' })
  department!: string;

  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text', array: true })
  checkPoints!: string[];

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;
}
