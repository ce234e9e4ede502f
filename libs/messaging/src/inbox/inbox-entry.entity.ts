import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An event a consumer has handled. Inserted in the same transaction as the handler's writes, so a
 * redelivered event finds its row and changes nothing.
 */
@Entity({ name: 'inbox_entry' })
export class InboxEntry {
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  @PrimaryColumn('uuid')
  eventId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  handledAt!: Date;
}
