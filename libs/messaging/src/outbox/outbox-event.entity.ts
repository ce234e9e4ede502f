import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An event waiting to be relayed to the broker. Written in the same transaction as the state change
 * it describes, so an event exists if and only if the change committed.
 */
@Entity({ name: 'outbox_event' })
@Index('ix_outbox_event_unpublished', ['seq'], { where: 'published_at IS NULL' })
export class OutboxEvent {
  /** The envelope id: also the JetStream msgID, so a re-relay after a crash is de-duplicated. */
  @PrimaryColumn('uuid')
  id!: string;

  /** Relay order: events of one producer go out in the order they were written. */
  @Column({ type: 'bigint', generated: 'increment', unique: false })
  seq!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  type!: string;

  /** The whole envelope as JSON text, published byte for byte. */
  @Column({ type: 'text' })
  body!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;
}
