import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuditChange } from '#domain';

/**
 * One record of the full-process record (执法全过程记录): one committed transaction that changed
 * state, with who, when, what and the hash chain. Append-only: the migration (audit-migration.ts)
 * revokes UPDATE, DELETE and TRUNCATE and adds triggers that refuse them for every role.
 */
@Entity({ name: 'audit_record' })
@Index('ux_audit_record_id', ['id'], { unique: true })
@Index('ix_audit_record_at', ['at'])
@Index('ix_audit_record_subject', ['subject', 'seq'])
@Index('ix_audit_record_department', ['department', 'seq'])
@Index('ix_audit_record_request', ['requestId'])
@Index('ix_audit_record_entity_ids', { synchronize: false }) // GIN, made by the migration
export class AuditRecord {
  /** Position in the chain, from 1, without gaps: a gap is a deleted record. */
  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq!: number;

  @Column('uuid')
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text', array: true })
  roles!: string[];

  @Column({ type: 'text', nullable: true })
  department!: string | null;

  @Column({ type: 'text' })
  action!: string;

  /** Route parameters and changed rows' ids (GIN-indexed by the migration). */
  @Column({ type: 'text', array: true })
  entityIds!: string[];

  @Column({ type: 'jsonb' })
  changes!: AuditChange[];

  @Column({ type: 'text' })
  requestId!: string;

  @Column({ type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
