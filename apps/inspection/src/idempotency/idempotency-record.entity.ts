import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A request made with an Idempotency-Key, with the response it got. Written in the transaction of
 * the change itself: the key is taken if and only if the change committed.
 */
@Entity({ name: 'idempotency_record' })
export class IdempotencyRecord {
  /** Keys are per caller (token subject): one user's key can never replay another user's response. */
  @PrimaryColumn('text')
  owner!: string;

  @PrimaryColumn('text')
  key!: string;

  @Column('text')
  operation!: string;

  /** SHA-256 of the operation and the canonical request body. */
  @Column('char', { length: 64 })
  fingerprint!: string;

  @Column('int', { nullable: true })
  responseStatus!: number | null;

  @Column('jsonb', { nullable: true })
  responseBody!: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
