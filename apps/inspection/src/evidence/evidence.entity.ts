import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Assignment } from '../assignments/assignment.entity.js';

export const EVIDENCE_PURPOSES = ['photo', 'signature'] as const;
export type EvidencePurpose = (typeof EVIDENCE_PURPOSES)[number];

/** Metadata of one evidence file of an assignment; the bytes live in the EvidenceStore under the hash. */
@Entity({ name: 'evidence' })
@Index('ux_evidence_assignment_sha256', ['assignmentId', 'sha256'], { unique: true })
@Check('ck_evidence_purpose', `purpose IN ('photo', 'signature')`)
@Check('ck_evidence_record_hash', `(purpose = 'signature') = (record_hash IS NOT NULL)`)
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

  /** `photo`: evidence a result cites (any accepted type); `signature`: a signature image (PNG) a result's signature names. */
  @Column('text', { default: 'photo' })
  purpose!: EvidencePurpose;

  /**
   * A signature image only: the recordHash of the record it signs, declared when its upload began. A
   * signature may use it only for that record, so an image cannot be moved to a record changed later.
   */
  @Column('char', { length: 64, nullable: true })
  recordHash!: string | null;

  /** When the phone took it (as the phone's clock said), if declared. */
  @Column('timestamptz', { nullable: true })
  capturedAt!: Date | null;

  /** Where the phone took it, if declared (WGS 84 degrees; accuracy in metres). */
  @Column('double precision', { nullable: true })
  latitude!: number | null;

  @Column('double precision', { nullable: true })
  longitude!: number | null;

  @Column('double precision', { nullable: true })
  accuracyMeters!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt!: Date;
}
