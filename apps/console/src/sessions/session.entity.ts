import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed-in browser. The cookie carries a 256-bit random secret; only its SHA-256 is stored, so a
 * copy of this table opens no session. Ends at the idle or absolute timeout, or when revoked.
 */
@Entity({ name: 'session' })
@Index('ux_session_token_hash', ['tokenHash'], { unique: true })
@Index('ix_session_account', ['accountId', 'createdAt'])
export class Session {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_session' })
  id!: string;

  @Column('character', { length: 64 })
  tokenHash!: string;

  @Column('uuid')
  accountId!: string;

  @Column('text')
  authMethod!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  lastSeenAt!: Date;

  /** The absolute end: created + CONSOLE_SESSION_ABSOLUTE_MINUTES. */
  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Column('text', { nullable: true })
  userAgent!: string | null;

  @Column('text', { nullable: true })
  ip!: string | null;
}
