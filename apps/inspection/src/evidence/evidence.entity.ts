import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Assignment } from '../assignments/assignment.entity.js';

/** Metadata of one evidence file of an assignment; the bytes live in the EvidenceStore under the hash. */
@Entity({ name: 'evidence' })
@Index('ux_evidence_assignment_sha256', ['assignmentId', 'sha256'], { unique: true })
export class Evidence {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  assignmentId!: string;

  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'fk_evidence_assignment' })
  assignment?: Assignment;

  @Column('char', { length: 64 })
  sha256!: string;

  /** As recognised from the bytes, not as declared by the client. */
  @Column('text')
  contentType!: string;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  size!: number;

  @Column('text', { nullable: true })
  fileName!: string | null;

  @Column('text')
  uploadedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt!: Date;
}
